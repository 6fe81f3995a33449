"""Ordinals and TV shorthand for season numbers (issue 12)."""

from __future__ import annotations

import pytest

from trivia.judge.matcher import Matcher
from trivia.judge.normalise import normalise
from trivia.models import AnswerKind

SEASON = Matcher(
    ["3", "season 3"], AnswerKind.NUMBER, question="In which season did she first direct?"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the third one", "3 one"),
        ("third season", "3 season"),
        ("S3", "season 3"),
        ("s03", "season 3"),
    ],
)
def test_ordinals_and_shorthand_normalise_to_digits_and_one_stays_a_word(
    text: str, expected: str
) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize("guess", ["the third one", "third season", "S3", "s3!", "the 3rd season"])
def test_ordinals_and_shorthand_name_the_season(guess: str) -> None:
    assert SEASON.matches(guess)


@pytest.mark.parametrize("guess", ["the second one", "S2", "S31", "season 2 or 3", "3 or 4"])
def test_another_season_or_a_list_of_seasons_is_wrong(guess: str) -> None:
    assert not SEASON.matches(guess)
