"""How a round is configured: the clock it reads, its settings, and the server's settings with
the rule that turns them into one round's settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from trivia.models import AnswerMode, QuestionSet

Clock = Callable[[], float]
"""Seconds on a monotonic scale; injected so tests and benchmarks never sleep."""


@dataclass(frozen=True, slots=True)
class RoundSettings:
    mode: AnswerMode = AnswerMode.CHOICE
    questions: int = 10
    time_limit: float = 30.0  # seconds per question
    hints: bool = True  # typed mode only: unmask the answer over time
    idle_limit: int = 3  # questions in a row nobody answered before the round ends
    pause: float = 0.0  # seconds between a question's reveal and the next question
    reveal_answers: bool = True  # the reveal names the answer (off: only who was right)
    spoilers: bool = False  # the reveal hides its answer and explanation behind spoiler tags


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """Per-server settings; defaults apply to a guild that never changed anything."""

    mode: AnswerMode = AnswerMode.CHOICE
    questions: int = 10
    time_limit: int = 30
    hints: bool = True
    reveal_answers: bool = True
    starter_role_id: int | None = None  # None: anyone may start a round
    channel_ids: tuple[int, ...] = field(default=())  # empty: any channel
    reveal_pause: int = 4  # seconds between a reveal and the next question
    spoilers: bool = False  # reveals put the answer and explanation in spoiler tags
    report_threshold: int = 0  # open reports that leave a question out of rounds; 0: never

    def for_round(
        self,
        question_set: QuestionSet,
        *,
        questions: int | None = None,
        mode: AnswerMode | None = None,
        time_limit: int | None = None,
    ) -> RoundSettings:
        """The settings of one round: options given for it win; then the server's settings,
        except where the server left a setting at its default and the set has its own (a set
        of hard questions may ask for more time); then the defaults."""
        set_defaults = question_set.defaults
        if questions is None:
            questions = self.questions
            if questions == _DEFAULT_GUILD.questions and set_defaults.questions_per_round:
                questions = set_defaults.questions_per_round
        if time_limit is None:
            time_limit = self.time_limit
            if time_limit == _DEFAULT_GUILD.time_limit and set_defaults.time_limit:
                time_limit = set_defaults.time_limit
        return RoundSettings(
            mode=mode or self.mode,
            questions=min(questions, len(question_set.questions)),
            time_limit=float(time_limit),
            hints=self.hints,
            pause=float(self.reveal_pause),
            reveal_answers=self.reveal_answers,
            spoilers=self.spoilers,
        )


_DEFAULT_GUILD = GuildSettings()
