"""SQLite and PostgreSQL side by side: commit rate of round steps, and board reads at scale.

- Commit rate (benchmarks/storage_commit_rate.py): 100 rounds at once, each closing
  questions back to back through `Store.apply_step`, on each backend (both write the steps
  that arrive together in one transaction); then the same 100 rounds split over three
  processes on PostgreSQL. Target: three processes on PostgreSQL commit at least as many
  awards per second as one process on SQLite, when each round has its own players. The same
  with every round drawing from one pool of players is reported beside it, without a target:
  it makes every PostgreSQL transaction wait for the same all-guilds rows. One process on
  PostgreSQL also runs with the score count triggers off: the difference is what counting
  players per score (migration 0003) costs writers. Each rate is the median of RUNS runs.
- Reads: the top 10 and a player's rank over 1,000,000 awards from 100,000 players (the
  storage benchmark's generator), on both backends: "cold" is the first call on a newly
  opened store, "warm" the median of CALLS calls. Target: under 5 ms warm, 20 ms cold.
  PostgreSQL's ranks (score counts, migration 0003) are checked against SQLite's on the same
  data, for AGREEING players on the points, wins and streak boards.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from benchmarks.postgres_server import fresh_schema, postgres_url
from benchmarks.report import Section, Table, median
from benchmarks.storage_backends_data import load_postgres, without_score_counting
from benchmarks.storage_commit_rate import (
    QUESTIONS,
    ROUNDS,
    Players,
    commit_rate,
    processes_commit_rate,
)
from benchmarks.storage_dataset import NOW, build
from trivia.content.library import load_library
from trivia.records import LeaderboardSort
from trivia.storage import open_store

PROCESSES = 3
RUNS = 3
"""Each commit rate is the median of RUNS runs: the machine is shared and noisy."""
PLAYERS = 100_000
CALLS = 200
AGREEING = 30
TARGET_READ_MS = 5.0


async def _reads(database: str, players: list[int]) -> dict[str, tuple[float, float]]:
    """(cold ms, warm median ms) of the global top 10 and a random player's rank."""
    rng = random.Random(5)
    store = await open_store(database, now=lambda: NOW)
    try:
        calls = {
            "top 10, all guilds": lambda: store.leaderboard(None, LeaderboardSort.POINTS),
            "rank, all guilds": lambda: store.player_rank(None, rng.choice(players)),
            "top 10 by accuracy": lambda: store.leaderboard(None, LeaderboardSort.ACCURACY),
        }
        results = {}
        for name, call in calls.items():
            timings = []
            for _ in range(CALLS + 1):
                started = time.perf_counter()
                await call()
                timings.append((time.perf_counter() - started) * 1000)
            results[name] = (timings[0], median(timings[1:]))
        return results
    finally:
        await store.close()


async def _ranks_agree(sqlite: str, postgres: str, players: list[int]) -> str:
    """How many of AGREEING players' ranks, on three counted boards, the two backends share."""
    sample = random.Random(7).sample(players, AGREEING)
    sorts = (LeaderboardSort.POINTS, LeaderboardSort.WINS, LeaderboardSort.STREAK)
    stores = [await open_store(database, now=lambda: NOW) for database in (sqlite, postgres)]
    try:
        same = 0
        for user in sample:
            for sort in sorts:
                lite, pg = [await store.player_rank(None, user, sort) for store in stores]
                same += lite == pg
        return f"{same} of {len(sample) * len(sorts)}"
    finally:
        for store in stores:
            await store.close()


def _commit_measures(url: str, folder: Path) -> dict[str, Callable[[int], Awaitable[float]]]:
    """Each commit rate measured, by name: a run number -> awards per second, on a fresh
    database every time."""

    def sqlite(players: Players) -> Callable[[int], Awaitable[float]]:
        return lambda run: commit_rate(str(folder / f"steps-{players.name}-{run}.db"), players)

    def postgres(players: Players, *, counted: bool = True) -> Callable[[int], Awaitable[float]]:
        async def measure(run: int) -> float:
            database = await fresh_schema(url, "bench_steps")
            if not counted:
                await without_score_counting(database)
            return await commit_rate(database, players)

        return measure

    def processes(players: Players) -> Callable[[int], Awaitable[float]]:
        async def measure(run: int) -> float:
            database = await fresh_schema(url, "bench_steps")
            return await asyncio.to_thread(processes_commit_rate, database, players, PROCESSES)

        return measure

    own, shared = Players.OWN, Players.SHARED
    return {
        f"SQLite, {own}": sqlite(own),
        f"PostgreSQL, {own}": postgres(own),
        f"PostgreSQL, score count triggers off, {own}": postgres(own, counted=False),
        f"PostgreSQL, {PROCESSES} processes, {own}": processes(own),
        f"SQLite, {shared}": sqlite(shared),
        f"PostgreSQL, {PROCESSES} processes, {shared}": processes(shared),
    }


async def _commit_rates(section: Section, url: str, folder: Path) -> None:
    measures = _commit_measures(url, folder)
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for run in range(RUNS):  # interleaved, so a busy moment of the machine hits every measure
        for name, measure in measures.items():
            samples[name].append(await measure(run))
    rates = {name: median(values) for name, values in samples.items()}
    section.tables.append(
        Table(
            "Awards committed per second",
            ("backend", "awards/s"),
            tuple((name, f"{rate:,.0f}") for name, rate in rates.items()),
        )
    )
    for players in Players:
        ratio = rates[f"PostgreSQL, {PROCESSES} processes, {players}"] / rates[f"SQLite, {players}"]
        name = f"PostgreSQL x{PROCESSES} processes / SQLite, awards/s, {players}"
        if players is Players.OWN:
            section.check(name, f"{ratio:.2f}", ">= 1.00", ratio >= 1)
        else:
            section.notes.append(f"{name}: {ratio:.2f} (the worst case; no target).")


async def _measure(section: Section, url: str, folder: Path) -> None:
    await _commit_rates(section, url, folder)
    question_set = next(iter(load_library().sets.values()))
    built = await build(folder / "boards.db", question_set, PLAYERS)
    boards = await fresh_schema(url, "bench_boards")
    await load_postgres(boards, folder / "boards.db")
    players = sorted({user for guild in built.members for user in guild})
    read_rows: list[tuple[str, str, str, str]] = []
    for name, database in (("SQLite", str(folder / "boards.db")), ("PostgreSQL", boards)):
        for query, (cold, warm) in (await _reads(database, players)).items():
            read_rows.append((name, query, f"{cold:.2f}", f"{warm:.2f}"))
            section.check(f"{name}: {query}, warm", f"{warm:.2f} ms", "< 5 ms", warm < 5)
            section.check(f"{name}: {query}, cold", f"{cold:.2f} ms", "< 20 ms", cold < 20)
    agreed = await _ranks_agree(str(folder / "boards.db"), boards, players)
    expected = f"{AGREEING * 3} of {AGREEING * 3}"
    section.check("PostgreSQL ranks equal to SQLite's", agreed, expected, agreed == expected)
    section.tables.append(
        Table(
            "Reads at 1,000,000 awards",
            ("backend", "query", "cold ms", "warm ms"),
            tuple(read_rows),
        )
    )


def run() -> Section:
    section = Section("storage_backends", "Storage backends: SQLite and PostgreSQL")
    with tempfile.TemporaryDirectory() as folder, postgres_url() as url:
        asyncio.run(_measure(section, url, Path(folder)))
    section.notes.append(
        f"{ROUNDS} rounds x {QUESTIONS} closed questions, one apply_step each, 3-5 awards per"
        " question (benchmarks/storage_commit_rate.py); PostgreSQL 15 on the same 2 cores as"
        " its clients, fsync on. Runs on this shared machine vary by about 10%, medians"
        " included: rows closer than that (triggers on and off, say) are not told apart."
    )
    return section
