"""`/whois name`: a who's-who card for a person, character, show or company.

The lookup itself is `trivia.content.whois.WhoIs`; this cog only parses, calls and renders.
Nothing typed by a user can ping anyone: replies carry no allowed mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import cards

if TYPE_CHECKING:
    from bot.client import TriviaBot

CHOICE_LIMIT = 100  # Discord's maximum length of an autocomplete choice name and value
NO_MENTIONS = discord.AllowedMentions.none()


class WhoisCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="whois", description="Look up a person, character, show or company from the show."
    )
    @app_commands.describe(name="A name or nickname, e.g. Trish")
    async def whois(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        lookup = self.bot.whois.find(name)
        if lookup.card is not None:
            await interaction.response.send_message(
                embed=cards.whois_card(lookup.card), allowed_mentions=NO_MENTIONS
            )
        elif lookup.candidates:
            content, embeds = cards.whois_candidates(name, lookup.candidates)
            await interaction.response.send_message(
                content, embeds=embeds, allowed_mentions=NO_MENTIONS
            )
        else:
            await interaction.response.send_message(
                cards.whois_not_found(name, lookup.suggestions),
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )

    @whois.autocomplete("name")
    async def whois_name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = self.bot.whois.autocomplete(current, limit=25)
        return [app_commands.Choice(name=n[:CHOICE_LIMIT], value=n[:CHOICE_LIMIT]) for n in names]


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(WhoisCog(bot))
