"""Unit tests for trivia.judge.targets: answers indexed for typos and for denials."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from trivia.judge.hedges import reworded
from trivia.judge.targets import Target, Typos, by_denial


def _targets(*texts: str) -> tuple[Target, ...]:
    return tuple(Target.of(text, numeric=False) for text in texts)


def test_typos_index_only_answers_with_a_budget_by_word_count() -> None:
    typos = Typos.of(_targets("vida", "krysten ritter", "hogarth"))
    assert typos.spans == (1, 2)  # "vida" is too short to forgive a typo
    assert typos.near("krysten riter")
    assert typos.near("hogart")
    assert not typos.near("vidaa")


def test_typos_near_keeps_to_the_word_counts_asked_for() -> None:
    typos = Typos.of(_targets("hogarth", "jeri hogarth"))
    assert typos.near("jeri hogart", 2, 2)
    assert not typos.near("jeri hogart", 1, 1)
    assert not typos.near("hogart", 2, 2)


def test_a_typo_keeps_the_numbers_of_the_answer() -> None:
    (season,) = _targets("season 3")
    assert season.keeps("seasn 3")
    assert not season.keeps("seasn 8")


def test_denials_index_every_set_of_denial_words_an_answer_holds() -> None:
    targets = _targets("not unusual", "not never seen", "common")
    index = by_denial(targets)
    assert set(index) == {
        frozenset({"not"}),
        frozenset({"never"}),
        frozenset({"not", "never"}),
    }
    held, typos = index[frozenset({"not"})]
    assert [t.text for t in held] == ["not unusual", "not never seen"]
    assert typos.near("not unusal")
    assert [t.text for t in index[frozenset({"never"})][0]] == ["not never seen"]


_WORDS = st.lists(st.text("abcdefgh", min_size=1, max_size=8), min_size=1, max_size=3)
_CHARS = st.sampled_from("abcdefgh ")


def _one_edit(text: str, data: st.DataObject) -> str:
    """`text` with one insertion, deletion, substitution or swap of neighbours."""
    at = data.draw(st.integers(0, len(text) - 1))
    edit = data.draw(st.sampled_from(["insert", "delete", "substitute", "swap"]))
    if edit == "insert":
        return text[:at] + data.draw(_CHARS) + text[at:]
    if edit == "delete":
        return text[:at] + text[at + 1 :]
    if edit == "substitute":
        return text[:at] + data.draw(_CHARS) + text[at + 1 :]
    return text[:at] + text[at + 1 : at + 2] + text[at] + text[at + 2 :]


@given(_WORDS, st.data())
def test_one_edit_never_rewords_an_answer(words: list[str], data: st.DataObject) -> None:
    """Why `Target.keeps` skips the reworded check below a budget of two."""
    answer = " ".join(words)
    guess = " ".join(_one_edit(answer, data).split())
    assume(OSA.distance(guess, answer) <= 1)  # not when spaces collapsed into a second edit
    assert not reworded(guess, answer)


@given(_WORDS, st.data())
def test_two_edits_can_reword_an_answer(words: list[str], data: st.DataObject) -> None:
    """The check is needed from two edits on: "un" + "common" is two insertions."""
    answer = " ".join(words)
    assert reworded(" ".join(["un" + words[0], *words[1:]]), answer)
