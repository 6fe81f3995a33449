"""Properties of the judge over arbitrary Unicode: it never raises and never contradicts itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trivia.judge.matcher import MAX_GUESS_LENGTH, Matcher, is_correct
from trivia.judge.normalise import normalise
from trivia.models import AnswerKind

# Everything, including surrogates, control, format (zero-width, direction) and combining marks.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=250)
# Text biased towards what normalisation treats specially.
TRICKY_TEXT = st.lists(
    st.sampled_from(
        [
            *"aAjJrR .-'’‘\u200b\u200f\u0301\x00\t🎉ßéØ١3",
            *[
                "the ",
                "a ",
                "an ",
                "thirty ",
                "one ",
                "hundred ",
                "and ",
                "third ",
                "3rd ",
                "it's ",
            ],
        ]
    ),
    max_size=30,
).map("".join)
KINDS = st.sampled_from(list(AnswerKind))
MATCHERS = [
    Matcher(["Krysten Ritter", "Krysten"], AnswerKind.PERSON),
    Matcher(["J.R. Ramirez"], AnswerKind.PERSON, frozenset({"ramirez"})),
    Matcher(["13"], AnswerKind.NUMBER),
    Matcher(["New York"], AnswerKind.PLACE),
    Matcher(["The Punisher"], AnswerKind.CHARACTER),
]


@settings(max_examples=500)
@given(guess=ANY_TEXT | TRICKY_TEXT)
def test_judge_never_raises(guess: str) -> None:
    for matcher in MATCHERS:
        assert matcher.matches(guess) in (True, False)


@given(guess=ANY_TEXT | TRICKY_TEXT, answer=ANY_TEXT | TRICKY_TEXT, kind=KINDS)
def test_judge_never_raises_on_any_answer(guess: str, answer: str, kind: AnswerKind) -> None:
    assert is_correct(guess, [answer], kind) in (True, False)


@settings(max_examples=500)
@given(answer=ANY_TEXT | TRICKY_TEXT, kind=KINDS)
def test_an_answer_matches_itself(answer: str, kind: AnswerKind) -> None:
    if normalise(answer) and len(answer) <= MAX_GUESS_LENGTH:
        assert Matcher([answer], kind).matches(answer)


@settings(max_examples=1000)
@given(text=ANY_TEXT | TRICKY_TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(guess=ANY_TEXT | TRICKY_TEXT)
def test_judgement_depends_only_on_the_normal_form(guess: str) -> None:
    if len(guess) <= MAX_GUESS_LENGTH:
        for matcher in MATCHERS:
            assert matcher.matches(guess) == matcher.matches(normalise(guess))
