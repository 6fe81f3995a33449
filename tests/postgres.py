"""The test PostgreSQL server, for every suite that runs against it (a plugin of
tests/conftest.py): `postgres_database` is a URL whose tables live in a fresh schema.

TRIVIA_TEST_POSTGRES_URL names the server. Without it PostgreSQL tests skip (one line at the
end of the run says how to run them); under CI (CI=1) a missing URL fails them instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

POSTGRES_URL_VAR = "TRIVIA_TEST_POSTGRES_URL"
HOW_TO_RUN = (
    f"PostgreSQL store tests skipped: run .ci/run, or set {POSTGRES_URL_VAR}, e.g. "
    f"export {POSTGRES_URL_VAR}=$(.ci/postgres.sh start /tmp/trivia-pg)"
)
_skipped: list[str] = []


def postgres_url() -> str:
    """The test server's URL; skips the test without one, fails it under CI."""
    url = os.environ.get(POSTGRES_URL_VAR, "")
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {POSTGRES_URL_VAR} is not: the PostgreSQL tests must run")
    _skipped.append(HOW_TO_RUN)
    pytest.skip(HOW_TO_RUN)


def with_schema(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}search_path={schema}"


@pytest.fixture
async def postgres_database() -> AsyncIterator[str]:
    """A URL whose tables live in a schema of their own, dropped after the test."""
    url = postgres_url()
    schema = f"test_{uuid.uuid4().hex}"
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield with_schema(url, schema)
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped:
        terminalreporter.write_line(HOW_TO_RUN)
