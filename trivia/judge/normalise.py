"""Canonical text for answers and guesses: equal forms mean the same answer.

Spelling noise is not knowledge: case, accents, apostrophes, punctuation, hyphens, spacing,
initials ("J.R." vs "JR"), a leading article, number words vs digits and TV shorthand ("S3"
for "season 3") are all normalised away. Used once per answer when a question is prepared, and
once per guess on the judge's hot path, so ASCII guesses take a short cut: one bytes-table pass
folds case and punctuation, and digits are only looked at when there are some.
"""

from __future__ import annotations

import re
import unicodedata

from trivia.judge.numbers import NUMBER_WORDS, words_to_digits

_APOSTROPHES = "'’‘ʼʻ`´′‛＇"
_LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
            "ð": "d"}  # fmt: skip
_DROPPED_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf"})


class _FoldTable(dict[int, str | None]):
    """`str.translate` table for decomposed text: drops apostrophes, marks (accents) and format
    characters (zero-width spaces, direction marks), and spells out a few letters that have no
    decomposition ("ø" -> "o").

    Filled lazily, one entry per character ever seen, because asking `unicodedata` about each
    character of each guess in Python would dominate the cost of a non-ASCII guess. Bounded so
    that a stream of exotic characters cannot grow it without limit.
    """

    LIMIT = 20_000

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if char in _APOSTROPHES or unicodedata.category(char) in _DROPPED_CATEGORIES:
            value = None
        else:
            value = _LETTERS.get(char, char)
        if len(self) < self.LIMIT:
            self[code] = value
        return value


_FOLD_TABLE = _FoldTable()
_WORD = re.compile(r"[^\W_]+")  # letters and digits; all else separates words
_DIGIT = re.compile(r"\d")
_ORDINAL_SUFFIX = re.compile(r"(\d+)(?:st|nd|rd|th)")
_SHORTHAND = re.compile(r"(s|e|ep)(\d+)")  # "s3" season 3, "e5"/"ep5" episode 5
_SHORTHAND_UNITS = {"s": "season", "e": "episode", "ep": "episode"}
_ARTICLES = frozenset({"the", "a", "an"})
_ASCII_FOLD = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32 for c in range(256)
)  # for ASCII text (with "'" and "`" deleted): lower-case, anything but letters and digits a space
_LETTERS_AND_SPACE = b" abcdefghijklmnopqrstuvwxyz"
_NUMBER_WORDS_AND_LETTERS = NUMBER_WORDS.union("abcdefghijklmnopqrstuvwxyz")
_ASCII_INITIALS = re.compile(rb"\b[a-z] +[a-z]\b")  # two single letters in a row, as folded


def fold(text: str) -> str:
    """Lower-case text with accents, apostrophes and invisible characters removed.

    Apostrophes vanish rather than separate, so "O'Neil" is "oneil" and "Marvel's" is
    "marvels". Marks (accents) and format characters (zero-width spaces, direction marks) are
    dropped so that "Beyoncé" is "beyonce" and a hidden character does not split a word.
    """
    if text.isascii():
        text = text.lower()
        if "'" in text:
            text = text.replace("'", "")
        return text.replace("`", "") if "`" in text else text
    # NFKC would turn an acute accent used as an apostrophe into a space and an accent.
    text = unicodedata.normalize("NFKC", text.replace("´", "'")).casefold()
    return unicodedata.normalize("NFD", text).translate(_FOLD_TABLE)


def normal_words(text: str) -> list[str]:
    """The normalised words of `text`; `normalise` joins them with single spaces."""
    if text.isascii():  # the judge's hot path: one C-level pass folds case and punctuation
        ascii_folded = text.encode().translate(_ASCII_FOLD, b"'`")
        found = ascii_folded.decode().split()
        if ascii_folded.translate(None, _LETTERS_AND_SPACE):  # only digits are left
            found = _with_digits(found)
        elif _NUMBER_WORDS_AND_LETTERS.isdisjoint(found):  # most chat: plain words, no numbers
            return _without_articles(found)
        # A lone "I" or "a" is common in chat; only two single letters in a row are initials.
        initials = 1 in map(len, found) and _ASCII_INITIALS.search(ascii_folded) is not None
    else:
        folded = fold(text)
        found = _WORD.findall(folded)
        if _DIGIT.search(folded):
            found = _with_digits(found)
        initials = 1 in map(len, found)
    if not NUMBER_WORDS.isdisjoint(found):
        found = words_to_digits(found)
    if initials:
        found = _join_initials(found)
    return _without_articles(found)


def _without_articles(found: list[str]) -> list[str]:
    """Drop leading articles, unless the article is all there is ("The")."""
    while len(found) > 1 and found[0] in _ARTICLES:
        del found[0]
    return found


def _with_digits(found: list[str]) -> list[str]:
    out: list[str] = []
    for word in found:
        if word.isalpha():
            out.append(word)
        else:
            out += _digits(word).split()
    return out


def _digits(word: str) -> str:
    """Digits in any script, leading zeros and ordinal suffixes as plain digits: "03rd" -> "3";
    TV shorthand spelled out: "s03" -> "season 3", "ep5" -> "episode 5"."""
    if word[0].isdecimal():
        ordinal = None if word.isdecimal() else _ORDINAL_SUFFIX.fullmatch(word)
        digits = ordinal[1] if ordinal else word
        return str(int(digits)) if digits.isdecimal() and len(digits) < 100 else word
    shorthand = _SHORTHAND.fullmatch(word)
    if shorthand and len(shorthand[2]) < 100:
        return f"{_SHORTHAND_UNITS[shorthand[1]]} {int(shorthand[2])}"
    return word


def _join_initials(found: list[str]) -> list[str]:
    """Join runs of single letters, so "J.R.", "J R" and "JR" are all the word "jr"."""
    out: list[str] = []
    previous_initial = False
    for word in found:
        initial = len(word) == 1 and word.isalpha()
        if initial and previous_initial:
            out[-1] += word
        else:
            out.append(word)
        previous_initial = initial
    return out


def normalise(text: str) -> str:
    """Canonical form of an answer or guess; equal forms mean the same answer.

    NFKC, case-folded, accents and apostrophes stripped, punctuation as spaces, initials
    joined, number words as digits, TV shorthand spelled out, leading articles dropped,
    whitespace collapsed. Idempotent: normalising a normalised string changes nothing.
    """
    return " ".join(normal_words(text))
