"""`/answer` and typed answers in chat.

`/answer text` works in every mode and replies only to the player ("Correct!", "Not quite."), so
nobody can copy a right answer. Plain chat messages count as typed answers only when the config
enables `typed_answers_in_chat` (which needs the message-content intent); they are judged
silently: a right one shows up as the question's reveal, a wrong one changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render.rounds import answer_reply
from bot.replies import Reply, reply_in_time
from trivia.judge.matcher import MAX_GUESS_LENGTH

if TYPE_CHECKING:
    from bot.client import TriviaBot


class AnswerCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(name="answer", description="Answer the open trivia question here.")
    @app_commands.describe(text="Your answer (in choice mode, a letter A-D works too)")
    @app_commands.guild_only()
    async def answer(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, MAX_GUESS_LENGTH],
    ) -> None:
        driver = self.bot.driver
        channel_id = interaction.channel_id or 0

        async def judge() -> Reply:
            result = await driver.answer(channel_id, interaction.user.id, text)
            if result is None:
                return Reply(answer_reply(None))
            return Reply(answer_reply(result.verdict, result.asked))

        await reply_in_time(interaction, judge())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if (
            not self.bot.config.typed_answers_in_chat
            or message.author.bot
            or message.guild is None
            or not message.content
        ):
            return
        await self.bot.driver.answer_from_chat(
            message.channel.id, message.author.id, message.content
        )


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(AnswerCog(bot))
