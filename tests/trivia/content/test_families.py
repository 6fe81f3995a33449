"""`family` and `excludes` in a question set, and `generate`'s `skip` and `choices`."""

from __future__ import annotations

import pytest

from tests.trivia.content.set_text import line_of, question, set_text
from trivia.content.library import bundled_paths, load_whoswho, parse_question_set
from trivia.errors import ContentError

ANN = question("ann", "Who is Ann?", "[Ann Actor]", extra="family: people")
BOB = question("bob", "Who is Bob?", "[Bob Actor]", extra="family: people\nexcludes: [cat]")
CAT = question("cat", "Who is Cat?", "[Cat Actor]")


def _problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as e:
        parse_question_set(text, "fam.yaml")
    return [str(p) for p in e.value.problems]


def test_family_and_excludes_are_loaded() -> None:
    qs = parse_question_set(set_text(ANN, BOB, CAT), "fam.yaml")
    assert [q.family for q in qs.questions] == ["people", "people", None]
    assert qs.question("bob").excludes == ("cat",)


def test_an_unknown_excluded_id_is_named_with_its_line() -> None:
    text = set_text(
        ANN, question("bob", "Who is Bob?", "[Bob Actor]", extra="excludes: [cta]"), CAT
    )
    assert _problems(text) == [
        f"fam.yaml:{line_of(text, 'excludes')}: [bob] excludes 'cta', which is not a question "
        "id in this set; did you mean 'cat'?"
    ]


def test_a_question_cannot_exclude_itself() -> None:
    text = set_text(ANN, question("bob", "Who is Bob?", "[Bob Actor]", extra="excludes: [bob]"))
    assert _problems(text) == [
        f"fam.yaml:{line_of(text, 'excludes')}: [bob] a question cannot exclude itself"
    ]


def test_a_family_name_must_be_a_slug() -> None:
    text = set_text(question("ann", "Who is Ann?", "[Ann Actor]", extra="family: Big Family"))
    [problem] = _problems(text)
    assert problem.startswith(f"fam.yaml:{line_of(text, 'family')}: [ann] family 'Big Family'")


def _generating(block: str) -> str:
    text = set_text(CAT).replace(
        "questions:\n", f"generate:\n  from_relations: [played_by]\n{block}questions:\n"
    )
    return text.replace("paragraphs: [0, 1, 2]", "paragraphs: [0, 1, 2, 3, 4, 5, 6, 7, 8]")


def _load(text: str) -> list[str]:
    whoswho = load_whoswho(bundled_paths().whoswho)
    try:
        qs = parse_question_set(text, "fam.yaml", whoswho=whoswho)
    except ContentError as e:
        return [str(p) for p in e.problems]
    return [q.id for q in qs.questions]


def test_generated_questions_can_be_skipped() -> None:
    ids = _load(_generating("  skip: [rel-played-by-kilgrave]\n"))
    assert "rel-played-by-trish-walker" in ids
    assert "rel-played-by-kilgrave" not in ids


def test_skipping_an_id_that_is_not_generated_is_an_error() -> None:
    text = _generating("  skip: [rel-played-by-kilgrav]\n")
    assert _load(text) == [
        f"fam.yaml:{line_of(text, 'skip')}: [fam] 'rel-played-by-kilgrav' is not the id of a "
        "generated question; did you mean 'rel-played-by-kilgrave'?"
    ]


def test_generated_options_can_be_chosen_by_hand() -> None:
    text = _generating(
        "  choices:\n    rel-played-by-kilgrave: [Mike Colter, Finn Jones, Jon Bernthal]\n"
    )
    qs = parse_question_set(text, "fam.yaml", whoswho=load_whoswho(bundled_paths().whoswho))
    assert qs.question("rel-played-by-kilgrave").choices == (
        "Mike Colter",
        "Finn Jones",
        "Jon Bernthal",
    )


def test_a_hand_chosen_option_may_not_be_an_accepted_answer() -> None:
    text = _generating(
        "  choices:\n    rel-played-by-kilgrave: [Tennant, Finn Jones, Jon Bernthal]\n"
    )
    [problem] = _load(text)
    assert problem == (
        f"fam.yaml:{line_of(text, '[Tennant')}: [rel-played-by-kilgrave (generated)] "
        "choice 'Tennant' is also an accepted answer"
    )


def test_a_generated_casting_pair_is_one_family() -> None:
    text = _generating("").replace("[played_by]", "[plays, played_by]")
    qs = parse_question_set(text, "fam.yaml", whoswho=load_whoswho(bundled_paths().whoswho))
    pair = {
        qs.question("rel-plays-rachael-taylor").family,
        qs.question("rel-played-by-trish-walker").family,
    }
    assert pair == {"rel-rachael-taylor-trish-walker"}


def test_a_generated_question_can_be_given_a_difficulty() -> None:
    text = _generating("  difficulty:\n    rel-played-by-kilgrave: hard\n")
    qs = parse_question_set(text, "fam.yaml", whoswho=load_whoswho(bundled_paths().whoswho))
    assert qs.question("rel-played-by-kilgrave").difficulty == "hard"
    assert qs.question("rel-played-by-trish-walker").difficulty == "medium"


def test_an_unknown_difficulty_for_a_generated_question_is_named() -> None:
    text = _generating("  difficulty:\n    rel-played-by-kilgrave: brutal\n")
    [problem] = _load(text)
    assert problem.startswith(f"fam.yaml:{line_of(text, 'brutal')}: [fam] difficulty for ")
