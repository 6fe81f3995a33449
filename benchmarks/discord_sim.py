"""A real TriviaBot against SimCord, built the way tests/bot/conftest.py builds it, plus a
stopwatch on what crosses the simulated wire.

The stopwatch on the wire is tests/bot/stopwatch.py, shared with the tests that check every
interaction is acknowledged in time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.config import Config
from tests.bot.helpers import GUILD_ID, SimClock
from tests.bot.stopwatch import INTERACTION_PREFIX, Stopwatch
from trivia.content.library import Library, import_library
from trivia.storage import Store, open_store

PLAYER_NAMES = ("alice", "bob", "carol", "dave")


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
async def simulated_bot(
    library: Library,
    database: Path,
    *,
    wrap_store: Callable[[Store], Store] | None = None,
    **config: Any,
) -> AsyncIterator[Sim]:
    """A started SimCord env around a real TriviaBot on a fresh file database with the bundled
    content: one guild (id GUILD_ID, in the config's dev guilds) and four members. The bot
    sees the store through `wrap_store` when given (to inject faults)."""
    clock = SimClock()
    store = await open_store(database, now=clock.now)
    try:
        await import_library(store, library)
        base = Config(database=database, log_level="WARNING", dev_guild_ids=(GUILD_ID,))
        seen = store if wrap_store is None else wrap_store(store)
        bot = TriviaBot(dataclasses.replace(base, **config), seen, library, clock=clock)
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
