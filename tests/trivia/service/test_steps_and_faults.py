"""The round service: each step is saved in one transaction before it is told, and a step the
store refuses leaves the round exactly as the database holds it, ready to go on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.faults import FaultyStore
from tests.trivia.helpers import FakeClock, WallClock
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerLocked,
    AnswerTooLate,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
)
from trivia.engine.settings import RoundSettings
from trivia.errors import StorageError
from trivia.models import AnswerMode, QuestionSet
from trivia.records import PlayerStats
from trivia.service.round_service import RoundService, StepResult
from trivia.storage import Store
from trivia.storage.round_steps import AnnouncementKind

GUILD, CHANNEL, HOST = 10, 20, 30
CHOICE = RoundSettings(mode=AnswerMode.CHOICE, questions=2, time_limit=30, idle_limit=0)


@pytest.fixture
def faulty(file_store: Store) -> FaultyStore:
    return FaultyStore(file_store)


@pytest.fixture
def service(faulty: FaultyStore, clock: FakeClock) -> RoundService:
    return RoundService(faulty, clock, owner="here")  # type: ignore[arg-type]


async def start(
    service: RoundService, question_set: QuestionSet, settings: RoundSettings = CHOICE
) -> StepResult:
    return await service.start(
        guild_id=GUILD,
        channel_id=CHANNEL,
        started_by=HOST,
        question_set=question_set,
        settings=settings,
        seed=7,
    )


def right_letter(service: RoundService, round_id: int) -> str:
    running = service.rounds.get(round_id)
    assert running is not None and running.round.current is not None
    asked = running.round.current
    return "ABCD"[asked.choices.index(asked.question.canonical)]


def kinds(result: StepResult) -> list[AnnouncementKind]:
    return [owed.announcement.kind for owed in result.owed]


async def test_a_start_the_store_refuses_leaves_no_round(
    service: RoundService, faulty: FaultyStore, file_store: Store, small_set: QuestionSet
) -> None:
    faulty.fail("create_round")
    with pytest.raises(StorageError):
        await start(service, small_set)
    assert service.rounds.in_channel(CHANNEL) is None
    assert await file_store.resumable_rounds() == []

    faulty.recover()
    started = await start(service, small_set)
    assert kinds(started) == [AnnouncementKind.ASK]
    assert [r.round_id for r in await file_store.resumable_rounds()] == [started.round_id]


async def test_a_pick_is_stored_before_it_is_confirmed(
    service: RoundService, faulty: FaultyStore, file_store: Store, small_set: QuestionSet
) -> None:
    round_id = (await start(service, small_set)).round_id
    letter = right_letter(service, round_id)

    faulty.fail("apply_step")
    with pytest.raises(StorageError):
        await service.answer(round_id, 1, letter, number=1)
    running = service.rounds.get(round_id)
    assert running is not None and running.round.pick_of(1) is None  # memory == database
    [record] = await file_store.resumable_rounds()
    assert record.picks == ()

    faulty.recover()
    locked = await service.answer(round_id, 1, letter, number=1)
    assert isinstance(locked.verdict, AnswerLocked)
    [record] = await file_store.resumable_rounds()
    assert [(p.number, p.award.user_id, p.award.correct) for p in record.picks] == [(1, 1, True)]
    again = await service.answer(round_id, 1, letter, number=1)
    assert isinstance(again.verdict, AlreadyAnswered) and again.owed == ()


async def test_a_close_the_store_refuses_is_retried_with_nothing_lost_or_doubled(
    service: RoundService,
    faulty: FaultyStore,
    file_store: Store,
    small_set: QuestionSet,
    clock: FakeClock,
) -> None:
    round_id = (await start(service, small_set)).round_id
    await service.answer(round_id, 1, right_letter(service, round_id), number=1)
    clock.advance(30)

    faulty.fail("apply_step")
    with pytest.raises(StorageError):
        await service.tick(round_id)
    running = service.rounds.get(round_id)
    assert running is not None and running.round.current is not None
    assert running.round.current.number == 1  # not run ahead of the database
    assert await file_store.player_stats(GUILD, 1) == PlayerStats(1)

    faulty.recover()
    closed = await service.tick(round_id)
    assert [type(e) for e in closed.events] == [QuestionClosed, QuestionAsked]
    assert kinds(closed) == [AnnouncementKind.REVEAL, AnnouncementKind.ASK]
    stats = await file_store.player_stats(GUILD, 1)
    assert (stats.answered, stats.correct) == (1, 1)


async def test_closing_the_last_question_and_ending_is_one_step(
    service: RoundService,
    faulty: FaultyStore,
    file_store: Store,
    small_set: QuestionSet,
    clock: FakeClock,
) -> None:
    settings = RoundSettings(mode=AnswerMode.CHOICE, questions=1, time_limit=30, idle_limit=0)
    round_id = (await start(service, small_set, settings)).round_id
    await service.answer(round_id, 1, right_letter(service, round_id), number=1)
    clock.advance(30)

    faulty.fail("apply_step")
    with pytest.raises(StorageError):
        await service.tick(round_id)
    assert service.rounds.get(round_id) is not None  # still running, as in the database
    assert len(await file_store.resumable_rounds()) == 1

    faulty.recover()
    writes_before = len(faulty.writes)
    ended = await service.tick(round_id)
    assert [type(e) for e in ended.events] == [QuestionClosed, RoundEnded]
    assert len(faulty.writes) == writes_before + 1  # the close and the end: one transaction
    assert kinds(ended) == [AnnouncementKind.REVEAL, AnnouncementKind.PODIUM]
    stats = await file_store.player_stats(GUILD, 1)
    assert (stats.correct, stats.rounds_played, stats.wins) == (1, 1, 1)
    assert await file_store.resumable_rounds() == []
    assert service.rounds.get(round_id) is None


async def test_the_end_is_rolled_back_with_the_close_when_the_transaction_fails(
    service: RoundService,
    file_store: Store,
    small_set: QuestionSet,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash between a question's awards and the round's end cannot happen: a failure in
    the end's own writes takes the awards back with it."""
    from trivia.storage.sqlite import round_rows

    settings = RoundSettings(mode=AnswerMode.CHOICE, questions=1, time_limit=30, idle_limit=0)
    round_id = (await start(service, small_set, settings)).round_id
    await service.answer(round_id, 1, right_letter(service, round_id), number=1)
    clock.advance(30)

    async def broken_end(*_: object) -> None:
        raise StorageError("database error: disk I/O error")

    monkeypatch.setattr(round_rows, "_end", broken_end)
    with pytest.raises(StorageError):
        await service.tick(round_id)
    assert await file_store.player_stats(GUILD, 1) == PlayerStats(1)  # no award without end
    [record] = await file_store.resumable_rounds()
    assert record.state["open"] == 1


async def test_stop_and_suspend_the_store_refuses_leave_the_round_running(
    service: RoundService, faulty: FaultyStore, small_set: QuestionSet
) -> None:
    round_id = (await start(service, small_set)).round_id
    faulty.fail("apply_step")
    for step in (service.stop, service.skip, service.suspend):
        with pytest.raises(StorageError):
            await step(round_id)
        running = service.rounds.get(round_id)
        assert running is not None and running.round.current is not None
    faulty.recover()
    stopped = await service.stop(round_id)
    assert stopped.finished and kinds(stopped)[-1] is AnnouncementKind.PODIUM


async def test_typed_misses_count_once_and_late_answers_name_the_winner(
    service: RoundService, file_store: Store, small_set: QuestionSet
) -> None:
    settings = RoundSettings(
        mode=AnswerMode.TYPED, questions=2, time_limit=30, hints=False, pause=4.0
    )
    round_id = (await start(service, small_set, settings)).round_id
    running = service.rounds.get(round_id)
    assert running is not None and running.round.current is not None
    answer = running.round.current.question.canonical
    for _ in range(5):
        await service.answer(round_id, 2, "surely not this")  # spam costs one miss
    won = await service.answer(round_id, 1, answer)
    assert [type(e) for e in won.events][-1] is QuestionClosed  # then a pause, no new question

    late = await service.answer(round_id, 2, answer)
    assert late.verdict == AnswerTooLate(2, winner=1)
    stopped = await service.stop(round_id)
    assert stopped.finished
    spammer = await file_store.player_stats(GUILD, 2)
    assert (spammer.answered, spammer.correct) == (1, 0)


async def test_a_start_waits_for_the_round_a_restart_is_resuming(
    service: RoundService, small_set: QuestionSet
) -> None:
    from trivia.service.round_service import ResumePending

    service.expect_resume([CHANNEL])
    with pytest.raises(ResumePending):
        await start(service, small_set)


async def test_suspending_the_last_question_ends_the_round_without_a_resume_notice(
    service: RoundService, file_store: Store, small_set: QuestionSet
) -> None:
    settings = RoundSettings(mode=AnswerMode.CHOICE, questions=1, time_limit=30, idle_limit=0)
    round_id = (await start(service, small_set, settings)).round_id
    suspended = await service.suspend(round_id)
    assert suspended.finished
    assert kinds(suspended) == [AnnouncementKind.REVEAL, AnnouncementKind.PODIUM]
    assert await file_store.resumable_rounds() == []


async def test_suspending_mid_round_owes_a_resume_notice_and_resume_retires_the_old_message(
    service: RoundService, file_store: Store, small_set: QuestionSet, clock: FakeClock
) -> None:
    started = await start(service, small_set)
    round_id = started.round_id
    [ask] = started.owed
    await file_store.settle_announcement(round_id, ask.seq, 555)  # question 1 was posted
    await service.answer(round_id, 1, right_letter(service, round_id), number=1)

    # A crash: this process is gone; a new one (same owner) resumes from the database.
    [record] = await file_store.resumable_rounds()
    after = RoundService(file_store, clock, owner="here")
    resumed = await after.resume(record, small_set)
    assert resumed is not None
    assert [o.announcement.kind for o in resumed.owed] == [
        AnnouncementKind.RETIRE,
        AnnouncementKind.ASK,
    ]
    running = after.rounds.get(round_id)
    assert running is not None and running.round.pick_of(1) is not None  # the pick survived
    again = await after.answer(round_id, 1, "A", number=1)
    assert isinstance(again.verdict, AlreadyAnswered)

    suspended = await after.suspend(round_id)
    assert kinds(suspended) == [AnnouncementKind.REVEAL, AnnouncementKind.NOTICE]
    assert not suspended.finished and after.rounds.get(round_id) is None


async def test_a_process_whose_lease_was_taken_stops_driving_the_round(
    file_store: Store, small_set: QuestionSet, clock: FakeClock, wall_clock: WallClock
) -> None:
    from trivia.errors import LeaseLost
    from trivia.storage.round_steps import LEASE_TTL

    first = RoundService(file_store, clock, owner="first")
    round_id = (await start(first, small_set)).round_id
    [record] = await file_store.resumable_rounds()
    second = RoundService(file_store, clock, owner="second")
    assert await second.resume(record, small_set) is None  # the lease is live
    wall_clock.now += timedelta(seconds=LEASE_TTL + 1)
    assert await second.resume(record, small_set) is not None
    with pytest.raises(LeaseLost):
        await first.skip(round_id)
    assert first.rounds.get(round_id) is None
