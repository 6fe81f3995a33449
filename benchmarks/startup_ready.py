"""Start-up to ready: a fresh `trivia-bot run` process until it would open the gateway.

Each run spawns the venv's interpreter on `bot.cli.main.main(["run", "--config", ...])`,
which is what the `trivia-bot` console script calls, with a temporary config (a fake token,
a SQLite file in a temporary folder). Only the network is replaced, inside that child:
`HTTPClient.request` answers the two REST calls of `Client.login` (`/users/@me`,
`/oauth2/applications/@me`) with canned payloads, and `Client.connect` records the wall clock
and stops the bot with SIGTERM, so it shuts down through the launcher's own path.

Included: interpreter start, imports, argument parsing, config, logging set-up, store open
and migrations, bundled content load/import, client construction, `Client.login` without
its HTTP round trips, and `setup_hook` (cogs loaded, command tree built). Excluded: the
network (REST round trips, the gateway handshake, READY) and the shutdown after ready.
The parent stamps `time.time()` just before spawning, the child stamps it at `connect`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import Section, Table, median

RUNS = 7
TARGET_S = 0.4

_CHILD = """
import time
entered = time.time()
import json, os, signal, sys
import discord
import discord.http

_USER = {"id": "1", "username": "bench", "discriminator": "0", "avatar": None, "bot": True}
_APP = {
    "id": "1", "name": "bench", "description": "", "icon": None, "bot_public": False,
    "bot_require_code_grant": False, "owner": _USER, "verify_key": "0", "flags": 0,
}

async def request(self, route, **kwargs):
    return {"/users/@me": _USER, "/oauth2/applications/@me": _APP}[route.path]

async def connect(self, *, reconnect=True):
    ready = time.time()
    print(json.dumps({"entered": entered, "ready": ready}), flush=True)
    os.kill(os.getpid(), signal.SIGTERM)
    await self.wait_until_ready()

discord.http.HTTPClient.request = request
discord.Client.connect = connect

from bot.cli.main import main
sys.exit(main(["run", "--config", sys.argv[1]]))
"""
"""The child imports discord before the bot to patch it; `run` imports it before ready anyway."""


def _python() -> str:
    """The interpreter `make run` installs the console script for, when present."""
    venv = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _config(folder: Path) -> Path:
    path = folder / "config.yaml"
    path.write_text(
        f'token: "bench.fake.token"\ndatabase: {json.dumps(str(folder / "bot.db"))}\n',
        encoding="utf-8",
    )
    return path


def _launch(config: Path) -> dict[str, float]:
    """One process: seconds to interpreter ready and to gateway connect, from spawn."""
    # Bytecode caching as in a normal shell: the warm-up run writes the .pyc files.
    dropped = ("DISCORD_TOKEN", "DATABASE_URL", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    started = time.time()
    result = subprocess.run(
        [_python(), "-c", _CHILD, str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"trivia-bot run failed ({result.returncode}):\n{result.stderr}")
    stamps: dict[str, float] = json.loads(result.stdout.splitlines()[0])
    return {"interpreter": stamps["entered"] - started, "ready": stamps["ready"] - started}


def _import_discord() -> float:
    """Seconds from spawn to `import discord, discord.ext.commands` done: what `run` cannot skip."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.time()
    subprocess.run(
        [_python(), "-c", "import discord, discord.ext.commands"],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.time() - started


def _up_to_date_runs() -> tuple[list[dict[str, float]], list[float]]:
    """RUNS launches on a database already up to date, each followed by the discord.py peer."""
    with tempfile.TemporaryDirectory(prefix="trivia-ready-") as name:
        config = _config(Path(name))
        _launch(config)  # warm-up: file caches and .pyc files; migrates the database
        runs, floor = [], []
        for _ in range(RUNS):
            runs.append(_launch(config))
            floor.append(_import_discord())
        return runs, floor


def _new_database_runs() -> list[dict[str, float]]:
    """RUNS launches, each on a new database: every migration and a full content import."""
    with tempfile.TemporaryDirectory(prefix="trivia-ready-") as name:
        runs = []
        for i in range(RUNS):
            folder = Path(name) / str(i)
            folder.mkdir()
            runs.append(_launch(_config(folder)))
        return runs


def _row(label: str, runs: list[dict[str, float]]) -> tuple[str, ...]:
    ready = [r["ready"] * 1000 for r in runs]
    interpreter = median([r["interpreter"] * 1000 for r in runs])
    return (
        label,
        f"{median(ready):.0f}",
        f"{min(ready):.0f}",
        f"{max(ready):.0f}",
        f"{interpreter:.0f}",
    )


def run() -> Section:
    later, floors = _up_to_date_runs()
    first = _new_database_runs()
    floor = median(floors)
    ready = median([r["ready"] for r in later])
    section = Section("startup_ready", "Start-up to ready: `trivia-bot run` until the gateway")
    section.check(
        f"process start -> ready, up-to-date database (median of {RUNS})",
        f"{ready * 1000:.0f} ms",
        f"< {TARGET_S * 1000:.0f} ms",
        ready < TARGET_S,
    )
    first_ready = median([r["ready"] for r in first])
    section.check(
        f"process start -> ready, new database (median of {RUNS})",
        f"{first_ready * 1000:.0f} ms",
    )
    section.tables.append(
        Table(
            "Process start to ready (ms)",
            ("Database", "median", "min", "max", "interpreter start (median)"),
            (_row("up to date", later), _row("new (migrations + full import)", first)),
        )
    )
    section.check(
        f"peer: process start -> discord.py imported, alone (median of {RUNS}, interleaved)",
        f"{floor * 1000:.0f} ms (ready is {ready / floor:.2f}x)",
    )
    section.notes.append(
        "Wall clock from just before spawning `python -c` (bot.cli.main.main, as the console"
        " script calls it) until Client.connect: includes interpreter start, imports, config,"
        " store open + migrations, content import, client construction, login without HTTP and"
        " setup_hook; excludes REST round trips, the gateway handshake and shutdown."
    )
    return section
