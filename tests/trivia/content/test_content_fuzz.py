"""Whatever a content file holds, loading it either succeeds or raises ContentError."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.trivia.content.helpers import SET, WHOSWHO, dump
from trivia.content.library import parse_content, parse_question_set, parse_whoswho
from trivia.errors import ContentError
from trivia.models import QuestionSet, WhosWho

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KNOWN_KEYS = sorted(
    {key for doc in (SET, WHOSWHO) for key in doc}
    | {key for key in SET["questions"][0]}
    | {key for key in WHOSWHO["entities"][0]}
    | {"choices", "difficulty", "hint", "tags", "aliases", "relations", "target", "generate",
       "from_relations", "defaults", "time_limit", "questions_per_round", "paragraphs"}
)  # fmt: skip

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=10)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)

WHOSWHO_OBJECT = parse_whoswho(dump(WHOSWHO), "w.yaml")


def loads_or_content_error(text: str | bytes) -> None:
    """Every parser, with and without a who's-who, returns content or raises ContentError."""
    for parse in (
        lambda: parse_question_set(text, "f.yaml"),
        lambda: parse_question_set(text, "f.yaml", whoswho=WHOSWHO_OBJECT),
        lambda: parse_whoswho(text, "f.yaml"),
        lambda: parse_content(text, "f.yaml", whoswho=WHOSWHO_OBJECT),
    ):
        try:
            result = parse()
        except ContentError as e:
            assert e.problems
            assert all(p.file == "f.yaml" for p in e.problems)
        else:
            assert isinstance(result, QuestionSet | WhosWho)


@FUZZ
@given(documents)
def test_random_yaml_documents(doc: Any) -> None:
    loads_or_content_error(yaml.safe_dump(doc, allow_unicode=True))


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    loads_or_content_error(text)


@FUZZ
@given(st.text(alphabet="-:?,[]{}&*!|>'\"#%@ \n\t\\ab1.~", max_size=200))
def test_random_yaml_punctuation(text: str) -> None:
    loads_or_content_error(text)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    loads_or_content_error(data)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `doc`."""
    if isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        return []
    return [p for key, value in items for p in [(*prefix, key), *_paths(value, (*prefix, key))]]


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@FUZZ
@given(st.data())
def test_valid_files_with_one_value_replaced(data: st.DataObject) -> None:
    """Near-valid files reach the deeper checks, not just the first type error."""
    generating = {**SET, "generate": {"from_relations": ["plays"]}}
    base = data.draw(st.sampled_from([SET, WHOSWHO, generating]))
    path = data.draw(st.sampled_from(_paths(base)))
    value = data.draw(documents | st.sampled_from(["", "plays", "hero", "ann-able", "person"]))
    loads_or_content_error(dump(_replace(base, path, value)))
