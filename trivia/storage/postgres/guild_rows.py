"""Per-guild settings on PostgreSQL; a guild that never saved any gets GuildSettings()."""

from __future__ import annotations

import asyncpg

from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode
from trivia.storage.codec import from_json, to_json


async def guild_settings(conn: asyncpg.Connection, guild_id: int) -> GuildSettings:
    row = await conn.fetchrow(
        "SELECT mode, questions, time_limit, hints, reveal_answers, starter_role_id, channel_ids,"
        " reveal_pause, spoilers, report_threshold FROM guild_settings WHERE guild_id = $1",
        guild_id,
    )
    if row is None:
        return GuildSettings()
    return GuildSettings(
        mode=AnswerMode(row["mode"]),
        questions=row["questions"],
        time_limit=row["time_limit"],
        hints=row["hints"],
        reveal_answers=row["reveal_answers"],
        starter_role_id=row["starter_role_id"],
        channel_ids=tuple(from_json(row["channel_ids"])),
        reveal_pause=row["reveal_pause"],
        spoilers=row["spoilers"],
        report_threshold=row["report_threshold"],
    )


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
        guild_id,
        settings.mode.value,
        settings.questions,
        settings.time_limit,
        settings.hints,
        settings.reveal_answers,
        settings.starter_role_id,
        to_json(list(settings.channel_ids)),
        settings.reveal_pause,
        settings.spoilers,
        settings.report_threshold,
    )
