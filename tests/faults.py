"""In-process faults: a store that fails or stalls on demand, wrapped around a real one (a full
disk, a write lock held past the busy timeout, a slow disk), and a Discord that is slow to
accept the bot's messages (as under a rate limit)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from trivia.errors import StorageError
from trivia.storage import Store
from trivia.storage.round_steps import NewRound, RoundStep

WRITES = ("create_round", "apply_step", "settle_announcement", "abandon_round")


class FaultyStore:
    """Delegates to `store`; `fail` makes the named writes raise StorageError (as SQLite's
    "database or disk is full" surfaces), `stall` makes every call wait that many seconds
    first (on the event loop's clock, so SimCord's simulated time drives it)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.failing: set[str] = set()
        self.stall = 0.0
        self.writes: list[str] = []  # the writes that went through, by method name

    def fail(self, *methods: str) -> None:
        self.failing = set(methods or WRITES)

    def recover(self) -> None:
        self.failing = set()
        self.stall = 0.0

    async def _gate(self, method: str) -> None:
        if self.stall:
            await asyncio.sleep(self.stall)
        if method in self.failing:
            raise StorageError("database error: database or disk is full")

    async def create_round(self, new: NewRound) -> tuple[int, list[int]]:
        await self._gate("create_round")
        result = await self._store.create_round(new)
        self.writes.append("create_round")
        return result

    async def apply_step(self, step: RoundStep) -> list[int]:
        await self._gate("apply_step")
        result = await self._store.apply_step(step)
        self.writes.append("apply_step")
        return result

    async def settle_announcement(self, round_id: int, seq: int, message_id: int | None) -> None:
        await self._gate("settle_announcement")
        await self._store.settle_announcement(round_id, seq, message_id)

    async def guild_settings(self, guild_id: int) -> Any:
        await self._gate("guild_settings")
        return await self._store.guild_settings(guild_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class SlowDiscord:
    """Wraps the bot's `http.request`: its message posts and edits wait `delay` seconds first
    (interaction responses go through their own webhook route and are not slowed)."""

    def __init__(self, request: Callable[..., Awaitable[Any]]) -> None:
        self.delay = 0.0
        self._request = request

    async def request(self, route: Any, **kwargs: Any) -> Any:
        if self.delay and "/messages" in route.path and route.method in ("POST", "PATCH"):
            await asyncio.sleep(self.delay)
        return await self._request(route, **kwargs)
