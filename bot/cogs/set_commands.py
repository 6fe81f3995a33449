"""`/trivia sets`: the mixin of TriviaCog that lists the question sets.

The database work is deferred first so Discord's 3-second acknowledgement deadline never
depends on SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import cards

if TYPE_CHECKING:
    from bot.client import TriviaBot


class SetCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="sets", description="List the question sets you can play.")
    async def sets(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        summaries = await self.bot.store.question_sets()
        await interaction.followup.send(embed=cards.sets_embed(summaries))
