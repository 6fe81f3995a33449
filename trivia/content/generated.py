"""Questions built from who's-who relations, so casting facts are written down only once.

A set asks for them with `generate: {from_relations: [plays, played_by]}`; the loader calls
`relation_questions`. One question per (entity, relation kind): "Who plays Jeri Hogarth?".
When an entity has several targets of one kind, every target is a right answer.

Questions about one fact give each other away ("Who plays Trish Walker?" answers "Which
character does Rachael Taylor play?"), so each is put in the family `rel-<ids>`, the sorted
ids of the entities the fact links: a round asks one of them. The explanation adds the
answer's who's-who description, so a reveal says more than the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trivia.models import AnswerKind, Difficulty, Entity, EntityKind, Question, WhosWho


@dataclass(frozen=True, slots=True)
class Template:
    question: str  # {subject} is the entity holding the relation
    explanation: str  # {subject} and {targets}


TEMPLATES: dict[str, Template] = {
    "plays": Template("Which character does {subject} play?", "{subject} plays {targets}."),
    "played_by": Template("Who plays {subject}?", "{subject} is played by {targets}."),
    "showrunner_of": Template(
        "Which show is {subject} the showrunner of?", "{subject} runs {targets}."
    ),
    "showrunner": Template("Who is the showrunner of {subject}?", "{targets} runs {subject}."),
    "killed_by": Template("Who killed {subject}?", "{subject} was killed by {targets}."),
    "becomes": Template("Who does {subject} become?", "{subject} becomes {targets}."),
    "identity_of": Template(
        "Who takes on the identity of {subject}?", "{targets} becomes {subject}."
    ),
    "landlord_of": Template(
        "Whose landlord is {subject}?", "{subject} is the landlord of {targets}."
    ),
    "works_for": Template("Who does {subject} work for?", "{subject} works for {targets}."),
    "parent_of": Template("Who is {subject}'s child?", "{subject} is the parent of {targets}."),
    "child_of": Template("Who is {subject}'s parent?", "{subject} is the child of {targets}."),
}

GENERATABLE_KINDS = frozenset(TEMPLATES)

ANSWER_KINDS: dict[EntityKind, AnswerKind] = {
    EntityKind.ACTOR: AnswerKind.PERSON,
    EntityKind.CREW: AnswerKind.PERSON,
    EntityKind.CHARACTER: AnswerKind.CHARACTER,
    EntityKind.SHOW: AnswerKind.TITLE,
    EntityKind.COMPANY: AnswerKind.ORGANISATION,
    EntityKind.OUTLET: AnswerKind.ORGANISATION,
    EntityKind.PERSON: AnswerKind.PERSON,
    EntityKind.GROUP: AnswerKind.ORGANISATION,
}

# For an answer of one entity kind, which kinds make the likeliest wrong options, best first:
# a showrunner's options are other crew before people the article gives no job, then actors.
_KIND_PREFERENCE: dict[EntityKind, tuple[EntityKind, ...]] = {
    EntityKind.CREW: (EntityKind.CREW, EntityKind.PERSON, EntityKind.ACTOR),
    EntityKind.PERSON: (EntityKind.PERSON, EntityKind.CREW, EntityKind.ACTOR),
    EntityKind.ACTOR: (EntityKind.ACTOR, EntityKind.PERSON, EntityKind.CREW),
}

MAX_DISTRACTORS = 4
WRONG_OPTIONS_SHOWN = 3  # choice mode shows the answer and three wrong options
EASY_UP_TO_PARAGRAPH = 2  # facts in the article's opening paragraphs are the well-known ones


def relation_questions(whoswho: WhosWho, kinds: Sequence[str]) -> list[Question]:
    """One question per entity and requested relation kind, in who's-who order.

    Raises ValueError for a kind without a template (see GENERATABLE_KINDS).
    """
    unknown = [k for k in kinds if k not in TEMPLATES]
    if unknown:
        raise ValueError(f"no question template for relation kind(s): {', '.join(unknown)}")
    questions = []
    for kind in dict.fromkeys(kinds):
        for entity in whoswho.entities:
            targets = [whoswho.entity(r.target) for r in entity.relations if r.kind == kind]
            if targets:
                questions.append(_question(whoswho, kind, entity, targets))
    return questions


def _question(whoswho: WhosWho, kind: str, subject: Entity, targets: list[Entity]) -> Question:
    template = TEMPLATES[kind]
    relations = [r for r in subject.relations if r.kind == kind]
    paragraphs = tuple(sorted({p for r in relations for p in r.source}))
    names = [t.name for t in targets]
    answers = tuple(dict.fromkeys(label for t in targets for label in (t.name, *t.aliases)))
    easy = bool(paragraphs) and min(paragraphs) <= EASY_UP_TO_PARAGRAPH
    explanation = template.explanation.format(subject=subject.name, targets=_and(names))
    return Question(
        id=f"rel-{kind.replace('_', '-')}-{subject.id}",
        text=template.question.format(subject=subject.name),
        answers=answers,
        kind=ANSWER_KINDS[targets[0].kind],
        explanation=f"{explanation} {targets[0].description}",
        source=paragraphs,
        difficulty=Difficulty.EASY if easy else Difficulty.MEDIUM,
        choices=_distractors(whoswho, kind, subject, targets),
        tags=("generated", kind),
        family="rel-" + "-".join(sorted({subject.id, *(t.id for t in targets)})),
    )


def _distractors(
    whoswho: WhosWho, kind: str, subject: Entity, targets: list[Entity]
) -> tuple[str, ...]:
    """Entities of the answer's kind that are not answers, the plausible ones first: people
    with the answer's pronoun (only them, when there are enough to fill choice mode), then
    ones in the
    same role (also someone's `kind` target, e.g. other cast characters), then by entity kind
    (`_KIND_PREFERENCE`, else the answer's own kind first); then any other of the same answer
    kind, so a role few entities hold still gets some."""
    excluded = {subject.id, *(t.id for t in targets)}
    in_role = {r.target for e in whoswho.entities for r in e.relations if r.kind == kind}
    answer_kinds = {ANSWER_KINDS[t.kind] for t in targets}
    pool = [
        e for e in whoswho.entities if ANSWER_KINDS[e.kind] in answer_kinds and e.id not in excluded
    ]
    pronoun = targets[0].pronoun
    preference = _KIND_PREFERENCE.get(targets[0].kind, (targets[0].kind,))

    def rank(e: Entity) -> tuple[bool, bool, int]:
        kind_rank = preference.index(e.kind) if e.kind in preference else len(preference)
        return (pronoun is not None and e.pronoun != pronoun, e.id not in in_role, kind_rank)

    pool.sort(key=rank)  # stable: keeps who's-who order within groups
    same = [e for e in pool if pronoun is not None and e.pronoun == pronoun]
    if len(same) >= WRONG_OPTIONS_SHOWN:  # enough to fill choice mode: offer nobody else
        pool = same
    return tuple(e.name for e in pool[:MAX_DISTRACTORS])


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
