"""The natural labelled corpus and two peer answer rules, re-stated from their code.

The corpus is tests/trivia/judge/natural_guesses.yaml: guesses as players type them, labelled
by hand (right/wrong) per question id, written before the judge's current rules. The peers:

* python-discord (sir-lancebot's trivia quiz): a guess is right when `rapidfuzz.fuzz.ratio`
  of the lower-cased guess and a lower-cased answer is above 88; answers prepared once;
* Red-DiscordBot (trivia cog): a guess is right when a lower-cased answer is a substring of
  the lower-cased guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from trivia.models import QuestionSet

NATURAL = Path(__file__).parent.parent / "tests" / "trivia" / "judge" / "natural_guesses.yaml"
RATIO_THRESHOLD = 88


@dataclass(frozen=True, slots=True)
class Labelled:
    question_id: str
    text: str
    right: bool


def natural_corpus(path: Path = NATURAL) -> list[Labelled]:
    """Every labelled guess of the fixture, in file order."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Labelled(qid, guess, label == "right")
        for qid, labels in rows.items()
        for label in ("right", "wrong")
        for guess in labels.get(label, ())
    ]


def ratio_rule(answers: Sequence[str]) -> Callable[[str], bool]:
    """python-discord's rule for one question, answers prepared once."""
    prepared = tuple(a.lower() for a in answers)
    ratio = fuzz.ratio

    def judge(guess: str) -> bool:
        text = guess.lower()
        return any(ratio(text, a) > RATIO_THRESHOLD for a in prepared)

    return judge


def substring_rule(answers: Sequence[str]) -> Callable[[str], bool]:
    """Red's rule for one question, answers prepared once."""
    prepared = tuple(a.lower() for a in answers)

    def judge(guess: str) -> bool:
        text = guess.lower()
        return any(a in text for a in prepared)

    return judge


def peer_rules(question_set: QuestionSet) -> dict[str, dict[str, Callable[[str], bool]]]:
    """Rule name -> question id -> judge, for both peers."""
    return {
        "python-discord ratio > 88": {q.id: ratio_rule(q.answers) for q in question_set.questions},
        "Red substring": {q.id: substring_rule(q.answers) for q in question_set.questions},
    }
