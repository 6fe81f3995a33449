"""Persistence: the only package that speaks SQL. Everything else depends on `Store`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from trivia.storage.interface import DEFAULT_MIN_ANSWERS, Store
from trivia.storage.sqlite.store import DEFAULT_DB_PATH, SqliteStore

__all__ = ["DEFAULT_DB_PATH", "DEFAULT_MIN_ANSWERS", "SqliteStore", "Store", "open_store"]


async def open_store(
    database: str | Path = DEFAULT_DB_PATH, *, now: Callable[[], datetime] | None = None
) -> Store:
    """Open (creating and migrating as needed) the store the `database` setting names."""
    return await SqliteStore.open(database, now=now)
