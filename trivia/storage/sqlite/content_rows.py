"""Question sets and the who's-who: import (idempotent, by content hash) and load back.

Functions here run inside a transaction the caller (Store, through the gate) opened.
"""

from __future__ import annotations

import aiosqlite

from trivia.models import QuestionSet, WhosWho
from trivia.records import ImportStatus, SetSummary
from trivia.storage import content_shapes as shapes
from trivia.storage.sqlite.connection import fetch_one, fetch_value


async def import_question_set(
    db: aiosqlite.Connection, qs: QuestionSet, content_hash: str, imported_at: str
) -> ImportStatus:
    query = "SELECT content_hash FROM question_sets WHERE id = ?"
    old_hash = await fetch_value(db, query, (qs.id,))
    if old_hash == content_hash:
        return ImportStatus.UNCHANGED
    await db.execute(
        "INSERT INTO question_sets (id, title, description, show, source, time_limit,"
        " questions_per_round, content_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
        " description = excluded.description, show = excluded.show, source = excluded.source,"
        " time_limit = excluded.time_limit, questions_per_round = excluded.questions_per_round,"
        " content_hash = excluded.content_hash, imported_at = excluded.imported_at",
        shapes.question_set_row(qs, content_hash, imported_at),
    )
    await db.execute("DELETE FROM questions WHERE set_id = ?", (qs.id,))
    await db.executemany(
        "INSERT INTO questions (set_id, id, position, text, answers, kind, explanation, source,"
        " difficulty, choices, hint, tags, family, excludes, entity_names)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        shapes.question_rows(qs),
    )
    return shapes.import_status(old_hash)


async def import_whoswho(
    db: aiosqlite.Connection, whoswho: WhosWho, content_hash: str, imported_at: str
) -> ImportStatus:
    query = "SELECT content_hash FROM whoswho WHERE id = ?"
    old_hash = await fetch_value(db, query, (whoswho.id,))
    if old_hash == content_hash:
        return ImportStatus.UNCHANGED
    await db.execute(
        "INSERT INTO whoswho (id, title, source, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source,"
        " content_hash = excluded.content_hash, imported_at = excluded.imported_at",
        shapes.whoswho_row(whoswho, content_hash, imported_at),
    )
    key = (whoswho.id,)
    await db.execute("DELETE FROM relations WHERE whoswho_id = ?", key)
    await db.execute("DELETE FROM aliases WHERE whoswho_id = ?", key)
    await db.execute("DELETE FROM entities WHERE whoswho_id = ?", key)
    await db.executemany(
        "INSERT INTO entities (whoswho_id, id, position, name, kind, description, source,"
        " pronoun) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        shapes.entity_rows(whoswho),
    )
    await db.executemany(
        "INSERT INTO aliases (whoswho_id, entity_id, position, alias) VALUES (?, ?, ?, ?)",
        shapes.alias_rows(whoswho),
    )
    await db.executemany(
        "INSERT INTO relations (whoswho_id, entity_id, position, kind, target, source)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        shapes.relation_rows(whoswho),
    )
    return shapes.import_status(old_hash)


async def set_summaries(db: aiosqlite.Connection) -> list[SetSummary]:
    query = (
        "SELECT s.id, s.title, s.description,"
        " (SELECT COUNT(*) FROM questions q WHERE q.set_id = s.id)"
        " FROM question_sets s ORDER BY s.title, s.id"
    )
    return [SetSummary(*row) for row in await db.execute_fetchall(query)]


async def load_question_sets(db: aiosqlite.Connection) -> dict[str, QuestionSet]:
    questions = await db.execute_fetchall("SELECT * FROM questions ORDER BY set_id, position")
    sets = await db.execute_fetchall("SELECT * FROM question_sets ORDER BY id")
    return shapes.question_sets_from_rows(sets, questions)


async def load_whoswho(db: aiosqlite.Connection, whoswho_id: str | None) -> WhosWho | None:
    """The named who's-who, or (id None) the one imported most recently."""
    query = (
        "SELECT id, title, source FROM whoswho WHERE ? IS NULL OR id = ?"
        " ORDER BY imported_at DESC, rowid DESC LIMIT 1"
    )
    head = await fetch_one(db, query, (whoswho_id, whoswho_id))
    if head is None:
        return None
    key = (head["id"],)
    query = "SELECT entity_id, alias FROM aliases WHERE whoswho_id = ? ORDER BY entity_id, position"
    aliases = await db.execute_fetchall(query, key)
    query = (
        "SELECT entity_id, kind, target, source FROM relations WHERE whoswho_id = ?"
        " ORDER BY entity_id, position"
    )
    relations = await db.execute_fetchall(query, key)
    query = "SELECT * FROM entities WHERE whoswho_id = ? ORDER BY position"
    entities = await db.execute_fetchall(query, key)
    return shapes.whoswho_from_rows(head, entities, aliases, relations)
