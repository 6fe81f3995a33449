"""The guild id of a /trivia interaction, for commands whose data belongs to one server."""

from __future__ import annotations

import discord
from discord import app_commands


def guild_id_of(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:  # the group is guild-only; this is a safety net
        raise app_commands.NoPrivateMessage()
    return interaction.guild_id
