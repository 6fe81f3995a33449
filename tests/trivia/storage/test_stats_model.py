"""player_stats against a plain-Python model of the rules, over many random rounds.

Storage splits an answer's update by outcome (to spare index writes), so this checks every
outcome mix -- right, wrong, wrong but scoring, several awards per player -- still adds up
exactly as the rules say, in every scope and period, and that the boards agree with it.
Questions closed at the same moment are written together (SQLite merges them per stats row,
PostgreSQL writes them in one batch), so the same must hold when many rounds sharing players
close questions at once. Both run on both backends.
"""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from tests.trivia.storage.steps import close_question, end_round, start_round
from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerKind, Award, Question
from trivia.records import LeaderboardSort, Period, PlayerStats
from trivia.storage import open_store

GUILDS = (11, 12)
USERS = tuple(range(1, 9))
START = datetime(2024, 5, 10, 12, tzinfo=UTC)  # a Friday: the rounds cross a week boundary


class Model:
    """Totals per (guild or None, user), for all time, kept the way the rules describe."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int | None, int], PlayerStats] = defaultdict(lambda: PlayerStats(0))

    def answer(self, guild: int, user: int, points: int, correct: bool) -> None:
        for scope in (guild, None):
            old = self.rows[(scope, user)]
            streak = old.streak + 1 if correct else 0
            self.rows[(scope, user)] = PlayerStats(
                user,
                old.points + points,
                old.correct + correct,
                old.answered + 1,
                old.rounds_played,
                old.wins,
                streak,
                max(old.best_streak, streak),
            )

    def round_ended(self, guild: int, players: set[int], winners: set[int]) -> None:
        for scope in (guild, None):
            for user in players | winners:
                old = self.rows[(scope, user)]
                self.rows[(scope, user)] = PlayerStats(
                    user,
                    old.points,
                    old.correct,
                    old.answered,
                    old.rounds_played + (user in players),
                    old.wins + (user in winners),
                    old.streak,
                    old.best_streak,
                )


def awards_for(rng: random.Random, qid: str, players: list[int]) -> tuple[Award, ...]:
    awards = []
    for user in rng.sample(players, rng.randint(0, len(players))):
        for _ in range(rng.choice((1, 1, 1, 2))):  # sometimes two guesses judged
            correct = rng.random() < 0.5
            points = rng.randint(1, 20) if correct else rng.choice((0, 0, 0, 2))
            awards.append(Award(user, qid, correct, points, 1000))
    return tuple(awards)


async def test_stats_match_the_model(database: str) -> None:
    rng = random.Random(20240510)
    clock = [START]
    model = Model()
    async with await open_store(database, now=lambda: clock[0]) as store:
        for number in range(30):
            guild = rng.choice(GUILDS)
            players = rng.sample(USERS, rng.randint(1, 5))
            round_id = await start_round(store, guild, number, "s", 1, RoundSettings(), {})
            played: set[int] = set()
            for n in range(rng.randint(1, 6)):
                question = Question(f"q{n}", "?", ("a",), AnswerKind.THING, "", (1,))
                awards = awards_for(rng, question.id, players)
                closed = QuestionClosed(n + 1, question, CloseReason.TIMEOUT, awards, ())
                await close_question(store, round_id, closed, {})
                for user in {a.user_id for a in awards}:
                    mine = [a for a in awards if a.user_id == user]
                    correct = any(a.correct for a in mine)
                    model.answer(guild, user, sum(a.points for a in mine), correct)
                    played.add(user)
            winner = rng.choice(players)
            ended = RoundEnded(EndReason.FINISHED, (Standing(winner, 1, 0, 1),), 1)
            await end_round(store, round_id, ended)
            model.round_ended(guild, played, {winner})
            clock[0] += timedelta(hours=rng.randint(1, 12))

        for (scope, user), expected in model.rows.items():
            assert await store.player_stats(scope, user) == expected
        for sort in LeaderboardSort:
            board = await store.leaderboard(None, sort, Period.ALL, limit=len(USERS), min_answers=1)
            assert {row.user_id for row in board} == {u for s, u in model.rows if s is None}


async def test_questions_closed_at_once_count_as_if_one_after_another(database: str) -> None:
    """Twelve rounds over four players close each question together, so one group write
    holds several answers per stats row, in and across guilds; streaks must come out as if
    the calls had run in the order they were made."""
    rng = random.Random(20240511)
    model = Model()
    async with await open_store(database, now=lambda: START) as store:
        guilds = [rng.choice(GUILDS) for _ in range(12)]
        rounds = [
            await start_round(store, guild, channel, "s", 1, RoundSettings(), {})
            for channel, guild in enumerate(guilds)
        ]
        for n in range(10):
            question = Question(f"q{n}", "?", ("a",), AnswerKind.THING, "", (1,))
            calls = []
            for guild, round_id in zip(guilds, rounds, strict=True):
                awards = awards_for(rng, question.id, list(USERS[:4]))
                closed = QuestionClosed(n + 1, question, CloseReason.TIMEOUT, awards, ())
                calls.append(close_question(store, round_id, closed, {"n": n}))
                for user in {a.user_id for a in awards}:
                    mine = [a for a in awards if a.user_id == user]
                    model.answer(
                        guild, user, sum(a.points for a in mine), any(a.correct for a in mine)
                    )
            await asyncio.gather(*calls)

        for (scope, user), expected in model.rows.items():
            assert await store.player_stats(scope, user) == expected
            assert await store.player_stats(scope, user, Period.WEEK) == expected
        assert {r.state["n"] for r in await store.resumable_rounds()} == {9}
