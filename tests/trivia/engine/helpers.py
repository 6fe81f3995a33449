"""Helpers for the engine's tests."""

from __future__ import annotations

from tests.trivia.helpers import FakeClock
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode, QuestionSet


def make_round(
    qs: QuestionSet,
    clock: FakeClock,
    mode: AnswerMode = AnswerMode.CHOICE,
    seed: int = 7,
    **settings: object,
) -> Round:
    """A round on `qs` timed by `clock`; `settings` are RoundSettings fields."""
    return Round(qs, RoundSettings(mode=mode, **settings), clock.now, seed=seed)  # type: ignore[arg-type]
