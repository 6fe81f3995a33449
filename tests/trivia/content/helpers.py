"""Helpers for the content tests: a small valid set and who's-who, and ways to edit, dump and
check them."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from trivia.content.library import (
    parse_content,
)
from trivia.errors import ContentError, Problem
from trivia.models import WhosWho

SOURCE = {"title": "An article", "outlet": "A site", "date": "2018-02-03", "paragraphs": [0, 1, 2]}


def question(qid: str, answer: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": f"Who is {answer}?", "answers": [answer], "kind": "person",
            "explanation": f"It is {answer}.", "source": [1], **extra}  # fmt: skip


SET: dict[str, Any] = {
    "id": "test-set",
    "title": "Test set",
    "description": "Four people.",
    "show": "Test Show",
    "source": SOURCE,
    "questions": [
        question("q-ann", "Ann Able"),
        question("q-bob", "Bob Bell"),
        question("q-cat", "Cat Cole"),
        question("q-dan", "Dan Dune"),
    ],
}


def entity(eid: str, name: str, kind: str, *relations: tuple[str, str], **extra: Any) -> dict:
    rels = [{"kind": k, "target": t, "source": [1]} for k, t in relations]
    return {"id": eid, "name": name, "kind": kind, "description": f"{name}, for tests.",
            "source": [1], **({"relations": rels} if rels else {}), **extra}  # fmt: skip


WHOSWHO: dict[str, Any] = {
    "id": "test-whoswho",
    "title": "Test cast",
    "source": SOURCE,
    "entities": [
        entity("ann-able", "Ann Able", "actor", ("plays", "hero")),
        entity("bob-bell", "Bob Bell", "actor", ("plays", "villain")),
        entity("cat-cole", "Cat Cole", "actor", ("plays", "sidekick")),
        entity("dan-dune", "Dan Dune", "actor", ("plays", "mentor")),
        entity("hero", "Hal Hero", "character", ("played_by", "ann-able"), aliases=["Hal"]),
        entity("villain", "Vic Villain", "character", aliases=["Vic"]),
        entity("sidekick", "Sid Kick", "character"),
        entity("mentor", "Mo Mentor", "character"),
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
