"""PostgreSQL's score counts (migration 0003): the statement triggers record exactly what any
statement on player_stats changed, ranks are exact with changes pending and after a fold,
folds never double count, the migration counts the stats already there, and concurrent steps
sharing players neither deadlock nor lose a count."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest

from tests.trivia.conftest import WallClock
from tests.trivia.storage.steps import closed, new_round, step
from tests.trivia.storage.test_leaderboards import GUILD, play
from tests.trivia.storage.test_score_counts import assert_ranks_match_board
from trivia.records import LeaderboardSort
from trivia.storage.postgres import step_batches
from trivia.storage.postgres.migrations import apply_migrations, postgres_migrations
from trivia.storage.postgres.store import PostgresStore

NEVER = 3600.0
"""A fold interval no test lasts: only the fold at open and the test's own folds run."""

# What score_counts plus the pending changes must add up to: player_stats counted directly.
_TRUTH = """
    SELECT s.guild_id, s.period, s.period_start, k.sort, k.score, COUNT(*) AS players
    FROM player_stats AS s
    CROSS JOIN LATERAL (VALUES ('points', s.points), ('wins', s.wins),
                               ('streak', s.best_streak)) AS k (sort, score)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"""
_COUNTED = """
    SELECT guild_id, period, period_start, sort, score, SUM(players) AS players
    FROM (SELECT guild_id, period, period_start, sort, score, players FROM score_counts
          UNION ALL
          SELECT guild_id, period, period_start, sort, score, delta FROM score_count_changes)
        AS c
    GROUP BY 1, 2, 3, 4, 5 HAVING SUM(players) <> 0 ORDER BY 1, 2, 3, 4, 5"""
_UPSERT = """
    INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, points, wins)
    SELECT 1, 'all', '', u, p, w FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
        AS t (u, p, w)
    ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET
        points = s.points + excluded.points, wins = s.wins + excluded.wins"""


@pytest.fixture
async def conn(postgres_database: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection to a fully migrated schema."""
    connection = await asyncpg.connect(postgres_database)
    try:
        await apply_migrations(connection, postgres_migrations())
        yield connection
    finally:
        await connection.close()


async def assert_counts_exact(conn: asyncpg.Connection) -> None:
    truth = [tuple(row) for row in await conn.fetch(_TRUTH)]
    assert [tuple(row) for row in await conn.fetch(_COUNTED)] == truth


async def pending(conn: asyncpg.Connection) -> int:
    return int(await conn.fetchval("SELECT COUNT(*) FROM score_count_changes"))


async def fold(conn: asyncpg.Connection) -> int:
    return int(await conn.fetchval("SELECT trivia_fold_score_counts()"))


async def test_an_upsert_records_its_inserts_and_its_updates(conn: asyncpg.Connection) -> None:
    await conn.execute(_UPSERT, [1, 2], [5, 0], [0, 0])
    await fold(conn)
    # User 1 moves from 5 to 8 points (an update); user 3 arrives at 0 (an insert); the wins
    # of user 1 do not change, so their -1 and +1 at 0 wins cancel out.
    await conn.execute(_UPSERT, [1, 3], [3, 0], [0, 0])
    changes = await conn.fetch(
        "SELECT sort, score, delta FROM score_count_changes ORDER BY sort, score, delta"
    )
    assert [tuple(row) for row in changes] == [
        ("points", 0, 1),
        ("points", 5, -1),
        ("points", 8, 1),
        ("streak", 0, 1),
        ("wins", 0, 1),
    ]
    await assert_counts_exact(conn)


async def test_updates_and_deletes_of_many_rows_keep_counts_exact(
    conn: asyncpg.Connection,
) -> None:
    users = list(range(1, 41))
    await conn.execute(_UPSERT, users, [u % 7 for u in users], [u % 3 for u in users])
    await conn.execute(_UPSERT, users[::2], [10] * 20, [1] * 20)
    await conn.execute("UPDATE player_stats SET best_streak = points / 2 WHERE user_id > 30")
    await conn.execute("UPDATE player_stats SET period = 'week', period_start = 'w' WHERE wins > 2")
    await assert_counts_exact(conn)
    await fold(conn)
    await conn.execute("DELETE FROM player_stats WHERE user_id % 4 = 0")
    await assert_counts_exact(conn)
    await fold(conn)
    assert await pending(conn) == 0
    await assert_counts_exact(conn)


async def test_two_folds_at_once_count_each_change_once(postgres_database: str) -> None:
    conns = [await asyncpg.connect(postgres_database) for _ in range(4)]
    first, second = conns[:2]
    try:
        await apply_migrations(first, postgres_migrations())
        users = list(range(1, 101))
        await first.execute(_UPSERT, users, [u % 9 for u in users], [u % 2 for u in users])
        async with first.transaction():
            assert await fold(first) > 0
            assert await fold(second) == 0  # the lock is taken: this fold skips its tick
        assert await fold(second) == 0  # and finds nothing left once the first committed
        await assert_counts_exact(first)
        await first.execute(_UPSERT, users, [1] * 100, [0] * 100)
        moved = await asyncio.gather(*(fold(c) for c in conns))
        assert await pending(first) == 0
        assert len([m for m in moved if m > 0]) == 1
        await assert_counts_exact(first)
    finally:
        for conn in conns:
            await conn.close()


async def test_the_migration_counts_the_stats_already_there(postgres_database: str) -> None:
    migrations = postgres_migrations()
    conn = await asyncpg.connect(postgres_database)
    try:
        await apply_migrations(conn, [m for m in migrations if m.version < 3])
        await conn.executemany(
            "INSERT INTO player_stats (guild_id, period, period_start, user_id, points, wins,"
            " best_streak) VALUES (1, 'all', '', $1, $2, $3, $4)",
            [(1, 30, 2, 3), (2, 10, 0, 1), (3, 30, 1, 3)],
        )
        await apply_migrations(conn, migrations)
        found = await conn.fetch("SELECT sort, score, players FROM score_counts ORDER BY 1, 2")
        assert [tuple(row) for row in found] == [
            ("points", 10, 1),
            ("points", 30, 2),
            ("streak", 1, 1),
            ("streak", 3, 2),
            ("wins", 0, 1),
            ("wins", 1, 1),
            ("wins", 2, 1),
        ]
        assert await pending(conn) == 0
    finally:
        await conn.close()


async def test_ranks_are_exact_before_and_after_a_fold(
    postgres_database: str, wall_clock: WallClock
) -> None:
    store = await PostgresStore.open(postgres_database, now=wall_clock, fold_interval=NEVER)
    conn = await asyncpg.connect(postgres_database)
    try:
        for user, right, wrong, won in ((1, 3, 0, True), (2, 1, 2, False), (3, 3, 1, True)):
            await play(store, GUILD, user, right=right, wrong=wrong, won=won)
        await play(store, GUILD, 2, right=2, won=True)
        assert await pending(conn) > 0
        assert int(await conn.fetchval("SELECT COUNT(*) FROM score_counts")) == 0
        await assert_ranks_match_board(store, [1, 2, 3])
        assert await fold(conn) > 0
        await conn.execute("VACUUM score_count_changes")
        await assert_ranks_match_board(store, [1, 2, 3])
        await store.forget_player(3)
        await assert_ranks_match_board(store, [1, 2])
    finally:
        await conn.close()
        await store.close()


async def test_a_store_folds_what_is_pending_when_it_opens(
    postgres_database: str, wall_clock: WallClock
) -> None:
    store = await PostgresStore.open(postgres_database, now=wall_clock, fold_interval=NEVER)
    try:
        await play(store, GUILD, 1, right=2)
    finally:
        await store.close()
    reopened = await PostgresStore.open(postgres_database, now=wall_clock, fold_interval=NEVER)
    conn = await asyncpg.connect(postgres_database)
    try:
        assert await pending(conn) == 0
        await assert_counts_exact(conn)
    finally:
        await conn.close()
        await reopened.close()


async def test_concurrent_steps_sharing_players_neither_deadlock_nor_miscount(
    postgres_database: str, wall_clock: WallClock
) -> None:
    store = await PostgresStore.open(postgres_database, now=wall_clock, fold_interval=NEVER)
    writers = [await asyncpg.connect(postgres_database) for _ in range(8)]
    folder = await asyncpg.connect(postgres_database)
    moment = datetime(2026, 11, 29, tzinfo=UTC)
    players = list(range(500, 520))
    try:
        rounds = [
            (await store.create_round(new_round(channel=c, guild=GUILD + c % 2)))[0]
            for c in range(1, 9)
        ]

        async def drive(conn: asyncpg.Connection, round_id: int, turn: int) -> None:
            # Each step answers another few of the shared players, at points that vary, so
            # steps meet each other's players and scores in many orders. Nothing retries the
            # step writer here: a deadlock fails the test.
            rng = random.Random(turn)
            for number in range(1, 11):
                awards = [
                    (user, rng.random() < 0.7, rng.randrange(1, 8))
                    for user in rng.sample(players, 4)
                ]
                (outcome,) = await step_batches.apply_steps(
                    conn, [step(round_id, closed=closed(number, *awards))], moment
                )
                assert isinstance(outcome, list), outcome

        done = asyncio.Event()

        async def fold_meanwhile() -> None:
            while not done.is_set():
                await fold(folder)
                await asyncio.sleep(0)

        folding = asyncio.create_task(fold_meanwhile())
        await asyncio.gather(*(drive(writers[i], round_id, i) for i, round_id in enumerate(rounds)))
        done.set()
        await folding
        await assert_counts_exact(folder)
        await fold(folder)
        assert await pending(folder) == 0
        await assert_counts_exact(folder)
        board = await store.leaderboard(None, LeaderboardSort.POINTS, limit=50)
        assert sum(row.answered for row in board) == 8 * 10 * 4
        await assert_ranks_match_board(store, [row.user_id for row in board])
    finally:
        for conn in (*writers, folder):
            await conn.close()
        await store.close()
