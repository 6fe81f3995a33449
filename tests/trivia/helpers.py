"""Helpers for the game's tests: a fake round clock, a small mixed question set, and the
store's wall clock. Fixtures built on them are in conftest.py."""

from __future__ import annotations

from datetime import UTC, datetime

from trivia.models import AnswerKind, Difficulty, Question, QuestionSet, SourceRef


class FakeClock:
    """A clock that moves only when told to; pass `clock.now` (or the clock itself) to a Round."""

    def __init__(self, start: float = 1000.0) -> None:
        self.time = start

    def now(self) -> float:
        return self.time

    __call__ = now

    def advance(self, seconds: float) -> None:
        self.time += seconds


def _q(
    qid: str,
    text: str,
    answers: tuple[str, ...],
    kind: AnswerKind,
    difficulty: Difficulty = Difficulty.MEDIUM,
    choices: tuple[str, ...] = (),
) -> Question:
    return Question(
        id=qid,
        text=text,
        answers=answers,
        kind=kind,
        explanation=f"About {answers[0]}.",
        source=(1,),
        difficulty=difficulty,
        choices=choices,
        hint=f"Think of {text[:12]}",
    )


def build_small_set() -> QuestionSet:
    person, character = AnswerKind.PERSON, AnswerKind.CHARACTER
    questions = (
        _q(
            "ritter-directs",
            "Which lead actor will direct a third-season episode?",
            ("Krysten Ritter", "Ritter"),
            person,
            Difficulty.EASY,
            choices=("Rachael Taylor", "Carrie-Anne Moss", "Melissa Rosenberg"),
        ),
        _q(
            "showrunner",
            "Who runs the show as its showrunner?",
            ("Melissa Rosenberg", "Rosenberg"),
            person,
        ),
        _q(
            "hogarth-actor",
            "Who plays the lawyer Jeri Hogarth?",
            ("Carrie-Anne Moss", "Moss"),
            person,
            Difficulty.HARD,
        ),
        _q("trish-actor", "Which actor plays Trish Walker?", ("Rachael Taylor",), person),
        _q(
            "marvel-exec",
            "Which Marvel TV executive did the star thank by name?",
            ("Jeph Loeb", "Loeb"),
            person,
            Difficulty.HARD,
        ),
        _q(
            "trish-hero",
            "Which comic-book heroine is Trish on her way to becoming?",
            ("Hellcat", "Hell Cat"),
            character,
            Difficulty.HARD,
        ),
        _q(
            "landlord",
            "Which character is Jessica's landlord in season two?",
            ("Oscar Arocho", "Oscar"),
            character,
        ),
        _q(
            "women-directors",
            "How many season-two episodes had women directing them?",
            ("13", "thirteen"),
            AnswerKind.NUMBER,
            Difficulty.HARD,
            choices=("10", "8", "12"),
        ),
        _q(
            "filming-city",
            "In which city did the cameras start rolling on season three?",
            ("New York City", "New York", "NYC"),
            AnswerKind.PLACE,
            Difficulty.EASY,
            choices=("Los Angeles", "Atlanta", "Toronto"),
        ),
    )
    return QuestionSet(
        id="small",
        title="Small test set",
        description="A few questions for engine tests.",
        show="Marvel's Jessica Jones",
        source=SourceRef(title="Test article", outlet="Test", date="2018-01-01", paragraphs=(1,)),
        questions=questions,
    )


WEDNESDAY = datetime(2024, 5, 15, 12, tzinfo=UTC)
"""Where the store's wall clock starts: mid-week, mid-month."""


class WallClock:
    """The store's `now`; tests move it by assigning `.now`."""

    def __init__(self) -> None:
        self.now = WEDNESDAY

    def __call__(self) -> datetime:
        return self.now
