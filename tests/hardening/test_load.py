"""200 rounds at once against one database for a simulated hour: no error, no lost award.

What this covers: 200 channels (in 20 guilds) each play rounds back to back on one shared
fake clock, with seeded random players, through the bot's own round service
(`trivia.service.round_service.RoundService`: every step computed, then saved in one
transaction), exactly as RoundDriver drives them before announcing anything. On every clock
step the 200 channels act concurrently (one task each, gathered, alongside a leaderboard read),
so their writes meet in the Store's single connection; a second Store on the same file (as
another process would open) saves a guild's settings on every step, so the two connections
contend for SQLite's write lock. Discord is not simulated here: RoundDriver's timers would
sleep in real time outside SimCord, so the service is driven directly (the SimCord tests and
tests/hardening/test_crash.py cover the bot's side). When the
hour is up every round still running is stopped, keeping its awards so far, as /trivia stop
does.

The database must then agree with the events: the same awards (none lost, none doubled), the
same per-player totals in player_stats (per guild and across guilds, with rounds played and
wins), and each round's final standings equal to the sum of its awards.

Sizes: questions last 60, 90 or 120 s, rounds 5-10 questions in either mode, 0-3 regulars per
channel (quiet channels end IDLE) acting on 10 s clock steps, 5-30 s between rounds. That makes
about 1,700 rounds, 10,000 closed questions and 11,000 awards in the hour, in 4-7 s of wall
time on a 2-core machine, most of it SQLite writes. The cost grows linearly with the number of
questions and awards: 30 s questions with 0-6 players per channel make about 46,000 awards.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trivia.content.library import load_library
from trivia.engine.events import EndReason, Event, QuestionClosed, RoundEnded
from trivia.engine.settings import GuildSettings, RoundSettings
from trivia.models import AnswerMode, QuestionSet
from trivia.records import LeaderboardSort, PlayerStats
from trivia.service.round_service import RoundService, StepResult
from trivia.storage import Store, open_store

CHANNELS = 200
GUILDS = 20
PLAYER_POOL = 300  # user ids; each guild's members are drawn from it, so guilds share players
MEMBERS_PER_GUILD = 30
HOUR = 3600.0
STEP = 10.0  # the clock moves in steps; players act and timers fire on steps
SEED = 424242
EPOCH = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday morning: the hour stays in one week

AwardKey = tuple[int, str, int, bool, int]  # round, question, user, correct, points


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def wall(self) -> datetime:
        return EPOCH + timedelta(seconds=self.now)


@dataclass
class Totals:
    points: int = 0
    correct: int = 0
    answered: int = 0
    rounds_played: int = 0
    wins: int = 0

    @staticmethod
    def of(stats: PlayerStats) -> Totals:
        return Totals(stats.points, stats.correct, stats.answered, stats.rounds_played, stats.wins)


@dataclass
class Expected:
    """What the events produced, hence what must be stored."""

    awards: Counter[AwardKey] = field(default_factory=Counter)
    totals: defaultdict[tuple[int, int], Totals] = field(  # by (guild, user)
        default_factory=lambda: defaultdict(Totals)
    )
    standings: dict[int, dict[int, tuple[int, int]]] = field(default_factory=dict)  # by round
    players: defaultdict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    closed: int = 0
    ends: Counter[EndReason] = field(default_factory=Counter)

    def add(self, round_id: int, guild_id: int, events: tuple[Event, ...]) -> None:
        for event in events:
            if isinstance(event, QuestionClosed):
                self.closed += 1
                for a in event.awards:
                    self.awards[(round_id, a.question_id, a.user_id, a.correct, a.points)] += 1
                    totals = self.totals[(guild_id, a.user_id)]
                    totals.points += a.points
                    totals.correct += a.correct
                    totals.answered += 1
                    self.players[round_id].add(a.user_id)
            elif isinstance(event, RoundEnded):
                self.ends[event.reason] += 1
                self.standings[round_id] = {
                    s.user_id: (s.points, s.correct) for s in event.standings
                }
                for user_id in self.players[round_id]:
                    self.totals[(guild_id, user_id)].rounds_played += 1
                for s in event.standings:
                    if event.credited and s.rank == 1:
                        self.totals[(guild_id, s.user_id)].wins += 1


class Channel:
    """One channel's rounds, one after another, with its regulars answering at random."""

    def __init__(
        self,
        channel_id: int,
        guild_id: int,
        members: list[int],
        rng: random.Random,
        question_set: QuestionSet,
        service: RoundService,
        expected: Expected,
    ) -> None:
        self.channel_id, self.guild_id, self.rng = channel_id, guild_id, rng
        self.regulars = rng.sample(members, rng.randint(0, 3))
        self.keen = rng.uniform(0.2, 0.6)  # chance that a regular acts on a given step
        self.question_set, self.service = question_set, service
        self.clock = service.clock
        self.expected = expected
        self.round_id: int | None = None
        self.next_start = rng.uniform(0, 60)

    async def step(self) -> None:
        if self.round_id is None:
            if self.clock() >= self.next_start:
                await self._start()
            return
        running = self.service.rounds.get(self.round_id)
        assert running is not None
        for user_id in self.regulars:
            asked = running.round.current
            if asked is not None and self.rng.random() < self.keen:
                guess = self._guess(asked.question.canonical, asked.choices)
                self._record(await self.service.answer(self.round_id, user_id, guess))
                if self.round_id is None:
                    return
        deadline = running.round.next_deadline
        if deadline is not None and self.clock() >= deadline:
            self._record(await self.service.tick(self.round_id))

    async def stop(self) -> None:
        if self.round_id is not None:
            self._record(await self.service.stop(self.round_id))

    def _guess(self, canonical: str, choices: tuple[str, ...]) -> str:
        if choices:  # choice mode: an option's letter
            right = choices.index(canonical)
            return "ABCD"[right if self.rng.random() < 0.6 else self.rng.randrange(len(choices))]
        if self.rng.random() < 0.2:
            return canonical
        return self.rng.choice(("no idea", "Trish", "Hell's Kitchen", "1999", canonical[:-1]))

    async def _start(self) -> None:
        settings = RoundSettings(
            mode=self.rng.choice((AnswerMode.CHOICE, AnswerMode.TYPED)),
            questions=self.rng.randint(5, 10),
            time_limit=float(self.rng.choice((60, 90, 120))),
            pause=float(self.rng.choice((0, 4))),
        )
        result = await self.service.start(
            guild_id=self.guild_id,
            channel_id=self.channel_id,
            started_by=0,
            question_set=self.question_set,
            settings=settings,
            seed=self.rng.getrandbits(32),
        )
        self.round_id = result.round_id
        self._record(result)

    def _record(self, result: StepResult) -> None:
        self.expected.add(result.round_id, self.guild_id, result.events)
        if result.finished:
            self.round_id = None
            self.next_start = self.clock() + self.rng.uniform(5, 30)


async def play_an_hour(
    store: Store, other: Store, clock: FakeClock, expected: Expected
) -> dict[int, GuildSettings]:
    """Play the hour; returns the guild settings `other` saved last, by guild."""
    rng = random.Random(SEED)
    question_set = next(iter(load_library().sets.values()))
    service = RoundService(store, clock, owner="load-test")
    pool = [10_000 + i for i in range(PLAYER_POOL)]
    members = {g: rng.sample(pool, MEMBERS_PER_GUILD) for g in range(1, GUILDS + 1)}
    channels = [
        Channel(
            1_000 + c,
            1 + c % GUILDS,
            members[1 + c % GUILDS],
            random.Random(rng.random()),
            question_set,
            service,
            expected,
        )
        for c in range(CHANNELS)
    ]
    saved: dict[int, GuildSettings] = {}
    while clock.now < HOUR:
        guild_id = rng.randint(1, GUILDS)
        saved[guild_id] = GuildSettings(questions=rng.randint(5, 20))
        await asyncio.gather(
            store.leaderboard(guild_id, LeaderboardSort.POINTS),
            other.save_guild_settings(guild_id, saved[guild_id]),
            *(channel.step() for channel in channels),
        )
        clock.now += STEP
    await asyncio.gather(*(channel.stop() for channel in channels))
    return saved


def stored_awards(db_path: Path) -> Counter[AwardKey]:
    """Every award row (Store has no API listing raw awards); read after the Store closed."""
    with closing(sqlite3.connect(db_path)) as db:
        rows = db.execute(
            "SELECT round_id, question_id, user_id, correct, points FROM awards"
        ).fetchall()
        running = db.execute("SELECT COUNT(*) FROM rounds WHERE status = 'running'").fetchone()
    assert running == (0,)
    return Counter((r, q, u, bool(c), p) for r, q, u, c, p in rows)


def sums_by_round(awards: Counter[AwardKey]) -> dict[int, dict[int, tuple[int, int]]]:
    """Points and right answers per round and player, as standings show them."""
    sums: defaultdict[int, defaultdict[int, tuple[int, int]]] = defaultdict(
        lambda: defaultdict(lambda: (0, 0))
    )
    for (round_id, _, user_id, correct, points), n in awards.items():
        old_points, old_correct = sums[round_id][user_id]
        sums[round_id][user_id] = (old_points + points * n, old_correct + correct * n)
    return {round_id: dict(per_user) for round_id, per_user in sums.items()}


async def test_two_hundred_rounds_for_an_hour_lose_no_award(tmp_path: Path) -> None:
    db_path = tmp_path / "load.db"
    clock, expected = FakeClock(), Expected()
    async with (
        await open_store(db_path, now=clock.wall) as store,
        await open_store(db_path, now=clock.wall) as other,
    ):
        saved = await play_an_hour(store, other, clock, expected)

        for guild_id, settings in saved.items():
            assert await store.guild_settings(guild_id) == settings

        everywhere: defaultdict[int, Totals] = defaultdict(Totals)
        for (guild_id, user_id), totals in expected.totals.items():
            assert Totals.of(await store.player_stats(guild_id, user_id)) == totals
            across = everywhere[user_id]
            across.points += totals.points
            across.correct += totals.correct
            across.answered += totals.answered
        for user_id, totals in everywhere.items():
            stats = await store.player_stats(None, user_id)
            assert (stats.points, stats.correct, stats.answered) == (
                totals.points,
                totals.correct,
                totals.answered,
            )

    # The run is as big as the docstring says, and took every way a round can end.
    assert len(expected.standings) > 1_500 and expected.closed > 8_000
    assert set(expected.ends) == set(EndReason)
    awards = stored_awards(db_path)
    assert sum(awards.values()) == sum(expected.awards.values()) > 9_000
    assert awards == expected.awards
    sums = sums_by_round(awards)
    for round_id, standings in expected.standings.items():
        assert sums.get(round_id, {}) == standings, round_id
