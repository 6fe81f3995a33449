"""Store.create_round and Store.apply_step: one transaction per step, under the round's lease."""

from __future__ import annotations

import pytest

from tests.trivia.storage.steps import (
    CHANNEL,
    GUILD,
    HOST,
    LEASE,
    SETTINGS,
    STATE,
    ask,
    closed,
    ended,
    new_round,
    pick,
    reveal,
    step,
)
from trivia.engine.events import EndReason
from trivia.errors import LeaseLost, RoundAlreadyRunning, StorageError
from trivia.records import PlayerStats, RoundStatus
from trivia.storage.interface import Store
from trivia.storage.round_steps import Lease, RoundRecord


async def test_a_new_round_is_saved_with_its_first_announcements(store: Store) -> None:
    round_id, seqs = await store.create_round(new_round(owed=(ask(1),)))
    assert seqs == [1]
    assert await store.load_round(round_id) == RoundRecord(
        round_id, GUILD, CHANNEL, "s3", HOST, SETTINGS, RoundStatus.RUNNING, STATE, (), LEASE
    )


async def test_one_running_round_per_channel(store: Store) -> None:
    first, _ = await store.create_round(new_round())
    with pytest.raises(RoundAlreadyRunning):
        await store.create_round(new_round())
    await store.create_round(new_round(channel=CHANNEL + 1))
    await store.apply_step(step(first, ended=ended(EndReason.STOPPED)))
    again, _ = await store.create_round(new_round())
    assert again != first


async def test_a_closed_question_writes_awards_and_stats_and_drops_its_picks(
    store: Store,
) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(step(round_id, picks=(pick(1, 42, "A"), pick(1, 43, "B", False))))
    assert [p.award.user_id for p in (await store.load_round(round_id)).picks] == [42, 43]
    moved = {**STATE, "current": 2}
    await store.apply_step(
        step(round_id, state=moved, closed=closed(1, (42, True, 10), (43, False, 0)))
    )
    saved = await store.load_round(round_id)
    assert saved is not None and saved.picks == () and saved.state == moved
    assert await store.player_stats(GUILD, 42) == PlayerStats(42, 10, 1, 1, 0, 0, 1, 1)
    assert await store.player_stats(None, 43) == PlayerStats(43, 0, 0, 1, 0, 0, 0, 0)


async def test_a_repeated_pick_is_ignored(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(step(round_id, picks=(pick(1, 42, "A"),)))
    await store.apply_step(step(round_id, picks=(pick(1, 42, "B"),)))
    saved = await store.load_round(round_id)
    assert saved is not None and [p.choice for p in saved.picks] == ["A"]


async def test_a_step_without_state_keeps_the_saved_state(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(step(round_id, owed=(reveal(1),)))
    saved = await store.load_round(round_id)
    assert saved is not None and saved.state == STATE


async def test_an_end_credits_players_and_the_winner_and_drops_picks(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(step(round_id, closed=closed(1, (42, True, 10), (43, False, 0))))
    await store.apply_step(step(round_id, picks=(pick(2, 43, "C"),)))
    await store.apply_step(
        step(round_id, closed=closed(2, (43, True, 5)), ended=ended(EndReason.FINISHED, (42, 1)))
    )
    saved = await store.load_round(round_id)
    assert saved is not None and saved.status is RoundStatus.FINISHED and saved.picks == ()
    assert await store.player_stats(GUILD, 42) == PlayerStats(42, 10, 1, 1, 1, 1, 1, 1)
    assert await store.player_stats(GUILD, 43) == PlayerStats(43, 5, 1, 2, 1, 0, 1, 1)
    assert await store.resumable_rounds() == []


async def test_an_idle_end_credits_rounds_but_no_win(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(
        step(round_id, closed=closed(1, (42, True, 10)), ended=ended(EndReason.IDLE, (42, 1)))
    )
    assert await store.player_stats(GUILD, 42) == PlayerStats(42, 10, 1, 1, 1, 0, 1, 1)


async def test_a_step_on_a_round_that_ended_is_refused(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.apply_step(step(round_id, ended=ended(EndReason.STOPPED)))
    with pytest.raises(StorageError):
        await store.apply_step(step(round_id, closed=closed(2, (42, True, 10))))
    with pytest.raises(StorageError):
        await store.apply_step(step(round_id + 1000, owed=(ask(1),)))
    assert await store.player_stats(GUILD, 42) == PlayerStats(42)


async def test_a_step_under_another_lease_writes_nothing(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    for stale in (Lease("process-b", LEASE.epoch), Lease(LEASE.owner, LEASE.epoch + 1)):
        with pytest.raises(LeaseLost):
            await store.apply_step(
                step(
                    round_id,
                    stale,
                    state={"moved": True},
                    picks=(pick(1, 43, "A"),),
                    closed=closed(1, (42, True, 10)),
                    owed=(reveal(1),),
                )
            )
    saved = await store.load_round(round_id)
    assert saved is not None and saved.state == STATE and saved.picks == ()
    assert await store.player_stats(GUILD, 42) == PlayerStats(42)
    assert (await store.round_outbox(round_id)).owed == ()


async def test_resumable_rounds_carry_their_picks_and_lease(store: Store) -> None:
    first, _ = await store.create_round(new_round())
    second, _ = await store.create_round(new_round(channel=CHANNEL + 1))
    await store.apply_step(step(second, picks=(pick(1, 44, "D", ms=700), pick(1, 43, "C"))))
    resumable = await store.resumable_rounds()
    assert [r.round_id for r in resumable] == [first, second]
    assert [p.award.user_id for p in resumable[1].picks] == [44, 43]
    assert resumable[1].lease == LEASE
