"""The fast loader (libyaml's scanner under PyYAML's composer) reads what the pure-Python
reference loader reads: same trees for the bundled files, and `compose` gives the reference's
tree, or its exact error, on the inputs where the two are known to differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from trivia.content.library import parse_question_set
from trivia.content.yaml_loaders import FastLoader, Loader, compose
from trivia.errors import ContentError

DATA = Path(__file__).resolve().parents[3] / "trivia" / "data"
BUNDLED = sorted(DATA.glob("*.yaml"))

needs_libyaml = pytest.mark.skipif(FastLoader is None, reason="PyYAML built without libyaml")


def shape(node: yaml.Node | None) -> Any:
    """The node as nested tuples of kind, tag, start line and column, and value or children."""
    if node is None:
        return None
    where = (node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", *where, node.value)
    if isinstance(node, SequenceNode):
        return ("seq", *where, tuple(shape(item) for item in node.value))
    assert isinstance(node, MappingNode)
    pairs = tuple((shape(key), shape(value)) for key, value in node.value)
    return ("map", *where, pairs)


def outcome(read: Any, text: str) -> Any:
    """The shape of the tree `read(text)` composes, or the type and message of what it raises."""
    try:
        node = read(text)
    except Exception as e:
        return type(e), str(e)
    return shape(node)


def reference(text: str) -> yaml.Node | None:
    return Loader(text).get_single_node()


def composed(text: str) -> yaml.Node | None:
    return compose(text)[0]


def test_there_are_bundled_files() -> None:
    assert len(BUNDLED) >= 2


@needs_libyaml
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_fast_and_reference_loaders_compose_bundled_files_alike(path: Path) -> None:
    assert FastLoader is not None
    text = path.read_text(encoding="utf-8")
    fast = shape(FastLoader(text).get_single_node())
    assert fast is not None
    assert fast == shape(reference(text))


@needs_libyaml
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_take_the_fast_path(path: Path) -> None:
    """Start-up time depends on it: nothing in the shipped files sends them to pure Python."""
    assert FastLoader is not None
    assert isinstance(compose(path.read_text(encoding="utf-8"))[1], FastLoader)


EDGE_CASES = {
    "tab after a colon": "a:\tb\n",
    "tab in a flow list": "a: [1,\t2]\n",
    "tab indenting a key": "a:\n\tb: 1\n",
    "tab inside a quoted value": 'a: "x\ty"\n',
    "byte order mark": "\ufeffa: 1\n",
    "byte order mark mid-text": "a: x\ufeffy\n",
    "no final newline": "a: 1\nb: [x, y]",
    "block scalar without final newline": "a: |\n  text",
    "empty value": "a:\nb: 1\n",
    "empty value before a comment": "a:\n  # nothing here\nb:\n",
    "empty flow mapping values": "{a: , b: }\n",
    "empty sequence item": "- \n- x\n",
    "? inside a flow list": "a: [x?y, z]\n",
    "? inside a flow mapping": "{a: b?c}\n",
    "? key in a flow list": "[? a : b]\n",
    "? outside flow": "a: x?y\n",
    "YAML directive": "%YAML 1.1\n---\na: 1\n",
    "TAG directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "directive without a document": "%YAML 1.1\na: 1\n",
    "anchor and alias": "a: &x [1, 2]\nb: *x\n",
    "anchor only": "a: &x 1\nb: 2\n",
    "explicit tag": "a: !!str 1\n",
    "carriage return alone": "a: 1\rb: 2\n",
    "block scalar header into a comment": "a: |#c\n  x\n",
    "nested too deep": "a: " + "[" * 40 + "]" * 40 + "\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "control character": "a: \x07\n",
    "empty text": "",
}


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_compose_reads_edge_cases_as_the_reference_does(text: str) -> None:
    assert outcome(composed, text) == outcome(reference, text)


def test_a_very_deep_document_is_a_content_error_not_a_crash() -> None:
    for text in ("[" * 200_000, "[" * 200_000 + "\n"):
        with pytest.raises(ContentError) as caught:
            parse_question_set(text, "f.yaml")
        messages = [p.message for p in caught.value.problems]
        assert messages == ["not valid YAML: nested more than 32 levels deep"]


keys = st.text(max_size=8) | st.integers()
scalars = st.text(max_size=12) | st.integers()
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(documents, st.sampled_from([None, False, True]), st.booleans())
def test_compose_agrees_with_the_reference_on_generated_yaml(
    doc: Any, flow: bool | None, unicode: bool
) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    assert outcome(composed, text) == outcome(reference, text)
