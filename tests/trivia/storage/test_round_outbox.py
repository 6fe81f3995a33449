"""Store.round_outbox and settle_announcement: what a round owes its channel, in order."""

from __future__ import annotations

import pytest

from tests.trivia.storage.steps import ask, closed, ended, new_round, reveal, step
from trivia.engine.events import EndReason
from trivia.errors import StorageError
from trivia.storage.interface import Store
from trivia.storage.round_steps import Announcement, AnnouncementKind, OwedAnnouncement


async def test_announcements_are_owed_in_order_with_growing_seqs(store: Store) -> None:
    round_id, first = await store.create_round(new_round(owed=(ask(1),)))
    podium = Announcement(AnnouncementKind.PODIUM, 0, {"standings": [[42, 10]], "note": "é"})
    later = await store.apply_step(
        step(round_id, closed=closed(1, (42, True, 10)), owed=(reveal(1), podium))
    )
    assert (first, later) == ([1], [2, 3])
    outbox = await store.round_outbox(round_id)
    assert outbox.owed == (
        OwedAnnouncement(round_id, 1, ask(1)),
        OwedAnnouncement(round_id, 2, reveal(1)),
        OwedAnnouncement(round_id, 3, podium),
    )
    assert outbox.messages == {}


async def test_a_step_owing_nothing_gets_no_seqs(store: Store) -> None:
    round_id, seqs = await store.create_round(new_round())
    assert seqs == []
    assert await store.apply_step(step(round_id, state={"moved": 1})) == []


async def test_settled_announcements_are_owed_no_more_and_asks_keep_their_message(
    store: Store,
) -> None:
    round_id, _ = await store.create_round(new_round(owed=(ask(1),)))
    await store.settle_announcement(round_id, 1, 9001)
    await store.apply_step(step(round_id, owed=(reveal(1), ask(2), ask(1))))
    await store.settle_announcement(round_id, 2, None)
    await store.settle_announcement(round_id, 3, 9002)
    await store.settle_announcement(round_id, 4, 9003)
    await store.settle_announcement(round_id, 4, 9003)  # settling twice changes nothing
    outbox = await store.round_outbox(round_id)
    assert outbox.owed == ()
    assert outbox.messages == {1: 9003, 2: 9002}


async def test_settling_an_unknown_announcement_is_an_error(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    with pytest.raises(StorageError):
        await store.settle_announcement(round_id, 5, 1)


async def test_an_ended_round_still_owes_its_last_announcements(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    podium = Announcement(AnnouncementKind.PODIUM, 0)
    await store.apply_step(step(round_id, ended=ended(EndReason.FINISHED), owed=(podium,)))
    assert [o.announcement for o in (await store.round_outbox(round_id)).owed] == [podium]


async def test_an_abandoned_round_owes_nothing_and_credits_nothing(store: Store) -> None:
    round_id, _ = await store.create_round(new_round(owed=(ask(1),)))
    await store.apply_step(step(round_id, closed=closed(1, (42, True, 10))))
    await store.abandon_round(round_id)
    await store.abandon_round(round_id)  # already over: nothing happens
    assert (await store.round_outbox(round_id)).owed == ()
    assert (await store.player_stats(None, 42)).rounds_played == 0
    assert await store.resumable_rounds() == []


async def test_an_ended_round_still_owing_announcements_is_found_until_they_are_shown(
    store: Store,
) -> None:
    podium = Announcement(AnnouncementKind.PODIUM, 0, {})
    round_id, _ = await store.create_round(new_round(owed=(ask(1),)))
    await store.settle_announcement(round_id, 1, 9001)
    [reveal_seq, podium_seq] = await store.apply_step(
        step(
            round_id,
            closed=closed(1, (42, True, 10)),
            ended=ended(EndReason.FINISHED, (42, 1)),
            owed=(reveal(1), podium),
        )
    )
    assert await store.resumable_rounds() == []
    assert [r.round_id for r in await store.rounds_owing()] == [round_id]
    await store.settle_announcement(round_id, reveal_seq, None)
    await store.settle_announcement(round_id, podium_seq, None)
    assert await store.rounds_owing() == []
