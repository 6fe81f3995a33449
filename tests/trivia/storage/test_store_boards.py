"""Leaderboards, ranks and stats through the store protocol, on every backend: the rules of
the SQLite board (ties share a rank, accuracy needs enough answers, UTC weeks, all guilds)."""

from __future__ import annotations

from datetime import timedelta

from tests.trivia.conftest import WallClock
from tests.trivia.storage.steps import GUILD, closed, ended, new_round, step
from trivia.engine.events import EndReason
from trivia.records import LeaderboardRow, LeaderboardSort, Period, PlayerRank, PlayerStats
from trivia.storage.interface import Store

OTHER = GUILD + 1


async def play(
    store: Store, guild: int, user: int, *, right: int = 0, wrong: int = 0, won: bool = False
) -> None:
    """One round for one player: `right` answers worth 10 each, then `wrong` misses."""
    round_id, _ = await store.create_round(new_round(channel=user * 1000 + guild, guild=guild))
    outcomes = [True] * right + [False] * wrong
    for number, correct in enumerate(outcomes, start=1):
        await store.apply_step(step(round_id, closed=closed(number, (user, correct, 10 * correct))))
    reason = EndReason.FINISHED if won else EndReason.IDLE
    await store.apply_step(step(round_id, ended=ended(reason, (user, 1))))


def ranks(rows: list[LeaderboardRow]) -> list[tuple[int, int]]:
    return [(row.rank, row.user_id) for row in rows]


async def test_ties_share_a_rank_and_the_rank_counts_players_strictly_better(
    store: Store,
) -> None:
    for user, right in ((14, 2), (11, 3), (13, 3), (12, 1)):
        await play(store, GUILD, user, right=right)
    rows = await store.leaderboard(GUILD)
    assert ranks(rows) == [(1, 11), (1, 13), (3, 14), (4, 12)]
    assert rows[0] == LeaderboardRow(1, 11, 30, 0, 3, 3, 1.0, 3)
    assert await store.player_rank(GUILD, 14) == PlayerRank(
        3, 4, PlayerStats(14, 20, 2, 2, 1, 0, 2, 2)
    )
    assert await store.player_rank(GUILD, 99) is None
    assert await store.player_rank(OTHER, 14) is None


async def test_accuracy_needs_enough_answers(store: Store) -> None:
    await play(store, GUILD, 1, right=9, wrong=1)
    await play(store, GUILD, 2, right=5, wrong=5)
    await play(store, GUILD, 3, right=3)
    board = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY)
    assert ranks(board) == [(1, 1), (2, 2)]
    assert await store.player_rank(GUILD, 3, LeaderboardSort.ACCURACY) is None
    everyone = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY, min_answers=1)
    assert ranks(everyone) == [(1, 3), (2, 1), (3, 2)]
    rank = await store.player_rank(GUILD, 1, LeaderboardSort.ACCURACY, min_answers=1)
    assert rank is not None and (rank.rank, rank.of_total) == (2, 3)


async def test_wins_and_streak_boards(store: Store) -> None:
    await play(store, GUILD, 1, right=1, wrong=1, won=True)
    await play(store, GUILD, 1, right=1, won=True)
    await play(store, GUILD, 2, right=4)
    wins = await store.leaderboard(GUILD, LeaderboardSort.WINS)
    assert [(r.rank, r.user_id, r.wins) for r in wins] == [(1, 1, 2), (2, 2, 0)]
    streaks = await store.leaderboard(GUILD, LeaderboardSort.STREAK)
    assert [(r.user_id, r.best_streak) for r in streaks] == [(2, 4), (1, 1)]
    assert (await store.player_stats(GUILD, 1)).streak == 1


async def test_the_global_board_adds_up_every_guild(store: Store) -> None:
    await play(store, GUILD, 1, right=2)
    await play(store, OTHER, 1, right=1)
    await play(store, OTHER, 2, right=2)
    assert ranks(await store.leaderboard(None)) == [(1, 1), (2, 2)]
    assert await store.player_stats(None, 1) == PlayerStats(1, 30, 3, 3, 2, 0, 3, 3)


async def test_weeks_start_on_monday_in_utc(store: Store, wall_clock: WallClock) -> None:
    await play(store, GUILD, 1, right=1)  # a Wednesday
    wall_clock.now += timedelta(days=4, hours=12)  # the next Monday, 00:00 UTC
    await play(store, GUILD, 2, right=2)
    assert ranks(await store.leaderboard(GUILD, period=Period.WEEK)) == [(1, 2)]
    assert ranks(await store.leaderboard(GUILD, period=Period.MONTH)) == [(1, 2), (2, 1)]
    assert (await store.player_stats(GUILD, 1, Period.WEEK)).answered == 0
