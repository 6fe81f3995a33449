"""Keeping player_stats in step with awards and round results.

Every change lands in six rows per player: this guild and every guild combined (ALL_GUILDS),
each for all time, the current week and the current month. Leaderboards then read one
pre-summed row per player instead of adding up awards.

Closed questions are counted in Python first (`StatDeltas`), merged per row, so a whole group of
them costs at most two `executemany` hand-offs, and a row several of them touch (a player's
all-guilds rows, when they play in two channels at once) is written once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from trivia.records import Period
from trivia.storage.codec import period_start
from trivia.storage.stat_rules import ALL_GUILDS

_Key = tuple[int, str, str, int]  # guild_id (or ALL_GUILDS), period, period_start, user_id

# A run of answers applied to a row whose streak was s and best streak b leaves the streak at
# s + n when all n were right (`clean`), else at `trail`, the right answers after the last
# miss; and the best streak at the largest of b, s + `lead` (the right answers before the
# first miss) and `best`, the longest run within. For a new row s = b = 0.
#
# SQLite rewrites an index entry whenever an UPDATE sets a column the index covers, even to
# the same value, so rows that only gained misses worth no points have a statement of their
# own that leaves the points and streak indexes alone.

_ANSWERS = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, points, correct,"
    " answered, streak, best_streak)"
    " VALUES (:guild_id, :period, :period_start, :user_id, :points, :correct, :answered,"
    " :trail, :best)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " points = points + excluded.points,"
    " correct = correct + excluded.correct,"
    " answered = answered + excluded.answered,"
    " streak = CASE WHEN :clean THEN streak + excluded.streak ELSE excluded.streak END,"
    " best_streak = MAX(best_streak, excluded.best_streak, streak + :lead)"
)

_MISSES = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, answered)"
    " VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " answered = answered + excluded.answered,"
    " streak = 0"
)

_ROUND = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, rounds_played, wins)"
    " VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET"
    " rounds_played = rounds_played + excluded.rounds_played,"
    " wins = wins + excluded.wins"
)


def _row_keys(guild_id: int, moment: datetime) -> list[tuple[int, str, str]]:
    return [
        (scope, period.value, period_start(period, moment))
        for scope in (guild_id, ALL_GUILDS)
        for period in Period
    ]


@dataclass(slots=True)
class _Run:
    """The answers one row gains, in order, summed as the comment above the SQL describes."""

    points: int = 0
    correct: int = 0
    answered: int = 0
    clean: bool = True
    lead: int = 0
    trail: int = 0
    best: int = 0

    def add(self, points: int, correct: bool) -> None:
        self.points += points
        self.answered += 1
        if correct:
            self.correct += 1
            if self.clean:
                self.lead += 1
            self.trail += 1
            self.best = max(self.best, self.trail)
        else:
            self.clean = False
            self.trail = 0


class StatDeltas:
    """The player_stats changes of several closed questions, in the order they are added."""

    def __init__(self) -> None:
        self._rows: dict[_Key, _Run] = {}

    def add_question(
        self, guild_id: int, answers: dict[int, tuple[int, bool]], moment: datetime
    ) -> None:
        """`answers` as `per_player` returns them."""
        keys = _row_keys(guild_id, moment)
        rows = self._rows
        for user_id, (points, correct) in answers.items():
            for scope, period, start in keys:
                key = (scope, period, start, user_id)
                run = rows.get(key)
                if run is None:
                    run = rows[key] = _Run()
                run.add(points, correct)

    async def write(self, db: aiosqlite.Connection) -> None:
        answered: list[dict[str, int | str]] = []
        missed: list[tuple[int | str, ...]] = []
        for (scope, period, start, user_id), run in self._rows.items():
            if run.correct or run.points:
                answered.append(
                    {
                        "guild_id": scope,
                        "period": period,
                        "period_start": start,
                        "user_id": user_id,
                        "points": run.points,
                        "correct": run.correct,
                        "answered": run.answered,
                        "clean": int(run.clean),
                        "lead": run.lead,
                        "trail": run.trail,
                        "best": run.best,
                    }
                )
            else:
                missed.append((scope, period, start, user_id, run.answered))
        if answered:
            await db.executemany(_ANSWERS, answered)
        if missed:
            await db.executemany(_MISSES, missed)


async def add_round_results(
    db: aiosqlite.Connection,
    guild_id: int,
    players: Iterable[int],
    winners: Iterable[int],
    moment: datetime,
) -> None:
    """+1 round played for each player, +1 win for each winner."""
    played, won = set(players), set(winners)
    keys = _row_keys(guild_id, moment)
    await db.executemany(
        _ROUND,
        [
            (*key, user_id, int(user_id in played), int(user_id in won))
            for user_id in sorted(played | won)
            for key in keys
        ],
    )
