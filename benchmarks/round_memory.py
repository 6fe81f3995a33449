"""Memory per round as the bot holds it: rounds started with /trivia start through SimCord into
the real TriviaBot and RoundDriver, measured with tracemalloc.

Counted: everything the bot process allocates for a running round (the service's RunningRound
and engine Round, the announcer, the timer and its sleeping task, locks, discord.py's cached
question message, the state parsed from the gateway). Not counted: SimCord's own side (the
simulated Discord's copy of channels and messages: allocations whose innermost real frame,
skipping generated `<string>` code such as a dataclass __init__, is in SimCord), tracemalloc's
own bookkeeping, the channels themselves (created before the first snapshot), one-time costs
(WARMUP rounds are started before the first snapshot) and the interpreter's overhead outside
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

WARMUP = 5  # rounds started before the first snapshot: imports, caches, compiled code
ROUNDS = 40  # rounds measured after it
FRAMES = 4  # traceback depth kept, to see past generated code to the real allocator
CHAT_PER_ROUND = 5  # wrong guesses in chat while the question is open
TARGET_KIB = 8.0
_NOT_THE_BOT = ("/simcord/", "/tracemalloc.py")


_WHERE: dict[str, list[tuple[str, float]]] = {}  # rounds -> (file, KiB per round), largest first


def _owner(trace: tracemalloc.Trace) -> str:
    """The file of the innermost frame that is real source, not generated `<string>` code."""
    for frame in reversed(trace.traceback):  # oldest first, so innermost last
        if not frame.filename.startswith("<"):
            return frame.filename
    return trace.traceback[-1].filename


def _traced() -> dict[str, int]:
    """Bytes held now, by owning file, the bot's side only."""
    gc.collect()
    held: dict[str, int] = {}
    for trace in tracemalloc.take_snapshot().traces:
        owner = _owner(trace)
        if not any(part in owner for part in _NOT_THE_BOT):
            held[owner] = held.get(owner, 0) + trace.size
    return held


async def _per_round(library: Library, mode: str, chat: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        async with simulated_bot(
            library, Path(tmp) / "memory.db", typed_answers_in_chat=chat
        ) as sim:
            if sim.bot._lease_renewal is not None:  # its database wait would stall SimCord
                sim.bot._lease_renewal.cancel()
            channels = [sim.new_channel(f"round-{i}") for i in range(WARMUP + ROUNDS)]
            await _start(sim, channels[:WARMUP], mode, chat)
            before = _traced()
            await _start(sim, channels[WARMUP:], mode, chat)
            after = _traced()
            growth = {f: after[f] - before.get(f, 0) for f in after}
            _WHERE[f"{mode}{', chat on' if chat else ''}"] = [
                (f.split("site-packages/")[-1].split("python3.11/")[-1], size / 1024 / ROUNDS)
                for f, size in sorted(growth.items(), key=lambda item: -item[1])[:6]
            ]
            return (sum(after.values()) - sum(before.values())) / ROUNDS


async def _start(sim: Sim, channels: list[ChannelHandle], mode: str, chat: bool) -> None:
    for channel in channels:
        await sim.players[0].slash(channel, "trivia start", questions=10, mode=mode, time=300)
        if chat:
            for i in range(CHAT_PER_ROUND):
                await sim.players[1 + i % 3].send(channel, f"a wrong guess {i}")


async def _measure() -> Section:
    library = load_library()
    tracemalloc.start(FRAMES)
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
            f"Per round, over {ROUNDS} rounds started one after another, after {WARMUP} more",
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
