"""What storage hands back: leaderboard rows, player stats, content summaries.

Plain frozen values, so adapters can render them without knowing there is a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LeaderboardSort(StrEnum):
    POINTS = "points"
    WINS = "wins"
    ACCURACY = "accuracy"  # correct / answered, only for players with enough answers
    STREAK = "streak"  # best run of correct answers in a row


class Period(StrEnum):
    """Leaderboard windows, in UTC: weeks start on Monday, months on the 1st."""

    ALL = "all"
    WEEK = "week"
    MONTH = "month"


class ImportStatus(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RoundStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"
    IDLE = "idle"
    INTERRUPTED = "interrupted"  # abandoned: could not be resumed; credits nothing further


@dataclass(frozen=True, slots=True)
class PlayerStats:
    user_id: int
    points: int = 0
    correct: int = 0
    answered: int = 0  # questions answered (right or wrong)
    rounds_played: int = 0
    wins: int = 0
    streak: int = 0  # correct answers in a row, up to now
    best_streak: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    rank: int  # 1 + number of players strictly better; ties share a rank
    user_id: int
    points: int
    wins: int
    correct: int
    answered: int
    accuracy: float
    best_streak: int


@dataclass(frozen=True, slots=True)
class PlayerRank:
    """One player's place, e.g. rank 17 of_total 230, with the stats it is based on."""

    rank: int
    of_total: int
    stats: PlayerStats


@dataclass(frozen=True, slots=True)
class SetSummary:
    id: str
    title: str
    description: str
    question_count: int


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What forgetting a player deleted: rows of each kind, in every server."""

    awards: int
    stats: int  # player_stats rows (each scope and period)
    picks: int  # answers given to questions still open
    reports: int

    @property
    def total(self) -> int:
        return self.awards + self.stats + self.picks + self.reports


@dataclass(frozen=True, slots=True)
class StoredSet:
    """A question set a server uploaded, as the YAML it sent (see trivia.content.uploads)."""

    guild_id: int
    set_id: str
    yaml: str
    content_hash: str
    uploaded_by: int
