"""A server's own question sets through SimCord: upload (valid, with errors, too big, not
YAML), replace after a confirmation, play at once, remove; bundled sets switched off; and
each moderator command refused to members without Manage Server."""

from __future__ import annotations

from collections.abc import Callable

from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from tests.bot.helpers import GUILD_ID, only_embed
from tests.bot.round_helpers import bot_messages
from tests.trivia.content.set_text import line_of, question, set_text
from trivia.content.uploads import MAX_UPLOAD_BYTES
from trivia.storage import Store

BUNDLED = "jessica-jones-s3"
GOOD = set_text(*(question(f"q{n}", f"Who is number {n}?", f"[Person {n}]") for n in range(1, 5)))


def _yaml(text: str, name: str = "mine.yaml") -> tuple[str, bytes]:
    return (name, text.encode())


async def test_an_upload_is_playable_here_at_once_and_only_here(
    bot: TriviaBot, sim_store: Store, channel: ChannelHandle, admin: MemberActor,
    alice: MemberActor, guild: GuildHandle,
) -> None:  # fmt: skip
    result = await admin.slash(channel, "trivia sets upload", file=_yaml(GOOD))

    assert result.ephemeral and result.response.content.startswith("Uploaded “Families” (`fam`")
    [stored] = await sim_store.guild_sets(GUILD_ID)
    assert (stored.set_id, stored.uploaded_by, stored.yaml) == ("fam", admin.id, GOOD)
    assert "fam" not in bot.library.sets  # the global library is untouched
    listing = only_embed(await alice.slash(channel, "trivia sets list"))
    assert any("`fam` · 4 questions · this server's own" in (f.value or "") for f in listing.fields)
    offered = await alice.autocomplete(channel, "trivia start", "set", "fam")
    assert [c["value"] for c in offered] == ["fam"]

    await alice.slash(channel, "trivia start", set="fam", questions=2)
    live = bot.driver.get(channel.id)
    assert live is not None and live.round.question_set.id == "fam"
    assert channel.last_message.embeds[0].author.name == "Families"


async def test_a_new_version_replaces_the_set_after_a_confirmation(
    sim_store: Store, channel: ChannelHandle, admin: MemberActor
) -> None:
    await admin.slash(channel, "trivia sets upload", file=_yaml(GOOD))
    newer = GOOD + question("q5", "Who is number 5?", "[Person 5]")

    asked = await admin.slash(channel, "trivia sets upload", file=_yaml(newer))
    assert "Replace it with this version (5 questions)?" in asked.response.content
    [before] = await sim_store.guild_sets(GUILD_ID)
    assert before.yaml == GOOD  # nothing replaced until confirmed

    kept = await admin.click(asked.response, label="Keep the current one")
    assert kept.response.content.startswith("Kept the current version")
    again = await admin.slash(channel, "trivia sets upload", file=_yaml(newer))
    done = await admin.click(again.response, label="Replace")

    assert done.response.content.startswith("Replaced “Families”") and "stats are kept" in (
        done.response.content
    )
    [after] = await sim_store.guild_sets(GUILD_ID)
    assert after.yaml == newer


async def test_an_upload_with_errors_names_the_lines(
    sim_store: Store, channel: ChannelHandle, admin: MemberActor
) -> None:
    bad = GOOD.replace("    kind: character\n", "    kind: wizard\n", 1)
    result = await admin.slash(channel, "trivia sets upload", file=_yaml(bad, "@everyone.yaml"))

    text = result.response.content
    assert result.ephemeral and len(text) <= 2000
    assert text.startswith("“@\u200beveryone.yaml” was not uploaded (1 problem):\n```\n")
    assert f"@everyone.yaml:{line_of(bad, 'kind: wizard')}: [q1] " in text
    assert await sim_store.guild_sets(GUILD_ID) == []


async def test_many_errors_are_truncated_within_one_message(
    channel: ChannelHandle, admin: MemberActor
) -> None:
    bad = set_text(*(question(f"q{n}", "Who is it?", "[]") for n in range(200)))
    result = await admin.slash(channel, "trivia sets upload", file=_yaml(bad))
    text = result.response.content
    assert len(text) <= 2000 and "more" in text and text.endswith("\n```")


async def test_too_big_or_not_yaml_is_refused(
    sim_store: Store, channel: ChannelHandle, admin: MemberActor
) -> None:
    huge = await admin.slash(
        channel, "trivia sets upload", file=("big.yaml", b"#" * (MAX_UPLOAD_BYTES + 1))
    )
    assert "over the 256 KiB limit" in huge.response.content
    binary = await admin.slash(
        channel, "trivia sets upload", file=("cat.png", b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    )
    assert binary.ephemeral and "was not uploaded" in binary.response.content
    laughs = b"a: &a [x, x]\nb: [*a, *a]\n"
    bomb = await admin.slash(channel, "trivia sets upload", file=("lol.yaml", laughs))
    assert "aliases" in bomb.response.content
    clash = GOOD.replace("id: fam", f"id: {BUNDLED}", 1)
    taken = await admin.slash(channel, "trivia sets upload", file=_yaml(clash))
    assert "is a bundled set's" in taken.response.content
    assert await sim_store.guild_sets(GUILD_ID) == []


async def test_remove_and_switch(
    bot: TriviaBot, channel: ChannelHandle, admin: MemberActor, alice: MemberActor
) -> None:
    await admin.slash(channel, "trivia sets upload", file=_yaml(GOOD))
    offered = await admin.autocomplete(channel, "trivia sets remove", "set", "")
    assert [c["value"] for c in offered] == ["fam"]
    removed = await admin.slash(channel, "trivia sets remove", set="fam")
    assert removed.response.content == "Removed “fam” from this server."
    missing = await alice.slash(channel, "trivia start", set="fam")
    assert "There is no question set called" in missing.response.content

    off = await admin.slash(channel, "trivia sets switch", set=BUNDLED, enabled=False)
    assert off.response.content == f"“{BUNDLED}” is now off in this server."
    refused = await alice.slash(channel, "trivia start")
    assert refused.ephemeral and bot.driver.get(channel.id) is None
    listing = only_embed(await alice.slash(channel, "trivia sets list"))
    assert "switched off here" in (listing.fields[0].value or "")
    await admin.slash(channel, "trivia sets switch", set=BUNDLED, enabled=True)
    await alice.slash(channel, "trivia start", questions=1)
    assert bot.driver.get(channel.id) is not None


async def test_members_without_manage_server_cannot_change_sets(
    sim_store: Store, channel: ChannelHandle, alice: MemberActor
) -> None:
    for name, options in (
        ("trivia sets upload", {"file": _yaml(GOOD)}),
        ("trivia sets remove", {"set": "fam"}),
        ("trivia sets switch", {"set": BUNDLED, "enabled": False}),
    ):
        refused = await alice.slash(channel, name, **options)
        assert refused.ephemeral and "Manage Server" in refused.response.content
    assert await sim_store.guild_sets(GUILD_ID) == []
    assert await sim_store.disabled_sets(GUILD_ID) == set()


async def test_a_round_of_a_server_set_resumes_after_a_restart(
    env: Env, bot: TriviaBot, channel: ChannelHandle, admin: MemberActor,
    make_bot: Callable[[], TriviaBot],
) -> None:  # fmt: skip
    await admin.slash(channel, "trivia sets upload", file=_yaml(GOOD))
    await admin.slash(channel, "trivia start", set="fam", questions=2)

    new_bot = make_bot()
    await env.restart_bot(new_bot)  # a crash while question 1 is open

    live = new_bot.driver.get(channel.id)
    assert live is not None and live.round.question_set.id == "fam"
    await env.advance_time(30)
    titles = [m.embeds[0].title or "" for m in bot_messages(channel) if m.embeds]
    assert any(t.startswith("Question 1/2 ·") for t in titles)
