"""A question set file: its questions, defaults and generated questions, read and checked.

Generated questions (`generate:`) are built from the who's-who by `trivia.content.generated` and
checked like hand-written ones. Every question must leave choice mode enough wrong options.
Questions that give each other away share a `family` or list each other's ids in `excludes`
(the draw keeps them apart); `trivia.content.giveaways` warns about the ones that do not.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from typing import Any

from trivia.content.answer_entities import with_entity_names
from trivia.content.entry_fields import (
    MAX_FIELD,
    MAX_ID,
    SLUG,
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
from trivia.content.generated import relation_questions
from trivia.content.giveaways import warn_weak_questions
from trivia.content.yaml_source import Map, Node, Reader
from trivia.judge.normalise import normalise
from trivia.models import AnswerKind, Difficulty, Question, QuestionSet, SetDefaults, WhosWho

MAX_QUESTION = 1000  # product limit for question text (shown in an embed description)
MAX_TAG = 32
MIN_DISTRACTORS = 3  # choice mode shows the answer and three wrong options
TIME_LIMIT = (5, 300)  # seconds per question, in a set's defaults
QUESTIONS_PER_ROUND = (1, 50)
NEEDS_WHOSWHO = "'generate' needs a valid who's-who to build questions from, and none was loaded"

_DEFAULTS: FieldKinds = {"time_limit": TIME_LIMIT, "questions_per_round": QUESTIONS_PER_ROUND}
_SET: FieldKinds = {"id": "text", "title": "text", "description": "text", "show": "text"}
_QUESTION: FieldKinds = {"id": "text", "text": "text", "answers": "texts", "kind": AnswerKind}
_QUESTION |= {"explanation": "text", "source": "paragraphs", "difficulty": Difficulty}
_QUESTION |= {"choices": "texts", "hint": "text", "tags": "texts"}
_QUESTION |= {"family": "text", "excludes": "texts"}
_QUESTION_REQUIRED = ("id", "text", "answers", "kind", "explanation", "source")


def read_question_set(r: Reader, root: Node, whoswho: WhosWho | None) -> QuestionSet | None:
    """The question set in `root`, or None when `r` has collected any problem."""
    top, source = read_top(r, root, _SET, extra="questions defaults generate")
    if not isinstance(root, Map):
        return None
    v, item = root.values, top.label
    if "questions" not in v and "generate" not in v:
        r.add(root.line, "missing 'questions'", item)
    defaults = EntryFields(item, root.line)
    if "defaults" in v:
        defaults = read_entry_fields(r, v["defaults"], "defaults", item, _DEFAULTS, ())
    nodes = r.sequence(v["questions"], "questions", item) if "questions" in v else ()
    drafts = [
        read_entry_fields(r, n, f"question {i}", f"question {i}", _QUESTION, _QUESTION_REQUIRED)
        for i, n in enumerate(nodes or (), 1)
    ]
    drafts += _generated(r, root, whoswho, item) if "generate" in v else []
    if not drafts and nodes is not None and "questions" in v:
        r.add(root.line, "the set has no questions", item)
    for d in drafts:
        _check_question(r, d, frozenset(source.paragraphs) if source else None)
    check_unique_ids(r, drafts)
    _check_excludes(r, drafts)
    _check_distractors(r, drafts)
    warn_weak_questions(r, drafts)
    if r.problems or source is None or not top.has(*_SET):
        return None
    questions = tuple(Question(**d.values) for d in drafts)
    questions = with_entity_names(questions, whoswho)
    settings = SetDefaults(**defaults.values)
    return QuestionSet(**top.values, source=source, questions=questions, defaults=settings)


def _check_question(r: Reader, d: EntryFields, paragraphs: frozenset[int] | None) -> None:
    check_id(r, d)
    check_texts(r, d, {"text": MAX_QUESTION, "explanation": MAX_FIELD, "hint": MAX_FIELD})
    if d.values.get("answers") == ():
        r.add(d.line_of("answers"), "answers is empty; give at least one accepted answer", d.label)
    answers = check_labels(r, d, "answers")
    for norm, i in check_labels(r, d, "choices").items():
        if norm in answers:
            message = f"choice {d.values['choices'][i]!r} is also an accepted answer"
            r.add(d.line_of("choices", i), message, d.label)
    for i, tag in enumerate(d.values.get("tags", ())):
        r.check_text(tag, "tag", MAX_TAG, d.line_of("tags", i), d.label)
    family = d.values.get("family")
    if family is not None and (len(family) > MAX_ID or not SLUG.fullmatch(family)):
        message = f"family {family!r} should be a slug like 'ritter-debut' (see 'id')"
        r.add(d.line_of("family"), message, d.label)
    check_source(r, d, paragraphs)


def _check_excludes(r: Reader, drafts: Sequence[EntryFields]) -> None:
    """Each id in `excludes` names another question of the set (generated ones included)."""
    ids = [d.values["id"] for d in drafts if "id" in d.values]
    for d in drafts:
        for i, other in enumerate(d.values.get("excludes", ())):
            if other == d.values.get("id"):
                r.add(d.line_of("excludes", i), "a question cannot exclude itself", d.label)
            elif other not in ids:
                close = difflib.get_close_matches(other, ids, n=1)
                message = f"excludes {other!r}, which is not a question id in this set" + (
                    f"; did you mean {close[0]!r}?" if close else ""
                )
                r.add(d.line_of("excludes", i), message, d.label)


def _check_distractors(r: Reader, drafts: Sequence[EntryFields]) -> None:
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
        if kind is None or None in unknown or kind in unknown or not d.values.get("answers"):
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


def _generated(r: Reader, m: Map, whoswho: WhosWho | None, item: str | None) -> list[EntryFields]:
    """Drafts of the questions `generate:` builds from the who's-who: `from_relations` lists
    relation kinds, `skip` ids of generated questions to leave out, and `choices` and
    `difficulty` adjust single generated questions (see `_adjust`)."""
    line = m.key_lines["generate"]
    g = r.mapping(m.values["generate"], "generate", item)
    if g is None:
        return []
    r.keys(g, ("from_relations",), ("skip", "choices", "difficulty"), item)
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
    drafts = {q.id: EntryFields(f"{q.id} (generated)", line, _fields(q)) for q in questions}
    skipped = r.strings(g.values["skip"], "skip", "skipped id", item) if "skip" in g.values else []
    for ident, id_line in skipped or ():
        if drafts.pop(ident, None) is None:
            r.add(id_line, _not_generated(ident, drafts), item)
    _adjust(r, g, drafts, item)
    return list(drafts.values())


def _adjust(r: Reader, g: Map, drafts: dict[str, EntryFields], item: str | None) -> None:
    """Hand edits to generated questions, each a mapping from a generated id: `choices`
    (wrong options replacing the generated ones) and `difficulty`."""
    for key in ("choices", "difficulty"):
        m = r.mapping(g.values[key], key, item) if key in g.values else None
        if m is None:
            continue
        for ident, value in m.values.items():
            d = drafts.get(ident)
            if d is None:
                r.add(m.key_lines[ident], _not_generated(ident, drafts), item)
            elif key == "difficulty":
                level = r.choice(value, f"difficulty for {ident}", item, Difficulty)
                d.values |= {"difficulty": level} if level is not None else {}
            elif (pairs := r.strings(value, f"choices for {ident}", "choice", item)) is not None:
                d.values["choices"] = tuple(v for v, _ in pairs)
                d.lines["choices"] = m.key_lines[ident]
                d.lines |= {f"choices.{i}": line for i, (_, line) in enumerate(pairs)}


def _not_generated(ident: str, drafts: dict[str, EntryFields]) -> str:
    close = difflib.get_close_matches(ident, list(drafts), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{ident!r} is not the id of a generated question{hint}"


def _fields(q: Question) -> dict[str, Any]:
    return {f.name: v for f in dataclasses.fields(q) if (v := getattr(q, f.name)) is not None}
