"""/trivia settings through SimCord: anyone looks, Manage Server changes."""

from __future__ import annotations

import pytest
from simcord import ChannelHandle, GuildHandle, MemberActor, OptionError

from tests.bot.helpers import GUILD_ID, only_embed
from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode
from trivia.storage import Store


async def test_anyone_can_view_settings(alice: MemberActor, channel: ChannelHandle) -> None:
    result = await alice.slash(channel, "trivia settings")

    assert result.ephemeral
    fields = {f.name: f.value for f in only_embed(result).fields}
    assert fields["Mode"] == "choice"
    assert fields["Questions per round"] == "10"
    assert fields["Channels"] == "any channel"
    assert fields["Who can start rounds"] == "anyone"


async def test_manage_server_changes_settings(
    admin: MemberActor, channel: ChannelHandle, sim_store: Store, guild: GuildHandle
) -> None:
    quizmasters = guild.create_role("Quizmasters")

    result = await admin.slash(
        channel,
        "trivia settings",
        mode="typed",
        questions=5,
        time=20,
        hints=False,
        starter_role=quizmasters,
        add_channel=channel,
    )

    assert not result.ephemeral
    assert result.response.content == f"Settings updated by <@{admin.id}>."
    assert await sim_store.guild_settings(GUILD_ID) == GuildSettings(
        mode=AnswerMode.TYPED,
        questions=5,
        time_limit=20,
        hints=False,
        starter_role_id=quizmasters.id,
        channel_ids=(channel.id,),
    )
    fields = {f.name: f.value for f in only_embed(result).fields}
    assert fields["Channels"] == f"<#{channel.id}>"


async def test_channel_removal_and_any_channel(
    admin: MemberActor, channel: ChannelHandle, sim_store: Store, guild: GuildHandle
) -> None:
    other = guild.create_text_channel("quiz-night")
    await admin.slash(channel, "trivia settings", add_channel=channel)
    await admin.slash(channel, "trivia settings", add_channel=other)
    await admin.slash(channel, "trivia settings", remove_channel=channel)
    assert (await sim_store.guild_settings(GUILD_ID)).channel_ids == (other.id,)

    await admin.slash(channel, "trivia settings", any_channel=True, starter_role=guild.default_role)

    assert await sim_store.guild_settings(GUILD_ID) == GuildSettings()


async def test_members_without_manage_server_cannot_change_settings(
    alice: MemberActor, channel: ChannelHandle, sim_store: Store
) -> None:
    result = await alice.slash(channel, "trivia settings", questions=3)

    assert result.ephemeral
    assert "Manage Server" in result.response.content
    assert await sim_store.guild_settings(GUILD_ID) == GuildSettings()


async def test_out_of_range_numbers_are_rejected_by_discord(
    admin: MemberActor, channel: ChannelHandle
) -> None:
    with pytest.raises(OptionError):
        await admin.slash(channel, "trivia settings", questions=500)
