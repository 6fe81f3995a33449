"""Where slash commands are published: dev guilds at start-up, globally only when asked."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from simcord import ChannelHandle, Env, MemberActor

from bot.cli import sync
from bot.client import TriviaBot
from tests.bot.helpers import GUILD_ID


def command_puts(env: Env) -> list[str]:
    return [r.path for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]


def global_path(env: Env) -> str:
    return f"/applications/{env.backend.application_id}/commands"


async def test_start_up_syncs_only_the_dev_guild(
    env: Env, alice: MemberActor, channel: ChannelHandle
) -> None:
    puts = command_puts(env)

    assert puts == [f"/applications/{env.backend.application_id}/guilds/{GUILD_ID}/commands"]
    assert {"whois", "trivia leaderboard", "trivia settings"} <= set(
        alice.available_commands(channel)
    )


class TestSyncGloballyFlag:
    @pytest.fixture
    def config_overrides(self) -> dict[str, object]:
        return {"sync_globally": True, "dev_guild_ids": ()}

    async def test_flag_publishes_globally_at_start(
        self, env: Env, alice: MemberActor, channel: ChannelHandle
    ) -> None:
        assert command_puts(env) == [global_path(env)]
        result = await alice.slash(channel, "whois", name="Trish")
        assert result.response.embeds[0].title == "Trish Walker"


class TestSyncCommandsOff:
    """Only one process of a sharded bot syncs; the others start without a single PUT."""

    @pytest.fixture
    def config_overrides(self) -> dict[str, object]:
        return {"sync_commands": False, "sync_globally": True}

    async def test_nothing_is_published_at_start(
        self, env: Env, alice: MemberActor, channel: ChannelHandle
    ) -> None:
        assert command_puts(env) == []


async def test_publish_to_guilds_or_globally(env: Env, bot: TriviaBot) -> None:
    before = len(command_puts(env))

    assert await sync.publish(bot, [GUILD_ID]) >= 3
    assert await sync.publish(bot, []) >= 3

    assert command_puts(env)[before:] == [
        f"/applications/{env.backend.application_id}/guilds/{GUILD_ID}/commands",
        global_path(env),
    ]


def test_sync_without_token_explains_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)

    assert sync.main(argparse.Namespace(config=None, guild=[])) == 2

    assert "Reset Token" in capsys.readouterr().err
