"""Answering an interaction in time, whatever the database or Discord is doing.

Discord shows "This interaction failed" when a bot does not acknowledge within 3 seconds. The
work behind a reply (a lock, a database write) usually takes milliseconds but may stall, so
`reply_in_time` starts it and waits at most ACK_BUDGET: done by then, the reply is the
interaction's response (one request, as usual); not done, the interaction is deferred at once
(privately) and the reply follows when the work ends. The work itself is never cancelled by
this: a step that commits late still counts and is still announced.

A reply to an interaction that expired anyway (Discord itself slow) is logged once at INFO
and dropped, never raised.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass

import discord

from bot.errors import user_message
from trivia.errors import StorageError

log = logging.getLogger(__name__)

ACK_BUDGET = 0.5
"""Seconds of work a reply may wait for before the interaction is deferred instead."""

NO_MENTIONS = discord.AllowedMentions.none()
_EXPIRED = (10062, 40060)  # unknown interaction; interaction already acknowledged


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply's text (and embed, and buttons); `public` replies are seen by the channel when
    they can be."""

    text: str
    public: bool = False
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None


async def reply_in_time(interaction: discord.Interaction, work: Awaitable[Reply]) -> None:
    """Acknowledge within ACK_BUDGET, then reply with what `work` returns. A TriviaError from
    `work` becomes its private message; any other error propagates after the reply."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
    if not done:
        await _defer(interaction)
        await asyncio.wait({task})
    error = task.exception()
    if error is None:
        reply = task.result()
    else:
        message = user_message(error) if isinstance(error, Exception) else None
        if message is None:
            raise error
        if isinstance(error, StorageError):
            log.warning(
                "Interaction %s (user %s, guild %s, channel %s) failed: %s",
                interaction.id, interaction.user.id, interaction.guild_id,
                interaction.channel_id, error,
            )  # fmt: skip
        reply = Reply(message)
    await send_reply(interaction, reply)


async def _defer(interaction: discord.Interaction) -> None:
    try:
        await interaction.response.defer(ephemeral=True, thinking=True)
    except discord.HTTPException as error:
        _expired_or_raise(interaction, error)


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """The interaction's response, or after a defer its followup (then private)."""
    embeds = [] if reply.embed is None else [reply.embed]
    view = discord.utils.MISSING if reply.view is None else reply.view
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                reply.text, embeds=embeds, view=view, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        else:
            await interaction.response.send_message(
                reply.text,
                embeds=embeds,
                view=view,
                ephemeral=not reply.public,
                allowed_mentions=NO_MENTIONS,
            )
    except discord.HTTPException as error:
        _expired_or_raise(interaction, error)


def _expired_or_raise(interaction: discord.Interaction, error: discord.HTTPException) -> None:
    if error.code in _EXPIRED or isinstance(error, discord.NotFound):
        log.info(
            "Interaction %s (user %s, channel %s) expired before its reply: %s",
            interaction.id, interaction.user.id, interaction.channel_id, error.text,
        )  # fmt: skip
        return
    raise error
