"""Awards committed per second: ROUNDS rounds at once, each closing QUESTIONS questions back
to back through `Store.apply_step`, in one process or split over several.

Two ways to pick who answers (3-5 players per question):
- OWN_PLAYERS: each round has its own ROSTER players, as in Discord, where a player answers
  in the channel they are in. Rounds share no stats rows but their guild's counts.
- SHARED_PLAYERS: every question draws from one pool of POOL players, so each player
  answers in about two rounds at once. That is the worst case for PostgreSQL: every
  batch of steps updates the same all-guilds rows, which concurrent transactions must take
  in turn, while SQLite writes from one process anyway.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from collections.abc import Callable, Sequence
from enum import StrEnum

from benchmarks.storage_dataset import NOW, guild_id
from trivia.engine.events import CloseReason, QuestionClosed
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerKind, Award, Question
from trivia.storage import open_store
from trivia.storage.interface import Store
from trivia.storage.round_steps import Lease, NewRound, RoundStep

ROUNDS = 100
QUESTIONS = 20  # closed per round
GUILDS = 50
ROSTER = 8
POOL = 199
_QUESTION = Question("q", "?", ("a",), AnswerKind.THING, "", (1,))


class Players(StrEnum):
    OWN = "each round its own players"
    SHARED = "one pool of players for every round"


def _answering(players: Players) -> Callable[[random.Random, int], Sequence[int]]:
    def own(rng: random.Random, channel: int) -> Sequence[int]:
        first = channel * ROSTER + 1
        return rng.sample(range(first, first + ROSTER), rng.randint(3, 5))

    def shared(rng: random.Random, channel: int) -> Sequence[int]:
        return rng.sample(range(1, POOL + 1), rng.randint(3, 5))

    return own if players is Players.OWN else shared


async def _drive(store: Store, rounds: range, owner: str, players: Players) -> int:
    """Run `rounds` (channel numbers) to QUESTIONS closed questions each; awards written."""
    answering = _answering(players)

    async def one(channel: int) -> int:
        rng = random.Random(channel)
        lease = Lease(owner, 1)
        new = NewRound(guild_id(channel % GUILDS), channel, "bench", 1, RoundSettings(), {}, lease)
        round_id, _ = await store.create_round(new)
        written = 0
        for number in range(1, QUESTIONS + 1):
            awards = tuple(
                Award(user, "q", user % 2 == 0, 10 * (user % 2 == 0), 1000)
                for user in answering(rng, channel)
            )
            closed = QuestionClosed(number, _QUESTION, CloseReason.TIMEOUT, awards, ())
            await store.apply_step(RoundStep(round_id, lease, state={"n": number}, closed=closed))
            written += len(awards)
        return written

    return sum(await asyncio.gather(*(one(channel) for channel in rounds)))


async def commit_rate(database: str, players: Players, rounds: range = range(ROUNDS)) -> float:
    """Awards per second from one process driving `rounds`."""
    awards, seconds = await _timed(database, rounds, "bench", players)
    return awards / seconds


async def _timed(database: str, rounds: range, owner: str, players: Players) -> tuple[int, float]:
    store = await open_store(database, now=lambda: NOW)
    try:
        started = time.perf_counter()
        awards = await _drive(store, rounds, owner, players)
        return awards, time.perf_counter() - started
    finally:
        await store.close()


def _process(
    database: str, rounds: range, owner: str, players: Players, start: object
) -> tuple[int, float]:
    start.wait()  # type: ignore[attr-defined]
    return asyncio.run(_timed(database, rounds, owner, players))


def processes_commit_rate(database: str, players: Players, processes: int) -> float:
    """Awards per second, wall clock, from `processes` processes sharing ROUNDS rounds."""
    share = -(-ROUNDS // processes)
    parts = [range(i * share, min(ROUNDS, (i + 1) * share)) for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(processes + 1)
        with context.Pool(processes) as pool:
            pending = [
                pool.apply_async(_process, (database, part, f"process-{i}", players, start))
                for i, part in enumerate(parts)
            ]
            start.wait()
            began = time.perf_counter()
            awards = sum(p.get()[0] for p in pending)
            return awards / (time.perf_counter() - began)
