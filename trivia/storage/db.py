"""The SQLite connection every Store uses, and the one thread that may touch it.

The connection lives on its own single worker thread, and each transaction is one plain
function run there start to finish: one hand-off from the event loop and back however many
statements it runs. (Through aiosqlite every statement, fetch and cursor close was a hand-off
of its own, ~20-110 us each on a small VM; closing one question took about ten.) Python's
sqlite3 lets go of the GIL while SQLite works, so the event loop keeps running meanwhile.
Functions queue on the thread in the order they were handed over, so one never sees
another's transaction half done.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

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


def _open(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode: Store spells out every transaction itself."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


class Database:
    """A sqlite3 connection owned by one worker thread; `run` hands it a function."""

    def __init__(self, executor: ThreadPoolExecutor, conn: sqlite3.Connection) -> None:
        self._executor = executor
        self._conn = conn
        self._closed = False

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trivia-sqlite")
        try:
            conn = await asyncio.get_running_loop().run_in_executor(executor, _open, path)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(executor, conn)

    def submit(self, fn: Callable[[sqlite3.Connection], T]) -> asyncio.Future[T]:
        """Queue `fn(connection)` on the thread. Cancelling the future drops `fn` only if it
        has not started; once running it always runs to the end."""
        loop = asyncio.get_running_loop()
        if self._closed:
            # As aiosqlite did: using a closed connection is a ValueError, raised by the await.
            failed: asyncio.Future[T] = loop.create_future()
            failed.set_exception(ValueError("the database connection is closed"))
            return failed
        return loop.run_in_executor(self._executor, fn, self._conn)

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await self.submit(fn)

    async def execute(self, query: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """One statement on its own (autocommit), all its rows: for tools and tests."""
        return await self.run(lambda conn: conn.execute(query, params).fetchall())

    async def close(self) -> None:
        """Close once everything handed over before has run; later calls fail."""
        if self._closed:
            return
        closing = self.submit(sqlite3.Connection.close)
        self._closed = True
        try:
            await closing
        finally:
            self._executor.shutdown(wait=False)


async def connect(path: str | Path) -> Database:
    """Open `path` (creating the file if needed) with the settings every Store relies on."""
    return await Database.open(path)


def fetch_one(
    conn: sqlite3.Connection, query: str, params: Sequence[Any] = ()
) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(query, params).fetchone()
    return row


def fetch_value(conn: sqlite3.Connection, query: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row, or None when there is no row."""
    row = fetch_one(conn, query, params)
    return row[0] if row is not None else None
