"""The timer of one channel's round: sleep until the round's next deadline, then let it tick.

The round itself knows when it next has something to do (`Round.next_deadline`, on the same
clock the bot injects into it); the runner only waits for that moment with `asyncio.sleep`, so
the simulator's virtual time drives it in tests exactly as the wall clock does in production.
A player's action can move the deadline (a right answer asks the next question at once), so
the manager calls `wake()` after every change and the runner re-reads the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from trivia.engine.settings import Clock

log = logging.getLogger(__name__)

RETRY_DELAY = 5.0  # seconds before a failed tick is tried again


class RoundTimer:
    """One task per running round; `on_due` is called (by the task) whenever a deadline passes."""

    __slots__ = ("_clock", "_deadline", "_name", "_on_due", "_sleeping", "_task")

    def __init__(
        self,
        name: str,
        clock: Clock,
        deadline: Callable[[], float | None],
        on_due: Callable[[], Awaitable[None]],
    ) -> None:
        self._name = name
        self._clock = clock
        self._deadline = deadline
        self._on_due = on_due
        self._task: asyncio.Task[None] | None = None
        self._sleeping: asyncio.Task[None] | None = None  # the task, while it only sleeps

    def wake(self) -> None:
        """Re-read the deadline: restart a sleeping task; a busy one re-reads it when done."""
        task = self._task
        if task is not None and not task.done():
            if self._sleeping is not task:
                return
            task.cancel()
        self._sleeping = None
        self._task = asyncio.create_task(self._run(), name=self._name)

    def cancel(self) -> None:
        """Stop the timer without waiting (the round is over or no longer ours)."""
        task, self._task = self._task, None
        self._sleeping = None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def stop(self) -> None:
        """Cancel the task and wait for it to finish (never call this from `on_due`)."""
        task, self._task = self._task, None
        self._sleeping = None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        me = asyncio.current_task()
        while (deadline := self._deadline()) is not None:
            delay = deadline - self._clock()
            if delay > 0:
                self._sleeping = me
                try:
                    await asyncio.sleep(delay)
                finally:
                    if self._sleeping is me:
                        self._sleeping = None
            try:
                await self._on_due()
            except Exception:
                log.exception("round timer %s failed", self._name)
                if self._deadline() == deadline:
                    # Nothing moved on: retry later rather than spin, and never leave the
                    # round without a timer.
                    await asyncio.sleep(RETRY_DELAY)
