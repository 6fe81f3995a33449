"""Leaderboards, ranks and stats, read from the pre-summed player_stats rows.

Each sort has its own index (migrations 0002 and 0003), so a top-N list walks a few index
entries. A rank on the points, wins and streak boards is 1 + the players at scores strictly
above, summed from score_counts (migration 0008: one row per distinct score, not per player);
on accuracy boards, whose threshold of answers is chosen per query, it is 1 + a COUNT over the
index range of players strictly better.
`leaderboard` and `player_stats` run one statement each, which Store reads without opening
a transaction; `player_rank` runs three and needs one, so they agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from trivia.records import LeaderboardRow, LeaderboardSort, Period, PlayerRank, PlayerStats
from trivia.storage.codec import period_start
from trivia.storage.sqlite.connection import fetch_one, fetch_value
from trivia.storage.stat_rules import stats_scope

ACCURACY_INDEX_MIN_ANSWERS = 10
"""The accuracy index (0003_partial_accuracy_index.sql) holds only rows with at least this
many answers: its key moves with every answer, and rows below the board's threshold need not
pay for that. Boards asking for fewer answers than this cannot use it and scan the scope's
rows instead. Must equal the number in that index's WHERE clause."""

# Identical to the expressions the indexes in 0002 and 0003 are built on.
_SORT_KEYS = {
    LeaderboardSort.POINTS: "points",
    LeaderboardSort.WINS: "wins",
    LeaderboardSort.STREAK: "best_streak",
    LeaderboardSort.ACCURACY: "correct * 1.0 / answered",
}

# Sorts whose players per score are kept in score_counts, by its `sort` column.
_COUNTED_SORTS = {
    LeaderboardSort.POINTS: "points",
    LeaderboardSort.WINS: "wins",
    LeaderboardSort.STREAK: "streak",
}
_COUNTS_SCOPE = "guild_id = ? AND period = ? AND period_start = ? AND sort = ?"
_COUNTS_BETTER = (
    f"SELECT COALESCE(SUM(players), 0) FROM score_counts WHERE {_COUNTS_SCOPE} AND score > ?"  # noqa: S608
)
_COUNTS_TOTAL = f"SELECT COALESCE(SUM(players), 0) FROM score_counts WHERE {_COUNTS_SCOPE}"  # noqa: S608

_STATS_COLUMNS = "user_id, points, correct, answered, rounds_played, wins, streak, best_streak"


@dataclass(frozen=True, slots=True)
class _Queries:
    top: str  # params: scope..., limit
    better: str  # params: scope..., the player's value
    total: str  # params: scope...


def _queries(sort: LeaderboardSort, *, accuracy_index: bool = True) -> _Queries:
    # Only fixed column names and expressions from _SORT_KEYS are spliced in; values are bound.
    key = _SORT_KEYS[sort]
    scope = "guild_id = ? AND period = ? AND period_start = ?"
    if sort is LeaderboardSort.ACCURACY:
        scope += " AND answered >= ?"
        if accuracy_index:
            # SQLite uses a partial index only when the query repeats its WHERE term verbatim.
            scope += f" AND answered >= {ACCURACY_INDEX_MIN_ANSWERS:d}"
    return _Queries(
        top=(
            f"SELECT user_id, points, wins, correct, answered, best_streak, {key}"  # noqa: S608
            f" FROM player_stats WHERE {scope} ORDER BY {key} DESC, user_id LIMIT ?"
        ),
        better=f"SELECT COUNT(*) FROM player_stats WHERE {scope} AND {key} > ?",  # noqa: S608
        total=f"SELECT COUNT(*) FROM player_stats WHERE {scope}",  # noqa: S608
    )


_QUERIES = {sort: _queries(sort) for sort in LeaderboardSort}
_ACCURACY_BELOW_INDEX = _queries(LeaderboardSort.ACCURACY, accuracy_index=False)


def _queries_for(sort: LeaderboardSort, min_answers: int) -> _Queries:
    below_index = _least_answers(min_answers) < ACCURACY_INDEX_MIN_ANSWERS
    if sort is LeaderboardSort.ACCURACY and below_index:
        return _ACCURACY_BELOW_INDEX
    return _QUERIES[sort]


def _scope_params(
    guild_id: int | None, sort: LeaderboardSort, period: Period, now: datetime, min_answers: int
) -> tuple[Any, ...]:
    params: tuple[Any, ...] = (stats_scope(guild_id), period.value, period_start(period, now))
    if sort is LeaderboardSort.ACCURACY:
        params += (_least_answers(min_answers),)
    return params


def _least_answers(min_answers: int) -> int:
    return max(1, min_answers)  # accuracy is undefined without an answer


async def leaderboard(
    db: aiosqlite.Connection,
    guild_id: int | None,
    sort: LeaderboardSort,
    period: Period,
    limit: int,
    min_answers: int,
    now: datetime,
) -> list[LeaderboardRow]:
    params = (*_scope_params(guild_id, sort, period, now, min_answers), limit)
    rows: list[LeaderboardRow] = []
    previous: Any = None
    found = await db.execute_fetchall(_queries_for(sort, min_answers).top, params)
    for user_id, points, wins, correct, answered, best_streak, value in found:
        # Rows arrive best first, so everyone strictly better is already listed.
        rank = rows[-1].rank if rows and value == previous else len(rows) + 1
        previous = value
        accuracy = correct / answered if answered else 0.0
        rows.append(
            LeaderboardRow(rank, user_id, points, wins, correct, answered, accuracy, best_streak)
        )
    return rows


async def _find_stats(
    db: aiosqlite.Connection, guild_id: int | None, user_id: int, period: Period, now: datetime
) -> PlayerStats | None:
    row = await fetch_one(
        db,
        f"SELECT {_STATS_COLUMNS} FROM player_stats"  # noqa: S608
        " WHERE guild_id = ? AND period = ? AND period_start = ? AND user_id = ?",
        (stats_scope(guild_id), period.value, period_start(period, now), user_id),
    )
    return PlayerStats(*row) if row is not None else None


async def player_stats(
    db: aiosqlite.Connection, guild_id: int | None, user_id: int, period: Period, now: datetime
) -> PlayerStats:
    found = await _find_stats(db, guild_id, user_id, period, now)
    return found if found is not None else PlayerStats(user_id)


async def player_rank(
    db: aiosqlite.Connection,
    guild_id: int | None,
    user_id: int,
    sort: LeaderboardSort,
    period: Period,
    min_answers: int,
    now: datetime,
) -> PlayerRank | None:
    """None when the player is not on this board (never played, or too few answers)."""
    stats = await _find_stats(db, guild_id, user_id, period, now)
    if stats is None:
        return None
    if sort is LeaderboardSort.ACCURACY and stats.answered < _least_answers(min_answers):
        return None
    value = {
        LeaderboardSort.POINTS: stats.points,
        LeaderboardSort.WINS: stats.wins,
        LeaderboardSort.STREAK: stats.best_streak,
        # The same double SQLite computes for the index: integer * 1.0 / integer.
        LeaderboardSort.ACCURACY: stats.correct * 1.0 / stats.answered if stats.answered else 0,
    }[sort]
    scope = _scope_params(guild_id, sort, period, now, min_answers)
    counted = _COUNTED_SORTS.get(sort)
    if counted is not None:
        scope = (*scope, counted)
        better = await fetch_value(db, _COUNTS_BETTER, (*scope, value))
        total = await fetch_value(db, _COUNTS_TOTAL, scope)
    else:
        queries = _queries_for(sort, min_answers)
        better = await fetch_value(db, queries.better, (*scope, value))
        total = await fetch_value(db, queries.total, scope)
    return PlayerRank(rank=better + 1, of_total=total, stats=stats)
