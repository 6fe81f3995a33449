"""Leaderboards, ranks and stats on PostgreSQL, read from the pre-summed player_stats rows.

The same rules as the SQLite board: ties share a rank, a rank is 1 + the number of players
strictly better, the accuracy board needs a minimum of answers. Each sort has its own index
(migration 0001), which a top-N list walks; the points, wins and best-streak indexes hold
only the players above 0 (0005), who are listed before the players at 0. On the points,
wins and streak boards a rank sums players per score (migration 0003): score_counts plus the
changes not yet folded into it, in one statement, so one snapshot sees every change once
whether or not a fold has run. On accuracy boards, whose threshold of answers is chosen per
query, it is a COUNT over the index range of players strictly better; that index holds only
rows with ACCURACY_INDEX_MIN_ANSWERS answers or more, and the planner uses it only when the
query repeats that bound as a literal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from trivia.records import LeaderboardRow, LeaderboardSort, Period, PlayerRank, PlayerStats
from trivia.storage.codec import period_start
from trivia.storage.stat_rules import stats_scope

ACCURACY_INDEX_MIN_ANSWERS = 10
"""Must equal the number in the WHERE clause of the player_stats_accuracy index."""

# Identical to the expressions the indexes are built on.
_SORT_KEYS = {
    LeaderboardSort.POINTS: "points",
    LeaderboardSort.WINS: "wins",
    LeaderboardSort.STREAK: "best_streak",
    LeaderboardSort.ACCURACY: "(correct::float8 / answered)",
}

# Sorts whose index holds only players above 0 (migration 0005): the players at 0 follow
# them in user order.
_ABOVE_ZERO_INDEXED = frozenset(
    {LeaderboardSort.POINTS, LeaderboardSort.WINS, LeaderboardSort.STREAK}
)

# Sorts whose players per score are kept in score_counts, by its `sort` column.
_COUNTED_SORTS = {
    LeaderboardSort.POINTS: "points",
    LeaderboardSort.WINS: "wins",
    LeaderboardSort.STREAK: "streak",
}

_STATS_COLUMNS = "user_id, points, correct, answered, rounds_played, wins, streak, best_streak"


@dataclass(frozen=True, slots=True)
class _Queries:
    top: str  # params: scope..., limit
    rank: str  # params: scope..., user id; no row when the player is not on the board


def _queries(sort: LeaderboardSort, *, accuracy_index: bool = True) -> _Queries:
    # Only fixed column names and expressions from _SORT_KEYS are spliced in; values are bound.
    key = _SORT_KEYS[sort]
    scope = "guild_id = $1 AND period = $2 AND period_start = $3"
    value = "$4"
    if sort is LeaderboardSort.ACCURACY:
        scope += " AND answered >= $4"
        value = "$5"
        if accuracy_index:
            scope += f" AND answered >= {ACCURACY_INDEX_MIN_ANSWERS:d}"
    counted = _COUNTED_SORTS.get(sort)
    if counted is None:
        better = f"(SELECT COUNT(*) FROM player_stats WHERE {scope} AND {key} > me.value)"  # noqa: S608
        total = f"(SELECT COUNT(*) FROM player_stats WHERE {scope})"  # noqa: S608
        joined = ""
    else:
        # Folded counts plus pending changes, each table read once for both sums.
        board = f"{scope} AND sort = '{counted}'"
        better, total = "c.better + p.better", "c.total + p.total"
        joined = f", {_sums('players', 'score_counts', board)} AS c"
        joined += f", {_sums('delta', 'score_count_changes', board)} AS p"
    columns = f"user_id, points, wins, correct, answered, best_streak, {key} AS value"
    top = (
        f"SELECT {columns} FROM player_stats WHERE {scope}"  # noqa: S608
        f" ORDER BY {key} DESC, user_id LIMIT {value}"
    )
    if sort in _ABOVE_ZERO_INDEXED:
        # The players at 0 are read only when those above are too few to fill the list.
        top = (
            f"WITH above AS (SELECT {columns} FROM player_stats"  # noqa: S608
            f" WHERE {scope} AND {key} > 0 ORDER BY {key} DESC, user_id LIMIT {value})"
            f" SELECT * FROM above UNION ALL (SELECT {columns} FROM player_stats"
            f" WHERE {scope} AND {key} = 0 AND (SELECT COUNT(*) FROM above) < {value}"
            f" ORDER BY user_id LIMIT {value}) ORDER BY value DESC, user_id LIMIT {value}"
        )
    return _Queries(
        top=top,
        # One statement, so one snapshot: the stats, the players strictly better and the
        # board's size agree without a transaction, in one round trip; for counted sorts the
        # snapshot sees each change either folded or pending, never both or neither.
        rank=(
            f"WITH me AS (SELECT {_STATS_COLUMNS}, {key} AS value"  # noqa: S608
            f" FROM player_stats WHERE {scope} AND user_id = {value})"
            f" SELECT me.*, {better} AS better, {total} AS total FROM me{joined}"
        ),
    )


def _sums(column: str, table: str, board: str) -> str:
    """The players above the player's score, and on the whole board, by `column` of `table`."""
    return (
        f"LATERAL (SELECT COALESCE(SUM({column}) FILTER (WHERE score > me.value), 0)"  # noqa: S608
        f" AS better, COALESCE(SUM({column}), 0) AS total FROM {table} WHERE {board})"
    )


_QUERIES = {sort: _queries(sort) for sort in LeaderboardSort}
_ACCURACY_BELOW_INDEX = _queries(LeaderboardSort.ACCURACY, accuracy_index=False)


def _least_answers(min_answers: int) -> int:
    return max(1, min_answers)  # accuracy is undefined without an answer


def _queries_for(sort: LeaderboardSort, min_answers: int) -> _Queries:
    if sort is LeaderboardSort.ACCURACY and _least_answers(min_answers) < (
        ACCURACY_INDEX_MIN_ANSWERS
    ):
        return _ACCURACY_BELOW_INDEX
    return _QUERIES[sort]


def _scope_params(
    guild_id: int | None, sort: LeaderboardSort, period: Period, now: datetime, min_answers: int
) -> tuple[Any, ...]:
    params: tuple[Any, ...] = (stats_scope(guild_id), period.value, period_start(period, now))
    if sort is LeaderboardSort.ACCURACY:
        params += (_least_answers(min_answers),)
    return params


async def leaderboard(
    conn: asyncpg.Connection,
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
    for user_id, points, wins, correct, answered, best_streak, value in await conn.fetch(
        _queries_for(sort, min_answers).top, *params
    ):
        # Rows arrive best first, so everyone strictly better is already listed.
        rank = rows[-1].rank if rows and value == previous else len(rows) + 1
        previous = value
        accuracy = correct / answered if answered else 0.0
        rows.append(
            LeaderboardRow(rank, user_id, points, wins, correct, answered, accuracy, best_streak)
        )
    return rows


async def _find_stats(
    conn: asyncpg.Connection, guild_id: int | None, user_id: int, period: Period, now: datetime
) -> PlayerStats | None:
    row = await conn.fetchrow(
        f"SELECT {_STATS_COLUMNS} FROM player_stats"  # noqa: S608
        " WHERE guild_id = $1 AND period = $2 AND period_start = $3 AND user_id = $4",
        stats_scope(guild_id),
        period.value,
        period_start(period, now),
        user_id,
    )
    return PlayerStats(*row) if row is not None else None


async def player_stats(
    conn: asyncpg.Connection, guild_id: int | None, user_id: int, period: Period, now: datetime
) -> PlayerStats:
    found = await _find_stats(conn, guild_id, user_id, period, now)
    return found if found is not None else PlayerStats(user_id)


async def player_rank(
    conn: asyncpg.Connection,
    guild_id: int | None,
    user_id: int,
    sort: LeaderboardSort,
    period: Period,
    min_answers: int,
    now: datetime,
) -> PlayerRank | None:
    """None when the player is not on this board (never played, or too few answers)."""
    scope = _scope_params(guild_id, sort, period, now, min_answers)
    row = await conn.fetchrow(_queries_for(sort, min_answers).rank, *scope, user_id)
    if row is None:
        return None
    stats = PlayerStats(*(row[column] for column in _STATS_COLUMNS.split(", ")))
    # SUM over BIGINT is NUMERIC, which asyncpg reads as a Decimal.
    return PlayerRank(rank=int(row["better"]) + 1, of_total=int(row["total"]), stats=stats)
