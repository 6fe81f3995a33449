"""A round being played in one channel, and how its events reach the database and the channel.

Events are handled in two passes so a crash can never announce what was not saved:
`commit` writes them (a closed question's awards, the round's state, its end), then
`announce` edits or sends the messages. Every message goes out with mentions disabled.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.channel_rounds.timer import RoundTimer
from bot.render import EMBED_TOTAL_LIMIT
from bot.render.rounds import podium_embed, question_embed, reveal_embed
from bot.views import question_view
from trivia.engine.events import Event, HintShown, QuestionAsked, QuestionClosed, RoundEnded
from trivia.engine.settings import Clock
from trivia.models import AnswerMode

if TYPE_CHECKING:
    from trivia.engine.round import Round
    from trivia.storage import Store

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


class ChannelGone(Exception):
    """The round's channel can no longer be written to (deleted, or access removed)."""


@dataclass(eq=False)
class ChannelRound:
    """The Discord side of one running round: where it plays and its open question's message."""

    round: Round
    channel: discord.abc.Messageable
    channel_id: int
    guild_id: int
    started_by: int
    reveal_answers: bool = True
    typed_in_chat: bool = False  # typed answers are also read from chat messages
    round_id: int = 0  # the database id, known once the round is saved
    resumed: bool = False  # the next question is the one a restart interrupted
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    runner: RoundTimer | None = None
    message: discord.Message | None = None  # the open question's message
    asked: QuestionAsked | None = None
    hint: HintShown | None = None
    closes_at: int = 0  # UNIX time shown on the open question
    over: bool = False  # ended, stopped or handed over to a restart: accepts nothing more

    @property
    def mode(self) -> AnswerMode:
        return self.round.settings.mode

    @property
    def set_title(self) -> str:
        return self.round.question_set.title


async def commit(store: Store, live: ChannelRound, events: list[Event]) -> None:
    """Save what `events` changed, before anyone is told about it."""
    state = live.round.to_state()
    saved = False
    for event in events:
        if isinstance(event, QuestionClosed):
            await store.record_question(live.round_id, event, state)
            saved = True
        elif isinstance(event, QuestionAsked) and not saved:
            await store.save_round_state(live.round_id, state)
            saved = True
        elif isinstance(event, RoundEnded):
            await store.end_round(live.round_id, event, state)


async def announce(live: ChannelRound, events: list[Event], clock: Clock) -> None:
    """Show `events` in the channel: one message per question, edited for hints and the reveal.

    When the round ends as a question closes, the podium joins that question's reveal edit
    (unless the two would pass Discord's 6,000 characters per message), so a round costs two
    requests per question. Raises ChannelGone when a question or the podium
    cannot be posted at all.
    """
    podium_shown = False
    for index, event in enumerate(events):
        if isinstance(event, QuestionAsked):
            await _ask(live, event, clock)
        elif isinstance(event, HintShown):
            await _hint(live, event)
        elif isinstance(event, QuestionClosed):
            ended = events[index + 1] if index + 1 < len(events) else None
            podium = _podium(live, ended) if isinstance(ended, RoundEnded) else None
            podium_shown = await _reveal(live, event, podium)
        elif isinstance(event, RoundEnded):
            live.over = True
            if not podium_shown:
                await _send(live, embed=_podium(live, event))


def _podium(live: ChannelRound, ended: RoundEnded) -> discord.Embed:
    return podium_embed(ended, set_title=live.set_title, idle_limit=live.round.settings.idle_limit)


def wall_time(closes_at: float, clock: Clock) -> int:
    """The UNIX time of a round-clock instant: now plus what remains, rounded up."""
    remaining = max(0.0, closes_at - clock())
    return math.ceil(discord.utils.utcnow().timestamp() + remaining)


async def _ask(live: ChannelRound, asked: QuestionAsked, clock: Clock) -> None:
    live.asked, live.hint, live.message = asked, None, None
    live.closes_at = wall_time(asked.closes_at, clock)
    embed = question_embed(
        asked,
        set_title=live.set_title,
        mode=live.mode,
        closes_at=live.closes_at,
        resumed=live.resumed,
        chat=live.typed_in_chat,
    )
    live.resumed = False
    if live.mode is AnswerMode.CHOICE:
        live.message = await _send(live, embed=embed, view=question_view(live.round_id, asked))
    else:
        live.message = await _send(live, embed=embed)


async def _hint(live: ChannelRound, hint: HintShown) -> None:
    # Choice mode shows no hints: its budget is one message and one edit per question.
    if live.mode is AnswerMode.CHOICE or live.asked is None or live.asked.number != hint.number:
        return
    live.hint = hint
    embed = question_embed(
        live.asked,
        set_title=live.set_title,
        mode=live.mode,
        closes_at=live.closes_at,
        hint=hint,
        chat=live.typed_in_chat,
    )
    await _edit(live, [embed])


async def _reveal(
    live: ChannelRound, closed: QuestionClosed, podium: discord.Embed | None = None
) -> bool:
    """Edit the question's message with the reveal (and the podium, when given and it fits).

    Returns whether the podium was shown, so the caller can post it otherwise.
    """
    asked = live.asked
    if asked is None or asked.number != closed.number:
        return False
    embeds = [
        reveal_embed(
            asked,
            closed,
            set_title=live.set_title,
            source=live.round.question_set.source,
            reveal_answer=live.reveal_answers,
        )
    ]
    if podium is not None and len(embeds[0]) + len(podium) <= EMBED_TOTAL_LIMIT:
        embeds.append(podium)
    else:
        podium = None  # too big to ride along: the caller posts it on its own
    view = discord.utils.MISSING
    if live.mode is AnswerMode.CHOICE:
        view = question_view(live.round_id, asked, closed=True)
    edited = await _edit(live, embeds=embeds, view=view)
    live.asked, live.hint, live.message = None, None, None
    return edited and podium is not None


async def _send(
    live: ChannelRound, embed: discord.Embed, view: discord.ui.View | None = None
) -> discord.Message:
    try:
        if view is None:
            return await live.channel.send(embed=embed, allowed_mentions=NO_MENTIONS)
        return await live.channel.send(embed=embed, view=view, allowed_mentions=NO_MENTIONS)
    except (discord.NotFound, discord.Forbidden) as error:
        raise ChannelGone(str(error)) from error


async def _edit(
    live: ChannelRound, embeds: list[discord.Embed], view: discord.ui.View = discord.utils.MISSING
) -> bool:
    """Edit the open question's message; a failed edit is logged, the round goes on."""
    if live.message is None:
        return False
    try:
        await live.message.edit(embeds=embeds, view=view, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.warning(
            "Could not edit question message %s in channel %s",
            live.message.id,
            live.channel_id,
            exc_info=True,
        )
        return False
    return True
