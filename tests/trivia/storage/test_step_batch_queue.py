"""The queue of PostgreSQL's step batches, against a stand-in for the database: which steps
go out together."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from tests.trivia.storage.steps import step
from trivia.storage.postgres.step_batches import Call, Outcome, StepBatches

MOMENT = datetime(2026, 11, 29, tzinfo=UTC)


class Database:
    """Answers trivia_apply_steps as if every step were written; the first call waits for
    `release`, and each call's number of steps is noted."""

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.first_in_flight = asyncio.Event()
        self.release = asyncio.Event()

    async def fetch(self, query: str, *arguments: Sequence[object]) -> list[tuple[object, ...]]:
        rounds = arguments[3]  # s_round, one entry per step
        self.batches.append(len(rounds))
        if len(self.batches) == 1:
            self.first_in_flight.set()
            await self.release.wait()
        return [(n, None, None, []) for n in range(1, len(rounds) + 1)]

    async def write(self, call: Call) -> list[Outcome]:
        return await call(self)  # type: ignore[arg-type]


async def test_steps_that_follow_a_batch_join_the_steps_queued_during_it() -> None:
    database = Database()
    batches = StepBatches(database.write, lambda: MOMENT)

    async def round_(round_id: int) -> None:
        for _ in range(2):
            assert await batches.apply(step(round_id, state={})) == []

    early = [asyncio.create_task(round_(r)) for r in (1, 2, 3)]
    await database.first_in_flight.wait()
    late = [asyncio.create_task(round_(r)) for r in (4, 5, 6)]
    await asyncio.sleep(0)
    database.release.set()
    await asyncio.gather(*early, *late)
    await batches.close()
    assert database.batches == [3, 6, 3]


async def test_a_second_step_of_a_round_waits_for_the_next_batch() -> None:
    database = Database()
    database.release.set()
    batches = StepBatches(database.write, lambda: MOMENT)
    await asyncio.gather(*(batches.apply(step(r, state={})) for r in (1, 2, 1, 1)))
    assert database.batches == [2, 1, 1]
