"""Round steps on PostgreSQL, written in batches: many rounds' steps, one call, one commit.

A hundred rounds closing questions at once would otherwise cost a hundred transactions, each
with its round trip, its function call and its commit. `StepBatches` queues the steps as they
come and one drain task sends everything queued so far in one call of trivia_apply_steps
(migration 0004), as SQLite's store groups its commits (trivia.storage.sqlite.serial_connection).
A round has at most one step in a batch (its service waits for one step before the next;
should a second come anyway it waits for the next batch), so steps of one round stay in order.

Each step is still all or nothing: a step the function refuses (its round is missing, ended,
or leased to another process) fails alone with LeaseLost or StorageError, as one step written
alone would. Any other error fails the call; the steps are then written one by one, so only
the culprit fails. A caller cancelled before its step was sent drops the step.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from trivia.errors import LeaseLost, StorageError
from trivia.records import Period
from trivia.storage.codec import period_start, timestamp, to_json
from trivia.storage.round_shapes import STATUS_FOR
from trivia.storage.round_steps import RoundStep
from trivia.storage.stat_rules import per_player

Outcome = list[int] | Exception
"""A step's announcement seqs once written, or why it was not."""

Call = Callable[[asyncpg.Connection], Awaitable[list[Outcome]]]
BatchWrite = Callable[[Call], Awaitable[list[Outcome]]]
"""Runs a call on a pooled connection as its own transaction (PostgresStore._write)."""

LEASE_LOST = "TR001"
"""The refusal of a step whose round another process now drives (migration 0004)."""

_APPLY_STEPS = (
    "SELECT * FROM trivia_apply_steps($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
    " $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31,"
    " $32, $33)"
)


@dataclass(slots=True)
class _Columns:
    """trivia_apply_steps' array arguments, filled step by step (see migration 0004)."""

    steps: tuple[list[object], ...]  # round, owner, epoch, state, closed number, end status
    picks: tuple[list[object], ...]  # step, number, user, question, choice, right, points, ms
    awards: tuple[list[object], ...]  # step, question, user, right, points, ms
    answers: tuple[list[object], ...]  # step, user, points, right
    winners: tuple[list[object], ...]  # step, user
    owed: tuple[list[object], ...]  # step, kind, number, payload

    @classmethod
    def empty(cls) -> _Columns:
        return cls(*(tuple([] for _ in range(width)) for width in (6, 8, 6, 4, 2, 4)))

    def add(self, n: int, step: RoundStep) -> None:
        closed, ended = step.closed, step.ended
        _append(
            self.steps,
            step.round_id,
            step.lease.owner,
            step.lease.epoch,
            None if step.state is None else to_json(step.state),
            None if closed is None else closed.number,
            None if ended is None else STATUS_FOR[ended.reason].value,
        )
        for pick in step.picks:
            award = pick.award
            _append(
                self.picks,
                *(n, pick.number, award.user_id, award.question_id, pick.choice),
                *(award.correct, award.points, award.answer_ms),
            )
        awards = closed.awards if closed is not None else ()
        for a in awards:
            _append(self.awards, n, a.question_id, a.user_id, a.correct, a.points, a.answer_ms)
        for user, (points, correct) in sorted(per_player(awards).items()):
            _append(self.answers, n, user, points, correct)
        for user in ended.winners if ended is not None else ():
            _append(self.winners, n, user)
        for owed in step.owed:
            _append(self.owed, n, owed.kind.value, owed.number, to_json(owed.payload))

    def arguments(self, moment: datetime) -> tuple[object, ...]:
        return (
            timestamp(moment),
            period_start(Period.WEEK, moment),
            period_start(Period.MONTH, moment),
            *self.steps,
            *self.picks,
            *self.awards,
            *self.answers,
            *self.winners,
            *self.owed,
        )


def _append(columns: tuple[list[object], ...], *values: object) -> None:
    for column, value in zip(columns, values, strict=True):
        column.append(value)


def batch_arguments(steps: Sequence[RoundStep], moment: datetime) -> tuple[object, ...]:
    """trivia_apply_steps' arguments for `steps` (no round twice), in its order."""
    columns = _Columns.empty()
    for n, step in enumerate(steps, start=1):
        columns.add(n, step)
    return columns.arguments(moment)


async def apply_steps(
    conn: asyncpg.Connection, steps: Sequence[RoundStep], moment: datetime
) -> list[Outcome]:
    """One call, hence one transaction: each step's seqs, or its refusal."""
    outcomes: list[Outcome] = []
    for step, row in zip(
        steps, await conn.fetch(_APPLY_STEPS, *batch_arguments(steps, moment)), strict=True
    ):
        _, refusal, reason, seqs = row
        if refusal is None:
            outcomes.append(list(seqs))
        elif refusal == LEASE_LOST:
            outcomes.append(LeaseLost(step.round_id))
        else:
            outcomes.append(StorageError(reason))
    return outcomes


@dataclass(frozen=True, slots=True)
class _Queued:
    step: RoundStep
    future: asyncio.Future[list[int]]


class StepBatches:
    """The queue of steps waiting for the next call; `write` runs a call as one transaction
    and `now` stamps each batch (its awards, and the week and month its stats go to)."""

    def __init__(self, write: BatchWrite, now: Callable[[], datetime]) -> None:
        self._write = write
        self._now = now
        self._queue: list[_Queued] = []
        self._drainer: asyncio.Task[None] | None = None

    async def apply(self, step: RoundStep) -> list[int]:
        """Write `step` with whatever else is queued; returns its announcement seqs once
        committed, or raises why it was not written."""
        future: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        self._queue.append(_Queued(step, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def close(self) -> None:
        """Wait for the steps already queued to be written."""
        if self._drainer is not None:
            await self._drainer

    async def _drain(self) -> None:
        while self._queue:
            batch: list[_Queued] = []
            later: list[_Queued] = []
            rounds: set[int] = set()
            for queued in self._queue:
                if queued.future.cancelled():
                    continue
                if queued.step.round_id in rounds:
                    later.append(queued)
                else:
                    rounds.add(queued.step.round_id)
                    batch.append(queued)
            self._queue = later
            if batch:
                await self._send(batch)
                # One loop turn for the callers just answered: what they write next joins the
                # steps that queued meanwhile, instead of the two alternating batch by batch.
                await asyncio.sleep(0)

    async def _send(self, batch: list[_Queued]) -> None:
        steps = [queued.step for queued in batch]
        moment = self._now()
        try:
            outcomes = await self._write(lambda conn: apply_steps(conn, steps, moment))
        except asyncio.CancelledError:
            for queued in batch:
                _settle(queued, StorageError("cancelled before the step was committed"))
            raise
        except Exception as error:
            if len(batch) > 1:
                for queued in batch:
                    await self._send([queued])
                return
            outcomes = [error]
        for queued, outcome in zip(batch, outcomes, strict=True):
            _settle(queued, outcome)


def _settle(queued: _Queued, outcome: Outcome) -> None:
    if queued.future.done():  # its caller was cancelled meanwhile
        return
    if isinstance(outcome, Exception):
        queued.future.set_exception(outcome)
    else:
        queued.future.set_result(outcome)
