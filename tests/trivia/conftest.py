"""Shared fixtures: a fake round clock, a small mixed question set, and a store on a file
database (`file_store`) with a wall clock the test moves. The classes behind them are in
tests/trivia/helpers.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.trivia.helpers import FakeClock, WallClock, build_small_set
from trivia.models import QuestionSet
from trivia.storage import Store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def small_set() -> QuestionSet:
    return build_small_set()


@pytest.fixture
def wall_clock() -> WallClock:
    return WallClock()


@pytest.fixture
async def file_store(tmp_path: Path, wall_clock: WallClock) -> AsyncIterator[Store]:
    """A fresh file database whose timestamps follow `wall_clock`."""
    async with await Store.open(tmp_path / "trivia.db", now=wall_clock) as opened:
        yield opened
