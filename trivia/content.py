"""Load and validate content files: question sets and the who's-who, written in YAML.

Validation is all-or-nothing: every problem in a file is collected and raised together as
one ContentError (file, line, question or entity id, what is wrong), so a bad file never
loads half-way. Text limits follow where Discord shows each text (see the constants).
A bare whole number (`answers: [13]`) is taken as the digits written, "13"; booleans,
decimals, null and dates (`yes`, `3.5`, `~`, `2018-02-03`) must be quoted, except in a
source's `date`. Generated questions (`generate:`) are checked like hand-written ones.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from trivia.errors import ContentError, Problem
from trivia.generated import relation_questions
from trivia.matching import normalise
from trivia.models import (
    AnswerKind,
    Difficulty,
    Entity,
    EntityKind,
    Question,
    QuestionSet,
    Relation,
    SetDefaults,
    SourceRef,
    WhosWho,
)
from trivia.yaml_source import Map, Node, Reader, Scalar, parse_yaml

MAX_ID = 64
MAX_TITLE = 256  # embed title: set and who's-who titles, show, source fields
MAX_DESCRIPTION = 4096  # embed description: a set's description
MAX_QUESTION = 1000  # product limit for question text (shown in an embed description)
MAX_FIELD = 1024  # embed field value: explanation, hint, entity description
MAX_LABEL = 80  # button label: answers, choices, entity names and aliases
MAX_TAG = 32
MIN_DISTRACTORS = 3  # choice mode shows the answer and three wrong options
PARAGRAPHS = (0, 999)
TIME_LIMIT = (5, 300)  # seconds per question, in a set's defaults
QUESTIONS_PER_ROUND = (1, 50)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RELATION_KIND = re.compile(r"[a-z]+(?:_[a-z]+)*")
NEEDS_WHOSWHO = "'generate' needs a valid who's-who to build questions from, and none was loaded"

_T = TypeVar("_T")
# How a field is read: text, a date or text, a list of texts, a list of paragraph numbers,
# a whole number in a range, or one of an enum's values.
_Spec = dict[str, str | tuple[int, int] | type[enum.Enum]]
_SINGULAR = {"answers": "answer", "choices": "choice", "tags": "tag", "aliases": "alias"}
_SOURCE: _Spec = {"title": "text", "outlet": "text", "date": "date", "paragraphs": "paragraphs"}
_DEFAULTS: _Spec = {"time_limit": TIME_LIMIT, "questions_per_round": QUESTIONS_PER_ROUND}
_SET: _Spec = {"id": "text", "title": "text", "description": "text", "show": "text"}
_QUESTION: _Spec = {"id": "text", "text": "text", "answers": "texts", "kind": AnswerKind}
_QUESTION |= {"explanation": "text", "source": "paragraphs", "difficulty": Difficulty}
_QUESTION |= {"choices": "texts", "hint": "text", "tags": "texts"}
_WHOSWHO: _Spec = {"id": "text", "title": "text"}
_ENTITY: _Spec = {"id": "text", "name": "text", "kind": EntityKind, "description": "text"}
_ENTITY |= {"source": "paragraphs", "aliases": "texts"}
_RELATION: _Spec = {"kind": "text", "target": "text", "source": "paragraphs"}
_QUESTION_REQUIRED = ("id", "text", "answers", "kind", "explanation", "source")
_ENTITY_REQUIRED = ("id", "name", "kind", "description", "source")


@dataclass(frozen=True)
class BundledPaths:
    whoswho: Path
    sets: list[Path]


@dataclass(frozen=True)
class Library:
    sets: dict[str, QuestionSet]
    whoswho: WhosWho
    hashes: dict[str, str] = field(default_factory=dict)  # set id -> fingerprint(set)
    whoswho_hash: str = ""


def content_hash(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def fingerprint(content: QuestionSet | WhosWho) -> str:
    """A hash of the loaded content. Unlike the file's hash, a set's changes when its
    generated questions change because the who's-who (or the generator) did."""
    return content_hash(repr(content))


def bundled_paths() -> BundledPaths:
    data = Path(__file__).parent / "data"
    whoswho = data / "whoswho.yaml"
    return BundledPaths(whoswho, sorted(p for p in data.glob("*.yaml") if p != whoswho))


def parse_question_set(
    text: str | bytes, filename: str, *, whoswho: WhosWho | None = None
) -> QuestionSet:
    root, problems = parse_yaml(text, filename)
    return _finish(problems, _question_set(Reader(filename, problems), root, whoswho))


def parse_whoswho(text: str | bytes, filename: str) -> WhosWho:
    root, problems = parse_yaml(text, filename)
    return _finish(problems, _whoswho(Reader(filename, problems), root))


def parse_content(
    text: str | bytes, filename: str, *, whoswho: WhosWho | None = None
) -> QuestionSet | WhosWho:
    """A who's-who if the top level has `entities`, otherwise a question set."""
    root, problems = parse_yaml(text, filename)
    r = Reader(filename, problems)
    if isinstance(root, Map) and "entities" in root.values:
        return _finish(problems, _whoswho(r, root))
    return _finish(problems, _question_set(r, root, whoswho))


def load_question_set(path: Path, *, whoswho: WhosWho | None = None) -> QuestionSet:
    return parse_question_set(_read(path), str(path), whoswho=whoswho)


def load_whoswho(path: Path) -> WhosWho:
    return parse_whoswho(_read(path), str(path))


def load_content(path: Path, *, whoswho: WhosWho | None = None) -> QuestionSet | WhosWho:
    return parse_content(_read(path), str(path), whoswho=whoswho)


def load_library(paths: BundledPaths | None = None) -> Library:
    """Every set and the who's-who, or one ContentError listing every problem in all files."""
    paths = paths or bundled_paths()
    problems: list[Problem] = []
    whoswho: WhosWho | None = None
    try:
        whoswho = load_whoswho(paths.whoswho)
    except ContentError as e:
        problems += e.problems
    loaded: list[tuple[str, QuestionSet]] = []
    for path in paths.sets:
        try:
            loaded.append((str(path), load_question_set(path, whoswho=whoswho)))
        except ContentError as e:  # a broken who's-who is reported once, above
            problems += [p for p in e.problems if whoswho or p.message != NEEDS_WHOSWHO]
    problems += check_set_ids(loaded)
    if problems or whoswho is None:
        raise ContentError(problems)
    sets = {qs.id: qs for _, qs in loaded}
    hashes = {set_id: fingerprint(qs) for set_id, qs in sets.items()}
    return Library(sets, whoswho, hashes, fingerprint(whoswho))


def check_set_ids(loaded: Iterable[tuple[str, QuestionSet]]) -> list[Problem]:
    """Problems for question sets (each with its file name) that share an id."""
    first: dict[str, str] = {}
    problems = []
    for filename, qs in loaded:
        if qs.id in first:
            message = f"question set id {qs.id!r} is also used by {first[qs.id]}"
            problems.append(Problem(filename, None, message, qs.id))
        first.setdefault(qs.id, filename)
    return problems


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        message = f"cannot read file: {e.strerror or e}"
        raise ContentError([Problem(str(path), None, message)]) from None


def _finish(problems: list[Problem], result: _T | None) -> _T:
    if problems or result is None:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return result


@dataclass
class _Draft:
    """What could be read of one mapping (question, entity, ...) and where each part is."""

    label: str | None  # the id, for messages; "question 3" when it has none
    line: int
    values: dict[str, Any] = field(default_factory=dict)  # named like the model's fields
    lines: dict[str, int] = field(default_factory=dict)  # "answers", "answers.2", ...
    relations: list[_Draft] = field(default_factory=list)

    def line_of(self, key: str, index: int | None = None) -> int:
        return self.lines.get(f"{key}.{index}", self.lines.get(key, self.line))

    def has(self, *keys: str) -> bool:
        return all(k in self.values for k in keys)


def _read_draft(
    r: Reader,
    node: Node,
    what: str,
    label: str | None,
    spec: _Spec,
    required: Sequence[str],
    extra: str = "",
) -> _Draft:
    """Read the fields `spec` names from a mapping; `extra` names keys read by the caller.

    `label` names the item in problems unless the mapping has a usable `id` of its own.
    """
    m = r.mapping(node, what, label)
    if m is None:
        return _Draft(label, node.line)
    d = _Draft((_label(m) if "id" in spec else None) or label, m.line)
    r.keys(m, required, [*(k for k in spec if k not in required), *extra.split()], d.label)
    for key, value_node in m.values.items():
        how, item = spec.get(key), d.label
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


def _check_id(r: Reader, d: _Draft) -> None:
    ident = d.values.get("id")
    if ident is not None and (len(ident) > MAX_ID or not SLUG.fullmatch(ident)):
        message = (
            f"id {ident!r} should be a slug of at most {MAX_ID} characters: lower-case "
            "letters, digits and single hyphens, like 'ritter-directs'"
        )
        r.add(d.line_of("id"), message, d.label)


def _check_texts(r: Reader, d: _Draft, limits: dict[str, int]) -> None:
    for key, limit in limits.items():
        if key in d.values:
            r.check_text(d.values[key], key, limit, d.line_of(key), d.label)


def _check_labels(r: Reader, d: _Draft, key: str) -> dict[str, int]:
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


def _check_source(r: Reader, d: _Draft, allowed: frozenset[int] | None) -> None:
    paragraphs = d.values.get("source")
    if paragraphs == ():
        r.add(d.line_of("source"), "source should cite at least one paragraph", d.label)
    for i, paragraph in enumerate(paragraphs or ()):
        if allowed is not None and paragraph not in allowed:
            message = f"source paragraph {paragraph} is not one of the article's {sorted(allowed)}"
            r.add(d.line_of("source", i), message, d.label)


def _check_unique_ids(r: Reader, drafts: Iterable[_Draft]) -> None:
    first: dict[str, int] = {}
    for d in drafts:
        ident = d.values.get("id")
        if ident in first:
            r.add(d.line_of("id"), f"id {ident!r} is already used at line {first[ident]}", d.label)
        elif ident is not None:
            first[ident] = d.line_of("id")


def _top(r: Reader, root: Node, spec: _Spec, extra: str) -> tuple[_Draft, SourceRef | None]:
    """The top-level mapping of a file, and its `source` article."""
    top = _read_draft(r, root, "the top level", None, spec, [*spec, "source"], extra)
    _check_id(r, top)
    limits = {"title": MAX_TITLE, "description": MAX_DESCRIPTION, "show": MAX_TITLE}
    _check_texts(r, top, {k: v for k, v in limits.items() if k in spec})
    if not isinstance(root, Map) or "source" not in root.values:
        return top, None
    source = _read_draft(r, root.values["source"], "source", top.label, _SOURCE, list(_SOURCE))
    _check_texts(r, source, dict.fromkeys(("title", "outlet", "date"), MAX_TITLE))
    if source.values.get("paragraphs") == ():
        r.add(source.line_of("paragraphs"), "paragraphs should list at least one", top.label)
    if not source.has(*_SOURCE):
        return top, None
    paragraphs = tuple(sorted(set(source.values.pop("paragraphs"))))
    return top, SourceRef(**source.values, paragraphs=paragraphs)


def _question_set(r: Reader, root: Node, whoswho: WhosWho | None) -> QuestionSet | None:
    top, source = _top(r, root, _SET, extra="questions defaults generate")
    if not isinstance(root, Map):
        return None
    v, item = root.values, top.label
    if "questions" not in v and "generate" not in v:
        r.add(root.line, "missing 'questions'", item)
    defaults = _Draft(item, root.line)
    if "defaults" in v:
        defaults = _read_draft(r, v["defaults"], "defaults", item, _DEFAULTS, ())
    nodes = r.sequence(v["questions"], "questions", item) if "questions" in v else ()
    drafts = [
        _read_draft(r, n, f"question {i}", f"question {i}", _QUESTION, _QUESTION_REQUIRED)
        for i, n in enumerate(nodes or (), 1)
    ]
    drafts += _generated(r, root, whoswho, item) if "generate" in v else []
    if not drafts and nodes is not None and "questions" in v:
        r.add(root.line, "the set has no questions", item)
    for d in drafts:
        _check_question(r, d, frozenset(source.paragraphs) if source else None)
    _check_unique_ids(r, drafts)
    _check_distractors(r, drafts)
    if r.problems or source is None or not top.has(*_SET):
        return None
    questions = tuple(Question(**d.values) for d in drafts)
    settings = SetDefaults(**defaults.values)
    return QuestionSet(**top.values, source=source, questions=questions, defaults=settings)


def _check_question(r: Reader, d: _Draft, paragraphs: frozenset[int] | None) -> None:
    _check_id(r, d)
    _check_texts(r, d, {"text": MAX_QUESTION, "explanation": MAX_FIELD, "hint": MAX_FIELD})
    if d.values.get("answers") == ():
        r.add(d.line_of("answers"), "answers is empty; give at least one accepted answer", d.label)
    answers = _check_labels(r, d, "answers")
    for norm, i in _check_labels(r, d, "choices").items():
        if norm in answers:
            message = f"choice {d.values['choices'][i]!r} is also an accepted answer"
            r.add(d.line_of("choices", i), message, d.label)
    for i, tag in enumerate(d.values.get("tags", ())):
        r.check_text(tag, "tag", MAX_TAG, d.line_of("tags", i), d.label)
    _check_source(r, d, paragraphs)


def _check_distractors(r: Reader, drafts: Sequence[_Draft]) -> None:
    """Choice mode needs three wrong options: the question's own choices plus the canonical
    answers of the set's other questions of the same kind, less anything it accepts.

    Kinds with a question whose kind or answers could not be read are skipped: their pool
    is unknown, and the unreadable question is reported already.
    """
    by_kind: dict[AnswerKind, set[str]] = {}
    unknown: set[AnswerKind | None] = set()
    for d in drafts:
        canonical = normalise(d.values["answers"][0]) if d.values.get("answers") else ""
        if canonical and "kind" in d.values:
            by_kind.setdefault(d.values["kind"], set()).add(canonical)
        else:
            unknown.add(d.values.get("kind"))
    for d in drafts:
        kind = d.values.get("kind")
        if None in unknown or kind in unknown or not d.values.get("answers"):
            continue
        options = by_kind[kind] | {normalise(c) for c in d.values.get("choices", ())}
        options -= {normalise(a) for a in d.values["answers"]} | {""}
        if len(options) < MIN_DISTRACTORS:
            message = (
                f"choice mode needs {MIN_DISTRACTORS} wrong options but only {len(options)} "
                f"can be found; add {MIN_DISTRACTORS - len(options)} more under 'choices' "
                f"(answers to the set's other {kind} questions count too)"
            )
            r.add(d.line_of("choices"), message, d.label)


def _generated(r: Reader, m: Map, whoswho: WhosWho | None, item: str | None) -> list[_Draft]:
    """Drafts of the questions `generate: {from_relations: [...]}` builds from the who's-who."""
    line = m.key_lines["generate"]
    g = r.mapping(m.values["generate"], "generate", item)
    if g is None:
        return []
    r.keys(g, ("from_relations",), (), item)
    node = g.values.get("from_relations")
    kinds = r.strings(node, "from_relations", "relation kind", item) if node else None
    if kinds == []:
        r.add(line, "from_relations is empty; list relation kinds, like [plays]", item)
    if not kinds:
        return []
    if whoswho is None:
        r.add(line, NEEDS_WHOSWHO, item)
        return []
    known = {rel.kind for entity in whoswho.entities for rel in entity.relations}
    unknown = [(kind, kind_line) for kind, kind_line in kinds if kind not in known]
    for kind, kind_line in unknown:
        message = f"no relation in the who's-who has kind {kind!r}; it has {sorted(known)}"
        r.add(kind_line, message, item)
    if unknown:
        return []
    try:
        questions = relation_questions(whoswho, [kind for kind, _ in kinds])
    except ValueError as e:  # documented: a relation kind it has no question template for
        r.add(line, str(e), item)
        return []
    return [_Draft(f"{q.id} (generated)", line, _fields(q)) for q in questions]


def _fields(q: Question) -> dict[str, Any]:
    return {f.name: v for f in dataclasses.fields(q) if (v := getattr(q, f.name)) is not None}


def _whoswho(r: Reader, root: Node) -> WhosWho | None:
    top, source = _top(r, root, _WHOSWHO, extra="entities")
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


def _read_entity(r: Reader, node: Node, index: int) -> _Draft:
    what = f"entity {index}"
    d = _read_draft(r, node, what, what, _ENTITY, _ENTITY_REQUIRED, extra="relations")
    if isinstance(node, Map) and "relations" in node.values:
        for rel in r.sequence(node.values["relations"], "relations", d.label) or ():
            relation = _read_draft(r, rel, "a relation", d.label, _RELATION, list(_RELATION))
            d.relations.append(relation)
    return d


def _check_entities(r: Reader, drafts: Sequence[_Draft], paragraphs: frozenset[int] | None) -> None:
    _check_unique_ids(r, drafts)
    names: dict[str, _Draft] = {}
    for d in drafts:
        _check_id(r, d)
        _check_texts(r, d, {"name": MAX_LABEL, "description": MAX_FIELD})
        _check_source(r, d, paragraphs)
        name = d.values.get("name", "")
        if (key := normalise(name)) in names:
            message = f"name {name!r} is also the name of {names[key].label!r}"
            r.add(d.line_of("name"), message, d.label)
        elif key:
            names[key] = d
    ids = {d.values["id"] for d in drafts if "id" in d.values}
    for d in drafts:
        for norm, i in _check_labels(r, d, "aliases").items():
            alias, owner = d.values["aliases"][i], names.get(norm)
            if owner is d:
                message = f"alias {alias!r} matches the same guesses as the name; remove it"
                r.add(d.line_of("aliases", i), message, d.label)
            elif owner is not None:
                message = f"alias {alias!r} is the name of {owner.label!r}: a name means one entity"
                r.add(d.line_of("aliases", i), message, d.label)
        _check_relations(r, d, ids, paragraphs)


def _check_relations(
    r: Reader, d: _Draft, ids: set[str], paragraphs: frozenset[int] | None
) -> None:
    seen: set[tuple[str, str]] = set()
    for rel in d.relations:
        kind, target = rel.values.get("kind"), rel.values.get("target")
        _check_source(r, rel, paragraphs)
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
