"""Rounds and awards: saving a round's progress so it survives a restart, and its results.

Functions here run inside a transaction the caller (Store) opened.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

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


def create_round(
    conn: sqlite3.Connection,
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
    round_id = conn.execute(
        "INSERT INTO rounds (guild_id, channel_id, set_id, started_by, settings, state, status,"
        " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, channel_id, set_id, started_by, settings_to_json(settings), to_json(state),
         RoundStatus.RUNNING.value, timestamp(moment)),
    ).lastrowid
    if round_id is None:
        raise StorageError("the new round got no id")
    return round_id


def _running(conn: sqlite3.Connection, round_id: int) -> sqlite3.Row:
    row = fetch_one(conn, "SELECT guild_id, set_id, status FROM rounds WHERE id = ?", (round_id,))
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        raise StorageError(f"round {round_id} is no longer running ({row['status']})")
    return row


def record_question(
    conn: sqlite3.Connection,
    round_id: int,
    closed: QuestionClosed,
    state: dict[str, Any],
    moment: datetime,
) -> None:
    round_row = _running(conn, round_id)
    guild_id, set_id = round_row["guild_id"], round_row["set_id"]
    awarded_at = timestamp(moment)
    conn.executemany(
        "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,"
        " answer_ms, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (round_id, guild_id, set_id, a.question_id, a.user_id, int(a.correct), a.points,
             a.answer_ms, awarded_at)
            for a in closed.awards
        ],
    )
    add_answers(conn, guild_id, closed.awards, moment)
    save_round_state(conn, round_id, state)


def save_round_state(conn: sqlite3.Connection, round_id: int, state: dict[str, Any]) -> None:
    query = "UPDATE rounds SET state = ? WHERE id = ?"
    if conn.execute(query, (to_json(state), round_id)).rowcount != 1:
        raise StorageError(f"there is no round {round_id}")


def end_round(
    conn: sqlite3.Connection,
    round_id: int,
    ended: RoundEnded,
    state: dict[str, Any] | None,
    moment: datetime,
) -> None:
    """Close the round and credit rounds played and wins; a round already ended is left as is."""
    row = fetch_one(conn, "SELECT guild_id, status FROM rounds WHERE id = ?", (round_id,))
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        return
    conn.execute(
        "UPDATE rounds SET status = ?, ended_at = ?, state = COALESCE(?, state) WHERE id = ?",
        (_STATUS_FOR[ended.reason].value, timestamp(moment),
         None if state is None else to_json(state), round_id),
    )
    query = "SELECT DISTINCT user_id FROM awards WHERE round_id = ?"
    players = [user_id for (user_id,) in conn.execute(query, (round_id,))]
    winners = [s.user_id for s in ended.standings if s.rank == 1] if ended.credited else []
    add_round_results(conn, row["guild_id"], players, winners, moment)


def mark_interrupted(conn: sqlite3.Connection, round_id: int, moment: datetime) -> None:
    """Give up on a round that cannot be resumed; it credits no rounds played or wins."""
    status = fetch_value(conn, "SELECT status FROM rounds WHERE id = ?", (round_id,))
    if status is None:
        raise StorageError(f"there is no round {round_id}")
    if status == RoundStatus.RUNNING:
        conn.execute(
            "UPDATE rounds SET status = ?, ended_at = ? WHERE id = ?",
            (RoundStatus.INTERRUPTED.value, timestamp(moment), round_id),
        )


def running_rounds(conn: sqlite3.Connection) -> list[RoundRecord]:
    # The status is a literal, not a parameter, so SQLite can use the partial index on it.
    query = (
        "SELECT id, guild_id, channel_id, set_id, started_by, settings, status, state"
        " FROM rounds WHERE status = 'running' ORDER BY id"
    )
    return [
        RoundRecord(
            round_id=row["id"], guild_id=row["guild_id"], channel_id=row["channel_id"],
            set_id=row["set_id"], started_by=row["started_by"],
            settings=settings_from_json(row["settings"]),
            status=RoundStatus(row["status"]), state=from_json(row["state"]),
        )
        for row in conn.execute(query)
    ]
