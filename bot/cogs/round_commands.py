"""`/trivia start | stop | skip`: the mixin of TriviaCog that runs rounds.

Thin: check who may do what here, work out the round's settings, hand over to the bot's
RoundDriver. Refusals are short ephemeral replies; the round itself talks in the channel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import join_within
from bot.render.cards import echo
from bot.render.rounds import round_intro
from trivia.engine.settings import GuildSettings
from trivia.errors import RoundAlreadyRunning
from trivia.models import AnswerMode

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

Mode = Literal["choice", "typed"]
NO_MENTIONS = discord.AllowedMentions.none()
NOTHING_RUNNING = "No round is running here."
CANNOT_POST = "I can't post in this channel, so the round was called off."
NO_SETS = "No question sets are loaded, so there is nothing to play yet."
PLACES_LIMIT = 1500  # of a refusal's 2,000 characters, for the list of allowed channels


def start_refusal(interaction: discord.Interaction, guild: GuildSettings) -> str | None:
    """Why this member may not start a round in this channel, or None if they may."""
    channel = interaction.channel
    allowed = set(guild.channel_ids)
    parent_id = getattr(channel, "parent_id", None)
    if allowed and interaction.channel_id not in allowed and parent_id not in allowed:
        places = join_within([f"<#{c}>" for c in guild.channel_ids], PLACES_LIMIT, ", ")
        return f"Rounds can only be started in {places}."
    role_id = guild.starter_role_id
    member = interaction.user
    if role_id is not None and not interaction.permissions.manage_guild:
        roles = getattr(member, "roles", ())
        if all(role.id != role_id for role in roles):
            return f"Only members with the <@&{role_id}> role can start rounds here."
    return None


class RoundCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="start", description="Start a round of trivia in this channel.")
    @app_commands.rename(set_id="set", time_limit="time")
    @app_commands.describe(
        set_id="Which question set (the first one if left out)",
        questions="How many questions (the server's setting if left out)",
        mode="choice: four buttons, everyone can score; typed: first right answer wins",
        time_limit="Seconds per question",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        set_id: str | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        mode: Mode | None = None,
        time_limit: app_commands.Range[int, 5, 300] | None = None,
    ) -> None:
        channel = interaction.channel
        if interaction.guild_id is None or not isinstance(channel, discord.abc.Messageable):
            raise app_commands.NoPrivateMessage()
        sets = self.bot.library.sets
        question_set = sets.get(set_id) if set_id else next(iter(sets.values()), None)
        if question_set is None:
            missing = f"There is no question set called “{echo(set_id)}”." if set_id else NO_SETS
            await _private(interaction, missing)
            return
        guild = await self.bot.store.guild_settings(interaction.guild_id)
        refusal = start_refusal(interaction, guild)
        if refusal is not None:
            await _private(interaction, refusal)
            return
        settings = guild.for_round(
            question_set,
            questions=questions,
            mode=AnswerMode(mode) if mode else None,
            time_limit=time_limit,
        )

        async def acknowledge() -> None:
            intro = round_intro(
                question_set.title,
                questions=settings.questions,
                mode=settings.mode,
                time_limit=settings.time_limit,
                started_by=interaction.user.id,
            )
            await interaction.response.send_message(intro, allowed_mentions=NO_MENTIONS)

        try:
            live = await self.bot.driver.start(
                channel,
                channel_id=interaction.channel_id or 0,
                guild_id=interaction.guild_id,
                started_by=interaction.user.id,
                question_set=question_set,
                settings=settings,
                reveal_answers=guild.reveal_answers,
                after_commit=acknowledge,
            )
        except RoundAlreadyRunning:
            await _private(interaction, "A round is already running here; wait for it to end.")
            return
        if live.over and not live.round.finished:  # question 1 could not be posted
            await interaction.followup.send(CANNOT_POST, ephemeral=True)

    @start.autocomplete("set_id")
    async def _set_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold().strip()
        return [
            app_commands.Choice(name=qs.title[:100], value=qs.id)
            for qs in self.bot.library.sets.values()
            if needle in qs.id.casefold() or needle in qs.title.casefold()
        ][:25]

    @app_commands.command(name="stop", description="Stop the round running here.")
    async def stop(self, interaction: discord.Interaction) -> None:
        await self._control(interaction, "stop", "Round stopped.")

    @app_commands.command(name="skip", description="Skip the question that is open here.")
    async def skip(self, interaction: discord.Interaction) -> None:
        await self._control(interaction, "skip", "Question skipped.")

    async def _control(
        self, interaction: discord.Interaction, action: Literal["stop", "skip"], done: str
    ) -> None:
        """Stop or skip, for whoever started the round or anyone with Manage Server."""
        manager = self.bot.driver
        channel_id = interaction.channel_id or 0
        live = manager.get(channel_id)
        if live is None:
            await _private(interaction, NOTHING_RUNNING)
            return
        if live.started_by != interaction.user.id and not interaction.permissions.manage_guild:
            await _private(
                interaction,
                f"Only <@{live.started_by}> (who started this round) or someone with the "
                f"Manage Server permission can {action} it.",
            )
            return

        async def acknowledge() -> None:
            await _private(interaction, done)

        act = manager.stop if action == "stop" else manager.skip
        if not await act(channel_id, after_commit=acknowledge):
            await _private(interaction, NOTHING_RUNNING)


async def _private(interaction: discord.Interaction, text: str) -> None:
    """A one-line ephemeral reply: refusals and acknowledgements alike."""
    await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
