"""Copying the storage benchmark's SQLite dataset into PostgreSQL, row for row, with COPY; and
a schema without the score count triggers, to measure what counting costs writers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg

from trivia.storage import open_store

_TABLES = {
    "rounds": (
        "id, guild_id, channel_id, set_id, started_by, settings, state, status, started_at,"
        " ended_at"
    ),
    "awards": (
        "round_id, guild_id, set_id, question_id, user_id, correct, points, answer_ms, awarded_at"
    ),
    "player_stats": (
        "guild_id, period, period_start, user_id, points, correct, answered, rounds_played,"
        " wins, streak, best_streak"
    ),
}
_FLAGS = {"awards": 5}  # the 0/1 column SQLite keeps and PostgreSQL holds as a boolean


async def load_postgres(url: str, sqlite_path: Path) -> None:
    """Migrate `url`'s schema, copy the three tables, then VACUUM ANALYZE as autovacuum would.

    COPY fires player_stats' statement triggers, which leave the score counts of every copied
    row pending until a store folds them; a store opened here folds them, before the vacuum."""
    store = await open_store(url)
    await store.close()
    source = sqlite3.connect(sqlite_path)
    conn = await asyncpg.connect(url)
    try:
        for table, columns in _TABLES.items():
            rows = source.execute(f"SELECT {columns} FROM {table}").fetchall()  # noqa: S608
            flag = _FLAGS.get(table)
            if flag is not None:
                rows = [(*r[:flag], bool(r[flag]), *r[flag + 1 :]) for r in rows]
            names = [c.strip() for c in columns.split(",")]
            await conn.copy_records_to_table(table, records=rows, columns=names)
        await conn.execute(
            "SELECT setval(pg_get_serial_sequence('rounds', 'id'), (SELECT MAX(id) FROM rounds))"
        )
        store = await open_store(url)
        await store.close()
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
        source.close()


async def without_score_counting(url: str) -> None:
    """Migrate `url`'s schema, then switch off player_stats' score count triggers
    (migration 0003): its steps then cost what they did before ranks were counted."""
    store = await open_store(url)
    await store.close()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("ALTER TABLE player_stats DISABLE TRIGGER USER")
    finally:
        await conn.close()
