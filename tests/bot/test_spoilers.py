"""Spoiler reveals through SimCord: a server setting, saved with each round it shapes."""

from __future__ import annotations

from collections.abc import Callable

import discord
from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from bot.render.rounds import spoiler
from tests.bot.helpers import PAUSE, only_embed
from tests.bot.round_helpers import bot_messages, field, open_question, right_label


def _reveal(channel: ChannelHandle, title: str) -> discord.Embed:
    """The reveal of the question titled `title` (e.g. "Question 1/2")."""
    [reveal] = [
        m.embeds[0]
        for m in bot_messages(channel)
        if m.embeds and (m.embeds[0].title or "").startswith(f"{title} ·")
    ]
    return reveal


async def test_reveals_hide_the_answer_behind_spoiler_tags(
    env: Env, bot: TriviaBot, channel: ChannelHandle, admin: MemberActor, alice: MemberActor
) -> None:
    changed = await admin.slash(channel, "trivia settings", spoilers=True)
    assert field(only_embed(changed), "Spoiler tags in reveals") == "on"
    await alice.slash(channel, "trivia start", questions=2, mode="choice")
    question = open_question(bot, channel).question
    asked = channel.last_message
    # Changing the setting mid-round does not change the round that is running.
    await admin.slash(channel, "trivia settings", spoilers=False)
    await alice.click(asked, label=right_label(bot, channel))
    await env.advance_time(30)

    reveal = _reveal(channel, "Question 1/2")
    assert field(reveal, "Answer") == spoiler(question.canonical)
    assert field(reveal, "Why").startswith("||") and field(reveal, "Why").endswith("||")
    assert alice.mention in field(reveal, "Got it")  # who was right is not hidden


async def test_spoilers_survive_a_restart(
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    admin: MemberActor,
    alice: MemberActor,
    make_bot: Callable[[], TriviaBot],
) -> None:
    await admin.slash(channel, "trivia settings", spoilers=True)
    await alice.slash(channel, "trivia start", questions=2, mode="choice")
    await alice.click(channel.last_message, label=right_label(bot, channel))
    await env.advance_time(30 + PAUSE)
    await admin.slash(channel, "trivia settings", spoilers=False)

    await env.restart_bot(make_bot())  # a crash while question 2 is open
    await env.advance_time(30)

    reveal = _reveal(channel, "Question 2/2")
    assert field(reveal, "Answer").startswith("||")


async def test_without_the_setting_reveals_show_the_answer(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="choice")
    question = open_question(bot, channel).question
    await env.advance_time(30)
    assert field(_reveal(channel, "Question 1/1"), "Answer") == question.canonical
