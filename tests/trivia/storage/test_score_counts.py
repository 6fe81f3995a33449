"""Ranks read from score_counts (players per score) agree with the boards, through plays,
wins and a forgotten player, and the SQLite migration fills it from the stats already there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trivia.storage.test_leaderboards import GUILD, play
from trivia.records import LeaderboardSort
from trivia.storage import Store
from trivia.storage.sqlite.connection import connect
from trivia.storage.sqlite.migrations import apply_migrations, load_migrations

COUNTED = (LeaderboardSort.POINTS, LeaderboardSort.WINS, LeaderboardSort.STREAK)


async def assert_ranks_match_board(store: Store, users: list[int]) -> None:
    for sort in COUNTED:
        for guild in (GUILD, None):
            board = await store.leaderboard(guild, sort, limit=50)
            for row in board:
                rank = await store.player_rank(guild, row.user_id, sort)
                assert rank is not None
                assert (rank.rank, rank.of_total) == (row.rank, len(board)), (sort, row)
            assert {row.user_id for row in board} == set(users)


async def test_ranks_follow_plays_wins_and_forgetting(store: Store) -> None:
    for user, right, wrong, won in ((1, 3, 0, True), (2, 1, 2, False), (3, 3, 1, True)):
        await play(store, GUILD, user, right=right, wrong=wrong, won=won)
    await play(store, GUILD, 4, wrong=2)
    await play(store, GUILD, 2, right=2, won=True)
    await assert_ranks_match_board(store, [1, 2, 3, 4])
    await store.forget_player(3)
    await assert_ranks_match_board(store, [1, 2, 4])
    await play(store, GUILD, 3, right=1)
    await assert_ranks_match_board(store, [1, 2, 3, 4])


@pytest.mark.parametrize("sort", COUNTED)
async def test_sqlite_migration_counts_the_stats_already_there(
    tmp_path: Path, sort: LeaderboardSort
) -> None:
    migrations = load_migrations()
    db = await connect(tmp_path / "old.db")
    try:
        await apply_migrations(db, [m for m in migrations if m.version < 8])
        await db.executemany(
            "INSERT INTO player_stats (guild_id, period, period_start, user_id, points, wins,"
            " best_streak) VALUES (1, 'all', '', ?, ?, ?, ?)",
            [(1, 30, 2, 3), (2, 10, 0, 1), (3, 30, 1, 3)],
        )
        await db.commit()
        await apply_migrations(db, migrations)
        found = await db.execute_fetchall(
            "SELECT score, players FROM score_counts WHERE sort = ? ORDER BY score",
            (sort.value,),
        )
        expected = {
            LeaderboardSort.POINTS: [(10, 1), (30, 2)],
            LeaderboardSort.WINS: [(0, 1), (1, 1), (2, 1)],
            LeaderboardSort.STREAK: [(1, 1), (3, 2)],
        }[sort]
        assert [tuple(row) for row in found] == expected
    finally:
        await db.close()
