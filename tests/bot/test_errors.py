"""The app-command error handler: short private replies, tracebacks only in the log."""

from __future__ import annotations

import logging
from collections.abc import Callable

import discord
import pytest
from discord import app_commands
from simcord import ChannelHandle, MemberActor

from bot.client import TriviaBot
from bot.errors import GENERIC_FAILURE, user_message
from trivia.errors import RoundAlreadyRunning


@pytest.fixture
def bot(make_bot: Callable[..., TriviaBot]) -> TriviaBot:
    """The real bot plus three commands that fail in different ways (synced like the rest)."""
    bot = make_bot()

    @bot.tree.command(name="crash", description="Raises a bug.")
    async def crash(interaction: discord.Interaction) -> None:
        raise RuntimeError("kaboom in the handler")

    @bot.tree.command(name="slowcrash", description="Defers, then raises a bug.")
    async def slowcrash(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        raise RuntimeError("kaboom after deferring")

    @bot.tree.command(name="busy", description="Raises a domain error.")
    async def busy(interaction: discord.Interaction) -> None:
        raise RoundAlreadyRunning(interaction.channel_id or 0)

    return bot


async def test_a_bug_gets_a_private_apology_and_a_logged_traceback(
    alice: MemberActor,
    channel: ChannelHandle,
    bot_errors: Callable[[], list[BaseException]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    result = await alice.slash(channel, "crash")

    assert result.ephemeral
    assert result.response.content == GENERIC_FAILURE
    [error] = bot_errors()
    assert isinstance(error, RuntimeError)
    [record] = [r for r in caplog.records if r.name == "bot.errors"]
    assert record.levelno == logging.ERROR and "Command /crash failed" in record.getMessage()
    assert record.exc_info and record.exc_info[1] is error
    assert all("Traceback" not in m.content for m in channel.history())


async def test_a_bug_after_deferring_is_answered_by_followup(
    alice: MemberActor,
    channel: ChannelHandle,
    bot_errors: Callable[[], list[BaseException]],
) -> None:
    result = await alice.slash(channel, "slowcrash")

    messages = [result.response, *result.followups]
    assert any(m.content == GENERIC_FAILURE for m in messages if m is not None)
    assert all("kaboom" not in m.content for m in channel.history())
    assert [type(e) for e in bot_errors()] == [RuntimeError]


async def test_a_domain_error_becomes_its_message(
    alice: MemberActor,
    channel: ChannelHandle,
    bot_errors: Callable[[], list[BaseException]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    result = await alice.slash(channel, "busy")

    assert result.ephemeral
    assert result.response.content == "A round is already running in this channel."
    assert [type(e) for e in bot_errors()] == [RoundAlreadyRunning]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_check_failures_have_plain_messages() -> None:
    missing = app_commands.MissingPermissions(["manage_guild"])

    assert user_message(missing) == "You need the Manage Server permission for that."
    assert user_message(app_commands.NoPrivateMessage()) == "That command only works in a server."
    assert user_message(RuntimeError("bug")) is None
