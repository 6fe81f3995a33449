"""The draw never asks two questions that give each other away in one round."""

from __future__ import annotations

import itertools
import random

from trivia.content.library import load_library
from trivia.engine.draw import draw_questions, family_clashes
from trivia.models import AnswerKind, Question, QuestionSet, SourceRef


def _q(ident: str, family: str | None = None, excludes: tuple[str, ...] = ()) -> Question:
    return Question(
        ident, f"Question {ident}?", (f"answer {ident}",), AnswerKind.THING, "Because.", (1,),
        family=family, excludes=excludes,
    )  # fmt: skip


SET = QuestionSet(
    id="s",
    title="Set",
    description="A set with families.",
    show="Show",
    source=SourceRef("An article", "An outlet", "a date", (0, 1)),
    questions=(
        _q("a1", "a"), _q("a2", "a"), _q("a3", "a"),
        _q("b1", "b"), _q("b2", "b"),
        _q("x", excludes=("y",)), _q("y"),
        _q("free1"), _q("free2"), _q("free3"),
    ),
)  # fmt: skip


def _clash(a: Question, b: Question) -> bool:
    return (
        (a.family is not None and a.family == b.family) or a.id in b.excludes or b.id in a.excludes
    )


def test_no_two_of_a_family_or_an_excluded_pair_share_a_round() -> None:
    for seed in range(500):
        drawn = draw_questions(SET, 10, random.Random(seed))
        assert len({q.id for q in drawn}) == len(drawn)
        clashing = [(a.id, b.id) for a, b in itertools.combinations(drawn, 2) if _clash(a, b)]
        assert not clashing, (seed, clashing)


def test_a_round_is_as_long_as_the_unrelated_questions_allow() -> None:
    # one of family a, one of family b, one of x/y and the three free ones
    for seed in range(50):
        assert len(draw_questions(SET, 10, random.Random(seed))) == 6
        assert len(draw_questions(SET, 4, random.Random(seed))) == 4


def test_every_family_member_gets_drawn_over_many_seeds() -> None:
    seen = {q.id for seed in range(200) for q in draw_questions(SET, 10, random.Random(seed))}
    assert seen == {q.id for q in SET.questions}


def test_the_draw_is_deterministic_for_a_seed() -> None:
    for seed in range(20):
        first = draw_questions(SET, 5, random.Random(seed))
        assert draw_questions(SET, 5, random.Random(seed)) == first


def test_excludes_work_in_both_directions() -> None:
    clashes = family_clashes(SET.questions)
    assert clashes["x"] == {"y"} and clashes["y"] == {"x"}
    assert clashes["a1"] == {"a2", "a3"}
    assert "free1" not in clashes


def test_bundled_rounds_never_hold_a_giveaway_pair() -> None:
    question_set = load_library().sets["jessica-jones-s3"]
    casting_pair = {"rel-played-by-trish-walker", "rel-plays-rachael-taylor"}
    for seed in range(300):
        drawn = draw_questions(question_set, 10, random.Random(seed))
        assert len(drawn) == 10
        assert not casting_pair <= {q.id for q in drawn}, seed
        clashing = [(a.id, b.id) for a, b in itertools.combinations(drawn, 2) if _clash(a, b)]
        assert not clashing, (seed, clashing)
