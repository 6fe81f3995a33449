"""The round service: every step of a round is computed, saved in one transaction, then told.

Each call (start, answer, tick, skip, stop, suspend, resume) takes the round's lock, computes
the next state on a copy of the engine, writes it with one `Store` call (state, picks, awards,
stats, the end and its win, and the announcements the channel is owed) and only then swaps
the copy in and returns the events. If the write fails the round in memory is still exactly
what the database holds and the caller gets the StorageError; a timer simply ticks again.
The lock covers computing and saving only: nothing here talks to Discord.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    Event,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
)
from trivia.engine.round import Round
from trivia.engine.selection import Selection
from trivia.engine.settings import Clock, RoundSettings
from trivia.errors import LeaseLost, RoundAlreadyRunning, TriviaError
from trivia.models import QuestionSet
from trivia.service import outbox
from trivia.service.registry import RoundRegistry, RunningRound
from trivia.storage.interface import Store
from trivia.storage.round_steps import (
    LEASE_TTL,
    Announcement,
    Lease,
    NewRound,
    OwedAnnouncement,
    Pick,
    RoundRecord,
    RoundStep,
)

_Action = Callable[[Round], list[Event]]
_PLAYER_EVENTS = (AnswerLocked, AnswerAccepted, AnswerRejected, AlreadyAnswered, AnswerTooLate)


class ResumePending(TriviaError):
    """The channel's round was interrupted by a restart and is about to be resumed."""

    def __init__(self, channel_id: int) -> None:
        self.channel_id = channel_id
        super().__init__("The round in this channel is being resumed after a restart.")


@dataclass(frozen=True, slots=True)
class StepResult:
    """What a step did: its events, the announcements it owes (already saved), the player's
    own verdict and the question it was about, and whether the round is over."""

    round_id: int
    events: tuple[Event, ...] = ()
    owed: tuple[OwedAnnouncement, ...] = ()
    verdict: Event | None = None
    asked: QuestionAsked | None = None
    finished: bool = False


class RoundService:
    """Drives the rounds of one process; `owner` names the process in round leases."""

    def __init__(self, store: Store, clock: Clock, *, owner: str) -> None:
        self.store = store
        self.clock = clock
        self.owner = owner
        self.rounds = RoundRegistry()
        self._pending: set[int] = set()  # channels whose interrupted round awaits resume

    # Starting and resuming -------------------------------------------------------------

    def expect_resume(self, channel_ids: Iterable[int]) -> None:
        """Hold these channels for the rounds a restart is about to resume: a start there is
        refused with ResumePending until `resume` or `abandon` has dealt with them."""
        self._pending.update(channel_ids)

    async def start(
        self,
        *,
        guild_id: int,
        channel_id: int,
        started_by: int,
        question_set: QuestionSet,
        settings: RoundSettings,
        seed: int | None = None,
        selection: Selection | None = None,
    ) -> StepResult:
        """Save a new round with question 1 owed, drawn among the questions `selection`
        admits. RoundAlreadyRunning, ResumePending or StorageError, before anything is owed
        to the channel."""
        if channel_id in self._pending:
            raise ResumePending(channel_id)
        if self.rounds.in_channel(channel_id) is not None:
            raise RoundAlreadyRunning(channel_id)
        round_ = Round(question_set, settings, self.clock, seed=seed, selection=selection)
        events = round_.start()
        lease = Lease(self.owner, 1)
        owed = outbox.announcements(events, outbox.Presentation.of(question_set.id, settings))
        new = NewRound(
            guild_id, channel_id, question_set.id, started_by, settings, round_.to_state(),
            lease, owed, LEASE_TTL,
        )  # fmt: skip
        round_id, seqs = await self.store.create_round(new)
        if not round_.finished:
            self.rounds.add(RunningRound(round_id, guild_id, channel_id, started_by, round_, lease))
        return StepResult(
            round_id, tuple(events), _owed(round_id, seqs, owed), finished=round_.finished
        )

    async def resume(self, record: RoundRecord, question_set: QuestionSet) -> StepResult | None:
        """Carry on a round a restart interrupted, with the picks stored for its open question;
        the old message of that question is owed a retirement. None when another process holds
        the round's lease. ValueError when the saved state does not fit the question set."""
        self._pending.discard(record.channel_id)
        lease = await self.store.claim_round(record.round_id, self.owner, LEASE_TTL)
        if lease is None:
            return None
        number = int(record.state.get("index", -1)) + 1
        picks = {p.award.user_id: p.award for p in record.picks if p.number == number}
        round_ = Round.from_state(record.state, question_set, self.clock, picks=picks)
        running = RunningRound(
            record.round_id, record.guild_id, record.channel_id, record.started_by, round_, lease
        )
        posted = await self.store.round_outbox(record.round_id)
        trial = round_.copy()
        events = trial.resume()
        retire: tuple[Announcement, ...] = ()
        if record.state.get("open") and number in posted.messages:
            retire = (outbox.retire(number, record.state.get("choices", ())),)
        self.rounds.add(running)
        result = await self._commit(running, trial, events, before=retire, resumed=True)
        owed = await self.store.round_outbox(record.round_id)
        return StepResult(result.round_id, result.events, owed.owed, finished=result.finished)

    async def abandon(self, round_id: int, channel_id: int) -> None:
        """End a round that cannot go on (its channel is gone or unusable); it owes nothing."""
        self._pending.discard(channel_id)
        running = self.rounds.get(round_id)
        self.rounds.remove(round_id)
        await self.store.abandon_round(round_id, None if running is None else running.lease)

    # Playing ---------------------------------------------------------------------------

    async def answer(
        self, round_id: int, user_id: int, text: str, *, number: int | None = None
    ) -> StepResult:
        """A typed answer, or a pick; with `number`, only if that question is still open."""
        running = self.rounds.get(round_id)
        if running is None:
            return _too_late(round_id, user_id)
        async with running.lock:
            if self.rounds.get(round_id) is not running:
                return _too_late(round_id, user_id)
            asked = running.round.current
            if number is not None and asked is not None and asked.number != number:
                return _too_late(round_id, user_id)
            trial = running.round.copy()
            events = trial.answer(user_id, text)
            verdict = next(
                (e for e in events if isinstance(e, _PLAYER_EVENTS) and e.user_id == user_id),
                None,
            )
            picks: tuple[Pick, ...] = ()
            pick = trial.pick_of(user_id)
            if asked is not None and pick is not None and running.round.pick_of(user_id) is None:
                choice = verdict.choice if isinstance(verdict, AnswerLocked) else ""
                picks = (Pick(asked.number, pick, choice),)
            result = await self._commit(running, trial, events, picks)
            return StepResult(round_id, result.events, result.owed, verdict, asked, result.finished)

    async def tick(self, round_id: int) -> StepResult:
        """Hints due, a question's time up, or the pause after a reveal over."""
        return await self._act(round_id, Round.tick)

    async def skip(self, round_id: int) -> StepResult:
        return await self._act(round_id, Round.skip)

    async def stop(self, round_id: int) -> StepResult:
        return await self._act(round_id, Round.stop)

    async def suspend(self, round_id: int) -> StepResult:
        """Before a shutdown: close the open question with its awards committed. A round with
        questions left is owed a notice that it will resume, and this process lets it go; a
        round with nothing left ends here with its podium."""
        result = await self._act(round_id, Round.suspend, resuming=True)
        self.rounds.remove(round_id)
        return result

    async def renew_leases(self) -> list[int]:
        """Extend this process's leases; returns (and stops driving) the rounds it lost."""
        held = await self.store.renew_leases(
            self.owner, [r.round_id for r in self.rounds], LEASE_TTL
        )
        lost = [r.round_id for r in self.rounds if r.round_id not in held]
        for round_id in lost:
            self.rounds.remove(round_id)
        return lost

    # Plumbing --------------------------------------------------------------------------

    async def _act(self, round_id: int, action: _Action, *, resuming: bool = False) -> StepResult:
        running = self.rounds.get(round_id)
        if running is None:
            return StepResult(round_id)
        async with running.lock:
            if self.rounds.get(round_id) is not running:
                return StepResult(round_id)
            trial = running.round.copy()
            events = action(trial)
            if not events:
                return StepResult(round_id)
            after: tuple[Announcement, ...] = ()
            if resuming and not trial.finished:
                after = (outbox.notice("resuming"),)
            return await self._commit(running, trial, events, after=after)

    async def _commit(
        self,
        running: RunningRound,
        trial: Round,
        events: Sequence[Event],
        picks: tuple[Pick, ...] = (),
        *,
        before: tuple[Announcement, ...] = (),
        after: tuple[Announcement, ...] = (),
        resumed: bool = False,
    ) -> StepResult:
        """Save what `events` changed, then make `trial` the round. The caller holds the lock."""
        closed = next((e for e in events if isinstance(e, QuestionClosed)), None)
        ended = next((e for e in events if isinstance(e, RoundEnded)), None)
        moved = closed is not None or ended is not None
        moved = moved or any(isinstance(e, QuestionAsked) for e in events)
        owed = (
            *before,
            *outbox.announcements(events, running.presentation, resumed=resumed),
            *after,
        )
        step = RoundStep(
            running.round_id,
            running.lease,
            trial.to_state() if moved else None,
            picks,
            closed,
            ended,
            owed,
        )
        seqs: list[int] = []
        if step.writes_anything:
            try:
                seqs = await self.store.apply_step(step)
            except LeaseLost:
                self.rounds.remove(running.round_id)
                raise
        running.round = trial
        if trial.finished:
            self.rounds.remove(running.round_id)
        return StepResult(
            running.round_id,
            tuple(events),
            _owed(running.round_id, seqs, owed),
            finished=trial.finished,
        )


def _owed(
    round_id: int, seqs: Sequence[int], owed: Sequence[Announcement]
) -> tuple[OwedAnnouncement, ...]:
    return tuple(OwedAnnouncement(round_id, s, a) for s, a in zip(seqs, owed, strict=True))


def _too_late(round_id: int, user_id: int) -> StepResult:
    late = AnswerTooLate(user_id)
    return StepResult(round_id, (late,), verdict=late)
