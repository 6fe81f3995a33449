"""`/trivia sets list | upload | remove | switch`: the mixin of TriviaCog for question sets.

Anyone may list. Uploading, removing and switching need Manage Server. An upload is checked
(size first, from Discord's own figure, before anything is downloaded; then the limits and
validation of trivia.content.uploads) and stored for this server only; a new version of a set
the server already has waits for a confirmation button. Replies are private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.guild_only import guild_id_of
from bot.render.cards import echo
from bot.render.sets import library_embed, refusal_text, uploaded_text
from bot.replies import Reply, reply_in_time, send_reply
from trivia.content.uploads import MAX_UPLOAD_BYTES, check_upload
from trivia.errors import ContentError, Problem
from trivia.models import QuestionSet
from trivia.records import StoredSet

if TYPE_CHECKING:
    from bot.client import TriviaBot

MODERATORS_ONLY = "Only members with the Manage Server permission can change this server's sets."
IN_PLAY = "A round of “{set_id}” is running in this server; try again when it ends."
KEPT = "Kept the current version; nothing was changed."


class SetCommands(commands.Cog):
    """Mixin for the /trivia group cog; `self.bot` is set by TriviaCog."""

    bot: TriviaBot
    sets = app_commands.Group(name="sets", description="The question sets this server plays.")

    @sets.command(name="list", description="List the question sets you can play here.")
    async def list_sets(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)

        async def listing() -> Reply:
            guild = await self.bot.catalog.of(guild_id)
            bundled = list(self.bot.catalog.bundled.values())
            return Reply("", embed=library_embed(bundled, guild.disabled, list(guild.own.values())))

        await reply_in_time(interaction, listing())

    @sets.command(name="upload", description="Upload a question set (YAML) for this server.")
    @app_commands.describe(file="A question set in the bundled YAML format (at most 256 KiB)")
    async def upload(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        if not interaction.permissions.manage_guild:
            await send_reply(interaction, Reply(MODERATORS_ONLY))
            return
        guild_id = guild_id_of(interaction)
        if file.size > MAX_UPLOAD_BYTES:
            limit = f"{MAX_UPLOAD_BYTES // 1024} KiB"
            problem = Problem(file.filename, None, f"the file is over the {limit} limit")
            await send_reply(interaction, Reply(refusal_text(file.filename, [problem])))
            return
        await reply_in_time(interaction, self._check(guild_id, interaction.user.id, file))

    async def _check(self, guild_id: int, user_id: int, file: discord.Attachment) -> Reply:
        data = await file.read()
        try:
            question_set, digest = check_upload(
                data, file.filename, whoswho=self.bot.library.whoswho,
                reserved_ids=self.bot.catalog.bundled.keys(),
            )  # fmt: skip
        except ContentError as error:
            return Reply(refusal_text(file.filename, error.problems))
        stored = StoredSet(guild_id, question_set.id, data.decode("utf-8"), digest, user_id)
        current = (await self.bot.catalog.of(guild_id)).own.get(question_set.id)
        if current is None:
            return await self._save(stored, question_set)
        question = (
            f"This server already has “{echo(current.title)}” (`{current.id}`, "
            f"{len(current.questions)} questions). Replace it with this version "
            f"({len(question_set.questions)} questions)? Stats are kept."
        )
        return Reply(question, view=ReplaceView(self, stored, question_set))

    async def _save(self, stored: StoredSet, question_set: QuestionSet) -> Reply:
        if self._in_play(stored.guild_id, stored.set_id):
            return Reply(IN_PLAY.format(set_id=stored.set_id))
        replaced = await self.bot.store.save_guild_set(stored)
        await self.bot.catalog.reload(stored.guild_id)
        return Reply(uploaded_text(question_set, replaced=replaced))

    @sets.command(name="remove", description="Delete one of this server's own question sets.")
    @app_commands.rename(set_id="set")
    @app_commands.describe(set_id="The set to delete (its players' stats are kept)")
    async def remove(self, interaction: discord.Interaction, set_id: str) -> None:
        if not interaction.permissions.manage_guild:
            await send_reply(interaction, Reply(MODERATORS_ONLY))
            return
        guild_id = guild_id_of(interaction)

        async def remove() -> Reply:
            if self._in_play(guild_id, set_id):
                return Reply(IN_PLAY.format(set_id=echo(set_id)))
            if not await self.bot.store.remove_guild_set(guild_id, set_id):
                return Reply(f"This server has no set of its own called “{echo(set_id)}”.")
            await self.bot.catalog.reload(guild_id)
            return Reply(f"Removed “{echo(set_id)}” from this server.")

        await reply_in_time(interaction, remove())

    @sets.command(name="switch", description="Switch a bundled question set off or on here.")
    @app_commands.rename(set_id="set")
    @app_commands.describe(set_id="A bundled set", enabled="False: not playable in this server")
    async def switch(self, interaction: discord.Interaction, set_id: str, enabled: bool) -> None:
        if not interaction.permissions.manage_guild:
            await send_reply(interaction, Reply(MODERATORS_ONLY))
            return
        guild_id = guild_id_of(interaction)

        async def switch() -> Reply:
            if set_id not in self.bot.catalog.bundled:
                return Reply(f"There is no bundled set called “{echo(set_id)}”.")
            await self.bot.store.switch_set(guild_id, set_id, enabled)
            await self.bot.catalog.reload(guild_id)
            return Reply(f"“{echo(set_id)}” is now {'on' if enabled else 'off'} in this server.")

        await reply_in_time(interaction, switch())

    @remove.autocomplete("set_id")
    async def _own_sets(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        own = (await self.bot.catalog.of(guild_id_of(interaction))).own
        return _choices(own.values(), current)

    @switch.autocomplete("set_id")
    async def _bundled_sets(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(self.bot.catalog.bundled.values(), current)

    def _in_play(self, guild_id: int, set_id: str) -> bool:
        return any(
            r.guild_id == guild_id and r.round.question_set.id == set_id
            for r in self.bot.driver.service.rounds
        )


class ReplaceView(discord.ui.View):
    """Replace / Keep for an upload of a set the server already has. Held in memory only: after
    a restart the buttons do nothing and the upload is simply made again."""

    def __init__(self, cog: SetCommands, stored: StoredSet, question_set: QuestionSet) -> None:
        super().__init__(timeout=None)
        self._cog = cog
        self._stored = stored
        self._set = question_set

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self._stored.uploaded_by

    @discord.ui.button(label="Replace", style=discord.ButtonStyle.danger)
    async def replace(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        self.stop()
        await reply_in_time(interaction, self._cog._save(self._stored, self._set))

    @discord.ui.button(label="Keep the current one", style=discord.ButtonStyle.secondary)
    async def keep(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        self.stop()
        await send_reply(interaction, Reply(KEPT))


def _choices(sets: Any, current: str) -> list[app_commands.Choice[str]]:
    needle = current.casefold().strip()
    return [
        app_commands.Choice(name=qs.title[:100], value=qs.id)
        for qs in sets
        if needle in qs.id.casefold() or needle in qs.title.casefold()
    ][:25]
