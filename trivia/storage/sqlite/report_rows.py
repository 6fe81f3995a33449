"""Rows of question_reports: players' reports of wrong questions, per server."""

from __future__ import annotations

import aiosqlite

from trivia.reports import NewReport, QuestionReport, ReportStatus
from trivia.storage.guild_shapes import new_report_row, report_from_row
from trivia.storage.sqlite.connection import fetch_one

_COLUMNS = (
    "id, guild_id, set_id, set_version, question_id, user_id, kind, details, status, reported_at"
)


async def add_report(db: aiosqlite.Connection, report: NewReport, at: str) -> int | None:
    """The new report's id, or None when this player already reported this question here."""
    cursor = await db.execute(
        "INSERT INTO question_reports (guild_id, set_id, set_version, question_id, user_id,"
        " kind, details, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (guild_id, set_id, question_id, user_id) DO NOTHING",
        new_report_row(report, at),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


async def open_reports(
    db: aiosqlite.Connection, guild_id: int | None, set_ids: list[str] | None
) -> list[QuestionReport]:
    if set_ids == []:
        return []
    where, params = ["status = 'open'"], list[int | str]()
    if guild_id is not None:
        where.append("guild_id = ?")
        params.append(guild_id)
    if set_ids is not None:
        where.append(f"set_id IN ({', '.join('?' * len(set_ids))})")
        params.extend(set_ids)
    rows = await db.execute_fetchall(
        f"SELECT {_COLUMNS} FROM question_reports WHERE {' AND '.join(where)} ORDER BY id",  # noqa: S608
        params,
    )
    return [report_from_row(row) for row in rows]


async def close_reports(
    db: aiosqlite.Connection, guild_id: int, report_id: int, status: ReportStatus, at: str
) -> list[QuestionReport]:
    """Close report `report_id` of the guild and every other open report of its question."""
    row = await fetch_one(
        db,
        "SELECT set_id, question_id FROM question_reports"
        " WHERE id = ? AND guild_id = ? AND status = 'open'",
        (report_id, guild_id),
    )
    if row is None:
        return []
    key = (guild_id, row["set_id"], row["question_id"])
    rows = await db.execute_fetchall(
        f"SELECT {_COLUMNS} FROM question_reports WHERE guild_id = ? AND set_id = ?"  # noqa: S608
        " AND question_id = ? AND status = 'open' ORDER BY id",
        key,
    )
    await db.execute(
        "UPDATE question_reports SET status = ?, closed_at = ?"
        " WHERE guild_id = ? AND set_id = ? AND question_id = ? AND status = 'open'",
        (status.value, at, *key),
    )
    return [report_from_row(r) for r in rows]


async def reported_questions(
    db: aiosqlite.Connection, guild_id: int, threshold: int
) -> set[tuple[str, str]]:
    rows = await db.execute_fetchall(
        "SELECT set_id, question_id FROM question_reports"
        " WHERE guild_id = ? AND status = 'open'"
        " GROUP BY set_id, question_id HAVING COUNT(*) >= ?",
        (guild_id, threshold),
    )
    return {(r["set_id"], r["question_id"]) for r in rows}
