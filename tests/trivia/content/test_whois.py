"""Who's-who lookups against the bundled who's-who: names, aliases, near misses, garbage."""

from __future__ import annotations

import pytest

from trivia.content.library import load_library
from trivia.content.whois import MAX_AUTOCOMPLETE, Lookup, WhoIs, clean_query
from trivia.judge.normalise import normalise
from trivia.models import Entity, EntityKind, SourceRef, WhosWho

# Aliases deliberately shared by more than one entity in the bundled who's-who, with every
# owner. None today: the loader requires a name to lead to one entity, so "Jessica Jones" is
# the character and the show is "Marvel's Jessica Jones".
# "Marvel" alone could mean the studio or the comics publisher: lookup lists both.
AMBIGUOUS: dict[str, set[str]] = {"Marvel": {"marvel-studios", "marvel-comics"}}


@pytest.fixture(scope="module")
def whoswho() -> WhosWho:
    return load_library().whoswho


@pytest.fixture(scope="module")
def whois(whoswho: WhosWho) -> WhoIs:
    return WhoIs(whoswho)


def _labels(entity: Entity) -> tuple[str, ...]:
    return (entity.name, *entity.aliases)


def test_every_entity_is_found_by_its_name_and_each_alias(whoswho: WhosWho, whois: WhoIs) -> None:
    for entity in whoswho.entities:
        for label in _labels(entity):
            lookup = whois.find(label)
            if label in AMBIGUOUS:
                assert lookup.card is None
                assert {c.entity.id for c in lookup.candidates} == AMBIGUOUS[label]
            else:
                assert lookup.card is not None, label
                assert lookup.card.entity.id == entity.id, label


def test_ambiguous_aliases_are_exactly_the_deliberate_ones(whoswho: WhosWho) -> None:
    owners: dict[str, set[str]] = {}
    for entity in whoswho.entities:
        for label in _labels(entity):
            owners.setdefault(normalise(label), set()).add(entity.id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {normalise(label): ids for label, ids in AMBIGUOUS.items()}


@pytest.mark.parametrize(
    ("typed", "entity_id"),
    [
        ("trish", "trish-walker"),
        ("TRISH  WALKER", "trish-walker"),
        ("hellcat", "hellcat"),
        ("Hell Cat", "hellcat"),
        ("Rachel Taylor", "rachael-taylor"),
        ("david tenant", "david-tennant"),
        ("Kristen Ritter", "krysten-ritter"),
        ("Carrie Anne Moss", "carrie-anne-moss"),
        ("JR Ramirez", "jr-ramirez"),
        ("j.r. ramirez", "jr-ramirez"),
        ("Pryce Cheng", "pryce-chen"),
        ("Jeri Hogart", "jeri-hogarth"),
        ("Jess", "jessica-jones"),
        ("Punisher", "the-punisher"),
        ("Luke Cage", "luke-cage"),
    ],
)
def test_names_aliases_and_near_misses_find_the_card(
    whois: WhoIs, typed: str, entity_id: str
) -> None:
    card = whois.find(typed).card
    assert card is not None, typed
    assert card.entity.id == entity_id


def test_a_word_shared_by_two_names_lists_both_candidates(whois: WhoIs) -> None:
    lookup = whois.find("Jones")
    assert lookup.card is None
    assert {c.entity.id for c in lookup.candidates} == {
        "jessica-jones",
        "jessica-jones-series",
        "alisa",
    }


def _shared_alias_whoswho() -> WhosWho:
    def entity(entity_id: str, name: str, kind: EntityKind) -> Entity:
        return Entity(entity_id, name, kind, "test entity", (1,), aliases=("Dana Doe",))

    return WhosWho(
        "test",
        "Test",
        SourceRef("An article", "An outlet", "a date", (0, 1)),
        (
            entity("dana", "Dana Doe the hero", EntityKind.CHARACTER),
            entity("dana-show", "The Dana Doe Show", EntityKind.SHOW),
        ),
    )


@pytest.mark.parametrize("typed", ["Dana Doe", "dana  doe!", "Dana Do"])
def test_an_alias_shared_by_several_entities_lists_every_candidate(typed: str) -> None:
    lookup = WhoIs(_shared_alias_whoswho()).find(typed)
    assert lookup.card is None
    assert [c.entity.id for c in lookup.candidates] == ["dana", "dana-show"]


def test_a_miss_offers_at_most_three_suggestions(whois: WhoIs) -> None:
    lookup = whois.find("Taylor Swift")
    assert not lookup.found
    assert 0 < len(lookup.suggestions) <= 3
    assert "Rachael Taylor" in lookup.suggestions


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "a",
        "Daredevil",
        "zzzzqqq",
        "Robert'); DROP TABLE entities;--",
        "' OR 1=1 --",
        "@everyone",
        "<@123456789012345678>",
        "<#123>",
        "\x00\x1b[31m\x07",
        "\u202e\u200b",
        "x" * 10_000,
        "🦇" * 500,
    ],
)
def test_garbage_is_just_a_name_that_matches_nothing(whois: WhoIs, garbage: str) -> None:
    lookup = whois.find(garbage)
    assert lookup.card is None
    assert lookup.candidates == ()
    assert len(lookup.suggestions) <= 3


def test_clean_query_removes_control_characters_and_caps_length() -> None:
    assert clean_query("Trish\x00\x1b Walker\n") == "Trish   Walker"
    assert len(clean_query("x" * 10_000)) <= 100


def test_autocomplete_empty_prefix_gives_a_sorted_first_page(
    whoswho: WhosWho, whois: WhoIs
) -> None:
    names = whois.autocomplete("")
    assert len(names) == min(MAX_AUTOCOMPLETE, len(whoswho.entities))
    assert names == sorted(names, key=normalise)


def test_autocomplete_prefers_prefix_hits(whois: WhoIs) -> None:
    names = whois.autocomplete("tri")
    assert names[0] == "Trish Walker"
    assert "Hellcat" in whois.autocomplete("hell")
    assert set(whois.autocomplete("marvel")[:3]) == {
        "Marvel Comics",
        "Marvel Studios",
        "Marvel's Jessica Jones",
    }


@pytest.mark.parametrize("prefix", ["", "a", "e", "jess", "x" * 10_000, "@everyone", "\x00"])
def test_autocomplete_never_returns_more_than_25(whois: WhoIs, prefix: str) -> None:
    assert len(whois.autocomplete(prefix)) <= MAX_AUTOCOMPLETE
    assert len(whois.autocomplete(prefix, limit=1000)) <= MAX_AUTOCOMPLETE
    assert len(whois.autocomplete(prefix, limit=3)) <= 3


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Trish Walkr", "Trish Walker"),
        ("Kilgrav", "Kilgrave"),
        ("Jessca Jones", "Jessica Jones"),
        ("Rosenburg", "Melissa Rosenberg"),
        ("Hogarth Jeri", "Jeri Hogarth"),
    ],
)
def test_a_near_miss_finds_the_one_meant(whois: WhoIs, typed: str, meant: str) -> None:
    lookup = whois.find(typed)

    assert lookup.card is not None and lookup.card.entity.name == meant
    assert lookup.candidates == ()


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Kilgore", "Kilgrave"),
        ("Jessie", "Jessica Jones"),
        ("Taylor Swift", "Rachael Taylor"),
        ("Luke Skywalker", "Luke Cage"),
    ],
)
def test_a_farther_miss_gets_suggestions(whois: WhoIs, typed: str, suggested: str) -> None:
    lookup = whois.find(typed)

    assert not lookup.found
    assert suggested in lookup.suggestions
    assert len(lookup.suggestions) <= 3


@pytest.mark.parametrize(
    "noise",
    ["@here", "@everyone please", "<@123>", "<@!123> hi", "!!!", "x", "Zorblax Quux", "asdfgh"],
)
def test_noise_gets_no_far_fetched_suggestions(whois: WhoIs, noise: str) -> None:
    assert whois.find(noise) == Lookup()


def test_a_name_typed_as_a_mention_is_still_found(whois: WhoIs) -> None:
    lookup = whois.find("@Trish")

    assert lookup.card is not None and lookup.card.entity.name == "Trish Walker"
