"""The moderators' report listing stays within Discord's embed limits however much is open."""

from __future__ import annotations

from bot.render.reports import reports_embed
from trivia.models import AnswerKind, Question
from trivia.reports import QuestionReport, ReportKind, ReportStatus, by_question


def _report(report_id: int, question_id: str, details: str) -> QuestionReport:
    return QuestionReport(
        report_id, 1, "s", "v", question_id, report_id, ReportKind.OTHER, details,
        ReportStatus.OPEN, "2026-01-01T00:00:00.000+00:00",
    )  # fmt: skip


def _question(set_id: str, question_id: str) -> Question:
    return Question(question_id, "Q" * 1000, ("A",), AnswerKind.THING, "E", (1,))


def test_many_long_reports_fit_one_embed() -> None:
    reports = [_report(i, f"q{i % 40}", "x" * 500) for i in range(400)]
    embed = reports_embed(by_question(reports), _question)
    assert len(embed) <= 6000 and len(embed.fields) <= 25
    assert all(len(f.value or "") <= 1024 for f in embed.fields)
    assert embed.fields[-1].value.startswith("and ") and "more questions" in embed.fields[-1].value
    assert "…and 7 more comments" in (embed.fields[0].value or "")


def test_nothing_open_says_how_reports_arrive() -> None:
    embed = reports_embed([], _question)
    assert embed.description is not None and "from its reveal" in embed.description
