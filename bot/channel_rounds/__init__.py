"""Running rounds in Discord channels: the manager, each round's timer and its messages."""

from bot.channel_rounds.driver import RoundDriver

__all__ = ["RoundDriver"]
