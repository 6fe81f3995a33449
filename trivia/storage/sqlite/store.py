"""Store: the game's one door to SQLite, through one aiosqlite connection.

Every public method is all-or-nothing, and a write is committed before the method returns;
see trivia.storage.sqlite.serial_connection for how concurrent callers share the single connection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiosqlite

from trivia.content.library import Library, fingerprint
from trivia.engine.events import QuestionClosed, RoundEnded
from trivia.engine.settings import GuildSettings, RoundSettings
from trivia.models import QuestionSet, WhosWho
from trivia.records import (
    ImportStatus,
    LeaderboardRow,
    LeaderboardSort,
    Period,
    PlayerRank,
    PlayerStats,
    SetSummary,
)
from trivia.storage.codec import timestamp
from trivia.storage.round_steps import RoundRecord
from trivia.storage.sqlite import content_rows, guild_rows, leaderboards, round_rows
from trivia.storage.sqlite.connection import connect
from trivia.storage.sqlite.migrations import apply_migrations, load_migrations
from trivia.storage.sqlite.serial_connection import SerialConnection

DEFAULT_DB_PATH = Path("trivia.db")


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
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
    ) -> Store:
        """Open (creating if needed) and migrate; StorageError if the file is too new."""
        db = await connect(path)
        try:
            await apply_migrations(db, load_migrations(), path=str(path))
        except BaseException:
            await db.close()
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

    async def import_question_set(
        self, qs: QuestionSet, content_hash: str | None = None
    ) -> ImportStatus:
        """Add or update one set. `content_hash` defaults to `fingerprint(qs)`."""
        content_hash, at = content_hash or fingerprint(qs), timestamp(self._now())
        return await self._gate.write(
            lambda db: content_rows.import_question_set(db, qs, content_hash, at)
        )

    async def import_whoswho(
        self, whoswho: WhosWho, content_hash: str | None = None
    ) -> ImportStatus:
        content_hash, at = content_hash or fingerprint(whoswho), timestamp(self._now())
        return await self._gate.write(
            lambda db: content_rows.import_whoswho(db, whoswho, content_hash, at)
        )

    async def import_library(self, library: Library) -> dict[str, ImportStatus]:
        """Import a who's-who and its sets in one transaction: all of it, or on error none.

        Returns statuses keyed by content id. Unchanged content writes nothing, so calling
        this with the bundled content at every start-up is cheap.
        """
        at = timestamp(self._now())
        whoswho = library.whoswho

        async def import_all(db: aiosqlite.Connection) -> dict[str, ImportStatus]:
            statuses = {
                whoswho.id: await content_rows.import_whoswho(db, whoswho, fingerprint(whoswho), at)
            }
            for qs in library.sets.values():
                statuses[qs.id] = await content_rows.import_question_set(
                    db, qs, fingerprint(qs), at
                )
            return statuses

        return await self._gate.write(import_all)

    async def question_sets(self) -> list[SetSummary]:
        return await self._gate.read_single(content_rows.set_summaries)

    async def load_question_sets(self) -> dict[str, QuestionSet]:
        return await self._gate.read(content_rows.load_question_sets)

    async def load_whoswho(self, whoswho_id: str | None = None) -> WhosWho | None:
        """The named who's-who, or by default the one imported most recently."""
        return await self._gate.read(lambda db: content_rows.load_whoswho(db, whoswho_id))

    # Rounds ----------------------------------------------------------------------------

    async def create_round(
        self,
        guild_id: int,
        channel_id: int,
        set_id: str,
        started_by: int,
        settings: RoundSettings,
        state: dict[str, Any],
    ) -> int:
        moment = self._now()
        return await self._gate.write(
            lambda db: round_rows.create_round(
                db,
                guild_id=guild_id,
                channel_id=channel_id,
                set_id=set_id,
                started_by=started_by,
                settings=settings,
                state=state,
                moment=moment,
            )
        )

    async def record_question(
        self, round_id: int, closed: QuestionClosed, state: dict[str, Any]
    ) -> None:
        """Awards, the players' stats and the round's new state, all in one transaction.

        Calls made at the same time share their statements as well as their commit (see
        trivia.storage.sqlite.round_rows.record_questions), which is what lets many rounds close
        questions at once."""
        record = round_rows.ClosedQuestion(round_id, closed, state, self._now())
        await self._gate.write_merged(round_rows.record_questions, record)

    async def save_round_state(self, round_id: int, state: dict[str, Any]) -> None:
        await self._gate.write(lambda db: round_rows.save_round_state(db, round_id, state))

    async def end_round(
        self, round_id: int, ended: RoundEnded, state: dict[str, Any] | None = None
    ) -> None:
        """Status from ended.reason; +1 round for everyone with an award, +1 win for rank 1
        when ended.credited. A round that already ended is left untouched."""
        moment = self._now()
        await self._gate.write(lambda db: round_rows.end_round(db, round_id, ended, state, moment))

    async def mark_interrupted(self, round_id: int) -> None:
        """Abandon a running round that cannot be resumed; it credits nothing more."""
        moment = self._now()
        await self._gate.write(lambda db: round_rows.mark_interrupted(db, round_id, moment))

    async def resumable_rounds(self) -> list[RoundRecord]:
        """Rounds still marked running (e.g. the bot stopped mid-round), oldest first."""
        return await self._gate.read_single(round_rows.running_rounds)

    # Leaderboards ----------------------------------------------------------------------

    async def leaderboard(
        self,
        guild_id: int | None,
        sort: LeaderboardSort = LeaderboardSort.POINTS,
        period: Period = Period.ALL,
        limit: int = 10,
        *,
        min_answers: int = leaderboards.DEFAULT_MIN_ANSWERS,
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
        min_answers: int = leaderboards.DEFAULT_MIN_ANSWERS,
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
