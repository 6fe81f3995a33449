"""/trivia forget-me and /trivia help through SimCord."""

from __future__ import annotations

from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from tests.bot.helpers import GUILD_ID, only_embed
from tests.bot.round_helpers import right_label
from trivia.records import PlayerStats
from trivia.storage import Store


async def test_forget_me_deletes_after_the_confirmation(
    env: Env, bot: TriviaBot, sim_store: Store, channel: ChannelHandle,
    alice: MemberActor, bob: MemberActor,
) -> None:  # fmt: skip
    await alice.slash(channel, "trivia start", questions=1, mode="choice")
    await alice.click(channel.last_message, label=right_label(bot, channel))
    await env.advance_time(30)
    assert [r.user_id for r in await sim_store.leaderboard(GUILD_ID)] == [alice.id]

    asked = await alice.slash(channel, "trivia forget-me")
    assert asked.ephemeral and "Sure?" in asked.response.content
    assert (await sim_store.player_stats(GUILD_ID, alice.id)).points > 0  # nothing deleted yet

    done = await alice.click(asked.response, label="Delete my trivia data")

    assert done.ephemeral and done.response.content.startswith("Done: deleted 1 answers")
    assert await sim_store.leaderboard(GUILD_ID) == []
    assert await sim_store.player_stats(GUILD_ID, alice.id) == PlayerStats(
        alice.id, 0, 0, 0, 0, 0.0, 0
    )
    again = await alice.click(asked.response, label="Delete my trivia data")
    assert again.response.content.startswith("There was nothing to delete")


async def test_help_is_private_and_names_the_commands(
    channel: ChannelHandle, alice: MemberActor
) -> None:
    result = await alice.slash(channel, "trivia help")
    assert result.ephemeral
    text = " ".join(f.value or "" for f in only_embed(result).fields)
    for command in ("/trivia start", "/trivia reports", "/trivia forget-me", "Report"):
        assert command in text
    assert len(only_embed(result)) <= 6000
