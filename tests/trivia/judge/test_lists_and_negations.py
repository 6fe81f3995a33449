"""Guesses that hold the answer without giving it: lists of options and negations (issue 12)."""

from __future__ import annotations

import pytest

from trivia.judge.matcher import Matcher
from trivia.models import AnswerKind

ORG, PLACE, TITLE, THING = (
    AnswerKind.ORGANISATION,
    AnswerKind.PLACE,
    AnswerKind.TITLE,
    AnswerKind.THING,
)


@pytest.mark.parametrize(
    ("guess", "answers", "kind"),
    [
        ("HBO or Netflix or Hulu", ["Netflix"], ORG),
        ("Variety or Deadline", ["Deadline"], ORG),
        ("Toronto or NYC", ["New York City", "NYC"], PLACE),
        ("Iron Fist or Luke Cage", ["Luke Cage"], TITLE),
        ("DC or Marvel", ["Marvel", "Marvel Studios"], ORG),
        ("lawyer or detective", ["private detective", "detective"], THING),
        ("terrified, thrilled, indifferent", ["thrilled"], THING),
    ],
)
def test_a_list_of_options_is_wrong_whatever_its_kind(
    guess: str, answers: list[str], kind: AnswerKind
) -> None:
    matcher = Matcher(answers, kind)
    assert not matcher.matches(guess)
    assert matcher.matches(f"I think it's {answers[0]}")  # the answer alone still counts


@pytest.mark.parametrize(
    ("guess", "answers"),
    [
        ("not thrilled", ["thrilled", "beyond thrilled"]),
        ("it isn't secret", ["it is secret", "secret"]),
        ("not filming", ["filming", "shooting"]),
        ("no pacing problems", ["pacing problems", "pacing"]),
        ("not makeshift", ["makeshift", "makeshift family"]),
        ("no villain", ["a strong villain", "villain"]),
        ("it's not common", ["not unusual", "not rare", "common"]),
    ],
)
def test_a_guess_that_negates_the_answer_is_wrong(guess: str, answers: list[str]) -> None:
    assert not Matcher(answers, THING).matches(guess)


@pytest.mark.parametrize("guess", ["not unusual", "it's not unusual", "not rare"])
def test_a_negation_the_answer_itself_holds_is_part_of_it(guess: str) -> None:
    assert Matcher(["not unusual", "not rare", "common"], THING).matches(guess)


@pytest.mark.parametrize(
    ("guess", "answers"),
    [("hmm, quite common", ["common"]), ("filming, I think", ["filming"])],
)
def test_commas_that_do_not_list_options_are_fine(guess: str, answers: list[str]) -> None:
    assert Matcher(answers, THING).matches(guess)
