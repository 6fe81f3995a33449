"""Question sets and the who's-who on PostgreSQL: import (idempotent, by content hash) and load.

Import functions run inside a transaction the caller opened.
"""

from __future__ import annotations

import asyncpg

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
from trivia.records import ImportStatus, SetSummary
from trivia.storage.codec import from_json, to_json

IMPORT_LOCK = 7_412_604
"""Advisory lock key that serialises imports from several processes (e.g. all of them
importing the bundled content at start-up)."""


def _source_json(source: SourceRef) -> str:
    return to_json(
        {
            "title": source.title,
            "outlet": source.outlet,
            "date": source.date,
            "paragraphs": list(source.paragraphs),
        }
    )


def _source(text: str) -> SourceRef:
    data = from_json(text)
    return SourceRef(data["title"], data["outlet"], data["date"], tuple(data["paragraphs"]))


async def lock_imports(conn: asyncpg.Connection) -> None:
    await conn.execute("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", IMPORT_LOCK)


async def import_question_set(
    conn: asyncpg.Connection, qs: QuestionSet, content_hash: str, imported_at: str
) -> ImportStatus:
    old_hash = await conn.fetchval("SELECT content_hash FROM question_sets WHERE id = $1", qs.id)
    if old_hash == content_hash:
        return ImportStatus.UNCHANGED
    await conn.execute(
        "INSERT INTO question_sets (id, title, description, show, source, time_limit,"
        " questions_per_round, content_hash, imported_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
        " description = excluded.description, show = excluded.show, source = excluded.source,"
        " time_limit = excluded.time_limit, questions_per_round = excluded.questions_per_round,"
        " content_hash = excluded.content_hash, imported_at = excluded.imported_at",
        qs.id,
        qs.title,
        qs.description,
        qs.show,
        _source_json(qs.source),
        qs.defaults.time_limit,
        qs.defaults.questions_per_round,
        content_hash,
        imported_at,
    )
    await conn.execute("DELETE FROM questions WHERE set_id = $1", qs.id)
    await conn.executemany(
        "INSERT INTO questions (set_id, id, position, text, answers, kind, explanation, source,"
        " difficulty, choices, hint, tags, family, excludes, entity_names)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        [
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
        ],
    )
    return ImportStatus.ADDED if old_hash is None else ImportStatus.UPDATED


async def import_whoswho(
    conn: asyncpg.Connection, whoswho: WhosWho, content_hash: str, imported_at: str
) -> ImportStatus:
    old_hash = await conn.fetchval("SELECT content_hash FROM whoswho WHERE id = $1", whoswho.id)
    if old_hash == content_hash:
        return ImportStatus.UNCHANGED
    await conn.execute(
        "INSERT INTO whoswho (id, title, source, content_hash, imported_at)"
        " VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source,"
        " content_hash = excluded.content_hash, imported_at = excluded.imported_at",
        whoswho.id,
        whoswho.title,
        _source_json(whoswho.source),
        content_hash,
        imported_at,
    )
    for table in ("relations", "aliases", "entities"):
        await conn.execute(f"DELETE FROM {table} WHERE whoswho_id = $1", whoswho.id)  # noqa: S608
    await conn.executemany(
        "INSERT INTO entities (whoswho_id, id, position, name, kind, description, source,"
        " pronoun) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [
            (
                whoswho.id,
                e.id,
                n,
                e.name,
                e.kind.value,
                e.description,
                to_json(list(e.source)),
                e.pronoun and e.pronoun.value,
            )
            for n, e in enumerate(whoswho.entities)
        ],
    )
    await conn.executemany(
        "INSERT INTO aliases (whoswho_id, entity_id, position, alias) VALUES ($1, $2, $3, $4)",
        [
            (whoswho.id, e.id, n, alias)
            for e in whoswho.entities
            for n, alias in enumerate(e.aliases)
        ],
    )
    await conn.executemany(
        "INSERT INTO relations (whoswho_id, entity_id, position, kind, target, source)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        [
            (whoswho.id, e.id, n, r.kind, r.target, to_json(list(r.source)))
            for e in whoswho.entities
            for n, r in enumerate(e.relations)
        ],
    )
    return ImportStatus.ADDED if old_hash is None else ImportStatus.UPDATED


async def set_summaries(conn: asyncpg.Connection) -> list[SetSummary]:
    query = (
        "SELECT s.id, s.title, s.description,"
        " (SELECT COUNT(*) FROM questions q WHERE q.set_id = s.id)"
        ' FROM question_sets s ORDER BY s.title COLLATE "C", s.id COLLATE "C"'
    )
    return [SetSummary(*row) for row in await conn.fetch(query)]


def _question(row: asyncpg.Record) -> Question:
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


async def load_question_sets(conn: asyncpg.Connection) -> dict[str, QuestionSet]:
    questions: dict[str, list[Question]] = {}
    for row in await conn.fetch("SELECT * FROM questions ORDER BY set_id, position"):
        questions.setdefault(row["set_id"], []).append(_question(row))
    sets: dict[str, QuestionSet] = {}
    for row in await conn.fetch('SELECT * FROM question_sets ORDER BY id COLLATE "C"'):
        sets[row["id"]] = QuestionSet(
            id=row["id"],
            title=row["title"],
            description=row["description"],
            show=row["show"],
            source=_source(row["source"]),
            questions=tuple(questions.get(row["id"], ())),
            defaults=SetDefaults(row["time_limit"], row["questions_per_round"]),
        )
    return sets


async def load_whoswho(conn: asyncpg.Connection, whoswho_id: str | None) -> WhosWho | None:
    """The named who's-who, or (id None) the one imported most recently."""
    head = await conn.fetchrow(
        "SELECT id, title, source FROM whoswho WHERE $1::text IS NULL OR id = $1"
        " ORDER BY imported_at DESC, import_order DESC LIMIT 1",
        whoswho_id,
    )
    if head is None:
        return None
    key = head["id"]
    aliases: dict[str, list[str]] = {}
    query = (
        "SELECT entity_id, alias FROM aliases WHERE whoswho_id = $1 ORDER BY entity_id, position"
    )
    for row in await conn.fetch(query, key):
        aliases.setdefault(row["entity_id"], []).append(row["alias"])
    relations: dict[str, list[Relation]] = {}
    query = (
        "SELECT entity_id, kind, target, source FROM relations WHERE whoswho_id = $1"
        " ORDER BY entity_id, position"
    )
    for row in await conn.fetch(query, key):
        relation = Relation(row["kind"], row["target"], tuple(from_json(row["source"])))
        relations.setdefault(row["entity_id"], []).append(relation)
    query = "SELECT * FROM entities WHERE whoswho_id = $1 ORDER BY position"
    entities = tuple(
        Entity(
            id=row["id"],
            name=row["name"],
            kind=EntityKind(row["kind"]),
            description=row["description"],
            source=tuple(from_json(row["source"])),
            aliases=tuple(aliases.get(row["id"], ())),
            relations=tuple(relations.get(row["id"], ())),
            pronoun=Pronoun(row["pronoun"]) if row["pronoun"] else None,
        )
        for row in await conn.fetch(query, key)
    )
    return WhosWho(head["id"], head["title"], _source(head["source"]), entities)
