"""How closed questions change player_stats, counted before any SQL runs; both backends write
these deltas with their own statements.

Every change lands in six rows per player: this guild and every guild combined (ALL_GUILDS),
each for all time, the current week and the current month. A run of answers applied to a row
whose streak was s and best streak b leaves the streak at s + n when all n were right
(`clean`), else at `trail`, the right answers after the last miss; and the best streak at the
largest of b, s + `lead` (the right answers before the first miss) and `best`, the longest run
within. For a new row s = b = 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from trivia.models import Award
from trivia.records import Period
from trivia.storage.codec import period_start

ALL_GUILDS = -1
"""player_stats.guild_id of the rows that combine every guild; Discord ids are positive."""

StatKey = tuple[int, str, str, int]  # guild_id (or ALL_GUILDS), period, period_start, user_id


def stats_scope(guild_id: int | None) -> int:
    return ALL_GUILDS if guild_id is None else guild_id


def row_keys(guild_id: int, moment: datetime) -> list[tuple[int, str, str]]:
    """(scope, period, period_start) of the six rows an answer at `moment` counts towards."""
    return [
        (scope, period.value, period_start(period, moment))
        for scope in (guild_id, ALL_GUILDS)
        for period in Period
    ]


@dataclass(slots=True)
class Run:
    """The answers one row gains, in order, summed as the module docstring describes."""

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


def per_player(awards: Iterable[Award]) -> dict[int, tuple[int, bool]]:
    """One answer per player and question: their points summed, right if any award was."""
    answers: dict[int, tuple[int, bool]] = {}
    for award in awards:
        points, correct = answers.get(award.user_id, (0, False))
        answers[award.user_id] = (points + award.points, correct or award.correct)
    return answers


class StatDeltas:
    """The player_stats changes of closed questions, in the order they are added."""

    def __init__(self) -> None:
        self._rows: dict[StatKey, Run] = {}

    def add_question(
        self, guild_id: int, answers: dict[int, tuple[int, bool]], moment: datetime
    ) -> None:
        """`answers` as `per_player` returns them."""
        keys = row_keys(guild_id, moment)
        for user_id, (points, correct) in answers.items():
            for scope, period, start in keys:
                run = self._rows.setdefault((scope, period, start, user_id), Run())
                run.add(points, correct)

    def rows(self) -> list[tuple[StatKey, Run]]:
        """Every changed row in key order: writers that lock rows in this order cannot
        deadlock with each other."""
        return sorted(self._rows.items())
