"""SqliteStore: the `Store` protocol on one SQLite file, through one aiosqlite connection.

Every public method is all-or-nothing, and a write is committed before the method returns;
see trivia.storage.sqlite.serial_connection for how concurrent callers share the connection.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import aiosqlite

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
from trivia.storage.round_steps import Lease, NewRound, RoundOutbox, RoundRecord, RoundStep
from trivia.storage.sqlite import (
    content_rows,
    forget_rows,
    guild_rows,
    guild_set_rows,
    leaderboards,
    report_rows,
    round_rows,
)
from trivia.storage.sqlite.connection import connect
from trivia.storage.sqlite.migrations import apply_migrations, load_migrations
from trivia.storage.sqlite.preflight import check_database_path
from trivia.storage.sqlite.serial_connection import SerialConnection

DEFAULT_DB_PATH = Path("trivia.db")


def _utcnow() -> datetime:
    return datetime.now(UTC)


async def _apply_steps(
    db: aiosqlite.Connection, items: Sequence[tuple[RoundStep, datetime]]
) -> list[list[int]]:
    """The merge function of steps: one moment serves the group, the first step's."""
    return await round_rows.apply_steps(db, [step for step, _ in items], items[0][1])


class SqliteStore:
    """Content, rounds, awards, leaderboards and guild settings in one SQLite file.

    `now` is the wall clock used for timestamps and for deciding which week or month an
    award counts towards (UTC; naive datetimes are taken as UTC). Inject it in tests.
    """

    def __init__(self, db: aiosqlite.Connection, now: Callable[[], datetime]) -> None:
        self._gate = SerialConnection(db)
        self._now = now

    @classmethod
    async def open(
        cls, path: str | Path = DEFAULT_DB_PATH, *, now: Callable[[], datetime] | None = None
    ) -> SqliteStore:
        """Open (creating if needed) and migrate.

        StorageError, in one sentence, when the file is too new, is not a sound SQLite
        database, or cannot be written (see trivia.storage.sqlite.preflight); a refused
        file is left exactly as it was.
        """
        await asyncio.to_thread(check_database_path, path)
        try:
            db = await connect(path)
        except sqlite3.Error as error:
            raise StorageError(f"cannot open the database {path}: {error}.") from error
        try:
            await apply_migrations(db, load_migrations(), path=str(path))
        except BaseException as error:
            await db.close()
            if isinstance(error, sqlite3.Error):
                raise StorageError(f"cannot open the database {path}: {error}.") from error
            raise
        return cls(db, now or _utcnow)

    async def close(self) -> None:
        await self._gate.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # Content ---------------------------------------------------------------------------

    async def import_question_set(self, qs: QuestionSet, content_hash: str) -> ImportStatus:
        at = timestamp(self._now())
        return await self._gate.write(
            lambda db: content_rows.import_question_set(db, qs, content_hash, at)
        )

    async def import_whoswho(self, whoswho: WhosWho, content_hash: str) -> ImportStatus:
        at = timestamp(self._now())
        return await self._gate.write(
            lambda db: content_rows.import_whoswho(db, whoswho, content_hash, at)
        )

    async def import_content(
        self, whoswho: WhosWho, sets: Iterable[QuestionSet], hashes: dict[str, str]
    ) -> dict[str, ImportStatus]:
        """Unchanged content writes nothing, so importing the bundled content at every
        start-up is cheap."""
        at = timestamp(self._now())
        sets = list(sets)

        async def import_all(db: aiosqlite.Connection) -> dict[str, ImportStatus]:
            statuses = {
                whoswho.id: await content_rows.import_whoswho(db, whoswho, hashes[whoswho.id], at)
            }
            for qs in sets:
                statuses[qs.id] = await content_rows.import_question_set(db, qs, hashes[qs.id], at)
            return statuses

        return await self._gate.write(import_all)

    async def question_sets(self) -> list[SetSummary]:
        return await self._gate.read_single(content_rows.set_summaries)

    async def load_question_sets(self) -> dict[str, QuestionSet]:
        return await self._gate.read(content_rows.load_question_sets)

    async def load_whoswho(self, whoswho_id: str | None = None) -> WhosWho | None:
        return await self._gate.read(lambda db: content_rows.load_whoswho(db, whoswho_id))

    # Rounds ----------------------------------------------------------------------------

    async def create_round(self, new: NewRound) -> tuple[int, list[int]]:
        moment = self._now()
        round_id, *seqs = await self._gate.write(
            lambda db: round_rows.create_round(db, new, moment)
        )
        return round_id, seqs

    async def apply_step(self, step: RoundStep) -> list[int]:
        """Steps made at the same time share their statements as well as their commit (see
        round_rows.apply_steps), which is what lets many rounds close questions at once."""
        seqs: list[int] = await self._gate.write_merged(_apply_steps, (step, self._now()))
        return seqs

    async def round_outbox(self, round_id: int) -> RoundOutbox:
        return await self._gate.read_single(lambda db: round_rows.round_outbox(db, round_id))

    async def settle_announcement(self, round_id: int, seq: int, message_id: int | None) -> None:
        await self._gate.write(
            lambda db: round_rows.settle_announcement(db, round_id, seq, message_id)
        )

    async def load_round(self, round_id: int) -> RoundRecord | None:
        return await self._gate.read(lambda db: round_rows.load_round(db, round_id))

    async def rounds_owing(self) -> list[RoundRecord]:
        return await self._gate.read_single(round_rows.rounds_owing)

    async def resumable_rounds(self) -> list[RoundRecord]:
        return await self._gate.read(round_rows.running_rounds)

    async def abandon_round(self, round_id: int, lease: Lease | None = None) -> None:
        moment = self._now()
        await self._gate.write(lambda db: round_rows.abandon_round(db, round_id, lease, moment))

    async def claim_round(self, round_id: int, owner: str, ttl: float) -> Lease | None:
        now = self._now().timestamp()
        return await self._gate.write(
            lambda db: round_rows.claim_round(db, round_id, owner, now + ttl, now)
        )

    async def renew_leases(self, owner: str, round_ids: Iterable[int], ttl: float) -> set[int]:
        ids, until = list(round_ids), self._now().timestamp() + ttl
        if not ids:
            return set()
        (held,) = await self._gate.write(lambda db: round_rows.renew_leases(db, owner, ids, until))
        return held

    # Leaderboards ----------------------------------------------------------------------

    async def leaderboard(
        self,
        guild_id: int | None,
        sort: LeaderboardSort = LeaderboardSort.POINTS,
        period: Period = Period.ALL,
        limit: int = 10,
        *,
        min_answers: int = DEFAULT_MIN_ANSWERS,
    ) -> list[LeaderboardRow]:
        """Top `limit` of a guild, or of everyone (guild_id None); ties share a rank."""
        now = self._now()
        return await self._gate.read_single(
            lambda db: leaderboards.leaderboard(db, guild_id, sort, period, limit, min_answers, now)
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
        """E.g. rank 17 of 230; None when the player is not on that board."""
        now = self._now()
        return await self._gate.read(
            lambda db: leaderboards.player_rank(
                db, guild_id, user_id, sort, period, min_answers, now
            )
        )

    async def player_stats(
        self, guild_id: int | None, user_id: int, period: Period = Period.ALL
    ) -> PlayerStats:
        """All zeros for someone who never played there."""
        now = self._now()
        return await self._gate.read_single(
            lambda db: leaderboards.player_stats(db, guild_id, user_id, period, now)
        )

    # Guild settings --------------------------------------------------------------------

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        return await self._gate.read_single(lambda db: guild_rows.guild_settings(db, guild_id))

    async def save_guild_settings(self, guild_id: int, settings: GuildSettings) -> None:
        await self._gate.write(lambda db: guild_rows.save_guild_settings(db, guild_id, settings))

    # Question reports --------------------------------------------------------------------

    async def add_report(self, report: NewReport) -> int | None:
        at = timestamp(self._now())
        return await self._gate.write(lambda db: report_rows.add_report(db, report, at))

    async def open_reports(
        self, guild_id: int | None, set_ids: Iterable[str] | None = None
    ) -> list[QuestionReport]:
        ids = None if set_ids is None else list(set_ids)
        return await self._gate.read_single(lambda db: report_rows.open_reports(db, guild_id, ids))

    async def close_reports(
        self, guild_id: int, report_id: int, status: ReportStatus
    ) -> list[QuestionReport]:
        at = timestamp(self._now())
        return await self._gate.write(
            lambda db: report_rows.close_reports(db, guild_id, report_id, status, at)
        )

    async def reported_questions(self, guild_id: int, threshold: int) -> set[tuple[str, str]]:
        return await self._gate.read_single(
            lambda db: report_rows.reported_questions(db, guild_id, threshold)
        )

    # Players ---------------------------------------------------------------------------

    async def forget_player(self, user_id: int) -> Forgotten:
        return await self._gate.write(lambda db: forget_rows.forget_player(db, user_id))

    # Servers' own sets -------------------------------------------------------------------

    async def save_guild_set(self, stored: StoredSet) -> bool:
        at = timestamp(self._now())
        return await self._gate.write(lambda db: guild_set_rows.save_guild_set(db, stored, at))

    async def guild_sets(self, guild_id: int) -> list[StoredSet]:
        return await self._gate.read_single(lambda db: guild_set_rows.guild_sets(db, guild_id))

    async def remove_guild_set(self, guild_id: int, set_id: str) -> bool:
        return await self._gate.write(
            lambda db: guild_set_rows.remove_guild_set(db, guild_id, set_id)
        )

    async def disabled_sets(self, guild_id: int) -> set[str]:
        return await self._gate.read_single(lambda db: guild_set_rows.disabled_sets(db, guild_id))

    async def switch_set(self, guild_id: int, set_id: str, enabled: bool) -> None:
        await self._gate.write(lambda db: guild_set_rows.switch_set(db, guild_id, set_id, enabled))
