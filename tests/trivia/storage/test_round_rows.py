"""Rounds, awards and player stats: saved atomically, resumable after a restart, concurrent-safe."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from tests.trivia.storage.steps import LEASE, close_question, end_round, save_state, start_round
from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import GuildSettings, RoundSettings
from trivia.errors import StorageError
from trivia.models import AnswerKind, AnswerMode, Award, Question
from trivia.records import PlayerStats, RoundStatus
from trivia.storage import Store, open_store
from trivia.storage.round_steps import RoundRecord

GUILD, CHANNEL, HOST = 100, 200, 300
NOW = datetime(2024, 5, 1, 12, tzinfo=UTC)
SETTINGS = RoundSettings(mode=AnswerMode.TYPED, questions=5, time_limit=12.5, hints=False)
STATE = {"questions": ["q1", "q2", "q3"], "current": 1, "scores": {"42": 10}, "seed": 7}


def closed(qid: str, *answers: tuple[int, bool, int]) -> QuestionClosed:
    """A closed question with one award per (user, correct, points)."""
    q = Question(qid, f"{qid}?", ("yes",), AnswerKind.THING, "", (1,))
    awards = tuple(Award(user, qid, ok, points, 1500) for user, ok, points in answers)
    return QuestionClosed(1, q, CloseReason.TIMEOUT, awards, ())


def ended(reason: EndReason, *ranks: tuple[int, int]) -> RoundEnded:
    standings = tuple(Standing(user, 10 // rank, 0, rank) for user, rank in ranks)
    return RoundEnded(reason, standings, 3)


async def new_round(store: Store, guild: int = GUILD, channel: int = CHANNEL) -> int:
    return await start_round(store, guild, channel, "s3", HOST, SETTINGS, STATE)


async def test_running_round_survives_a_restart_exactly(database: str) -> None:
    async with await open_store(database, now=lambda: NOW) as store:
        round_id = await new_round(store)
        moved = {**STATE, "current": 2, "nested": {"list": [1, "two", None, 3.5]}}
        await close_question(store, round_id, closed("q1", (42, True, 10)), moved)
    async with await open_store(database, now=lambda: NOW) as store:
        assert await store.resumable_rounds() == [
            RoundRecord(
                round_id, GUILD, CHANNEL, "s3", HOST, SETTINGS, RoundStatus.RUNNING, moved,
                lease=LEASE,
            )
        ]  # fmt: skip


async def test_save_round_state(store: Store) -> None:
    round_id = await new_round(store)
    await save_state(store, round_id, {"current": 3})
    [record] = await store.resumable_rounds()
    assert record.state == {"current": 3}
    with pytest.raises(StorageError):
        await save_state(store, round_id + 1, {})


async def test_ended_and_interrupted_rounds_are_not_resumable(store: Store) -> None:
    finished, stopped, lost, running = [await new_round(store, channel=c) for c in range(4)]
    await end_round(store, finished, ended(EndReason.FINISHED), {"done": True})
    await end_round(store, stopped, ended(EndReason.STOPPED))
    await store.abandon_round(lost)
    assert [r.round_id for r in await store.resumable_rounds()] == [running]
    with pytest.raises(StorageError, match="no longer running"):
        await close_question(store, lost, closed("q1", (1, True, 5)), {})


async def test_stats_follow_the_awards(store: Store) -> None:
    round_id = await new_round(store)
    await close_question(store, round_id, closed("q1", (1, True, 10), (2, False, 0)), {})
    await close_question(store, round_id, closed("q2", (1, True, 7), (2, True, 3)), {})
    await close_question(store, round_id, closed("q3", (1, False, 0)), {})
    await close_question(store, round_id, closed("q4", (1, True, 5)), {})
    await end_round(store, round_id, ended(EndReason.FINISHED, (1, 1), (2, 2)))
    assert await store.player_stats(GUILD, 1) == PlayerStats(
        1, points=22, correct=3, answered=4, rounds_played=1, wins=1, streak=1, best_streak=2
    )
    assert await store.player_stats(GUILD, 2) == PlayerStats(
        2, points=3, correct=1, answered=2, rounds_played=1, wins=0, streak=1, best_streak=1
    )
    assert await store.player_stats(GUILD, 3) == PlayerStats(3)


async def test_several_awards_for_one_question_count_as_one_answer(store: Store) -> None:
    round_id = await new_round(store)
    await close_question(store, round_id, closed("q1", (1, False, 0), (1, True, 8)), {})
    stats = await store.player_stats(GUILD, 1)
    assert (stats.points, stats.correct, stats.answered, stats.streak) == (8, 1, 1, 1)


async def test_a_miss_that_scored_keeps_its_points_and_ends_the_streak(store: Store) -> None:
    round_id = await new_round(store)
    await close_question(store, round_id, closed("q1", (1, True, 5)), {})
    await close_question(store, round_id, closed("q2", (1, False, 3)), {})
    await close_question(store, round_id, closed("q3", (1, False, 0)), {})
    assert await store.player_stats(None, 1) == PlayerStats(
        1, points=8, correct=1, answered=3, streak=0, best_streak=1
    )


async def test_tied_winners_both_win_and_idle_rounds_credit_no_win(store: Store) -> None:
    first, idle = await new_round(store), await new_round(store, channel=2)
    for round_id in (first, idle):
        await close_question(store, round_id, closed("q1", (1, True, 5), (2, True, 5)), {})
    await end_round(store, first, ended(EndReason.FINISHED, (1, 1), (2, 1)))
    await end_round(store, idle, ended(EndReason.IDLE, (1, 1), (2, 1)))
    for user in (1, 2):
        stats = await store.player_stats(GUILD, user)
        assert (stats.rounds_played, stats.wins) == (2, 1)


async def test_a_top_score_of_zero_wins_nothing(store: Store) -> None:
    round_id = await new_round(store)
    await close_question(store, round_id, closed("q1", (1, False, 0), (2, False, 0)), {})
    nobody = (Standing(1, 0, 0, 1), Standing(2, 0, 0, 1))
    await end_round(store, round_id, RoundEnded(EndReason.FINISHED, nobody, 1))
    for user in (1, 2):
        stats = await store.player_stats(GUILD, user)
        assert (stats.rounds_played, stats.wins) == (1, 0)


async def test_ending_twice_credits_once(store: Store) -> None:
    round_id = await new_round(store)
    await close_question(store, round_id, closed("q1", (1, True, 5)), {})
    await end_round(store, round_id, ended(EndReason.FINISHED, (1, 1)))
    with pytest.raises(StorageError):
        await end_round(store, round_id, ended(EndReason.STOPPED, (1, 1)))
    stats = await store.player_stats(GUILD, 1)
    assert (stats.rounds_played, stats.wins) == (1, 1)
    with pytest.raises(StorageError):
        await end_round(store, round_id + 1, ended(EndReason.FINISHED))


async def test_failed_record_leaves_no_awards_or_stats(store: Store) -> None:
    round_id = await new_round(store)
    unsaveable = {"current": object()}  # fails at the last step, after awards and stats
    with pytest.raises(TypeError):
        await close_question(store, round_id, closed("q1", (1, True, 5)), unsaveable)
    assert await store.player_stats(GUILD, 1) == PlayerStats(1)
    [record] = await store.resumable_rounds()
    assert record.state == STATE
    await end_round(store, round_id, ended(EndReason.FINISHED, (1, 1)))
    assert (await store.player_stats(GUILD, 1)).rounds_played == 0  # no award row was kept


async def test_many_rounds_writing_at_once(store: Store) -> None:
    rounds, questions, players = 50, 8, 5

    async def play(n: int) -> None:
        round_id = await new_round(store, guild=GUILD + n % 3, channel=n)
        for q in range(questions):
            rights = [(user, (q + user) % 2 == 0) for user in range(players)]
            answers = [(user, right, 10 if right else 0) for user, right in rights]
            await close_question(store, round_id, closed(f"q{q}", *answers), {"q": q})
        await end_round(store, round_id, ended(EndReason.FINISHED, (0, 1)))

    await asyncio.gather(*(play(n) for n in range(rounds)))
    for user in range(players):
        stats = await store.player_stats(None, user)
        assert stats.answered == rounds * questions
        assert stats.correct == rounds * questions // 2
        assert stats.points == 10 * stats.correct
        assert stats.rounds_played == rounds
        assert stats.wins == (rounds if user == 0 else 0)
        per_guild = [await store.player_stats(GUILD + g, user) for g in range(3)]
        assert sum(s.points for s in per_guild) == stats.points
    assert await store.resumable_rounds() == []


async def test_a_failing_write_among_concurrent_ones_fails_alone(store: Store) -> None:
    first, second = await new_round(store, channel=1), await new_round(store, channel=2)
    results = await asyncio.gather(
        close_question(store, first, closed("q1", (1, True, 5)), {}),
        close_question(store, second + 1, closed("q1", (1, True, 5)), {}),
        close_question(store, second, closed("q1", (1, True, 5)), {}),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], StorageError)
    assert (await store.player_stats(GUILD, 1)).points == 10


async def test_guild_settings_default_and_round_trip(store: Store) -> None:
    assert await store.guild_settings(GUILD) == GuildSettings()
    custom = GuildSettings(
        mode=AnswerMode.TYPED,
        questions=15,
        time_limit=45,
        hints=False,
        reveal_answers=False,
        starter_role_id=555,
        channel_ids=(10, 11),
        spoilers=True,
        report_threshold=3,
    )
    await store.save_guild_settings(GUILD, custom)
    assert await store.guild_settings(GUILD) == custom
    assert await store.guild_settings(GUILD + 1) == GuildSettings()
    await store.save_guild_settings(GUILD, GuildSettings(questions=5))
    assert await store.guild_settings(GUILD) == GuildSettings(questions=5)
