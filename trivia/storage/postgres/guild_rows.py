"""Per-guild settings on PostgreSQL; a guild that never saved any gets GuildSettings()."""

from __future__ import annotations

import asyncpg

from trivia.engine.settings import GuildSettings
from trivia.storage.guild_shapes import guild_settings_from_row, guild_settings_row


async def guild_settings(conn: asyncpg.Connection, guild_id: int) -> GuildSettings:
    row = await conn.fetchrow(
        "SELECT mode, questions, time_limit, hints, reveal_answers, starter_role_id, channel_ids,"
        " reveal_pause, spoilers, report_threshold FROM guild_settings WHERE guild_id = $1",
        guild_id,
    )
    if row is None:
        return GuildSettings()
    return guild_settings_from_row(row)


async def save_guild_settings(
    conn: asyncpg.Connection, guild_id: int, settings: GuildSettings
) -> None:
    await conn.execute(
        "INSERT INTO guild_settings (guild_id, mode, questions, time_limit, hints,"
        " reveal_answers, starter_role_id, channel_ids, reveal_pause, spoilers, report_threshold)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (guild_id) DO UPDATE SET mode = excluded.mode,"
        " questions = excluded.questions, time_limit = excluded.time_limit,"
        " hints = excluded.hints, reveal_answers = excluded.reveal_answers,"
        " starter_role_id = excluded.starter_role_id, channel_ids = excluded.channel_ids,"
        " reveal_pause = excluded.reveal_pause, spoilers = excluded.spoilers,"
        " report_threshold = excluded.report_threshold",
        *guild_settings_row(guild_id, settings),
    )
