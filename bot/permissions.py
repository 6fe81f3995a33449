"""What the bot needs in a channel to run a round, checked before anything is promised.

Discord sends the bot's own permissions in the channel with every interaction
(`app_permissions`), so the check costs no request and happens before the round is saved or
announced. The refusal names what is missing and where to grant it.
"""

from __future__ import annotations

import discord

_NEEDED = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
    ("read_message_history", "Read Message History"),
)
_IN_THREADS = ("send_messages_in_threads", "Send Messages in Threads")


def missing_for_rounds(permissions: discord.Permissions, *, in_thread: bool) -> list[str]:
    """The names of the permissions a round needs that `permissions` lacks."""
    needed = [*_NEEDED, _IN_THREADS] if in_thread else list(_NEEDED)
    return [label for name, label in needed if not getattr(permissions, name)]


def missing_permissions(interaction: discord.Interaction) -> str | None:
    """Why the bot cannot run a round where `interaction` happened, or None if it can."""
    in_thread = isinstance(interaction.channel, discord.Thread)
    missing = missing_for_rounds(interaction.app_permissions, in_thread=in_thread)
    if not missing:
        return None
    where = "this thread" if in_thread else "this channel"
    names = ", ".join(missing)
    return (
        f"I can't run a round in {where}: I am missing {names}. Ask someone with Manage "
        f"Channels to grant me {'it' if len(missing) == 1 else 'them'} (channel settings -> "
        "Permissions -> the bot's role), then start again."
    )
