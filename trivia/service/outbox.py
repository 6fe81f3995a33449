"""What a step owes its channel, written down so it can be shown now or replayed after a crash.

Each event that must reach the channel becomes an Announcement whose payload is plain JSON:
the event itself (questions by id, awards and standings as lists) and how the round shows it
(mode, whether reveals name the answer, the idle limit). `decode` turns a payload back into
the event, given the round's question set, so the live path and a replay render the same way.
Hints are not owed: a lost hint edit is harmless and the next one supersedes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trivia.engine.events import (
    CloseReason,
    EndReason,
    Event,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode, Award, QuestionSet
from trivia.storage.round_steps import Announcement, AnnouncementKind


@dataclass(frozen=True, slots=True)
class Presentation:
    """How a round shows its announcements, saved with each so a replay shows them alike."""

    set_id: str
    mode: AnswerMode
    reveal_answers: bool
    idle_limit: int
    spoilers: bool = False

    @classmethod
    def of(cls, set_id: str, settings: RoundSettings) -> Presentation:
        return cls(
            set_id, settings.mode, settings.reveal_answers, settings.idle_limit, settings.spoilers
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "set_id": self.set_id,
            "mode": self.mode.value,
            "reveal_answers": self.reveal_answers,
            "idle_limit": self.idle_limit,
            "spoilers": self.spoilers,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Presentation:
        return cls(
            str(data["set_id"]),
            AnswerMode(data["mode"]),
            bool(data["reveal_answers"]),
            int(data["idle_limit"]),
            bool(data.get("spoilers", False)),  # absent from payloads saved before spoilers
        )


def announcements(
    events: Iterable[Event], presentation: Presentation, *, resumed: bool = False
) -> tuple[Announcement, ...]:
    """The announcements `events` owe, in order; `resumed` marks a question asked again."""
    shown = presentation.to_json()
    owed: list[Announcement] = []
    for event in events:
        if isinstance(event, QuestionAsked):
            payload = {**shown, "asked": _asked(event), "resumed": resumed}
            owed.append(Announcement(AnnouncementKind.ASK, event.number, payload))
        elif isinstance(event, QuestionClosed):
            payload = {**shown, "closed": _closed(event)}
            owed.append(Announcement(AnnouncementKind.REVEAL, event.number, payload))
        elif isinstance(event, RoundEnded):
            payload = {**shown, "ended": _ended(event)}
            owed.append(Announcement(AnnouncementKind.PODIUM, 0, payload))
    return tuple(owed)


def retire(number: int, choices: Iterable[str]) -> Announcement:
    """The old message of question `number`, left open by a crash: it is being asked again.
    `choices` are its buttons (choice mode), to show them disabled."""
    return Announcement(AnnouncementKind.RETIRE, number, {"choices": list(choices)})


def notice(text: str) -> Announcement:
    return Announcement(AnnouncementKind.NOTICE, 0, {"text": text})


def decode(announcement: Announcement, question_set: QuestionSet) -> Event:
    """The event an ASK, REVEAL or PODIUM payload holds. KeyError or ValueError when the
    payload is not one, or names a question the set no longer has."""
    data = announcement.payload
    if announcement.kind is AnnouncementKind.ASK:
        a = data["asked"]
        return QuestionAsked(
            number=int(a["number"]),
            total=int(a["total"]),
            question=question_set.question(a["question_id"]),
            choices=tuple(a["choices"]),
            points=int(a["points"]),
            closes_at=float(a["closes_at"]),
        )
    if announcement.kind is AnnouncementKind.REVEAL:
        c = data["closed"]
        return QuestionClosed(
            number=int(c["number"]),
            question=question_set.question(c["question_id"]),
            reason=CloseReason(c["reason"]),
            awards=tuple(Award(u, q, bool(ok), p, ms) for u, q, ok, p, ms in c["awards"]),
            standings=_standings(c["standings"]),
            total=int(c["total"]),
            choices=tuple(c["choices"]),
        )
    if announcement.kind is AnnouncementKind.PODIUM:
        e = data["ended"]
        return RoundEnded(
            EndReason(e["reason"]), _standings(e["standings"]), int(e["questions_asked"])
        )
    raise ValueError(f"a {announcement.kind} announcement holds no event")


def _asked(event: QuestionAsked) -> dict[str, Any]:
    return {
        "number": event.number,
        "total": event.total,
        "question_id": event.question.id,
        "choices": list(event.choices),
        "points": event.points,
        "closes_at": event.closes_at,
    }


def _closed(event: QuestionClosed) -> dict[str, Any]:
    return {
        "number": event.number,
        "total": event.total,
        "question_id": event.question.id,
        "reason": event.reason.value,
        "awards": [
            [a.user_id, a.question_id, int(a.correct), a.points, a.answer_ms] for a in event.awards
        ],
        "standings": _standing_rows(event.standings),
        "choices": list(event.choices),
    }


def _ended(event: RoundEnded) -> dict[str, Any]:
    return {
        "reason": event.reason.value,
        "standings": _standing_rows(event.standings),
        "questions_asked": event.questions_asked,
    }


def _standing_rows(standings: Iterable[Standing]) -> list[list[int]]:
    return [[s.user_id, s.points, s.correct, s.rank] for s in standings]


def _standings(rows: Iterable[Iterable[int]]) -> tuple[Standing, ...]:
    return tuple(Standing(*(int(v) for v in row)) for row in rows)
