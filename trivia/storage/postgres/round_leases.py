"""Who drives a round on PostgreSQL: claiming and renewing leases, and abandoning a round.

A lease is (owner, epoch, expiry) on the round's row; every claim raises the epoch, and a
claim or renewal is one conditional UPDATE, so two processes never both get a round.
Functions here run inside a transaction the caller opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import asyncpg

from trivia.storage.codec import timestamp
from trivia.storage.round_shapes import may_abandon
from trivia.storage.round_steps import Lease


async def abandon_round(
    conn: asyncpg.Connection, round_id: int, lease: Lease | None, moment: datetime
) -> None:
    row = await conn.fetchrow(
        "SELECT status, lease_owner, lease_epoch FROM rounds WHERE id = $1 FOR UPDATE", round_id
    )
    if not may_abandon(row, round_id, lease):
        return
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
