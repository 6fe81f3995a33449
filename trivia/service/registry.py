"""The rounds this process drives, by round id, with an index by channel.

An entry holds the round's engine (which mirrors what the database holds), the lease under
which this process writes for it, and a lock that serialises its steps. It holds nothing of
Discord: adapters keep their own objects (channel, messages, timer) keyed by round id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field

from trivia.engine.round import Round
from trivia.service.outbox import Presentation
from trivia.storage.round_steps import Lease


@dataclass(eq=False, slots=True)
class RunningRound:
    round_id: int
    guild_id: int
    channel_id: int
    started_by: int
    round: Round
    lease: Lease
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def presentation(self) -> Presentation:
        return Presentation.of(self.round.question_set.id, self.round.settings)


class RoundRegistry:
    """At most one round per channel; a finished round is removed at once."""

    __slots__ = ("_by_channel", "_by_id")

    def __init__(self) -> None:
        self._by_id: dict[int, RunningRound] = {}
        self._by_channel: dict[int, int] = {}

    def add(self, running: RunningRound) -> None:
        self._by_id[running.round_id] = running
        self._by_channel[running.channel_id] = running.round_id

    def get(self, round_id: int) -> RunningRound | None:
        return self._by_id.get(round_id)

    def in_channel(self, channel_id: int) -> RunningRound | None:
        round_id = self._by_channel.get(channel_id)
        return None if round_id is None else self._by_id.get(round_id)

    def remove(self, round_id: int) -> None:
        running = self._by_id.pop(round_id, None)
        if running is not None and self._by_channel.get(running.channel_id) == round_id:
            del self._by_channel[running.channel_id]

    def __iter__(self) -> Iterator[RunningRound]:
        return iter(list(self._by_id.values()))

    def __len__(self) -> int:
        return len(self._by_id)
