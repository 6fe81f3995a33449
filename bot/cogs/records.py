"""`/trivia sets | leaderboard | stats | settings`: the mixin of TriviaCog that reads records.

Thin: parse options, ask the Store, render with `bot.render.cards`. Database work is
deferred first so Discord's 3-second acknowledgement deadline never depends on SQLite.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands

from bot.render import cards
from trivia.models import AnswerMode
from trivia.records import LeaderboardSort, Period
from trivia.storage import DEFAULT_MIN_ANSWERS

if TYPE_CHECKING:
    from bot.client import TriviaBot

Scope = Literal["server", "global"]
Sort = Literal["points", "wins", "accuracy", "streak"]
Window = Literal["all", "week", "month"]
Mode = Literal["choice", "typed"]

ACCURACY_NOTE = f"Players appear here once they have answered {DEFAULT_MIN_ANSWERS} questions."
NO_PERMISSION = "Only members with the Manage Server permission can change trivia settings."


def _guild_id(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:  # the group is guild-only; this is a safety net
        raise app_commands.NoPrivateMessage()
    return interaction.guild_id


class RecordCommands:
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="sets", description="List the question sets you can play.")
    async def sets(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        summaries = await self.bot.store.question_sets()
        await interaction.followup.send(embed=cards.sets_embed(summaries))

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
        guild_id = _guild_id(interaction) if scope == "server" else None
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
        guild_id = _guild_id(interaction)
        who = member or interaction.user
        await interaction.response.defer()
        stats = await self.bot.store.player_stats(guild_id, who.id)
        rank = await self.bot.store.player_rank(guild_id, who.id)
        name = cards.echo(who.display_name)
        embed = cards.stats_embed(name, stats, rank, scope_label="this server")
        await interaction.followup.send(embed=embed)

    @app_commands.command(
        name="settings",
        description="Show this server's trivia settings; with options, change them.",
    )
    @app_commands.describe(
        mode="choice: four buttons, everyone right scores; typed: first right answer wins",
        questions="Questions per round",
        time="Seconds per question",
        hints="Typed mode: reveal letters of the answer over time",
        reveal="Show the right answer when a question closes",
        starter_role="Only this role may start rounds (pick @everyone to allow anyone)",
        add_channel="Allow rounds in this channel (the first one limits rounds to the list)",
        remove_channel="Stop allowing rounds in this channel",
        any_channel="True: allow rounds in every channel again",
    )
    async def settings(
        self,
        interaction: discord.Interaction,
        mode: Mode | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        time: app_commands.Range[int, 5, 300] | None = None,
        hints: bool | None = None,
        reveal: bool | None = None,
        starter_role: discord.Role | None = None,
        add_channel: discord.TextChannel | None = None,
        remove_channel: discord.TextChannel | None = None,
        any_channel: bool | None = None,
    ) -> None:
        guild_id = _guild_id(interaction)
        changes: dict[str, Any] = {
            key: value
            for key, value in (
                ("mode", AnswerMode(mode) if mode else None),
                ("questions", questions),
                ("time_limit", time),
                ("hints", hints),
                ("reveal_answers", reveal),
            )
            if value is not None
        }
        if starter_role is not None:
            changes["starter_role_id"] = None if starter_role.is_default() else starter_role.id
        wants_change = bool(changes) or any(
            option is not None for option in (add_channel, remove_channel, any_channel)
        )
        if wants_change and not interaction.permissions.manage_guild:
            await interaction.response.send_message(NO_PERMISSION, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=not wants_change)
        current = await self.bot.store.guild_settings(guild_id)
        if not wants_change:
            await interaction.followup.send(embed=cards.settings_embed(current), ephemeral=True)
            return
        channels = [] if any_channel else list(current.channel_ids)
        if add_channel is not None and add_channel.id not in channels:
            channels.append(add_channel.id)
        if remove_channel is not None and remove_channel.id in channels:
            channels.remove(remove_channel.id)
        updated = dataclasses.replace(current, channel_ids=tuple(channels), **changes)
        await self.bot.store.save_guild_settings(guild_id, updated)
        await interaction.followup.send(
            f"Settings updated by {interaction.user.mention}.",
            embed=cards.settings_embed(updated),
        )
