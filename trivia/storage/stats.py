"""Keeping player_stats in step with awards and round results.

Every change lands in six rows per player: this guild and every guild combined (ALL_GUILDS),
each for all time, the current week and the current month. Leaderboards then read one
pre-summed row per player instead of adding up awards.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from trivia.models import Award
from trivia.records import Period
from trivia.storage.codec import period_start

ALL_GUILDS = -1
"""player_stats.guild_id of the rows that combine every guild; Discord ids are positive."""

# How one closed question changes a player's row. SQLite rewrites an index entry whenever an
# UPDATE sets a column the index covers, even to the same value, so a miss worth no points
# has a statement of its own that leaves the points and streak indexes alone.

_ANSWER = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, points, correct,"
    " answered, streak, best_streak) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " points = points + excluded.points,"
    " correct = correct + excluded.correct,"
    " answered = answered + 1,"
    " streak = CASE WHEN excluded.correct THEN streak + 1 ELSE 0 END,"
    " best_streak = MAX(best_streak, CASE WHEN excluded.correct THEN streak + 1 ELSE 0 END)"
)

_MISS = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, answered)"
    " VALUES (?, ?, ?, ?, 1)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " answered = answered + 1,"
    " streak = 0"
)

_ROUND = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, rounds_played, wins)"
    " VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " rounds_played = rounds_played + excluded.rounds_played,"
    " wins = wins + excluded.wins"
)


def stats_scope(guild_id: int | None) -> int:
    return ALL_GUILDS if guild_id is None else guild_id


def _row_keys(guild_id: int, moment: datetime) -> list[tuple[int, str, str]]:
    return [
        (scope, period.value, period_start(period, moment))
        for scope in (guild_id, ALL_GUILDS)
        for period in Period
    ]


def add_answers(
    conn: sqlite3.Connection, guild_id: int, awards: Iterable[Award], moment: datetime
) -> None:
    """Count one closed question: per player, one answer, right if any of their awards was."""
    per_user: dict[int, tuple[int, bool]] = {}
    for award in awards:
        points, correct = per_user.get(award.user_id, (0, False))
        per_user[award.user_id] = (points + award.points, correct or award.correct)
    keys = _row_keys(guild_id, moment)
    answered: list[tuple[int | str, ...]] = []
    missed: list[tuple[int | str, ...]] = []
    for user_id, (points, correct) in per_user.items():
        if correct or points:
            answered += [(*key, user_id, points, int(correct), int(correct), int(correct))
                         for key in keys]
        else:
            missed += [(*key, user_id) for key in keys]
    conn.executemany(_ANSWER, answered)
    conn.executemany(_MISS, missed)


def add_round_results(
    conn: sqlite3.Connection,
    guild_id: int,
    players: Iterable[int],
    winners: Iterable[int],
    moment: datetime,
) -> None:
    """+1 round played for each player, +1 win for each winner."""
    played, won = set(players), set(winners)
    keys = _row_keys(guild_id, moment)
    conn.executemany(
        _ROUND,
        [
            (*key, user_id, int(user_id in played), int(user_id in won))
            for user_id in sorted(played | won)
            for key in keys
        ],
    )
