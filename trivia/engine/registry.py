"""The registry of running rounds, at most one per channel.

It only keeps rounds apart: timers, sending and saving belong to the caller.
"""

from __future__ import annotations

from collections.abc import Iterator

from trivia.engine.events import Event
from trivia.engine.round import Round
from trivia.errors import RoundAlreadyRunning


class RoundRegistry:
    """The rounds now running, at most one per channel; a finished round blocks nothing."""

    __slots__ = ("_rounds",)

    def __init__(self) -> None:
        self._rounds: dict[int, Round] = {}

    def start(self, channel_id: int, round_: Round) -> list[Event]:
        """Register `round_` for the channel and start it; raises RoundAlreadyRunning."""
        self._claim(channel_id)
        events = round_.start()
        self._rounds[channel_id] = round_
        return events

    def resume(self, channel_id: int, round_: Round) -> list[Event]:
        """Register a round rebuilt by `Round.from_state` and resume it."""
        self._claim(channel_id)
        events = round_.resume()
        self._rounds[channel_id] = round_
        return events

    def get(self, channel_id: int) -> Round | None:
        return self._rounds.get(channel_id)

    def remove(self, channel_id: int) -> None:
        self._rounds.pop(channel_id, None)

    def items(self) -> Iterator[tuple[int, Round]]:
        return iter(list(self._rounds.items()))

    def __len__(self) -> int:
        return len(self._rounds)

    def __contains__(self, channel_id: object) -> bool:
        return channel_id in self._rounds

    def _claim(self, channel_id: int) -> None:
        running = self._rounds.get(channel_id)
        if running is not None and not running.finished:
            raise RoundAlreadyRunning(channel_id)
