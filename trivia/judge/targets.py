"""Accepted answer forms prepared once per question: typo budgets, lengths, digits, and the
words that may stand beside a number answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from trivia.judge.hedges import reworded
from trivia.judge.names import FILLER
from trivia.judge.normalise import normalise


def typo_budget(text: str) -> int:
    """Edits forgiven against a normalised answer: 0 below 5 letters, 1 up to 8, then 2."""
    letters = len(text) - text.count(" ")
    return 0 if letters < 5 else 1 if letters <= 8 else 2


@dataclass(frozen=True, slots=True)
class Target:
    """One accepted normalised form, with everything a comparison needs precomputed."""

    text: str
    padded: str  # " text ", so `in` on a padded guess only matches whole words
    words: int
    names: int  # words that are not filler
    budget: int  # typo edits allowed
    digits: tuple[str, ...]  # the numbers in it; a typo may never change these
    shortest: int  # the lengths a typo of it can have, to rule it out before comparing
    longest: int
    word_set: frozenset[str]

    @classmethod
    def of(cls, text: str, numeric: bool) -> Target:
        words = text.split()
        digits = numbers_in(text)
        budget = 0 if numeric or len(digits) == len(words) else typo_budget(text)
        names = sum(w not in FILLER for w in words)
        shortest, longest = len(text) - budget, len(text) + budget
        return cls(
            text,
            f" {text} ",
            len(words),
            names,
            budget,
            digits,
            shortest,
            longest,
            frozenset(words),
        )

    def near(self, text: str) -> bool:
        """Within the typo budget of this answer, with the same numbers. Callers first check
        that the length of `text` is within `shortest`..`longest`, which is far cheaper."""
        return (
            OSA.distance(text, self.text, score_cutoff=self.budget) <= self.budget
            and numbers_in(text) == self.digits
            and not reworded(text, self.text)
        )


@dataclass(frozen=True, slots=True)
class Units:
    """Words that may stand beside a number answer besides filler and the number itself: the
    words of its question and answers ("13 episodes"), in plural and singular, and within the
    typo budget ("saeson 3")."""

    exact: frozenset[str]
    by_budget: tuple[tuple[int, tuple[str, ...]], ...]  # (edits forgiven, words) for typos

    @classmethod
    def of(cls, texts: Iterable[str]) -> Units:
        words = {w for text in texts for w in normalise(text).split() if not w.isdecimal()}
        words |= {w + "s" for w in words} | {w[:-1] for w in words if len(w) > 1 and w[-1] == "s"}
        groups: dict[int, list[str]] = {}
        for word in sorted(words):
            if budget := typo_budget(word):
                groups.setdefault(budget, []).append(word)
        return cls(frozenset(words), tuple((b, tuple(ws)) for b, ws in sorted(groups.items())))

    def allows(self, word: str) -> bool:
        if word in FILLER or word in self.exact or word.isdecimal():
            return True
        return any(
            extractOne(word, units, scorer=OSA.distance, score_cutoff=budget) is not None
            for budget, units in self.by_budget
        )


NO_UNITS = Units(frozenset(), ())


def targets_by_size(fuzzy: Iterable[Target]) -> dict[int, tuple[Target, ...]]:
    """Length of a guess -> the answers a typo of which it could be, in order: one lookup
    instead of comparing the guess's length with every answer's bounds."""
    sizes: dict[int, list[Target]] = {}
    for target in fuzzy:
        for size in range(target.shortest, target.longest + 1):
            sizes.setdefault(size, []).append(target)
    return {size: tuple(targets) for size, targets in sizes.items()}


def numbers_in(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.split() if w.isdecimal())
