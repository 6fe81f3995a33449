"""Two writers on one database (two stores, as two processes have): the database alone keeps
them apart, so no award, stat or announcement is lost or doubled."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.trivia.conftest import WallClock
from tests.trivia.storage.steps import GUILD, closed, new_round, reveal, step
from trivia.errors import RoundAlreadyRunning
from trivia.records import LeaderboardSort
from trivia.storage import open_store
from trivia.storage.interface import Store
from trivia.storage.round_steps import Lease


@pytest.fixture
async def other(database: str, wall_clock: WallClock, store: Store) -> AsyncIterator[Store]:
    """A second store on `store`'s database, as a second process would open it."""
    opened = await open_store(database, now=wall_clock)
    try:
        yield opened
    finally:
        await opened.close()


async def test_steps_of_one_round_from_two_writers_queue_up(store: Store, other: Store) -> None:
    round_id, _ = await store.create_round(new_round())
    writers = [
        writer.apply_step(step(round_id, closed=closed(n, (42, True, 1)), owed=(reveal(n),)))
        for n in range(1, 21)
        for writer in (store, other)
    ]
    seqs = sorted(seq for seqs in await asyncio.gather(*writers) for seq in seqs)
    assert seqs == list(range(1, 41))
    stats = await other.player_stats(GUILD, 42)
    assert (stats.points, stats.answered, stats.streak) == (40, 40, 40)


async def test_rounds_sharing_players_lose_no_update(store: Store, other: Store) -> None:
    rounds = [
        (await store.create_round(new_round(channel=channel, guild=GUILD + channel % 3)))[0]
        for channel in range(1, 9)
    ]
    players = list(range(500, 530))

    async def play(writer: Store, round_id: int, turn: int) -> None:
        # Each round lists the players in another order, so their rows are met in many orders.
        order = players[turn:] + players[:turn]
        awards = [(user, user % 2 == 0, 3) for user in order]
        for number in range(1, 6):
            await writer.apply_step(step(round_id, closed=closed(number, *awards)))

    await asyncio.gather(
        *(play((store, other)[i % 2], round_id, i) for i, round_id in enumerate(rounds))
    )
    board = await store.leaderboard(None, LeaderboardSort.POINTS, limit=100)
    assert {row.user_id: row.answered for row in board} == {user: 40 for user in players}
    assert all(row.points == 120 for row in board)


async def test_two_writers_starting_in_one_channel_get_one_round(
    store: Store, other: Store
) -> None:
    outcomes = await asyncio.gather(
        store.create_round(new_round()), other.create_round(new_round()), return_exceptions=True
    )
    refused = [o for o in outcomes if isinstance(o, RoundAlreadyRunning)]
    assert len(refused) == 1 and len([o for o in outcomes if isinstance(o, tuple)]) == 1
    assert len(await other.resumable_rounds()) == 1


async def test_two_claims_at_once_make_one_owner(
    store: Store, other: Store, wall_clock: WallClock
) -> None:
    round_id, _ = await store.create_round(new_round(lease=Lease("", 0)))
    claims = await asyncio.gather(
        store.claim_round(round_id, "process-a", 30.0),
        other.claim_round(round_id, "process-b", 30.0),
    )
    winners = [lease for lease in claims if lease is not None]
    assert len(winners) == 1
    saved = await other.load_round(round_id)
    assert saved is not None and saved.lease == winners[0]
