"""Invariants of the round engine under random inputs (hypothesis state machine).

Whatever players type and however time moves: no answer is taken once a question has closed,
each player answers a choice question at most once, the standings are always the sum of the
awards announced in QuestionClosed events, and nothing raises.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from tests.trivia.helpers import FakeClock, build_small_set
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    CloseReason,
    Event,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode

QUESTION_SET = build_small_set()
USERS = st.integers(min_value=1, max_value=4)
ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.integers(min_value=190, max_value=5000).map(lambda n: "A" * n),
    st.sampled_from(["", " ", "a", "D", "E", "\u200b", "ｋｒｙｓｔｅｎ", "Ritter", "13"]),
)


def expected_standings(totals: dict[int, list[int]]) -> list[tuple[int, int, int, int]]:
    """(user, points, correct, rank) sorted by user, with ranks worked out independently."""
    return sorted(
        (user, points, correct, 1 + sum(1 for p, _ in totals.values() if p > points))
        for user, (points, correct) in totals.items()
    )


def as_rows(standings: tuple[Standing, ...]) -> list[tuple[int, int, int, int]]:
    return sorted((s.user_id, s.points, s.correct, s.rank) for s in standings)


class RoundMachine(RuleBasedStateMachine):
    """Drives one round with random answers, time, skips, stops and restarts from snapshots."""

    @initialize(
        mode=st.sampled_from(AnswerMode),
        seed=st.integers(min_value=0, max_value=2**32),
        time_limit=st.sampled_from([5.0, 12.5, 30.0]),
        idle_limit=st.integers(min_value=0, max_value=3),
        questions=st.integers(min_value=1, max_value=12),
        pause=st.sampled_from([0.0, 3.0]),
    )
    def start(
        self,
        mode: AnswerMode,
        seed: int,
        time_limit: float,
        idle_limit: int,
        questions: int,
        pause: float,
    ) -> None:
        self.clock = FakeClock()
        self.settings = RoundSettings(
            mode=mode,
            questions=questions,
            time_limit=time_limit,
            idle_limit=idle_limit,
            pause=pause,
        )
        self.round = Round(QUESTION_SET, self.settings, self.clock.now, seed=seed)
        self.totals: dict[int, list[int]] = {}
        self.open: QuestionAsked | None = None
        self.answered: set[int] = set()
        self.missed: set[int] = set()  # typed mode: wrong once, counted towards accuracy
        self.ended = False
        self.absorb(self.round.start())

    def absorb(self, events: list[Event]) -> None:
        """Check every event against what has been announced so far."""
        for event in events:
            assert not self.ended or isinstance(event, AnswerTooLate), "RoundEnded is the end"
            if isinstance(event, QuestionAsked):
                assert self.open is None
                self.open, self.answered, self.missed = event, set(), set()
            elif isinstance(event, AnswerLocked | AnswerAccepted):
                assert self.open is not None and self.clock.time < self.open.closes_at
                assert event.user_id not in self.answered
                self.answered.add(event.user_id)
            elif isinstance(event, AnswerRejected) and event.counted:
                assert event.user_id not in self.missed
                self.missed.add(event.user_id)
            elif isinstance(event, HintShown):
                assert self.open is not None and event.number == self.open.number
            elif isinstance(event, QuestionClosed):
                self.check_closed(event)
            elif isinstance(event, RoundEnded):
                assert self.open is None
                assert as_rows(event.standings) == expected_standings(self.totals)
                self.ended = True

    def check_closed(self, event: QuestionClosed) -> None:
        assert self.open is not None and event.number == self.open.number
        users = [a.user_id for a in event.awards]
        assert len(users) == len(set(users)) and set(users) <= self.answered | self.missed
        if event.reason is CloseReason.SKIPPED:
            assert event.awards == ()
        elif self.settings.mode is AnswerMode.CHOICE:
            assert set(users) == self.answered
        for award in event.awards:
            assert award.question_id == self.open.question.id
            assert 0 <= award.answer_ms <= self.settings.time_limit * 1000
            assert award.points > 0 if award.correct else award.points == 0
            total = self.totals.setdefault(award.user_id, [0, 0])
            total[0] += award.points
            total[1] += award.correct
        assert as_rows(event.standings) == expected_standings(self.totals)
        self.open = None

    @rule(
        batch=st.lists(
            st.tuples(USERS, st.sampled_from(["right", "wrong", "letter"])), min_size=1, max_size=6
        )
    )
    def players_answer(self, batch: list[tuple[int, str]]) -> None:
        for user, pick in batch:
            current = self.round.current
            if current is None:
                text = "A"
            elif pick == "right":
                text = current.question.canonical
            elif pick == "letter":
                text = "ABCD"[user % 4]
            else:
                text = next((c for c in current.choices if c != current.question.canonical), "no")
            self.answer(user, text)
            self.clock.advance(0.5)

    @rule(user=USERS, text=ODD_TEXT)
    def answer_oddly(self, user: int, text: str) -> None:
        self.answer(user, text)

    def answer(self, user: int, text: str) -> None:
        events = self.round.answer(user, text)
        assert len(events) >= 1
        first = events[0]
        if self.open is None or self.clock.time >= self.open.closes_at:
            assert len(events) == 1 and isinstance(first, AnswerTooLate)
            assert first.user_id == user
        elif user in self.answered:
            assert events == [AlreadyAnswered(user)]
        else:
            assert isinstance(first, AnswerLocked | AnswerAccepted | AnswerRejected)
        self.absorb(events)

    @rule(seconds=st.floats(min_value=0, max_value=20))
    def wait(self, seconds: float) -> None:
        deadline = self.round.next_deadline
        self.clock.advance(seconds)
        events = self.round.tick()
        if deadline is None or self.clock.time < deadline:
            assert events == []
        else:
            assert events
        self.absorb(events)

    @rule(seconds=st.floats(min_value=0, max_value=20))
    def time_passes_before_the_tick(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(action=st.sampled_from(["nothing"] * 4 + ["skip", "stop", "restart"]))
    def host(self, action: str) -> None:
        """Skips, stops and restarts from a snapshot, rarer than answers and time."""
        if action == "skip":
            self.absorb(self.round.skip())
        elif action == "stop" and self.open is not None and self.open.number >= 2:
            self.absorb(self.round.stop())
        elif action == "restart":
            state = json.loads(json.dumps(self.round.to_state()))
            before = self.round.standings()
            self.round = Round.from_state(state, QUESTION_SET, self.clock.now)
            assert self.round.standings() == before
            self.open = None  # the resumed question is asked afresh; earlier answers are gone
            self.absorb(self.round.resume())

    @invariant()
    def standings_are_the_sum_of_awards(self) -> None:
        if hasattr(self, "round"):
            assert as_rows(self.round.standings()) == expected_standings(self.totals)

    @invariant()
    def a_deadline_while_a_question_is_open_and_none_at_the_end(self) -> None:
        if hasattr(self, "round"):
            if self.round.current is not None:
                assert self.round.next_deadline is not None
            if self.round.finished:
                assert self.round.next_deadline is None
            assert (self.round.current is None) == (self.open is None)
            assert self.round.finished == self.ended


RoundMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestRoundMachine = RoundMachine.TestCase


@settings(deadline=None)
@given(mode=st.sampled_from(AnswerMode), texts=st.lists(ODD_TEXT, max_size=10))
def test_odd_text_never_raises(mode: AnswerMode, texts: list[str]) -> None:
    clock = FakeClock()
    round_ = Round(QUESTION_SET, RoundSettings(mode=mode), clock.now, seed=1)
    round_.start()
    for user, text in enumerate(texts):
        first = round_.answer(user, text)[0]
        assert isinstance(first, AnswerLocked | AnswerAccepted | AnswerRejected)
