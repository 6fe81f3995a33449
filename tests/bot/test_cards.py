"""bot.render.cards: pure data -> embed functions, within Discord's embed limits."""

from __future__ import annotations

import dataclasses

import discord

from bot.render import join_within, truncate
from bot.render.cards import (
    echo,
    leaderboard_embed,
    settings_embed,
    stats_embed,
    whois_candidates,
    whois_card,
    whois_not_found,
)
from trivia.content.whois import Card
from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode, Entity, EntityKind, SourceRef
from trivia.records import (
    LeaderboardRow,
    LeaderboardSort,
    Period,
    PlayerRank,
    PlayerStats,
)

SOURCE = SourceRef("An article", "An outlet", "2018", (1, 2))


def card(
    name: str = "Trish Walker", *, description: str = "A radio host.", relations: int = 2
) -> Card:
    entity = Entity("e", name, EntityKind.CHARACTER, description, (1,), aliases=("Trish",))
    return Card(
        entity=entity,
        kind_label="character",
        plays=(),
        played_by=("Rachael Taylor",),
        relations=tuple((f"Relation {i}", f"Target {i}") for i in range(relations)),
        source=SOURCE,
    )


def within_limits(embed: discord.Embed) -> bool:
    return (
        len(embed.title or "") <= 256
        and len(embed.description or "") <= 4096
        and len(embed.fields) <= 25
        and all(len(f.value) <= 1024 for f in embed.fields)
        and len(embed) <= 6000
    )


def test_truncate_marks_the_cut() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("x" * 20, 10) == "x" * 9 + "…"


def test_card_shows_kind_player_relations_and_source() -> None:
    embed = whois_card(card())

    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "Trish Walker" and embed.description == "A radio host."
    assert fields["Kind"] == "Character" and fields["Played by"] == "Rachael Taylor"
    assert fields["Also known as"] == "Trish" and fields["Relation 1"] == "Target 1"
    assert fields["Source"] == "“An article” — An outlet (2018); paragraphs 1 and 2"


def test_oversized_card_stays_within_embed_limits() -> None:
    huge = card("N" * 400, description="d" * 5000, relations=60)

    embed = whois_card(huge)

    assert within_limits(embed)
    assert embed.fields[-1].name == "Source"


def test_candidates_are_capped_at_ten_and_the_query_is_escaped() -> None:
    content, embeds = whois_candidates("@everyone *Jones*", [card(f"C{i}") for i in range(12)])

    assert len(embeds) == 10
    assert "@\u200beveryone" in content and "\\*Jones\\*" in content
    assert "showing the first 10" in content


def test_not_found_offers_suggestions() -> None:
    assert whois_not_found("Trsh", ["Trish Walker"]) == (
        "Nobody called **Trsh** is in the who's-who. Did you mean: **Trish Walker**?"
    )


def test_echo_bounds_length() -> None:
    assert len(echo("a" * 500)) == 100


def test_leaderboard_formats_the_sorted_value_and_own_rank() -> None:
    rows = [
        LeaderboardRow(1, 11, 90, 2, 9, 12, 0.75, 4),
        LeaderboardRow(1, 22, 80, 1, 9, 12, 0.75, 3),
    ]

    embed = leaderboard_embed(
        rows,
        sort=LeaderboardSort.ACCURACY,
        period=Period.MONTH,
        scope_label="this server",
        own_rank=PlayerRank(17, 230, PlayerStats(5)),
    )

    assert embed.title == "Leaderboard: this server, this month, by accuracy"
    assert embed.description.splitlines() == [
        "**#1** <@11> — 75% (9/12)",
        "**#1** <@22> — 75% (9/12)",
    ]
    assert embed.footer.text == "Your rank: #17 of 230"


def test_empty_leaderboard() -> None:
    embed = leaderboard_embed(
        [],
        sort=LeaderboardSort.ACCURACY,
        period=Period.ALL,
        scope_label="all servers",
        own_rank=None,
        note="Only regulars.",
    )

    assert embed.description == "Nobody has scored here yet.\n*Only regulars.*"
    assert embed.footer.text.startswith("You are not on this board yet")


def test_stats_embed() -> None:
    stats = PlayerStats(
        1, points=40, correct=3, answered=4, rounds_played=2, wins=1, streak=2, best_streak=3
    )

    embed = stats_embed("alice", stats, PlayerRank(2, 9, stats), scope_label="this server")

    fields = {f.name: f.value for f in embed.fields}
    assert fields["Accuracy"] == "75% (3/4)" and fields["Streak"] == "2 (best 3)"
    assert fields["Rank by points"] == "#2 of 9"


def test_settings_embed_names_roles_and_channels() -> None:
    settings = GuildSettings(mode=AnswerMode.TYPED, starter_role_id=5, channel_ids=(7, 8))

    fields = {f.name: f.value for f in settings_embed(settings).fields}

    assert fields["Mode"] == "typed" and fields["Who can start rounds"] == "<@&5>"
    assert fields["Channels"] == "<#7> <#8>"


def test_a_card_with_many_long_relations_stays_within_the_total_limit() -> None:
    relations = tuple((f"Relation {i}", f"Target {i} " + "t" * 1000) for i in range(20))
    big = dataclasses.replace(card(description="d" * 1024), relations=relations)

    embed = whois_card(big)

    assert within_limits(embed) and embed.fields[-1].name == "Source"


def test_candidates_with_long_descriptions_fit_one_message() -> None:
    content, embeds = whois_candidates(
        "Jones", [card(f"C{i}", description="d" * 1024) for i in range(10)]
    )

    assert sum(len(e) for e in embeds) <= 6000
    assert f"(showing the first {len(embeds)})" in content


def test_many_channels_are_listed_whole() -> None:
    settings = GuildSettings(channel_ids=tuple(800_000_000_000_000_000 + i for i in range(80)))

    channels = next(f.value for f in settings_embed(settings).fields if f.name == "Channels")

    listed, more = channels.split(" …and ")
    assert len(channels) <= 1024 and all(c[:2] + c[-1] == "<#>" for c in listed.split(" "))
    assert more == f"{80 - len(listed.split(' '))} more"


def test_join_within() -> None:
    assert join_within(["a", "b"], 10) == "a\nb"
    assert join_within(["aaaa"] * 10, 24) == "aaaa\naaaa\n…and 8 more"
    assert join_within(["a"] * 5, 100, most=2) == "a\na\n…and 3 more"
