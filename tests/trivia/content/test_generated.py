"""Questions generated from who's-who relations, on a small hand-built who's-who."""

from __future__ import annotations

import pytest

from trivia.content.generated import GENERATABLE_KINDS, relation_questions
from trivia.models import (
    AnswerKind,
    Difficulty,
    Entity,
    EntityKind,
    Relation,
    SourceRef,
    WhosWho,
)


def _entity(
    entity_id: str,
    name: str,
    kind: EntityKind,
    *relations: Relation,
    aliases: tuple[str, ...] = (),
) -> Entity:
    return Entity(entity_id, name, kind, "test entity", (1,), aliases, relations)


def _rel(kind: str, target: str, *paragraphs: int) -> Relation:
    return Relation(kind, target, paragraphs)


WHOSWHO = WhosWho(
    id="test",
    title="Test cast",
    source=SourceRef("An article", "An outlet", "a date", (0, 1, 2, 3)),
    entities=(
        _entity("ann", "Ann Actor", EntityKind.ACTOR, _rel("plays", "hero", 1)),
        _entity("bob", "Bob Actor", EntityKind.ACTOR, _rel("plays", "villain", 3)),
        _entity("cat", "Cat Actor", EntityKind.ACTOR, _rel("plays", "sidekick", 3)),
        _entity("dan", "Dan Actor", EntityKind.ACTOR, _rel("plays", "mentor", 3)),
        _entity("hero", "The Hero", EntityKind.CHARACTER, _rel("played_by", "ann", 1),
                _rel("works_for", "mentor", 3), _rel("works_for", "villain", 3),
                aliases=("Hero",)),
        _entity("villain", "Vic Villain", EntityKind.CHARACTER, _rel("played_by", "bob", 3),
                aliases=("Vic",)),
        _entity("sidekick", "Sid Kick", EntityKind.CHARACTER, _rel("played_by", "cat", 3)),
        _entity("mentor", "Mo Mentor", EntityKind.CHARACTER, _rel("played_by", "dan", 3)),
        _entity("extra", "Eve Extra", EntityKind.CHARACTER),
        _entity("show", "The Show", EntityKind.SHOW),
    ),
)  # fmt: skip


def test_plays_asks_which_character_an_actor_plays() -> None:
    question = relation_questions(WHOSWHO, ["plays"])[1]
    assert question.id == "rel-plays-bob"
    assert question.text == "Which character does Bob Actor play?"
    assert question.answers == ("Vic Villain", "Vic")
    assert question.kind is AnswerKind.CHARACTER
    assert question.explanation == "Bob Actor plays Vic Villain. test entity"  # + its description
    assert question.source == (3,)
    assert question.difficulty is Difficulty.MEDIUM
    assert question.tags == ("generated", "plays")


def test_played_by_asks_who_plays_a_character() -> None:
    questions = relation_questions(WHOSWHO, ["played_by"])
    assert [q.id for q in questions] == [
        "rel-played-by-hero",
        "rel-played-by-villain",
        "rel-played-by-sidekick",
        "rel-played-by-mentor",
    ]
    first = questions[0]
    assert first.text == "Who plays The Hero?"
    assert first.answers == ("Ann Actor",)
    assert first.kind is AnswerKind.PERSON
    assert first.difficulty is Difficulty.EASY  # stated in the article's opening paragraph
    assert first.explanation == "The Hero is played by Ann Actor. test entity"


def test_distractors_are_same_kind_never_answers_and_prefer_the_same_role() -> None:
    for question in relation_questions(WHOSWHO, ["plays", "played_by"]):
        assert len(question.choices) >= 3
        assert not set(question.choices) & set(question.answers)
    plays_ann = relation_questions(WHOSWHO, ["plays"])[0]
    assert plays_ann.choices[:3] == ("Vic Villain", "Sid Kick", "Mo Mentor")
    assert "The Show" not in plays_ann.choices
    assert "The Hero" not in plays_ann.choices


def test_a_rare_role_borrows_distractors_of_the_same_answer_kind() -> None:
    show = _entity("show", "The Show", EntityKind.SHOW, _rel("showrunner", "rita", 1))
    crew = WhosWho(
        id="crew", title="Crew", source=WHOSWHO.source,
        entities=(
            *WHOSWHO.entities[:-1], show,
            _entity("rita", "Rita RoundTimer", EntityKind.CREW, _rel("showrunner_of", "show", 1)),
            _entity("wes", "Wes Writer", EntityKind.CREW),
        ),
    )  # fmt: skip
    [question] = relation_questions(crew, ["showrunner"])
    assert question.kind is AnswerKind.PERSON
    # the other crew member first, then actors: people too, so plausible for a person answer
    assert question.choices == ("Wes Writer", "Ann Actor", "Bob Actor", "Cat Actor")


def test_several_targets_of_one_kind_make_one_question_with_every_answer() -> None:
    [question] = relation_questions(WHOSWHO, ["works_for"])
    assert question.id == "rel-works-for-hero"
    assert question.answers == ("Mo Mentor", "Vic Villain", "Vic")
    assert question.explanation == "The Hero works for Mo Mentor and Vic Villain. test entity"
    assert not {"Mo Mentor", "Vic Villain"} & set(question.choices)


def test_repeated_kinds_are_generated_once() -> None:
    assert len(relation_questions(WHOSWHO, ["plays", "plays"])) == 4


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="rival_of"):
        relation_questions(WHOSWHO, ["rival_of"])
    assert "plays" in GENERATABLE_KINDS
