"""Reading YAML: values YAML turns into something else, unknown keys, files that are not YAML."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.trivia.content.helpers import (
    SET,
    dump,
    edited,
    first_question_with,
    line_of,
    only_problem,
    problems_of,
    set_with,
)
from trivia.content.library import (
    load_question_set,
    load_whoswho,
    parse_question_set,
)
from trivia.errors import ContentError


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("yes", "answer is a boolean; quote it: 'yes'"),
        ("Off", "answer is a boolean; quote it: 'Off'"),
        ("3.5", "answer is a decimal number; quote it: '3.5'"),
        ("2018-02-03", "answer is a date; quote it: '2018-02-03'"),
        ("~", "answer is empty; quote it: '~'"),
        ("null", "answer is empty; quote it: 'null'"),
        ("", "answer is empty"),
        ("''", "answer is empty"),
        ("[a, b]", "answer should be text, not a list or mapping"),
    ],
)
def test_an_answer_must_be_text(written: str, message: str) -> None:
    text = first_question_with(answers=["PLACEHOLDER"]).replace("PLACEHOLDER", written)
    problem = only_problem(text)
    assert problem.message == message
    assert problem.item == "q-ann"
    assert problem.line == line_of(text, "- " + written if written else "answers:") + (
        1 if not written else 0
    )


def test_a_none_answer_in_a_flow_list_names_its_line() -> None:
    text = first_question_with(answers=["X"]).replace("answers:\n  - X", "answers: [Ann, ~]")
    problem = only_problem(text)
    assert problem.line == line_of(text, "answers: [Ann, ~]")
    assert problem.message == "answer is empty; quote it: '~'"


def test_unknown_key_suggests_the_closest_known_one() -> None:
    question = {**SET["questions"][0], "answer": ["Ann"]}
    text = dump(set_with(question))
    problem = only_problem(text)
    assert problem.message == "unknown key 'answer'; did you mean 'answers'?"
    assert (problem.line, problem.item) == (line_of(text, "answer:"), "q-ann")


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    problem = only_problem(dump(edited(SET, zzz=1)))
    assert problem.message.startswith("unknown key 'zzz'; known keys: ['id', 'title'")
    assert problem.item == "test-set"


def test_duplicate_keys_are_rejected() -> None:
    text = dump(SET).replace("  text: Who is Bob Bell?", "  text: Who is Bob Bell?\n  text: Again?")
    problem = only_problem(text)
    first = line_of(text, "Who is Bob Bell?")
    assert problem.message == f"duplicate key 'text' (first at line {first})"
    assert problem.line == first + 1


def test_syntax_errors_name_their_line() -> None:
    text = dump(SET).replace("  text: Who is Bob Bell?", "  text: [Who is Bob Bell?")
    problem = only_problem(text)
    assert problem.message.startswith("not valid YAML: ")
    assert problem.line is not None
    assert line_of(text, "[Who is Bob") <= problem.line <= line_of(text, "[Who is Bob") + 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file is empty"),
        ("# only a comment\n", "file is empty"),
        ("- a\n- b\n", "the top level should be a mapping of `key: value` lines"),
        ("just words\n", "the top level should be a mapping of `key: value` lines"),
        ("a: 1\n---\nb: 2\n", "not valid YAML: expected a single document in the stream, "
                               "but found another document"),
        ("a: &x [1]\nb: *x\n", "not valid YAML: aliases (*name) are not supported; "
                                "write the value out"),
        ("a: !!binary aGk=\n", "unsupported YAML tag 'tag:yaml.org,2002:binary'"),
        ("a: !!python/object:os.system x\n",
         "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
        ("a: !!int nope\n", "cannot read 'nope' as int"),
        ("a: !!set {x}\n", "unsupported YAML tag 'tag:yaml.org,2002:set'"),
        ("? [a]\n: 1\n", "a key must be a plain name"),
        ("a: \x07\n", "not valid YAML: character '\\x07' is not allowed"),
    ],
)  # fmt: skip
def test_anything_unreadable_is_a_content_error(text: str, message: str) -> None:
    problems = problems_of(text)
    assert message in [p.message for p in problems]


def test_deep_nesting_is_refused_without_recursion_errors() -> None:
    problem = only_problem("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problem.message == "not valid YAML: nested more than 32 levels deep"
    assert problem.line == 1


def test_a_question_that_is_not_a_mapping() -> None:
    text = dump(set_with("Who is Ann?"))  # type: ignore[arg-type]
    problem = only_problem(text)
    assert problem.message == "question 1 should be a mapping of `key: value` lines"
    assert problem.line == line_of(text, "Who is Ann?")


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        load_question_set(path)
    [problem] = caught.value.problems
    assert str(problem) == f"{path}:2: file is not UTF-8 text (byte 0xe9 cannot be read)"


def test_a_utf8_byte_order_mark_is_fine() -> None:
    assert parse_question_set(b"\xef\xbb\xbf" + dump(SET).encode(), "x.yaml").id == "test-set"


def test_a_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_whoswho(tmp_path / "nope.yaml")
    message = "cannot read file: No such file or directory"
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: {message}"


def test_every_problem_of_a_file_is_reported_together_in_line_order() -> None:
    doc = copy.deepcopy(SET)
    doc["questions"][0]["answers"] = [True]
    doc["questions"][1]["kind"] = "human"
    doc["questions"][2]["source"] = [9]
    doc["questions"][3]["hint"] = ""
    doc["title"] = ""
    text = dump(doc)
    problems = problems_of(text)
    assert [p.item for p in problems] == ["test-set", "q-ann", "q-bob", "q-cat", "q-dan"]
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    assert "answer is a boolean; quote it: 'true'" in str(ContentError(problems))
