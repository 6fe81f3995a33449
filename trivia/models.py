"""Plain, frozen value types shared by the whole game: content, awards and round records.

Nothing here knows about Discord, SQLite or YAML; loaders and adapters build these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class AnswerKind(StrEnum):
    """What sort of thing an answer is; picks distractors and enables surname matching."""

    PERSON = "person"
    CHARACTER = "character"
    PLACE = "place"
    NUMBER = "number"
    TITLE = "title"
    ORGANISATION = "organisation"
    THING = "thing"

    @property
    def is_person(self) -> bool:
        return self in (AnswerKind.PERSON, AnswerKind.CHARACTER)


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class AnswerMode(StrEnum):
    """`choice`: four buttons, everyone right scores. `typed`: free text, first right wins."""

    CHOICE = "choice"
    TYPED = "typed"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where content comes from: an article, and which of its paragraphs back it."""

    title: str
    outlet: str
    date: str
    paragraphs: tuple[int, ...] = ()


def cite_paragraphs(numbers: Iterable[int]) -> str:
    """`paragraph 6`, `paragraphs 6 and 7` or `paragraphs 1, 2 and 5` ("" when none).

    The one way every surface (embeds, the terminal, who's-who cards) cites the article.
    """
    cited = [str(n) for n in sorted(set(numbers))]
    if not cited:
        return ""
    if len(cited) == 1:
        return f"paragraph {cited[0]}"
    return f"paragraphs {', '.join(cited[:-1])} and {cited[-1]}"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    answers: tuple[str, ...]  # first is canonical, the rest are accepted aliases
    kind: AnswerKind
    explanation: str
    source: tuple[int, ...]  # paragraph numbers of the set's source article
    difficulty: Difficulty = Difficulty.MEDIUM
    choices: tuple[str, ...] = ()  # explicit distractors for choice mode
    hint: str | None = None
    tags: tuple[str, ...] = ()
    family: str | None = None  # questions of one family give each other away: one per round
    excludes: tuple[str, ...] = ()  # ids of questions never drawn in the same round as this
    # Other names of the answer's entity from the who's-who (its aliases, who plays it, who it
    # becomes, "Jessica's mother"), filled at load time by trivia.content.answer_entities. The
    # judge accepts them beside an answer ("Trish Walker aka Hellcat"), never alone.
    entity_names: tuple[str, ...] = ()

    @property
    def canonical(self) -> str:
        return self.answers[0]


@dataclass(frozen=True, slots=True)
class SetDefaults:
    time_limit: int | None = None  # seconds per question
    questions_per_round: int | None = None


@dataclass(frozen=True, slots=True)
class QuestionSet:
    id: str
    title: str
    description: str
    show: str
    source: SourceRef
    questions: tuple[Question, ...]
    defaults: SetDefaults = field(default_factory=SetDefaults)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


class EntityKind(StrEnum):
    ACTOR = "actor"
    CHARACTER = "character"
    CREW = "crew"
    OUTLET = "outlet"
    COMPANY = "company"
    SHOW = "show"
    PERSON = "person"  # a person the article names without saying their job
    GROUP = "group"  # a team of characters


class Pronoun(StrEnum):
    """How to refer to a person; used only to offer same-gender options in choice mode."""

    SHE = "she"
    HE = "he"
    THEY = "they"


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed fact: `<entity> <kind> <target>`, e.g. `krysten-ritter plays jessica-jones`."""

    kind: str
    target: str  # entity id
    source: tuple[int, ...]  # paragraphs that state it


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: EntityKind
    description: str
    source: tuple[int, ...]
    aliases: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    pronoun: Pronoun | None = None


@dataclass(frozen=True, slots=True)
class WhosWho:
    id: str
    title: str
    source: SourceRef
    entities: tuple[Entity, ...]

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


@dataclass(frozen=True, slots=True)
class Award:
    """One judged answer to one question: what storage records, and what standings sum."""

    user_id: int
    question_id: str
    correct: bool
    points: int
    answer_ms: int  # time from the question being asked to the answer
