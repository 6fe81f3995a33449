"""PostgresStore: the Store protocol on PostgreSQL, through an asyncpg connection pool.

Every write is one database transaction, retried when PostgreSQL picks it as a deadlock victim
or a serialisation failure (it then did nothing); concurrency between processes is the
database's business (row locks, ON CONFLICT, unique indexes), never a lock in this process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Self, TypeVar

import asyncpg

from trivia.engine.settings import GuildSettings
from trivia.errors import StorageError
from trivia.models import QuestionSet, WhosWho
from trivia.records import (
    Forgotten,
    ImportStatus,
    LeaderboardRow,
    LeaderboardSort,
    Period,
    PlayerRank,
    PlayerStats,
    SetSummary,
    StoredSet,
)
from trivia.reports import NewReport, QuestionReport, ReportStatus
from trivia.storage.codec import timestamp
from trivia.storage.interface import DEFAULT_MIN_ANSWERS
from trivia.storage.postgres import (
    content_rows,
    forget_rows,
    guild_rows,
    guild_set_rows,
    leaderboards,
    report_rows,
    round_leases,
    round_rows,
)
from trivia.storage.postgres.migrations import apply_migrations, postgres_migrations
from trivia.storage.postgres.score_counts import FOLD_INTERVAL, Folder, fold_score_counts
from trivia.storage.postgres.step_batches import StepBatches
from trivia.storage.round_steps import (
    Lease,
    NewRound,
    RoundOutbox,
    RoundRecord,
    RoundStep,
)

T = TypeVar("T")
Op = Callable[[asyncpg.Connection], Awaitable[T]]

RETRIES = 5
"""Attempts at a transaction PostgreSQL aborted as a deadlock victim or serialisation failure."""

_RETRYABLE = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _translated(error: Exception) -> StorageError:
    wrapped = StorageError(f"database error: {error}")
    wrapped.__cause__ = error
    return wrapped


class PostgresStore:
    """Content, rounds and their outbox, awards, leaderboards and guild settings on PostgreSQL.

    `now` is the wall clock for timestamps, periods and lease expiry (UTC). Several processes,
    on several machines, may open the same database at once. While open, the store folds the
    pending score count changes every `fold_interval` seconds (trivia.storage.postgres.
    score_counts).
    """

    def __init__(
        self, pool: asyncpg.Pool, now: Callable[[], datetime], fold_interval: float
    ) -> None:
        self._pool = pool
        self._now = now
        self._steps = StepBatches(lambda call: self._write(call, one_statement=True), now)
        self._folder = Folder(self._fold_score_counts, fold_interval)

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        now: Callable[[], datetime] | None = None,
        pool_size: int = 10,
        fold_interval: float = FOLD_INTERVAL,
    ) -> PostgresStore:
        """Connect, migrate (under the migration lock) and fold the pending score count
        changes; StorageError if the server cannot be reached or its schema is newer than
        this code."""
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=pool_size)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            raise StorageError(f"cannot connect to PostgreSQL: {error}") from error
        try:
            async with pool.acquire() as conn:
                await apply_migrations(conn, postgres_migrations(), where="the PostgreSQL database")
                await fold_score_counts(conn)
        except BaseException:
            await pool.close()
            raise
        store = cls(pool, now or _utcnow, fold_interval)
        store._folder.start()
        return store

    async def close(self) -> None:
        await self._steps.close()
        await self._folder.stop()
        await self._pool.close()

    async def _fold_score_counts(self) -> int:
        async with self._pool.acquire() as conn:
            return await fold_score_counts(conn)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _write(self, op: Op[T], *, one_statement: bool = False) -> T:
        """`op` in one transaction, committed before this returns. An `op` that runs
        `one_statement` needs no BEGIN and COMMIT: the statement is a transaction of its own,
        which saves two round trips to the server."""
        for attempt in range(1, RETRIES + 1):
            try:
                async with self._pool.acquire() as conn:
                    if one_statement:
                        return await op(conn)
                    async with conn.transaction():
                        return await op(conn)
            except _RETRYABLE as error:
                if attempt == RETRIES:
                    raise _translated(error) from error
                await asyncio.sleep(0.001 * attempt)
            except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
                raise _translated(error) from error
        raise AssertionError("unreachable")

    async def _read(self, op: Op[T], *, snapshot: bool = False) -> T:
        """`op` on one connection; `snapshot` runs it in one read-only repeatable-read
        transaction, for reads of several statements that must agree."""
        try:
            async with self._pool.acquire() as conn:
                if not snapshot:
                    return await op(conn)
                async with conn.transaction(isolation="repeatable_read", readonly=True):
                    return await op(conn)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise _translated(error) from error

    def _epoch_seconds(self) -> float:
        return self._now().timestamp()

    # Content ---------------------------------------------------------------------------

    async def import_question_set(self, qs: QuestionSet, content_hash: str) -> ImportStatus:
        at = timestamp(self._now())

        async def import_one(conn: asyncpg.Connection) -> ImportStatus:
            await content_rows.lock_imports(conn)
            return await content_rows.import_question_set(conn, qs, content_hash, at)

        return await self._write(import_one)

    async def import_whoswho(self, whoswho: WhosWho, content_hash: str) -> ImportStatus:
        at = timestamp(self._now())

        async def import_one(conn: asyncpg.Connection) -> ImportStatus:
            await content_rows.lock_imports(conn)
            return await content_rows.import_whoswho(conn, whoswho, content_hash, at)

        return await self._write(import_one)

    async def import_content(
        self, whoswho: WhosWho, sets: Iterable[QuestionSet], hashes: dict[str, str]
    ) -> dict[str, ImportStatus]:
        at, sets = timestamp(self._now()), list(sets)

        async def import_all(conn: asyncpg.Connection) -> dict[str, ImportStatus]:
            await content_rows.lock_imports(conn)
            statuses = {
                whoswho.id: await content_rows.import_whoswho(conn, whoswho, hashes[whoswho.id], at)
            }
            for qs in sets:
                statuses[qs.id] = await content_rows.import_question_set(
                    conn, qs, hashes[qs.id], at
                )
            return statuses

        return await self._write(import_all)

    async def question_sets(self) -> list[SetSummary]:
        return await self._read(content_rows.set_summaries)

    async def load_question_sets(self) -> dict[str, QuestionSet]:
        return await self._read(content_rows.load_question_sets, snapshot=True)

    async def load_whoswho(self, whoswho_id: str | None = None) -> WhosWho | None:
        return await self._read(
            lambda conn: content_rows.load_whoswho(conn, whoswho_id), snapshot=True
        )

    # Rounds ----------------------------------------------------------------------------

    async def create_round(self, new: NewRound) -> tuple[int, list[int]]:
        moment = self._now()
        lease_until = moment.timestamp() + new.lease_ttl
        return await self._write(
            lambda conn: round_rows.create_round(conn, new, moment, lease_until)
        )

    async def apply_step(self, step: RoundStep) -> list[int]:
        return await self._steps.apply(step)

    async def round_outbox(self, round_id: int) -> RoundOutbox:
        return await self._read(lambda conn: round_rows.round_outbox(conn, round_id), snapshot=True)

    async def settle_announcement(self, round_id: int, seq: int, message_id: int | None) -> None:
        await self._write(
            lambda conn: round_rows.settle_announcement(conn, round_id, seq, message_id)
        )

    async def load_round(self, round_id: int) -> RoundRecord | None:
        return await self._read(lambda conn: round_rows.load_round(conn, round_id), snapshot=True)

    async def rounds_owing(self) -> list[RoundRecord]:
        return await self._read(round_rows.rounds_owing, snapshot=True)

    async def resumable_rounds(self) -> list[RoundRecord]:
        return await self._read(round_rows.running_rounds, snapshot=True)

    async def abandon_round(self, round_id: int, lease: Lease | None = None) -> None:
        moment = self._now()
        await self._write(lambda conn: round_leases.abandon_round(conn, round_id, lease, moment))

    async def claim_round(self, round_id: int, owner: str, ttl: float) -> Lease | None:
        now = self._epoch_seconds()
        return await self._write(
            lambda conn: round_leases.claim_round(conn, round_id, owner, now, ttl)
        )

    async def renew_leases(self, owner: str, round_ids: Iterable[int], ttl: float) -> set[int]:
        now, ids = self._epoch_seconds(), list(round_ids)
        return await self._write(lambda conn: round_leases.renew_leases(conn, owner, ids, now, ttl))

    # Records ---------------------------------------------------------------------------

    async def leaderboard(
        self,
        guild_id: int | None,
        sort: LeaderboardSort = LeaderboardSort.POINTS,
        period: Period = Period.ALL,
        limit: int = 10,
        *,
        min_answers: int = DEFAULT_MIN_ANSWERS,
    ) -> list[LeaderboardRow]:
        now = self._now()
        return await self._read(
            lambda conn: leaderboards.leaderboard(
                conn, guild_id, sort, period, limit, min_answers, now
            )
        )

    async def player_rank(
        self,
        guild_id: int | None,
        user_id: int,
        sort: LeaderboardSort = LeaderboardSort.POINTS,
        period: Period = Period.ALL,
        *,
        min_answers: int = DEFAULT_MIN_ANSWERS,
    ) -> PlayerRank | None:
        now = self._now()
        return await self._read(
            lambda conn: leaderboards.player_rank(
                conn, guild_id, user_id, sort, period, min_answers, now
            )
        )

    async def player_stats(
        self, guild_id: int | None, user_id: int, period: Period = Period.ALL
    ) -> PlayerStats:
        now = self._now()
        return await self._read(
            lambda conn: leaderboards.player_stats(conn, guild_id, user_id, period, now)
        )

    # Guild settings --------------------------------------------------------------------

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        return await self._read(lambda conn: guild_rows.guild_settings(conn, guild_id))

    async def save_guild_settings(self, guild_id: int, settings: GuildSettings) -> None:
        await self._write(lambda conn: guild_rows.save_guild_settings(conn, guild_id, settings))

    # Question reports --------------------------------------------------------------------

    async def add_report(self, report: NewReport) -> int | None:
        at = timestamp(self._now())
        return await self._write(
            lambda conn: report_rows.add_report(conn, report, at), one_statement=True
        )

    async def open_reports(
        self, guild_id: int | None, set_ids: Iterable[str] | None = None
    ) -> list[QuestionReport]:
        ids = None if set_ids is None else list(set_ids)
        return await self._read(lambda conn: report_rows.open_reports(conn, guild_id, ids))

    async def close_reports(
        self, guild_id: int, report_id: int, status: ReportStatus
    ) -> list[QuestionReport]:
        at = timestamp(self._now())
        return await self._write(
            lambda conn: report_rows.close_reports(conn, guild_id, report_id, status, at),
            one_statement=True,
        )

    async def reported_questions(self, guild_id: int, threshold: int) -> set[tuple[str, str]]:
        return await self._read(
            lambda conn: report_rows.reported_questions(conn, guild_id, threshold)
        )

    # Players ---------------------------------------------------------------------------

    async def forget_player(self, user_id: int) -> Forgotten:
        return await self._write(lambda conn: forget_rows.forget_player(conn, user_id))

    # Servers' own sets -------------------------------------------------------------------

    async def save_guild_set(self, stored: StoredSet) -> bool:
        at = timestamp(self._now())
        return await self._write(
            lambda conn: guild_set_rows.save_guild_set(conn, stored, at), one_statement=True
        )

    async def guild_sets(self, guild_id: int) -> list[StoredSet]:
        return await self._read(lambda conn: guild_set_rows.guild_sets(conn, guild_id))

    async def remove_guild_set(self, guild_id: int, set_id: str) -> bool:
        return await self._write(
            lambda conn: guild_set_rows.remove_guild_set(conn, guild_id, set_id),
            one_statement=True,
        )

    async def disabled_sets(self, guild_id: int) -> set[str]:
        return await self._read(lambda conn: guild_set_rows.disabled_sets(conn, guild_id))

    async def switch_set(self, guild_id: int, set_id: str, enabled: bool) -> None:
        await self._write(
            lambda conn: guild_set_rows.switch_set(conn, guild_id, set_id, enabled),
            one_statement=True,
        )
