"""Warnings about a question set that loads but plays as a weaker quiz.

Two things are checked, both as warnings rather than errors because a person must judge the
fix (a family, a rewording, more accepted answers):

* A giveaway: a question's text, hint or explanation contains an accepted answer of another
  question, and the two are neither in one family nor excluded from each other, so the draw
  may ask both in one round and the first would answer the second. Texts and answers are
  compared normalised (as the judge sees them, and with "'s" dropped so "Oscar's son"
  names Oscar), on whole words; answers with fewer than `MIN_GIVEAWAY_LETTERS` letters
  ("3", "S2") are too short to be told from ordinary text.
* Too few answers: a free-text `thing` question accepts fewer than `MIN_THING_ANSWERS`
  forms, where players type the same idea in many ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trivia.content.entry_fields import EntryFields
from trivia.content.yaml_source import Reader
from trivia.judge.normalise import normalise
from trivia.models import AnswerKind

MIN_GIVEAWAY_LETTERS = 3
MIN_THING_ANSWERS = 3
TEXT_FIELDS = ("text", "hint", "explanation")
_POSSESSIVE = re.compile(r"['’]s\b")


def warn_weak_questions(r: Reader, drafts: Sequence[EntryFields]) -> None:
    """Record in `r.warnings` every giveaway and every `thing` question with few answers.

    Does nothing when `r` does not collect warnings, or when the set has problems: its
    questions are not settled yet."""
    if r.problems or not r.collect_warnings:
        return
    for d in drafts:
        answers = d.values["answers"]
        if d.values["kind"] is AnswerKind.THING and len(answers) < MIN_THING_ANSWERS:
            message = (
                f"a free-text question with only {len(answers)} accepted answer(s); list at "
                f"least {MIN_THING_ANSWERS} ways players may type it"
            )
            r.warn(d.line_of("answers"), message, d.label)
    _warn_giveaways(r, drafts)


def _warn_giveaways(r: Reader, drafts: Sequence[EntryFields]) -> None:
    clues = [(d, _answer_keys(d)) for d in drafts]
    for d in drafts:
        for field in TEXT_FIELDS:
            if field not in d.values:
                continue
            text = f" {_words(d.values[field])} "
            for other, keys in clues:
                if other is d or _related(d, other):
                    continue
                found = next((a for key, a in keys if f" {key} " in text), None)
                if found is not None:
                    message = (
                        f"{field} contains {found!r}, an accepted answer of "
                        f"{other.values['id']!r}; put the two in one family, list one in the "
                        "other's excludes, or reword"
                    )
                    r.warn(d.line_of(field), message, d.label)


def _answer_keys(d: EntryFields) -> list[tuple[str, str]]:
    """(normalised form, as written) of each answer long enough to be recognised in text;
    letters are counted as written, since normalising spells shorthand out ("S3")."""
    keys = [(_words(a), a) for a in d.values["answers"]]
    return [(k, a) for k, a in keys if sum(c.isalpha() for c in a) >= MIN_GIVEAWAY_LETTERS]


def _related(a: EntryFields, b: EntryFields) -> bool:
    family = a.values.get("family")
    return (family is not None and family == b.values.get("family")) or (
        b.values["id"] in a.values.get("excludes", ())
        or a.values["id"] in b.values.get("excludes", ())
    )


def _words(text: str) -> str:
    return normalise(_POSSESSIVE.sub("", text))
