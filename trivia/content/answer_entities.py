"""The who's-who's other names for each answer's entity, attached to questions at load time.

Players name one entity twice ("Trish Walker aka Hellcat", "Tennant's Kilgrave", "her mom
Alisa"); the judge accepts that only if it knows which names belong to the answer. This module
finds the entity an answer names (its canonical answer is the entity's name or an alias, and
no other entity's) and lists, in `Question.entity_names`:

* the entity's own name and aliases;
* the names of entities it is tied to by identity-like relations (`IDENTITY`): the one it
  becomes or is an identity of, the actor who plays it or the character an actor plays;
* for family relations (`FAMILY`), the relation spelled out as a player would: "Jessica
  Jones's mother", "Jess's mom", "her mom". A relative's bare name is another person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from trivia.judge.normalise import normalise
from trivia.models import Entity, Question, WhosWho

IDENTITY = frozenset({"becomes", "identity_of", "plays", "played_by"})
FAMILY: dict[str, tuple[str, ...]] = {
    "parent_of": ("mother", "mom", "mum", "parent", "father", "dad"),
    "mother_of": ("mother", "mom", "mum", "parent"),
    "child_of": ("child", "son", "daughter", "kid"),
}
_PRONOUNS = ("her", "his", "their")


def with_entity_names(
    questions: Iterable[Question], whoswho: WhosWho | None
) -> tuple[Question, ...]:
    """`questions` with `entity_names` filled from `whoswho` (unchanged when there is none)."""
    if whoswho is None:
        return tuple(questions)
    owners: dict[str, list[Entity]] = {}
    for entity in whoswho.entities:
        for name in {normalise(n) for n in (entity.name, *entity.aliases)}:
            owners.setdefault(name, []).append(entity)
    by_id = {e.id: e for e in whoswho.entities}
    out = []
    for question in questions:
        found = owners.get(normalise(question.canonical), [])
        if len(found) == 1:
            names = entity_names(found[0], by_id)
            question = dataclasses.replace(question, entity_names=names)
        out.append(question)
    return tuple(out)


def entity_names(entity: Entity, by_id: dict[str, Entity]) -> tuple[str, ...]:
    """The names and relation phrases that point at `entity` (see the module docstring)."""
    names = [entity.name, *entity.aliases]
    for relation in entity.relations:
        other = by_id.get(relation.target)
        if other is None:
            continue
        other_names = (other.name, *other.aliases)
        if relation.kind in IDENTITY:
            names += other_names
        for word in FAMILY.get(relation.kind, ()):
            names += [f"{n}'s {word}" for n in other_names]
            names += [f"{p} {word}" for p in _PRONOUNS]
    return tuple(dict.fromkeys(names))
