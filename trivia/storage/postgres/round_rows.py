"""Rounds on PostgreSQL: creation, the outbox, and loading rounds with their picks.

Steps are written in batches (trivia.storage.postgres.step_batches). The functions here run
inside a transaction the caller opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

from trivia.errors import RoundAlreadyRunning, StorageError
from trivia.storage.codec import settings_to_json, timestamp, to_json
from trivia.storage.round_shapes import (
    owed_from_row,
    pick_from_row,
    round_record_from_row,
)
from trivia.storage.round_steps import (
    Announcement,
    NewRound,
    Pick,
    RoundOutbox,
    RoundRecord,
)

_ROUND_COLUMNS = (
    "id, guild_id, channel_id, set_id, started_by, settings, status, state,"
    " lease_owner, lease_epoch"
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
                1,  # a new round's lease starts at epoch 1, as the protocol says
                lease_until,
            )
    except asyncpg.UniqueViolationError as error:
        raise RoundAlreadyRunning(new.channel_id) from error
    return round_id, await _append_owed(conn, round_id, new.owed, 0)


async def round_outbox(conn: asyncpg.Connection, round_id: int) -> RoundOutbox:
    owed = tuple(
        owed_from_row(round_id, row)
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


_PICKS_OF = (
    "SELECT round_id, number, user_id, question_id, choice, correct, points, answer_ms"
    " FROM round_picks WHERE round_id = ANY($1::bigint[])"
    " ORDER BY round_id, number, answer_ms, user_id"
)


async def _with_picks(conn: asyncpg.Connection, rows: list[asyncpg.Record]) -> list[RoundRecord]:
    picks: dict[int, list[Pick]] = {}
    for pick in await conn.fetch(_PICKS_OF, [row["id"] for row in rows]):
        picks.setdefault(pick["round_id"], []).append(pick_from_row(pick))
    return [round_record_from_row(row, tuple(picks.get(row["id"], ()))) for row in rows]


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


async def rounds_owing(conn: asyncpg.Connection) -> list[RoundRecord]:
    """Ended rounds whose channel is still owed announcements (a crash came in between)."""
    rows = await conn.fetch(
        f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE status != 'running' AND id IN"  # noqa: S608
        " (SELECT round_id FROM round_outbox WHERE NOT settled) ORDER BY id"
    )
    return await _with_picks(conn, list(rows))
