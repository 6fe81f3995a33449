"""The registry of running rounds: one round per channel, started or resumed."""

from __future__ import annotations

import pytest

from tests.trivia.engine.helpers import make_round
from tests.trivia.helpers import FakeClock
from trivia.engine.events import QuestionAsked
from trivia.engine.registry import RoundRegistry
from trivia.engine.round import Round
from trivia.errors import RoundAlreadyRunning
from trivia.models import QuestionSet


def test_rounds_registry_allows_one_round_per_channel(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    rounds = RoundRegistry()
    first = make_round(small_set, clock)
    assert isinstance(rounds.start(10, first)[0], QuestionAsked)
    assert isinstance(rounds.start(11, make_round(small_set, clock))[0], QuestionAsked)
    with pytest.raises(RoundAlreadyRunning):
        rounds.start(10, make_round(small_set, clock))
    assert len(rounds) == 2 and rounds.get(10) is first and 10 in rounds
    first.stop()
    replacement = make_round(small_set, clock)
    rounds.start(10, replacement)
    assert rounds.get(10) is replacement
    rounds.remove(10)
    rounds.remove(10)
    assert rounds.get(10) is None and len(rounds) == 1
    assert [channel for channel, _ in rounds.items()] == [11]


def test_rounds_registry_resumes(small_set: QuestionSet, clock: FakeClock) -> None:
    running = make_round(small_set, clock)
    running.start()
    rounds = RoundRegistry()
    restored = Round.from_state(running.to_state(), small_set, clock.now)
    assert rounds.resume(3, restored) == [restored.current]
    with pytest.raises(RoundAlreadyRunning):
        rounds.resume(3, Round.from_state(running.to_state(), small_set, clock.now))
