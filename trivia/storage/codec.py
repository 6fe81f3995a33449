"""Conversions between model values and what the columns hold: JSON text, UTC timestamps."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode
from trivia.records import Period


class Row(Protocol):
    """A row as either backend returns it, read by column name: aiosqlite.Row (sqlite3.Row)
    and asyncpg.Record both are, though neither is a Mapping."""

    def __getitem__(self, column: str, /) -> Any: ...


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Any:
    return json.loads(text)


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def timestamp(moment: datetime) -> str:
    return utc(moment).isoformat(timespec="milliseconds")


def period_start(period: Period, moment: datetime) -> str:
    """The key of the `period` containing `moment`: '' for all time, else its first day."""
    if period is Period.ALL:
        return ""
    day: date = utc(moment).date()
    if period is Period.WEEK:
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.replace(day=1).isoformat()


def settings_to_json(settings: RoundSettings) -> str:
    return to_json(asdict(settings))


def settings_from_json(text: str) -> RoundSettings:
    """Tolerates keys this release does not know, so older code can read newer rows."""
    known = {f.name for f in fields(RoundSettings)}
    data = {k: v for k, v in from_json(text).items() if k in known}
    if "mode" in data:
        data["mode"] = AnswerMode(data["mode"])
    return RoundSettings(**data)
