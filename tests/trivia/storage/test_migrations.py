"""Opening a database: migrating from any earlier version, refusing a newer one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from tests.trivia.storage.steps import start_round
from trivia.engine.settings import RoundSettings
from trivia.errors import StorageError
from trivia.records import LeaderboardSort
from trivia.storage import open_store
from trivia.storage.sqlite.connection import CACHE_KIB, WAL_AUTOCHECKPOINT_PAGES, connect
from trivia.storage.sqlite.migrations import Migration, apply_migrations, load_migrations

MIGRATIONS = load_migrations()
LATEST = MIGRATIONS[-1].version


async def make_db_at(path: Path, version: int) -> None:
    db = await connect(path)
    try:
        await apply_migrations(db, MIGRATIONS[:version])
    finally:
        await db.close()


async def value(db: aiosqlite.Connection, query: str) -> Any:
    [row] = await db.execute_fetchall(query)
    return row[0]


async def user_version(path: Path) -> int:
    db = await connect(path)
    try:
        return int(await value(db, "PRAGMA user_version"))
    finally:
        await db.close()


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert LATEST >= 2


async def test_new_database_is_migrated_to_latest(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    async with await open_store(path) as store:
        assert await store.question_sets() == []
    assert await user_version(path) == LATEST


async def test_connection_settings(tmp_path: Path) -> None:
    db = await connect(tmp_path / "trivia.db")
    try:
        assert await value(db, "PRAGMA journal_mode") == "wal"
        assert await value(db, "PRAGMA foreign_keys") == 1
        assert await value(db, "PRAGMA busy_timeout") == 5000
        assert await value(db, "PRAGMA cache_size") == -CACHE_KIB
        assert await value(db, "PRAGMA wal_autocheckpoint") == WAL_AUTOCHECKPOINT_PAGES
    finally:
        await db.close()


@pytest.mark.parametrize("version", range(LATEST + 1))
async def test_upgrades_from_every_earlier_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "trivia.db"
    await make_db_at(path, version)
    assert await user_version(path) == version
    async with await open_store(path) as store:
        round_id = await start_round(store, 1, 2, "set", 3, RoundSettings(), {"n": 1})
        assert [r.round_id for r in await store.resumable_rounds()] == [round_id]
    assert await user_version(path) == LATEST


async def test_data_survives_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    await make_db_at(path, 1)
    async with await open_store(path) as store:
        round_id = await start_round(store, 1, 2, "set", 3, RoundSettings(), {"n": 1})
    async with await open_store(path) as store:
        assert [r.round_id for r in await store.resumable_rounds()] == [round_id]


async def test_stats_survive_the_partial_accuracy_index(tmp_path: Path) -> None:
    """Version 3 rebuilt the accuracy index over the existing player_stats rows."""
    path = tmp_path / "trivia.db"
    await make_db_at(path, 2)
    db = await connect(path)
    for user, correct, answered in ((1, 9, 10), (2, 3, 4), (3, 10, 10), (4, 5, 10)):
        await db.execute(
            "INSERT INTO player_stats (guild_id, period, period_start, user_id, correct,"
            " answered) VALUES (7, 'all', '', ?, ?, ?)",
            (user, correct, answered),
        )
    await db.close()
    async with await open_store(path) as store:
        board = await store.leaderboard(7, LeaderboardSort.ACCURACY)
        assert [(row.rank, row.user_id) for row in board] == [(1, 3), (2, 1), (3, 4)]
        board = await store.leaderboard(7, LeaderboardSort.ACCURACY, min_answers=4)
        assert [row.user_id for row in board] == [3, 1, 2, 4]


async def test_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    await make_db_at(path, LATEST)
    db = await connect(path)
    await db.execute(f"PRAGMA user_version = {LATEST + 1}")
    await db.close()
    with pytest.raises(StorageError, match=r"schema version \d+.*newer release"):
        await open_store(path)
    assert await user_version(path) == LATEST + 1


async def test_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    broken = Migration(LATEST + 1, "9999_broken.sql", "CREATE TABLE extra (x);\nSELECT nonsense(;")
    db = await connect(path)
    try:
        await apply_migrations(db, MIGRATIONS)
        with pytest.raises(StorageError, match=r"9999_broken\.sql"):
            await apply_migrations(db, [*MIGRATIONS, broken])
        assert not db.in_transaction
        assert await value(db, "PRAGMA user_version") == LATEST
        query = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'extra'"
        assert await value(db, query) == 0
    finally:
        await db.close()
