"""Forgetting a player on PostgreSQL: every row that names them as a player, in every server.

The same rows as trivia.storage.sqlite.forget_rows (see there for why these and no others).
"""

from __future__ import annotations

import asyncpg

from trivia.records import Forgotten

_TABLES = ("awards", "player_stats", "round_picks", "question_reports")


async def forget_player(conn: asyncpg.Connection, user_id: int) -> Forgotten:
    deleted = []
    for table in _TABLES:
        status = await conn.execute(f"DELETE FROM {table} WHERE user_id = $1", user_id)  # noqa: S608
        deleted.append(int(status.split()[-1]))  # the command tag: "DELETE <rows>"
    awards, stats, picks, reports = deleted
    return Forgotten(awards=awards, stats=stats, picks=picks, reports=reports)
