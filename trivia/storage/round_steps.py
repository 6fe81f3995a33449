"""What the round service hands the store: one step of a round, written in one transaction.

A step is everything a player action or a timer tick changed: the round's new state, the picks
locked in, a closed question's awards and stats, the round's end and win, and the
announcements the channel is now owed (the outbox). The store writes all of it or none of it,
and only for the process that holds the round's lease.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from trivia.engine.events import QuestionClosed, RoundEnded
from trivia.engine.settings import RoundSettings
from trivia.models import Award
from trivia.records import RoundStatus

LEASE_TTL = 60.0
"""Seconds a round's lease holds without renewal (renew well within it)."""


@dataclass(frozen=True, slots=True)
class Lease:
    """Who drives a round: `owner` names a process, `epoch` grows with every new claim, so a
    process whose lease was taken over can never write for the round again."""

    owner: str
    epoch: int


class AnnouncementKind(StrEnum):
    ASK = "ask"  # post question `number`; its message id is kept for the later edits
    REVEAL = "reveal"  # edit question `number`'s message with the reveal
    RETIRE = "retire"  # edit an old message of question `number`: it was asked again
    PODIUM = "podium"  # post the podium as a message of its own
    NOTICE = "notice"  # post a short plain-text notice (payload: {"text": ...})


@dataclass(frozen=True, slots=True)
class Announcement:
    """A message the channel is owed; `payload` is JSON-able (see trivia.service.outbox)."""

    kind: AnnouncementKind
    number: int  # the question it is about; 0 for the podium and notices
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwedAnnouncement:
    """An announcement as stored: `seq` orders a round's announcements and names one."""

    round_id: int
    seq: int
    announcement: Announcement


@dataclass(frozen=True, slots=True)
class RoundOutbox:
    """What a round still owes its channel, oldest first, and the messages it has posted:
    question number -> message id of its latest ASK."""

    owed: tuple[OwedAnnouncement, ...]
    messages: dict[int, int]


@dataclass(frozen=True, slots=True)
class Pick:
    """An answer stored before the question closes: a choice locked in, or a typed miss (which
    counts towards accuracy once per player per question). Unique per (round, number, user)."""

    number: int
    award: Award
    choice: str = ""


@dataclass(frozen=True, slots=True)
class NewRound:
    guild_id: int
    channel_id: int
    set_id: str
    started_by: int
    settings: RoundSettings
    state: dict[str, Any]
    lease: Lease  # its epoch is ignored: a new round's lease starts at epoch 1
    owed: tuple[Announcement, ...] = ()
    lease_ttl: float = LEASE_TTL


@dataclass(frozen=True, slots=True)
class RoundStep:
    """One step of a running round; `state` None leaves the saved state as it is."""

    round_id: int
    lease: Lease
    state: dict[str, Any] | None = None
    picks: tuple[Pick, ...] = ()
    closed: QuestionClosed | None = None
    ended: RoundEnded | None = None
    owed: tuple[Announcement, ...] = ()

    @property
    def writes_anything(self) -> bool:
        return bool(self.state is not None or self.picks or self.closed or self.ended or self.owed)


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """A saved round: with its question set, enough to resume it after a restart."""

    round_id: int
    guild_id: int
    channel_id: int  # a channel or a thread
    set_id: str
    started_by: int
    settings: RoundSettings
    status: RoundStatus
    state: dict[str, Any]  # from Round.to_state()
    picks: tuple[Pick, ...] = ()  # answers to the open question, stored as they came
    lease: Lease | None = None
