"""The one way onto the connection: reads get a snapshot, writes share commits.

A single aiosqlite connection (one worker thread, aiosqlite's) serves every caller. An
asyncio.Lock hands it to one transaction at a time, so concurrent rounds queue up instead of
meeting "database is locked", and nobody reads another caller's half-done work.

Writes use group commit. Each write is queued and its caller waits for the outcome; one drain
task runs everything queued so far in one transaction, each write all-or-nothing on its own.
A write that fails is rolled back alone and its caller gets the error; the rest commit
together, and every write is committed before its caller resumes. With a hundred rounds
closing questions at once this turns a hundred commits (and their WAL traffic) into a few.
A caller cancelled before its write started drops it.

A write is made all-or-nothing by a SAVEPOINT of its own, with two savings in hand-offs to
aiosqlite's thread (see trivia.storage.sqlite.connection):
- When a batch holds a single write, or a single merged group, the transaction itself is
  the savepoint.
- Writes queued one after another with the same merge function (`write_merged`; closing a
  question is one) run as one call of it, which sends all their rows in a few `executemany`
  statements under one savepoint. Should it fail, the group is rolled back and its writes
  run again one by one, each in its own savepoint, so only the culprit fails; failures are
  rare (a bug, a full disk), so the saving far outweighs the occasional second run.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import aiosqlite

from trivia.errors import StorageError

T = TypeVar("T")
Item = TypeVar("Item")
Op = Callable[[aiosqlite.Connection], Awaitable[T]]
Merge = Callable[[aiosqlite.Connection, Sequence[Item]], Awaitable[list[Any]]]
"""Runs several writes of one kind together, as running them one after another would:
returns their results in order. Raising fails the whole group."""
Outcome = tuple[BaseException | None, Any]  # (error, result) of one write


def _translated(error: BaseException) -> BaseException:
    if isinstance(error, sqlite3.Error):
        wrapped = StorageError(f"database error: {error}")
        wrapped.__cause__ = error
        return wrapped
    if isinstance(error, asyncio.CancelledError):
        return StorageError("cancelled before the write was committed")
    return error


async def _alone(db: aiosqlite.Connection, ops: Sequence[Op[Any]]) -> list[Any]:
    """The merge function of plain writes, which never merge: `ops` is one write."""
    return [await op(db) for op in ops]


@dataclass(frozen=True, slots=True)
class _Pending:
    merge: Merge[Any]
    item: Any
    future: asyncio.Future[Any]


def _groups(batch: Sequence[_Pending]) -> list[list[_Pending]]:
    """Runs of neighbouring writes that share a merge function; plain writes stay single.
    Order is kept, so a write always sees every write queued before it."""
    groups: list[list[_Pending]] = []
    for pending in batch:
        if groups and pending.merge is not _alone and groups[-1][0].merge == pending.merge:
            groups[-1].append(pending)
        else:
            groups.append([pending])
    return groups


def _settle(future: asyncio.Future[Any], error: BaseException | None, result: Any) -> None:
    if future.done():  # its caller was cancelled
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class SerialConnection:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._lock = asyncio.Lock()
        self._queue: list[_Pending] = []
        self._drainer: asyncio.Task[None] | None = None

    async def read(self, query: Op[T]) -> T:
        """`query` inside a read transaction, so its statements all see the same commit."""
        async with self._lock:
            try:
                await self._db.execute("BEGIN DEFERRED")
                try:
                    return await query(self._db)
                finally:
                    await asyncio.shield(self._db.execute("ROLLBACK"))
            except sqlite3.Error as error:
                raise _translated(error) from error

    async def read_single(self, query: Op[T]) -> T:
        """Like `read`, for a `query` that runs exactly one statement: SQLite reads a statement
        from one snapshot anyway, so this saves the BEGIN and ROLLBACK hand-offs."""
        async with self._lock:
            try:
                return await query(self._db)
            except sqlite3.Error as error:
                raise _translated(error) from error

    async def write(self, op: Op[T]) -> T:
        """Run `op` atomically and return once it is committed; its error is re-raised."""
        result: T = await self._enqueue(_alone, op)
        return result

    async def write_merged(self, merge: Merge[Item], item: Item) -> Any:
        """Like `write`, for `merge(db, [item])`, run together with the neighbouring writes
        queued with the same `merge`."""
        return await self._enqueue(merge, item)

    async def close(self) -> None:
        if self._drainer is not None:
            await self._drainer
        async with self._lock:
            await self._db.close()

    async def _enqueue(self, merge: Merge[Any], item: Any) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(merge, item, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._queue:
            batch = [pending for pending in self._queue if not pending.future.cancelled()]
            self._queue = []
            if batch:
                async with self._lock:
                    await self._commit(batch)
                # One loop turn for the callers just answered: what they write next joins the
                # writes that queued meanwhile, instead of the two alternating batch by batch.
                await asyncio.sleep(0)

    async def _commit(self, batch: list[_Pending]) -> None:
        db = self._db
        groups = _groups(batch)
        try:
            await db.execute("BEGIN IMMEDIATE")
            outcomes = [
                outcome
                for group in groups
                for outcome in await self._run(group, savepoint=len(groups) > 1)
            ]
            if db.in_transaction:  # not when the batch's only write failed
                await db.execute("COMMIT")
        except BaseException as error:
            # Nothing of the batch was committed: every write in it fails.
            if db.in_transaction:
                # Shielded: even a cancelled batch must leave the connection clean.
                await asyncio.shield(db.execute("ROLLBACK"))
            for pending in batch:
                _settle(pending.future, _translated(error), None)
            if isinstance(error, asyncio.CancelledError):
                raise
            return
        for pending, (failure, result) in zip(batch, outcomes, strict=True):
            _settle(pending.future, failure, result)

    async def _run(self, group: list[_Pending], *, savepoint: bool) -> list[Outcome]:
        """One group, all-or-nothing. Without `savepoint` it is the transaction's only work,
        and a failure rolls the transaction back instead."""
        db = self._db
        if savepoint:
            await db.execute("SAVEPOINT write")
        try:
            results = await group[0].merge(db, [pending.item for pending in group])
            if len(results) != len(group):
                raise RuntimeError(f"{len(results)} results for {len(group)} writes")
        except Exception as error:
            if savepoint:
                await db.execute("ROLLBACK TO write")
                await db.execute("RELEASE write")
            elif db.in_transaction:
                await db.execute("ROLLBACK")
            if len(group) == 1:
                return [(_translated(error), None)]
            if not savepoint:
                await db.execute("BEGIN IMMEDIATE")
            return [
                outcome
                for pending in group
                for outcome in await self._run([pending], savepoint=True)
            ]
        if savepoint:
            await db.execute("RELEASE write")
        return [(None, result) for result in results]
