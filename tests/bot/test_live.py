"""bot.channel_rounds.channel_round with hand-written fakes: what one batch of events posts
and edits."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord

from bot.channel_rounds.channel_round import ChannelRound, announce
from bot.render import EMBED_TOTAL_LIMIT
from trivia.engine.events import (
    CloseReason,
    EndReason,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.models import AnswerKind, AnswerMode, Award, Question, SourceRef

IDS = range(900_000_000_000_000_000, 900_000_000_000_000_200)


class FakeMessage:
    def __init__(self) -> None:
        self.id = 1
        self.edits: list[list[discord.Embed]] = []

    async def edit(self, *, embeds: list[discord.Embed], **_: Any) -> None:
        self.edits.append(embeds)


class FakeChannel:
    def __init__(self) -> None:
        self.sent: list[discord.Embed] = []

    async def send(self, *, embed: discord.Embed, **_: Any) -> FakeMessage:
        self.sent.append(embed)
        return FakeMessage()


async def test_a_podium_too_big_to_share_the_reveal_edit_is_posted_on_its_own() -> None:
    question = Question(
        id="q",
        text="q" * 1000,
        answers=("A" * 80,),
        kind=AnswerKind.THING,
        explanation="e" * 1024,
        source=tuple(range(9)),
    )
    source = SourceRef("s" * 256, "An outlet", "2017", (1, 2))
    round_ = SimpleNamespace(
        settings=SimpleNamespace(mode=AnswerMode.TYPED, idle_limit=3),
        question_set=SimpleNamespace(title="T" * 256, source=source),
    )
    channel, message = FakeChannel(), FakeMessage()
    live = ChannelRound(round_, channel, 1, 1, 1)  # type: ignore[arg-type]
    live.asked, live.message = QuestionAsked(1, 1, question, (), 10, 30.0), message  # type: ignore[assignment]
    awards = tuple(Award(u, "q", True, 10, 100) for u in IDS[:60])
    tied = tuple(Standing(u, 10, 1, 1) for u in IDS[:100])  # a podium as long as a field
    standings = tied + tuple(Standing(u, 5, 1, 101 + i) for i, u in enumerate(IDS[100:]))
    events = [
        QuestionClosed(1, question, CloseReason.TIMEOUT, awards, ()),
        RoundEnded(EndReason.IDLE, standings, 1),
    ]

    await announce(live, events, lambda: 0.0)  # type: ignore[arg-type]

    [reveal] = message.edits
    assert sum(len(e) for e in reveal) <= EMBED_TOTAL_LIMIT
    assert [e.title for e in channel.sent] == ["Round over: nobody answered 3 questions in a row"]
