"""Rows of guild_sets (a server's own question sets) and guild_disabled_sets (bundled sets a
server switched off for itself) on PostgreSQL."""

from __future__ import annotations

import asyncpg

from trivia.records import StoredSet
from trivia.storage.guild_shapes import stored_set_from_row


async def save_guild_set(conn: asyncpg.Connection, stored: StoredSet, at: str) -> bool:
    """Insert or replace in one statement; True when a set with that id was replaced.

    A row the upsert updated carries the writing transaction in xmax (the lock ON CONFLICT
    took), a freshly inserted one 0: that tells the two apart even when two processes save
    the same new set at once."""
    replaced: bool = await conn.fetchval(
        "INSERT INTO guild_sets (guild_id, set_id, yaml, content_hash, uploaded_by, uploaded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (guild_id, set_id) DO UPDATE SET"
        " yaml = excluded.yaml, content_hash = excluded.content_hash,"
        " uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at"
        " RETURNING xmax <> 0",
        stored.guild_id, stored.set_id, stored.yaml, stored.content_hash, stored.uploaded_by, at,
    )  # fmt: skip
    return replaced


async def guild_sets(conn: asyncpg.Connection, guild_id: int) -> list[StoredSet]:
    rows = await conn.fetch(
        "SELECT guild_id, set_id, yaml, content_hash, uploaded_by FROM guild_sets"
        ' WHERE guild_id = $1 ORDER BY set_id COLLATE "C"',
        guild_id,
    )
    return [stored_set_from_row(row) for row in rows]


async def remove_guild_set(conn: asyncpg.Connection, guild_id: int, set_id: str) -> bool:
    deleted = await conn.fetchval(
        "DELETE FROM guild_sets WHERE guild_id = $1 AND set_id = $2 RETURNING 1", guild_id, set_id
    )
    return deleted is not None


async def disabled_sets(conn: asyncpg.Connection, guild_id: int) -> set[str]:
    rows = await conn.fetch("SELECT set_id FROM guild_disabled_sets WHERE guild_id = $1", guild_id)
    return {r["set_id"] for r in rows}


async def switch_set(conn: asyncpg.Connection, guild_id: int, set_id: str, enabled: bool) -> None:
    if enabled:
        await conn.execute(
            "DELETE FROM guild_disabled_sets WHERE guild_id = $1 AND set_id = $2", guild_id, set_id
        )
    else:
        await conn.execute(
            "INSERT INTO guild_disabled_sets (guild_id, set_id) VALUES ($1, $2)"
            " ON CONFLICT (guild_id, set_id) DO NOTHING",
            guild_id,
            set_id,
        )
