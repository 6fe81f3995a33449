"""Wrong options for generated questions: same gender for people, crew for a showrunner."""

from __future__ import annotations

from trivia.content.generated import relation_questions
from trivia.models import Entity, EntityKind, Pronoun, Question, Relation, SourceRef, WhosWho

SHE, HE = Pronoun.SHE, Pronoun.HE


def _e(ident: str, kind: EntityKind, pronoun: Pronoun | None, *relations: Relation) -> Entity:
    name = ident.replace("-", " ").title()
    return Entity(ident, name, kind, f"About {name}.", (1,), (), relations, pronoun)


def _plays(target: str) -> Relation:
    return Relation("played_by", target, (1,))


CAST = WhosWho(
    id="cast",
    title="Cast",
    source=SourceRef("An article", "An outlet", "a date", (0, 1)),
    entities=(
        _e("ann-a", EntityKind.ACTOR, SHE), _e("bea-b", EntityKind.ACTOR, SHE),
        _e("cat-c", EntityKind.ACTOR, SHE), _e("dan-d", EntityKind.ACTOR, HE),
        _e("eli-e", EntityKind.ACTOR, HE), _e("fred-f", EntityKind.PERSON, HE),
        _e("gus-g", EntityKind.ACTOR, HE), _e("wes-w", EntityKind.CREW, SHE),
        _e("hero", EntityKind.CHARACTER, HE, _plays("dan-d")),
        _e("heroine", EntityKind.CHARACTER, SHE, _plays("ann-a")),
    ),
)  # fmt: skip


def _question(qid: str, kinds: list[str], whoswho: WhosWho = CAST) -> Question:
    return next(q for q in relation_questions(whoswho, kinds) if q.id == qid)


def test_a_man_is_offered_only_men_while_there_are_enough() -> None:
    assert set(_question("rel-played-by-hero", ["played_by"]).choices) == {
        "Eli E", "Gus G", "Fred F",
    }  # fmt: skip


def test_a_woman_is_offered_women_first() -> None:
    choices = _question("rel-played-by-heroine", ["played_by"]).choices
    assert choices[:3] == ("Bea B", "Cat C", "Wes W")


def test_actors_come_before_other_people_for_an_actor_answer() -> None:
    choices = _question("rel-played-by-hero", ["played_by"]).choices
    assert choices.index("Fred F") > max(choices.index("Eli E"), choices.index("Gus G"))


def test_a_showrunner_is_offered_crew_before_actors() -> None:
    crew = WhosWho(
        id="crew",
        title="Crew",
        source=CAST.source,
        entities=(
            *CAST.entities,
            _e("show", EntityKind.SHOW, None, Relation("showrunner", "wes-w", (1,))),
            _e("rita-r", EntityKind.CREW, SHE),
        ),
    )
    choices = _question("rel-showrunner-show", ["showrunner"], crew).choices
    assert choices[0] == "Rita R"


def test_the_explanation_adds_the_answer_description_and_the_pair_is_a_family() -> None:
    question = _question("rel-played-by-hero", ["played_by"])
    assert question.explanation == "Hero is played by Dan D. About Dan D."
    assert question.family == "rel-dan-d-hero"
