"""Accepted answer forms prepared once per question: typo budgets, lengths, digits, and the
words that may stand beside a number answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from trivia.judge.hedges import NEGATIONS, reworded
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

    def keeps(self, text: str) -> bool:
        """Whether a near miss of this answer keeps its numbers and its words: a typo may never
        change a number, nor add or cut a prefix that makes another word ("uncommon").

        A reworded answer needs a word two letters longer or shorter, which one edit cannot
        make, so that check is skipped below a budget of two."""
        return numbers_in(text) == self.digits and (
            self.budget < 2 or not reworded(text, self.text)
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


@dataclass(frozen=True, slots=True)
class Typos:
    """The answers a typo is forgiven against, indexed by the lengths a typo of each can have:
    one dict lookup rules out almost every comparison before any is made, and the edit
    distance, the common way out, is computed inline rather than in a method per answer."""

    by_size: dict[int, tuple[Target, ...]]  # length of a guess -> answers, in order
    spans: tuple[int, ...]  # the answers' word counts, ascending: the window sizes to try

    @classmethod
    def of(cls, targets: Iterable[Target]) -> Typos:
        fuzzy = [t for t in targets if t.budget]
        sizes: dict[int, list[Target]] = {}
        for target in fuzzy:
            for size in range(target.shortest, target.longest + 1):
                sizes.setdefault(size, []).append(target)
        spans = tuple(sorted({t.words for t in fuzzy}))
        return cls({size: tuple(ts) for size, ts in sizes.items()}, spans)

    def near(self, text: str, fewest: int = 1, most: int = 1_000) -> bool:
        """`text` is a typo of an answer of `fewest` to `most` words."""
        candidates = self.by_size.get(len(text))
        if candidates is None:
            return False
        distance = OSA.distance
        for target in candidates:
            budget = target.budget
            if (
                fewest <= target.words <= most
                and distance(text, target.text, score_cutoff=budget) <= budget
                and target.keeps(text)
            ):
                return True
        return False


def by_denial(targets: Sequence[Target]) -> dict[frozenset[str], tuple[tuple[Target, ...], Typos]]:
    """Denial words a guess holds -> the answers that hold them all ("not unusual"), and their
    typos: only those can be named by a guess that denies. Prepared once per question, for
    every set of denial words some answer holds; a guess denying anything else names none."""
    index: dict[frozenset[str], tuple[tuple[Target, ...], Typos]] = {}
    for target in targets:
        own = sorted(NEGATIONS.intersection(target.word_set))
        for count in range(1, len(own) + 1):
            for denied in map(frozenset, combinations(own, count)):
                if denied not in index:
                    held = tuple(t for t in targets if denied <= t.word_set)
                    index[denied] = (held, Typos.of(held))
    return index


def numbers_in(text: str) -> tuple[str, ...]:
    return tuple(filter(str.isdecimal, text.split()))
