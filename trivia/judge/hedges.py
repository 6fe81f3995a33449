"""Guesses that hold the answer but do not give it: lists, negations and other words.

Containment ("I think it's Netflix") is what makes the judge fair to people who type in
sentences, and also what a shotgun or a denial would exploit. A fair quizmaster rejects:

* a list of options, whatever their kind: "HBO or Netflix or Hulu", "terrified, thrilled,
  indifferent". Reading out every option must not pay. Parts that name the answer's own entity
  ("her mother, Alisa") or describe it ("Jeri Hogarth, the lawyer") are not options;
* a negation of the answer: "not thrilled", "it isn't secret", "no villain". A negation word
  the answer itself holds ("not unusual") is part of the answer, not a denial;
* a typo that is really another word: "uncommon" for "common", "men" for "women". Adding or
  cutting two or more letters at a word's start makes a different word, not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from trivia.judge.normalise import normal_words

NEGATIONS: frozenset[str] = frozenset(
    {"not", "no", "never", "nor", "neither", "without", "isnt", "wasnt", "arent", "werent",
     "aint", "hadnt", "hasnt", "havent", "didnt", "doesnt", "dont", "wont", "cant", "couldnt",
     "wouldnt", "shouldnt"}
)  # fmt: skip
"""Normalised words that deny what follows or precedes them."""

ALTERNATIVES: frozenset[str] = frozenset({"or", "nor", "vs", "versus"})
"""Words that set one option against another."""

LINKS: frozenset[str] = frozenset(
    {"aka", "as", "also", "known", "called", "alias", "becomes", "became", "later", "now", "ie"}
)
"""Words that tie two names of one entity: "Trish Walker aka Hellcat"."""

_SEPARATORS = re.compile(r"[,;/|&+]")
_APPOSITIVE_STARTS = frozenset(
    {"the", "a", "an", "who", "which", "from", "aka", "as", "played", "like", "i", "im", "its"}
)  # fmt: skip


def is_list(
    guess: str, words: Sequence[str], filler: frozenset[str], names_answer: Callable[[str], bool]
) -> bool:
    """Whether `guess` (raw) with normalised `words` offers options besides the answer.

    `names_answer(text)` says whether a normalised part names the answer or its entity; parts
    of nothing but `filler` offer nothing. Options are set apart by an alternative word, or
    by separators when two or more parts say something ("friends, family", but not
    "hmm, quite common" nor "Jeri Hogarth, the lawyer", whose second part describes).
    """
    if not ALTERNATIVES.isdisjoint(words):
        part: list[str] = []
        for word in [*words, "or"]:
            if word not in ALTERNATIVES:
                part.append(word)
            elif part:
                if not filler.issuperset(part) and not names_answer(" ".join(part)):
                    return True
                part = []
        return False
    if _SEPARATORS.search(guess) is None:
        return False
    said = []
    for raw in _SEPARATORS.split(guess):
        first = raw.split(None, 1)[0].lower().strip("(\"'") if raw.strip() else ""
        part = normal_words(raw)
        if part and first not in _APPOSITIVE_STARTS and not filler.issuperset(part):
            said.append(" ".join(part))
    return len(said) > 1 and not all(map(names_answer, said))


def reworded(guess: str, answer: str) -> bool:
    """Whether a near miss of `answer` differs from it by a prefix of two or more letters on a
    word ("uncommon" for "common", "male" for "female"): another word, not a typo."""
    guess_words, answer_words = guess.split(), answer.split()
    if len(guess_words) != len(answer_words):
        return False
    for g, a in zip(guess_words, answer_words, strict=True):
        if g != a and abs(len(g) - len(a)) >= 2 and (g.endswith(a) or a.endswith(g)):
            return True
    return False
