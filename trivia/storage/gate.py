"""The one way onto the database: reads get a snapshot, writes share commits.

Every Store call hands one function to the database thread (trivia.storage.db), which runs
them one at a time in the order given. A transaction therefore never interleaves with
another, concurrent rounds queue up instead of meeting "database is locked", and nobody
reads another caller's half-done work.

Writes use group commit. Each write is queued and its caller waits for the outcome; one
drain task hands everything queued so far to the thread as a single function that runs it
in one transaction, each write inside its own SAVEPOINT. A write that fails is rolled back
alone and its caller gets the error; the rest commit together. With a hundred rounds
closing questions at once this turns a hundred commits (and their WAL traffic) into a few,
and a hundred round trips to the thread into one, while every write stays all-or-nothing
and is committed before its caller resumes. A caller cancelled before its write started
drops it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from trivia.errors import StorageError
from trivia.storage.db import Database

T = TypeVar("T")
Write = Callable[[sqlite3.Connection], Any]
Outcome = tuple[BaseException | None, Any]  # (error, result) of one write


def _translated(error: BaseException) -> BaseException:
    if isinstance(error, sqlite3.Error):
        wrapped = StorageError(f"database error: {error}")
        wrapped.__cause__ = error
        return wrapped
    if isinstance(error, asyncio.CancelledError):
        return StorageError("cancelled before the write was committed")
    return error


def _snapshot(query: Callable[[sqlite3.Connection], T], conn: sqlite3.Connection) -> T:
    """`query` inside a read transaction, so its statements all see the same commit."""
    conn.execute("BEGIN DEFERRED")
    try:
        return query(conn)
    finally:
        conn.execute("ROLLBACK")


def _commit_batch(writes: Sequence[Write], conn: sqlite3.Connection) -> list[Outcome]:
    """Run on the database thread: every write in one transaction, each undone alone if it
    fails. Raises, with nothing committed, only when the transaction as a whole fails."""
    outcomes: list[Outcome] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for write in writes:
            conn.execute("SAVEPOINT write")
            try:
                result = write(conn)
            except Exception as error:
                conn.execute("ROLLBACK TO write")
                conn.execute("RELEASE write")
                outcomes.append((_translated(error), None))
            else:
                conn.execute("RELEASE write")
                outcomes.append((None, result))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes


def _settle(futures: Sequence[asyncio.Future[Any]], job: asyncio.Future[list[Outcome]]) -> None:
    """Hand each caller its write's outcome once the batch is done on the thread."""
    try:
        outcomes = job.result()
    except BaseException as error:  # nothing of the batch was committed: every write fails
        outcomes = [(_translated(error), None) for _ in futures]
    for future, (error, result) in zip(futures, outcomes, strict=True):
        if future.cancelled():
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


class Gate:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._queue: list[tuple[Write, asyncio.Future[Any]]] = []
        self._drainer: asyncio.Task[None] | None = None

    async def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """`query(connection)` on a consistent snapshot, for one or several statements."""
        try:
            return await self._db.run(partial(_snapshot, query))
        except sqlite3.Error as error:
            raise _translated(error) from error

    async def write(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """Run `op` atomically and return once it is committed; its error is re-raised."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((op, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def close(self) -> None:
        if self._drainer is not None:
            await self._drainer
        await self._db.close()

    async def _drain(self) -> None:
        while self._queue:
            batch = [(op, f) for op, f in self._queue if not f.cancelled()]
            self._queue = []
            if batch:
                job = self._db.submit(partial(_commit_batch, [op for op, _ in batch]))
                job.add_done_callback(partial(_settle, [f for _, f in batch]))
                # Not `await job`: the batch's callers are settled by the callback, and
                # cancelling this task must not cancel a batch the thread may be running.
                await asyncio.wait([job])
