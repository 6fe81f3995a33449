"""The real TriviaBot on a database file, in a simulated Discord built the same way every time.

The crash test runs this world twice, in two processes: a child that is killed mid-round and
the test itself, which resumes the round. SimCord allocates snowflakes from its virtual clock
(which starts at the same instant in every Env) in creation order, so creating the same guild,
channel and members in the same order before `start` gives both processes the same ids; the
child reports its ids and the test checks that they match.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from bot.config import Config
from bot.render.rounds import choice_label
from tests.bot.helpers import GUILD_ID, SimClock
from trivia.content.library import Library
from trivia.engine.draw import LETTERS
from trivia.engine.events import QuestionAsked
from trivia.storage import Store

PLAYER_NAMES = ("alice", "bob", "carol", "dave")


@dataclasses.dataclass(frozen=True)
class Table:
    """One running bot with its store, the #trivia channel and the players."""

    env: Env
    bot: TriviaBot
    store: Store
    channel: ChannelHandle
    players: tuple[MemberActor, ...]

    def ids(self) -> dict[str, object]:
        """What a second process must see again to resume this one's rounds."""
        return {
            "guild": self.channel.guild.id,
            "channel": self.channel.id,
            "players": [p.id for p in self.players],
        }


@asynccontextmanager
async def running_bot(db_path: Path, library: Library) -> AsyncIterator[Table]:
    """Open the store on `db_path`, start a TriviaBot on it in a fresh simulated Discord.

    On a clean exit, errors the bot's handlers raised are re-raised (as SimCord's own
    fixtures do), so a bot failure cannot pass unnoticed.
    """
    clock = SimClock()
    store = await Store.open(db_path, now=clock.now)
    try:
        await store.import_library(library)
        config = Config(database=db_path, log_level="WARNING", dev_guild_ids=(GUILD_ID,))
        bot = TriviaBot(config, store, library, clock=clock)
        env = Env(bot)
        guild = env.create_guild("Hardening Server", id=GUILD_ID)
        channel = guild.create_text_channel("trivia")
        players = tuple(guild.add_member(env.create_user(name)) for name in PLAYER_NAMES)
        clock.env = env
        await env.start()
        try:
            with env.time_context():
                yield Table(env, bot, store, channel, players)
        finally:
            await env.shutdown()
        env.raise_errors()
    finally:
        await store.close()


def option_labels(asked: QuestionAsked) -> tuple[str, list[str]]:
    """The button label of the right option of `asked`, and those of the wrong ones."""
    labels = [
        choice_label(letter, text) for letter, text in zip(LETTERS, asked.choices, strict=False)
    ]
    right = asked.choices.index(asked.question.canonical)
    return labels[right], [label for i, label in enumerate(labels) if i != right]
