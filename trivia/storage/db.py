"""Opening the SQLite connection with the settings every Store relies on, and query helpers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process (e.g. `trivia-bot import`) to finish."""

CACHE_KIB = 64 * 1024
"""Page cache. Awards update player_stats rows all over its indexes; SQLite's default 2 MiB
cache would re-read those pages from the OS on almost every write once the file is large."""


async def connect(path: str | Path) -> aiosqlite.Connection:
    """A connection in autocommit mode: Store spells out every transaction itself."""
    db = await aiosqlite.connect(path, isolation_level=None)
    try:
        db.row_factory = aiosqlite.Row
        await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        await db.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL never corrupts; at worst the last commits before a power cut are lost.
        await db.execute("PRAGMA synchronous = NORMAL")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute(f"PRAGMA cache_size = -{CACHE_KIB:d}")
    except BaseException:
        await db.close()
        raise
    return db


async def fetch_one(
    db: aiosqlite.Connection, query: str, params: Sequence[Any] = ()
) -> aiosqlite.Row | None:
    async with db.execute(query, params) as cursor:
        return await cursor.fetchone()


async def fetch_value(db: aiosqlite.Connection, query: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row, or None when there is no row."""
    row = await fetch_one(db, query, params)
    return row[0] if row is not None else None
