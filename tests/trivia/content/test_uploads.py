"""Uploaded sets: limits before parsing, validate's messages, hostile files refused cleanly."""

from __future__ import annotations

import pytest

from tests.trivia.content.set_text import line_of, question, set_text
from trivia.content.library import content_hash
from trivia.content.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_QUESTIONS, check_upload
from trivia.errors import ContentError

GOOD = set_text(
    question("one", "Who is one?", "[Alpha]"),
    question("two", "Who is two?", "[Beta]"),
    question("three", "Who is three?", "[Gamma]"),
    question("four", "Who is four?", "[Delta]"),
)


def _problems(data: bytes, **kw: object) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_upload(data, "mine.yaml", **kw)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_a_valid_upload_is_read_and_hashed() -> None:
    question_set, digest = check_upload(GOOD.encode(), "mine.yaml")
    assert question_set.id == "fam" and len(question_set.questions) == 4
    assert digest == content_hash(GOOD.encode())


def test_problems_name_the_file_line_and_question() -> None:
    text = GOOD.replace("    kind: character\n", "    kind: wizard\n", 1)
    [problem] = _problems(text.encode())
    assert problem.startswith(f"mine.yaml:{line_of(text, 'kind: wizard')}: [one] ")


def test_a_bundled_sets_id_is_refused() -> None:
    assert _problems(GOOD.encode(), reserved_ids={"fam"}) == [
        "mine.yaml: the id 'fam' is a bundled set's; give your set another id"
    ]


def test_too_big_and_too_many_questions_are_refused_before_parsing() -> None:
    huge = b"#" * (MAX_UPLOAD_BYTES + 1)
    assert _problems(huge) == ["mine.yaml: the file is 256 KiB; the limit is 256 KiB"]
    many = b"questions:\n" + b"  - id: x\n" * (MAX_UPLOAD_QUESTIONS + 1)
    assert _problems(many) == [
        f"mine.yaml: {MAX_UPLOAD_QUESTIONS + 1} questions; a set may have at most 500"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "mine.yaml"),
        (b"just some words, not a set\n", "mine.yaml"),
        (b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "aliases"),
        (b"x: " + b"[" * 200 + b"]" * 200 + b"\n", "nested"),
        (b"", "empty"),
    ],
)
def test_hostile_or_wrong_files_are_refused_not_crashed(data: bytes, expected: str) -> None:
    problems = _problems(data)
    assert problems and any(expected in p for p in problems)
