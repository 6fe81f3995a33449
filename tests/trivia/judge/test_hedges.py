"""Unit tests for trivia.judge.hedges: lists of options and reworded near misses."""

from __future__ import annotations

import pytest

from trivia.judge.hedges import is_list, reworded
from trivia.judge.normalise import normal_words

FILLER = frozenset({"i", "think", "its", "hmm", "quite", "well"})


def _is_list(guess: str, *answers: str) -> bool:
    def names_answer(text: str) -> bool:
        return any(f" {a} " in f" {text} " for a in answers)

    return is_list(guess, normal_words(guess), FILLER, names_answer)


@pytest.mark.parametrize(
    "guess",
    ["HBO or Netflix or Hulu", "Netflix vs Hulu", "Netflix/Hulu", "Hulu, Netflix", "Hulu; netflix"],
)
def test_options_set_apart_are_a_list(guess: str) -> None:
    assert _is_list(guess, "netflix")


@pytest.mark.parametrize(
    "guess",
    [
        "Netflix",
        "I think its Netflix",
        "hmm, netflix",  # a part of nothing but filler offers nothing
        "netflix, i think",
        "Netflix or netflix",  # every part names the answer
        "Jeri Hogarth, the lawyer",  # a part that starts like a description is no option
        "her mother, Alisa",
    ],
)
def test_filler_repeats_and_descriptions_are_no_list(guess: str) -> None:
    assert not _is_list(guess, "netflix", "jeri hogarth", "alisa", "her mother")


@pytest.mark.parametrize(
    ("guess", "answer"),
    [("uncommon", "common"), ("male", "female"), ("so common", "uncommon")],
)
def test_a_prefix_of_two_letters_makes_another_word(guess: str, answer: str) -> None:
    assert reworded(guess, answer) is (len(guess.split()) == len(answer.split()))


@pytest.mark.parametrize(
    ("guess", "answer"), [("comon", "common"), ("filmng", "filming"), ("common", "common")]
)
def test_a_typo_is_not_a_reworded_answer(guess: str, answer: str) -> None:
    assert not reworded(guess, answer)
