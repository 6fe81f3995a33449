"""Who's-who lookups over arbitrary Unicode: find and autocomplete never raise, never overflow.

tests/trivia/content/test_whois.py checks chosen inputs; this throws random text at the same calls,
including surrogates, control and format characters and mangled real names (which reach the
fuzzy scoring paths), with a fixed seed so every run tries the same inputs.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli.whois import card_text
from trivia.content.library import load_library
from trivia.content.whois import MAX_AUTOCOMPLETE, MAX_SUGGESTIONS, Lookup, WhoIs

WHOSWHO = load_library().whoswho
WHOIS = WhoIs(WHOSWHO)
NAMES = frozenset(e.name for e in WHOSWHO.entities)
LABELS = sorted({label for e in WHOSWHO.entities for label in (e.name, *e.aliases)})

FUZZ = settings(max_examples=300, deadline=None, derandomize=True)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
INVISIBLE = st.text(st.characters(categories=["Cc", "Cf"]), max_size=5)


@st.composite
def mangled_labels(draw: st.DrawFn) -> str:
    """A real name or alias with random text cut into it, dropped from it, or around it."""
    label = draw(st.sampled_from(LABELS))
    start = draw(st.integers(0, len(label)))
    end = draw(st.integers(start, len(label)))
    return draw(ANY_TEXT.map(lambda junk: label[:start] + junk[:8] + label[end:]))


QUERIES = st.one_of(ANY_TEXT, mangled_labels())


def check_lookup(lookup: Lookup) -> None:
    assert not (lookup.card and lookup.candidates)
    if lookup.found:
        assert lookup.suggestions == ()
    assert len(lookup.suggestions) <= MAX_SUGGESTIONS
    assert set(lookup.suggestions) <= NAMES
    for card in (lookup.card, *lookup.candidates):
        if card is not None:
            assert card_text(card)


@FUZZ
@given(QUERIES)
def test_find_never_raises_and_answers_in_shape(query: str) -> None:
    check_lookup(WHOIS.find(query))


@FUZZ
@given(QUERIES, st.integers(-(2**63), 2**63))
def test_autocomplete_never_raises_and_never_overflows(prefix: str, limit: int) -> None:
    names = WHOIS.autocomplete(prefix, limit)
    assert len(names) <= max(0, min(limit, MAX_AUTOCOMPLETE))
    assert len(set(names)) == len(names)
    assert set(names) <= NAMES
    assert len(WHOIS.autocomplete(prefix)) <= MAX_AUTOCOMPLETE


@FUZZ
@given(st.sampled_from(LABELS), INVISIBLE, INVISIBLE)
def test_invisible_characters_around_a_name_change_nothing(
    label: str, before: str, after: str
) -> None:
    assert WHOIS.find(before + label + after) == WHOIS.find(label)
