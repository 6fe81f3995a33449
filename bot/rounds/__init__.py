"""Running rounds in Discord channels: the manager, each round's timer and its messages."""

from bot.rounds.manager import RoundManager

__all__ = ["RoundManager"]
