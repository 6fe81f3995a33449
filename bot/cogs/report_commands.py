"""`/trivia reports`: the mixin of TriviaCog where moderators review reported questions.

Manage Server only. Without options it lists the server's open reports, grouped by question;
`resolve` or `dismiss` with a report's number closes every open report of that question (which
puts the question back into the server's rounds if the report threshold had left it out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.guild_only import guild_id_of
from bot.render.reports import reports_embed
from bot.replies import Reply, reply_in_time, send_reply
from trivia.models import Question, QuestionSet
from trivia.reports import ReportStatus, by_question

if TYPE_CHECKING:
    from bot.client import TriviaBot

MODERATORS_ONLY = "Only members with the Manage Server permission can review reports."
NOT_FOUND = "There is no open report #{id} in this server."


class ReportCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot

    @app_commands.command(name="reports", description="Review players' reports of questions.")
    @app_commands.describe(
        resolve="Report number: the question was wrong and is fixed (closes its reports)",
        dismiss="Report number: the question is right after all (closes its reports)",
    )
    async def reports(
        self,
        interaction: discord.Interaction,
        resolve: app_commands.Range[int, 1] | None = None,
        dismiss: app_commands.Range[int, 1] | None = None,
    ) -> None:
        if not interaction.permissions.manage_guild:
            await send_reply(interaction, Reply(MODERATORS_ONLY))
            return
        guild_id = guild_id_of(interaction)
        if resolve is not None or dismiss is not None:
            await reply_in_time(interaction, self._close(guild_id, resolve, dismiss))
        else:
            await reply_in_time(interaction, self._list(guild_id))

    async def _list(self, guild_id: int) -> Reply:
        groups = by_question(await self.bot.store.open_reports(guild_id))
        guild = await self.bot.catalog.of(guild_id)
        sets = guild.own | {k: v for k, v in self.bot.catalog.bundled.items() if k not in guild.own}
        return Reply("", embed=reports_embed(groups, lambda s, q: _question(sets.get(s), q)))

    async def _close(self, guild_id: int, resolve: int | None, dismiss: int | None) -> Reply:
        status = ReportStatus.RESOLVED if resolve is not None else ReportStatus.DISMISSED
        report_id = resolve if resolve is not None else dismiss
        assert report_id is not None
        closed = await self.bot.store.close_reports(guild_id, report_id, status)
        if not closed:
            return Reply(NOT_FOUND.format(id=report_id))
        first = closed[0]
        count = f"{len(closed)} report{'s' * (len(closed) != 1)}"
        return Reply(
            f"{status.value.capitalize()} {count} on {first.set_id} / {first.question_id}."
        )


def _question(question_set: QuestionSet | None, question_id: str) -> Question | None:
    if question_set is None:
        return None
    try:
        return question_set.question(question_id)
    except KeyError:
        return None
