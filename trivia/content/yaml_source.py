"""YAML read with line numbers, plus a reader that turns located nodes into typed values.

`parse_yaml` accepts what `yaml.safe_load` accepts, with three deliberate limits: no
aliases (`*name`), nesting at most `MAX_DEPTH` deep (both enforced by the loaders in
`trivia.content.yaml_loaders`), and at most `MAX_BYTES` of text. Every mapping, key and value keeps
its 1-based line, duplicate keys are reported (PyYAML keeps the last one silently), and
anything the file cannot be read as becomes a `Problem`, never another exception.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from trivia.content.yaml_loaders import compose
from trivia.errors import ContentError, Problem

MAX_BYTES = 1_000_000

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_LITERAL_TAGS = frozenset((_TAG + "merge", _TAG + "value"))  # `<<` and `=`: plain text here

E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True, slots=True)
class Scalar:
    value: str | int | float | bool | date | None
    source: str  # the text as written in the file, without quotes
    line: int


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Map:
    values: dict[str, Node]
    key_lines: dict[str, int]
    line: int


@dataclass(frozen=True, slots=True)
class Bad:
    """A value that could not be read; its problem is already reported."""

    line: int


Node = Scalar | Seq | Map | Bad


def _decode(data: str | bytes, filename: str) -> str:
    """The file's text; a wrong encoding or an oversized file is a ContentError."""
    if len(data) > MAX_BYTES:
        raise ContentError(
            [Problem(filename, None, f"file is too large ({len(data)} bytes; limit {MAX_BYTES})")]
        )
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        message = f"file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be read)"
        raise ContentError([Problem(filename, line, message)]) from None


def parse_yaml(data: str | bytes, filename: str) -> tuple[Node, list[Problem]]:
    """The document's root node and the problems met while reading it.

    Raises ContentError when the text is not YAML at all (or is empty): nothing can be
    checked further then.
    """
    text = _decode(data, filename)
    try:
        root, loader = compose(text)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        context = f"{e.context}, " if e.context else ""
        message = f"not valid YAML: {context}{e.problem}"
        raise ContentError([Problem(filename, line, message)]) from None
    except yaml.reader.ReaderError as e:
        line = text[: e.position].count("\n") + 1
        message = f"not valid YAML: character {chr(e.character)!r} is not allowed"
        raise ContentError([Problem(filename, line, message)]) from None
    if root is None:
        raise ContentError([Problem(filename, None, "file is empty")])
    problems: list[Problem] = []
    return _convert(root, loader, filename, problems), problems


def _convert(node: yaml.Node, loader: Any, filename: str, problems: list[Problem]) -> Node:
    line = node.start_mark.line + 1

    def bad(message: str) -> Bad:
        problems.append(Problem(filename, line, message))
        return Bad(line)

    if isinstance(node, ScalarNode):
        if node.tag in _LITERAL_TAGS:
            return Scalar(node.value, node.value, line)
        if node.tag not in _SCALAR_TAGS:
            return bad(f"unsupported YAML tag {node.tag!r}")
        try:
            value = loader.construct_object(node)
        except Exception:  # PyYAML's constructors raise assorted types on explicit bad tags
            return bad(f"cannot read {node.value!r} as {node.tag.removeprefix(_TAG)}")
        return Scalar(value, node.value, line)
    if isinstance(node, SequenceNode):
        if node.tag != _TAG + "seq":
            return bad(f"unsupported YAML tag {node.tag!r}")
        return Seq(tuple(_convert(n, loader, filename, problems) for n in node.value), line)
    if not isinstance(node, MappingNode) or node.tag != _TAG + "map":
        return bad(f"unsupported YAML tag {node.tag!r}")
    values: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(filename, key_line, "a key must be a plain name"))
            continue
        key = key_node.value
        if key in values:
            message = f"duplicate key {key!r} (first at line {key_lines[key]})"
            problems.append(Problem(filename, key_line, message))
            continue
        key_lines[key] = key_line
        values[key] = _convert(value_node, loader, filename, problems)
    return Map(values, key_lines, line)


def _quoted(text: str) -> str:
    """`text` as a YAML quoted scalar, for "quote it" suggestions."""
    return "'" + text.replace("'", "''") + "'"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, date):
        return "a date"
    return "empty"


class Reader:
    """Reads typed values out of nodes, collecting problems instead of raising.

    Each method returns None (after recording why) when the value cannot be used.
    """

    def __init__(
        self, filename: str, problems: list[Problem], *, collect_warnings: bool = False
    ) -> None:
        self.filename = filename
        self.problems = problems
        # Content that loads but makes a weaker quiz. Only `validate` shows these, and looking
        # for them is a third of parsing a set, so loading for play skips it.
        self.collect_warnings = collect_warnings
        self.warnings: list[Problem] = []

    def warn(self, line: int | None, message: str, item: str | None = None) -> None:
        self.warnings.append(Problem(self.filename, line, message, item))

    def add(self, line: int | None, message: str, item: str | None = None) -> None:
        self.problems.append(Problem(self.filename, line, message, item))

    def mapping(self, node: Node, what: str, item: str | None) -> Map | None:
        if isinstance(node, Map):
            return node
        if not isinstance(node, Bad):
            self.add(node.line, f"{what} should be a mapping of `key: value` lines", item)
        return None

    def sequence(self, node: Node, what: str, item: str | None) -> tuple[Node, ...] | None:
        if isinstance(node, Seq):
            return node.items
        if not isinstance(node, Bad):
            self.add(node.line, f"{what} should be a list, like [a, b]", item)
        return None

    def keys(
        self, m: Map, required: Collection[str], optional: Collection[str], item: str | None
    ) -> None:
        """Report unknown keys (with the closest known one) and missing required keys."""
        known = [*required, *optional]
        for key, line in m.key_lines.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {known}"
                self.add(line, f"unknown key {key!r}{hint}", item)
        for key in required:
            if key not in m.values:
                self.add(m.line, f"missing {key!r}", item)

    def string(self, node: Node, what: str, item: str | None, *, dates: bool = False) -> str | None:
        """A string value; an integer counts as the digits written (`13` is "13", `013`
        stays "013"), a date only where `dates` allows; booleans, decimals and null
        need quotes."""
        if isinstance(node, Bad):
            return None
        if not isinstance(node, Scalar):
            self.add(node.line, f"{what} should be text, not a list or mapping", item)
            return None
        value = node.value
        if isinstance(value, str):
            return value.strip()
        if (isinstance(value, int) and not isinstance(value, bool)) or (
            dates and isinstance(value, date)
        ):
            return node.source
        if value is None and not node.source:
            self.add(node.line, f"{what} is empty", item)
        else:
            self.add(
                node.line, f"{what} is {_describe(value)}; quote it: {_quoted(node.source)}", item
            )
        return None

    def check_text(self, value: str, what: str, limit: int, line: int, item: str | None) -> bool:
        if not value.strip():
            self.add(line, f"{what} is empty", item)
            return False
        if len(value) > limit:
            self.add(line, f"{what} is {len(value)} characters long; the limit is {limit}", item)
            return False
        return True

    def strings(
        self, node: Node, what: str, element: str, item: str | None
    ) -> list[tuple[str, int]] | None:
        """A list of strings with each one's line; None if any element is unusable."""
        nodes = self.sequence(node, what, item)
        if nodes is None:
            return None
        values = [(self.string(n, element, item), n.line) for n in nodes]
        if any(v is None for v, _ in values):
            return None
        return [(v, line) for v, line in values if v is not None]

    def integer(self, node: Node, what: str, item: str | None, low: int, high: int) -> int | None:
        if isinstance(node, Bad):
            return None
        value = node.value if isinstance(node, Scalar) else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(node.line, f"{what} should be a whole number", item)
            return None
        if not low <= value <= high:
            self.add(node.line, f"{what} is {value}; it should be {low} to {high}", item)
            return None
        return value

    def integers(
        self, node: Node, what: str, element: str, item: str | None, low: int, high: int
    ) -> list[tuple[int, int]] | None:
        nodes = self.sequence(node, what, item)
        if nodes is None:
            return None
        values = [(self.integer(n, element, item, low, high), n.line) for n in nodes]
        if any(v is None for v, _ in values):
            return None
        return [(v, line) for v, line in values if v is not None]

    def choice(self, node: Node, what: str, item: str | None, allowed: type[E]) -> E | None:
        value = self.string(node, what, item)
        if value is None:
            return None
        try:
            return allowed(value)
        except ValueError:
            names = ", ".join(m.value for m in allowed)
            self.add(node.line, f"{what} {value!r} is not one of: {names}", item)
            return None
