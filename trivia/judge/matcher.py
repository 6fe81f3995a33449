"""The answer judge: decides whether a typed guess names the right answer.

Fairness rules, each with its reason:

* Spelling noise is not knowledge. Case, accents, apostrophes, punctuation, hyphens, spacing,
  a leading "the"/"a"/"an" and number words vs digits are all normalised away (`normalise`).
* Small typos are forgiven, scaled to length: none for short answers (< 5 letters), where one
  edit is a different word ("Vido" vs "Vida"), nor for numbers ("13" vs "31"); one edit for
  5-8 letters; two for longer answers. Digits must always agree exactly. Edits are counted as
  optimal string alignment (Levenshtein plus swapping two neighbours), because a swap
  ("Ritetr") is one slip of the fingers, not two.
* People may be named by surname alone ("Ritter"), unless that surname belongs to more than
  one person in the question set ("Jones"), where a surname alone does not say who.
* A right answer inside a sentence counts ("I think it's Krysten Ritter?"), but only on word
  boundaries ("air" is not in "chair", "new york" is not in "new yorkshire"). For people, every
  other word must be filler (`FILLER`), so "Kate Moss" is not "Carrie-Anne Moss" and "Taylor
  Swift" is not "Rachael Taylor": another name-like word means another person, and listing
  several names at once is a shotgun, not an answer. Likewise "13 or 31" names no number.
* A number is only an answer among filler and the words of its question or answers, typos
  forgiven ("I think it's 13", "13 episodes", "saeson 3"): numbers turn up in chatter ("1 is
  my lucky number"), and the everyday "this one" and "first!" are not numbers at all (see
  `trivia.judge.numbers`).
* A guess that lists options, denies the answer or swaps a word for another that looks like it
  is not an answer, even though it holds one (see `trivia.judge.hedges`).
* Surnames and first names are for people's names only: not for a codename written in two
  words ("Hell Cat", beside "Hellcat"), and not for titles or things. A character may also be
  named by an unambiguous first name ("Trish"); ambiguity works as for surnames.
* The same entity may be named twice ("Trish Walker aka Hellcat", "Tennant's Kilgrave"): a
  person's answer may be joined by the who's-who's other names for it (`Question.entity_names`),
  but not by anyone else's ("Trish or Jessica").
* A typo'd answer inside a sentence is found by trimming filler off the guess's ends, then
  widening back over trimmed words as far as the answer is longer, because some answers start
  or end with filler ("its characters") and a typo can make a word filler ("er voice").

The judge is a hot path (every chat message during a round), so answers are normalised once,
in `Matcher.__init__`, and a guess is normalised once and compared with precomputed strings:
an exact hit is a set lookup, containment is a C-level substring search, and typos cost one
rapidfuzz call per answer with a cut-off. Guesses longer than `MAX_GUESS_LENGTH` are rejected
before any work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from trivia.judge.hedges import LINKS, NEGATIONS, is_list
from trivia.judge.names import (
    FILLER,
    ambiguous_first_names,
    ambiguous_surnames,
    entity_phrases,
    first_name,
    is_compound,
    is_name,
    surname,
)
from trivia.judge.normalise import normal_words, normalise
from trivia.judge.numbers import NUMBER_WORDS
from trivia.judge.targets import NO_UNITS, Target, Typos, Units, by_denial, numbers_in
from trivia.models import AnswerKind, QuestionSet

MAX_GUESS_LENGTH = 200
"""Longer messages are chatter, not answers; rejecting them unread also bounds the judge's cost."""

_SPECIAL_WORDS = NUMBER_WORDS | NEGATIONS
"""Single words whose judgement needs more than their lower case: numbers and denials."""

_PLAIN_PUNCTUATION = " !?."
"""Marks around a single word that leave its normal form its lower case ("Kilgrave!")."""


class Matcher:
    """Judge for one question: build once per question, then call `matches` per guess."""

    __slots__ = (
        "_denials",
        "_entity",
        "_entity_pattern",
        "_entity_words",
        "_exact",
        "_firsts",
        "_numeric",
        "_person",
        "_targets",
        "_typos",
        "_units",
        "_verbatim",
    )  # fmt: skip

    def __init__(
        self,
        answers: Sequence[str],
        kind: AnswerKind = AnswerKind.THING,
        ambiguous_surnames: frozenset[str] = frozenset(),
        *,
        question: str = "",
        entity_names: Sequence[str] = (),
        ambiguous_first_names: frozenset[str] = frozenset(),
    ) -> None:
        """`question` is the question's text; its words, like those of the answers, may stand
        beside a number answer ("13 episodes"). `entity_names` are other names of the answer's
        entity (`Question.entity_names`): a guess may add them ("Trish Walker aka Hellcat"),
        never answer with them alone."""
        named = {answer: form for answer in answers if (form := normalise(answer))}
        forms = dict.fromkeys(named.values())
        self._person = kind.is_person
        names = [form for answer, form in named.items() if is_name(answer, form)]
        if self._person:
            ambiguous = {normalise(s) for s in ambiguous_surnames}
            for form in names:
                last = surname(form)
                if last and last not in ambiguous and not is_compound(form, forms):
                    forms.setdefault(last)
        if kind is AnswerKind.CHARACTER:
            ambiguous = {normalise(s) for s in ambiguous_first_names}
            for form in names:
                first = first_name(form)
                if first and first not in ambiguous and not is_compound(form, forms):
                    forms.setdefault(first)
        self._numeric = kind is AnswerKind.NUMBER
        self._units = Units.of([question, *forms]) if self._numeric else NO_UNITS
        self._targets = tuple(Target.of(form, self._numeric) for form in forms)
        self._exact = frozenset(forms)
        # Guesses typed exactly as an answer or its normal form skip normalisation entirely.
        self._verbatim = self._exact.union(named)
        self._typos = Typos.of(self._targets)
        self._denials = by_denial(self._targets)
        self._firsts = frozenset(form.split()[0] for form in forms)
        self._entity = entity_phrases(entity_names, forms)
        self._entity_pattern = (
            re.compile("|".join(map(re.escape, self._entity))) if self._entity else None
        )
        self._entity_words = FILLER.union(LINKS, *(p.split() for p in self._entity))

    def matches(self, guess: str) -> bool:
        """True when `guess` names one of the answers under the module's rules."""
        if len(guess) > MAX_GUESS_LENGTH:
            return False
        if guess in self._verbatim:
            return True
        word = guess.strip(_PLAIN_PUNCTUATION)
        if word.isalpha() and word.isascii():  # one plain word: its normal form is lower case
            text = word.lower()
            if text not in _SPECIAL_WORDS:
                return text in self._exact or self._typos.near(text)
        words = normal_words(guess)
        if not words:
            return False
        text = " ".join(words)
        if text in self._exact:
            return True
        if NEGATIONS.isdisjoint(words):
            targets, typos = self._targets, self._typos
        else:  # only answers that hold the denial itself ("not unusual") are left
            held = self._denials.get(NEGATIONS.intersection(words))
            if held is None:
                return False  # a denial no answer holds
            targets, typos = held
        if len(words) == 1:  # no sentence around it, so no list and no window to try
            return typos.near(text)
        # An answer can only be inside a guess that holds its first word.
        found = not self._firsts.isdisjoint(words) and self._contains(words, f" {text} ", targets)
        if not found and typos.spans:
            found = self._near(words, text, typos)
        # Checked last: most guesses are rejected before it matters.
        return found and not is_list(guess, words, FILLER, self._names_answer)

    def _names_answer(self, text: str) -> bool:
        """A part of a guess that names the answer or another name of its entity."""
        padded = f" {text} "
        if any(t.padded in padded for t in self._targets):
            return True
        pattern = self._entity_pattern  # one search for all of the entity's other names
        return pattern is not None and pattern.search(padded) is not None

    def _covered(self, padded: str, target: Target) -> bool:
        """Every word of the guess is the answer, another name of its entity, a link word
        ("aka") or filler: "Trish Walker aka Hellcat", "Tennant's Kilgrave"."""
        rest = padded.replace(target.padded, " ")
        if not self._entity_words.issuperset(rest.split()):
            return False  # a word no other name of the entity, no link and no filler holds
        for phrase in self._entity:
            while phrase in rest:
                rest = rest.replace(phrase, " ")
        return all(w in FILLER or w in LINKS for w in rest.split())

    def _contains(self, words: list[str], padded: str, targets: tuple[Target, ...]) -> bool:
        """An answer inside the guess on word boundaries.

        For people, only amid filler; for numbers, only amid filler and unit words, with no
        other number named.
        """
        names = -1  # words of the guess that are not filler, counted only when needed
        for target in targets:
            if target.padded not in padded:
                continue
            if self._numeric:
                # "13 or 31" hedges between numbers; it names no number in particular.
                return numbers_in(padded) == target.digits and all(map(self._units.allows, words))
            if not self._person:
                return True
            if names < 0:
                names = len(words) - sum(map(FILLER.__contains__, words))
            if names == target.names:
                return True  # so every word of the guess outside the answer is filler
            if self._entity and self._covered(padded, target):
                return True
        return False

    @staticmethod
    def _near(words: list[str], text: str, typos: Typos) -> bool:
        """A typo of an answer: the whole guess, or a window of it around its core.

        The core is the guess with filler trimmed off its ends; each window widens it back
        over trimmed words until it has as many words as the answer, since the answer may
        itself start or end with filler ("its characters") or a typo may have made one of its
        words filler ("er voice"). Only these windows are tried; scanning every window of a
        sentence would cost more and forgive far more than a typo ("Hogan" hiding in "hogarth
        was a lawyer"). Windows are slices of `text`, so none is joined that no answer's
        length rules out.
        """
        if typos.near(text):
            return True
        if words[0] not in FILLER and words[-1] not in FILLER:
            return False  # nothing to trim: the whole guess was the only window
        count = len(words)
        first, last = 0, count
        while first < last and words[first] in FILLER:
            first += 1
        while last > first and words[last - 1] in FILLER:
            last -= 1
        core = last - first
        if not 0 < core < count:
            return False
        starts = [0]  # where each word starts in `text`, as if followed by one more
        for word in words:
            starts.append(starts[-1] + len(word) + 1)
        if typos.near(text[starts[first] : starts[last] - 1], most=core):
            return True
        for span in typos.spans:
            if span <= core:
                continue
            for i in range(max(0, last - span), min(first, count - span) + 1):
                if typos.near(text[starts[i] : starts[i + span] - 1], span, span):
                    return True
        return False


def matchers_for(question_set: QuestionSet) -> dict[str, Matcher]:
    """One prepared Matcher per question id, aware of which surnames and first names the set
    makes ambiguous and of the other names of each answer's entity."""
    surnames = ambiguous_surnames(question_set.questions)
    first_names = ambiguous_first_names(question_set.questions)
    return {
        q.id: Matcher(
            q.answers,
            q.kind,
            surnames,
            question=q.text,
            entity_names=q.entity_names,
            ambiguous_first_names=first_names,
        )
        for q in question_set.questions
    }


def is_correct(guess: str, answers: Sequence[str], kind: AnswerKind = AnswerKind.THING) -> bool:
    """One-off judgement, for callers without a question set (no surname ambiguity known).

    Matchers are cached per (answers, kind), so repeated calls do not re-normalise answers.
    """
    return _matcher(tuple(answers), kind).matches(guess)


@lru_cache(maxsize=256)
def _matcher(answers: tuple[str, ...], kind: AnswerKind) -> Matcher:
    return Matcher(answers, kind)
