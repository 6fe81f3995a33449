"""Opening the aiosqlite connection with the settings every Store relies on, and query helpers.

aiosqlite runs the sqlite3 connection on a worker thread of its own. Every call made on the
connection (a statement, a fetch, a cursor close) is one hand-off to that thread and back,
~20-110 us on a small VM whatever the statement does, so the storage code counts hand-offs:
it reads with `execute_fetchall` (one, where execute + fetchone + close took three), sends the
rows of many writes in one `executemany`, and lets the gate merge concurrent writes of one kind
into one set of statements (trivia.storage.sqlite.serial_connection).
Python's sqlite3 lets go of the GIL while
SQLite works, so the event loop keeps running meanwhile.
"""

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

WAL_AUTOCHECKPOINT_PAGES = 10_000
"""Copy the WAL back into the database once it holds this many pages (~40 MB), not SQLite's
default 1,000. Busy group commits dirty a few pages per award scattered over the stats
indexes, so at the default nearly every commit also paid for a checkpoint and its fsyncs;
a longer WAL writes each hot page back once for many commits."""

_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}",
    "PRAGMA journal_mode = WAL",
    # With WAL, NORMAL never corrupts; at worst the last commits before a power cut are lost.
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA cache_size = -{CACHE_KIB:d}",
    f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES:d}",
)


async def connect(path: str | Path) -> aiosqlite.Connection:
    """A connection in autocommit mode: Store spells out every transaction itself."""
    db = await aiosqlite.connect(path, isolation_level=None)
    try:
        db.row_factory = aiosqlite.Row
        # One hand-off for all of them. executescript would first commit an open transaction,
        # but a connection this new has none.
        await db.executescript(";\n".join(_PRAGMAS))
    except BaseException:
        await db.close()
        raise
    return db


async def fetch_one(
    db: aiosqlite.Connection, query: str, params: Sequence[Any] = ()
) -> aiosqlite.Row | None:
    """The first row, or None; for queries that match at most a few rows."""
    rows = await db.execute_fetchall(query, params)
    return next(iter(rows), None)


async def fetch_value(db: aiosqlite.Connection, query: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row, or None when there is no row."""
    row = await fetch_one(db, query, params)
    return row[0] if row is not None else None
