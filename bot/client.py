"""`TriviaBot`: the discord.py client holding the game's services.

It owns no game rules. It carries the config, the store, the loaded content, the who's-who
index and the round manager for the cogs, loads those cogs, and publishes slash commands
only where the config says (development guilds at start-up; globally only on request).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import discord
from discord.ext import commands

from bot.channel_rounds.driver import LEASE_RENEWAL, RoundDriver
from bot.config import Config
from bot.errors import TriviaTree
from bot.guild_library import GuildLibrary
from bot.views.forget import ForgetButton
from trivia.content.library import Library
from trivia.content.whois import WhoIs
from trivia.engine.settings import Clock
from trivia.errors import TriviaError
from trivia.storage import Store
from trivia.storage.round_steps import RoundRecord

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.cogs.trivia", "bot.cogs.whois", "bot.cogs.answer")
"""Cog modules, each with `async def setup(bot)`."""


def _monotonic() -> float:
    # Looked up at call time, not bound once: test simulators replace time.monotonic.
    return time.monotonic()


def intents_for(config: Config) -> discord.Intents:
    """Only what the bot uses: guild events; messages only for typed answers in chat."""
    intents = discord.Intents.none()
    intents.guilds = True
    if config.typed_answers_in_chat:
        intents.guild_messages = True
        intents.message_content = True
    return intents


def shard_options(config: Config) -> dict[str, Any]:
    """Client options for the config's shards; none when it runs unsharded."""
    if not config.sharded:
        return {}
    shard_ids = list(config.shard_ids) if config.shard_ids is not None else None
    return {"shard_count": config.shard_count, "shard_ids": shard_ids}


class TriviaBot(commands.Bot):
    def __init__(
        self, config: Config, store: Store, library: Library, *, clock: Clock | None = None
    ) -> None:
        # The bot never joins voice: skip discord.py's warnings about missing voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(config),
            tree_cls=TriviaTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **shard_options(config),
        )
        self.config = config
        self.store = store
        self.library = library
        self.catalog = GuildLibrary(store, library)  # what each server can play
        self.clock: Clock = clock or _monotonic
        self.whois = WhoIs(library.whoswho)
        self.driver = RoundDriver(self, owner=config.instance_name())
        self.add_dynamic_items(ForgetButton)  # a forget-me confirmation outlives a restart
        self._to_resume: list[RoundRecord] | None = None
        self._lease_renewal: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        # Before any command can arrive: the channels of interrupted rounds are held for them.
        self._to_resume = await self.driver.expect_resume()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.config.sync_commands:
            await self.sync_configured()

    def serves(self, record: RoundRecord) -> bool:
        """Whether this process drives rounds of that round's guild (its shards)."""
        return self.config.serves_guild(record.guild_id)

    async def sync_configured(self) -> None:
        """Publish commands to the dev guilds, and globally only if the config asks to."""
        for guild_id in self.config.dev_guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.HTTPException as error:  # e.g. the bot is not in that server
                log.error("Could not sync commands to guild %s: %s", guild_id, error)
                continue
            log.info("Synced %d commands to development guild %s", len(synced), guild_id)
        if self.config.sync_globally:
            synced = await self.tree.sync()
            log.info("Synced %d commands globally (may take a while to appear)", len(synced))

    async def on_message(self, message: discord.Message, /) -> None:
        """Nothing: the bot has no prefix commands, so chat messages skip discord.py's
        command parsing (`process_commands`); typed answers in chat are the answer cog's."""

    async def on_ready(self) -> None:
        user = self.user
        log.info("Logged in as %s (%s) in %d servers", user, user and user.id, len(self.guilds))
        if self._to_resume is not None:
            records, self._to_resume = self._to_resume, None
            self._lease_renewal = asyncio.create_task(self._renew_leases(), name="lease-renewal")
            await self.driver.resume_all(records)

    async def _renew_leases(self) -> None:
        while True:
            await asyncio.sleep(LEASE_RENEWAL)
            try:
                await self.driver.renew_leases()
            except TriviaError as error:
                log.warning("Could not renew round leases: %s", error)

    async def close(self) -> None:
        if self._lease_renewal is not None:
            self._lease_renewal.cancel()
        await super().close()


class ShardedTriviaBot(TriviaBot, commands.AutoShardedBot):
    """TriviaBot over exactly the config's shards, one gateway connection each."""


def make_bot(
    config: Config, store: Store, library: Library, *, clock: Clock | None = None
) -> TriviaBot:
    """The client the config asks for: sharded when it names shards, else as before."""
    kind = ShardedTriviaBot if config.sharded else TriviaBot
    return kind(config, store, library, clock=clock)
