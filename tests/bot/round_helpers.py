"""Helpers shared by the round tests: what the open question is, and what the bot sent."""

from __future__ import annotations

import discord
from simcord import ChannelHandle, Env

from bot.client import TriviaBot
from bot.render.rounds import choice_label
from trivia.engine.draw import LETTERS
from trivia.engine.events import QuestionAsked


def open_question(bot: TriviaBot, channel: ChannelHandle) -> QuestionAsked:
    live = bot.driver.get(channel.id)
    assert live is not None and live.round.current is not None
    return live.round.current


def right_label(bot: TriviaBot, channel: ChannelHandle) -> str:
    """The button label of the right option of the open question."""
    asked = open_question(bot, channel)
    index = asked.choices.index(asked.question.canonical)
    return choice_label(LETTERS[index], asked.choices[index])


def wrong_label(bot: TriviaBot, channel: ChannelHandle) -> str:
    asked = open_question(bot, channel)
    index = next(i for i, c in enumerate(asked.choices) if c != asked.question.canonical)
    return choice_label(LETTERS[index], asked.choices[index])


def right_answer(bot: TriviaBot, channel: ChannelHandle) -> str:
    return open_question(bot, channel).question.canonical


def field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def message_requests(env: Env, channel: ChannelHandle) -> list[tuple[str, str]]:
    """The bot's own REST calls on the channel's messages (interaction responses excluded)."""
    prefix = f"/channels/{channel.id}/messages"
    return [(r.method, r.path) for r in env.http_requests if r.path.startswith(prefix)]


def bot_messages(channel: ChannelHandle) -> list[discord.Message]:
    """Messages the bot posted itself (not interaction responses), oldest first."""
    return [m for m in channel.history() if m.author.bot and m.interaction_metadata is None]


def pings(env: Env, channel: ChannelHandle) -> list[object]:
    """Everyone and everything the channel's messages actually notified (a mention is not a
    ping when the message disallows it)."""
    found: list[object] = []
    for message in channel.history():
        stored = env.backend.get_message(channel.id, message.id)
        found += [*stored.ping_user_ids, *stored.ping_role_ids]
        if stored.mention_everyone:
            found.append("@everyone")
    return found
