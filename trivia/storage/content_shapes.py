"""Question sets and the who's-who as table rows, for both backends: the values to insert and
the models rebuilt from what a query returned.

Both backends store the same columns as the same values (lists and sources as JSON text), so
only the SQL text and the placeholders differ between them. Rows to insert are tuples in the
column order of the backends' INSERT statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trivia.models import (
    AnswerKind,
    Difficulty,
    Entity,
    EntityKind,
    Pronoun,
    Question,
    QuestionSet,
    Relation,
    SetDefaults,
    SourceRef,
    WhosWho,
)
from trivia.records import ImportStatus
from trivia.storage.codec import Row, from_json, to_json


def import_status(old_hash: str | None) -> ImportStatus:
    """The status of an import that wrote: new content, or a new version of stored content."""
    return ImportStatus.ADDED if old_hash is None else ImportStatus.UPDATED


def source_json(source: SourceRef) -> str:
    return to_json(
        {
            "title": source.title,
            "outlet": source.outlet,
            "date": source.date,
            "paragraphs": list(source.paragraphs),
        }
    )


def source_from_json(text: str) -> SourceRef:
    data = from_json(text)
    return SourceRef(data["title"], data["outlet"], data["date"], tuple(data["paragraphs"]))


def question_set_row(qs: QuestionSet, content_hash: str, imported_at: str) -> tuple[Any, ...]:
    """(id, title, description, show, source, time_limit, questions_per_round, content_hash,
    imported_at)"""
    return (
        qs.id,
        qs.title,
        qs.description,
        qs.show,
        source_json(qs.source),
        qs.defaults.time_limit,
        qs.defaults.questions_per_round,
        content_hash,
        imported_at,
    )


def question_rows(qs: QuestionSet) -> list[tuple[Any, ...]]:
    """(set_id, id, position, text, answers, kind, explanation, source, difficulty, choices,
    hint, tags, family, excludes, entity_names), one per question in order."""
    return [
        (
            qs.id,
            q.id,
            position,
            q.text,
            to_json(list(q.answers)),
            q.kind.value,
            q.explanation,
            to_json(list(q.source)),
            q.difficulty.value,
            to_json(list(q.choices)),
            q.hint,
            to_json(list(q.tags)),
            q.family,
            to_json(list(q.excludes)),
            to_json(list(q.entity_names)),
        )
        for position, q in enumerate(qs.questions)
    ]


def question_from_row(row: Row) -> Question:
    return Question(
        id=row["id"],
        text=row["text"],
        answers=tuple(from_json(row["answers"])),
        kind=AnswerKind(row["kind"]),
        explanation=row["explanation"],
        source=tuple(from_json(row["source"])),
        difficulty=Difficulty(row["difficulty"]),
        choices=tuple(from_json(row["choices"])),
        hint=row["hint"],
        tags=tuple(from_json(row["tags"])),
        family=row["family"],
        excludes=tuple(from_json(row["excludes"])),
        entity_names=tuple(from_json(row["entity_names"])),
    )


def question_sets_from_rows(
    sets: Iterable[Row], questions: Iterable[Row]
) -> dict[str, QuestionSet]:
    """Every set of `sets` (all columns of question_sets) with its questions, taken in the
    order given from `questions` (all columns of questions)."""
    questions_of: dict[str, list[Question]] = {}
    for row in questions:
        questions_of.setdefault(row["set_id"], []).append(question_from_row(row))
    return {
        row["id"]: QuestionSet(
            id=row["id"],
            title=row["title"],
            description=row["description"],
            show=row["show"],
            source=source_from_json(row["source"]),
            questions=tuple(questions_of.get(row["id"], ())),
            defaults=SetDefaults(row["time_limit"], row["questions_per_round"]),
        )
        for row in sets
    }


def whoswho_row(whoswho: WhosWho, content_hash: str, imported_at: str) -> tuple[Any, ...]:
    """(id, title, source, content_hash, imported_at)"""
    return (whoswho.id, whoswho.title, source_json(whoswho.source), content_hash, imported_at)


def entity_rows(whoswho: WhosWho) -> list[tuple[Any, ...]]:
    """(whoswho_id, id, position, name, kind, description, source, pronoun), in order."""
    return [
        (
            whoswho.id,
            e.id,
            position,
            e.name,
            e.kind.value,
            e.description,
            to_json(list(e.source)),
            e.pronoun and e.pronoun.value,
        )
        for position, e in enumerate(whoswho.entities)
    ]


def alias_rows(whoswho: WhosWho) -> list[tuple[Any, ...]]:
    """(whoswho_id, entity_id, position, alias): position orders an entity's aliases."""
    return [
        (whoswho.id, e.id, position, alias)
        for e in whoswho.entities
        for position, alias in enumerate(e.aliases)
    ]


def relation_rows(whoswho: WhosWho) -> list[tuple[Any, ...]]:
    """(whoswho_id, entity_id, position, kind, target, source): position orders an entity's
    relations."""
    return [
        (whoswho.id, e.id, position, r.kind, r.target, to_json(list(r.source)))
        for e in whoswho.entities
        for position, r in enumerate(e.relations)
    ]


def whoswho_from_rows(
    head: Row, entities: Iterable[Row], aliases: Iterable[Row], relations: Iterable[Row]
) -> WhosWho:
    """The who's-who `head` (id, title, source) names, from its rows: entities (all columns)
    in order, aliases (entity_id, alias) and relations (entity_id, kind, target, source) each
    ordered by entity and position."""
    aliases_of: dict[str, list[str]] = {}
    for row in aliases:
        aliases_of.setdefault(row["entity_id"], []).append(row["alias"])
    relations_of: dict[str, list[Relation]] = {}
    for row in relations:
        relation = Relation(row["kind"], row["target"], tuple(from_json(row["source"])))
        relations_of.setdefault(row["entity_id"], []).append(relation)
    return WhosWho(
        head["id"],
        head["title"],
        source_from_json(head["source"]),
        tuple(
            Entity(
                id=row["id"],
                name=row["name"],
                kind=EntityKind(row["kind"]),
                description=row["description"],
                source=tuple(from_json(row["source"])),
                aliases=tuple(aliases_of.get(row["id"], ())),
                relations=tuple(relations_of.get(row["id"], ())),
                pronoun=Pronoun(row["pronoun"]) if row["pronoun"] else None,
            )
            for row in entities
        ),
    )
