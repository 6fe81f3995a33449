"""`trivia-bot sync [--guild ID ...]`: publish the slash commands, then exit.

Without --guild the commands go global (every server; Discord may take a while to show
changes). Run it once after installing or upgrading, rather than syncing on every start.
Logs in over HTTP only; no gateway connection, no rounds, the database is not touched.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli.run import add_config_argument, configured_with_token

if TYPE_CHECKING:
    from bot.client import TriviaBot
    from bot.config import Config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    parser.add_argument(
        "--guild",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        help="sync only to this server (repeatable); changes show up there at once",
    )


async def publish(bot: TriviaBot, guild_ids: Sequence[int]) -> int:
    """Sync the bot's command tree to `guild_ids`, or globally when there are none."""
    import discord

    if not guild_ids:
        return len(await bot.tree.sync())
    count = 0
    for guild_id in guild_ids:
        guild = discord.Object(guild_id)
        bot.tree.copy_global_to(guild=guild)
        count = len(await bot.tree.sync(guild=guild))
    return count


async def _sync(config: Config, guild_ids: Sequence[int]) -> int:
    from bot.client import TriviaBot
    from trivia.content.library import load_library
    from trivia.storage import Store

    assert config.token
    # No syncing from setup_hook: this command decides where the commands go.
    quiet = dataclasses.replace(config, dev_guild_ids=(), sync_globally=False)
    store = await Store.open(":memory:")
    try:
        async with TriviaBot(quiet, store, load_library()) as bot:
            await bot.login(config.token)
            return await publish(bot, guild_ids)
    finally:
        await store.close()


def main(args: argparse.Namespace) -> int:
    config = configured_with_token(args)
    if config is None:
        return 2

    import discord

    from bot.launcher import BAD_TOKEN, logging_to_stderr

    with logging_to_stderr(config.log_level, secrets=[config.token or ""]):
        try:
            count = asyncio.run(_sync(config, args.guild))
        except discord.LoginFailure:
            print(BAD_TOKEN, file=sys.stderr)
            return 2
        except discord.HTTPException as error:
            print(f"trivia-bot: Discord refused the sync: {error}", file=sys.stderr)
            return 1
    where = ", ".join(str(g) for g in args.guild) if args.guild else "every server (global)"
    print(f"Synced {count} top-level commands to {where}.")
    return 0
