"""The round engine: drawing, both answer modes, timing, hints, streaks, endings, resuming."""

from __future__ import annotations

import json
import random

import pytest

from tests.trivia.engine.helpers import make_round
from tests.trivia.helpers import FakeClock
from trivia.engine import draw, scoring
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    CloseReason,
    EndReason,
    Event,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.judge.normalise import normalise
from trivia.models import AnswerKind, AnswerMode, Award, Question, QuestionSet

CHOICE, TYPED = AnswerMode.CHOICE, AnswerMode.TYPED


def last_asked(events: list[Event]) -> QuestionAsked:
    return [e for e in events if isinstance(e, QuestionAsked)][-1]


def closed(events: list[Event]) -> QuestionClosed:
    (event,) = [e for e in events if isinstance(e, QuestionClosed)]
    return event


def wrong_option(asked: QuestionAsked) -> str:
    return next(c for c in asked.choices if c != asked.question.canonical)


def base(asked: QuestionAsked) -> int:
    return scoring.base_points(asked.question.difficulty)


# Drawing questions and options


def test_draw_has_no_repeats_and_is_capped_at_the_set_size(small_set: QuestionSet) -> None:
    drawn = draw.draw_questions(small_set, 50, random.Random(1))
    assert sorted(q.id for q in drawn) == sorted(q.id for q in small_set.questions)


def test_draw_is_seedable(small_set: QuestionSet) -> None:
    def ids(seed: int) -> list[str]:
        return [q.id for q in draw.draw_questions(small_set, 5, random.Random(seed))]

    assert ids(3) == ids(3)
    assert len({tuple(ids(seed)) for seed in range(10)}) > 1


def test_round_asks_each_drawn_question_once(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, questions=50, idle_limit=0)
    events = round_.start()
    seen = []
    while not round_.finished:
        seen.append(last_asked(events).question.id)
        events = round_.skip()
    assert len(seen) == len(small_set.questions) == len(set(seen))
    assert events[-1] == RoundEnded(EndReason.FINISHED, (), len(seen))


def test_same_seed_same_round(small_set: QuestionSet, clock: FakeClock) -> None:
    first = make_round(small_set, clock, seed=11).start()
    again = make_round(small_set, clock, seed=11).start()
    assert first == again


def test_options_are_the_answer_and_same_kind_distractors(small_set: QuestionSet) -> None:
    for question in small_set.questions:
        same_kind = {q.canonical for q in small_set.questions if q.kind is question.kind}
        accepted = {normalise(a) for a in question.answers}
        for seed in range(5):
            options = draw.choices_for(question, small_set, random.Random(seed))
            distractors = [o for o in options if o != question.canonical]
            assert options.count(question.canonical) == 1
            assert len(distractors) == min(3, len(set(question.choices) | same_kind) - 1)
            assert all(d in question.choices or d in same_kind for d in distractors)
            assert not {normalise(d) for d in distractors} & accepted
            assert len({normalise(o) for o in options}) == len(options)


def test_explicit_choices_come_first(small_set: QuestionSet) -> None:
    question = small_set.question("ritter-directs")
    for seed in range(5):
        options = draw.choices_for(question, small_set, random.Random(seed))
        assert set(options) == {question.canonical, *question.choices}


def _q(qid: str, answers: tuple[str, ...], choices: tuple[str, ...] = ()) -> Question:
    return Question(qid, "?", answers, AnswerKind.PERSON, "", (1,), choices=choices)


def test_distractors_never_equal_an_accepted_answer(small_set: QuestionSet) -> None:
    choices = ("KRYSTEN  ritter!", "Ritter", "Jeph Loeb")
    target = _q("t", ("Krysten Ritter", "Ritter"), choices=choices)
    others = (target, _q("a", ("Ritter",)), _q("b", ("Krystén Ritter",)), _q("c", ("Jeph Loeb",)))
    qs = QuestionSet("x", "x", "x", "x", small_set.source, others)
    for seed in range(10):
        assert draw.pick_distractors(target, qs, random.Random(seed)) == ("Jeph Loeb",)


def test_options_accept_letters_and_texts() -> None:
    options = draw.Options.of(("Jeph Loeb", "Krysten Ritter"), "Krysten Ritter")
    assert options.right == 1
    assert [options.find(t) for t in ("a", " B ", "C", "krysten  RITTER", "AB", "", "Loeb")] == [
        0,
        1,
        -1,
        1,
        -1,
        -1,
        -1,
    ]
    with pytest.raises(ValueError):
        draw.Options.of(("Jeph Loeb",), "Krysten Ritter")


# Choice mode


def test_start_asks_question_one(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, questions=4, time_limit=20)
    assert round_.next_deadline is None and round_.current is None
    (asked,) = round_.start()
    assert isinstance(asked, QuestionAsked)
    assert (asked.number, asked.total, asked.closes_at) == (1, 4, clock.time + 20)
    assert asked.points == base(asked) and len(asked.choices) >= 2
    assert round_.current == asked and round_.next_deadline == asked.closes_at
    with pytest.raises(RuntimeError):
        round_.start()


def test_choice_answers_lock_once_and_are_judged_at_close(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    round_ = make_round(small_set, clock, time_limit=30)
    asked = last_asked(round_.start())
    clock.advance(3)
    assert round_.answer(1, asked.question.canonical) == [AnswerLocked(1, asked.question.canonical)]
    assert round_.answer(2, wrong_option(asked)) == [AnswerLocked(2, wrong_option(asked))]
    assert round_.answer(1, wrong_option(asked)) == [AlreadyAnswered(1)]
    assert round_.answer(2, asked.question.canonical) == [AlreadyAnswered(2)]
    letter = "ABCD"[asked.choices.index(asked.question.canonical)]
    assert round_.answer(3, letter.lower()) == [AnswerLocked(3, asked.question.canonical)]
    clock.advance(26.9)
    assert round_.tick() == []
    clock.advance(0.1)
    events = round_.tick()
    assert isinstance(events[1], QuestionAsked) and events[1].number == 2
    result = closed(events)
    assert result.reason is CloseReason.TIMEOUT
    assert [(a.user_id, a.correct) for a in result.awards] == [(1, True), (2, False), (3, True)]
    assert result.awards[1] == Award(2, asked.question.id, False, 0, 3000)
    assert all(a.points > 0 for a in result.winners)


def test_text_that_names_no_option_does_not_lock(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock)
    asked = last_asked(round_.start())
    for text in ("", "   ", "E", "zzz", "\x00\x1b", "A" * 10_000):
        assert round_.answer(1, text) == [AnswerRejected(1)]
    assert round_.answer(1, asked.choices[0].upper()) == [AnswerLocked(1, asked.choices[0])]


def test_faster_right_answers_score_more(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=30)
    asked = last_asked(round_.start())
    clock.advance(1)
    round_.answer(1, asked.question.canonical)
    clock.advance(20)
    round_.answer(2, asked.question.canonical)
    clock.advance(9)
    fast, slow = closed(round_.tick()).awards
    assert fast.points > slow.points >= base(asked)
    assert fast.points == base(asked) + scoring.speed_bonus(1000, 30_000)


def test_answers_after_the_deadline_are_too_late(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, questions=1, time_limit=10)
    asked = last_asked(round_.start())
    clock.advance(10)
    assert round_.answer(1, asked.question.canonical) == [AnswerTooLate(1)]
    events = round_.tick()
    assert closed(events).awards == ()
    assert round_.finished and round_.next_deadline is None
    assert round_.answer(1, asked.question.canonical) == [AnswerTooLate(1)]
    assert round_.tick() == [] and round_.skip() == [] and round_.stop() == []


def test_streak_bonus_for_consecutive_right_questions(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    round_ = make_round(small_set, clock, time_limit=10, questions=5)
    asked = last_asked(round_.start())
    points = []
    for right in (True, True, True, False, True):
        round_.answer(1, asked.question.canonical if right else wrong_option(asked))
        clock.advance(10)
        events = round_.tick()
        award = closed(events).awards[0]
        points.append(award.points - (base(asked) + scoring.SPEED_BONUS_MAX if right else 0))
        if not round_.finished:
            asked = last_asked(events)
    step = scoring.STREAK_STEP
    assert points == [0, step, 2 * step, 0, 0]


def test_skipped_question_has_no_awards_and_keeps_streaks(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    round_ = make_round(small_set, clock, time_limit=10)
    asked = last_asked(round_.start())
    round_.answer(1, asked.question.canonical)
    clock.advance(10)
    asked = last_asked(round_.tick())
    round_.answer(1, asked.question.canonical)
    events = round_.skip()
    assert closed(events).reason is CloseReason.SKIPPED and closed(events).awards == ()
    asked = last_asked(events)
    round_.answer(1, asked.question.canonical)
    clock.advance(10)
    (award,) = closed(round_.tick()).awards
    assert award.points == base(asked) + scoring.SPEED_BONUS_MAX + scoring.STREAK_STEP


def test_standings_sum_awards_and_share_ranks(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=10)
    asked = last_asked(round_.start())
    for user in (1, 2):
        round_.answer(user, asked.question.canonical)
    round_.answer(3, wrong_option(asked))
    clock.advance(10)
    standings = closed(round_.tick()).standings
    assert [(s.user_id, s.rank, s.correct) for s in standings] == [(1, 1, 1), (2, 1, 1), (3, 3, 0)]
    assert standings[2].points == 0 and standings == round_.standings()


# Typed mode


def test_typed_first_right_answer_wins_and_moves_on(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    round_ = make_round(small_set, clock, TYPED, questions=2, time_limit=30)
    asked = last_asked(round_.start())
    assert asked.choices == ()
    clock.advance(2)
    assert round_.answer(1, "definitely not it") == [AnswerRejected(1, counted=True)]
    assert round_.answer(1, "") == [AnswerRejected(1)]
    events = round_.answer(2, asked.question.canonical.upper())
    accepted, result, nxt = events
    assert isinstance(accepted, AnswerAccepted) and accepted.user_id == 2
    assert result.reason is CloseReason.ANSWERED and isinstance(nxt, QuestionAsked)
    assert result.awards == (
        Award(1, asked.question.id, False, 0, 2000),
        Award(2, asked.question.id, True, accepted.points, 2000),
    )
    assert accepted.points == base(asked) + scoring.speed_bonus(2000, 30_000)
    events = round_.answer(1, nxt.question.canonical)
    assert isinstance(events[-1], RoundEnded) and events[-1].reason is EndReason.FINISHED
    assert {(s.user_id, s.correct) for s in events[-1].standings} == {(1, 1), (2, 1)}
    assert events[-1].credited


def test_hints_unmask_over_time_and_lower_points(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, TYPED, time_limit=30)
    asked = last_asked(round_.start())
    start = clock.time
    assert round_.next_deadline == pytest.approx(start + 10)
    clock.advance(9.9)
    assert round_.tick() == []
    clock.advance(0.1)
    (hint,) = round_.tick()
    assert isinstance(hint, HintShown) and hint.number == 1
    words = asked.question.canonical.split()
    assert hint.mask.split() == [w[0] + "_" * (len(w) - 1) if len(w) > 1 else "_" for w in words]
    assert hint.points == scoring.offered(base(asked), 1, 2) < asked.points
    assert hint.clue is not None and hint.clue == asked.question.hint
    assert round_.next_deadline == pytest.approx(start + 20)
    clock.advance(10)
    (second,) = round_.tick()
    assert second.points < hint.points and second.mask.count("_") < hint.mask.count("_")
    assert round_.next_deadline == pytest.approx(start + 30)
    accepted = round_.answer(1, asked.question.canonical)[0]
    assert isinstance(accepted, AnswerAccepted)
    assert accepted.points == second.points + scoring.speed_bonus(20_000, 30_000)


def test_overdue_hints_are_skipped_at_close(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, TYPED, time_limit=30)
    round_.start()
    clock.advance(30)
    events = round_.tick()
    assert not any(isinstance(e, HintShown) for e in events)
    assert closed(events).reason is CloseReason.TIMEOUT


@pytest.mark.parametrize(("mode", "hints"), [(TYPED, False), (CHOICE, True)])
def test_no_hints_without_the_setting_or_in_choice_mode(
    small_set: QuestionSet, clock: FakeClock, mode: AnswerMode, hints: bool
) -> None:
    round_ = make_round(small_set, clock, mode, time_limit=30, hints=hints)
    asked = last_asked(round_.start())
    assert round_.next_deadline == asked.closes_at
    clock.advance(29)
    assert round_.tick() == []


# Endings


def test_idle_round_ends_without_credit(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=10, idle_limit=2)
    asked = last_asked(round_.start())
    round_.answer(1, wrong_option(asked))
    for _ in range(2):
        clock.advance(10)
        events = round_.tick()
        assert not round_.finished
    clock.advance(10)
    events = round_.tick()
    ended = events[-1]
    assert isinstance(ended, RoundEnded) and ended.reason is EndReason.IDLE
    assert not ended.credited and ended.questions_asked == 3
    assert ended.winners == []
    assert round_.finished


def test_a_round_nobody_scored_in_credits_no_win(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, questions=1, time_limit=10)
    asked = last_asked(round_.start())
    round_.answer(1, wrong_option(asked))
    clock.advance(10)
    ended = round_.tick()[-1]
    assert isinstance(ended, RoundEnded) and ended.reason is EndReason.FINISHED
    assert [(s.user_id, s.points, s.rank) for s in ended.standings] == [(1, 0, 1)]
    assert not ended.credited and ended.winners == []


def test_players_sharing_first_place_all_win() -> None:
    standings = (Standing(9, 20, 2, 1), Standing(4, 20, 2, 1), Standing(7, 10, 1, 3))
    assert RoundEnded(EndReason.FINISHED, standings, 3).winners == [4, 9]


def test_a_skip_resets_the_idle_count(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=10, idle_limit=2)
    round_.start()
    clock.advance(10)
    round_.tick()
    round_.skip()
    clock.advance(10)
    assert isinstance(round_.tick()[-1], QuestionAsked)
    clock.advance(10)
    assert round_.tick()[-1] == RoundEnded(EndReason.IDLE, (), 4)


def test_typed_wrong_guesses_keep_a_round_alive(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, TYPED, time_limit=10, idle_limit=1)
    round_.start()
    round_.answer(1, "no idea")
    clock.advance(10)
    assert isinstance(round_.tick()[-1], QuestionAsked)
    clock.advance(10)
    wrong_once = (Standing(user_id=1, points=0, correct=0, rank=1),)
    assert round_.tick()[-1] == RoundEnded(EndReason.IDLE, wrong_once, 2)


def test_stop_closes_the_question_with_its_awards(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=10)
    asked = last_asked(round_.start())
    clock.advance(1)
    round_.answer(5, asked.question.canonical)
    round_.answer(6, wrong_option(asked))
    result, ended = round_.stop()
    assert isinstance(result, QuestionClosed) and result.reason is CloseReason.STOPPED
    assert [(a.user_id, a.correct, a.points > 0) for a in result.awards] == [
        (5, True, True),
        (6, False, False),
    ]
    assert isinstance(ended, RoundEnded) and ended.reason is EndReason.STOPPED
    assert ended.credited and ended.questions_asked == 1
    assert ended.standings == result.standings and ended.standings[0].user_id == 5
    assert round_.stop() == [] and round_.answer(5, "A") == [AnswerTooLate(5)]


def test_stop_before_start(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock)
    assert round_.stop() == [RoundEnded(EndReason.STOPPED, (), 0)]


def test_empty_set_ends_at_once(small_set: QuestionSet, clock: FakeClock) -> None:
    empty = QuestionSet("e", "e", "e", "e", small_set.source, ())
    round_ = Round(empty, RoundSettings(), clock.now, seed=1)
    assert round_.start() == [RoundEnded(EndReason.FINISHED, (), 0)]


@pytest.mark.parametrize("settings", [RoundSettings(time_limit=0), RoundSettings(questions=0)])
def test_settings_must_make_sense(
    small_set: QuestionSet, clock: FakeClock, settings: RoundSettings
) -> None:
    with pytest.raises(ValueError):
        Round(small_set, settings, clock.now)


# Snapshots and resuming


def _json_only(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_only(v) for v in value)
    return type(value) in (int, str)


def _play(round_: Round, clock: FakeClock, script: list[tuple[str, int]]) -> list[Event]:
    """Feed the same inputs to a round: answers by user (right, wrong or chatter), time, skips."""
    events: list[Event] = []
    for action, value in script:
        asked = round_.current
        if action == "advance":
            clock.advance(value)
            events += round_.tick()
        elif asked is None:
            continue
        elif action == "right":
            events += round_.answer(value, asked.question.canonical)
        elif action == "wrong":
            text = wrong_option(asked) if asked.choices else "certainly wrong"
            events += round_.answer(value, text)
        elif action == "skip":
            events += round_.skip()
    return events


SCRIPT = [
    ("right", 1),
    ("advance", 4),
    ("wrong", 2),
    ("right", 3),
    ("advance", 7),
    ("right", 2),
    ("advance", 12),
    ("advance", 12),
    ("wrong", 1),
    ("right", 1),
    ("advance", 3),
    ("skip", 0),
    ("right", 3),
    ("right", 2),
    ("advance", 30),
    ("right", 1),
    ("advance", 30),
    ("wrong", 2),
    ("advance", 30),
    ("advance", 30),
    ("advance", 30),
]
CASES = {  # inputs before the snapshot, inputs after it; the snapshot holds streaks or idleness
    "choice-streaks": (
        CHOICE,
        [
            ("right", 1),
            ("right", 3),
            ("wrong", 2),
            ("advance", 30),
            ("right", 1),
            ("right", 2),
            ("advance", 30),
        ],
        SCRIPT,
    ),
    "typed-streaks": (TYPED, [("right", 1), ("wrong", 2), ("right", 1)], SCRIPT),
    "choice-idle": (CHOICE, [("advance", 30)], [("advance", 30), *SCRIPT]),
    "typed-idle": (TYPED, [("advance", 30)], [("advance", 30), *SCRIPT]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_resumed_round_plays_exactly_like_the_original(small_set: QuestionSet, case: str) -> None:
    mode, before, after = CASES[case]
    clock_a = FakeClock()
    original = make_round(small_set, clock_a, mode, seed=5, time_limit=30, idle_limit=2)
    original.start()
    _play(original, clock_a, before)
    state = original.to_state()
    assert _json_only(state)
    assert json.loads(json.dumps(state)) == state

    clock_b = FakeClock(clock_a.time)
    restored = Round.from_state(json.loads(json.dumps(state)), small_set, clock_b.now)
    assert restored.to_state() == state
    assert restored.current is None and restored.next_deadline is None
    assert restored.resume() == [original.current]
    assert restored.standings() == original.standings()

    assert _play(restored, clock_b, after) == _play(original, clock_a, after)
    assert restored.standings() == original.standings()
    assert restored.to_state() == original.to_state()
    assert original.finished


def test_state_holds_the_round_so_far(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, seed=9, questions=3, time_limit=10, idle_limit=4)
    asked = last_asked(round_.start())
    round_.answer(42, asked.question.canonical)
    clock.advance(10)
    asked = last_asked(round_.tick())
    state = round_.to_state()
    assert state["seed"] == 9 and state["index"] == 1 and state["open"] == 1
    assert state["question_ids"] == [q.id for q in round_.questions]
    assert state["choices"] == list(asked.choices)
    assert state["players"] == [[42, closed_points(small_set, state), 1, 1]]
    assert state["idle"] == 0 and state["ended"] == ""
    assert state["settings"] == {
        "mode": "choice",
        "questions": 3,
        "time_limit_ms": 10_000,
        "hints": 1,
        "idle_limit": 4,
        "pause_ms": 0,
        "reveal_answers": 1,
        "spoilers": 0,
    }


def closed_points(small_set: QuestionSet, state: dict) -> int:
    first = small_set.question(state["question_ids"][0])
    return scoring.base_points(first.difficulty) + scoring.SPEED_BONUS_MAX


def test_resume_discards_unannounced_answers(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, time_limit=10)
    asked = last_asked(round_.start())
    round_.answer(1, asked.question.canonical)
    state = round_.to_state()
    clock.advance(500)
    restored = Round.from_state(state, small_set, clock.now)
    (again,) = restored.resume()
    assert again.question == asked.question and again.choices == asked.choices
    assert again.closes_at == clock.time + 10
    right = asked.question.canonical
    assert restored.answer(1, right) == [AnswerLocked(1, right)]


def test_suspend_keeps_the_awards_and_resumes_at_the_next_question(
    small_set: QuestionSet, clock: FakeClock
) -> None:
    round_ = make_round(small_set, clock, time_limit=10, questions=3)
    asked = last_asked(round_.start())
    clock.advance(1)
    round_.answer(5, asked.question.canonical)
    (result,) = round_.suspend()
    assert isinstance(result, QuestionClosed) and result.reason is CloseReason.SUSPENDED
    assert [(a.user_id, a.correct) for a in result.awards] == [(5, True)]
    assert not round_.finished and round_.suspend() == []
    restored = Round.from_state(round_.to_state(), small_set, clock.now)
    (next_asked,) = restored.resume()
    assert isinstance(next_asked, QuestionAsked) and next_asked.number == 2
    assert restored.standings() == result.standings


def test_resume_at_the_edges(small_set: QuestionSet, clock: FakeClock) -> None:
    fresh = make_round(small_set, clock)
    assert isinstance(
        Round.from_state(fresh.to_state(), small_set, clock.now).resume()[0], QuestionAsked
    )
    fresh.start()
    fresh.stop()
    assert Round.from_state(fresh.to_state(), small_set, clock.now).resume() == []


@pytest.mark.parametrize(
    "damage",
    [
        {"set_id": "other"},
        {"version": 99},
        {"question_ids": ["nope"]},
        {"index": 99},
        {"choices": ["not the answer"]},
        {"settings": {}},
        {"ended": "exploded"},
    ],
)
def test_a_state_that_does_not_fit_is_refused(
    small_set: QuestionSet, clock: FakeClock, damage: dict
) -> None:
    round_ = make_round(small_set, clock)
    round_.start()
    with pytest.raises(ValueError):
        Round.from_state(round_.to_state() | damage, small_set, clock.now)


def test_spoilers_survive_a_restart(small_set: QuestionSet, clock: FakeClock) -> None:
    round_ = make_round(small_set, clock, spoilers=True)
    round_.start()
    restored = Round.from_state(round_.to_state(), small_set, clock.now)
    assert restored.settings.spoilers
