"""Every slash-command error ends here: a short ephemeral reply for the user, the log for us.

Domain errors (`TriviaError`) are expected refusals and become their own message; anything
else is a bug, logged with its traceback while the user sees a generic apology. A traceback
never reaches the channel.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from trivia.errors import StorageError, TriviaError

log = logging.getLogger(__name__)

GENERIC_FAILURE = "Sorry, something went wrong with that command. It has been logged."
STORAGE_FAILURE = (
    "The database could not save that just now, so nothing changed; please try again in a moment."
)

_PERMISSION_NAMES = {"manage_guild": "Manage Server"}


def _permission_list(names: list[str]) -> str:
    return ", ".join(_PERMISSION_NAMES.get(n, n.replace("_", " ").title()) for n in names)


def user_message(error: Exception) -> str | None:
    """The reply for an expected error, or None when the error is a bug."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, StorageError):
        return STORAGE_FAILURE
    if isinstance(error, TriviaError):
        return str(error)
    if isinstance(error, app_commands.MissingPermissions):
        return f"You need the {_permission_list(error.missing_permissions)} permission for that."
    if isinstance(error, app_commands.BotMissingPermissions):
        missing = _permission_list(error.missing_permissions)
        return f"I need the {missing} permission in this channel to do that."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    if isinstance(error, app_commands.TransformerError):
        return f"{error.value!r} is not a valid value there."
    return None


async def reply_ephemeral(interaction: discord.Interaction, content: str) -> None:
    """Answer privately, whether or not the interaction was already acknowledged.

    After a public defer Discord turns the first followup into the public placeholder's
    replacement, so that reply is visible to all; it is still only the short message.
    """
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning(
            "Could not tell the user about an error (interaction %s)",
            interaction.id,
            exc_info=True,
        )


async def handle_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    message = user_message(error)
    command = interaction.command.qualified_name if interaction.command else "?"
    if message is None:
        original = getattr(error, "original", error)
        log.error(
            "Command /%s failed (guild %s, channel %s, user %s)",
            command,
            interaction.guild_id,
            interaction.channel_id,
            interaction.user.id,
            exc_info=(type(original), original, original.__traceback__),
        )
        message = GENERIC_FAILURE
    else:
        log.debug("Command /%s refused: %s", command, message)
    await reply_ephemeral(interaction, message)


class TriviaTree(app_commands.CommandTree):
    """The command tree whose `on_error` turns errors into ephemeral replies."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        await handle_app_command_error(interaction, error)
