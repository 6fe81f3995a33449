"""A stopwatch on what crosses SimCord's simulated wire.

SimCord's request log (`env.http_requests`) has no timestamps, so `Stopwatch` wraps it and
listens to the gateway: every INTERACTION_CREATE and every REST call is stamped with the
simulated clock and `perf_counter`. The bot's handlers run in real time while the simulated
clock only moves when the bot sleeps or the test advances it, so an acknowledgement's delay is
read on both clocks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simcord import Env

INTERACTION_PREFIX = "/interactions/"


@dataclass(frozen=True, slots=True)
class Stamp:
    virtual: datetime  # SimCord's clock
    real: float  # time.perf_counter()


class _StampedLog(list[Any]):
    """SimCord's request list, stamping each request as the router appends it."""

    def __init__(self, env: Env) -> None:
        super().__init__()
        self._env = env
        self.stamps: list[Stamp] = []

    def append(self, item: Any) -> None:
        self.stamps.append(Stamp(self._env.now(), time.perf_counter()))
        super().append(item)


@dataclass(frozen=True, slots=True)
class Ack:
    """From INTERACTION_CREATE to the bot's callback request; None: never acknowledged."""

    virtual_s: float | None
    real_s: float | None

    def within(self, limit_s: float) -> bool:
        return (
            self.virtual_s is not None
            and self.real_s is not None
            and self.virtual_s < limit_s
            and self.real_s < limit_s
        )


@dataclass(frozen=True, slots=True)
class Window:
    """What happened between two moments: the bot's REST calls and its acknowledgements."""

    requests: list[Any]  # simcord HttpLogEntry
    acks: list[Ack]


class Stopwatch:
    """When each interaction was dispatched to the bot and when each REST call was made."""

    def __init__(self, env: Env) -> None:
        self._env = env
        self.log = _StampedLog(env)
        env.backend.http_requests = self.log
        self.dispatched: dict[int, Stamp] = {}  # interaction id -> INTERACTION_CREATE
        env.backend.subscribers.insert(0, self._on_event)  # ahead of the bot's own feed

    def _on_event(self, event: str, payload: Any) -> None:
        if event == "INTERACTION_CREATE":
            self.dispatched[int(payload["id"])] = Stamp(self._env.now(), time.perf_counter())

    def mark(self) -> tuple[int, int]:
        """Where the records stand now; `since(mark)` reads what came after."""
        return len(self.log), len(self.dispatched)

    def since(self, mark: tuple[int, int]) -> Window:
        first_request, first_interaction = mark
        answered: dict[int, Stamp] = {}
        for request, stamp in zip(
            self.log[first_request:], self.log.stamps[first_request:], strict=True
        ):
            if request.path.startswith(INTERACTION_PREFIX) and request.path.endswith("/callback"):
                answered.setdefault(int(request.path.split("/")[2]), stamp)
        acks: list[Ack] = []
        for interaction_id, sent in list(self.dispatched.items())[first_interaction:]:
            done = answered.get(interaction_id)
            if done is None:
                acks.append(Ack(None, None))
            else:
                acks.append(
                    Ack((done.virtual - sent.virtual).total_seconds(), done.real - sent.real)
                )
        return Window(list(self.log[first_request:]), acks)
