"""Round writes for storage tests, in the shape the old one-purpose calls had: each builds the
`RoundStep` the round service would send and applies it under the test lease."""

from __future__ import annotations

from typing import Any

from trivia.engine.events import QuestionClosed, RoundEnded
from trivia.engine.settings import RoundSettings
from trivia.storage import Store
from trivia.storage.round_steps import Lease, NewRound, RoundStep

LEASE = Lease("tests", 1)


async def start_round(
    store: Store,
    guild_id: int,
    channel_id: int,
    set_id: str,
    started_by: int,
    settings: RoundSettings,
    state: dict[str, Any],
) -> int:
    new = NewRound(guild_id, channel_id, set_id, started_by, settings, state, LEASE)
    round_id, _ = await store.create_round(new)
    return round_id


async def close_question(
    store: Store, round_id: int, closed: QuestionClosed, state: dict[str, Any]
) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state, closed=closed))


async def save_state(store: Store, round_id: int, state: dict[str, Any]) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state))


async def end_round(
    store: Store, round_id: int, ended: RoundEnded, state: dict[str, Any] | None = None
) -> None:
    await store.apply_step(RoundStep(round_id, LEASE, state, ended=ended))
