"""Rounds and awards: saving a round's progress so it survives a restart, and its results.

Functions here run inside a transaction the caller (Store) opened.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from trivia.errors import StorageError
from trivia.events import EndReason, QuestionClosed, RoundEnded, RoundSettings
from trivia.records import RoundRecord, RoundStatus
from trivia.storage.codec import from_json, settings_from_json, settings_to_json, timestamp, to_json
from trivia.storage.db import fetch_one, fetch_value
from trivia.storage.stats import add_answers, add_round_results

_STATUS_FOR = {
    EndReason.FINISHED: RoundStatus.FINISHED,
    EndReason.STOPPED: RoundStatus.STOPPED,
    EndReason.IDLE: RoundStatus.IDLE,
}


async def create_round(
    db: aiosqlite.Connection,
    *,
    guild_id: int,
    channel_id: int,
    set_id: str,
    started_by: int,
    settings: RoundSettings,
    state: dict[str, Any],
    moment: datetime,
) -> int:
    if guild_id < 0:
        raise ValueError(f"guild ids are not negative: {guild_id}")
    async with db.execute(
        "INSERT INTO rounds (guild_id, channel_id, set_id, started_by, settings, state, status,"
        " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, channel_id, set_id, started_by, settings_to_json(settings), to_json(state),
         RoundStatus.RUNNING.value, timestamp(moment)),
    ) as cursor:
        round_id = cursor.lastrowid
    if round_id is None:
        raise StorageError("the new round got no id")
    return round_id


async def _running(db: aiosqlite.Connection, round_id: int) -> aiosqlite.Row:
    row = await fetch_one(
        db, "SELECT guild_id, set_id, status FROM rounds WHERE id = ?", (round_id,)
    )
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        raise StorageError(f"round {round_id} is no longer running ({row['status']})")
    return row


async def record_question(
    db: aiosqlite.Connection,
    round_id: int,
    closed: QuestionClosed,
    state: dict[str, Any],
    moment: datetime,
) -> None:
    round_row = await _running(db, round_id)
    guild_id, set_id = round_row["guild_id"], round_row["set_id"]
    awarded_at = timestamp(moment)
    await db.executemany(
        "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,"
        " answer_ms, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (round_id, guild_id, set_id, a.question_id, a.user_id, int(a.correct), a.points,
             a.answer_ms, awarded_at)
            for a in closed.awards
        ],
    )
    await add_answers(db, guild_id, closed.awards, moment)
    await save_round_state(db, round_id, state)


async def save_round_state(db: aiosqlite.Connection, round_id: int, state: dict[str, Any]) -> None:
    async with db.execute(
        "UPDATE rounds SET state = ? WHERE id = ?", (to_json(state), round_id)
    ) as cursor:
        updated = cursor.rowcount
    if updated != 1:
        raise StorageError(f"there is no round {round_id}")


async def end_round(
    db: aiosqlite.Connection,
    round_id: int,
    ended: RoundEnded,
    state: dict[str, Any] | None,
    moment: datetime,
) -> None:
    """Close the round and credit rounds played and wins; a round already ended is left as is."""
    row = await fetch_one(db, "SELECT guild_id, status FROM rounds WHERE id = ?", (round_id,))
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        return
    await db.execute(
        "UPDATE rounds SET status = ?, ended_at = ?, state = COALESCE(?, state) WHERE id = ?",
        (_STATUS_FOR[ended.reason].value, timestamp(moment),
         None if state is None else to_json(state), round_id),
    )
    async with db.execute(
        "SELECT DISTINCT user_id FROM awards WHERE round_id = ?", (round_id,)
    ) as cursor:
        players = [user_id async for (user_id,) in cursor]
    winners = [s.user_id for s in ended.standings if s.rank == 1] if ended.credited else []
    await add_round_results(db, row["guild_id"], players, winners, moment)


async def mark_interrupted(db: aiosqlite.Connection, round_id: int, moment: datetime) -> None:
    """Give up on a round that cannot be resumed; it credits no rounds played or wins."""
    status = await fetch_value(db, "SELECT status FROM rounds WHERE id = ?", (round_id,))
    if status is None:
        raise StorageError(f"there is no round {round_id}")
    if status == RoundStatus.RUNNING:
        await db.execute(
            "UPDATE rounds SET status = ?, ended_at = ? WHERE id = ?",
            (RoundStatus.INTERRUPTED.value, timestamp(moment), round_id),
        )


async def running_rounds(db: aiosqlite.Connection) -> list[RoundRecord]:
    # The status is a literal, not a parameter, so SQLite can use the partial index on it.
    query = (
        "SELECT id, guild_id, channel_id, set_id, started_by, settings, status, state"
        " FROM rounds WHERE status = 'running' ORDER BY id"
    )
    async with db.execute(query) as cursor:
        return [
            RoundRecord(
                round_id=row["id"], guild_id=row["guild_id"], channel_id=row["channel_id"],
                set_id=row["set_id"], started_by=row["started_by"],
                settings=settings_from_json(row["settings"]),
                status=RoundStatus(row["status"]), state=from_json(row["state"]),
            )
            async for row in cursor
        ]
