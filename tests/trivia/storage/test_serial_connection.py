"""The gate's group commit: neighbouring writes of one kind share statements, and still fail
alone; plain writes keep their place in the queue."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import aiosqlite
import pytest

from trivia.errors import StorageError
from trivia.storage.sqlite.connection import connect
from trivia.storage.sqlite.serial_connection import SerialConnection


class Numbers:
    """A merge function that inserts numbers (negative ones break a CHECK) and notes how many
    writes each of its calls received."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    async def __call__(self, db: aiosqlite.Connection, items: Sequence[int]) -> list[int]:
        self.calls.append(len(items))
        await db.executemany("INSERT INTO numbers (n) VALUES (?)", [(n,) for n in items])
        return [n * 10 for n in items]


@pytest.fixture
async def gate(tmp_path: Path) -> AsyncIterator[SerialConnection]:
    db = await connect(tmp_path / "gate.db")
    await db.execute("CREATE TABLE numbers (n INTEGER NOT NULL CHECK (n >= 0))")
    opened = SerialConnection(db)
    yield opened
    await opened.close()


async def stored(gate: SerialConnection) -> list[int]:
    async def query(db: aiosqlite.Connection) -> list[int]:
        return [n for (n,) in await db.execute_fetchall("SELECT n FROM numbers ORDER BY rowid")]

    return await gate.read_single(query)


async def insert_plain(db: aiosqlite.Connection, n: int) -> str:
    await db.execute("INSERT INTO numbers (n) VALUES (?)", (n,))
    return f"plain {n}"


async def test_neighbours_merge_and_a_plain_write_keeps_its_place(gate: SerialConnection) -> None:
    numbers = Numbers()
    results = await asyncio.gather(
        *(gate.write_merged(numbers, n) for n in (1, 2, 3)),
        gate.write(lambda db: insert_plain(db, 4)),
        *(gate.write_merged(numbers, n) for n in (5, 6)),
    )
    assert results == [10, 20, 30, "plain 4", 50, 60]
    assert numbers.calls == [3, 2]
    assert await stored(gate) == [1, 2, 3, 4, 5, 6]


async def test_a_failing_group_is_retried_one_by_one_and_only_the_culprit_fails(
    gate: SerialConnection,
) -> None:
    numbers = Numbers()
    results = await asyncio.gather(
        gate.write(lambda db: insert_plain(db, 1)),
        *(gate.write_merged(numbers, n) for n in (2, -3, 4)),
        return_exceptions=True,
    )
    assert results[:2] == ["plain 1", 20] and results[3] == 40
    assert isinstance(results[2], StorageError)
    assert numbers.calls == [3, 1, 1, 1]
    assert await stored(gate) == [1, 2, 4]


async def test_a_failing_lone_group_is_retried_one_by_one(gate: SerialConnection) -> None:
    """The batch's only group runs without a savepoint; its retry must still commit."""
    numbers = Numbers()
    results = await asyncio.gather(
        *(gate.write_merged(numbers, n) for n in (-1, 2)), return_exceptions=True
    )
    assert isinstance(results[0], StorageError) and results[1] == 20
    assert numbers.calls == [2, 1, 1]
    assert await stored(gate) == [2]


async def test_a_lone_failing_write_leaves_nothing_and_the_next_one_commits(
    gate: SerialConnection,
) -> None:
    async def half_done(db: aiosqlite.Connection) -> None:
        await insert_plain(db, 1)
        raise ValueError("broken after the first statement")

    with pytest.raises(ValueError, match="broken"):
        await gate.write(half_done)
    assert await gate.write(lambda db: insert_plain(db, 2)) == "plain 2"
    assert await stored(gate) == [2]


async def test_a_cancelled_caller_drops_a_write_that_has_not_started(
    gate: SerialConnection,
) -> None:
    numbers = Numbers()
    dropped = asyncio.ensure_future(gate.write_merged(numbers, 1))
    kept = asyncio.ensure_future(gate.write_merged(numbers, 2))
    await asyncio.sleep(0)  # both are queued; the drain task has not run yet
    dropped.cancel()
    assert await kept == 20
    assert await stored(gate) == [2]


async def test_writes_that_follow_a_commit_join_the_writes_queued_during_it(
    gate: SerialConnection,
) -> None:
    """Two groups of writers, the second queued while the first's commit runs: each writer's
    next write joins the waiting group's, rather than the groups alternating batch by batch."""
    numbers = Numbers()
    first_in_flight, release = asyncio.Event(), asyncio.Event()

    async def slow_first(db: aiosqlite.Connection, items: Sequence[int]) -> list[int]:
        first_in_flight.set()
        await release.wait()
        return await numbers(db, items)

    async def writer(n: int, first: bool) -> None:
        await gate.write_merged(slow_first if first else numbers, n)
        await gate.write_merged(numbers, n + 100)

    early = [asyncio.create_task(writer(n, first=True)) for n in (1, 2, 3)]
    await first_in_flight.wait()
    late = [asyncio.create_task(writer(n, first=False)) for n in (4, 5, 6)]
    await asyncio.sleep(0)
    release.set()
    await asyncio.gather(*early, *late)
    assert numbers.calls == [3, 6, 3]
