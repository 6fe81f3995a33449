"""Points for one right answer, and standings with shared ranks.

One right answer scores `offer + speed bonus + streak bonus`:

* **offer**: the base points of the question's difficulty (easy 10, medium 15, hard 20),
  less a share for every hint already shown in typed mode (see `offered`).
* **speed bonus**: up to `SPEED_BONUS_MAX`, in proportion to the time left when the answer came
  (an instant answer gets all of it, one at the time limit none), in whole points, rounded down.
* **streak bonus**: `STREAK_STEP` for every right question in a row before this one by the same
  player in the same round, at most `STREAK_CAP`.

A wrong answer scores 0. Everything is integer arithmetic so results never depend on float
rounding and a resumed round scores exactly like the original.
"""

from __future__ import annotations

from collections.abc import Iterable

from trivia.engine.events import Standing
from trivia.models import Award, Difficulty

BASE_POINTS: dict[Difficulty, int] = {
    Difficulty.EASY: 10,
    Difficulty.MEDIUM: 15,
    Difficulty.HARD: 20,
}
SPEED_BONUS_MAX = 10
STREAK_STEP = 2
STREAK_CAP = 10


def base_points(difficulty: Difficulty) -> int:
    return BASE_POINTS[difficulty]


def offered(base: int, hints_shown: int, hints_total: int) -> int:
    """Base points still on offer after `hints_shown` of `hints_total` hints.

    Each hint takes away an equal share: with two hints, a third each (20 -> 13 -> 6).
    """
    shares = hints_total + 1
    return base * max(0, shares - hints_shown) // shares


def speed_bonus(answer_ms: int, limit_ms: int) -> int:
    """Proportional to the time left; 0 at or after the limit, never negative."""
    if limit_ms <= 0:
        return 0
    left = min(max(0, limit_ms - answer_ms), limit_ms)
    return SPEED_BONUS_MAX * left // limit_ms


def streak_bonus(streak: int) -> int:
    """`streak` counts right questions in a row including this one (1 for a first right)."""
    return min(STREAK_CAP, STREAK_STEP * max(0, streak - 1))


def answer_points(offer: int, answer_ms: int, limit_ms: int, streak: int) -> int:
    """Total for one right answer; `streak` includes this answer."""
    return offer + speed_bonus(answer_ms, limit_ms) + streak_bonus(streak)


def standings(totals: Iterable[tuple[int, int, int]]) -> tuple[Standing, ...]:
    """Rank `(user_id, points, correct)` rows: most points first; equal points share a rank.

    Ranking is "1, 1, 3": a player's rank is one more than the number of players with strictly
    more points. Within a tie, more right answers and then the lower user id come first, so the
    order is stable, but the rank is the same.
    """
    rows = sorted(totals, key=lambda row: (-row[1], -row[2], row[0]))
    result: list[Standing] = []
    rank = 0
    previous: int | None = None
    for position, (user_id, points, correct) in enumerate(rows, start=1):
        if points != previous:
            rank, previous = position, points
        result.append(Standing(user_id=user_id, points=points, correct=correct, rank=rank))
    return tuple(result)


class _Player:
    __slots__ = ("correct", "points", "streak")

    def __init__(self, points: int = 0, correct: int = 0, streak: int = 0) -> None:
        self.points = points
        self.correct = correct
        self.streak = streak  # right questions in a row, up to the last closed question


class ScoreSheet:
    """Points, right answers and streaks per player over one round's closed questions."""

    __slots__ = ("_players",)

    def __init__(self, rows: Iterable[Iterable[int]] = ()) -> None:
        """`rows` as `rows()` returns them: `[user_id, points, correct, streak]`."""
        self._players: dict[int, _Player] = {}
        for user_id, points, correct, streak in rows:
            self._players[int(user_id)] = _Player(int(points), int(correct), int(streak))

    def streak(self, user_id: int) -> int:
        player = self._players.get(user_id)
        return 0 if player is None else player.streak

    def record(self, awards: Iterable[Award]) -> None:
        """Add one closed question's awards; everyone not right in it loses their streak."""
        awards = tuple(awards)
        right = {a.user_id for a in awards if a.correct}
        for user_id, other in self._players.items():
            if user_id not in right:
                other.streak = 0
        for award in awards:
            player = self._players.get(award.user_id)
            if player is None:
                player = self._players[award.user_id] = _Player()
            player.points += award.points
            if award.correct:
                player.correct += 1
                player.streak += 1

    def standings(self) -> tuple[Standing, ...]:
        return standings((u, p.points, p.correct) for u, p in self._players.items())

    def copy(self) -> ScoreSheet:
        sheet = ScoreSheet()
        sheet._players = {
            u: _Player(p.points, p.correct, p.streak) for u, p in self._players.items()
        }
        return sheet

    def rows(self) -> list[list[int]]:
        return [[u, p.points, p.correct, p.streak] for u, p in self._players.items()]
