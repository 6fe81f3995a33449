"""Persistence: the only package that speaks SQL. Everything else goes through Store.

`open_store` picks the implementation from the database setting: a file path is the embedded
SQLite default, a postgresql:// (or postgres://) URL the PostgreSQL store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from trivia.storage import interface
from trivia.storage.sqlite.leaderboards import DEFAULT_MIN_ANSWERS
from trivia.storage.sqlite.store import DEFAULT_DB_PATH, Store

__all__ = ["DEFAULT_DB_PATH", "DEFAULT_MIN_ANSWERS", "Store", "is_postgres_url", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(database: str | Path) -> bool:
    return isinstance(database, str) and database.startswith(_POSTGRES_SCHEMES)


async def open_store(
    database: str | Path, *, now: Callable[[], datetime] | None = None
) -> interface.Store:
    """The store for `database`, opened and migrated."""
    if is_postgres_url(database):
        from trivia.storage.postgres.store import PostgresStore

        return await PostgresStore.open(str(database), now=now)
    return await Store.open(database, now=now)
