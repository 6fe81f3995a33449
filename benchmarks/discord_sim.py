"""A real TriviaBot against SimCord, built the way tests/bot/conftest.py builds it, plus a
stopwatch on what crosses the simulated wire.

SimCord's request log (`env.http_requests`) has no timestamps, so `Stopwatch` wraps it and
listens to the gateway: every INTERACTION_CREATE and every REST call is stamped with the
simulated clock and `perf_counter`. The bot's handlers run in real time while the simulated
clock only moves when the bot sleeps or the driver advances it, so an acknowledgement's delay
is read on both clocks.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import discord
from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.config import Config
from tests.bot.helpers import GUILD_ID, SimClock
from trivia.content.library import Library
from trivia.storage import Store

PLAYER_NAMES = ("alice", "bob", "carol", "dave")
INTERACTION_PREFIX = "/interactions/"


@dataclass(frozen=True, slots=True)
class Stamp:
    virtual: datetime  # SimCord's clock
    real: float  # time.perf_counter()


class _StampedLog(list[Any]):
    """SimCord's request list, stamping each request as the router appends it."""

    def __init__(self, env: Env) -> None:
        super().__init__()
        self._env = env
        self.stamps: list[Stamp] = []

    def append(self, item: Any) -> None:
        self.stamps.append(Stamp(self._env.now(), time.perf_counter()))
        super().append(item)


@dataclass(frozen=True, slots=True)
class Ack:
    """From INTERACTION_CREATE to the bot's callback request; None: never acknowledged."""

    virtual_s: float | None
    real_s: float | None

    def within(self, limit_s: float) -> bool:
        return (
            self.virtual_s is not None
            and self.real_s is not None
            and self.virtual_s < limit_s
            and self.real_s < limit_s
        )


@dataclass(frozen=True, slots=True)
class Window:
    """What happened between two moments: the bot's REST calls and its acknowledgements."""

    requests: list[Any]  # simcord HttpLogEntry
    acks: list[Ack]


class Stopwatch:
    """When each interaction was dispatched to the bot and when each REST call was made."""

    def __init__(self, env: Env) -> None:
        self._env = env
        self.log = _StampedLog(env)
        env.backend.http_requests = self.log
        self.dispatched: dict[int, Stamp] = {}  # interaction id -> INTERACTION_CREATE
        env.backend.subscribers.insert(0, self._on_event)  # ahead of the bot's own feed

    def _on_event(self, event: str, payload: Any) -> None:
        if event == "INTERACTION_CREATE":
            self.dispatched[int(payload["id"])] = Stamp(self._env.now(), time.perf_counter())

    def mark(self) -> tuple[int, int]:
        """Where the records stand now; `since(mark)` reads what came after."""
        return len(self.log), len(self.dispatched)

    def since(self, mark: tuple[int, int]) -> Window:
        first_request, first_interaction = mark
        answered: dict[int, Stamp] = {}
        for request, stamp in zip(
            self.log[first_request:], self.log.stamps[first_request:], strict=True
        ):
            if request.path.startswith(INTERACTION_PREFIX) and request.path.endswith("/callback"):
                answered.setdefault(int(request.path.split("/")[2]), stamp)
        acks: list[Ack] = []
        for interaction_id, sent in list(self.dispatched.items())[first_interaction:]:
            done = answered.get(interaction_id)
            if done is None:
                acks.append(Ack(None, None))
            else:
                acks.append(
                    Ack((done.virtual - sent.virtual).total_seconds(), done.real - sent.real)
                )
        return Window(list(self.log[first_request:]), acks)


@dataclass(frozen=True, slots=True)
class Sim:
    env: Env
    bot: TriviaBot
    store: Store
    clock: SimClock
    stopwatch: Stopwatch
    guild: GuildHandle
    players: tuple[MemberActor, ...]

    def new_channel(self, name: str) -> ChannelHandle:
        return self.guild.create_text_channel(name)

    def is_interaction(self, path: str) -> bool:
        """An interaction response or followup: the callback, or the app's webhook token."""
        application = f"/webhooks/{self.env.backend.application_id}/"
        return path.startswith(INTERACTION_PREFIX) or path.startswith(application)


@asynccontextmanager
async def simulated_bot(library: Library, database: Path, **config: Any) -> AsyncIterator[Sim]:
    """A started SimCord env around a real TriviaBot on a fresh file database with the bundled
    content: one guild (id GUILD_ID, in the config's dev guilds) and four members."""
    clock = SimClock()
    store = await Store.open(database, now=clock.now)
    try:
        await store.import_library(library)
        base = Config(database=database, log_level="WARNING", dev_guild_ids=(GUILD_ID,))
        bot = TriviaBot(dataclasses.replace(base, **config), store, library, clock=clock)
        env = Env(bot)
        guild = env.create_guild("Benchmark Server", id=GUILD_ID)
        managers = guild.create_role(
            "Moderators", permissions=discord.Permissions(manage_guild=True)
        )
        players = tuple(
            guild.add_member(env.create_user(name), roles=[managers] if i == 0 else [])
            for i, name in enumerate(PLAYER_NAMES)
        )
        clock.env = env
        stopwatch = Stopwatch(env)
        await env.start()
        try:
            yield Sim(env, bot, store, clock, stopwatch, guild, players)
        finally:
            await env.shutdown()
    finally:
        await store.close()
