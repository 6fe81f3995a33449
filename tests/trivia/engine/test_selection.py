"""Choosing what to play: a difficulty, a topic and left-out questions filter the draw."""

from __future__ import annotations

import dataclasses
import random

from tests.trivia.engine.helpers import make_round
from tests.trivia.helpers import FakeClock
from trivia.engine.draw import draw_questions
from trivia.engine.round import Round
from trivia.engine.selection import Selection, left_out_of, topics
from trivia.engine.settings import RoundSettings
from trivia.models import Difficulty, QuestionSet


def _tagged(qs: QuestionSet) -> QuestionSet:
    """The small set with tags: people are "cast", the rest "production"; two share a family."""
    questions = tuple(
        dataclasses.replace(
            q,
            tags=("cast",) if q.kind.is_person else ("production",),
            family="trish" if q.id in ("trish-actor", "trish-hero") else None,
        )
        for q in qs.questions
    )
    return dataclasses.replace(qs, questions=questions)


def test_mixed_admits_everything(small_set: QuestionSet) -> None:
    assert Selection().matching(small_set) == small_set.questions
    assert not Selection().narrows


def test_difficulty_and_topic_filter_together(small_set: QuestionSet) -> None:
    qs = _tagged(small_set)
    hard = Selection(difficulty=Difficulty.HARD).matching(qs)
    assert {q.id for q in hard} == {"hogarth-actor", "marvel-exec", "trish-hero", "women-directors"}
    hard_cast = Selection(difficulty=Difficulty.HARD, topic="CAST").matching(qs)
    assert {q.id for q in hard_cast} == {"hogarth-actor", "marvel-exec", "trish-hero"}
    assert Selection(topic="nothing").matching(qs) == ()


def test_left_out_questions_are_never_drawn(small_set: QuestionSet) -> None:
    left_out = left_out_of(small_set, {("small", "showrunner"), ("other-set", "landlord")})
    assert left_out == frozenset({"showrunner"})
    drawn = draw_questions(small_set, 50, random.Random(1), Selection(left_out=left_out).admits)
    assert len(drawn) == len(small_set.questions) - 1
    assert "showrunner" not in {q.id for q in drawn}


def test_the_filtered_draw_still_keeps_families_apart(small_set: QuestionSet) -> None:
    qs = _tagged(small_set)
    cast = Selection(topic="cast")
    for seed in range(30):
        drawn = draw_questions(qs, 50, random.Random(seed), cast.admits)
        ids = {q.id for q in drawn}
        assert not {"trish-actor", "trish-hero"} <= ids
        assert all("cast" in q.tags for q in drawn)


def test_a_round_draws_only_what_its_selection_admits(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    easy = Selection(difficulty=Difficulty.EASY)
    round_ = Round(small_set, RoundSettings(questions=2), clock.now, seed=3, selection=easy)
    assert {q.difficulty for q in round_.questions} == {Difficulty.EASY}
    # Choice options still come from the whole set, so a narrow topic keeps four options.
    [asked] = [e for e in round_.start() if hasattr(e, "choices")]
    assert len(asked.choices) == 4
    assert make_round(small_set, clock).questions  # no selection: the whole set


def test_topics_are_counted_most_used_first(small_set: QuestionSet) -> None:
    assert topics(_tagged(small_set)) == [("cast", 7), ("production", 2)]


def test_a_selection_describes_itself() -> None:
    assert Selection().describe() == "questions"
    assert Selection(Difficulty.HARD, "villains").describe() == "hard questions on villains"
