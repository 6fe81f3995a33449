"""Question sets and the who's-who on PostgreSQL: import (idempotent, by content hash) and load.

Import functions run inside a transaction the caller opened.
"""

from __future__ import annotations

import asyncpg

from trivia.models import QuestionSet, WhosWho
from trivia.records import ImportStatus, SetSummary
from trivia.storage import content_shapes as shapes

IMPORT_LOCK = 7_412_604
"""Advisory lock key that serialises imports from several processes (e.g. all of them
importing the bundled content at start-up)."""


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
        *shapes.question_set_row(qs, content_hash, imported_at),
    )
    await conn.execute("DELETE FROM questions WHERE set_id = $1", qs.id)
    await conn.executemany(
        "INSERT INTO questions (set_id, id, position, text, answers, kind, explanation, source,"
        " difficulty, choices, hint, tags, family, excludes, entity_names)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        shapes.question_rows(qs),
    )
    return shapes.import_status(old_hash)


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
        *shapes.whoswho_row(whoswho, content_hash, imported_at),
    )
    for table in ("relations", "aliases", "entities"):
        await conn.execute(f"DELETE FROM {table} WHERE whoswho_id = $1", whoswho.id)  # noqa: S608
    await conn.executemany(
        "INSERT INTO entities (whoswho_id, id, position, name, kind, description, source,"
        " pronoun) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        shapes.entity_rows(whoswho),
    )
    await conn.executemany(
        "INSERT INTO aliases (whoswho_id, entity_id, position, alias) VALUES ($1, $2, $3, $4)",
        shapes.alias_rows(whoswho),
    )
    await conn.executemany(
        "INSERT INTO relations (whoswho_id, entity_id, position, kind, target, source)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        shapes.relation_rows(whoswho),
    )
    return shapes.import_status(old_hash)


async def set_summaries(conn: asyncpg.Connection) -> list[SetSummary]:
    query = (
        "SELECT s.id, s.title, s.description,"
        " (SELECT COUNT(*) FROM questions q WHERE q.set_id = s.id)"
        ' FROM question_sets s ORDER BY s.title COLLATE "C", s.id COLLATE "C"'
    )
    return [SetSummary(*row) for row in await conn.fetch(query)]


async def load_question_sets(conn: asyncpg.Connection) -> dict[str, QuestionSet]:
    questions = await conn.fetch("SELECT * FROM questions ORDER BY set_id, position")
    sets = await conn.fetch('SELECT * FROM question_sets ORDER BY id COLLATE "C"')
    return shapes.question_sets_from_rows(sets, questions)


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
    query = (
        "SELECT entity_id, alias FROM aliases WHERE whoswho_id = $1 ORDER BY entity_id, position"
    )
    aliases = await conn.fetch(query, key)
    query = (
        "SELECT entity_id, kind, target, source FROM relations WHERE whoswho_id = $1"
        " ORDER BY entity_id, position"
    )
    relations = await conn.fetch(query, key)
    query = "SELECT * FROM entities WHERE whoswho_id = $1 ORDER BY position"
    entities = await conn.fetch(query, key)
    return shapes.whoswho_from_rows(head, entities, aliases, relations)
