"""Rows of question_reports on PostgreSQL: players' reports of wrong questions, per server.

The same rules as trivia.storage.sqlite.report_rows; each write is a single statement, so
concurrent reports and closes from several processes need no lock of their own.
"""

from __future__ import annotations

import asyncpg

from trivia.reports import NewReport, QuestionReport, ReportStatus
from trivia.storage.guild_shapes import new_report_row, report_from_row

_COLUMNS = (
    "id, guild_id, set_id, set_version, question_id, user_id, kind, details, status, reported_at"
)


async def add_report(conn: asyncpg.Connection, report: NewReport, at: str) -> int | None:
    """The new report's id, or None when this player already reported this question here."""
    report_id: int | None = await conn.fetchval(
        "INSERT INTO question_reports (guild_id, set_id, set_version, question_id, user_id,"
        " kind, details, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (guild_id, set_id, question_id, user_id) DO NOTHING RETURNING id",
        *new_report_row(report, at),
    )
    return report_id


async def open_reports(
    conn: asyncpg.Connection, guild_id: int | None, set_ids: list[str] | None
) -> list[QuestionReport]:
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM question_reports WHERE status = 'open'"  # noqa: S608
        " AND ($1::bigint IS NULL OR guild_id = $1)"
        " AND ($2::text[] IS NULL OR set_id = ANY ($2)) ORDER BY id",
        guild_id,
        set_ids,
    )
    return [report_from_row(row) for row in rows]


async def close_reports(
    conn: asyncpg.Connection, guild_id: int, report_id: int, status: ReportStatus, at: str
) -> list[QuestionReport]:
    """Close report `report_id` of the guild and every other open report of its question.

    One UPDATE: when two closes of the same question race, the second waits for the first,
    finds the rows no longer open and closes (and returns) nothing."""
    rows = await conn.fetch(
        "WITH target AS (SELECT set_id, question_id FROM question_reports"
        " WHERE id = $2 AND guild_id = $1 AND status = 'open')"
        " UPDATE question_reports q SET status = $3, closed_at = $4 FROM target t"
        " WHERE q.guild_id = $1 AND q.set_id = t.set_id AND q.question_id = t.question_id"
        " AND q.status = 'open'"
        " RETURNING q.id, q.guild_id, q.set_id, q.set_version, q.question_id, q.user_id,"
        " q.kind, q.details, 'open' AS status, q.reported_at",
        guild_id,
        report_id,
        status.value,
        at,
    )
    return sorted((report_from_row(row) for row in rows), key=lambda r: r.id)


async def reported_questions(
    conn: asyncpg.Connection, guild_id: int, threshold: int
) -> set[tuple[str, str]]:
    rows = await conn.fetch(
        "SELECT set_id, question_id FROM question_reports"
        " WHERE guild_id = $1 AND status = 'open'"
        " GROUP BY set_id, question_id HAVING COUNT(*) >= $2",
        guild_id,
        threshold,
    )
    return {(r["set_id"], r["question_id"]) for r in rows}
