"""Every store test runs against each backend: `store` (and `database`, for tests that open a
second store on the same data) is parametrised over SQLite and PostgreSQL.

PostgreSQL tests get a fresh schema on the test server (`postgres_database`, tests/postgres.py),
and skip without one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.trivia.conftest import WallClock
from trivia.storage import interface, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database string as `database:` in the config takes it: a path or a URL."""
    if request.param == "sqlite":
        return str(tmp_path / "trivia.db")
    return request.getfixturevalue("postgres_database")


@pytest.fixture
async def store(database: str, wall_clock: WallClock) -> AsyncIterator[interface.Store]:
    """A fresh database of each backend whose timestamps follow `wall_clock`."""
    opened = await open_store(database, now=wall_clock)
    try:
        yield opened
    finally:
        await opened.close()
