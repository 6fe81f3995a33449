"""Folding the pending score count changes into score_counts (migration 0003), now and then.

Writers only insert changes; a rank sums score_counts and the changes still pending, so it is
exact whether or not a fold has run, but it slows as changes pile up. The store folds once
when it opens and then every FOLD_INTERVAL seconds on a background task. The fold is one SQL
function under a try-lock: when several processes share the database, one folds at a time
and the others skip that tick. After a fold that moved rows the change table is all dead
rows, so it is vacuumed at once rather than left to autovacuum.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg

FOLD_INTERVAL = 1.0
"""Seconds between folds on the store's background task."""

log = logging.getLogger(__name__)


async def fold_score_counts(conn: asyncpg.Connection) -> int:
    """Fold every pending change (0 when another fold holds the lock); vacuum the change
    table after a fold that moved rows. Runs outside a transaction, as VACUUM must."""
    moved = int(await conn.fetchval("SELECT trivia_fold_score_counts()"))
    if moved:
        await conn.execute("VACUUM score_count_changes")
    return moved


class Folder:
    """Runs `fold` every `interval` seconds until stopped. A fold that fails is logged and
    tried again on the next tick: ranks stay exact meanwhile, only slower."""

    def __init__(
        self,
        fold: Callable[[], Awaitable[int]],
        interval: float = FOLD_INTERVAL,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._fold = fold
        self._interval = interval
        self._sleep = sleep
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="fold score counts")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            await self._sleep(self._interval)
            try:
                await self._fold()
            except Exception:  # a background task must outlive any one failure
                log.exception("folding score counts failed; trying again in %ss", self._interval)
