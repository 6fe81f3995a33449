"""Helpers for the Discord-layer tests: the test guild's id, SimCord's clock for the game, and
the world every test plays in. Fixtures built on them are in conftest.py."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import discord
from simcord import ChannelHandle, Env, GuildHandle, InteractionResult, MemberActor

GUILD_ID = 900_000_000_000_000_001
SIM_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # SimCord's virtual clock starts here


class SimClock:
    """The game's clock in tests: SimCord's virtual seconds, in the test body and the bot."""

    def __init__(self) -> None:
        self.env: Env | None = None

    def __call__(self) -> float:
        return (self.now() - SIM_EPOCH).total_seconds()

    def now(self) -> datetime:
        return self.env.now() if self.env is not None else SIM_EPOCH


@dataclasses.dataclass(frozen=True)
class World:
    guild: GuildHandle
    channel: ChannelHandle
    admin: MemberActor
    alice: MemberActor
    bob: MemberActor


def only_embed(result: InteractionResult) -> discord.Embed:
    """The one embed of an interaction's response."""
    assert result.response is not None
    [embed] = result.response.embeds
    return embed
