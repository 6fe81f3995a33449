"""Persistence: the only package that speaks SQL. Everything else depends on `Store`.

`open_store` picks the implementation from the database setting: a file path is the embedded
SQLite default, a postgresql:// (or postgres://) URL the PostgreSQL store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from trivia.storage.interface import DEFAULT_MIN_ANSWERS, Store
from trivia.storage.sqlite.store import DEFAULT_DB_PATH, SqliteStore

__all__ = [
    "DEFAULT_DB_PATH",
    "DEFAULT_MIN_ANSWERS",
    "SqliteStore",
    "Store",
    "is_postgres_url",
    "open_store",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(database: str | Path) -> bool:
    return isinstance(database, str) and database.startswith(_POSTGRES_SCHEMES)


async def open_store(
    database: str | Path = DEFAULT_DB_PATH, *, now: Callable[[], datetime] | None = None
) -> Store:
    """The store for `database`, opened and migrated."""
    if is_postgres_url(database):
        from trivia.storage.postgres.store import PostgresStore

        return await PostgresStore.open(str(database), now=now)
    return await SqliteStore.open(database, now=now)
