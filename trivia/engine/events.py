"""What a round reports back: plain events that adapters render and storage records.

The round engine (`trivia.engine.round`) returns lists of these; it never sends or stores anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trivia.models import Award, Question


class CloseReason(StrEnum):
    ANSWERED = "answered"  # typed mode: someone got it
    TIMEOUT = "timeout"
    SKIPPED = "skipped"
    STOPPED = "stopped"
    SUSPENDED = "suspended"  # the bot is shutting down; the round resumes at the next question


class EndReason(StrEnum):
    FINISHED = "finished"  # questions ran out
    STOPPED = "stopped"
    IDLE = "idle"  # nobody answered K questions in a row: no win is credited


@dataclass(frozen=True, slots=True)
class Standing:
    user_id: int
    points: int
    correct: int
    rank: int  # 1-based; ties share a rank


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    number: int  # 1-based within the round
    total: int
    question: Question
    choices: tuple[str, ...]  # choice mode: four options in button order; typed: empty
    points: int  # base points on offer now
    closes_at: float  # clock time


@dataclass(frozen=True, slots=True)
class HintShown:
    number: int
    mask: str  # e.g. "K______ R_____"
    points: int  # base points on offer after this hint
    clue: str | None = None  # the question's written hint, shown alongside every mask


@dataclass(frozen=True, slots=True)
class AnswerLocked:
    """Choice mode: the player's pick is recorded; correctness is revealed at close."""

    user_id: int
    choice: str


@dataclass(frozen=True, slots=True)
class AnswerAccepted:
    """Typed mode: the first right answer; the question closes right after."""

    user_id: int
    points: int


@dataclass(frozen=True, slots=True)
class AnswerRejected:
    user_id: int
    counted: bool = False  # typed mode: the player's first miss on this question, now a pick


@dataclass(frozen=True, slots=True)
class AlreadyAnswered:
    user_id: int


@dataclass(frozen=True, slots=True)
class AnswerTooLate:
    """The question is closed (or another one is open); `winner` got it first, if anyone."""

    user_id: int
    winner: int | None = None


@dataclass(frozen=True, slots=True)
class QuestionClosed:
    number: int
    question: Question
    reason: CloseReason
    awards: tuple[Award, ...]  # every judged answer, right or wrong, with its points
    standings: tuple[Standing, ...]
    total: int = 0  # questions in the round
    choices: tuple[str, ...] = ()  # choice mode: the options in button order

    @property
    def winners(self) -> tuple[Award, ...]:
        return tuple(a for a in self.awards if a.correct)


@dataclass(frozen=True, slots=True)
class RoundEnded:
    reason: EndReason
    standings: tuple[Standing, ...]
    questions_asked: int

    @property
    def credited(self) -> bool:
        """Whether the players ranked first win: not in an idle round, and not when the best
        score is 0 (everyone who answered was wrong; nobody won)."""
        return (
            self.reason is not EndReason.IDLE
            and bool(self.standings)
            and self.standings[0].points > 0
        )

    @property
    def winners(self) -> list[int]:
        """The players credited with a win (those ranked first), by user id."""
        if not self.credited:
            return []
        return sorted({s.user_id for s in self.standings if s.rank == 1})


Event = (
    QuestionAsked
    | HintShown
    | AnswerLocked
    | AnswerAccepted
    | AnswerRejected
    | AlreadyAnswered
    | AnswerTooLate
    | QuestionClosed
    | RoundEnded
)
