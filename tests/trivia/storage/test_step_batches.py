"""Steps of many rounds written together (PostgreSQL's batches, SQLite's group commits) keep
the promises of a step written alone: the stats come out as if one after another, a refused
or failing step fails alone, a round's steps stay in order, and a step whose caller gave up
before it was sent is not written."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tests.trivia.conftest import WallClock
from tests.trivia.storage.steps import GUILD, closed, new_round, pick, reveal, step
from trivia.errors import LeaseLost, StorageError
from trivia.storage import open_store
from trivia.storage.interface import Store
from trivia.storage.round_steps import LEASE_TTL

PLAYER = 42


async def rounds(store: Store, count: int) -> list[int]:
    return [(await store.create_round(new_round(channel=c)))[0] for c in range(1, count + 1)]


async def answer_at_once(store: Store, round_ids: list[int], number: int, *right: bool) -> None:
    """PLAYER answers question `number` in each round, all closed at the same moment."""
    await asyncio.gather(
        *(
            store.apply_step(step(r, closed=closed(number, (PLAYER, ok, 10 if ok else 0))))
            for r, ok in zip(round_ids, right, strict=True)
        )
    )


@pytest.mark.parametrize(
    ("before", "batch", "streak", "best"),
    [
        ((), (False, True, True, True), 3, 3),  # a run after a miss
        ((True, True), (True, False, True, True, True), 3, 3),  # the head run tops up 2 to 3
        ((True, True), (True, True, False, True), 1, 4),  # the head run carries the old streak
        ((True, True, True, True), (False, True, False, True, True), 2, 4),
        ((), (True, True, True), 3, 3),
    ],
)
async def test_answers_written_together_count_one_after_another(
    store: Store, before: tuple[bool, ...], batch: tuple[bool, ...], streak: int, best: int
) -> None:
    round_ids = await rounds(store, len(batch))
    for number, right in enumerate(before, start=1):
        await answer_at_once(store, round_ids[:1], number, right)
    await answer_at_once(store, round_ids, len(before) + 1, *batch)
    for scope in (GUILD, None):
        stats = await store.player_stats(scope, PLAYER)
        answers = before + batch
        assert (stats.answered, stats.correct) == (len(answers), sum(answers))
        assert (stats.streak, stats.best_streak) == (streak, best)


async def test_a_refused_step_fails_alone(store: Store, wall_clock: WallClock) -> None:
    kept, taken = await rounds(store, 2)
    wall_clock.now += timedelta(seconds=LEASE_TTL + 1)
    assert await store.claim_round(taken, "process-b", LEASE_TTL) is not None
    outcomes = await asyncio.gather(
        store.apply_step(step(kept, closed=closed(1, (PLAYER, True, 10)), owed=(reveal(1),))),
        store.apply_step(step(taken, closed=closed(1, (7, True, 10)), owed=(reveal(1),))),
        return_exceptions=True,
    )
    assert outcomes[0] == [1]
    assert isinstance(outcomes[1], LeaseLost)
    assert (await store.player_stats(GUILD, PLAYER)).points == 10
    assert (await store.player_stats(GUILD, 7)).answered == 0
    assert (await store.round_outbox(taken)).owed == ()


async def test_steps_of_one_round_sent_at_once_are_written_in_order(store: Store) -> None:
    (round_id,) = await rounds(store, 1)
    first, second = await asyncio.gather(
        store.apply_step(step(round_id, state={"n": 1}, owed=(reveal(1),))),
        store.apply_step(step(round_id, state={"n": 2}, owed=(reveal(2),))),
    )
    assert (first, second) == ([1], [2])
    saved = await store.load_round(round_id)
    assert saved is not None and saved.state == {"n": 2}


async def test_a_step_given_up_before_it_was_sent_is_not_written(store: Store) -> None:
    kept, dropped = await rounds(store, 2)
    writes = [
        asyncio.create_task(store.apply_step(step(r, closed=closed(1, (user, True, 10)))))
        for r, user in ((kept, PLAYER), (dropped, 7))
    ]
    await asyncio.sleep(0)  # both are queued; the queue has not been sent yet
    writes[1].cancel()
    await asyncio.gather(*writes, return_exceptions=True)
    assert (await store.player_stats(GUILD, PLAYER)).answered == 1
    assert (await store.player_stats(GUILD, 7)).answered == 0


async def test_a_step_postgresql_rejects_fails_alone(
    postgres_database: str, wall_clock: WallClock
) -> None:
    """PostgreSQL refuses NUL in text, failing the whole batch: its steps are then written
    one by one. (SQLite stores any text; its group commits have their own failing-write
    tests.)"""
    async with await open_store(postgres_database, now=wall_clock) as store:
        good, bad = await rounds(store, 2)
        outcomes = await asyncio.gather(
            store.apply_step(step(good, picks=(pick(1, PLAYER, "A"),))),
            store.apply_step(step(bad, picks=(pick(1, 7, "\x00"),))),
            return_exceptions=True,
        )
        assert outcomes[0] == []
        assert isinstance(outcomes[1], StorageError)
        saved = await store.load_round(good)
        assert saved is not None and [p.choice for p in saved.picks] == ["A"]
