"""Masked answers for typed-mode hints."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from trivia.engine.hints import HIDDEN, HINT_AT, mask


def test_first_hint_shows_first_letters() -> None:
    assert mask("Krysten Ritter", 1) == "K______ R_____"


def test_step_zero_hides_every_letter_and_digit() -> None:
    assert mask("Agent 13", 0) == "_____ __"


def test_punctuation_and_spaces_are_shown() -> None:
    assert mask("Carrie-Anne Moss", 1) == "C_____-A___ M___"
    assert mask("Marvel's Jessica Jones", 1) == "M_____'_ J______ J____"


def test_single_character_words_stay_hidden() -> None:
    assert mask("7", 1) == "_"
    assert mask("Malcolm X", 1) == "M______ _"


def test_later_hints_reveal_more_and_keep_earlier_letters() -> None:
    first, second = mask("Melissa Rosenberg", 1), mask("Melissa Rosenberg", 2)
    assert second.count(HIDDEN) < first.count(HIDDEN)
    assert all(a in (HIDDEN, b) for a, b in zip(first, second, strict=True))


def test_two_hints_are_scheduled_within_the_time_limit() -> None:
    assert len(HINT_AT) == 2
    assert all(0 < at < 1 for at in HINT_AT)


@given(st.text(max_size=60), st.integers(min_value=0, max_value=5))
def test_mask_keeps_length_and_never_shows_everything(answer: str, step: int) -> None:
    masked = mask(answer, step)
    assert len(masked) == len(answer)
    for original, shown in zip(answer, masked, strict=True):
        assert shown == original or (shown == HIDDEN and original.isalnum())
    if any(c.isalnum() for c in answer):
        assert HIDDEN in masked


@given(st.text(max_size=60))
def test_each_hint_contains_the_previous(answer: str) -> None:
    masks = [mask(answer, step) for step in range(4)]
    for earlier, later in itertools.pairwise(masks):
        assert all(a in (HIDDEN, b) for a, b in zip(earlier, later, strict=True))
