"""The chat-answer path stays lean: no prefix-command parsing, no timer churn after a verdict."""

from __future__ import annotations

from typing import Any

import pytest
from simcord import ChannelHandle, MemberActor

from bot.channel_rounds.timer import RoundTimer
from bot.client import TriviaBot
from tests.bot.round_helpers import bot_messages, right_answer


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"typed_answers_in_chat": True}


async def test_chat_messages_skip_prefix_command_processing(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor, monkeypatch: pytest.MonkeyPatch
) -> None:
    processed: list[object] = []

    async def recording(message: object) -> None:
        processed.append(message)

    monkeypatch.setattr(bot, "process_commands", recording)
    await alice.slash(channel, "trivia start", questions=2, mode="typed")
    await alice.send(channel, "just chatting")
    assert processed == []


async def test_a_plain_verdict_leaves_the_timer_asleep_and_a_close_wakes_it(
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="typed")
    wakes: list[str] = []
    wake = RoundTimer.wake

    def counting(timer: RoundTimer) -> None:
        wakes.append("wake")
        wake(timer)

    monkeypatch.setattr(RoundTimer, "wake", counting)
    await bob.send(channel, "definitely not the answer")
    await bob.send(channel, "still not it")
    assert wakes == []

    await alice.send(channel, right_answer(bot, channel))
    assert wakes
    assert len(bot_messages(channel)) == 2  # the timer still asked question 2 after the pause
