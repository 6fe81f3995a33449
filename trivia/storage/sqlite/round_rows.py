"""Rounds on SQLite: a round's steps, its picks and outbox, its lease, and its results.

Functions here run inside a transaction the caller (Store, through the serial connection)
opened. A step is the write the bot makes most, for many rounds at once when it is busy, so
`apply_steps` takes every step queued together and sends their rows in one hand-off per
statement: a group of a hundred costs about as many hand-offs as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import aiosqlite

from trivia.engine.events import RoundEnded
from trivia.errors import LeaseLost, RoundAlreadyRunning, StorageError
from trivia.models import Award
from trivia.records import RoundStatus
from trivia.storage.codec import settings_to_json, timestamp, to_json
from trivia.storage.round_shapes import (
    STATUS_FOR,
    held_by,
    may_abandon,
    owed_from_row,
    pick_from_row,
    round_record_from_row,
)
from trivia.storage.round_steps import (
    Announcement,
    AnnouncementKind,
    Lease,
    NewRound,
    Pick,
    RoundOutbox,
    RoundRecord,
    RoundStep,
)
from trivia.storage.sqlite.connection import fetch_one
from trivia.storage.sqlite.stat_rows import StatDeltas, add_round_results
from trivia.storage.stat_rules import per_player

_ROUNDS = (
    "SELECT id, guild_id, set_id, status, lease_owner, lease_epoch FROM rounds"
    " WHERE id IN (SELECT value FROM json_each(?))"
)
_LAST_SEQS = (
    "SELECT round_id, MAX(seq) FROM round_outbox"
    " WHERE round_id IN (SELECT value FROM json_each(?)) GROUP BY round_id"
)
_AWARD = (
    "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,"
    " answer_ms, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_PICK = (
    "INSERT OR IGNORE INTO round_picks (round_id, number, user_id, question_id, choice, correct,"
    " points, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_OUTBOX = "INSERT INTO round_outbox (round_id, seq, kind, number, payload) VALUES (?, ?, ?, ?, ?)"
_STATE = "UPDATE rounds SET state = ? WHERE id = ?"
_ROUND_COLUMNS = (
    "id, guild_id, channel_id, set_id, started_by, settings, status, state, lease_owner,"
    " lease_epoch"
)


def _outbox_rows(round_id: int, first: int, owed: Iterable[Announcement]) -> list[tuple[Any, ...]]:
    return [
        (round_id, seq, a.kind.value, a.number, to_json(a.payload))
        for seq, a in enumerate(owed, start=first)
    ]


async def create_round(db: aiosqlite.Connection, new: NewRound, moment: datetime) -> list[int]:
    """Returns [round id, *announcement seqs]: merged writes return one value each."""
    if new.guild_id < 0:
        raise ValueError(f"guild ids are not negative: {new.guild_id}")
    try:
        cursor = await db.execute(
            "INSERT INTO rounds (guild_id, channel_id, set_id, started_by, settings, state,"
            " status, started_at, lease_owner, lease_epoch, lease_until)"
            " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, 1, ?)",
            (
                new.guild_id,
                new.channel_id,
                new.set_id,
                new.started_by,
                settings_to_json(new.settings),
                to_json(new.state),
                timestamp(moment),
                new.lease.owner,
                moment.timestamp() + new.lease_ttl,
            ),
        )
    except aiosqlite.IntegrityError as error:
        raise RoundAlreadyRunning(new.channel_id) from error
    round_id = cursor.lastrowid
    if round_id is None:
        raise StorageError("the new round got no id")
    rows = _outbox_rows(round_id, 1, new.owed)
    if rows:
        await db.executemany(_OUTBOX, rows)
    return [round_id, *(row[1] for row in rows)]


def _checked(row: aiosqlite.Row | None, round_id: int, lease: Lease) -> aiosqlite.Row:
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        raise StorageError(f"round {round_id} is no longer running ({row['status']})")
    if not held_by(row, lease):
        raise LeaseLost(round_id)
    return row


def _award_rows(round_id: int, row: aiosqlite.Row, awards: Iterable[Award], at: str) -> list[Any]:
    guild_id, set_id = row["guild_id"], row["set_id"]
    return [
        (round_id, guild_id, set_id, a.question_id, a.user_id, int(a.correct), a.points,
         a.answer_ms, at)
        for a in awards
    ]  # fmt: skip


async def apply_steps(
    db: aiosqlite.Connection, steps: Sequence[RoundStep], moment: datetime
) -> list[list[int]]:
    """Write each step as if one after another; returns each step's announcement seqs.

    A step whose round is missing, no longer running or held under another lease fails the
    lot before anything is written; the serial connection then rolls the group back and runs
    each step alone, so that only the failing one fails."""
    ids = to_json(sorted({step.round_id for step in steps}))
    rounds = {row["id"]: row for row in await db.execute_fetchall(_ROUNDS, (ids,))}
    last_seq = {row[0]: row[1] for row in await db.execute_fetchall(_LAST_SEQS, (ids,))}
    at = timestamp(moment)
    picks: list[tuple[Any, ...]] = []
    awards: list[tuple[Any, ...]] = []
    closed: list[tuple[int, int]] = []
    states: list[tuple[str, int]] = []
    outbox: list[tuple[Any, ...]] = []
    ends: list[tuple[aiosqlite.Row, RoundEnded]] = []
    deltas = StatDeltas()
    seqs: list[list[int]] = []
    for step in steps:
        row = _checked(rounds.get(step.round_id), step.round_id, step.lease)
        picks += [_pick_row(step.round_id, pick) for pick in step.picks]
        if step.closed is not None:
            awards += _award_rows(step.round_id, row, step.closed.awards, at)
            deltas.add_question(row["guild_id"], per_player(step.closed.awards), moment)
            closed.append((step.round_id, step.closed.number))
        if step.state is not None:
            states.append((to_json(step.state), step.round_id))
        if step.ended is not None:
            ends.append((row, step.ended))
        first = last_seq.get(step.round_id, 0) + 1
        rows = _outbox_rows(step.round_id, first, step.owed)
        last_seq[step.round_id] = first + len(rows) - 1
        outbox += rows
        seqs.append([r[1] for r in rows])
    if picks:
        await db.executemany(_PICK, picks)
    if awards:
        await db.executemany(_AWARD, awards)
    if closed:
        await db.executemany("DELETE FROM round_picks WHERE round_id = ? AND number = ?", closed)
    await deltas.write(db)
    if states:
        await db.executemany(_STATE, states)
    for row, ended in ends:
        await _end(db, row, ended, moment)
    if outbox:
        await db.executemany(_OUTBOX, outbox)
    return seqs


def _pick_row(round_id: int, pick: Pick) -> tuple[Any, ...]:
    a = pick.award
    return (
        round_id, pick.number, a.user_id, a.question_id, pick.choice, int(a.correct), a.points,
        a.answer_ms,
    )  # fmt: skip


async def _end(
    db: aiosqlite.Connection, row: aiosqlite.Row, ended: RoundEnded, moment: datetime
) -> None:
    """Close the round and credit rounds played and wins."""
    round_id = row["id"]
    await db.execute(
        "UPDATE rounds SET status = ?, ended_at = ? WHERE id = ?",
        (STATUS_FOR[ended.reason].value, timestamp(moment), round_id),
    )
    await db.execute("DELETE FROM round_picks WHERE round_id = ?", (round_id,))
    query = "SELECT DISTINCT user_id FROM awards WHERE round_id = ?"
    players = [user_id for (user_id,) in await db.execute_fetchall(query, (round_id,))]
    await add_round_results(db, row["guild_id"], players, ended.winners, moment)


async def abandon_round(
    db: aiosqlite.Connection, round_id: int, lease: Lease | None, moment: datetime
) -> None:
    row = await fetch_one(
        db, "SELECT status, lease_owner, lease_epoch FROM rounds WHERE id = ?", (round_id,)
    )
    if not may_abandon(row, round_id, lease):
        return
    await db.execute(
        "UPDATE rounds SET status = ?, ended_at = ? WHERE id = ?",
        (RoundStatus.INTERRUPTED.value, timestamp(moment), round_id),
    )
    await db.execute("DELETE FROM round_picks WHERE round_id = ?", (round_id,))
    await db.execute("UPDATE round_outbox SET settled = 1 WHERE round_id = ?", (round_id,))


async def claim_round(
    db: aiosqlite.Connection, round_id: int, owner: str, until: float, now: float
) -> Lease | None:
    row = await fetch_one(
        db,
        "SELECT status, lease_owner, lease_epoch, lease_until FROM rounds WHERE id = ?",
        (round_id,),
    )
    if row is None or row["status"] != RoundStatus.RUNNING:
        return None
    if row["lease_owner"] not in ("", owner) and row["lease_until"] > now:
        return None
    epoch = row["lease_epoch"] + 1
    await db.execute(
        "UPDATE rounds SET lease_owner = ?, lease_epoch = ?, lease_until = ? WHERE id = ?",
        (owner, epoch, until, round_id),
    )
    return Lease(owner, epoch)


async def renew_leases(
    db: aiosqlite.Connection, owner: str, round_ids: Sequence[int], until: float
) -> list[set[int]]:
    ids = to_json(sorted(set(round_ids)))
    await db.execute(
        "UPDATE rounds SET lease_until = ? WHERE lease_owner = ? AND status = 'running'"
        " AND id IN (SELECT value FROM json_each(?))",
        (until, owner, ids),
    )
    held = await db.execute_fetchall(
        "SELECT id FROM rounds WHERE lease_owner = ? AND status = 'running'"
        " AND id IN (SELECT value FROM json_each(?))",
        (owner, ids),
    )
    return [{round_id for (round_id,) in held}]


async def round_outbox(db: aiosqlite.Connection, round_id: int) -> RoundOutbox:
    rows = await db.execute_fetchall(
        "SELECT seq, kind, number, payload, settled, message_id FROM round_outbox"
        " WHERE round_id = ? ORDER BY seq",
        (round_id,),
    )
    owed = tuple(owed_from_row(round_id, row) for row in rows if not row["settled"])
    messages = {
        row["number"]: row["message_id"]
        for row in rows
        if row["kind"] == AnnouncementKind.ASK and row["message_id"] is not None
    }
    return RoundOutbox(owed, messages)


async def settle_announcement(
    db: aiosqlite.Connection, round_id: int, seq: int, message_id: int | None
) -> None:
    cursor = await db.execute(
        "UPDATE round_outbox SET settled = 1, message_id = COALESCE(?, message_id)"
        " WHERE round_id = ? AND seq = ?",
        (message_id, round_id, seq),
    )
    if cursor.rowcount != 1:
        raise StorageError(f"round {round_id} owes no announcement {seq}")


async def _picks(db: aiosqlite.Connection, round_id: int) -> tuple[Pick, ...]:
    rows = await db.execute_fetchall(
        "SELECT number, user_id, question_id, choice, correct, points, answer_ms"
        " FROM round_picks WHERE round_id = ? ORDER BY number, answer_ms, user_id",
        (round_id,),
    )
    return tuple(pick_from_row(row) for row in rows)


async def load_round(db: aiosqlite.Connection, round_id: int) -> RoundRecord | None:
    row = await fetch_one(db, f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE id = ?", (round_id,))  # noqa: S608
    return None if row is None else round_record_from_row(row, await _picks(db, round_id))


async def running_rounds(db: aiosqlite.Connection) -> list[RoundRecord]:
    # The status is a literal, not a parameter, so SQLite can use the partial index on it.
    rows = await db.execute_fetchall(
        f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE status = 'running' ORDER BY id"  # noqa: S608
    )
    return [round_record_from_row(row, await _picks(db, row["id"])) for row in rows]


async def rounds_owing(db: aiosqlite.Connection) -> list[RoundRecord]:
    """Ended rounds whose channel is still owed announcements (a crash came in between)."""
    rows = await db.execute_fetchall(
        f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE status != 'running' AND id IN"  # noqa: S608
        " (SELECT round_id FROM round_outbox WHERE settled = 0) ORDER BY id"
    )
    return [round_record_from_row(row, ()) for row in rows]
