"""Rounds on PostgreSQL: creation, one step per transaction, the outbox, picks and leases.

Functions here run inside a transaction the caller opened. A step first locks its round's row
(SELECT ... FOR UPDATE), so two processes writing for one round queue on the database, and the
second sees the first's lease and status; stats rows are then written in key order, so rounds
sharing players cannot deadlock each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import asyncpg

from trivia.engine.events import EndReason
from trivia.errors import LeaseLost, RoundAlreadyRunning, StorageError
from trivia.models import Award
from trivia.records import RoundStatus
from trivia.storage.codec import from_json, settings_from_json, settings_to_json, timestamp, to_json
from trivia.storage.postgres.stat_rows import add_round_results, write_deltas
from trivia.storage.round_steps import (
    Announcement,
    AnnouncementKind,
    Lease,
    NewRound,
    OwedAnnouncement,
    Pick,
    RoundOutbox,
    RoundRecord,
    RoundStep,
)
from trivia.storage.stat_deltas import StatDeltas, per_player

STATUS_FOR = {
    EndReason.FINISHED: RoundStatus.FINISHED,
    EndReason.STOPPED: RoundStatus.STOPPED,
    EndReason.IDLE: RoundStatus.IDLE,
}

_ROUND_COLUMNS = (
    "id, guild_id, channel_id, set_id, started_by, settings, status, state,"
    " lease_owner, lease_epoch"
)

_PICK = (
    "INSERT INTO round_picks (round_id, number, user_id, question_id, choice, correct, points,"
    " answer_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (round_id, number, user_id) DO NOTHING"
)

_AWARDS = (
    "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,"
    " answer_ms, awarded_at)"
    " SELECT $1, $2, $3, q, u, c, p, ms, $4"
    " FROM unnest($5::text[], $6::bigint[], $7::boolean[], $8::int[], $9::int[])"
    " AS a (q, u, c, p, ms)"
)

_OUTBOX = (
    "INSERT INTO round_outbox (round_id, seq, kind, number, payload)"
    " SELECT $1, $2 + n, k, num, p"
    " FROM unnest($3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS o (k, num, p, n)"
)


async def _append_owed(
    conn: asyncpg.Connection, round_id: int, owed: Sequence[Announcement], last_seq: int
) -> list[int]:
    if not owed:
        return []
    await conn.execute(
        _OUTBOX,
        round_id,
        last_seq,
        [a.kind.value for a in owed],
        [a.number for a in owed],
        [to_json(a.payload) for a in owed],
    )
    return list(range(last_seq + 1, last_seq + 1 + len(owed)))


async def create_round(
    conn: asyncpg.Connection, new: NewRound, moment: datetime, lease_until: float
) -> tuple[int, list[int]]:
    if new.guild_id < 0:
        raise ValueError(f"guild ids are not negative: {new.guild_id}")
    try:
        async with conn.transaction():  # a savepoint: the caller's transaction survives
            round_id = await conn.fetchval(
                "INSERT INTO rounds (guild_id, channel_id, set_id, started_by, settings, state,"
                " status, started_at, lease_owner, lease_epoch, lease_until)"
                " VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9, $10) RETURNING id",
                new.guild_id,
                new.channel_id,
                new.set_id,
                new.started_by,
                settings_to_json(new.settings),
                to_json(new.state),
                timestamp(moment),
                new.lease.owner,
                new.lease.epoch,
                lease_until,
            )
    except asyncpg.UniqueViolationError as error:
        raise RoundAlreadyRunning(new.channel_id) from error
    return round_id, await _append_owed(conn, round_id, new.owed, 0)


async def _lock_running(conn: asyncpg.Connection, round_id: int) -> asyncpg.Record:
    row = await conn.fetchrow(
        "SELECT guild_id, set_id, status, lease_owner, lease_epoch FROM rounds"
        " WHERE id = $1 FOR UPDATE",
        round_id,
    )
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        raise StorageError(f"round {round_id} is no longer running ({row['status']})")
    return row


def _check_lease(row: asyncpg.Record, round_id: int, lease: Lease) -> None:
    if (row["lease_owner"], row["lease_epoch"]) != (lease.owner, lease.epoch):
        raise LeaseLost(round_id)


async def apply_step(conn: asyncpg.Connection, step: RoundStep, moment: datetime) -> list[int]:
    """See Store.apply_step for the order of the writes."""
    round_id = step.round_id
    row = await _lock_running(conn, round_id)
    _check_lease(row, round_id, step.lease)
    if step.picks:
        await conn.executemany(
            _PICK,
            [
                (
                    round_id,
                    p.number,
                    p.award.user_id,
                    p.award.question_id,
                    p.choice,
                    p.award.correct,
                    p.award.points,
                    p.award.answer_ms,
                )
                for p in step.picks
            ],
        )
    if step.closed is not None:
        awards = step.closed.awards
        await conn.execute(
            _AWARDS,
            round_id,
            row["guild_id"],
            row["set_id"],
            timestamp(moment),
            [a.question_id for a in awards],
            [a.user_id for a in awards],
            [a.correct for a in awards],
            [a.points for a in awards],
            [a.answer_ms for a in awards],
        )
        deltas = StatDeltas()
        deltas.add_question(row["guild_id"], per_player(awards), moment)
        await write_deltas(conn, deltas)
        await conn.execute(
            "DELETE FROM round_picks WHERE round_id = $1 AND number = $2",
            round_id,
            step.closed.number,
        )
    if step.state is not None:
        await conn.execute(
            "UPDATE rounds SET state = $1 WHERE id = $2", to_json(step.state), round_id
        )
    if step.ended is not None:
        ended = step.ended
        await conn.execute(
            "UPDATE rounds SET status = $1, ended_at = $2 WHERE id = $3",
            STATUS_FOR[ended.reason].value,
            timestamp(moment),
            round_id,
        )
        players = await conn.fetch(
            "SELECT DISTINCT user_id FROM awards WHERE round_id = $1", round_id
        )
        winners = [s.user_id for s in ended.standings if s.rank == 1] if ended.credited else []
        await add_round_results(
            conn, row["guild_id"], [p["user_id"] for p in players], winners, moment
        )
        await conn.execute("DELETE FROM round_picks WHERE round_id = $1", round_id)
    if not step.owed:
        return []
    last_seq = await conn.fetchval(
        "SELECT COALESCE(MAX(seq), 0) FROM round_outbox WHERE round_id = $1", round_id
    )
    return await _append_owed(conn, round_id, step.owed, last_seq)


async def round_outbox(conn: asyncpg.Connection, round_id: int) -> RoundOutbox:
    owed = tuple(
        OwedAnnouncement(
            round_id,
            row["seq"],
            Announcement(AnnouncementKind(row["kind"]), row["number"], from_json(row["payload"])),
        )
        for row in await conn.fetch(
            "SELECT seq, kind, number, payload FROM round_outbox"
            " WHERE round_id = $1 AND NOT settled ORDER BY seq",
            round_id,
        )
    )
    messages = {
        row["number"]: row["message_id"]
        for row in await conn.fetch(
            "SELECT DISTINCT ON (number) number, message_id FROM round_outbox"
            " WHERE round_id = $1 AND kind = 'ask' AND message_id IS NOT NULL"
            " ORDER BY number, seq DESC",
            round_id,
        )
    }
    return RoundOutbox(owed, messages)


async def settle_announcement(
    conn: asyncpg.Connection, round_id: int, seq: int, message_id: int | None
) -> None:
    status = await conn.execute(
        "UPDATE round_outbox SET settled = TRUE, message_id = COALESCE($3, message_id)"
        " WHERE round_id = $1 AND seq = $2",
        round_id,
        seq,
        message_id,
    )
    if status == "UPDATE 0":
        raise StorageError(f"round {round_id} has no announcement {seq}")


def _picks(rows: Iterable[asyncpg.Record]) -> tuple[Pick, ...]:
    return tuple(
        Pick(
            row["number"],
            Award(
                row["user_id"], row["question_id"], row["correct"], row["points"], row["answer_ms"]
            ),
            row["choice"],
        )
        for row in rows
    )


def _record(row: asyncpg.Record, picks: tuple[Pick, ...]) -> RoundRecord:
    owner = row["lease_owner"]
    return RoundRecord(
        round_id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        set_id=row["set_id"],
        started_by=row["started_by"],
        settings=settings_from_json(row["settings"]),
        status=RoundStatus(row["status"]),
        state=from_json(row["state"]),
        picks=picks,
        lease=Lease(owner, row["lease_epoch"]) if owner else None,
    )


_PICKS_OF = (
    "SELECT round_id, number, user_id, question_id, choice, correct, points, answer_ms"
    " FROM round_picks WHERE round_id = ANY($1::bigint[])"
    " ORDER BY round_id, number, answer_ms, user_id"
)


async def _with_picks(conn: asyncpg.Connection, rows: list[asyncpg.Record]) -> list[RoundRecord]:
    picks: dict[int, list[asyncpg.Record]] = {}
    for pick in await conn.fetch(_PICKS_OF, [row["id"] for row in rows]):
        picks.setdefault(pick["round_id"], []).append(pick)
    return [_record(row, _picks(picks.get(row["id"], ()))) for row in rows]


async def load_round(conn: asyncpg.Connection, round_id: int) -> RoundRecord | None:
    query = f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE id = $1"  # noqa: S608
    row = await conn.fetchrow(query, round_id)
    if row is None:
        return None
    return (await _with_picks(conn, [row]))[0]


async def running_rounds(conn: asyncpg.Connection) -> list[RoundRecord]:
    rows = await conn.fetch(
        f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE status = 'running' ORDER BY id"  # noqa: S608
    )
    return await _with_picks(conn, list(rows))


async def abandon_round(
    conn: asyncpg.Connection, round_id: int, lease: Lease | None, moment: datetime
) -> None:
    row = await conn.fetchrow(
        "SELECT status, lease_owner, lease_epoch FROM rounds WHERE id = $1 FOR UPDATE", round_id
    )
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        return
    if lease is not None:
        _check_lease(row, round_id, lease)
    await conn.execute(
        "UPDATE rounds SET status = 'interrupted', ended_at = $1 WHERE id = $2",
        timestamp(moment),
        round_id,
    )
    await conn.execute("DELETE FROM round_picks WHERE round_id = $1", round_id)
    await conn.execute(
        "UPDATE round_outbox SET settled = TRUE WHERE round_id = $1 AND NOT settled", round_id
    )


async def claim_round(
    conn: asyncpg.Connection, round_id: int, owner: str, now: float, ttl: float
) -> Lease | None:
    """Every successful claim raises the epoch, even a claim by the owner itself: whatever
    drove the round under the older epoch can write for it no more."""
    epoch = await conn.fetchval(
        "UPDATE rounds SET lease_owner = $2, lease_epoch = lease_epoch + 1, lease_until = $4"
        " WHERE id = $1 AND status = 'running'"
        " AND (lease_owner = $2 OR lease_owner = '' OR lease_until <= $3)"
        " RETURNING lease_epoch",
        round_id,
        owner,
        now,
        now + ttl,
    )
    return None if epoch is None else Lease(owner, epoch)


async def renew_leases(
    conn: asyncpg.Connection, owner: str, round_ids: Iterable[int], now: float, ttl: float
) -> set[int]:
    rows = await conn.fetch(
        "UPDATE rounds SET lease_until = $3 WHERE id = ANY($1::bigint[]) AND lease_owner = $2"
        " AND status = 'running' RETURNING id",
        sorted(set(round_ids)),
        owner,
        now + ttl,
    )
    return {row["id"] for row in rows}
