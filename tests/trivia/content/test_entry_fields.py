"""Fields every entry shares: ids, texts and their limits, answers and sources, with lines."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.trivia.content.helpers import (
    SET,
    dump,
    edited,
    first_question_with,
    line_of,
    only_problem,
    problems_of,
)
from trivia.content.library import (
    parse_question_set,
)


def test_missing_text_names_the_question_and_its_line() -> None:
    text = first_question_with(text=None)
    problem = only_problem(text)
    assert str(problem) == f"x.yaml:{line_of(text, 'id: q-ann')}: [q-ann] missing 'text'"


def test_a_question_without_an_id_is_named_by_position() -> None:
    problems = problems_of(first_question_with(id=None))
    assert [(p.item, p.message) for p in problems] == [("question 1", "missing 'id'")]


def test_empty_answers_list() -> None:
    text = first_question_with(answers=[])
    problem = only_problem(text)
    assert problem.message == "answers is empty; give at least one accepted answer"
    assert problem.line == line_of(text, "answers: []")


def test_answers_that_normalise_alike_are_redundant() -> None:
    text = first_question_with(answers=["Ann Able", "ann able!", "The Ann-Able"])
    problems = problems_of(text)
    assert [p.line for p in problems] == [line_of(text, "ann able!"), line_of(text, "The Ann")]
    assert problems[0].message.startswith("answer 'ann able!' matches the same guesses as 'Ann")


def test_an_answer_with_nothing_to_match() -> None:
    problem = only_problem(first_question_with(answers=["Ann Able", "?!"]))
    assert problem.message == "answer '?!' has no letters or digits to match"


def test_duplicate_question_ids() -> None:
    doc = copy.deepcopy(SET)
    doc["questions"][2]["id"] = "q-ann"
    text = dump(doc)
    problem = only_problem(text)
    first = line_of(text, "id: q-ann")
    assert problem.message == f"id 'q-ann' is already used at line {first}"
    assert problem.line == line_of(text, "id: q-ann", nth=2)


@pytest.mark.parametrize("bad", ["Q1", "two words", "trailing-", "a--b", "x" * 65, "ümlaut"])
def test_ids_must_be_slugs(bad: str) -> None:
    problem = only_problem(first_question_with(id=bad))
    assert problem.message.startswith(f"id {bad!r} should be a slug")


@pytest.mark.parametrize(
    ("field", "limit"), [("text", 1000), ("explanation", 1024), ("hint", 1024)]
)
def test_question_texts_have_limits(field: str, limit: int) -> None:
    assert parse_question_set(first_question_with(**{field: "x" * limit}), "x.yaml")
    problem = only_problem(first_question_with(**{field: "x" * (limit + 1)}))
    assert problem.message == f"{field} is {limit + 1} characters long; the limit is {limit}"


@pytest.mark.parametrize(("field", "limit"), [("title", 256), ("description", 4096), ("show", 256)])
def test_set_texts_have_limits(field: str, limit: int) -> None:
    assert parse_question_set(dump(edited(SET, **{field: "x" * limit})), "x.yaml")
    problem = only_problem(dump(edited(SET, **{field: "x" * (limit + 1)})))
    assert problem.message == f"{field} is {limit + 1} characters long; the limit is {limit}"


def test_answers_and_choices_fit_on_a_button() -> None:
    long = "x" * 81
    choices = ["Eve East", "Fay Fern", long]
    answer, choice = problems_of(first_question_with(answers=["Ann", long], choices=choices))
    assert answer.message == "answer is 81 characters long; the limit is 80"
    assert choice.message == "choice is 81 characters long; the limit is 80"


def test_empty_text_is_rejected() -> None:
    assert only_problem(first_question_with(text="   ")).message == "text is empty"


def test_source_paragraphs_must_be_among_the_sets() -> None:
    text = first_question_with(source=[1, 7])
    problem = only_problem(text)
    assert problem.message == "source paragraph 7 is not one of the article's [0, 1, 2]"
    assert problem.line == line_of(text, "- 7")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ([], "source should cite at least one paragraph"),
        (["one"], "paragraph should be a whole number"),
        ([True], "paragraph should be a whole number"),
        ([-1], "paragraph is -1; it should be 0 to 999"),
        (3, "source should be a list, like [a, b]"),
    ],
)
def test_source_paragraphs_are_whole_numbers(source: Any, message: str) -> None:
    assert only_problem(first_question_with(source=source)).message == message


def test_missing_set_fields_and_source_fields() -> None:
    doc = edited(SET, source={"title": "An article", "paragraphs": []})
    del doc["show"]
    messages = {p.message for p in problems_of(dump(doc))}
    assert messages == {"missing 'show'", "missing 'outlet'", "missing 'date'",
                        "paragraphs should list at least one"}  # fmt: skip
