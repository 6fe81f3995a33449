"""Names of people and characters: which words may stand beside a name, which parts of a name
stand for it (surname, first name), and which the question set makes ambiguous.

A surname or first name stands for a person only when the answer is a name: not a codename
written in two words ("Hell Cat" beside "Hellcat") and not a description ("her mother",
"Jessica's mother"), whose words name nobody on their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from trivia.judge.normalise import normalise
from trivia.models import Question

# fmt: off
FILLER: frozenset[str] = frozenset(
    {
        "i", "im", "ive", "id", "me", "my", "think", "thought", "guess", "reckon", "believe",
        "know", "its", "it", "is", "was", "be", "must", "that", "thats", "this", "maybe", "perhaps",
        "probably", "possibly", "surely", "definitely", "obviously", "certainly", "pretty", "quite",
        "fairly", "very", "so", "sure", "answer", "final", "the", "a", "an", "who", "whos", "he",
        "hes", "she", "shes", "they", "theyre", "herself", "himself", "themselves", "hmm", "hm",
        "um", "uh", "er", "erm", "oh", "ah", "ok", "okay", "yes", "yeah", "yep", "well", "lol",
        "please", "right", "of", "course", "played", "by", "just", "only", "her", "his", "their",
        "one", "did", "else",
    }
)
"""Normalised words that may surround a person's name without naming someone else.

Kept to hedges and pointers; never first names, honorifics or anything that could be part of
a name, since a name-like neighbour is exactly what marks a different person.
"""
# fmt: on

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str | None:
    """The last word of a normalised multi-word name, skipping suffixes such as "jr"."""
    words = name.split()
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2 or len(words[-1]) < 2 or not words[-1].isalpha():
        return None
    return words[-1]


_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "doctor", "captain", "lady", "lord", "sir"}
)


def first_name(name: str) -> str | None:
    """The first word of a normalised multi-word name, unless it is an honorific ("ms")."""
    words = name.split()
    if len(words) < 2 or len(words[0]) < 2 or not words[0].isalpha() or words[0] in _HONORIFICS:
        return None
    return words[0]


_POSSESSIVE = re.compile(r"\w['’]s\b")


def is_name(answer: str, form: str) -> bool:
    """Whether an answer is a name, whose surname or first name may stand for it, rather than
    a description ("her mother", "Jessica's mother"), whose words name nobody on their own."""
    return FILLER.isdisjoint(form.split()) and _POSSESSIVE.search(answer) is None


def is_compound(form: str, forms: Iterable[str]) -> bool:
    """Whether a multi-word form is a compound written apart ("hell cat" beside "hellcat"): a
    codename or a thing, whose pieces name nobody."""
    return "".join(form.split()) in forms


def entity_phrases(names: Iterable[str], forms: Iterable[str]) -> tuple[str, ...]:
    """Padded normal forms of an entity's other names and their possessives ("tennants"),
    longest first so that removing one never leaves a piece of a longer one."""
    phrases = {form for name in names if (form := normalise(name))} | set(forms)
    phrases |= {p + "s" for p in phrases}
    return tuple(f" {p} " for p in sorted(phrases, key=len, reverse=True))


def ambiguous_surnames(questions: Iterable[Question]) -> frozenset[str]:
    """Surnames shared by more than one distinct person among person/character answers.

    Two questions are about the same person when their answers share a full (multi-word)
    name; a shared first name alone ("Jessica") does not merge two people. When unsure, two
    spellings of one person stay apart, which only costs a bare-surname answer: safe side.
    """
    return _shared(questions, surname)


def ambiguous_first_names(questions: Iterable[Question]) -> frozenset[str]:
    """First names shared by more than one distinct person, as `ambiguous_surnames`."""
    return _shared(questions, first_name)


def _shared(questions: Iterable[Question], part: Callable[[str], str | None]) -> frozenset[str]:
    people: list[set[str]] = []
    for question in questions:
        if not question.kind.is_person:
            continue
        names = {n for n in map(normalise, question.answers) if " " in n}
        same = [p for p in people if p & names]
        people = [p for p in people if not p & names]
        people.append(names.union(*same))
    counts = Counter(s for names in people for s in {part(n) for n in names} if s)
    return frozenset(s for s, count in counts.items() if count > 1)
