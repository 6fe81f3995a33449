"""Drawing a round's questions and a choice question's options, from a seeded `random.Random`.

Nothing here copies the question set: results hold references to its questions and strings.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trivia.judge.matcher import MAX_GUESS_LENGTH
from trivia.judge.normalise import normalise
from trivia.models import Question, QuestionSet

DISTRACTORS = 3
LETTERS = "ABCD"
_LETTER_INDEX = {c: i for case in (LETTERS, LETTERS.lower()) for i, c in enumerate(case)}


def draw_questions(
    question_set: QuestionSet,
    n: int,
    rng: random.Random,
    admits: Callable[[Question], bool] | None = None,
) -> tuple[Question, ...]:
    """Up to `n` distinct questions in random order, never two that give each other away;
    with `admits`, only questions it admits (see `trivia.engine.selection`).

    The set is shuffled, then taken in that order, skipping a question of a family already
    drawn or one that excludes (or is excluded by) a drawn question. So a round may hold
    fewer than `n` questions only when the set has fewer than `n` unrelated ones.
    """
    clashes = family_clashes(question_set.questions)
    drawn: list[Question] = []
    barred: set[str] = set()
    pool = question_set.questions
    if admits is not None:
        pool = tuple(q for q in pool if admits(q))
    for question in rng.sample(pool, len(pool)):
        if len(drawn) >= n:
            break
        if question.id not in barred:
            drawn.append(question)
            barred |= clashes.get(question.id, set())
    return tuple(drawn)


def family_clashes(questions: Sequence[Question]) -> dict[str, set[str]]:
    """For each question id, the ids it may not share a round with: the rest of its family
    and what it excludes or is excluded by (the relation is symmetric)."""
    clashes: dict[str, set[str]] = {}
    families: dict[str, list[str]] = {}
    for q in questions:
        if q.family is not None:
            families.setdefault(q.family, []).append(q.id)
        for other in q.excludes:
            clashes.setdefault(q.id, set()).add(other)
            clashes.setdefault(other, set()).add(q.id)
    for members in families.values():
        for member in members:
            clashes.setdefault(member, set()).update(m for m in members if m != member)
    return clashes


def question_rng(seed: int, index: int) -> random.Random:
    """The generator for question `index` of a round: same seed and index, same options."""
    return random.Random(f"{seed}:{index}")


def pick_distractors(
    question: Question, question_set: QuestionSet, rng: random.Random, count: int = DISTRACTORS
) -> tuple[str, ...]:
    """Up to `count` wrong options of the question's kind.

    The question's own `choices` come first, then canonical answers of other questions of the
    same kind in the set, each group in a random order. An option is never equal (once
    normalised) to an accepted answer of the question or to another option. Fewer than `count`
    come back only when the set has no more candidates.
    """
    taken = {normalise(answer) for answer in question.answers}
    own = list(question.choices)
    rng.shuffle(own)
    pool = [
        other.canonical
        for other in question_set.questions
        if other.kind is question.kind and other.id != question.id
    ]
    rng.shuffle(pool)
    picked: list[str] = []
    for candidate in (*own, *pool):
        key = normalise(candidate)
        if not key or key in taken:
            continue
        taken.add(key)
        picked.append(candidate)
        if len(picked) == count:
            break
    return tuple(picked)


def choices_for(
    question: Question, question_set: QuestionSet, rng: random.Random
) -> tuple[str, ...]:
    """The canonical answer and its distractors, shuffled: the options in button order."""
    options = [question.canonical, *pick_distractors(question, question_set, rng)]
    rng.shuffle(options)
    return tuple(options)


@dataclass(frozen=True, slots=True)
class Options:
    """A choice question's options in button order, and which one is right."""

    texts: tuple[str, ...]
    keys: tuple[str, ...]  # normalised texts, to recognise an option typed out in full
    right: int

    @classmethod
    def of(cls, texts: tuple[str, ...], answer: str) -> Options:
        """Raises ValueError when `answer` is not one of `texts`."""
        return cls(texts, tuple(normalise(t) for t in texts), texts.index(answer))

    def find(self, text: str) -> int:
        """Index of the option `text` names, by letter ("A".."D", any case) or text; else -1."""
        if len(text) > MAX_GUESS_LENGTH:
            return -1
        text = text.strip()
        letter = _LETTER_INDEX.get(text, -1)
        if letter >= 0:
            return letter if letter < len(self.texts) else -1
        key = normalise(text)
        return self.keys.index(key) if key and key in self.keys else -1
