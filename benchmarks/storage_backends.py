"""SQLite and PostgreSQL side by side: commit rate of round steps, and board reads at scale.

- Commit rate: 100 rounds at once, each closing questions back to back through
  `Store.apply_step` (3-5 awards per question, one transaction per step), on each backend;
  then the same 100 rounds split over three processes on PostgreSQL. Target: three processes
  on PostgreSQL commit at least as many awards per second as one process on SQLite. One
  process on PostgreSQL also runs with the score count triggers off: the difference is what
  counting players per score (migration 0003) costs writers.
- Reads: the top 10 and a player's rank over 1,000,000 awards from 100,000 players (the
  storage benchmark's generator), on both backends: "cold" is the first call on a newly
  opened store, "warm" the median of CALLS calls. Target: under 5 ms warm, 20 ms cold.
  PostgreSQL's ranks (score counts, migration 0003) are checked against SQLite's on the same
  data, for AGREEING players on the points, wins and streak boards.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from benchmarks.postgres_server import fresh_schema, postgres_url
from benchmarks.report import Section, Table, median
from benchmarks.storage_backends_data import load_postgres, without_score_counting
from benchmarks.storage_dataset import NOW, build, guild_id
from trivia.content.library import load_library
from trivia.engine.events import CloseReason, QuestionClosed
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerKind, Award, Question
from trivia.records import LeaderboardSort
from trivia.storage import open_store
from trivia.storage.interface import Store
from trivia.storage.round_steps import Lease, NewRound, RoundStep

ROUNDS = 100
QUESTIONS = 20  # closed per round
PROCESSES = 3
PLAYERS = 100_000
CALLS = 200
AGREEING = 30
TARGET_READ_MS = 5.0
_QUESTION = Question("q", "?", ("a",), AnswerKind.THING, "", (1,))


async def _drive(store: Store, rounds: range, owner: str) -> int:
    """Run `rounds` (channel numbers) to QUESTIONS closed questions each; awards written."""

    async def one(channel: int) -> int:
        rng = random.Random(channel)
        lease = Lease(owner, 1)
        new = NewRound(guild_id(channel % 50), channel, "bench", 1, RoundSettings(), {}, lease)
        round_id, _ = await store.create_round(new)
        written = 0
        for number in range(1, QUESTIONS + 1):
            players = rng.sample(range(1, 200), rng.randint(3, 5))
            awards = tuple(
                Award(user, "q", user % 2 == 0, 10 * (user % 2), 1000) for user in players
            )
            closed = QuestionClosed(number, _QUESTION, CloseReason.TIMEOUT, awards, ())
            await store.apply_step(RoundStep(round_id, lease, state={"n": number}, closed=closed))
            written += len(awards)
        return written

    return sum(await asyncio.gather(*(one(channel) for channel in rounds)))


async def _commit_rate(database: str, rounds: range, owner: str) -> tuple[int, float]:
    store = await open_store(database, now=lambda: NOW)
    try:
        started = time.perf_counter()
        awards = await _drive(store, rounds, owner)
        return awards, time.perf_counter() - started
    finally:
        await store.close()


def _process(database: str, rounds: range, owner: str, start: object) -> tuple[int, float]:
    start.wait()  # type: ignore[attr-defined]
    return asyncio.run(_commit_rate(database, rounds, owner))


def _three_processes(database: str) -> float:
    """Awards per second from PROCESSES processes sharing ROUNDS rounds, wall clock."""
    share = -(-ROUNDS // PROCESSES)
    parts = [range(i * share, min(ROUNDS, (i + 1) * share)) for i in range(PROCESSES)]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(PROCESSES + 1)
        with context.Pool(PROCESSES) as pool:
            pending = [
                pool.apply_async(_process, (database, part, f"process-{i}", start))
                for i, part in enumerate(parts)
            ]
            start.wait()
            began = time.perf_counter()
            awards = sum(p.get()[0] for p in pending)
            return awards / (time.perf_counter() - began)


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


async def _measure(section: Section, url: str, folder: Path) -> None:
    sqlite = str(folder / "steps.db")
    postgres = await fresh_schema(url, "bench_steps")
    rates: dict[str, float | str] = {}
    for name, database in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        try:
            awards, seconds = await _commit_rate(database, range(ROUNDS), "bench")
            rates[name] = awards / seconds
        except (AttributeError, TypeError) as error:  # a store without the protocol's steps
            rates[name] = f"n/a ({type(error).__name__}: {str(error)[:60]})"
    uncounted = await fresh_schema(url, "bench_steps_uncounted")
    await without_score_counting(uncounted)
    awards, seconds = await _commit_rate(uncounted, range(ROUNDS), "bench")
    rates["PostgreSQL, score count triggers off"] = awards / seconds
    postgres3 = await fresh_schema(url, "bench_steps3")
    multi_name = f"PostgreSQL, {PROCESSES} processes"
    rates[multi_name] = await asyncio.to_thread(_three_processes, postgres3)
    # SQLite's synchronous=NORMAL may lose the last commits on a power cut, never corrupts:
    # synchronous_commit=off is PostgreSQL's same bargain, set per connection in the URL.
    relaxed = await fresh_schema(url, "bench_steps3_relaxed") + "&synchronous_commit=off"
    rates[f"{multi_name}, synchronous_commit=off"] = await asyncio.to_thread(
        _three_processes, relaxed
    )
    rows = [(name, f"{r:,.0f}" if isinstance(r, float) else r) for name, r in rates.items()]
    section.tables.append(
        Table("Awards committed per second", ("backend", "awards/s"), tuple(rows))
    )
    baseline, multi = rates["SQLite"], rates[multi_name]
    if isinstance(baseline, float) and isinstance(multi, float):
        section.check(
            f"PostgreSQL x{PROCESSES} processes / SQLite, awards/s",
            f"{multi / baseline:.2f}",
            ">= 1.00",
            multi >= baseline,
        )

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
        " question; PostgreSQL 15 on the same 2 cores as its clients, fsync on."
    )
    return section
