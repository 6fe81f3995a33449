"""Players' reports of questions that are wrong: what a report holds, and how open reports are
grouped by question for moderators. Plain values; storage and Discord build and show them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

MAX_DETAILS = 500
"""Characters of free text a report may carry."""


class ReportKind(StrEnum):
    """What the reporter says is wrong."""

    ANSWER = "answer"
    QUESTION = "question"
    TYPO = "typo"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ReportKind.ANSWER: "The answer is wrong",
    ReportKind.QUESTION: "The question is wrong or unclear",
    ReportKind.TYPO: "A typo",
    ReportKind.OTHER: "Something else",
}


class ReportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # the question was fixed (or will be)
    DISMISSED = "dismissed"  # the question was right after all


@dataclass(frozen=True, slots=True)
class NewReport:
    """A report as a player files it. `set_version` is the set's content hash at that time."""

    guild_id: int
    set_id: str
    set_version: str
    question_id: str
    user_id: int
    kind: ReportKind
    details: str


@dataclass(frozen=True, slots=True)
class QuestionReport:
    id: int
    guild_id: int
    set_id: str
    set_version: str
    question_id: str
    user_id: int
    kind: ReportKind
    details: str
    status: ReportStatus
    reported_at: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class ReportedQuestion:
    """The open reports of one question, oldest first, as a moderator reviews them."""

    set_id: str
    question_id: str
    reports: tuple[QuestionReport, ...]

    @property
    def kinds(self) -> dict[ReportKind, int]:
        counts: dict[ReportKind, int] = {}
        for report in self.reports:
            counts[report.kind] = counts.get(report.kind, 0) + 1
        return counts


def by_question(reports: Iterable[QuestionReport]) -> list[ReportedQuestion]:
    """Reports grouped by (set, question), the most reported first, then the oldest."""
    groups: dict[tuple[str, str], list[QuestionReport]] = {}
    for report in sorted(reports, key=lambda r: r.id):
        groups.setdefault((report.set_id, report.question_id), []).append(report)
    grouped = [ReportedQuestion(s, q, tuple(rs)) for (s, q), rs in groups.items()]
    return sorted(grouped, key=lambda g: (-len(g.reports), g.reports[0].id))


def parse_kind(text: str) -> ReportKind:
    """A kind from what a player chose or typed ("Answer", "typo"...); anything else is OTHER."""
    key = text.strip().casefold()
    return next((k for k in ReportKind if key.startswith(k.value)), ReportKind.OTHER)
