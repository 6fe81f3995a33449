"""`cite_paragraphs`: the one way every surface cites the article."""

from __future__ import annotations

from trivia.models import cite_paragraphs


def test_one_two_and_more_paragraphs() -> None:
    assert cite_paragraphs((6,)) == "paragraph 6"
    assert cite_paragraphs((6, 7)) == "paragraphs 6 and 7"
    assert cite_paragraphs((1, 2, 5)) == "paragraphs 1, 2 and 5"


def test_paragraphs_are_sorted_once_each_and_none_cite_nothing() -> None:
    assert cite_paragraphs([7, 6, 7]) == "paragraphs 6 and 7"
    assert cite_paragraphs(()) == ""
