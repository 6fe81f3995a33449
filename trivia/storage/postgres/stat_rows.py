"""Writing player_stats on PostgreSQL: the deltas of trivia.storage.stat_deltas, and round
results. Rows go out in key order so concurrent writers lock them in the same order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import asyncpg

from trivia.storage.stat_deltas import StatDeltas, row_keys

# The same rules as the SQLite statements; in an UPDATE every column reads its old value.
_ANSWERS = (
    "INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, points, correct,"
    " answered, streak, best_streak) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " points = s.points + excluded.points,"
    " correct = s.correct + excluded.correct,"
    " answered = s.answered + excluded.answered,"
    " streak = CASE WHEN $10 THEN s.streak + excluded.streak ELSE excluded.streak END,"
    " best_streak = GREATEST(s.best_streak, excluded.best_streak, s.streak + $11)"
)

_ROUND = (
    "INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, rounds_played,"
    " wins) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " rounds_played = s.rounds_played + excluded.rounds_played,"
    " wins = s.wins + excluded.wins"
)


async def write_deltas(conn: asyncpg.Connection, deltas: StatDeltas) -> None:
    rows = [
        (*key, run.points, run.correct, run.answered, run.trail, run.best, run.clean, run.lead)
        for key, run in deltas.rows()
    ]
    if rows:
        # One statement serves misses too (SQLite has a second one for them, to spare its
        # indexes): a run of misses adds nothing, zeroes the streak and keeps the best, which
        # is never below the streak.
        await conn.executemany(_ANSWERS, rows)


async def add_round_results(
    conn: asyncpg.Connection,
    guild_id: int,
    players: Iterable[int],
    winners: Iterable[int],
    moment: datetime,
) -> None:
    """+1 round played for each player, +1 win for each winner."""
    played, won = set(players), set(winners)
    keys = row_keys(guild_id, moment)
    rows = sorted(
        (*key, user_id, int(user_id in played), int(user_id in won))
        for user_id in played | won
        for key in keys
    )
    if rows:
        await conn.executemany(_ROUND, rows)
