"""The content loader: every validation rule on a small file, with the line it names."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from trivia.content.library import (
    NEEDS_WHOSWHO,
    BundledPaths,
    Library,
    bundled_paths,
    content_hash,
    load_content,
    load_library,
    load_question_set,
    load_whoswho,
    parse_content,
    parse_question_set,
    parse_whoswho,
)
from trivia.errors import ContentError, Problem
from trivia.models import AnswerKind, Difficulty, QuestionSet, SetDefaults, WhosWho

SOURCE = {"title": "An article", "outlet": "A site", "date": "2018-02-03", "paragraphs": [0, 1, 2]}


def _question(qid: str, answer: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": f"Who is {answer}?", "answers": [answer], "kind": "person",
            "explanation": f"It is {answer}.", "source": [1], **extra}  # fmt: skip


SET: dict[str, Any] = {
    "id": "test-set",
    "title": "Test set",
    "description": "Four people.",
    "show": "Test Show",
    "source": SOURCE,
    "questions": [
        _question("q-ann", "Ann Able"),
        _question("q-bob", "Bob Bell"),
        _question("q-cat", "Cat Cole"),
        _question("q-dan", "Dan Dune"),
    ],
}


def _entity(eid: str, name: str, kind: str, *relations: tuple[str, str], **extra: Any) -> dict:
    rels = [{"kind": k, "target": t, "source": [1]} for k, t in relations]
    return {"id": eid, "name": name, "kind": kind, "description": f"{name}, for tests.",
            "source": [1], **({"relations": rels} if rels else {}), **extra}  # fmt: skip


WHOSWHO: dict[str, Any] = {
    "id": "test-whoswho",
    "title": "Test cast",
    "source": SOURCE,
    "entities": [
        _entity("ann-able", "Ann Able", "actor", ("plays", "hero")),
        _entity("bob-bell", "Bob Bell", "actor", ("plays", "villain")),
        _entity("cat-cole", "Cat Cole", "actor", ("plays", "sidekick")),
        _entity("dan-dune", "Dan Dune", "actor", ("plays", "mentor")),
        _entity("hero", "Hal Hero", "character", ("played_by", "ann-able"), aliases=["Hal"]),
        _entity("villain", "Vic Villain", "character", aliases=["Vic"]),
        _entity("sidekick", "Sid Kick", "character"),
        _entity("mentor", "Mo Mentor", "character"),
    ],
}


def dump(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def edited(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(doc), **changes}


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the `nth` line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def problems_of(text: str | bytes, *, whoswho: WhosWho | None = None) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        parse_content(text, "x.yaml", whoswho=whoswho)
    assert caught.value.problems, "a ContentError always says what is wrong"
    return caught.value.problems


def only_problem(text: str | bytes, **kw: Any) -> Problem:
    problems = problems_of(text, **kw)
    assert len(problems) == 1, problems
    return problems[0]


def set_with(question: dict[str, Any]) -> dict[str, Any]:
    """The test set with its first question replaced."""
    doc = copy.deepcopy(SET)
    doc["questions"][0] = question
    return doc


def first_question_with(**fields: Any) -> str:
    question = {**SET["questions"][0], **fields}
    return dump(set_with({k: v for k, v in question.items() if v is not None}))


# --- a valid set -------------------------------------------------------------------------


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


# --- answers that YAML turned into something else -----------------------------------------


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


# --- question fields --------------------------------------------------------------------


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


def test_unknown_kind_and_difficulty_list_the_allowed_values() -> None:
    text = first_question_with(kind="human", difficulty="brutal")
    kind, difficulty = problems_of(text)
    assert kind.message == (
        "kind 'human' is not one of: person, character, place, number, title, organisation, thing"
    )
    assert difficulty.message == "difficulty 'brutal' is not one of: easy, medium, hard"
    assert (kind.line, difficulty.line) == (line_of(text, "human"), line_of(text, "brutal"))


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


def test_missing_set_fields_and_source_fields() -> None:
    doc = edited(SET, source={"title": "An article", "paragraphs": []})
    del doc["show"]
    messages = {p.message for p in problems_of(dump(doc))}
    assert messages == {"missing 'show'", "missing 'outlet'", "missing 'date'",
                        "paragraphs should list at least one"}  # fmt: skip


def test_a_set_needs_questions() -> None:
    doc = edited(SET)
    del doc["questions"]
    assert only_problem(dump(doc)).message == "missing 'questions'"
    assert only_problem(dump(edited(SET, questions=[]))).message == "the set has no questions"


# --- YAML-level problems ----------------------------------------------------------------


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


# --- generated questions ----------------------------------------------------------------


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


# --- the who's-who ----------------------------------------------------------------------


def test_a_valid_whoswho_loads(tmp_path: Path) -> None:
    path = tmp_path / "whoswho.yaml"
    path.write_text(dump(WHOSWHO))
    whoswho = load_whoswho(path)
    hero = whoswho.entity("hero")
    assert (hero.name, hero.kind.value, hero.aliases) == ("Hal Hero", "character", ("Hal",))
    assert hero.relations[0].target == "ann-able"
    assert load_content(path) == whoswho


def whoswho_with(*entities: dict[str, Any]) -> str:
    return dump(edited(WHOSWHO, entities=[*WHOSWHO["entities"], *entities]))


def test_duplicate_entity_ids() -> None:
    text = whoswho_with(_entity("hero", "Another Hero", "character"))
    problem = only_problem(text)
    assert problem.message == f"id 'hero' is already used at line {line_of(text, 'id: hero')}"
    assert problem.line == line_of(text, "id: hero", nth=2)


def test_relations_must_point_at_known_entities() -> None:
    text = whoswho_with(_entity("eve", "Eve East", "actor", ("plays", "heroo"), ("plays", "eve")))
    unknown, itself = problems_of(text)
    assert unknown.message == "relation target 'heroo' is not an entity id; did you mean 'hero'?"
    assert (unknown.line, unknown.item) == (line_of(text, "target: heroo"), "eve")
    assert itself.message == "relation points at the entity itself"


def test_a_relation_listed_twice_and_a_badly_named_kind() -> None:
    text = whoswho_with(_entity("eve", "Eve East", "actor", ("plays", "hero"), ("plays", "hero"),
                                ("Played-By", "hero")))  # fmt: skip
    messages = [p.message for p in problems_of(text)]
    assert messages == [
        "relation plays hero is listed twice",
        "relation kind 'Played-By' should be lower_case words, like 'played_by'",
    ]


def test_an_alias_may_be_shared_but_may_not_be_another_entitys_name() -> None:
    shared = whoswho_with(_entity("hal-2", "Hal Second", "character", aliases=["Hal"]))
    assert parse_whoswho(shared, "w.yaml").entity("hal-2").aliases == ("Hal",)
    text = whoswho_with(_entity("eve", "Eve East", "actor", aliases=["Vic Villain"]))
    problem = only_problem(text)
    assert problem.message == (
        "alias 'Vic Villain' is the name of 'villain': a name means one entity"
    )
    assert problem.line == line_of(text, "- Vic Villain")


def test_names_and_aliases_are_not_redundant() -> None:
    text = whoswho_with(_entity("eve", "Eve East", "actor", aliases=["eve east", "Evie", "EVIE"]),
                        _entity("eve-2", "Eve  East!", "actor"))  # fmt: skip
    messages = [p.message for p in problems_of(text)]
    assert messages == [
        "alias 'eve east' matches the same guesses as the name; remove it",
        "alias 'EVIE' matches the same guesses as 'Evie' (case, punctuation, a leading 'the' "
        "and number words are ignored); remove one",
        "name 'Eve  East!' is also the name of 'eve'",
    ]


def test_entity_fields_are_checked() -> None:
    text = whoswho_with(_entity("eve", "Eve East", "wizard", source=[5], description="x" * 1025))
    messages = {p.message for p in problems_of(text)}
    assert messages == {
        "kind 'wizard' is not one of: actor, character, crew, outlet, company, show",
        "source paragraph 5 is not one of the article's [0, 1, 2]",
        "description is 1025 characters long; the limit is 1024",
    }


def test_parse_content_tells_the_two_formats_apart() -> None:
    assert isinstance(parse_content(dump(WHOSWHO), "w.yaml"), WhosWho)
    assert isinstance(parse_content(dump(SET), "s.yaml"), QuestionSet)


# --- library, paths and hashes ----------------------------------------------------------


def test_content_hash_is_the_sha256_of_the_text() -> None:
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest() == content_hash(b"abc")


def test_bundled_paths_come_from_the_package() -> None:
    paths = bundled_paths()
    assert paths.whoswho.name == "whoswho.yaml"
    assert paths.whoswho.parent.name == "data"
    assert paths.whoswho.parent.parent.name == "trivia"
    assert all(p.suffix == ".yaml" and p != paths.whoswho for p in paths.sets)


def test_every_shipped_file_loads_with_load_library() -> None:
    paths = bundled_paths()
    assert paths.whoswho.exists() and paths.sets, "the bundled content is missing"
    library = load_library()
    assert isinstance(library, Library)
    assert len(library.sets) == len(paths.sets)
    assert library.whoswho.entities


def _library_files(tmp_path: Path, *sets: dict[str, Any]) -> BundledPaths:
    whoswho = tmp_path / "whoswho.yaml"
    whoswho.write_text(dump(WHOSWHO))
    paths = []
    for i, doc in enumerate(sets):
        paths.append(tmp_path / f"set{i}.yaml")
        paths[-1].write_text(dump(doc))
    return BundledPaths(whoswho, paths)


def test_load_library_generates_from_its_whoswho(tmp_path: Path) -> None:
    generated = edited(SET, id="gen", generate={"from_relations": ["plays"]})
    library = load_library(_library_files(tmp_path, SET, generated))
    assert len(library.sets["gen"].questions) == 8


def test_load_library_reports_every_file_and_shared_set_ids(tmp_path: Path) -> None:
    broken = edited(SET, id="broken", title=True)
    paths = _library_files(tmp_path, SET, broken, SET)
    with pytest.raises(ContentError) as caught:
        load_library(paths)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        f"{paths.sets[1]}:{line_of(dump(broken), 'title:')}: [broken] "
        "title is a boolean; quote it: 'true'",
        f"{paths.sets[2]}: [test-set] question set id 'test-set' is also used by {paths.sets[0]}",
    ]


def test_a_broken_whoswho_is_reported_once(tmp_path: Path) -> None:
    paths = _library_files(tmp_path, edited(SET, generate={"from_relations": ["plays"]}))
    paths.whoswho.write_text("id: [\n")
    with pytest.raises(ContentError) as caught:
        load_library(paths)
    assert [p.file for p in caught.value.problems] == [str(paths.whoswho)]
