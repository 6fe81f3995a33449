"""`/trivia leaderboard | stats`: the mixin of TriviaCog that reads players' records.

Thin: parse options, ask the Store, render with `bot.render.cards`. Database work is
deferred first so Discord's 3-second acknowledgement deadline never depends on SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.guild_only import guild_id_of
from bot.render import cards
from trivia.records import LeaderboardSort, Period
from trivia.storage import DEFAULT_MIN_ANSWERS

if TYPE_CHECKING:
    from bot.client import TriviaBot

Scope = Literal["server", "global"]
Sort = Literal["points", "wins", "accuracy", "streak"]
Window = Literal["all", "week", "month"]

ACCURACY_NOTE = f"Players appear here once they have answered {DEFAULT_MIN_ANSWERS} questions."


class RecordCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="leaderboard", description="Show the top 10 players.")
    @app_commands.describe(
        scope="This server only, or every server",
        sort="What to rank by",
        period="All time, this week (from Monday, UTC) or this month",
    )
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        scope: Scope = "server",
        sort: Sort = "points",
        period: Window = "all",
    ) -> None:
        guild_id = guild_id_of(interaction) if scope == "server" else None
        await interaction.response.defer()
        order, window = LeaderboardSort(sort), Period(period)
        store = self.bot.store
        rows = await store.leaderboard(guild_id, order, window, limit=10)
        own = await store.player_rank(guild_id, interaction.user.id, order, window)
        note = ACCURACY_NOTE if order is LeaderboardSort.ACCURACY else None
        embed = cards.leaderboard_embed(
            rows,
            sort=order,
            period=window,
            own_rank=own,
            note=note,
            scope_label="this server" if guild_id else "all servers",
        )
        await interaction.followup.send(embed=embed)

    @app_commands.command(name="stats", description="Show a player's trivia stats here.")
    @app_commands.describe(member="Whose stats (you, if left out)")
    async def stats(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        guild_id = guild_id_of(interaction)
        who = member or interaction.user
        await interaction.response.defer()
        stats = await self.bot.store.player_stats(guild_id, who.id)
        rank = await self.bot.store.player_rank(guild_id, who.id)
        name = cards.echo(who.display_name)
        embed = cards.stats_embed(name, stats, rank, scope_label="this server")
        await interaction.followup.send(embed=embed)
