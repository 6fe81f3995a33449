"""Who's-who files: entities, aliases and relations, with the line each problem names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.trivia.content.helpers import (
    SET,
    WHOSWHO,
    dump,
    edited,
    entity,
    line_of,
    only_problem,
    problems_of,
)
from trivia.content.library import (
    load_content,
    load_whoswho,
    parse_content,
    parse_whoswho,
)
from trivia.models import QuestionSet, WhosWho


def test_a_valid_whoswho_loads(tmp_path: Path) -> None:
    path = tmp_path / "whoswho.yaml"
    path.write_text(dump(WHOSWHO))
    whoswho = load_whoswho(path)
    hero = whoswho.entity("hero")
    assert (hero.name, hero.kind.value, hero.aliases) == ("Hal Hero", "character", ("Hal",))
    assert hero.relations[0].target == "ann-able"
    assert load_content(path) == whoswho


def whoswho_with(*entities: dict[str, Any]) -> str:
    return dump(edited(WHOSWHO, entities=[*WHOSWHO["entities"], *entities]))


def test_duplicate_entity_ids() -> None:
    text = whoswho_with(entity("hero", "Another Hero", "character"))
    problem = only_problem(text)
    assert problem.message == f"id 'hero' is already used at line {line_of(text, 'id: hero')}"
    assert problem.line == line_of(text, "id: hero", nth=2)


def test_relations_must_point_at_known_entities() -> None:
    text = whoswho_with(entity("eve", "Eve East", "actor", ("plays", "heroo"), ("plays", "eve")))
    unknown, itself = problems_of(text)
    assert unknown.message == "relation target 'heroo' is not an entity id; did you mean 'hero'?"
    assert (unknown.line, unknown.item) == (line_of(text, "target: heroo"), "eve")
    assert itself.message == "relation points at the entity itself"


def test_a_relation_listed_twice_and_a_badly_named_kind() -> None:
    text = whoswho_with(entity("eve", "Eve East", "actor", ("plays", "hero"), ("plays", "hero"),
                                ("Played-By", "hero")))  # fmt: skip
    messages = [p.message for p in problems_of(text)]
    assert messages == [
        "relation plays hero is listed twice",
        "relation kind 'Played-By' should be lower_case words, like 'played_by'",
    ]


def test_an_alias_may_be_shared_but_may_not_be_another_entitys_name() -> None:
    shared = whoswho_with(entity("hal-2", "Hal Second", "character", aliases=["Hal"]))
    assert parse_whoswho(shared, "w.yaml").entity("hal-2").aliases == ("Hal",)
    text = whoswho_with(entity("eve", "Eve East", "actor", aliases=["Vic Villain"]))
    problem = only_problem(text)
    assert problem.message == (
        "alias 'Vic Villain' is the name of 'villain': a name means one entity"
    )
    assert problem.line == line_of(text, "- Vic Villain")


def test_names_and_aliases_are_not_redundant() -> None:
    text = whoswho_with(entity("eve", "Eve East", "actor", aliases=["eve east", "Evie", "EVIE"]),
                        entity("eve-2", "Eve  East!", "actor"))  # fmt: skip
    messages = [p.message for p in problems_of(text)]
    assert messages == [
        "alias 'eve east' matches the same guesses as the name; remove it",
        "alias 'EVIE' matches the same guesses as 'Evie' (case, punctuation, a leading 'the' "
        "and number words are ignored); remove one",
        "name 'Eve  East!' is also the name of 'eve'",
    ]


def test_entity_fields_are_checked() -> None:
    text = whoswho_with(entity("eve", "Eve East", "wizard", source=[5], description="x" * 1025))
    messages = {p.message for p in problems_of(text)}
    assert messages == {
        "kind 'wizard' is not one of: actor, character, crew, outlet, company, show",
        "source paragraph 5 is not one of the article's [0, 1, 2]",
        "description is 1025 characters long; the limit is 1024",
    }


def test_parse_content_tells_the_two_formats_apart() -> None:
    assert isinstance(parse_content(dump(WHOSWHO), "w.yaml"), WhosWho)
    assert isinstance(parse_content(dump(SET), "s.yaml"), QuestionSet)
