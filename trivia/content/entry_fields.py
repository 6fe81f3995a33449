"""Reading a content file's mappings into drafts, and the checks both kinds of file share.

A draft holds what could be read of one mapping (a question, an entity, the top level, ...)
and the line of each part, so later checks can name the line they complain about. Text
limits follow where Discord shows each text; the question set and who's-who modules add
the limits only they need.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trivia.content.yaml_source import Map, Node, Reader, Scalar
from trivia.judge.normalise import normalise
from trivia.models import SourceRef

MAX_ID = 64
MAX_TITLE = 256  # embed title: set and who's-who titles, show, source fields
MAX_DESCRIPTION = 4096  # embed description: a set's description
MAX_FIELD = 1024  # embed field value: explanation, hint, entity description
MAX_LABEL = 80  # button label: answers, choices, entity names and aliases
PARAGRAPHS = (0, 999)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# How a field is read: text, a date or text, a list of texts, a list of paragraph numbers,
# a whole number in a range, or one of an enum's values.
FieldKinds = dict[str, str | tuple[int, int] | type[enum.Enum]]
_SINGULAR = {"answers": "answer", "choices": "choice", "tags": "tag", "aliases": "alias"}
_SINGULAR |= {"excludes": "excluded id"}
_SOURCE: FieldKinds = {
    "title": "text",
    "outlet": "text",
    "date": "date",
    "paragraphs": "paragraphs",
}


@dataclass
class EntryFields:
    """What could be read of one mapping (question, entity, ...) and where each part is."""

    label: str | None  # the id, for messages; "question 3" when it has none
    line: int
    values: dict[str, Any] = field(default_factory=dict)  # named like the model's fields
    lines: dict[str, int] = field(default_factory=dict)  # "answers", "answers.2", ...
    relations: list[EntryFields] = field(default_factory=list)

    def line_of(self, key: str, index: int | None = None) -> int:
        return self.lines.get(f"{key}.{index}", self.lines.get(key, self.line))

    def has(self, *keys: str) -> bool:
        return all(k in self.values for k in keys)


def read_entry_fields(
    r: Reader,
    node: Node,
    what: str,
    label: str | None,
    spec: FieldKinds,
    required: Sequence[str],
    extra: str = "",
) -> EntryFields:
    """Read the fields `spec` names from a mapping; `extra` names keys read by the caller.

    `label` names the item in problems unless the mapping has a usable `id` of its own.
    """
    m = r.mapping(node, what, label)
    if m is None:
        return EntryFields(label, node.line)
    d = EntryFields((_label(m) if "id" in spec else None) or label, m.line)
    r.keys(m, required, [*(k for k in spec if k not in required), *extra.split()], d.label)
    for key, value_node in m.values.items():
        how, item = spec.get(key), d.label
        value: object
        d.lines[key] = m.key_lines[key]
        if how in ("texts", "paragraphs"):
            if how == "texts":
                pairs: Any = r.strings(value_node, key, _SINGULAR[key], item)
            else:
                pairs = r.integers(value_node, key, "paragraph", item, *PARAGRAPHS)
            value = None if pairs is None else tuple(v for v, _ in pairs)
            d.lines |= {f"{key}.{i}": line for i, (_, line) in enumerate(pairs or ())}
        elif isinstance(how, tuple):
            value = r.integer(value_node, key, item, *how)
        elif isinstance(how, type):
            value = r.choice(value_node, key, item, how)
        elif how is not None:
            value = r.string(value_node, key, item, dates=how == "date")
        else:
            continue
        if value is not None:
            d.values[key] = value
    return d


def _label(m: Map) -> str | None:
    node = m.values.get("id")
    if isinstance(node, Scalar) and isinstance(node.value, str | int):
        return node.source.strip() or None
    return None


def check_id(r: Reader, d: EntryFields) -> None:
    ident = d.values.get("id")
    if ident is not None and (len(ident) > MAX_ID or not SLUG.fullmatch(ident)):
        message = (
            f"id {ident!r} should be a slug of at most {MAX_ID} characters: lower-case "
            "letters, digits and single hyphens, like 'ritter-directs'"
        )
        r.add(d.line_of("id"), message, d.label)


def check_texts(r: Reader, d: EntryFields, limits: dict[str, int]) -> None:
    for key, limit in limits.items():
        if key in d.values:
            r.check_text(d.values[key], key, limit, d.line_of(key), d.label)


def check_labels(r: Reader, d: EntryFields, key: str) -> dict[str, int]:
    """Check short texts (answers, choices, aliases); map each usable one's normalised form
    to its index. Two that normalise alike are one answer to the judge: redundant."""
    seen: dict[str, int] = {}
    what, values = _SINGULAR[key], d.values.get(key, ())
    for i, value in enumerate(values):
        line = d.line_of(key, i)
        if not r.check_text(value, what, MAX_LABEL, line, d.label):
            continue
        norm = normalise(value)
        if not norm:
            r.add(line, f"{what} {value!r} has no letters or digits to match", d.label)
        elif norm in seen:
            message = (
                f"{what} {value!r} matches the same guesses as {values[seen[norm]]!r} (case, "
                "punctuation, a leading 'the' and number words are ignored); remove one"
            )
            r.add(line, message, d.label)
        else:
            seen[norm] = i
    return seen


def check_source(r: Reader, d: EntryFields, allowed: frozenset[int] | None) -> None:
    paragraphs = d.values.get("source")
    if paragraphs == ():
        r.add(d.line_of("source"), "source should cite at least one paragraph", d.label)
    for i, paragraph in enumerate(paragraphs or ()):
        if allowed is not None and paragraph not in allowed:
            message = f"source paragraph {paragraph} is not one of the article's {sorted(allowed)}"
            r.add(d.line_of("source", i), message, d.label)


def check_unique_ids(r: Reader, drafts: Iterable[EntryFields]) -> None:
    first: dict[str, int] = {}
    for d in drafts:
        ident = d.values.get("id")
        if ident in first:
            r.add(d.line_of("id"), f"id {ident!r} is already used at line {first[ident]}", d.label)
        elif ident is not None:
            first[ident] = d.line_of("id")


def read_top(
    r: Reader, root: Node, spec: FieldKinds, extra: str
) -> tuple[EntryFields, SourceRef | None]:
    """The top-level mapping of a file, and its `source` article."""
    top = read_entry_fields(r, root, "the top level", None, spec, [*spec, "source"], extra)
    check_id(r, top)
    limits = {"title": MAX_TITLE, "description": MAX_DESCRIPTION, "show": MAX_TITLE}
    check_texts(r, top, {k: v for k, v in limits.items() if k in spec})
    if not isinstance(root, Map) or "source" not in root.values:
        return top, None
    source = read_entry_fields(
        r, root.values["source"], "source", top.label, _SOURCE, list(_SOURCE)
    )
    check_texts(r, source, dict.fromkeys(("title", "outlet", "date"), MAX_TITLE))
    if source.values.get("paragraphs") == ():
        r.add(source.line_of("paragraphs"), "paragraphs should list at least one", top.label)
    if not source.has(*_SOURCE):
        return top, None
    paragraphs = tuple(sorted(set(source.values.pop("paragraphs"))))
    return top, SourceRef(**source.values, paragraphs=paragraphs)
