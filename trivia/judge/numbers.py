"""Number words to digits, so that "thirteen", "13" and "13th" are judged as the same answer.

Players type numbers both ways, and question authors write them both ways too. Rather than
teach the judge two spellings of every number, normalisation rewrites each run of number words
into its value in digits. The grammar is deliberately small (units, teens, tens, hundreds,
thousands, millions, "and" after a hundred or thousand, ordinals such as "third" or
"thirty-first") and greedy: a run stops at the first word that cannot continue it, so
"twenty thirteen" becomes "20 13" rather than a nonsense sum. What matters is that answers and
guesses go through the same rewrite, not that every English numeral is understood.

Two number words are mostly not numbers in chat, and are left as words where they are not:
"one" right after a pointer ("this one is hard", "that one", "no one"), and "first" on its own
("first!", "at first"). Inside a numeral both still count ("this one hundred", "twenty-first",
"hundred and first"), as does "1st"; a set whose answer is an ordinal first lists "first" as an
alias.
"""

from __future__ import annotations

from collections.abc import Sequence

# Kinds of number word; what may follow what is decided by these.
_UNIT, _TEEN, _TENS, _HUNDRED, _SCALE = "unit", "teen", "tens", "hundred", "scale"


def _table(kind: str, names: str, first: int, step: int = 1) -> dict[str, tuple[str, int]]:
    return {name: (kind, first + i * step) for i, name in enumerate(names.split())}


_CARDINALS = {
    **_table(_UNIT, "zero one two three four five six seven eight nine", 0),
    **_table(
        _TEEN, "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10
    ),
    **_table(_TENS, "twenty thirty forty fifty sixty seventy eighty ninety", 20, 10),
    "hundred": (_HUNDRED, 100),
    "thousand": (_SCALE, 1_000),
    "million": (_SCALE, 1_000_000),
}
_ORDINALS = {
    **_table(_UNIT, "first second third fourth fifth sixth seventh eighth ninth", 1),
    **_table(
        _TEEN,
        "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth"
        " seventeenth eighteenth nineteenth",
        10,
    ),
    **_table(
        _TENS,
        "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth",
        20,
        10,
    ),
    "hundredth": (_HUNDRED, 100),
    "thousandth": (_SCALE, 1_000),
    "millionth": (_SCALE, 1_000_000),
}

_WORDS: dict[str, tuple[str, int, bool]] = {
    **{w: (kind, value, False) for w, (kind, value) in _CARDINALS.items()},
    **{w: (kind, value, True) for w, (kind, value) in _ORDINALS.items()},
}

NUMBER_WORDS: frozenset[str] = frozenset(_WORDS)
"""Every word that starts or continues a number; a cheap test for whether to parse at all."""

_GROUP_KINDS = frozenset({_UNIT, _TEEN, _TENS})

# Which kind of word may come right after which ("and" only inside a number).
_MAY_FOLLOW: dict[str, frozenset[str | None]] = {
    _UNIT: frozenset({None, _TENS, _HUNDRED, _SCALE, "and"}),
    _TEEN: frozenset({None, _HUNDRED, _SCALE, "and"}),
    _TENS: frozenset({None, _HUNDRED, _SCALE, "and"}),
    _HUNDRED: frozenset({None, _UNIT, _TEEN}),
    _SCALE: frozenset({None, _UNIT, _TEEN, _TENS, _HUNDRED}),
}


def _parse(words: Sequence[str], start: int) -> tuple[int, int]:
    """Read the longest number starting at `start`; return (value, index after it).

    The caller guarantees that words[start] is a number word, so at least one word is read.
    """
    total = group = 0  # total: finished thousands/millions; group: the part below them
    prev: str | None = None
    smallest_scale = 0
    i = start
    while i < len(words):
        word = words[i]
        if word == "and":
            # Only inside a number ("one hundred and five"), never joining two numbers.
            after = _WORDS.get(words[i + 1]) if i + 1 < len(words) else None
            if prev not in (_HUNDRED, _SCALE) or after is None or after[0] not in _GROUP_KINDS:
                break
            prev = "and"
            i += 1
            continue
        entry = _WORDS.get(word)
        if entry is None or prev not in _MAY_FOLLOW[entry[0]]:
            break
        kind, value, ordinal = entry
        if kind == _UNIT and prev == _TENS and value == 0:
            break
        if kind == _HUNDRED:
            if group >= 100:
                break
            group = (group or 1) * 100
        elif kind == _SCALE:
            if smallest_scale and value >= smallest_scale:
                break
            total += (group or 1) * value
            group = 0
            smallest_scale = value
        else:
            group += value
        prev = kind
        i += 1
        if ordinal:
            break
    return total + group, i


_POINTERS = frozenset(
    {"this", "that", "these", "those", "which", "each", "every", "any", "another", "other", "no"}
)
"""Words after which "one" is a pronoun. Never articles: those are dropped from the start of a
guess, so "the one" would become "one", a number, when normalised again."""


def _is_ordinal(word: str) -> bool:
    entry = _WORDS.get(word)
    return entry is not None and entry[2]


def _starts_number(words: Sequence[str], i: int) -> bool:
    """Whether the number word words[i], not continuing an earlier one, begins a numeral."""
    word = words[i]
    if word == "first":
        return False
    if word == "one" and i and (words[i - 1].isdecimal() or _is_ordinal(words[i - 1])):
        return False  # "the third one", "the 3rd one": a pronoun after an ordinal
    if word == "one" and i and words[i - 1] in _POINTERS:
        return i + 1 < len(words) and words[i + 1] in NUMBER_WORDS
    return True


def words_to_digits(words: Sequence[str]) -> list[str]:
    """Replace every run of number words in `words` with its value written in digits."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in NUMBER_WORDS and _starts_number(words, i):
            value, i = _parse(words, i)
            out.append(str(value))
        else:
            out.append(words[i])
            i += 1
    return out
