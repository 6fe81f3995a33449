"""/whois through SimCord: found, fuzzy, ambiguous, unknown, autocomplete, and no pings."""

from __future__ import annotations

import discord
from simcord import ChannelHandle, Env, MemberActor

from bot.render.cards import WHOIS_HINT


def _field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


async def test_exact_alias_shows_the_card(alice: MemberActor, channel: ChannelHandle) -> None:
    result = await alice.slash(channel, "whois", name="Trish")

    assert not result.ephemeral
    [embed] = result.response.embeds
    assert embed.title == "Trish Walker"
    assert _field(embed, "Kind") == "Character"
    assert _field(embed, "Played by") == "Rachael Taylor"
    source = _field(embed, "Source")
    assert "Krysten Ritter to Direct" in source and "paragraph" in source


async def test_actor_card_names_the_character(alice: MemberActor, channel: ChannelHandle) -> None:
    result = await alice.slash(channel, "whois", name="Rachael Taylor")

    [embed] = result.response.embeds
    assert _field(embed, "Plays") == "Trish Walker"
    assert embed.description


async def test_typo_still_finds_the_card(alice: MemberActor, channel: ChannelHandle) -> None:
    result = await alice.slash(channel, "whois", name="Krysten Riter")

    assert result.response.embeds[0].title == "Krysten Ritter"


async def test_ambiguous_name_lists_every_candidate(
    alice: MemberActor, channel: ChannelHandle
) -> None:
    result = await alice.slash(channel, "whois", name="Jones")

    titles = [e.title for e in result.response.embeds]
    assert titles == [
        "Jessica Jones (character)",
        "Alisa (character)",  # her full name, Alisa Jones, is an alias
        "Marvel's Jessica Jones (show)",
    ]
    assert "could mean 3 entries" in result.response.content


async def test_unknown_name_gets_private_suggestions(
    alice: MemberActor, channel: ChannelHandle
) -> None:
    result = await alice.slash(channel, "whois", name="Trish Wal")

    assert result.ephemeral
    assert "Did you mean" in result.response.content
    assert "**Trish Walker**" in result.response.content
    assert channel.last_message is None or channel.last_message.id != result.response.id


async def test_nothing_close_says_so(alice: MemberActor, channel: ChannelHandle) -> None:
    result = await alice.slash(channel, "whois", name="zzqx")

    assert result.ephemeral
    assert result.response.content == f"Nobody called **zzqx** is in the who's-who. {WHOIS_HINT}"


async def test_a_mention_gets_no_far_fetched_suggestions(
    alice: MemberActor, channel: ChannelHandle
) -> None:
    result = await alice.slash(channel, "whois", name="@here")

    assert result.ephemeral
    assert "Did you mean" not in result.response.content
    assert result.response.content.endswith(WHOIS_HINT)


async def test_everyone_in_a_lookup_pings_nobody(
    env: Env, alice: MemberActor, channel: ChannelHandle
) -> None:
    result = await alice.slash(channel, "whois", name="@everyone Trsh")

    message = result.response.message
    assert not message.mention_everyone
    assert message.mentions == [] and message.role_mentions == []
    sent = [r for r in env.http_requests if r.path.startswith("/interactions/")]
    assert sent[-1].json["data"]["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in message.content  # escaped with a zero-width space


async def test_autocomplete_offers_matching_names(
    alice: MemberActor, channel: ChannelHandle
) -> None:
    choices = await alice.autocomplete(channel, "whois", "name", "tri")

    names = [c["name"] for c in choices]
    assert names[0] == "Trish Walker"
    assert all(c["name"] == c["value"] for c in choices)


async def test_autocomplete_never_exceeds_25(alice: MemberActor, channel: ChannelHandle) -> None:
    choices = await alice.autocomplete(channel, "whois", "name", "")

    assert 0 < len(choices) <= 25
