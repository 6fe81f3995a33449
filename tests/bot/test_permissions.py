"""Permissions before promises: a round is refused, privately and by name, where the bot could
not run it, before anything is saved or announced."""

from __future__ import annotations

import discord
from simcord import Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.permissions import missing_for_rounds
from trivia.storage import Store

EVERYTHING = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    read_message_history=True,
    send_messages_in_threads=True,
)


def test_a_thread_also_needs_send_messages_in_threads() -> None:
    no_threads = discord.Permissions(EVERYTHING.value)
    no_threads.send_messages_in_threads = False
    assert missing_for_rounds(no_threads, in_thread=False) == []
    assert missing_for_rounds(no_threads, in_thread=True) == ["Send Messages in Threads"]


def test_every_missing_permission_is_named() -> None:
    assert missing_for_rounds(discord.Permissions.none(), in_thread=True) == [
        "View Channel",
        "Send Messages",
        "Embed Links",
        "Read Message History",
        "Send Messages in Threads",
    ]


async def test_a_start_without_embed_links_is_refused_before_anything_is_posted(
    env: Env, guild: GuildHandle, alice: MemberActor, bot: TriviaBot, sim_store: Store
) -> None:
    plain = guild.create_text_channel(
        "no-embeds", overwrites={guild.me: discord.PermissionOverwrite(embed_links=False)}
    )

    result = await alice.slash(plain, "trivia start", questions=2)

    assert result.ephemeral
    assert "missing Embed Links" in result.response.content
    assert "Manage Channels" in result.response.content  # how to grant it
    assert plain.history() == []
    assert bot.driver.get(plain.id) is None
    assert await sim_store.resumable_rounds() == []
