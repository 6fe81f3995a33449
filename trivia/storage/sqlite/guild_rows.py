"""Per-guild settings; a guild that never saved any gets GuildSettings() defaults."""

from __future__ import annotations

import aiosqlite

from trivia.engine.settings import GuildSettings
from trivia.storage.guild_shapes import guild_settings_from_row, guild_settings_row
from trivia.storage.sqlite.connection import fetch_one


async def guild_settings(db: aiosqlite.Connection, guild_id: int) -> GuildSettings:
    row = await fetch_one(
        db,
        "SELECT mode, questions, time_limit, hints, reveal_answers, starter_role_id, channel_ids,"
        " reveal_pause, spoilers, report_threshold FROM guild_settings WHERE guild_id = ?",
        (guild_id,),
    )
    if row is None:
        return GuildSettings()
    return guild_settings_from_row(row)


async def save_guild_settings(
    db: aiosqlite.Connection, guild_id: int, settings: GuildSettings
) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO guild_settings (guild_id, mode, questions, time_limit, hints,"
        " reveal_answers, starter_role_id, channel_ids, reveal_pause, spoilers, report_threshold)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        guild_settings_row(guild_id, settings),
    )
