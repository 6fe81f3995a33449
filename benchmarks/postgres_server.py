"""The PostgreSQL server a benchmark runs against: TRIVIA_BENCH_POSTGRES_URL when set, else a
throwaway one started with .ci/postgres.sh (fsync on, PostgreSQL's defaults otherwise)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "postgres.sh"
URL_VAR = "TRIVIA_BENCH_POSTGRES_URL"


@contextmanager
def postgres_url() -> Iterator[str]:
    given = os.environ.get(URL_VAR)
    if given:
        yield given
        return
    folder = Path(tempfile.mkdtemp(prefix="trivia-bench-pg.")) / "cluster"
    folder.parent.chmod(0o755)  # the server's own user must reach the cluster inside
    environ = {**os.environ, "PG_FSYNC": "on"}
    started = subprocess.run(
        [str(SCRIPT), "start", str(folder)], env=environ, capture_output=True, text=True
    )
    if started.returncode != 0:
        raise RuntimeError(f"could not start PostgreSQL: {started.stderr.strip()}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(SCRIPT), "stop", str(folder)], check=False)
        folder.parent.rmdir()


async def fresh_schema(url: str, name: str) -> str:
    """`url` with its tables in schema `name`, emptied first."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE; CREATE SCHEMA "{name}"')
    finally:
        await conn.close()
    return f"{url}{'&' if '?' in url else '?'}search_path={name}"
