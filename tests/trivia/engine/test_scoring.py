"""Points rules, streaks and standings with shared ranks."""

from __future__ import annotations

from trivia.engine import scoring
from trivia.engine.events import Standing
from trivia.models import Award, Difficulty


def test_base_points_grow_with_difficulty() -> None:
    easy, medium, hard = (scoring.base_points(d) for d in Difficulty)
    assert (easy, medium, hard) == (10, 15, 20)


def test_speed_bonus_is_proportional_to_time_left() -> None:
    assert scoring.speed_bonus(0, 30_000) == scoring.SPEED_BONUS_MAX
    assert scoring.speed_bonus(15_000, 30_000) == scoring.SPEED_BONUS_MAX // 2
    assert scoring.speed_bonus(30_000, 30_000) == 0
    assert scoring.speed_bonus(99_000, 30_000) == 0
    assert scoring.speed_bonus(-5, 30_000) == scoring.SPEED_BONUS_MAX


def test_faster_answers_never_score_less() -> None:
    bonuses = [scoring.speed_bonus(ms, 30_000) for ms in range(0, 30_001, 500)]
    assert bonuses == sorted(bonuses, reverse=True)


def test_streak_bonus_grows_then_caps() -> None:
    bonuses = [scoring.streak_bonus(n) for n in range(1, 12)]
    assert bonuses[0] == 0
    assert bonuses[1] == scoring.STREAK_STEP
    assert bonuses == sorted(bonuses)
    assert max(bonuses) == scoring.STREAK_CAP


def test_hints_lower_the_offer() -> None:
    assert [scoring.offered(20, shown, 2) for shown in range(3)] == [20, 13, 6]
    assert scoring.offered(15, 0, 0) == 15


def test_answer_points_add_up() -> None:
    assert scoring.answer_points(15, 0, 30_000, 3) == 15 + 10 + 4


def test_standings_share_ranks_on_ties() -> None:
    ranked = scoring.standings([(1, 10, 1), (2, 30, 2), (3, 30, 1), (4, 5, 1)])
    assert [(s.user_id, s.rank) for s in ranked] == [(2, 1), (3, 1), (1, 3), (4, 4)]


def test_standings_of_nobody() -> None:
    assert scoring.standings([]) == ()


def _award(user: int, correct: bool, points: int) -> Award:
    return Award(user_id=user, question_id="q", correct=correct, points=points, answer_ms=1)


def test_tally_sums_awards_and_tracks_streaks() -> None:
    tally = scoring.ScoreSheet()
    tally.record([_award(1, True, 20), _award(2, False, 0)])
    tally.record([_award(1, True, 15), _award(2, True, 12)])
    assert tally.streak(1) == 2
    assert tally.streak(2) == 1
    tally.record([])
    assert tally.streak(1) == tally.streak(2) == 0
    assert tally.standings() == (
        Standing(user_id=1, points=35, correct=2, rank=1),
        Standing(user_id=2, points=12, correct=1, rank=2),
    )
    assert tally.streak(99) == 0


def test_tally_rows_round_trip() -> None:
    tally = scoring.ScoreSheet()
    tally.record([_award(7, True, 20)])
    copy = scoring.ScoreSheet(tally.rows())
    assert copy.rows() == tally.rows() == [[7, 20, 1, 1]]
