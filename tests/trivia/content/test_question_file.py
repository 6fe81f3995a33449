"""Question files: a valid set, its questions, choices, defaults and generated questions."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.trivia.content.helpers import (
    SET,
    SOURCE,
    WHOSWHO,
    dump,
    edited,
    first_question_with,
    line_of,
    only_problem,
    problems_of,
)
from trivia.content.library import (
    NEEDS_WHOSWHO,
    load_question_set,
    parse_question_set,
    parse_whoswho,
)
from trivia.models import AnswerKind, Difficulty, QuestionSet, SetDefaults


def test_a_valid_set_loads_completely(tmp_path: Path) -> None:
    doc = edited(SET, defaults={"time_limit": 20, "questions_per_round": 4})
    doc["questions"][0] |= {"choices": ["Eve East", "Fay Fern", "Gus Gold"], "hint": "A.",
                            "difficulty": "hard", "tags": ["cast"]}  # fmt: skip
    path = tmp_path / "set.yaml"
    path.write_text(dump(doc))
    qs = load_question_set(path)
    assert isinstance(qs, QuestionSet)
    assert (qs.id, qs.title, qs.show) == ("test-set", "Test set", "Test Show")
    assert qs.source.paragraphs == (0, 1, 2)
    assert qs.defaults == SetDefaults(time_limit=20, questions_per_round=4)
    first, second = qs.questions[:2]
    assert first.answers == ("Ann Able",)
    assert first.kind is AnswerKind.PERSON
    assert first.choices == ("Eve East", "Fay Fern", "Gus Gold")
    assert (first.hint, first.difficulty, first.tags) == ("A.", Difficulty.HARD, ("cast",))
    assert (second.difficulty, second.hint, second.choices) == (Difficulty.MEDIUM, None, ())


def test_an_unquoted_source_date_is_kept_as_written() -> None:
    text = dump(SET).replace("date: '2018-02-03'", "date: 2018-02-03")
    assert "date: 2018-02-03\n" in text
    assert parse_question_set(text, "x.yaml").source.date == "2018-02-03"


@pytest.mark.parametrize("number", ["13", "013", "1_300"])
def test_bare_whole_numbers_are_the_digits_written(number: str) -> None:
    text = first_question_with(answers=["X"]).replace("- X", f"- {number}")
    assert parse_question_set(text, "x.yaml").questions[0].answers == (number,)


def test_unknown_kind_and_difficulty_list_the_allowed_values() -> None:
    text = first_question_with(kind="human", difficulty="brutal")
    kind, difficulty = problems_of(text)
    assert kind.message == (
        "kind 'human' is not one of: person, character, place, number, title, organisation, thing"
    )
    assert difficulty.message == "difficulty 'brutal' is not one of: easy, medium, hard"
    assert (kind.line, difficulty.line) == (line_of(text, "human"), line_of(text, "brutal"))


def test_choice_mode_needs_three_distractors() -> None:
    doc = copy.deepcopy(SET)
    for question in doc["questions"]:
        question["choices"] = ["Eve East"]
    doc["questions"][3] |= {"kind": "place", "choices": ["Paris"]}
    text = dump(doc)
    problem = only_problem(text)
    assert problem.item == "q-dan"
    assert problem.line == line_of(text, "choices:", nth=4)
    assert problem.message.startswith("choice mode needs 3 wrong options but only 1 can be found")


def test_other_answers_of_the_same_kind_count_as_distractors() -> None:
    doc = copy.deepcopy(SET)
    del doc["questions"][3]
    problems = problems_of(dump(doc))
    assert [p.item for p in problems] == ["q-ann", "q-bob", "q-cat"]  # two others each
    for question in doc["questions"]:
        question["choices"] = ["Eve East"]
    assert parse_question_set(dump(doc), "x.yaml")


def test_a_choice_may_not_be_an_accepted_answer() -> None:
    text = first_question_with(choices=["Eve East", "ann able", "Gus Gold"])
    problem = only_problem(text)
    assert problem.message == "choice 'ann able' is also an accepted answer"
    assert problem.line == line_of(text, "- ann able")


@pytest.mark.parametrize(
    ("defaults", "message"),
    [
        ({"time_limit": 1}, "time_limit is 1; it should be 5 to 300"),
        ({"time_limit": True}, "time_limit should be a whole number"),
        ({"questions_per_round": "ten"}, "questions_per_round should be a whole number"),
        ({"time_limits": 3}, "unknown key 'time_limits'; did you mean 'time_limit'?"),
    ],
)
def test_set_defaults(defaults: dict[str, Any], message: str) -> None:
    assert only_problem(dump(edited(SET, defaults=defaults))).message == message


def test_a_set_needs_questions() -> None:
    doc = edited(SET)
    del doc["questions"]
    assert only_problem(dump(doc)).message == "missing 'questions'"
    assert only_problem(dump(edited(SET, questions=[]))).message == "the set has no questions"


def test_generate_without_a_whoswho_is_an_error() -> None:
    text = dump(edited(SET, generate={"from_relations": ["plays"]}))
    problem = only_problem(text)
    assert (problem.message, problem.line) == (NEEDS_WHOSWHO, line_of(text, "generate:"))


def test_generated_questions_are_appended() -> None:
    whoswho = parse_whoswho(dump(WHOSWHO), "w.yaml")
    doc = edited(SET, generate={"from_relations": ["plays", "played_by"]})
    qs = parse_question_set(dump(doc), "x.yaml", whoswho=whoswho)
    assert len(qs.questions) == 4 + 4 + 1
    assert qs.questions[:4] == parse_question_set(dump(SET), "x.yaml", whoswho=whoswho).questions
    assert "Hal Hero" in qs.questions[4].answers


def test_generated_questions_are_validated_like_the_rest() -> None:
    whoswho = parse_whoswho(dump(WHOSWHO), "w.yaml")
    doc = edited(SET, generate={"from_relations": ["played_by"]})
    doc["source"] = {**SOURCE, "paragraphs": [0, 2]}
    for question in doc["questions"]:
        question["source"] = [2]
    text = dump(doc)
    problem = only_problem(text, whoswho=whoswho)
    assert problem.line == line_of(text, "generate:")
    assert problem.item == "rel-played-by-hero (generated)"
    assert problem.message == "source paragraph 1 is not one of the article's [0, 2]"


def test_generate_names_unknown_relation_kinds() -> None:
    whoswho = parse_whoswho(dump(WHOSWHO), "w.yaml")
    text = dump(edited(SET, generate={"from_relations": ["plays", "married_to"]}))
    problem = only_problem(text, whoswho=whoswho)
    assert problem.line == line_of(text, "married_to")
    assert problem.message == (
        "no relation in the who's-who has kind 'married_to'; it has ['played_by', 'plays']"
    )


@pytest.mark.parametrize(
    ("generate", "message"),
    [
        ({"from_relations": []}, "from_relations is empty; list relation kinds, like [plays]"),
        ({"relations": ["plays"]}, "unknown key 'relations'; did you mean 'from_relations'?"),
        (["plays"], "generate should be a mapping of `key: value` lines"),
    ],
)
def test_generate_is_checked(generate: Any, message: str) -> None:
    whoswho = parse_whoswho(dump(WHOSWHO), "w.yaml")
    problems = problems_of(dump(edited(SET, generate=generate)), whoswho=whoswho)
    assert message in [p.message for p in problems]
