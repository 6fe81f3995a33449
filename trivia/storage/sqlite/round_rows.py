"""Rounds and awards: saving a round's progress so it survives a restart, and its results.

Functions here run inside a transaction the caller (Store, through the gate) opened. Closing
a question is the write the bot makes most, for many rounds at once when it is busy, so
`record_questions` takes every one the gate has queued together and sends their rows in one
hand-off per statement: a group of a hundred costs about as many hand-offs as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from trivia.engine.events import EndReason, QuestionClosed, RoundEnded
from trivia.engine.settings import RoundSettings
from trivia.errors import StorageError
from trivia.records import RoundStatus
from trivia.storage.codec import from_json, settings_from_json, settings_to_json, timestamp, to_json
from trivia.storage.round_steps import RoundRecord
from trivia.storage.sqlite.connection import fetch_one, fetch_value
from trivia.storage.sqlite.stat_rows import StatDeltas, add_round_results, per_player

_STATUS_FOR = {
    EndReason.FINISHED: RoundStatus.FINISHED,
    EndReason.STOPPED: RoundStatus.STOPPED,
    EndReason.IDLE: RoundStatus.IDLE,
}

_ROUNDS = (
    "SELECT id, guild_id, set_id, status FROM rounds WHERE id IN (SELECT value FROM json_each(?))"
)

_AWARD = (
    "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,"
    " answer_ms, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

_STATE = "UPDATE rounds SET state = ? WHERE id = ?"


@dataclass(frozen=True, slots=True)
class ClosedQuestion:
    """One Store.record_question call: `closed`'s awards and stats, and the round's state."""

    round_id: int
    closed: QuestionClosed
    state: dict[str, Any]
    moment: datetime


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
    cursor = await db.execute(
        "INSERT INTO rounds (guild_id, channel_id, set_id, started_by, settings, state, status,"
        " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            guild_id,
            channel_id,
            set_id,
            started_by,
            settings_to_json(settings),
            to_json(state),
            RoundStatus.RUNNING.value,
            timestamp(moment),
        ),
    )
    round_id = cursor.lastrowid
    if round_id is None:
        raise StorageError("the new round got no id")
    return round_id


def _running(row: aiosqlite.Row | None, round_id: int) -> aiosqlite.Row:
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        raise StorageError(f"round {round_id} is no longer running ({row['status']})")
    return row


async def record_questions(
    db: aiosqlite.Connection, records: Sequence[ClosedQuestion]
) -> list[None]:
    """Save each record as if one after another: its awards, its players' stats and its
    round's new state. Any record whose round is missing or no longer running, or whose state
    cannot be saved, fails the lot before anything is written; the gate then rolls the group
    back and runs each record alone, so that only the failing one fails."""
    ids = to_json(sorted({record.round_id for record in records}))
    rounds = {row["id"]: row for row in await db.execute_fetchall(_ROUNDS, (ids,))}
    awards: list[tuple[Any, ...]] = []
    states: list[tuple[str, int]] = []
    tally = StatDeltas()
    for record in records:
        row = _running(rounds.get(record.round_id), record.round_id)
        guild_id, set_id, at = row["guild_id"], row["set_id"], timestamp(record.moment)
        awards += [
            (
                record.round_id,
                guild_id,
                set_id,
                a.question_id,
                a.user_id,
                int(a.correct),
                a.points,
                a.answer_ms,
                at,
            )
            for a in record.closed.awards
        ]
        tally.add_question(guild_id, per_player(record.closed.awards), record.moment)
        states.append((to_json(record.state), record.round_id))
    if awards:
        await db.executemany(_AWARD, awards)
    await tally.write(db)
    await db.executemany(_STATE, states)
    return [None] * len(records)


async def save_round_state(db: aiosqlite.Connection, round_id: int, state: dict[str, Any]) -> None:
    cursor = await db.execute(_STATE, (to_json(state), round_id))
    if cursor.rowcount != 1:
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
        (
            _STATUS_FOR[ended.reason].value,
            timestamp(moment),
            None if state is None else to_json(state),
            round_id,
        ),
    )
    query = "SELECT DISTINCT user_id FROM awards WHERE round_id = ?"
    players = [user_id for (user_id,) in await db.execute_fetchall(query, (round_id,))]
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
    return [
        RoundRecord(
            round_id=row["id"],
            guild_id=row["guild_id"],
            channel_id=row["channel_id"],
            set_id=row["set_id"],
            started_by=row["started_by"],
            settings=settings_from_json(row["settings"]),
            status=RoundStatus(row["status"]),
            state=from_json(row["state"]),
        )
        for row in await db.execute_fetchall(query)
    ]
