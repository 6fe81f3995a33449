"""RoundDriver: Discord in, round service steps out, owed announcements handed to announcers.

It holds no game rules and no copy of a round's state: the service's registry is the round
(mirroring the database), and this module keeps only Discord's side of each round (its
channel's announcer and its timer), keyed by round id. Entry points return the service's
StepResult; the caller replies to the player from its verdict. Nothing here holds a round's
lock while it talks to Discord: the service's lock covers computing and saving, and the
announcer shows what was saved on a task of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.channel_rounds.announcer import Announcer
from bot.channel_rounds.timer import RoundTimer
from bot.views.choices import ChoiceButton
from bot.views.reports import ReportButton
from trivia.engine.events import Event, HintShown, QuestionAsked, QuestionClosed, RoundEnded
from trivia.engine.selection import Selection
from trivia.engine.settings import RoundSettings
from trivia.errors import LeaseLost, StorageError
from trivia.models import AnswerMode, QuestionSet
from trivia.records import RoundStatus
from trivia.service.registry import RunningRound
from trivia.service.round_service import RoundService, StepResult
from trivia.storage.round_steps import RoundRecord

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

LEASE_RENEWAL = 20.0  # seconds between lease renewals, well within the service's lease
CHANNEL_LOST = (
    "Your trivia round in <#{channel}> has ended: I can no longer post there (the channel was"
    " deleted, or my Send Messages or View Channel permission was removed). Every point"
    " scored so far is kept."
)

_MOVES_DEADLINE = (QuestionAsked, QuestionClosed, HintShown, RoundEnded)
"""Events after which `Round.next_deadline` differs; any other step leaves the timer asleep."""


@dataclass(eq=False, slots=True)
class _ChannelSide:
    """Discord's side of one round: who shows its announcements, and its timer."""

    announcer: Announcer
    timer: RoundTimer


class RoundDriver:
    """The rounds this bot process drives, at most one per channel or thread."""

    def __init__(self, bot: TriviaBot, *, owner: str) -> None:
        self.bot = bot
        self.service = RoundService(bot.store, bot.clock, owner=owner)
        self._sides: dict[int, _ChannelSide] = {}  # by round id
        self._closing = False
        # Clicks on any question or reveal message, even one posted before a restart.
        bot.add_dynamic_items(ChoiceButton, ReportButton)

    def get(self, channel_id: int) -> RunningRound | None:
        """The round running in a channel, if any."""
        return self.service.rounds.in_channel(channel_id)

    def __len__(self) -> int:
        return len(self.service.rounds)

    async def start(
        self,
        channel: discord.abc.Messageable,
        *,
        channel_id: int,
        guild_id: int,
        started_by: int,
        question_set: QuestionSet,
        settings: RoundSettings,
        seed: int | None = None,
        announce: bool = True,
        selection: Selection | None = None,
    ) -> StepResult:
        """Save a new round, then show question 1 (or leave that to `announce(result)`, so a
        reply can go first). Raises RoundAlreadyRunning, ResumePending or StorageError with
        nothing announced."""
        if self._closing:
            raise StorageError("the bot is shutting down")
        result = await self.service.start(
            guild_id=guild_id,
            channel_id=channel_id,
            started_by=started_by,
            question_set=question_set,
            settings=settings,
            seed=seed,
            selection=selection,
        )
        self._adopt(result.round_id, channel, guild_id, settings.mode)
        if announce:
            self.announce(result)
        return result

    async def answer(self, channel_id: int, user_id: int, text: str) -> StepResult | None:
        """A typed answer, or a letter or option in choice mode; None when nothing runs here."""
        running = self.get(channel_id)
        if running is None:
            return None
        return await self._step(self.service.answer(running.round_id, user_id, text))

    async def answer_from_chat(self, channel_id: int, user_id: int, text: str) -> None:
        """A chat message in a channel playing typed mode: judged silently, never replied to."""
        running = self.get(channel_id)
        if running is not None and running.round.settings.mode is AnswerMode.TYPED:
            await self._step(self.service.answer(running.round_id, user_id, text))

    async def choose(self, round_id: int, number: int, letter: str, user_id: int) -> StepResult:
        """A click on button `letter` of question `number` of round `round_id`."""
        return await self._step(self.service.answer(round_id, user_id, letter, number=number))

    async def skip(self, channel_id: int) -> StepResult | None:
        running = self.get(channel_id)
        return None if running is None else await self._step(self.service.skip(running.round_id))

    async def stop(self, channel_id: int) -> StepResult | None:
        running = self.get(channel_id)
        return None if running is None else await self._step(self.service.stop(running.round_id))

    # Restarts ---------------------------------------------------------------------------

    async def expect_resume(self) -> list[RoundRecord]:
        """Before serving commands: hold the channels of the rounds left running, so a start
        there cannot orphan them; returns those rounds, and the ended rounds whose channel is
        still owed announcements (for `resume_all`)."""
        store = self.bot.store
        running = [r for r in await store.resumable_rounds() if self.bot.serves(r)]
        self.service.expect_resume(r.channel_id for r in running)
        owing = [r for r in await store.rounds_owing() if self.bot.serves(r)]
        return owing + running

    async def resume_all(self, records: list[RoundRecord]) -> None:
        """After a restart: settle what each round still owes and carry it on, or end it."""
        for record in records:
            try:
                await self._resume(record)
            except Exception:
                log.exception(
                    "Could not resume round %s (guild %s, channel %s)",
                    record.round_id, record.guild_id, record.channel_id,
                )  # fmt: skip

    async def _resume(self, record: RoundRecord) -> None:
        if record.status is not RoundStatus.RUNNING:
            await self._settle_ended(record)
            return
        channel = await self._channel(record.channel_id)
        question_set = await self.bot.catalog.find(record.guild_id, record.set_id)
        if channel is None or question_set is None:
            why = "its channel is gone" if channel is None else f"set {record.set_id} is gone"
            log.warning(
                "Round %s (guild %s, channel %s) cannot be resumed: %s; ending it",
                record.round_id, record.guild_id, record.channel_id, why,
            )  # fmt: skip
            await self.service.abandon(record.round_id, record.channel_id)
            return
        try:
            result = await self.service.resume(record, question_set)
        except ValueError as error:
            log.warning("Round %s cannot be resumed: %s; ending it", record.round_id, error)
            await self.service.abandon(record.round_id, record.channel_id)
            return
        if result is None:
            log.info("Round %s is driven by another process", record.round_id)
            return
        outbox = await self.bot.store.round_outbox(record.round_id)
        self._adopt(
            record.round_id, channel, record.guild_id, record.settings.mode, outbox.messages
        )
        self._after(result, rearm=True)
        log.info("Resumed round %s in channel %s", record.round_id, record.channel_id)

    async def _settle_ended(self, record: RoundRecord) -> None:
        """Show what an ended round still owes (its last reveal, its podium), once."""
        outbox = await self.bot.store.round_outbox(record.round_id)
        channel = await self._channel(record.channel_id)
        if channel is None:
            for owed in outbox.owed:  # nowhere to show them: give them up
                await self.bot.store.settle_announcement(record.round_id, owed.seq, None)
            return
        self._adopt(
            record.round_id, channel, record.guild_id, record.settings.mode, outbox.messages
        )
        side = self._sides[record.round_id]
        side.announcer.owe(outbox.owed)
        await side.announcer.settled()
        await self._forget(record.round_id)
        log.info("Round %s: showed what it still owed after a restart", record.round_id)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable | None:
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except (discord.NotFound, discord.Forbidden):
                return None
        return channel if isinstance(channel, discord.abc.Messageable) else None

    async def renew_leases(self) -> None:
        """Keep this process's rounds; stop driving any another process has taken over."""
        for round_id in await self.service.renew_leases():
            log.warning("Round %s was taken over by another process", round_id)
            await self._forget(round_id)

    async def shutdown(self) -> None:
        """Before the bot closes: close open questions with their awards committed, show what
        is owed (the reveals, a podium or a "will resume" notice), stop the timers."""
        self._closing = True
        for running in list(self.service.rounds):
            side = self._sides.get(running.round_id)
            if side is not None:
                await side.timer.stop()
            try:
                self._after(await self.service.suspend(running.round_id), rearm=False)
            except Exception:
                log.exception("Could not save round %s for the restart", running.round_id)
        for round_id, side in list(self._sides.items()):
            await side.announcer.settled()
            await self._forget(round_id)

    # Plumbing ---------------------------------------------------------------------------

    async def _step(self, step: Awaitable[StepResult]) -> StepResult:
        """Run a service step and hand its announcements over; a lost lease forgets the round."""
        try:
            result = await step
        except LeaseLost as error:
            log.warning("Round %s was taken over by another process", error.round_id)
            await self._forget(error.round_id)
            raise
        self._after(result)
        return result

    def announce(self, result: StepResult) -> None:
        """Hand a step's announcements to its round's announcer and re-arm its timer."""
        self._after(result)

    def _after(self, result: StepResult, *, rearm: bool | None = None) -> None:
        """Hand the step's announcements over; wake the timer when `rearm` is True, or (None)
        when the events moved the deadline: a plain verdict leaves the sleeping timer alone."""
        side = self._sides.get(result.round_id)
        if side is None:
            return
        hints = [e for e in result.events if isinstance(e, HintShown)]
        side.announcer.owe(result.owed, hints)
        if result.finished:
            side.timer.cancel()
        elif rearm or (rearm is None and _moves_deadline(result.events)):
            side.timer.wake()

    async def _tick(self, round_id: int) -> None:
        await self._step(self.service.tick(round_id))

    def _adopt(
        self,
        round_id: int,
        channel: discord.abc.Messageable,
        guild_id: int,
        mode: AnswerMode,
        messages: dict[int, int] | None = None,
    ) -> None:
        async def channel_gone() -> None:
            running = self.service.rounds.get(round_id)
            await self._forget(round_id)
            if running is None:
                return
            await self.service.abandon(round_id, running.channel_id)
            await self._tell_starter(running, CHANNEL_LOST.format(channel=running.channel_id))

        def deadline() -> float | None:
            running = self.service.rounds.get(round_id)
            return None if running is None else running.round.next_deadline

        announcer = Announcer(
            round_id,
            channel,
            store=self.bot.store,
            sets=lambda set_id: self.bot.catalog.cached(guild_id, set_id),
            clock=self.bot.clock,
            typed_in_chat=self.bot.config.typed_answers_in_chat and mode is AnswerMode.TYPED,
            on_channel_gone=channel_gone,
            messages=messages,
            guild_id=guild_id,
        )
        timer = RoundTimer(f"trivia-round-{round_id}", self.bot.clock, deadline,
                           lambda: self._tick(round_id))  # fmt: skip
        self._sides[round_id] = _ChannelSide(announcer, timer)

    async def _tell_starter(self, running: RunningRound, text: str) -> None:
        """A direct message to whoever started the round; the channel can no longer be used."""
        try:
            user = self.bot.get_user(running.started_by) or await self.bot.fetch_user(
                running.started_by
            )
            await user.send(text, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:
            log.warning(
                "Round %s (guild %s, channel %s): could not tell its starter %s why it ended: %s",
                running.round_id, running.guild_id, running.channel_id, running.started_by,
                error,
            )  # fmt: skip

    async def _forget(self, round_id: int) -> None:
        side = self._sides.pop(round_id, None)
        self.service.rounds.remove(round_id)
        if side is not None:
            side.timer.cancel()


def _moves_deadline(events: tuple[Event, ...]) -> bool:
    return any(isinstance(e, _MOVES_DEADLINE) for e in events)
