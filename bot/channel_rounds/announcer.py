"""Settles what a round owes its channel, in order, once each: Discord as a replayable outbox.

The round service saves every announcement with the step that owes it; this module shows
them and marks each one settled (keeping a question's message id for its later edits). One
worker task per round works through its queue, so announcements keep their order and a slow
Discord never holds up the round's lock. Hint edits ride the same queue but are not owed.

Failures: a channel the bot can no longer post in ends the round (`on_channel_gone`); a
message that is gone is skipped; anything else (a 5xx, a timeout, a store that cannot record
the settlement) leaves the announcement owed and the worker tries again after a pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

import discord

from bot.render.rounds import (
    RESTARTING,
    podium_embed,
    question_embed,
    retired_embed,
    reveal_embed,
)
from bot.views.choices import question_view
from bot.views.reports import with_report_button
from trivia.engine.events import HintShown, QuestionAsked, QuestionClosed, RoundEnded
from trivia.engine.settings import Clock
from trivia.errors import TriviaError
from trivia.models import AnswerMode, QuestionSet
from trivia.service.outbox import Presentation, decode
from trivia.storage.interface import Store
from trivia.storage.round_steps import AnnouncementKind, OwedAnnouncement

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
RETRY_DELAY = 5.0  # seconds before an announcement that failed is tried again
NOTICES = {"resuming": RESTARTING}
_CHANNEL_GONE = (10003, 50001)  # Unknown Channel, Missing Access: as good as deleted


class ChannelGone(Exception):
    """The round's channel can no longer be written to (deleted, or access removed)."""


@dataclass(frozen=True, slots=True)
class _HintEdit:
    hint: HintShown


_Item = OwedAnnouncement | _HintEdit


class Announcer:
    """The Discord side of one round: its channel, its question messages, its queue."""

    # One per running round, so no per-instance __dict__ (see benchmarks/round_memory.py).
    __slots__ = (
        "_asked",
        "_asked_view",
        "_clock",
        "_closes_at",
        "_message_ids",
        "_on_channel_gone",
        "_queue",
        "_sets",
        "_store",
        "_typed_in_chat",
        "_where",
        "_worker",
        "channel",
        "gone",
        "round_id",
    )

    def __init__(
        self,
        round_id: int,
        channel: discord.abc.Messageable,
        *,
        store: Store,
        sets: Callable[[str], QuestionSet | None],
        clock: Clock,
        typed_in_chat: bool,
        on_channel_gone: Callable[[], Awaitable[None]],
        messages: dict[int, int] | None = None,
        guild_id: int | None = None,
    ) -> None:
        self.round_id = round_id
        self.channel = channel
        channel_id = getattr(channel, "id", "?")
        self._where = f"Round {round_id} (guild {guild_id}, channel {channel_id})"
        self._store = store
        self._sets = sets
        self._clock = clock
        self._typed_in_chat = typed_in_chat
        self._on_channel_gone = on_channel_gone
        self._message_ids: dict[int, int] = dict(messages or {})  # question number -> id
        self._asked: QuestionAsked | None = None  # the open question, for hint edits
        self._asked_view: Presentation | None = None
        self._closes_at = 0
        self._queue: deque[_Item] = deque()
        self._worker: asyncio.Task[None] | None = None
        self.gone = False

    def owe(self, owed: Iterable[OwedAnnouncement], hints: Iterable[HintShown] = ()) -> None:
        """Queue announcements (and hint edits) and make sure the worker runs."""
        self._queue.extend(owed)
        self._queue.extend(_HintEdit(h) for h in hints)
        if self._queue and not self.gone and (self._worker is None or self._worker.done()):
            self._worker = asyncio.create_task(self._drain(), name=f"announce-{self.round_id}")

    async def settled(self) -> None:
        """Wait until everything queued so far is shown (or the channel is gone)."""
        while self._worker is not None and not self._worker.done():
            await asyncio.shield(self._worker)

    async def close(self) -> None:
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker

    async def _drain(self) -> None:
        while self._queue and not self.gone:
            item = self._queue[0]
            try:
                await self._show(item)
            except ChannelGone as error:
                log.warning(
                    "%s: the channel is gone or closed to the bot (%s); ending the round",
                    self._where, error,
                )  # fmt: skip
                self.gone = True
                self._queue.clear()
                await self._on_channel_gone()
                return
            except discord.HTTPException as error:
                if error.status < 500 and error.status != 429:
                    log.error("%s: Discord refused an announcement: %s", self._where, error)
                    await self._give_up(self._queue.popleft())
                    continue
                await self._retry_later(error)
                continue
            except (TriviaError, OSError, TimeoutError) as error:
                await self._retry_later(error)
                continue
            self._queue.popleft()

    async def _retry_later(self, error: BaseException) -> None:
        log.warning(
                    "%s: announcement failed (%s); retrying in %.0f s",
            self._where, error, RETRY_DELAY,
        )  # fmt: skip
        await asyncio.sleep(RETRY_DELAY)

    async def _give_up(self, item: _Item) -> None:
        """Settle an announcement Discord will never accept, so no restart replays it."""
        if isinstance(item, OwedAnnouncement):
            with contextlib.suppress(TriviaError):
                await self._store.settle_announcement(self.round_id, item.seq, None)

    async def _show(self, item: _Item) -> None:
        if isinstance(item, _HintEdit):
            await self._hint(item.hint)
            return
        announcement = item.announcement
        message_id: int | None = None
        if announcement.kind is AnnouncementKind.NOTICE:
            text = NOTICES.get(str(announcement.payload.get("text")), "")
            if text:
                await self._send(content=text)
        elif announcement.kind is AnnouncementKind.RETIRE:
            await self._retire(announcement.number, announcement.payload.get("choices", ()))
        elif self._superseded(item):
            pass  # a question asked again after a restart: only the newer ask is shown
        else:
            message_id = await self._render(item)
        await self._store.settle_announcement(self.round_id, item.seq, message_id)

    def _superseded(self, item: OwedAnnouncement) -> bool:
        a = item.announcement
        return a.kind is AnnouncementKind.ASK and any(
            isinstance(o, OwedAnnouncement)
            and o.seq > item.seq
            and o.announcement.kind is AnnouncementKind.ASK
            and o.announcement.number == a.number
            for o in self._queue
        )

    async def _render(self, item: OwedAnnouncement) -> int | None:
        """Show an ASK, REVEAL or PODIUM; returns the id of a question's new message."""
        announcement = item.announcement
        view = Presentation.from_json(announcement.payload)
        question_set = self._sets(view.set_id)
        if question_set is None:
            log.warning("%s: set %s is gone; skipping an announcement", self._where,
                        view.set_id)  # fmt: skip
            return None
        event = decode(announcement, question_set)
        if isinstance(event, QuestionAsked):
            resumed = bool(announcement.payload.get("resumed"))
            return await self._ask(event, view, question_set.title, resumed=resumed)
        if isinstance(event, QuestionClosed):
            await self._reveal(event, view, question_set)
        elif isinstance(event, RoundEnded):
            embed = podium_embed(event, set_title=question_set.title, idle_limit=view.idle_limit)
            await self._send(embed=embed)
        return None

    async def _ask(
        self, asked: QuestionAsked, view: Presentation, set_title: str, *, resumed: bool
    ) -> int:
        self._closes_at = wall_time(asked.closes_at, self._clock)
        embed = question_embed(
            asked, set_title=set_title, mode=view.mode, closes_at=self._closes_at,
            resumed=resumed, chat=self._typed_in_chat,
        )  # fmt: skip
        buttons = None
        if view.mode is AnswerMode.CHOICE:
            buttons = question_view(
                self.round_id, asked.number, asked.choices, asked.question.canonical
            )
        message = await self._send(embed=embed, view=buttons)
        self._message_ids[asked.number] = message.id
        self._asked, self._asked_view = asked, view
        return message.id

    async def _hint(self, hint: HintShown) -> None:
        asked, view = self._asked, self._asked_view
        if asked is None or view is None or asked.number != hint.number:
            return
        if view.mode is AnswerMode.CHOICE:
            return  # choice mode shows no hints: one message and one edit per question
        question_set = self._sets(view.set_id)
        embed = question_embed(
            asked, set_title=question_set.title if question_set else "", mode=view.mode,
            closes_at=self._closes_at, hint=hint, chat=self._typed_in_chat,
        )  # fmt: skip
        await self._edit(asked.number, embed=embed)

    async def _reveal(
        self, closed: QuestionClosed, view: Presentation, question_set: QuestionSet
    ) -> None:
        embed = reveal_embed(
            closed, set_title=question_set.title, source=question_set.source,
            reveal_answer=view.reveal_answers, spoilers=view.spoilers,
        )  # fmt: skip
        buttons = None
        if view.mode is AnswerMode.CHOICE:
            buttons = question_view(
                self.round_id, closed.number, closed.choices, closed.question.canonical,
                closed=True,
            )  # fmt: skip
        buttons = with_report_button(buttons, self.round_id, closed.number)
        await self._edit(closed.number, embed=embed, view=buttons)
        if self._asked is not None and self._asked.number == closed.number:
            self._asked = None

    async def _retire(self, number: int, choices: Sequence[str]) -> None:
        buttons = (
            question_view(self.round_id, number, choices, "", retired=True) if choices else None
        )
        await self._edit(number, embed=retired_embed(number), view=buttons)

    async def _send(
        self,
        *,
        content: str | None = None,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
    ) -> discord.Message:
        embeds = [] if embed is None else [embed]
        try:
            if view is None:
                return await self.channel.send(
                    content=content, embeds=embeds, allowed_mentions=NO_MENTIONS
                )
            return await self.channel.send(
                content=content, embeds=embeds, view=view, allowed_mentions=NO_MENTIONS
            )
        except (discord.NotFound, discord.Forbidden) as error:
            raise ChannelGone(str(error)) from error

    async def _edit(
        self,
        number: int,
        *,
        embed: discord.Embed,
        view: discord.ui.View | None = discord.utils.MISSING,
    ) -> None:
        """Edit question `number`'s message; one that is gone is logged and skipped."""
        message_id = self._message_ids.get(number)
        if message_id is None or not isinstance(self.channel, discord.abc.Messageable):
            return
        partial = _partial(self.channel, message_id)
        if partial is None:
            return
        try:
            await partial.edit(embed=embed, view=view, allowed_mentions=NO_MENTIONS)
        except (discord.NotFound, discord.Forbidden) as error:
            if error.code in _CHANNEL_GONE:
                raise ChannelGone(str(error)) from error
            log.warning(
                "%s: could not edit question %s's message %s (%s)",
                self._where, number, message_id, error,
            )  # fmt: skip


def _partial(channel: discord.abc.Messageable, message_id: int) -> discord.PartialMessage | None:
    get = getattr(channel, "get_partial_message", None)
    return None if get is None else get(message_id)


def wall_time(closes_at: float, clock: Clock) -> int:
    """The UNIX time of a round-clock instant: now plus what remains, rounded up."""
    remaining = max(0.0, closes_at - clock())
    return math.ceil(discord.utils.utcnow().timestamp() + remaining)
