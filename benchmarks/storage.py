"""Storage at scale: leaderboard and rank latency over 1,000,000 awards, and commit rate.

The dataset (benchmarks/storage_dataset.py) is built once per run in a temporary file and
checked for consistency before anything is timed.

Reads are timed through the Store as the bot calls it (aiosqlite thread hop included), each
the median of `CALLS` calls on random guilds and players. Writes: 100 asyncio tasks, one per
round, each closing questions back to back with `Store.apply_step` (3-5 awards each),
counting the hand-offs to aiosqlite's thread they cost.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import random
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite

from benchmarks.judge import one_cpu
from benchmarks.report import Section, Table, median, percentile
from benchmarks.storage_dataset import (
    AWARDS,
    GUILDS,
    GUILDS_PER_PLAYER,
    NOW,
    PLAYERS,
    SEED,
    SPAN,
    USER_BASE,
    Dataset,
    build,
    guild_id,
)
from trivia.content.library import load_library
from trivia.engine.events import CloseReason, QuestionClosed
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import Award, Question, QuestionSet
from trivia.records import LeaderboardSort, Period
from trivia.storage import Store, open_store
from trivia.storage.round_steps import Lease, NewRound, RoundStep

CALLS = 200
LEASE = Lease("benchmark", 1)
_CHANNELS = itertools.count(1)
WRITERS = 100
WRITE_QUESTIONS = 10  # per writer and pass
WRITE_PASSES = 5
TARGET_READ_MS = 5.0
TARGET_AWARDS_PER_S = 2_000
_Read = tuple[str, float, float, bool]  # call, median ms, p95 ms, has a target
_HAND_OFFS = {
    aiosqlite.Connection: (
        "execute",
        "executemany",
        "execute_fetchall",
        "execute_insert",
        "executescript",
    ),
    aiosqlite.Cursor: ("fetchone", "fetchmany", "fetchall", "close"),
}
"""The public aiosqlite calls that each hand one job to the connection's thread and back."""


@contextmanager
def _counting_hand_offs() -> Iterator[list[int]]:
    """Counts the calls in `_HAND_OFFS` made meanwhile, in the one-item list yielded."""
    count = [0]

    def counted(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            return method(*args, **kwargs)

        return call

    originals = [
        (cls, name, getattr(cls, name)) for cls, names in _HAND_OFFS.items() for name in names
    ]
    for cls, name, method in originals:
        setattr(cls, name, counted(method))
    try:
        yield count
    finally:
        for cls, name, method in originals:
            setattr(cls, name, method)


async def _round_trip_us() -> float:
    """Median time of one trivial statement through aiosqlite: the cost of handing work to its
    thread and back, which every statement a Store method runs pays once."""
    db = await aiosqlite.connect(":memory:")
    try:
        spent = []
        for _ in range(1_000):
            start = time.perf_counter()
            await db.execute("SELECT 1")
            spent.append((time.perf_counter() - start) * 1e6)
        return median(spent)
    finally:
        await db.close()


async def _latency_ms(call: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    """(median, p95) in ms of `CALLS` calls, after a few warm-up calls."""
    for _ in range(5):
        await call()
    spent = []
    for _ in range(CALLS):
        start = time.perf_counter()
        await call()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return median(spent), percentile(spent, 0.95)


async def _reads(store: Store, data: Dataset, rng: random.Random) -> list[_Read]:
    def guild() -> int:
        return rng.randrange(GUILDS)

    def member(index: int) -> int:
        return rng.choice(data.members[index])

    async def guild_rank() -> object:
        index = guild()
        return await store.player_rank(guild_id(index), member(index))

    reads: list[tuple[str, Callable[[], Awaitable[object]], bool]] = [
        (
            "leaderboard(guild, points, all time, 10)",
            lambda: store.leaderboard(guild_id(guild()), LeaderboardSort.POINTS, Period.ALL),
            True,
        ),
        (
            "leaderboard(global, points, all time, 10)",
            lambda: store.leaderboard(None, LeaderboardSort.POINTS, Period.ALL),
            True,
        ),
        ("player_rank(guild, user, points, all time)", guild_rank, True),
        (
            "player_rank(global, user, points, all time)",
            lambda: store.player_rank(None, USER_BASE + rng.randrange(PLAYERS)),
            True,
        ),
        (
            "leaderboard(global, points, this week, 10)",
            lambda: store.leaderboard(None, LeaderboardSort.POINTS, Period.WEEK),
            False,
        ),
        (
            "leaderboard(global, accuracy, all time, 10)",
            lambda: store.leaderboard(None, LeaderboardSort.ACCURACY, Period.ALL),
            False,
        ),
        (
            "player_stats(guild, user)",
            lambda: store.player_stats(guild_id(0), data.members[0][0]),
            False,
        ),
    ]
    return [(name, *await _latency_ms(call), targeted) for name, call, targeted in reads]


async def _writer(
    store: Store,
    question: Question,
    round_id: int,
    users: list[int],
    state: dict,
    rng: random.Random,
    latencies: list[float],
) -> int:
    written = 0
    for number in range(1, WRITE_QUESTIONS + 1):
        answering = rng.sample(users, min(len(users), rng.randint(3, 5)))
        awards = tuple(
            Award(user, question.id, correct, rng.randint(10, 40) if correct else 0, 4_000)
            for user in answering
            for correct in [rng.random() < 0.55]
        )
        closed = QuestionClosed(number, question, CloseReason.TIMEOUT, awards, ())
        start = time.perf_counter()
        await store.apply_step(RoundStep(round_id, LEASE, state, closed=closed))
        latencies.append((time.perf_counter() - start) * 1000)
        written += len(awards)
    return written


async def _read_while(
    store: Store,
    rng: random.Random,
    writing: asyncio.Future[Any],
    latencies: dict[str, list[float]],
) -> None:
    """The global top 10 and a player's global rank, one after the other, until `writing` ends:
    what a /trivia leaderboard costs while the bot is busy (reads queue behind write groups on
    the one connection)."""
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "leaderboard(global, points, all time, 10)": lambda: store.leaderboard(
            None, LeaderboardSort.POINTS, Period.ALL
        ),
        "player_rank(global, user, points, all time)": lambda: store.player_rank(
            None, USER_BASE + rng.randrange(PLAYERS)
        ),
    }
    while not writing.done():
        for name, call in calls.items():
            start = time.perf_counter()
            await call()
            latencies.setdefault(name, []).append((time.perf_counter() - start) * 1000)


async def _writes(
    store: Store,
    data: Dataset,
    question_set: QuestionSet,
    rng: random.Random,
    busy_reads: dict[str, list[float]],
) -> tuple[list[float], float, list[float], float]:
    """Awards/s of each of `WRITE_PASSES` passes, the median CPU us per award (every thread of
    the process), every apply_step latency (ms), sorted, and the hand-offs to aiosqlite's
    thread per apply_step. Reads run alongside the writes into `busy_reads` (ms by call)."""
    question = question_set.questions[0]
    round_ = Round(question_set, RoundSettings(), lambda: 0.0, seed=2)
    round_.start()
    state = round_.to_state()
    rates: list[float] = []
    cpu: list[float] = []
    latencies: list[float] = []
    hand_offs = 0
    for _ in range(WRITE_PASSES):
        tasks = []
        for _slot in range(WRITERS):
            index = rng.randrange(GUILDS)
            channel_id = next(_CHANNELS)  # one running round per channel, across runs too
            new = NewRound(
                guild_id(index), channel_id, question_set.id, data.members[index][0],
                RoundSettings(), state, LEASE,
            )  # fmt: skip
            round_id, _ = await store.create_round(new)
            tasks.append((index, round_id))
        with _counting_hand_offs() as count:
            start, cpu_start = time.perf_counter(), time.process_time()
            writing = asyncio.ensure_future(
                asyncio.gather(
                    *(
                        _writer(
                            store, question, round_id, data.members[index], state, rng, latencies
                        )
                        for index, round_id in tasks
                    )
                )
            )
            await _read_while(store, rng, writing, busy_reads)
            counts = await writing
            written = sum(counts)
            rates.append(written / (time.perf_counter() - start))
            cpu.append((time.process_time() - cpu_start) / written * 1e6)
        hand_offs += count[0]
    return rates, median(cpu), sorted(latencies), hand_offs / len(latencies)


@dataclass(frozen=True, slots=True)
class _WriteRun:
    round_trip_us: float
    rates: list[float]  # awards/s per pass
    cpu_us: float  # per award
    latencies: list[float]  # ms, sorted
    hand_offs: float  # per apply_step
    busy_reads: dict[str, list[float]]  # ms by call, while the writes ran

    def rate(self) -> str:
        return (
            f"{median(self.rates):,.0f} awards/s (passes {min(self.rates):,.0f} to"
            f" {max(self.rates):,.0f})"
        )


async def _write_run(
    path: Path, data: Dataset, question_set: QuestionSet, rng: random.Random
) -> _WriteRun:
    """Round trip, then the write passes on a freshly opened Store (whose thread starts now,
    so it inherits the CPU affinity in force)."""
    round_trip = await _round_trip_us()
    busy_reads: dict[str, list[float]] = {}
    async with await open_store(path, now=lambda: NOW) as store:
        written = await _writes(store, data, question_set, rng, busy_reads)
    return _WriteRun(round_trip, *written, busy_reads)


async def _run() -> Section:
    question_set = next(iter(load_library().sets.values()))
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="trivia-bench-") as folder:
        path = Path(folder) / "bench.db"
        data = await build(path, question_set)
        size_mb = path.stat().st_size / 2**20
        async with await open_store(path, now=lambda: NOW) as store:
            reads = await _reads(store, data, rng)
        free = await _write_run(path, data, question_set, rng)
        with one_cpu() as pinning:
            pinned = await _write_run(path, data, question_set, rng)
    section = Section("storage", "Storage (trivia.storage.Store) with 1,000,000 awards")
    rows = []
    for name, mid, p95, targeted in reads:
        if targeted:
            section.check(
                f"{name}, median of {CALLS}",
                f"{mid:.2f} ms",
                f"< {TARGET_READ_MS:.0f} ms",
                mid < TARGET_READ_MS,
            )
        rows.append((name, f"{mid:.2f}", f"{p95:.2f}"))
    rate = median(free.rates)
    section.check(
        f"apply_step, {WRITERS} concurrent rounds, median of {WRITE_PASSES} passes",
        free.rate(),
        f">= {TARGET_AWARDS_PER_S:,} awards/s",
        rate >= TARGET_AWARDS_PER_S,
    )
    section.check(
        "apply_step latency, median / p99",
        f"{percentile(free.latencies, 0.5):.1f} / {percentile(free.latencies, 0.99):.1f} ms",
    )
    section.tables.append(Table("Reads (ms)", ("Call", "Median", "p95"), tuple(rows)))
    busy = tuple(
        (name, str(len(ms)), f"{median(ms):.2f}", f"{percentile(sorted(ms), 0.95):.2f}")
        for name, ms in free.busy_reads.items()
    )
    section.tables.append(
        Table(
            f"Reads while {WRITERS} rounds write (ms; they queue behind write groups)",
            ("Call", "Calls", "Median", "p95"),
            busy,
        )
    )
    section.tables.append(
        Table(
            "Writes: where the time goes",
            (
                "Process",
                "Awards/s",
                "CPU us per award",
                "aiosqlite round trip",
                "Hand-offs per apply_step",
            ),
            tuple(
                (
                    label,
                    run.rate(),
                    f"{run.cpu_us:.0f}",
                    f"{run.round_trip_us:.0f} us",
                    f"{run.hand_offs:.2f}",
                )
                for label, run in (
                    ("free to use both CPUs (as the bot runs; the target row)", free),
                    (f"{pinning} (diagnostic)", pinned),
                )
            ),
        )
    )
    section.notes += [
        f"Dataset: {AWARDS:,} awards in {data.rounds:,} rounds, {PLAYERS:,} players in {GUILDS:,}"
        f" guilds ({GUILDS_PER_PLAYER} each), {data.stats_rows:,} player_stats rows over"
        f" {SPAN.days // 7} weeks; {size_mb:.0f} MB file, built and verified in"
        f" {data.build_s:.0f} s (not timed). No ANALYZE, as in a real database.",
        f"Writes: {WRITE_PASSES} passes of {WRITERS} asyncio tasks, each one round closing"
        f" {WRITE_QUESTIONS} questions back to back (3-5 awards each), on the same file."
        " Latency is from call to committed return. CPU counts every thread of the process.",
        "Every statement, fetch or cursor close is one hand-off to aiosqlite's thread and back"
        " (round trip: SELECT 1 on a separate :memory: connection, measured just before); on"
        " this VM ~110 us between two CPUs when the other CPU is idle, ~20 us on one CPU. A"
        " step alone takes at most 10 hand-offs (BEGIN, SELECT the rounds and their last"
        " outbox seqs, INSERT awards, DELETE picks, two stats upserts, UPDATE state, COMMIT);"
        " calls queued together merge into one group costing about as many, so under load a"
        " call costs a fraction of one"
        " (counted over the timed passes as calls of aiosqlite's public execute and fetch"
        " methods) and where the scheduler puts the two threads matters little. The pinned row"
        " shows the one-CPU case.",
    ]
    return section


def run() -> Section:
    return asyncio.run(_run())
