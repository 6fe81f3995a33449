"""Building the values the store protocol takes (new rounds, steps, closed questions), and the
round writes older storage tests make, each as the `RoundStep` the round service would send."""

from __future__ import annotations

from typing import Any

from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerKind, AnswerMode, Award, Question
from trivia.storage import Store
from trivia.storage.round_steps import (
    Announcement,
    AnnouncementKind,
    Lease,
    NewRound,
    Pick,
    RoundStep,
)

GUILD, CHANNEL, HOST = 100, 200, 300
LEASE = Lease("process-a", 1)
SETTINGS = RoundSettings(mode=AnswerMode.TYPED, questions=5, time_limit=12.5, hints=False)
STATE = {"questions": ["q1", "q2", "q3"], "current": 1, "scores": {"42": 10}, "seed": 7}


def ask(number: int) -> Announcement:
    return Announcement(AnnouncementKind.ASK, number, {"number": number})


def reveal(number: int) -> Announcement:
    return Announcement(AnnouncementKind.REVEAL, number, {"number": number})


def new_round(
    channel: int = CHANNEL,
    guild: int = GUILD,
    lease: Lease = LEASE,
    owed: tuple[Announcement, ...] = (),
) -> NewRound:
    return NewRound(guild, channel, "s3", HOST, SETTINGS, STATE, lease, owed)


def closed(number: int, *answers: tuple[int, bool, int]) -> QuestionClosed:
    """Question `number` closed with one award per (user, correct, points)."""
    qid = f"q{number}"
    q = Question(qid, f"{qid}?", ("yes",), AnswerKind.THING, "", (1,))
    awards = tuple(Award(user, qid, ok, points, 1500) for user, ok, points in answers)
    return QuestionClosed(number, q, CloseReason.TIMEOUT, awards, ())


def ended(reason: EndReason, *ranks: tuple[int, int]) -> RoundEnded:
    """Standings of (user, rank); rank 1 scores 10."""
    standings = tuple(Standing(user, 10 // rank, 0, rank) for user, rank in ranks)
    return RoundEnded(reason, standings, 3)


def pick(number: int, user: int, choice: str, correct: bool = True, ms: int = 900) -> Pick:
    return Pick(number, Award(user, f"q{number}", correct, 10 if correct else 0, ms), choice)


def step(round_id: int, lease: Lease = LEASE, **parts: object) -> RoundStep:
    return RoundStep(round_id, lease, **parts)  # type: ignore[arg-type]


async def start_round(
    store: Store,
    guild_id: int,
    channel_id: int,
    set_id: str,
    started_by: int,
    settings: RoundSettings,
    state: dict[str, Any],
) -> int:
    new = NewRound(guild_id, channel_id, set_id, started_by, settings, state, LEASE)
    round_id, _ = await store.create_round(new)
    return round_id


async def close_question(
    store: Store, round_id: int, closed: QuestionClosed, state: dict[str, Any]
) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state, closed=closed))


async def save_state(store: Store, round_id: int, state: dict[str, Any]) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state))


async def end_round(
    store: Store, round_id: int, ended: RoundEnded, state: dict[str, Any] | None = None
) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state, ended=ended))
