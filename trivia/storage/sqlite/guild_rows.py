"""Per-guild settings; a guild that never saved any gets GuildSettings() defaults."""

from __future__ import annotations

import aiosqlite

from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode
from trivia.storage.codec import from_json, to_json
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
    return GuildSettings(
        mode=AnswerMode(row["mode"]),
        questions=row["questions"],
        time_limit=row["time_limit"],
        hints=bool(row["hints"]),
        reveal_answers=bool(row["reveal_answers"]),
        starter_role_id=row["starter_role_id"],
        channel_ids=tuple(from_json(row["channel_ids"])),
        reveal_pause=row["reveal_pause"],
        spoilers=bool(row["spoilers"]),
        report_threshold=row["report_threshold"],
    )


async def save_guild_settings(
    db: aiosqlite.Connection, guild_id: int, settings: GuildSettings
) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO guild_settings (guild_id, mode, questions, time_limit, hints,"
        " reveal_answers, starter_role_id, channel_ids, reveal_pause, spoilers, report_threshold)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            guild_id,
            settings.mode.value,
            settings.questions,
            settings.time_limit,
            int(settings.hints),
            int(settings.reveal_answers),
            settings.starter_role_id,
            to_json(list(settings.channel_ids)),
            settings.reveal_pause,
            int(settings.spoilers),
            settings.report_threshold,
        ),
    )
