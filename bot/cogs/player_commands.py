"""`/trivia help` and `/trivia forget-me`: the mixin of TriviaCog for a player's own needs.

Both answer privately. forget-me deletes nothing itself: it shows a confirmation button
(bot.views.forget), and only the player's click on it deletes their data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render.help import help_embed
from bot.views.forget import confirm_view

if TYPE_CHECKING:
    from bot.client import TriviaBot

CONFIRM = (
    "This deletes your trivia answers, your stats on every leaderboard and your question "
    "reports, in every server, for good. Rounds you started stay in the history. Sure?"
)


class PlayerCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="help", description="How trivia works, and its commands.")
    async def help(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=help_embed(), ephemeral=True)

    @app_commands.command(
        name="forget-me", description="Delete your answers, stats and reports (asks first)."
    )
    async def forget_me(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            CONFIRM,
            view=confirm_view(interaction.user.id),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
