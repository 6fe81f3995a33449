"""What a server keeps, as table rows for both backends: its settings, its own question sets
and its players' reports of questions.

Rows to insert are tuples in the column order of the backends' INSERT statements. SQLite
stores booleans as 0 and 1 and PostgreSQL as booleans: a Python bool binds to either, and
bool() reads either back.
"""

from __future__ import annotations

from typing import Any

from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode
from trivia.records import StoredSet
from trivia.reports import NewReport, QuestionReport, ReportKind, ReportStatus
from trivia.storage.codec import Row, from_json, to_json


def guild_settings_row(guild_id: int, settings: GuildSettings) -> tuple[Any, ...]:
    """(guild_id, mode, questions, time_limit, hints, reveal_answers, starter_role_id,
    channel_ids, reveal_pause, spoilers, report_threshold)"""
    return (
        guild_id,
        settings.mode.value,
        settings.questions,
        settings.time_limit,
        bool(settings.hints),
        bool(settings.reveal_answers),
        settings.starter_role_id,
        to_json(list(settings.channel_ids)),
        settings.reveal_pause,
        bool(settings.spoilers),
        settings.report_threshold,
    )


def guild_settings_from_row(row: Row) -> GuildSettings:
    """A row of guild_settings with the columns of `guild_settings_row` but guild_id."""
    return GuildSettings(
        mode=AnswerMode(row["mode"]),
        questions=row["questions"],
        time_limit=row["time_limit"],
        hints=bool(row["hints"]),
        reveal_answers=bool(row["reveal_answers"]),
        starter_role_id=row["starter_role_id"],
        channel_ids=tuple(from_json(row["channel_ids"])),
        reveal_pause=row["reveal_pause"],
        spoilers=bool(row["spoilers"]),
        report_threshold=row["report_threshold"],
    )


def stored_set_from_row(row: Row) -> StoredSet:
    """A row of guild_sets: guild_id, set_id, yaml, content_hash, uploaded_by."""
    return StoredSet(
        row["guild_id"], row["set_id"], row["yaml"], row["content_hash"], row["uploaded_by"]
    )


def new_report_row(report: NewReport, reported_at: str) -> tuple[Any, ...]:
    """(guild_id, set_id, set_version, question_id, user_id, kind, details, reported_at)"""
    return (
        report.guild_id,
        report.set_id,
        report.set_version,
        report.question_id,
        report.user_id,
        report.kind.value,
        report.details,
        reported_at,
    )


def report_from_row(row: Row) -> QuestionReport:
    """A row of question_reports: id, guild_id, set_id, set_version, question_id, user_id,
    kind, details, status, reported_at."""
    return QuestionReport(
        id=row["id"],
        guild_id=row["guild_id"],
        set_id=row["set_id"],
        set_version=row["set_version"],
        question_id=row["question_id"],
        user_id=row["user_id"],
        kind=ReportKind(row["kind"]),
        details=row["details"],
        status=ReportStatus(row["status"]),
        reported_at=row["reported_at"],
    )
