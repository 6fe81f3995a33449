"""The one way onto the connection: reads get a snapshot, writes share commits.

A single aiosqlite connection (one worker thread) serves every caller. An asyncio.Lock hands
it to one transaction at a time, so concurrent rounds queue up instead of meeting
"database is locked", and nobody reads another caller's half-done work.

Writes use group commit. Each write is queued and its caller waits for the outcome; one
drain task runs everything queued so far in one transaction, each write inside its own
SAVEPOINT. A write that fails is rolled back alone and its caller gets the error; the rest
commit together. With a hundred rounds closing questions at once this turns a hundred
commits (and their WAL traffic) into a few, while every write stays all-or-nothing and is
committed before its caller resumes. A caller cancelled before its write started drops it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import aiosqlite

from trivia.errors import StorageError

T = TypeVar("T")
Write = Callable[[aiosqlite.Connection], Awaitable[Any]]


def _translated(error: BaseException) -> BaseException:
    if isinstance(error, aiosqlite.Error):
        wrapped = StorageError(f"database error: {error}")
        wrapped.__cause__ = error
        return wrapped
    return error


class Gate:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._lock = asyncio.Lock()
        self._queue: list[tuple[Write, asyncio.Future[Any]]] = []
        self._drainer: asyncio.Task[None] | None = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A consistent snapshot for several queries."""
        async with self._lock:
            await self._db.execute("BEGIN DEFERRED")
            try:
                yield self._db
            except aiosqlite.Error as error:
                raise _translated(error) from error
            finally:
                await asyncio.shield(self._db.execute("ROLLBACK"))

    async def write(self, op: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run `op` atomically and return once it is committed; its error is re-raised."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((op, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def close(self) -> None:
        if self._drainer is not None:
            await self._drainer
        async with self._lock:
            await self._db.close()

    async def _drain(self) -> None:
        while self._queue:
            batch = [(op, f) for op, f in self._queue if not f.cancelled()]
            self._queue = []
            if batch:
                async with self._lock:
                    await self._run(batch)

    async def _run(self, batch: list[tuple[Write, asyncio.Future[Any]]]) -> None:
        db = self._db
        outcomes: list[tuple[asyncio.Future[Any], BaseException | None, Any]] = []
        try:
            await db.execute("BEGIN IMMEDIATE")
            for op, future in batch:
                await db.execute("SAVEPOINT write")
                try:
                    result = await op(db)
                except Exception as error:
                    await db.execute("ROLLBACK TO write")
                    await db.execute("RELEASE write")
                    outcomes.append((future, _translated(error), None))
                else:
                    await db.execute("RELEASE write")
                    outcomes.append((future, None, result))
            await db.execute("COMMIT")
        except BaseException as error:
            # Nothing of the batch was committed: every write in it fails.
            if db.in_transaction:
                # Shielded: even a cancelled batch must leave the connection clean.
                await asyncio.shield(db.execute("ROLLBACK"))
            cancelled = isinstance(error, asyncio.CancelledError)
            for _, future in batch:
                if future.cancelled():
                    continue
                future.set_exception(
                    StorageError("cancelled before the write was committed")
                    if cancelled else _translated(error)
                )
            if cancelled:
                raise
            return
        for future, error, result in outcomes:
            if future.cancelled():
                continue
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)
