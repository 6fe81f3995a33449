"""Start-up: open and migrate the database and import the bundled content, as the bot does.

The measured path is the bot's own: `Store.open` (connect, migrate) and then
`bot.launcher.load_content` (load_library parses the bundled YAML, `Store.import_library`
writes what changed, `Store.load_question_sets` reads back what will be played). It runs
against an empty database (first start: every migration and a full import) and against an
up-to-date one (every later start: nothing to migrate, content unchanged). Closing the store
is not timed. A fresh interpreter is also timed once, to show what imports add on top.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks.report import Section, Table, median
from bot.launcher import load_content
from trivia.content.library import load_library
from trivia.storage import Store

EMPTY_RUNS = 10
UP_TO_DATE_RUNS = 20
TARGET_EMPTY_S = 0.5
TARGET_UP_TO_DATE_S = 0.1

_COLD = """
import asyncio, json, sys, time
start = time.perf_counter()
import trivia.content.library, trivia.storage
core = time.perf_counter()
from bot.launcher import load_content
from trivia.storage import Store
bot = time.perf_counter()
async def main():
    store = await Store.open(sys.argv[1])
    await load_content(store)
    return store
store = asyncio.run(main())
done = time.perf_counter()
asyncio.run(store.close())
print(json.dumps({"core": core - start, "bot": bot - core, "first": done - bot}))
"""


async def _start(path: Path) -> float:
    """Seconds from nothing open to content ready, the way the launcher does it."""
    started = time.perf_counter()
    store = await Store.open(path)
    try:
        await load_content(store)
        return time.perf_counter() - started
    finally:
        await store.close()


async def _step(path: Path, step: Callable[[Store], Awaitable[Any]]) -> float:
    store = await Store.open(path)
    try:
        started = time.perf_counter()
        await step(store)
        return time.perf_counter() - started
    finally:
        await store.close()


async def _open_only(path: Path) -> float:
    started = time.perf_counter()
    store = await Store.open(path)
    spent = time.perf_counter() - started
    await store.close()
    return spent


def _load_library() -> float:
    started = time.perf_counter()
    load_library()
    return time.perf_counter() - started


async def _measure(folder: Path) -> tuple[list[float], list[float], dict[str, float]]:
    await _start(folder / "warm-up.db")  # imports and first-call caches, not timed
    empty = [await _start(folder / f"empty-{i}.db") for i in range(EMPTY_RUNS)]
    current = folder / "empty-0.db"
    up_to_date = [await _start(current) for _ in range(UP_TO_DATE_RUNS)]
    library = load_library()
    parts = {
        "Store.open on an empty file (all migrations)": median(
            [await _open_only(folder / f"migrate-{i}.db") for i in range(EMPTY_RUNS)]
        ),
        "Store.open, up to date": median(
            [await _open_only(current) for _ in range(UP_TO_DATE_RUNS)]
        ),
        "load_library (parse and check the bundled YAML)": median(
            [_load_library() for _ in range(UP_TO_DATE_RUNS)]
        ),
        "Store.import_library, content unchanged": median(
            [
                await _step(current, lambda s: s.import_library(library))
                for _ in range(UP_TO_DATE_RUNS)
            ]
        ),
        "Store.load_question_sets": median(
            [await _step(current, lambda s: s.load_question_sets()) for _ in range(UP_TO_DATE_RUNS)]
        ),
    }
    return empty, up_to_date, parts


def _cold(folder: Path) -> dict[str, float]:
    """Times from a fresh interpreter (imports included) against an empty database."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", _COLD, str(folder / "cold.db")],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    times: dict[str, float] = json.loads(result.stdout)
    return times


def run() -> Section:
    with tempfile.TemporaryDirectory(prefix="trivia-bench-") as name:
        folder = Path(name)
        empty, up_to_date, parts = asyncio.run(_measure(folder))
        cold = _cold(folder)
    first, later = median(empty), median(up_to_date)
    section = Section("startup", "Start-up: migrations and bundled content import")
    section.check(
        f"empty database (median of {EMPTY_RUNS})",
        f"{first * 1000:.0f} ms",
        f"< {TARGET_EMPTY_S * 1000:.0f} ms",
        first < TARGET_EMPTY_S,
    )
    section.check(
        f"up-to-date database (median of {UP_TO_DATE_RUNS})",
        f"{later * 1000:.0f} ms",
        f"< {TARGET_UP_TO_DATE_S * 1000:.0f} ms",
        later < TARGET_UP_TO_DATE_S,
    )
    rows = [(name, f"{spent * 1000:.1f}") for name, spent in parts.items()]
    rows += [
        (
            "fresh interpreter: import trivia.content.library + trivia.storage",
            f"{cold['core'] * 1000:.0f}",
        ),
        ("fresh interpreter: import bot.launcher (discord.py)", f"{cold['bot'] * 1000:.0f}"),
        ("fresh interpreter: first start-up, empty database", f"{cold['first'] * 1000:.0f}"),
    ]
    section.tables.append(
        Table("Parts (median ms; fresh-interpreter rows are one run)", ("Step", "ms"), tuple(rows))
    )
    section.notes.append(
        "Timed: Store.open + bot.launcher.load_content, in a process that has already imported"
        " everything; a temporary file on local disk, WAL mode as the Store sets it."
    )
    return section
