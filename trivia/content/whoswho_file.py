"""The who's-who file: its entities and their relations, read and checked.

Besides the field checks every content file gets, entity names must each mean one entity
(an alias may not be another entity's name), and relations must point at another entity
by id, with a lower_case kind, and be listed once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from trivia.content.entry_fields import (
    MAX_FIELD,
    MAX_LABEL,
    EntryFields,
    FieldKinds,
    check_id,
    check_labels,
    check_source,
    check_texts,
    check_unique_ids,
    read_entry_fields,
    read_top,
)
from trivia.content.yaml_source import Map, Node, Reader
from trivia.judge.normalise import normalise
from trivia.models import Entity, EntityKind, Pronoun, Relation, WhosWho

RELATION_KIND = re.compile(r"[a-z]+(?:_[a-z]+)*")

_WHOSWHO: FieldKinds = {"id": "text", "title": "text"}
_ENTITY: FieldKinds = {"id": "text", "name": "text", "kind": EntityKind, "description": "text"}
_ENTITY |= {"source": "paragraphs", "aliases": "texts"}
_ENTITY |= {"pronoun": Pronoun}  # optional; only picks same-gender options for generated questions
_RELATION: FieldKinds = {"kind": "text", "target": "text", "source": "paragraphs"}
_ENTITY_REQUIRED = ("id", "name", "kind", "description", "source")


def read_whoswho(r: Reader, root: Node) -> WhosWho | None:
    """The who's-who in `root`, or None when `r` has collected any problem."""
    top, source = read_top(r, root, _WHOSWHO, extra="entities")
    if not isinstance(root, Map):
        return None
    v, item = root.values, top.label
    nodes = r.sequence(v["entities"], "entities", item) if "entities" in v else None
    drafts = [_read_entity(r, node, i) for i, node in enumerate(nodes or (), 1)]
    if nodes == ():
        r.add(v["entities"].line, "entities is empty", item)
    _check_entities(r, drafts, frozenset(source.paragraphs) if source else None)
    if r.problems or source is None or not top.has(*_WHOSWHO):
        return None
    entities = tuple(
        Entity(**d.values, relations=tuple(Relation(**rd.values) for rd in d.relations))
        for d in drafts
    )
    return WhosWho(**top.values, source=source, entities=entities)


def _read_entity(r: Reader, node: Node, index: int) -> EntryFields:
    what = f"entity {index}"
    d = read_entry_fields(r, node, what, what, _ENTITY, _ENTITY_REQUIRED, extra="relations")
    if isinstance(node, Map) and "relations" in node.values:
        for rel in r.sequence(node.values["relations"], "relations", d.label) or ():
            relation = read_entry_fields(r, rel, "a relation", d.label, _RELATION, list(_RELATION))
            d.relations.append(relation)
    return d


def _check_entities(
    r: Reader, drafts: Sequence[EntryFields], paragraphs: frozenset[int] | None
) -> None:
    check_unique_ids(r, drafts)
    names: dict[str, EntryFields] = {}
    for d in drafts:
        check_id(r, d)
        check_texts(r, d, {"name": MAX_LABEL, "description": MAX_FIELD})
        check_source(r, d, paragraphs)
        name = d.values.get("name", "")
        if (key := normalise(name)) in names:
            message = f"name {name!r} is also the name of {names[key].label!r}"
            r.add(d.line_of("name"), message, d.label)
        elif key:
            names[key] = d
    ids = {d.values["id"] for d in drafts if "id" in d.values}
    for d in drafts:
        for norm, i in check_labels(r, d, "aliases").items():
            alias, owner = d.values["aliases"][i], names.get(norm)
            if owner is d:
                message = f"alias {alias!r} matches the same guesses as the name; remove it"
                r.add(d.line_of("aliases", i), message, d.label)
            elif owner is not None:
                message = f"alias {alias!r} is the name of {owner.label!r}: a name means one entity"
                r.add(d.line_of("aliases", i), message, d.label)
        _check_relations(r, d, ids, paragraphs)


def _check_relations(
    r: Reader, d: EntryFields, ids: set[str], paragraphs: frozenset[int] | None
) -> None:
    seen: set[tuple[str, str]] = set()
    for rel in d.relations:
        kind, target = rel.values.get("kind"), rel.values.get("target")
        check_source(r, rel, paragraphs)
        if kind is not None and not RELATION_KIND.fullmatch(kind):
            message = f"relation kind {kind!r} should be lower_case words, like 'played_by'"
            r.add(rel.line_of("kind"), message, d.label)
        if target is not None and target not in ids:
            close = difflib.get_close_matches(target, ids, n=1)
            message = f"relation target {target!r} is not an entity id" + (
                f"; did you mean {close[0]!r}?" if close else ""
            )
            r.add(rel.line_of("target"), message, d.label)
        elif target is not None and target == d.values.get("id"):
            r.add(rel.line_of("target"), "relation points at the entity itself", d.label)
        if kind is None or target is None:
            continue
        if (kind, target) in seen:
            r.add(rel.line, f"relation {kind} {target} is listed twice", d.label)
        seen.add((kind, target))
