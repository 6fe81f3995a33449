"""The answer judge's labelled corpus, generated from the bundled questions.

Every guess is labelled with what the player meant when it was made: the right answer as
written, with noise (case, accents, punctuation, number words), inside a sentence, with a small
typo; or a wrong answer (another question's answer, one of the question's own distractors,
chatter and junk). Two kinds of guess are labelled but left out of the accuracy figures, and
reported on their own rows instead:

* typos beyond the documented budget (e.g. two edits to a 6-letter name), which the rules say
  to reject even though a lenient human might accept them; split into those that damaged the
  answer and those that left an accepted answer intact next to the slip ("sason 3" for "3"),
  which other rules (containment, filler trimming) may rightly accept;
* "lookalikes": another question's answer that contains an accepted answer on word boundaries
  or lies within typo distance of one ("Marvel Comics" for "Marvel"), where which answer the
  player meant is a matter of opinion.

Used by the judge benchmark and, for its typed guesses, by the engine benchmark.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from trivia.judge.normalise import normalise
from trivia.judge.targets import typo_budget
from trivia.models import AnswerKind, Question, QuestionSet

CORPUS_SIZE = 120_000
SEED = 20240601

# category -> (description, expected verdict; None: reported but not counted in accuracy)
CATEGORIES: dict[str, tuple[str, bool | None]] = {
    "exact": ("right: an accepted answer as written", True),
    "variant": ("right: case, accents, punctuation, spacing, number words", True),
    "sentence": ('right: inside a sentence ("I think it\'s X")', True),
    "typo": ("right: 1-2 edits, within the typo budget", True),
    "other": ("wrong: another question's answer", False),
    "distractor": ("wrong: one of the question's own wrong options", False),
    "junk": ("wrong: chatter, random letters, overlong text", False),
    "typo_beyond": ("typo beyond the budget, answer damaged (not counted)", None),
    "typo_intact": ("typo beyond the budget elsewhere, answer intact (not counted)", None),
    "lookalike": ("another answer overlapping an accepted one (not counted)", None),
}
_WEIGHTS = {"exact": 12, "variant": 10, "sentence": 14, "typo": 14, "other": 25,
            "distractor": 10, "junk": 15}  # fmt: skip
SENTENCES = (
    "I think it's {}",
    "{}?",
    "is it {}",
    "pretty sure it's {}",
    "{} obviously",
    "hmm, {}",
    "my final answer is {}",
    "{}!!",
    "uh {} maybe",
    "it must be {}",
)
_CHATTER = ("lol", "no idea", "what?", "this one is hard", "pass", "ugh", "gg", "first!",
            "anyone?", "I don't know", "🤔🤔", "skip it", "wait what", "?", "...")  # fmt: skip
_NUMBER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four", "6": "six", "10": "ten",
                 "12": "twelve", "13": "thirteen"}  # fmt: skip
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}


@dataclass(frozen=True, slots=True)
class Guess:
    key: tuple[str, str]  # (set id, question id)
    text: str
    category: str


class _Labeller:
    """What a question accepts, in normalised form, to label candidate guesses against it."""

    def __init__(self, question: Question) -> None:
        self.forms = {f for f in map(normalise, question.answers) if f}
        numeric = question.kind is AnswerKind.NUMBER
        self.budgets = {f: 0 if numeric else typo_budget(f) for f in self.forms}

    def typo_label(self, text: str) -> str | None:
        """'typo' when within budget of an accepted form; else whether an accepted form is
        still intact in it ("sason 3" for "3"); None when no change survived normalising."""
        guess = normalise(text)
        if not guess or guess in self.forms:
            return None
        if any(
            OSA.distance(guess, f) <= b and _digits(guess) == _digits(f)
            for f, b in self.budgets.items()
        ):
            return "typo"
        padded = f" {guess} "
        intact = any(f" {f} " in padded for f in self.forms)
        return "typo_intact" if intact else "typo_beyond"

    def wrong_label(self, text: str, category: str) -> str | None:
        """`category` for a clearly wrong guess, 'lookalike', or None when it is right."""
        guess = normalise(text)
        if guess in self.forms:
            return None
        padded = f" {guess} "
        for form, budget in self.budgets.items():
            if f" {form} " in padded or (guess and padded in f" {form} "):
                return "lookalike"
            if OSA.distance(guess, form) <= budget:
                return "lookalike"
        return category


def _digits(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.split() if w.isdecimal())


def _variant(answer: str, rng: random.Random) -> str:
    op = rng.randrange(6)
    if op == 0:
        return answer.upper()
    if op == 1:
        return answer.lower()
    if op == 2:
        return "".join(c for c in answer if c.isalnum() or c == " ")
    if op == 3:
        return "  " + answer.replace(" ", "   ") + " "
    if op == 4 and answer in _NUMBER_WORDS:
        return _NUMBER_WORDS[answer]
    # Otherwise accents: the judge's slower, non-ASCII path.
    return "".join(_ACCENTED.get(c, c) if rng.random() < 0.3 else c for c in answer)


def _typo(text: str, rng: random.Random) -> str:
    """One or two random keyboard slips on letters (digits are left alone)."""
    chars = list(text)
    for _ in range(rng.choice((1, 1, 2))):
        letters = [i for i, c in enumerate(chars) if c.isalpha()]
        if not letters:
            break
        i = rng.choice(letters)
        op = rng.randrange(4)
        if op == 0:
            chars[i] = rng.choice(string.ascii_lowercase.replace(chars[i].lower(), ""))
        elif op == 1 and len(letters) > 1:
            del chars[i]
        elif op == 2:
            chars.insert(i + 1, rng.choice(string.ascii_lowercase))
        elif i + 1 < len(chars) and chars[i + 1].isalpha() and chars[i] != chars[i + 1]:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _junk(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(_CHATTER)
    if kind == 1:
        words = (
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9)))
            for _ in range(rng.randint(1, 5))
        )
        return " ".join(words)
    if kind == 2:
        return str(rng.randint(0, 5000))
    return "".join(rng.choices(string.ascii_letters + " ", k=rng.randint(150, 260)))


def _wrap(text: str, rng: random.Random, share: float = 0.3) -> str:
    return rng.choice(SENTENCES).format(text) if rng.random() < share else text


def _one(
    question: Question, label: _Labeller, category: str, others: Sequence[str], rng: random.Random
) -> tuple[str, str] | None:
    """A (text, category) guess of the wanted category for `question`, or None to retry."""
    answer = rng.choice(question.answers)
    if category == "exact":
        return answer, "exact"
    if category == "variant":
        return _variant(answer, rng), "variant"
    if category == "sentence":
        return rng.choice(SENTENCES).format(answer), "sentence"
    if category == "typo":
        typo = _typo(answer, rng)
        found = label.typo_label(typo)
        return (_wrap(typo, rng), found) if found else None
    if category == "distractor":
        if not question.choices:
            return None
        pick = rng.choice(question.choices)
    elif category == "other":
        pick = rng.choice(others)
    else:
        pick = _junk(rng)
        if pick in _CHATTER:  # chatter is wrong whatever it contains ("this one is hard")
            return pick, "junk"
    found = label.wrong_label(pick, category)
    return (_wrap(pick, rng) if category != "junk" else pick, found) if found else None


def build_corpus(
    sets: Sequence[QuestionSet], size: int = CORPUS_SIZE, seed: int = SEED
) -> list[Guess]:
    """`size` labelled guesses spread evenly over every question of `sets`."""
    rng = random.Random(seed)
    questions = [(qs, q) for qs in sets for q in qs.questions]
    labels = {(qs.id, q.id): _Labeller(q) for qs, q in questions}
    answers = sorted({a for _, q in questions for a in q.answers})
    categories, weights = zip(*_WEIGHTS.items(), strict=True)
    corpus: list[Guess] = []
    while len(corpus) < size:
        qs, q = questions[len(corpus) % len(questions)]
        made = _one(q, labels[qs.id, q.id], rng.choices(categories, weights)[0], answers, rng)
        if made is not None:
            corpus.append(Guess((qs.id, q.id), *made))
    return corpus
