"""Leaderboards and ranks: sorts, ties, periods (UTC weeks from Monday), guild vs global."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.trivia.helpers import WEDNESDAY, WallClock
from tests.trivia.storage.steps import close_question, end_round, start_round
from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerKind, Award, Question
from trivia.records import LeaderboardRow, LeaderboardSort, Period, PlayerRank, PlayerStats
from trivia.storage import DEFAULT_MIN_ANSWERS, Store
from trivia.storage.sqlite.connection import connect
from trivia.storage.sqlite.leaderboards import (
    _ACCURACY_BELOW_INDEX,
    _QUERIES,
    ACCURACY_INDEX_MIN_ANSWERS,
)
from trivia.storage.sqlite.migrations import apply_migrations, load_migrations

GUILD, OTHER = 1, 2


async def play(
    store: Store,
    guild: int,
    user: int,
    *,
    right: int = 0,
    wrong: int = 0,
    points: int = 10,
    won: bool = False,
) -> None:
    """One round for one player: `right` correct answers worth `points`, then `wrong` misses."""
    round_id = await start_round(store, guild, 9, "s3", user, RoundSettings(), {})
    outcomes = [True] * right + [False] * wrong
    for n, correct in enumerate(outcomes):
        q = Question(f"q{n}", "?", ("a",), AnswerKind.THING, "", (1,))
        award = Award(user, q.id, correct, points if correct else 0, 1000)
        await close_question(
            store, round_id, QuestionClosed(n + 1, q, CloseReason.TIMEOUT, (award,), ()), {}
        )
    reason = EndReason.FINISHED if won else EndReason.IDLE
    await end_round(store, round_id, RoundEnded(reason, (Standing(user, points, right, 1),), right))


def ranks(rows: list[LeaderboardRow]) -> list[tuple[int, int]]:
    return [(row.rank, row.user_id) for row in rows]


async def test_points_board_ranks_ties_equally(store: Store) -> None:
    for user, right in ((14, 2), (11, 3), (13, 3), (12, 1)):
        await play(store, GUILD, user, right=right)
    rows = await store.leaderboard(GUILD)
    assert ranks(rows) == [(1, 11), (1, 13), (3, 14), (4, 12)]
    assert rows[0] == LeaderboardRow(1, 11, 30, 0, 3, 3, 1.0, 3)
    assert ranks(await store.leaderboard(GUILD, limit=2)) == [(1, 11), (1, 13)]


async def test_wins_and_streak_boards(store: Store) -> None:
    await play(store, GUILD, 1, right=1, won=True)
    await play(store, GUILD, 1, right=1, won=True)
    await play(store, GUILD, 2, right=5, won=True)
    await play(store, GUILD, 3, right=2, wrong=1)
    await play(store, GUILD, 3, right=2)
    assert ranks(await store.leaderboard(GUILD, LeaderboardSort.WINS)) == [
        (1, 1),
        (2, 2),
        (3, 3),
    ]
    # Player 1's two rounds run on into a streak of 2; player 3's miss broke theirs.
    assert ranks(await store.leaderboard(GUILD, LeaderboardSort.STREAK)) == [
        (1, 2),
        (2, 1),
        (2, 3),
    ]


async def test_players_at_zero_follow_in_user_order(store: Store) -> None:
    """PostgreSQL indexes points, wins and best streaks above 0 only; the players at 0
    still fill the list after them, and only as far as the limit."""
    await play(store, GUILD, 5, right=1, won=True)
    await play(store, GUILD, 4, right=1, won=True)
    await play(store, GUILD, 4, right=1, won=True)
    await play(store, GUILD, 3, right=1)
    await play(store, GUILD, 1, wrong=2)
    wins = LeaderboardSort.WINS
    assert ranks(await store.leaderboard(GUILD, wins)) == [(1, 4), (2, 5), (3, 1), (3, 3)]
    assert ranks(await store.leaderboard(GUILD, wins, limit=2)) == [(1, 4), (2, 5)]
    assert ranks(await store.leaderboard(GUILD, wins, limit=3)) == [(1, 4), (2, 5), (3, 1)]
    assert ranks(await store.leaderboard(GUILD)) == [(1, 4), (2, 3), (2, 5), (4, 1)]
    streaks = await store.leaderboard(GUILD, LeaderboardSort.STREAK)
    assert ranks(streaks) == [(1, 4), (2, 3), (2, 5), (4, 1)]
    assert streaks[-1].best_streak == 0


async def test_accuracy_needs_enough_answers(store: Store) -> None:
    await play(store, GUILD, 1, right=1)  # perfect, but one answer
    await play(store, GUILD, 2, right=9, wrong=1)
    await play(store, GUILD, 3, right=5, wrong=5)
    await play(store, GUILD, 4, right=18, wrong=2)
    board = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY)
    assert ranks(board) == [(1, 2), (1, 4), (3, 3)]
    assert board[2].accuracy == 0.5
    board = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY, min_answers=1)
    assert ranks(board) == [(1, 1), (2, 2), (2, 4), (4, 3)]
    rank = await store.player_rank(GUILD, 3, LeaderboardSort.ACCURACY)
    assert rank is not None and (rank.rank, rank.of_total) == (3, 3)
    assert await store.player_rank(GUILD, 1, LeaderboardSort.ACCURACY) is None
    rank = await store.player_rank(GUILD, 1, LeaderboardSort.ACCURACY, min_answers=1)
    assert rank is not None and (rank.rank, rank.of_total) == (1, 4)


async def test_global_board_adds_up_every_guild(store: Store) -> None:
    await play(store, GUILD, 1, right=1)
    await play(store, OTHER, 1, right=3)
    await play(store, GUILD, 2, right=3)
    assert ranks(await store.leaderboard(GUILD)) == [(1, 2), (2, 1)]
    assert ranks(await store.leaderboard(OTHER)) == [(1, 1)]
    assert ranks(await store.leaderboard(None)) == [(1, 1), (2, 2)]
    stats = await store.player_stats(None, 1)
    assert (stats.points, stats.answered, stats.rounds_played) == (40, 4, 2)


async def test_periods_follow_the_clock(store: Store, wall_clock: WallClock) -> None:
    wall_clock.now = datetime(2024, 4, 30, 9, tzinfo=UTC)  # last month
    await play(store, GUILD, 3, right=10)
    wall_clock.now = datetime(2024, 5, 12, 23, 59, 59, tzinfo=UTC)  # Sunday: last week
    await play(store, GUILD, 1, right=5)
    wall_clock.now = datetime(2024, 5, 13, 0, 0, tzinfo=UTC)  # Monday: this week
    await play(store, GUILD, 2, right=1)
    wall_clock.now = WEDNESDAY
    assert ranks(await store.leaderboard(GUILD, period=Period.WEEK)) == [(1, 2)]
    assert ranks(await store.leaderboard(GUILD, period=Period.MONTH)) == [(1, 1), (2, 2)]
    assert ranks(await store.leaderboard(GUILD, period=Period.ALL)) == [(1, 3), (2, 1), (3, 2)]
    assert ranks(await store.leaderboard(None, period=Period.WEEK)) == [(1, 2)]
    assert await store.player_rank(GUILD, 1, period=Period.WEEK) is None
    assert await store.player_stats(GUILD, 1, Period.WEEK) == PlayerStats(1)
    wall_clock.now = WEDNESDAY + timedelta(days=7)
    assert await store.leaderboard(GUILD, period=Period.WEEK) == []


async def test_weeks_are_counted_in_utc(store: Store, wall_clock: WallClock) -> None:
    # 01:00 on a Monday in UTC+2 is still Sunday in UTC; a naive time is taken as UTC.
    wall_clock.now = datetime(2024, 5, 13, 1, tzinfo=timezone(timedelta(hours=2)))
    await play(store, GUILD, 1, right=1)
    wall_clock.now = datetime(2024, 5, 13, 1)
    await play(store, GUILD, 2, right=1)
    wall_clock.now = WEDNESDAY
    assert ranks(await store.leaderboard(GUILD, period=Period.WEEK)) == [(1, 2)]


async def test_player_rank(store: Store) -> None:
    for user, right in ((1, 5), (2, 3), (3, 3), (4, 1)):
        await play(store, GUILD, user, right=right)
    assert await store.player_rank(GUILD, 3) == PlayerRank(
        2,
        4,
        PlayerStats(3, points=30, correct=3, answered=3, rounds_played=1, streak=3, best_streak=3),
    )
    rank = await store.player_rank(GUILD, 4)
    assert rank is not None and (rank.rank, rank.of_total) == (4, 4)
    assert await store.player_rank(GUILD, 99) is None
    assert await store.player_rank(OTHER, 1) is None
    rank = await store.player_rank(None, 1, LeaderboardSort.STREAK)
    assert rank is not None and (rank.rank, rank.of_total) == (1, 4)


@pytest.mark.parametrize("sort", list(LeaderboardSort))
async def test_queries_walk_an_index(tmp_path: Path, sort: LeaderboardSort) -> None:
    """Guards the speed design: no full scan and no sorting for a top-N list or a rank."""
    db = await connect(tmp_path / "plan.db")
    try:
        await apply_migrations(db, load_migrations())
        queries = _QUERIES[sort]
        scope = (1, "all", "") + ((10,) if sort is LeaderboardSort.ACCURACY else ())
        for query, params in ((queries.top, (*scope, 10)), (queries.better, (*scope, 5))):
            rows = await db.execute_fetchall(f"EXPLAIN QUERY PLAN {query}", params)
            plan = " | ".join([row[-1] for row in rows])
            assert f"INDEX player_stats_{sort.value}" in plan
            assert "TEMP B-TREE" not in plan
    finally:
        await db.close()


async def test_accuracy_index_serves_the_default_board(tmp_path: Path) -> None:
    """The partial index's WHERE matches the constant the queries repeat, the default board
    can use it, and a board asking for fewer answers does not (it would miss players)."""
    db = await connect(tmp_path / "plan.db")
    try:
        await apply_migrations(db, load_migrations())
        query = "SELECT sql FROM sqlite_master WHERE name = 'player_stats_accuracy'"
        [(sql,)] = await db.execute_fetchall(query)
        assert sql.endswith(f"WHERE answered >= {ACCURACY_INDEX_MIN_ANSWERS}")
        assert DEFAULT_MIN_ANSWERS >= ACCURACY_INDEX_MIN_ANSWERS
        plan = f"EXPLAIN QUERY PLAN {_ACCURACY_BELOW_INDEX.top}"
        rows = await db.execute_fetchall(plan, (1, "all", "", 1, 10))
        assert "player_stats_accuracy" not in " | ".join([row[-1] for row in rows])
    finally:
        await db.close()


async def test_accuracy_below_the_index_threshold_counts_everyone(store: Store) -> None:
    await play(store, GUILD, 1, right=2, wrong=1)
    await play(store, GUILD, 2, right=1)
    await play(store, GUILD, 3, right=12)
    await play(store, GUILD, 4, right=8, wrong=4)
    board = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY, min_answers=3)
    assert ranks(board) == [(1, 3), (2, 1), (2, 4)]  # 2/3 and 8/12 tie; user 2 has 1 answer
    rank = await store.player_rank(GUILD, 4, LeaderboardSort.ACCURACY, min_answers=3)
    assert rank is not None and (rank.rank, rank.of_total) == (2, 3)
    board = await store.leaderboard(GUILD, LeaderboardSort.ACCURACY)
    assert ranks(board) == [(1, 3), (2, 4)]
    rank = await store.player_rank(GUILD, 4, LeaderboardSort.ACCURACY)
    assert rank is not None and (rank.rank, rank.of_total) == (2, 2)
