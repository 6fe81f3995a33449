"""The bot's hot-path variants a gateway benchmark compares within one run.

`before` puts back, for the duration, what the chat and click paths did before they were
made lean: discord.py's prefix-command processing on every chat message
(`commands.Bot.on_message`), a timer wake after every step however small, and the standard
library's JSON. `lean` is the code as it is; `lean + orjson` adds discord.py's `speed` extra
(orjson), when it is installed.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import discord
from discord.ext import commands

from bot.channel_rounds.driver import RoundDriver
from bot.client import TriviaBot
from trivia.engine.events import HintShown
from trivia.service.round_service import StepResult

orjson: Any = (
    importlib.import_module("orjson") if importlib.util.find_spec("orjson") else None
)  # discord.py's speed extra, optional

BEFORE, LEAN, ORJSON = "before", "lean", "lean + orjson"


def _wake_always(self: RoundDriver, result: StepResult, *, rearm: bool | None = None) -> None:
    """`RoundDriver._after` as it was: the timer is woken after every step."""
    side = self._sides.get(result.round_id)
    if side is None:
        return
    side.announcer.owe(result.owed, [e for e in result.events if isinstance(e, HintShown)])
    if rearm is not False and not result.finished:
        side.timer.wake()
    elif result.finished:
        side.timer.cancel()


def _stdlib_to_json(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True)


def _orjson_to_json(obj: Any) -> str:
    assert orjson is not None
    text: str = orjson.dumps(obj).decode("utf-8")
    return text


def available() -> tuple[str, ...]:
    return (BEFORE, LEAN, ORJSON) if orjson is not None else (BEFORE, LEAN)


@contextmanager
def variant(name: str) -> Iterator[None]:
    """Patch the bot's classes and discord.py's JSON hooks into `name`, then restore them."""
    saved: list[tuple[Any, str, object]] = []

    def patch(owner: Any, attr: str, value: object) -> None:
        saved.append((owner, attr, getattr(owner, attr)))
        setattr(owner, attr, value)

    loads: Callable[[str | bytes], Any] = json.loads
    dumps: Callable[[Any], str] = _stdlib_to_json
    if name == ORJSON:
        assert orjson is not None
        loads, dumps = orjson.loads, _orjson_to_json
    patch(discord.utils, "_from_json", loads)
    patch(discord.utils, "_to_json", dumps)
    if name == BEFORE:
        patch(TriviaBot, "on_message", commands.Bot.on_message)
        patch(RoundDriver, "_after", _wake_always)
    try:
        yield
    finally:
        for owner, attr, value in reversed(saved):
            setattr(owner, attr, value)
