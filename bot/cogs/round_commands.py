"""`/trivia start | stop | skip`: the mixin of TriviaCog that runs rounds.

Thin: check who may do what here, work out the round's settings, hand over to the bot's
RoundDriver. Refusals are short ephemeral replies; the round itself talks in the channel.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.guild_only import guild_id_of
from bot.permissions import missing_permissions
from bot.render import join_within
from bot.render.cards import echo
from bot.render.rounds import round_intro
from bot.replies import Reply, reply_in_time, send_reply
from trivia.engine.selection import Selection, left_out_of, topics
from trivia.engine.settings import GuildSettings
from trivia.errors import RoundAlreadyRunning
from trivia.models import AnswerMode, Difficulty
from trivia.service.round_service import StepResult

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

Mode = Literal["choice", "typed"]
DifficultyOption = Literal["easy", "medium", "hard", "mixed"]
NO_MENTIONS = discord.AllowedMentions.none()
NOTHING_RUNNING = "No round is running here."
NO_SETS = "No question sets are loaded, so there is nothing to play yet."
PLACES_LIMIT = 1500  # of a refusal's 2,000 characters, for the list of allowed channels


def too_few(wanted: Selection, matching: int, asked: int, set_title: str) -> str:
    """Why a round cannot be drawn: how many questions match, and what to ask for instead."""
    title = echo(set_title)
    if matching == 0:
        return f"No {echo(wanted.describe())} in “{title}”: try another difficulty or topic."
    return (
        f"Only {matching} {echo(wanted.describe())} in “{title}”, fewer than the {asked} "
        f"asked for: start with `questions:{matching}`, or pick another difficulty or topic."
    )


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
        difficulty="Only questions of this difficulty (mixed: all)",
        topic="Only questions on this topic (one of the set's tags)",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        set_id: str | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        mode: Mode | None = None,
        time_limit: app_commands.Range[int, 5, 300] | None = None,
        difficulty: DifficultyOption | None = None,
        topic: app_commands.Range[str, 1, 32] | None = None,
    ) -> None:
        guild_id = guild_id_of(interaction)
        missing = missing_permissions(interaction)
        if missing is not None:
            log.warning(
                "Start refused in guild %s, channel %s: missing %s",
                guild_id, interaction.channel_id, missing,
            )  # fmt: skip
            await send_reply(interaction, Reply(missing))
            return
        started: list[StepResult] = []
        wanted = Selection(
            difficulty=None if difficulty in (None, "mixed") else Difficulty(difficulty),
            topic=topic.strip() if topic else None,
        )
        work = self._start(
            interaction, guild_id, started, set_id, questions, mode, time_limit, wanted
        )
        try:
            await reply_in_time(interaction, work)
        finally:
            for result in started:  # question 1 follows the reply that announces the round
                self.bot.driver.announce(result)

    async def _start(
        self,
        interaction: discord.Interaction,
        guild_id: int,
        started: list[StepResult],
        set_id: str | None,
        questions: int | None,
        mode: Mode | None,
        time_limit: int | None,
        wanted: Selection,
    ) -> Reply:
        sets = await self.bot.catalog.playable(guild_id)
        question_set = sets.get(set_id) if set_id else next(iter(sets.values()), None)
        if question_set is None:
            missing = f"There is no question set called “{echo(set_id)}”." if set_id else NO_SETS
            return Reply(missing)
        guild = await self.bot.store.guild_settings(guild_id)
        refusal = start_refusal(interaction, guild)
        if refusal is not None:
            return Reply(refusal)
        if guild.report_threshold:
            reported = await self.bot.store.reported_questions(guild_id, guild.report_threshold)
            wanted = dataclasses.replace(wanted, left_out=left_out_of(question_set, reported))
        settings = guild.for_round(
            question_set,
            questions=questions,
            mode=AnswerMode(mode) if mode else None,
            time_limit=time_limit,
        )
        matching = len(wanted.matching(question_set))
        if 0 < matching < settings.questions and not wanted.narrows:
            # Only reported questions are left out: play the rest, as with a small set.
            settings = dataclasses.replace(settings, questions=matching)
        if matching < settings.questions:
            return Reply(too_few(wanted, matching, settings.questions, question_set.title))
        channel = interaction.channel
        assert isinstance(channel, discord.abc.Messageable)
        try:
            result = await self.bot.driver.start(
                channel,
                channel_id=interaction.channel_id or 0,
                guild_id=guild_id,
                started_by=interaction.user.id,
                question_set=question_set,
                settings=settings,
                announce=False,
                selection=wanted,
            )
        except RoundAlreadyRunning:
            return Reply("A round is already running here; wait for it to end.")
        started.append(result)
        intro = round_intro(
            question_set.title,
            questions=settings.questions,
            mode=settings.mode,
            time_limit=settings.time_limit,
            started_by=interaction.user.id,
        )
        return Reply(intro, public=True)

    @start.autocomplete("set_id")
    async def _set_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold().strip()
        sets = await self.bot.catalog.playable(guild_id_of(interaction))
        return [
            app_commands.Choice(name=qs.title[:100], value=qs.id)
            for qs in sets.values()
            if needle in qs.id.casefold() or needle in qs.title.casefold()
        ][:25]

    @start.autocomplete("topic")
    async def _topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The tags of the set chosen so far (or of every set), with their question counts."""
        chosen = getattr(interaction.namespace, "set", None)
        sets = await self.bot.catalog.playable(guild_id_of(interaction))
        pool = [sets[chosen]] if chosen in sets else list(sets.values())
        counts: dict[str, int] = {}
        for question_set in pool:
            for tag, count in topics(question_set):
                counts[tag] = counts.get(tag, 0) + count
        needle = current.casefold().strip()
        return [
            app_commands.Choice(name=f"{tag} ({count})"[:100], value=tag[:100])
            for tag, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            if needle in tag.casefold()
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
        driver = self.bot.driver
        running = driver.get(interaction.channel_id or 0)
        if running is None:
            await send_reply(interaction, Reply(NOTHING_RUNNING))
            return
        if running.started_by != interaction.user.id and not interaction.permissions.manage_guild:
            await send_reply(
                interaction,
                Reply(
                    f"Only <@{running.started_by}> (who started this round) or someone with the "
                    f"Manage Server permission can {action} it."
                ),
            )
            return

        async def act() -> Reply:
            step = driver.stop if action == "stop" else driver.skip
            result = await step(running.channel_id)
            return Reply(done if result is not None and result.events else NOTHING_RUNNING)

        await reply_in_time(interaction, act())
