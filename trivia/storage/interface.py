"""The store: what the game needs from a database, whichever database it is.

Callers depend on this protocol only. `trivia.storage.open_store` picks the implementation
from the database setting: a SQLite file (the embedded default) or a PostgreSQL URL.

Every method is all-or-nothing and a write is committed before the method returns. Errors are
StorageError (the database failed or refused) or a more precise TriviaError named below.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Protocol, Self

from trivia.engine.settings import GuildSettings
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
from trivia.storage.round_steps import Lease, NewRound, RoundOutbox, RoundRecord, RoundStep

DEFAULT_MIN_ANSWERS = 10
"""Answers a player needs before they appear on the accuracy board."""


class Store(Protocol):
    """Content, rounds and their outbox, awards, leaderboards and guild settings."""

    async def close(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    # Content: `content_hash` fingerprints what is imported, so the same content writes nothing.

    async def import_content(
        self, whoswho: WhosWho, sets: Iterable[QuestionSet], hashes: dict[str, str]
    ) -> dict[str, ImportStatus]:
        """A who's-who and its sets in one transaction; `hashes` and the result are keyed by
        content id."""
        ...

    async def import_question_set(self, qs: QuestionSet, content_hash: str) -> ImportStatus: ...

    async def import_whoswho(self, whoswho: WhosWho, content_hash: str) -> ImportStatus: ...

    async def question_sets(self) -> list[SetSummary]: ...

    async def load_question_sets(self) -> dict[str, QuestionSet]: ...

    async def load_whoswho(self, whoswho_id: str | None = None) -> WhosWho | None:
        """The named who's-who, or by default the one imported most recently."""
        ...

    # Rounds: each call is one transaction; see trivia.storage.round_steps.

    async def create_round(self, new: NewRound) -> tuple[int, list[int]]:
        """Save a new running round and its first announcements; returns its id and the
        announcements' seqs. RoundAlreadyRunning when its channel has a running round."""
        ...

    async def apply_step(self, step: RoundStep) -> list[int]:
        """Write the step in one transaction; returns the seqs of its announcements, in order.

        In order: the round must be running (else StorageError) under `step.lease` (same owner
        and epoch, else LeaseLost); its picks are inserted, a repeated (round, number, user)
        being ignored; a closed question's awards are inserted with the round's guild and set,
        the players' stats updated (see the stat rules of the SQLite implementation) and that
        question's picks deleted; the state replaced when given; an end sets the status and
        ended_at, credits a round played to everyone with an award in the round and a win to
        rank 1 when `ended.credited`, and deletes the round's picks; the announcements are
        appended to the round's outbox with the next seqs.
        """
        ...

    async def round_outbox(self, round_id: int) -> RoundOutbox: ...

    async def settle_announcement(self, round_id: int, seq: int, message_id: int | None) -> None:
        """Mark an announcement as shown; an ASK keeps `message_id` for the later edits."""
        ...

    async def load_round(self, round_id: int) -> RoundRecord | None:
        """A round with its state and the picks of its open question."""
        ...

    async def rounds_owing(self) -> list[RoundRecord]:
        """Rounds that have ended while their channel is still owed announcements (a crash
        came between a round's last step and its showing), oldest first."""
        ...

    async def resumable_rounds(self) -> list[RoundRecord]:
        """Rounds still running (the bot stopped mid-round), oldest first."""
        ...

    async def abandon_round(self, round_id: int, lease: Lease | None = None) -> None:
        """End a running round that cannot go on (its channel is gone); it credits nothing
        more and owes nothing. Without `lease`, whoever holds it."""
        ...

    async def claim_round(self, round_id: int, owner: str, ttl: float) -> Lease | None:
        """Take the round's lease if it is free, expired or already `owner`'s; None when
        another owner holds a live lease."""
        ...

    async def renew_leases(self, owner: str, round_ids: Iterable[int], ttl: float) -> set[int]:
        """Extend `owner`'s leases; returns the rounds whose lease `owner` still holds."""
        ...

    # Records

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
        ...

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
        ...

    async def player_stats(
        self, guild_id: int | None, user_id: int, period: Period = Period.ALL
    ) -> PlayerStats:
        """All zeros for someone who never played there."""
        ...

    # Guild settings

    async def guild_settings(self, guild_id: int) -> GuildSettings: ...

    async def save_guild_settings(self, guild_id: int, settings: GuildSettings) -> None: ...

    # Question reports: once per player per question in a guild; see trivia.reports.

    async def add_report(self, report: NewReport) -> int | None:
        """File a report (status open, reported now); returns its id, or None when this user
        has already reported this (guild, set, question), whatever that report's status."""
        ...

    async def open_reports(
        self, guild_id: int | None, set_ids: Iterable[str] | None = None
    ) -> list[QuestionReport]:
        """Open reports of a guild (None: every guild), only of `set_ids` when given, in the
        order they were filed."""
        ...

    async def close_reports(
        self, guild_id: int, report_id: int, status: ReportStatus
    ) -> list[QuestionReport]:
        """Resolve or dismiss an open report of the guild together with every other open
        report of the same question there; returns them as they were (status open), oldest
        first, or [] when the guild has no open report with that id."""
        ...

    async def reported_questions(self, guild_id: int, threshold: int) -> set[tuple[str, str]]:
        """(set id, question id) of the questions with at least `threshold` (>= 1) open
        reports in the guild."""
        ...

    # Players

    async def forget_player(self, user_id: int) -> Forgotten:
        """Delete, in one transaction and in every guild, the player's awards, their stats rows
        (so every leaderboard and rank is computed without them), their picks on open
        questions and their question reports; returns how many rows of each went."""
        ...

    # Servers' own sets, and bundled sets a server switched off

    async def save_guild_set(self, stored: StoredSet) -> bool:
        """Store a server's set (its YAML and content hash), replacing one with the same
        (guild, set id); True when it replaced one. Awards are keyed by set and question id,
        so a replaced set keeps its history."""
        ...

    async def guild_sets(self, guild_id: int) -> list[StoredSet]:
        """The server's own sets, by set id."""
        ...

    async def remove_guild_set(self, guild_id: int, set_id: str) -> bool:
        """Delete a server's set; False when it had none with that id."""
        ...

    async def disabled_sets(self, guild_id: int) -> set[str]:
        """Ids of the bundled sets the server switched off for itself."""
        ...

    async def switch_set(self, guild_id: int, set_id: str, enabled: bool) -> None:
        """Switch a bundled set off (or back on) for one server; idempotent."""
        ...
