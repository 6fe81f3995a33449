"""RoundDriver: Discord actions in, calls on `trivia.engine.round.Round` out, events rendered back.

It holds no game rules. Each running round has a `ChannelRound` (its channel, its open question's
message, a lock) and a `RoundTimer` (its timer task). Every entry point takes the round's lock,
calls
the round, then `_process`es the events: save them, let the caller reply privately to the
player, then announce them in the channel, then re-arm the timer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot.channel_rounds.channel_round import (
    NO_MENTIONS,
    ChannelGone,
    ChannelRound,
    announce,
    commit,
)
from bot.channel_rounds.timer import RoundTimer
from bot.render.rounds import RESTARTING, answer_reply
from bot.views import ChoiceButton
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    Event,
)
from trivia.engine.registry import RoundRegistry
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode, QuestionSet
from trivia.storage.round_steps import RoundRecord

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

Reply = Callable[[str], Awaitable[None]]
"""Answers the player privately (an ephemeral interaction response)."""

AfterCommit = Callable[[], Awaitable[None]]

_PLAYER_EVENTS = (AnswerLocked, AnswerAccepted, AnswerRejected, AlreadyAnswered, AnswerTooLate)


class RoundDriver:
    """The running rounds of one bot, at most one per channel or thread."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self.rounds = RoundRegistry()
        self._live: dict[int, ChannelRound] = {}  # by channel id
        self._closing = False
        bot.add_dynamic_items(ChoiceButton)  # clicks on any question message, even pre-restart

    def get(self, channel_id: int) -> ChannelRound | None:
        """The round running in a channel, if any."""
        return self._live.get(channel_id)

    def __len__(self) -> int:
        return len(self._live)

    # Starting, playing, stopping --------------------------------------------------------

    async def start(
        self,
        channel: discord.abc.Messageable,
        *,
        channel_id: int,
        guild_id: int,
        started_by: int,
        question_set: QuestionSet,
        settings: RoundSettings,
        reveal_answers: bool = True,
        seed: int | None = None,
        after_commit: AfterCommit | None = None,
    ) -> ChannelRound:
        """Start a round and ask question 1; raises RoundAlreadyRunning (before any await).

        `after_commit` runs once the round is saved and before question 1 is posted: the
        place to acknowledge the command that started it.
        """
        if self._closing:
            raise RuntimeError("the bot is shutting down")
        round_ = Round(question_set, settings, self.bot.clock, seed=seed)
        events = self.rounds.start(channel_id, round_)
        live = ChannelRound(
            round_,
            channel,
            channel_id,
            guild_id,
            started_by,
            reveal_answers=reveal_answers,
            typed_in_chat=self.bot.config.typed_answers_in_chat,
        )
        self._adopt(live)
        async with live.lock:
            try:
                live.round_id = await self.bot.store.create_round(
                    guild_id,
                    channel_id,
                    question_set.id,
                    started_by,
                    settings,
                    round_.to_state(),
                )
            except BaseException:
                self._forget(live)
                raise
            await self._process(live, events, after_commit)
        return live

    async def answer(
        self, channel_id: int, user_id: int, text: str, *, reply: Reply | None = None
    ) -> Event | None:
        """A typed answer, or a letter/option in choice mode; `reply` gets the private verdict."""
        return await self._judge(self._live.get(channel_id), user_id, text, reply)

    async def answer_from_chat(self, channel_id: int, user_id: int, text: str) -> None:
        """A chat message in a channel playing typed mode: judged silently, never replied to."""
        live = self._live.get(channel_id)
        if live is not None and live.mode is AnswerMode.TYPED and live.round.current is not None:
            await self._judge(live, user_id, text, None)

    async def choose(
        self, round_id: int, number: int, letter: str, user_id: int, *, reply: Reply
    ) -> Event | None:
        """A click on button `letter` of question `number` of round `round_id`."""
        live = next((r for r in self._live.values() if r.round_id == round_id), None)
        return await self._judge(live, user_id, letter, reply, number=number)

    async def _judge(
        self,
        live: ChannelRound | None,
        user_id: int,
        text: str,
        reply: Reply | None,
        *,
        number: int | None = None,
    ) -> Event | None:
        """Answer the open question (only if it is still question `number`, when given)."""
        if live is None:
            verdict: Event | None = AnswerTooLate(user_id) if number is not None else None
            if reply is not None:
                await reply(answer_reply(verdict))
            return verdict
        async with live.lock:
            asked = live.round.current
            if live.over or asked is None or (number is not None and asked.number != number):
                verdict = AnswerTooLate(user_id) if number is not None or asked else None
                if reply is not None:
                    await reply(answer_reply(verdict))
                return verdict
            events = live.round.answer(user_id, text)
            verdict = _verdict(events, user_id)

            async def tell() -> None:
                if reply is not None:
                    await reply(answer_reply(verdict, asked))

            await self._process(live, events, tell)
            return verdict

    async def skip(self, channel_id: int, *, after_commit: AfterCommit | None = None) -> bool:
        """Close the open question without awards and ask the next; False if nothing runs."""
        return await self._act(channel_id, Round.skip, after_commit)

    async def stop(self, channel_id: int, *, after_commit: AfterCommit | None = None) -> bool:
        """Close the open question with its awards so far and end the round with its podium."""
        return await self._act(channel_id, Round.stop, after_commit)

    async def _act(
        self,
        channel_id: int,
        action: Callable[[Round], list[Event]],
        after_commit: AfterCommit | None,
    ) -> bool:
        live = self._live.get(channel_id)
        if live is None:
            return False
        async with live.lock:
            if live.over:
                return False
            await self._process(live, action(live.round), after_commit)
            return True

    # Restarts ---------------------------------------------------------------------------

    async def resume_all(self) -> None:
        """After a restart: carry on every round the database still has as running."""
        for record in await self.bot.store.resumable_rounds():
            if record.channel_id in self._live:
                continue
            try:
                await self._resume(record)
            except Exception:
                log.exception("Could not resume round %s", record.round_id)

    async def _resume(self, record: RoundRecord) -> None:
        channel = await self._channel(record.channel_id)
        if channel is None:
            log.warning(
                "Round %s: channel %s is gone; the round is abandoned",
                record.round_id,
                record.channel_id,
            )
            await self.bot.store.mark_interrupted(record.round_id)
            return
        question_set = self.bot.library.sets.get(record.set_id)
        try:
            if question_set is None:
                raise ValueError(f"question set {record.set_id!r} is no longer loaded")
            round_ = Round.from_state(record.state, question_set, self.bot.clock)
        except ValueError as error:
            log.warning("Round %s cannot be resumed: %s", record.round_id, error)
            await self.bot.store.mark_interrupted(record.round_id)
            await channel.send(
                "The trivia round here could not be resumed after a restart, sorry.",
                allowed_mentions=NO_MENTIONS,
            )
            return
        settings = await self.bot.store.guild_settings(record.guild_id)
        live = ChannelRound(
            round_,
            channel,
            record.channel_id,
            record.guild_id,
            record.started_by,
            reveal_answers=settings.reveal_answers,
            typed_in_chat=self.bot.config.typed_answers_in_chat,
            round_id=record.round_id,
            resumed=True,
        )
        events = self.rounds.resume(record.channel_id, round_)
        self._adopt(live)
        async with live.lock:
            await self._process(live, events)
        log.info("Resumed round %s in channel %s", record.round_id, record.channel_id)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable | None:
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except (discord.NotFound, discord.Forbidden):
                return None
        return channel if isinstance(channel, discord.abc.Messageable) else None

    async def shutdown(self) -> None:
        """Before the bot closes: close open questions with their awards committed, save every
        round where it is and tell its channel it will resume.

        The round stays `running` in the database, so `resume_all` carries on with the next
        question after the restart.
        """
        self._closing = True
        for live in list(self._live.values()):
            try:
                await self._hand_over(live)
            except Exception:
                log.exception("Could not save round %s for the restart", live.round_id)
            finally:
                self._forget(live)

    async def _hand_over(self, live: ChannelRound) -> None:
        async with live.lock:
            if live.runner is not None:
                await live.runner.stop()
            if live.over:
                return
            events = live.round.suspend()
            await commit(self.bot.store, live, events)
            live.over = True
            await announce(live, events, self.bot.clock)
            await live.channel.send(RESTARTING, allowed_mentions=NO_MENTIONS)

    # Plumbing ---------------------------------------------------------------------------

    async def _process(
        self, live: ChannelRound, events: list[Event], after_commit: AfterCommit | None = None
    ) -> None:
        """Save, acknowledge, announce, re-arm the timer. The caller holds `live.lock`.

        Whatever fails, the round is left either forgotten (over) or with its timer armed,
        so a channel is never blocked by a round nobody drives.
        """
        try:
            await commit(self.bot.store, live, events)
            if after_commit is not None:
                try:
                    await after_commit()
                except discord.HTTPException:
                    # The player misses a private reply; the channel must still see the round.
                    log.warning("Could not acknowledge in %s", live.channel_id, exc_info=True)
            await announce(live, events, self.bot.clock)
        except ChannelGone as error:
            log.warning("Round %s: channel %s is gone (%s)", live.round_id, live.channel_id, error)
            live.over = True
            if not live.round.finished:
                await self.bot.store.mark_interrupted(live.round_id)
        finally:
            if live.over or live.round.finished:
                live.over = True
                self._forget(live)
            elif live.runner is not None:
                live.runner.wake()

    async def _tick(self, live: ChannelRound) -> None:
        async with live.lock:
            if not live.over:
                events = live.round.tick()
                if events:
                    await self._process(live, events)

    def _adopt(self, live: ChannelRound) -> None:
        live.runner = RoundTimer(
            f"trivia-round-{live.channel_id}",
            self.bot.clock,
            lambda: None if live.over else live.round.next_deadline,
            lambda: self._tick(live),
        )
        self._live[live.channel_id] = live

    def _forget(self, live: ChannelRound) -> None:
        if self._live.get(live.channel_id) is live:
            del self._live[live.channel_id]
            self.rounds.remove(live.channel_id)


def _verdict(events: list[Event], user_id: int) -> Event | None:
    """The event that answers this player: locked in, right, wrong, already, too late."""
    return next((e for e in events if isinstance(e, _PLAYER_EVENTS) and e.user_id == user_id), None)
