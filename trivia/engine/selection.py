"""Which questions of a set a round may draw: a difficulty, a topic (one of the set's tags),
and questions a server has left out (reported ones). Pure functions on the set; the draw
(`trivia.engine.draw`) still keeps question families apart among the questions admitted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from trivia.models import Difficulty, Question, QuestionSet


@dataclass(frozen=True, slots=True)
class Selection:
    """A filter on a set's questions; the default admits every question ("mixed")."""

    difficulty: Difficulty | None = None  # None: every difficulty
    topic: str | None = None  # one of the set's tags; None: every topic
    left_out: frozenset[str] = field(default_factory=frozenset)  # question ids

    def admits(self, question: Question) -> bool:
        if question.id in self.left_out:
            return False
        if self.difficulty is not None and question.difficulty is not self.difficulty:
            return False
        return self.topic is None or self.topic.casefold() in (t.casefold() for t in question.tags)

    def matching(self, question_set: QuestionSet) -> tuple[Question, ...]:
        return tuple(q for q in question_set.questions if self.admits(q))

    def describe(self) -> str:
        """What was asked for, e.g. "hard questions on villains"."""
        kind = f"{self.difficulty.value} questions" if self.difficulty else "questions"
        return f"{kind} on {self.topic}" if self.topic else kind

    @property
    def narrows(self) -> bool:
        return self.difficulty is not None or self.topic is not None


def topics(question_set: QuestionSet) -> list[tuple[str, int]]:
    """The set's tags with how many questions carry each, most used first."""
    counts = Counter(tag for q in question_set.questions for tag in q.tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def left_out_of(question_set: QuestionSet, reported: Collection[tuple[str, str]]) -> frozenset[str]:
    """The ids of `question_set`'s questions among `reported` (set id, question id) pairs."""
    return frozenset(q for s, q in reported if s == question_set.id)
