"""The store's background fold of score counts: it folds every interval, survives a failed
fold (logged, tried again next tick), and stops cleanly."""

from __future__ import annotations

import asyncio
import logging

import pytest

from trivia.storage.postgres.score_counts import Folder


class FlakyFold:
    """Fails its first `failures` calls, then counts folds and wakes `folded`."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0
        self.folded = asyncio.Event()

    async def __call__(self) -> int:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionResetError("server went away")
        self.folded.set()
        return 1


async def test_a_failed_fold_is_logged_and_tried_again(caplog: pytest.LogCaptureFixture) -> None:
    fold = FlakyFold(failures=2)
    folder = Folder(fold, interval=0)
    with caplog.at_level(logging.ERROR):
        folder.start()
        await asyncio.wait_for(fold.folded.wait(), timeout=5)
        await folder.stop()
    assert fold.calls >= 3
    failures = [r for r in caplog.records if "folding score counts failed" in r.getMessage()]
    assert len(failures) == 2


async def test_folds_wait_for_the_interval_and_stop_cleanly() -> None:
    waits: list[float] = []
    release = asyncio.Event()

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await release.wait()
        release.clear()

    fold = FlakyFold(failures=0)
    folder = Folder(fold, interval=2.5, sleep=sleep)
    folder.start()
    await asyncio.sleep(0)
    assert (waits, fold.calls) == ([2.5], 0)
    release.set()
    await asyncio.wait_for(fold.folded.wait(), timeout=5)
    await folder.stop()
    assert fold.calls == 1
    await folder.stop()  # a second stop is harmless
