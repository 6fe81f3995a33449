"""Forgetting a player: every row that names them as a player, in every server.

Leaderboards and ranks are computed from player_stats, so deleting the player's rows there
is what takes them off every board; other players' totals are their own and stay as they are.
Rounds keep who started them, and old announcements keep the standings they showed.
"""

from __future__ import annotations

import aiosqlite

from trivia.records import Forgotten

_TABLES = ("awards", "player_stats", "round_picks", "question_reports")


async def forget_player(db: aiosqlite.Connection, user_id: int) -> Forgotten:
    deleted = []
    for table in _TABLES:
        cursor = await db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))  # noqa: S608
        deleted.append(cursor.rowcount)
    awards, stats, picks, reports = deleted
    return Forgotten(awards=awards, stats=stats, picks=picks, reports=reports)
