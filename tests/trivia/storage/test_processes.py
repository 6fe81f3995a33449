"""Several processes on one database, each driving the rounds of its shard through the round
service: one is killed mid-round and its successor resumes its rounds; every announced point
is stored exactly once, and a process that does not hold a round's lease never advances it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.trivia.helpers import FakeClock, build_small_set
from tests.trivia.storage.step_child import (
    HOST,
    PLAYER,
    QUESTIONS,
    ROUNDS_PER_SHARD,
    SETTINGS,
    guild_on,
)
from trivia.records import RoundStatus
from trivia.service.round_service import RoundService
from trivia.storage import open_store
from trivia.storage.interface import Store
from trivia.storage.round_steps import LEASE_TTL

SHARDS = 3


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """On the real wall clock, as the children's leases are."""
    opened = await open_store(database, now=lambda: datetime.now(UTC))
    try:
        yield opened
    finally:
        await opened.close()


ROOT = Path(__file__).resolve().parents[3]


async def spawn(
    database: str, owner: str, shard: int, mode: str, offset: float = 0.0, freeze_after: int = 0
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.trivia.storage.step_child",
        database,
        owner,
        str(SHARDS),
        str(shard),
        mode,
        str(offset),
        str(freeze_after),
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


async def rest(child: asyncio.subprocess.Process) -> list[str]:
    """What the child prints from now until it exits."""
    assert child.stdout is not None
    return (await child.stdout.read()).decode().splitlines()


async def finish(child: asyncio.subprocess.Process) -> list[str]:
    """The child's lines, after it exited cleanly."""
    lines = await rest(child)
    assert await child.wait() == 0 and lines[-1:] == ["done"], lines
    return lines[:-1]


def lines_of(word: str, lines: list[str]) -> list[list[int]]:
    """The numbers of each line that starts with `word`, e.g. "announced ROUND NUMBER POINTS"."""
    found = []
    for line in lines:
        first, *numbers = line.split()
        if first == word:
            found.append([int(n) for n in numbers])
    return found


async def test_a_killed_process_is_succeeded_and_no_point_counts_twice(
    store: Store, database: str
) -> None:
    victim = await spawn(database, "process-0", 0, "start", freeze_after=QUESTIONS)
    others = [await spawn(database, f"process-{s}", s, "start") for s in range(1, SHARDS)]
    assert victim.stdout is not None
    before_kill = []
    while (line := (await victim.stdout.readline()).decode().strip()) != "frozen":
        assert line, f"the child exited before freezing, after {before_kill}"
        before_kill.append(line)
    victim.send_signal(signal.SIGKILL)
    await victim.wait()
    lines = before_kill
    for child in others:
        lines += await finish(child)
    # The successor's clock is past the victim's leases: it resumes its rounds, and shows
    # what the victim committed but never showed.
    successor = await spawn(database, "process-0b", 0, "resume", offset=LEASE_TTL + 1)
    resumed = await finish(successor)
    assert lines_of("announced", resumed) and not lines_of("refused", resumed)
    lines += resumed

    rounds = [round_id for [round_id] in lines_of("started", lines)]
    assert len(rounds) == SHARDS * ROUNDS_PER_SHARD
    # A reveal edits its question's message, so showing it again is harmless: a process
    # killed between showing one and settling it leaves it owed, and its successor shows it
    # again. Every reveal is shown; every point is stored once.
    shown = {(r, n): p for r, n, p in lines_of("announced", lines)}
    assert sorted(shown) == sorted((r, n) for r in rounds for n in range(1, QUESTIONS + 1))
    for round_id in rounds:
        record = await store.load_round(round_id)
        assert record is not None and record.status is RoundStatus.FINISHED
    stats = await store.player_stats(None, PLAYER)
    points = list(shown.values())
    # The rounds share one round clock, so an answer may come after its question's time ran
    # out: it scores nothing, and the reveal says so.
    assert (stats.points, stats.correct, stats.rounds_played) == (
        sum(points),
        len([p for p in points if p > 0]),
        len(rounds),
    )


async def test_a_second_process_on_a_shard_does_not_advance_rounds_it_does_not_own(
    store: Store, database: str
) -> None:
    owner = RoundService(store, FakeClock(), owner="process-1")
    ours = []
    for n in range(ROUNDS_PER_SHARD):
        started = await owner.start(
            guild_id=guild_on(1, n, SHARDS),
            channel_id=n + 1,
            started_by=HOST,
            question_set=build_small_set(),
            settings=SETTINGS,
            seed=n,
        )
        ours.append(started.round_id)
    before = {round_id: await store.load_round(round_id) for round_id in ours}
    intruder = await spawn(database, "process-1b", 1, "resume")
    lines = await finish(intruder)
    assert sorted(lines) == sorted(f"refused {round_id}" for round_id in ours)
    for round_id in ours:
        assert await store.load_round(round_id) == before[round_id]
    assert await owner.renew_leases() == []  # process-1 still drives both
