"""The storage benchmark's dataset: 1,000,000 awards in a temporary database file.

`Store.open` creates and migrates the schema, then one plain sqlite3 transaction bulk-inserts
1,000,000 award rows (10,000 players, 1,000 guilds, rounds of 10 questions with 3-5 answers
each, spread over twelve weeks) with the rounds they belong to and the `player_stats` rows they
add up to. Those totals are worked out in Python exactly as
trivia.storage.sqlite.stat_rows keeps them (one
answer per player per question; six rows per change: this guild and all guilds, for all time,
the week and the month; streaks in order; +1 round per player and +1 win per top scorer when a
round ends) and then checked against the award rows with SQL before anything is timed.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import QuestionSet
from trivia.records import Period
from trivia.storage import open_store
from trivia.storage.codec import period_start, settings_to_json, timestamp, to_json
from trivia.storage.stat_rules import ALL_GUILDS

GUILDS = 1_000
PLAYERS = 10_000
AWARDS = 1_000_000
GUILDS_PER_PLAYER = 3
QUESTIONS = 10  # per round
SPAN = timedelta(weeks=12)
NOW = datetime(2025, 6, 11, 18, 0, tzinfo=UTC)
GUILD_BASE = 400_000_000_000_000_000  # snowflake-sized ids
USER_BASE = 200_000_000_000_000_000
SEED = 11

_INSERT_STATS = (
    "INSERT INTO player_stats (guild_id, period, period_start, user_id, points, correct,"
    " answered, rounds_played, wins, streak, best_streak) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class Dataset:
    members: list[list[int]]  # guild index -> user ids
    rounds: int
    stats_rows: int
    build_s: float


def guild_id(index: int) -> int:
    return GUILD_BASE + index


class _Totals:
    """player_stats rows, kept the way trivia.storage.sqlite.stat_rows keeps them.

    Values are [points, correct, answered, rounds_played, wins, streak, best_streak].
    """

    def __init__(self) -> None:
        self.rows: dict[tuple[int, str, str, int], list[int]] = defaultdict(lambda: [0] * 7)

    @staticmethod
    @cache
    def keys(guild: int, day: str) -> tuple[tuple[int, str, str], ...]:
        moment = datetime.fromisoformat(day).replace(tzinfo=UTC)
        return tuple(
            (scope, period.value, period_start(period, moment))
            for scope in (guild, ALL_GUILDS)
            for period in Period
        )

    def answer(
        self, keys: tuple[tuple[int, str, str], ...], user: int, points: int, correct: bool
    ) -> None:
        for key in keys:
            row = self.rows[(*key, user)]
            row[0] += points
            row[2] += 1
            if correct:
                row[1] += 1
                row[5] += 1
                row[6] = max(row[6], row[5])
            else:
                row[5] = 0

    def round_ended(
        self, keys: tuple[tuple[int, str, str], ...], players: set[int], winners: set[int]
    ) -> None:
        for key in keys:
            for user in players | winners:
                row = self.rows[(*key, user)]
                row[3] += user in players
                row[4] += user in winners


def generate(
    question_set: QuestionSet, state: str, rng: random.Random, players: int = PLAYERS
) -> tuple[list[list[int]], list[tuple], list[tuple], _Totals]:
    """Members per guild, then round, award and player_stats rows as SQLite holds them."""
    members: list[list[int]] = [[] for _ in range(GUILDS)]
    for user in range(players):
        for guild in rng.sample(range(GUILDS), GUILDS_PER_PLAYER):
            members[guild].append(USER_BASE + user)
    settings = settings_to_json(RoundSettings())
    question_ids = [q.id for q in question_set.questions]
    first = NOW - SPAN
    starts = sorted(rng.uniform(0, SPAN.total_seconds() - 3600) for _ in range(AWARDS // 30))
    rounds: list[tuple] = []
    awards: list[tuple] = []
    totals = _Totals()
    for round_id, offset in enumerate(starts, start=1):
        if len(awards) >= AWARDS:
            break
        index = rng.randrange(GUILDS)
        guild = guild_id(index)
        table = rng.sample(members[index], min(len(members[index]), rng.randint(3, 8)))
        points: dict[int, int] = defaultdict(int)
        start = first + timedelta(seconds=offset)
        moment = start
        for number in range(QUESTIONS):
            moment = start + timedelta(seconds=30 * number)
            at, keys = timestamp(moment), totals.keys(guild, moment.date().isoformat())
            question = rng.choice(question_ids)
            answering = rng.sample(table, min(len(table), rng.randint(3, 5)))
            for user in answering[: AWARDS - len(awards)]:
                correct = rng.random() < 0.55
                score = rng.randint(10, 40) if correct else 0
                points[user] += score
                awards.append(
                    (
                        round_id,
                        guild,
                        question_set.id,
                        question,
                        user,
                        int(correct),
                        score,
                        rng.randint(500, 30_000),
                        at,
                    )
                )
                totals.answer(keys, user, score, correct)
        best = max(points.values())
        winners = {u for u, p in points.items() if p == best}
        totals.round_ended(totals.keys(guild, moment.date().isoformat()), set(points), winners)
        rounds.append(
            (
                round_id,
                guild,
                guild + round_id % 7,
                question_set.id,
                table[0],
                settings,
                state,
                "finished",
                timestamp(start),
                timestamp(moment),
            )
        )
    return members, rounds, awards, totals


def _write(path: Path, rounds: list[tuple], awards: list[tuple], totals: _Totals) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA synchronous = OFF")  # a scratch file: the build is not measured
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO rounds (id, guild_id, channel_id, set_id, started_by, settings, state,"
            " status, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rounds,
        )
        db.executemany(
            "INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct,"
            " points, answer_ms, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            awards,
        )
        db.executemany(_INSERT_STATS, sorted((*key, *row) for key, row in totals.rows.items()))
        db.execute("COMMIT")
        _verify(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    # The build skipped syncing; flush it now, or the first timed checkpoint's fsync would
    # pay for writing the whole freshly built file to disk.
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def _verify(db: sqlite3.Connection) -> None:
    """The stats rows add up to the awards, for every guild and for all guilds combined."""
    awards = db.execute("SELECT COUNT(*), SUM(points), SUM(correct) FROM awards").fetchone()
    for scope in ("guild_id >= 0", "guild_id = -1"):
        sums = db.execute(
            "SELECT SUM(answered), SUM(points), SUM(correct) FROM player_stats"  # noqa: S608
            f" WHERE period = 'all' AND {scope}"
        ).fetchone()
        if tuple(sums) != tuple(awards):
            raise RuntimeError(f"dataset is inconsistent: awards {awards} vs stats {sums}")


async def build(path: Path, question_set: QuestionSet, players: int = PLAYERS) -> Dataset:
    started = time.perf_counter()
    store = await open_store(path, now=lambda: NOW)  # creates and migrates the schema
    await store.close()
    state = to_json(Round(question_set, RoundSettings(), lambda: 0.0, seed=1).to_state())
    rng = random.Random(SEED)
    members, rounds, awards, totals = generate(question_set, state, rng, players)
    _write(path, rounds, awards, totals)
    return Dataset(members, len(rounds), len(totals.rows), time.perf_counter() - started)
