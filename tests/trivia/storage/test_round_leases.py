"""Leases: one process drives a round; a takeover raises the epoch and locks the old one out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.trivia.conftest import WallClock
from tests.trivia.storage.steps import LEASE, new_round, reveal, step
from trivia.errors import LeaseLost
from trivia.storage.interface import Store
from trivia.storage.round_steps import LEASE_TTL, Lease

TTL = 30.0


async def test_a_live_lease_is_not_taken_but_an_expired_one_is(
    store: Store, wall_clock: WallClock
) -> None:
    round_id, _ = await store.create_round(new_round())
    assert await store.claim_round(round_id, "process-b", TTL) is None
    wall_clock.now += timedelta(seconds=LEASE_TTL + 1)
    taken = await store.claim_round(round_id, "process-b", TTL)
    assert taken == Lease("process-b", LEASE.epoch + 1)
    with pytest.raises(LeaseLost):
        await store.apply_step(step(round_id, owed=(reveal(1),)))
    assert await store.apply_step(step(round_id, taken, owed=(reveal(1),))) == [1]
    saved = await store.load_round(round_id)
    assert saved is not None and saved.lease == taken


async def test_the_owner_may_claim_again_with_a_new_epoch(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    again = await store.claim_round(round_id, LEASE.owner, TTL)
    assert again == Lease(LEASE.owner, LEASE.epoch + 1)
    with pytest.raises(LeaseLost):
        await store.apply_step(step(round_id, LEASE, owed=(reveal(1),)))


async def test_renewing_keeps_a_lease_alive(store: Store, wall_clock: WallClock) -> None:
    round_id, _ = await store.create_round(new_round())
    other, _ = await store.create_round(new_round(channel=999, lease=Lease("process-b", 1)))
    wall_clock.now += timedelta(seconds=LEASE_TTL - 1)
    assert await store.renew_leases(LEASE.owner, [round_id, other], TTL) == {round_id}
    wall_clock.now += timedelta(seconds=TTL - 1)
    assert await store.claim_round(round_id, "process-b", TTL) is None
    wall_clock.now += timedelta(seconds=2)
    assert await store.claim_round(round_id, "process-b", TTL) is not None
    assert await store.renew_leases(LEASE.owner, [round_id], TTL) == set()


async def test_a_round_that_ended_cannot_be_claimed(store: Store, wall_clock: WallClock) -> None:
    round_id, _ = await store.create_round(new_round())
    await store.abandon_round(round_id, LEASE)
    wall_clock.now += timedelta(seconds=LEASE_TTL + 1)
    assert await store.claim_round(round_id, "process-b", TTL) is None
    assert await store.renew_leases(LEASE.owner, [round_id], TTL) == set()


async def test_abandoning_under_a_lost_lease_is_refused(store: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    with pytest.raises(LeaseLost):
        await store.abandon_round(round_id, Lease("process-b", 7))
    assert [r.round_id for r in await store.resumable_rounds()] == [round_id]
