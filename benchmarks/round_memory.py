"""Memory per round as the bot holds it: rounds started with /trivia start through SimCord into
the real TriviaBot and RoundDriver, measured with tracemalloc.

Counted: everything the bot process allocates for a running round (the service's RunningRound
and engine Round, the announcer, the timer and its sleeping task, locks, discord.py's cached
question message, the state parsed from the gateway). Not counted: SimCord's own side (the
simulated Discord's copy of channels and messages, filtered out by file), the channels
themselves (created before the first snapshot) and the interpreter's overhead outside
Python's allocator.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import tracemalloc
from pathlib import Path

from simcord import ChannelHandle

from benchmarks.discord_sim import Sim, simulated_bot
from benchmarks.report import Section, Table
from trivia.content.library import Library, load_library

ROUNDS = 60
CHAT_PER_ROUND = 5  # wrong guesses in chat while the question is open
TARGET_KIB = 8.0
_NOT_THE_BOT = (tracemalloc.Filter(False, "*/simcord/*"), tracemalloc.Filter(False, "<frozen *>"))


_WHERE: dict[str, list[tuple[str, float]]] = {}  # rounds -> (file, KiB per round), largest first


def _traced() -> tracemalloc.Snapshot:
    gc.collect()
    return tracemalloc.take_snapshot().filter_traces(_NOT_THE_BOT)


def _size(snapshot: tracemalloc.Snapshot) -> int:
    return sum(stat.size for stat in snapshot.statistics("filename"))


async def _per_round(library: Library, mode: str, chat: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        async with simulated_bot(
            library, Path(tmp) / "memory.db", typed_answers_in_chat=chat
        ) as sim:
            if sim.bot._lease_renewal is not None:  # its database wait would stall SimCord
                sim.bot._lease_renewal.cancel()
            channels = [sim.new_channel(f"round-{i}") for i in range(ROUNDS)]
            await _start(sim, channels[:1], mode, chat)  # warm caches, imports and the store
            before = _traced()
            await _start(sim, channels[1:], mode, chat)
            after = _traced()
            where = after.compare_to(before, "filename")[:6]
            _WHERE[f"{mode}{', chat on' if chat else ''}"] = [
                (str(d.traceback[0].filename).split("site-packages/")[-1],
                 d.size_diff / 1024 / (ROUNDS - 1))
                for d in where
            ]  # fmt: skip
            return (_size(after) - _size(before)) / (ROUNDS - 1)


async def _start(sim: Sim, channels: list[ChannelHandle], mode: str, chat: bool) -> None:
    for channel in channels:
        await sim.players[0].slash(channel, "trivia start", questions=10, mode=mode, time=300)
        if chat:
            for i in range(CHAT_PER_ROUND):
                await sim.players[1 + i % 3].send(channel, f"a wrong guess {i}")


async def _measure() -> Section:
    library = load_library()
    tracemalloc.start()
    try:
        rows = {
            "choice, no chat": await _per_round(library, "choice", False),
            "typed, no chat": await _per_round(library, "typed", False),
            f"typed, chat on, {CHAT_PER_ROUND} chat guesses": await _per_round(
                library, "typed", True
            ),
        }
    finally:
        tracemalloc.stop()
    section = Section("round_memory", "Memory per running round, as the bot holds it")
    worst = max(rows["choice, no chat"], rows["typed, no chat"]) / 1024
    section.check(
        "per round without chat (worst of choice and typed)",
        f"{worst:.1f} KiB",
        f"< {TARGET_KIB:.0f} KiB",
        worst < TARGET_KIB,
    )
    section.tables.append(
        Table(
            f"Per round, over {ROUNDS - 1} rounds started one after another",
            ("Rounds", "KiB per round"),
            tuple((name, f"{size / 1024:.1f}") for name, size in rows.items()),
        )
    )
    section.tables.append(
        Table(
            "Where it goes (the largest growth by file; the profile of a miss)",
            ("Rounds", "File", "KiB per round"),
            tuple((name, f, f"{kib:.1f}") for name, rows_ in _WHERE.items() for f, kib in rows_),
        )
    )
    section.notes.append(__doc__.split("\n\n", 1)[1].replace("\n", " ").strip())
    section.notes.append(
        "With chat on, discord.py's message cache (1,000 messages by default, shared by the "
        "whole process) keeps each chat message; it stops growing once full."
    )
    return section


def run() -> Section:
    return asyncio.run(_measure())
