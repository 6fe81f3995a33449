"""Unit tests for trivia.content.answer_entities: the who's-who's names for an answer."""

from __future__ import annotations

from trivia.content.answer_entities import entity_names, with_entity_names
from trivia.models import (
    AnswerKind,
    Entity,
    EntityKind,
    Question,
    Relation,
    SourceRef,
    WhosWho,
)

CHAR, ACTOR = EntityKind.CHARACTER, EntityKind.ACTOR


def _entity(eid: str, name: str, kind: EntityKind, *aliases: str, **relations: str) -> Entity:
    ties = tuple(Relation(kind, target, (1,)) for kind, target in relations.items())
    return Entity(eid, name, kind, "", (1,), aliases, ties)


TRISH = _entity("trish", "Trish Walker", CHAR, "Trish", becomes="hellcat", played_by="rachael")
HELLCAT = _entity("hellcat", "Hellcat", CHAR, "Hell Cat", identity_of="trish")
RACHAEL = _entity("rachael", "Rachael Taylor", ACTOR, plays="trish")
JESSICA = _entity("jessica", "Jessica Jones", CHAR, "Jess", child_of="alisa")
ALISA = _entity("alisa", "Alisa Jones", CHAR, "Alisa", parent_of="jessica")
SHARED = _entity("other", "Other Trish", CHAR, "Trish")
WHOSWHO = WhosWho(
    "w", "W", SourceRef("t", "o", "2024-01-01"), (TRISH, HELLCAT, RACHAEL, JESSICA, ALISA)
)
BY_ID = {e.id: e for e in WHOSWHO.entities}


def _question(*answers: str) -> Question:
    return Question("q", "Who?", answers, AnswerKind.CHARACTER, "", (1,))


def test_names_aliases_and_identity_relations_are_the_same_entity() -> None:
    names = entity_names(TRISH, BY_ID)
    assert names[:2] == ("Trish Walker", "Trish")
    assert {"Hellcat", "Hell Cat", "Rachael Taylor"} <= set(names)


def test_family_relations_are_spelled_out_never_the_relatives_bare_name() -> None:
    names = entity_names(ALISA, BY_ID)
    assert {"Jessica Jones's mother", "Jess's mom", "her mom", "his mother"} <= set(names)
    assert "Jessica Jones" not in names and "Jess" not in names
    assert "Alisa Jones's daughter" in entity_names(JESSICA, BY_ID)


def test_questions_get_the_names_of_the_entity_their_canonical_answer_names() -> None:
    (question,) = with_entity_names([_question("hellcat", "Patsy")], WHOSWHO)
    assert "Trish Walker" in question.entity_names
    assert question.answers == ("hellcat", "Patsy")


def test_an_answer_that_names_no_entity_or_several_gets_no_names() -> None:
    shared = WhosWho("w", "W", WHOSWHO.source, (*WHOSWHO.entities, SHARED))
    questions = [_question("Trish"), _question("Luke Cage")]
    assert all(not q.entity_names for q in with_entity_names(questions, shared))


def test_without_a_whoswho_questions_are_unchanged() -> None:
    questions = [_question("Trish Walker")]
    assert with_entity_names(questions, None) == tuple(questions)
