"""Rows of guild_sets (a server's own question sets) and guild_disabled_sets (bundled sets a
server switched off for itself)."""

from __future__ import annotations

import aiosqlite

from trivia.records import StoredSet
from trivia.storage.guild_shapes import stored_set_from_row
from trivia.storage.sqlite.connection import fetch_value


async def save_guild_set(db: aiosqlite.Connection, stored: StoredSet, at: str) -> bool:
    """Insert or replace; True when a set with that id was replaced."""
    existed = await fetch_value(
        db,
        "SELECT COUNT(*) FROM guild_sets WHERE guild_id = ? AND set_id = ?",
        (stored.guild_id, stored.set_id),
    )
    await db.execute(
        "INSERT INTO guild_sets (guild_id, set_id, yaml, content_hash, uploaded_by, uploaded_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, set_id) DO UPDATE SET"
        " yaml = excluded.yaml, content_hash = excluded.content_hash,"
        " uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
        (stored.guild_id, stored.set_id, stored.yaml, stored.content_hash, stored.uploaded_by, at),
    )
    return bool(existed)


async def guild_sets(db: aiosqlite.Connection, guild_id: int) -> list[StoredSet]:
    rows = await db.execute_fetchall(
        "SELECT guild_id, set_id, yaml, content_hash, uploaded_by FROM guild_sets"
        " WHERE guild_id = ? ORDER BY set_id",
        (guild_id,),
    )
    return [stored_set_from_row(row) for row in rows]


async def remove_guild_set(db: aiosqlite.Connection, guild_id: int, set_id: str) -> bool:
    cursor = await db.execute(
        "DELETE FROM guild_sets WHERE guild_id = ? AND set_id = ?", (guild_id, set_id)
    )
    return cursor.rowcount > 0


async def disabled_sets(db: aiosqlite.Connection, guild_id: int) -> set[str]:
    rows = await db.execute_fetchall(
        "SELECT set_id FROM guild_disabled_sets WHERE guild_id = ?", (guild_id,)
    )
    return {r["set_id"] for r in rows}


async def switch_set(db: aiosqlite.Connection, guild_id: int, set_id: str, enabled: bool) -> None:
    if enabled:
        await db.execute(
            "DELETE FROM guild_disabled_sets WHERE guild_id = ? AND set_id = ?", (guild_id, set_id)
        )
    else:
        await db.execute(
            "INSERT INTO guild_disabled_sets (guild_id, set_id) VALUES (?, ?)"
            " ON CONFLICT (guild_id, set_id) DO NOTHING",
            (guild_id, set_id),
        )
