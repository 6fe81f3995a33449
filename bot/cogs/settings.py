"""`/trivia settings`: the mixin of TriviaCog that shows and changes a server's settings.

Anyone may look (privately); changing needs Manage Server, and the change is announced in the
channel. The database work is deferred first so Discord's 3-second acknowledgement deadline
never depends on SQLite.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.guild_only import guild_id_of
from bot.render import cards
from trivia.models import AnswerMode

if TYPE_CHECKING:
    from bot.client import TriviaBot

Mode = Literal["choice", "typed"]

NO_PERMISSION = "Only members with the Manage Server permission can change trivia settings."


class SettingsCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

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
        spoilers="Hide the answer and explanation of reveals behind spoiler tags",
        report_threshold="Open reports that take a question out of rounds here (0: never)",
        pause="Seconds between a question's reveal and the next question",
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
        spoilers: bool | None = None,
        report_threshold: app_commands.Range[int, 0, 100] | None = None,
        pause: app_commands.Range[int, 0, 30] | None = None,
        starter_role: discord.Role | None = None,
        add_channel: discord.TextChannel | None = None,
        remove_channel: discord.TextChannel | None = None,
        any_channel: bool | None = None,
    ) -> None:
        guild_id = guild_id_of(interaction)
        changes: dict[str, Any] = {
            key: value
            for key, value in (
                ("mode", AnswerMode(mode) if mode else None),
                ("questions", questions),
                ("time_limit", time),
                ("hints", hints),
                ("reveal_answers", reveal),
                ("spoilers", spoilers),
                ("report_threshold", report_threshold),
                ("reveal_pause", pause),
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
