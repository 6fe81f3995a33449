"""The client the config asks for: sharded over exactly its shards, else one connection."""

from __future__ import annotations

from discord.ext import commands

from bot.client import TriviaBot, make_bot
from bot.config import Config
from trivia.content.library import Library
from trivia.storage import Store


async def test_shard_settings_make_a_bot_over_exactly_those_shards(
    sim_store: Store, library: Library
) -> None:
    bot = make_bot(Config(shard_count=4, shard_ids=(1, 3)), sim_store, library)
    assert isinstance(bot, commands.AutoShardedBot) and isinstance(bot, TriviaBot)
    assert (bot.shard_count, bot.shard_ids) == (4, [1, 3])


async def test_a_shard_count_alone_runs_every_shard(sim_store: Store, library: Library) -> None:
    bot = make_bot(Config(shard_count=2), sim_store, library)
    assert isinstance(bot, commands.AutoShardedBot)
    assert (bot.shard_count, bot.shard_ids) == (2, None)


async def test_without_shard_settings_the_bot_runs_as_before(
    sim_store: Store, library: Library
) -> None:
    bot = make_bot(Config(), sim_store, library)
    assert not isinstance(bot, commands.AutoShardedBot)
    assert bot.shard_count is None
