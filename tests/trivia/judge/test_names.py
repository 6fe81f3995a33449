"""Names of people and characters: codename pieces, first names, one entity named twice
(issue 12)."""

from __future__ import annotations

import pytest

from trivia.judge.matcher import Matcher, matchers_for
from trivia.judge.names import ambiguous_first_names
from trivia.models import AnswerKind, Question, QuestionSet, SourceRef

CHARACTER = AnswerKind.CHARACTER


@pytest.mark.parametrize("guess", ["cat", "hell", "Cat!"])
def test_pieces_of_a_codename_name_nobody(guess: str) -> None:
    assert not Matcher(["Hellcat", "Hell Cat"], CHARACTER).matches(guess)


@pytest.mark.parametrize(("guess", "answer"), [("Trish", "Trish Walker"), ("Jeri", "Jeri Hogarth")])
def test_an_unambiguous_first_name_names_a_character(guess: str, answer: str) -> None:
    assert Matcher([answer], CHARACTER).matches(guess)
    assert Matcher([answer], CHARACTER).matches(f"it was {guess.lower()}")


def test_a_first_name_shared_by_two_characters_names_neither() -> None:
    matcher = Matcher(["Trish Walker"], CHARACTER, ambiguous_first_names=frozenset({"Trish"}))
    assert not matcher.matches("Trish")
    assert matcher.matches("Trish Walker")


def test_first_names_are_ambiguous_when_two_people_share_them() -> None:
    def question(qid: str, answer: str) -> Question:
        return Question(qid, f"Who is {qid}?", (answer,), CHARACTER, "", (1,))

    questions = (
        question("a", "Trish Walker"),
        question("b", "Trish Jones"),
        question("c", "Jeri Hogarth"),
    )
    assert ambiguous_first_names(questions) == frozenset({"trish"})
    source = SourceRef("t", "o", "2024-01-01")
    matchers = matchers_for(QuestionSet("s", "S", "", "Show", source, questions))
    assert not matchers["a"].matches("Trish")
    assert matchers["c"].matches("Jeri")


def test_first_names_are_for_characters_only() -> None:
    assert not Matcher(["Jessica Jones"], AnswerKind.TITLE).matches("Jessica")


@pytest.mark.parametrize(
    ("guess", "answers", "entity_names"),
    [
        ("Trish Walker aka Hellcat", ["Trish Walker"], ["Hellcat", "Patsy Walker"]),
        ("Trish Walker aka Hellcat", ["Hellcat", "Hell Cat"], ["Trish Walker", "Trish"]),
        ("her mom Alisa", ["Alisa"], ["Alisa Jones", "Jessica Jones's mother", "her mom"]),
        ("Tennant's Kilgrave", ["Kilgrave"], ["David Tennant", "Tennant"]),
    ],
)
def test_the_same_entity_named_twice_is_right(
    guess: str, answers: list[str], entity_names: list[str]
) -> None:
    assert Matcher(answers, CHARACTER, entity_names=entity_names).matches(guess)


@pytest.mark.parametrize("guess", ["Trish or Jessica", "Trish Walker and Jessica", "Hellcat"])
def test_another_entity_beside_the_answer_or_an_entity_name_alone_is_wrong(guess: str) -> None:
    matcher = Matcher(["Trish Walker"], CHARACTER, entity_names=["Hellcat", "Patsy Walker"])
    assert not matcher.matches(guess)


@pytest.mark.parametrize("guess", ["her", "it's her", "Jessica's", "mother"])
def test_words_of_a_description_name_nobody(guess: str) -> None:
    matcher = Matcher(["Alisa", "Jessica's mother", "her mother"], CHARACTER)
    assert not matcher.matches(guess)
    assert matcher.matches("her mother")
