"""Rounds as table rows, for both backends: the models rebuilt from rows of rounds,
round_picks and round_outbox, and the lease rules both apply to a round's row.

SQLite stores booleans as 0 and 1 and PostgreSQL as booleans; decoding with bool() reads both.
"""

from __future__ import annotations

from trivia.engine.events import EndReason
from trivia.errors import LeaseLost, StorageError
from trivia.models import Award
from trivia.records import RoundStatus
from trivia.storage.codec import Row, from_json, settings_from_json
from trivia.storage.round_steps import (
    Announcement,
    AnnouncementKind,
    Lease,
    OwedAnnouncement,
    Pick,
    RoundRecord,
)

STATUS_FOR = {
    EndReason.FINISHED: RoundStatus.FINISHED,
    EndReason.STOPPED: RoundStatus.STOPPED,
    EndReason.IDLE: RoundStatus.IDLE,
}
"""The status a round ends in, by why it ended."""


def held_by(row: Row, lease: Lease) -> bool:
    """Whether the round of `row` (lease_owner, lease_epoch) is still under `lease`."""
    return (row["lease_owner"], row["lease_epoch"]) == (lease.owner, lease.epoch)


def may_abandon(row: Row | None, round_id: int, lease: Lease | None) -> bool:
    """Whether abandoning round `round_id`, whose row (status, lease_owner, lease_epoch) is
    `row`, has anything left to do: False once the round ended. StorageError when there is no
    such round, LeaseLost when `lease` is given and no longer holds."""
    if row is None:
        raise StorageError(f"there is no round {round_id}")
    if row["status"] != RoundStatus.RUNNING:
        return False
    if lease is not None and not held_by(row, lease):
        raise LeaseLost(round_id)
    return True


def pick_from_row(row: Row) -> Pick:
    """A row of round_picks: number, user_id, question_id, choice, correct, points, answer_ms."""
    award = Award(
        row["user_id"], row["question_id"], bool(row["correct"]), row["points"], row["answer_ms"]
    )
    return Pick(row["number"], award, row["choice"])


def round_record_from_row(row: Row, picks: tuple[Pick, ...]) -> RoundRecord:
    """A row of rounds: id, guild_id, channel_id, set_id, started_by, settings, status, state,
    lease_owner, lease_epoch; a round nobody holds (lease_owner '') has no lease."""
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


def owed_from_row(round_id: int, row: Row) -> OwedAnnouncement:
    """A row of round_outbox: seq, kind, number, payload."""
    announcement = Announcement(
        AnnouncementKind(row["kind"]), row["number"], from_json(row["payload"])
    )
    return OwedAnnouncement(round_id, row["seq"], announcement)
