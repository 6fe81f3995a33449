"""Typed-mode rounds through SimCord: answers in chat, hints over time, the reveal edit."""

from __future__ import annotations

from typing import Any

import pytest
from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from tests.bot.helpers import GUILD_ID
from tests.bot.round_helpers import (
    bot_messages,
    field,
    message_requests,
    open_question,
    pings,
    right_answer,
)
from trivia.engine import hints
from trivia.storage import Store


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return {"typed_answers_in_chat": True}


async def test_a_right_answer_in_chat_reveals_on_the_question_message(
    env: Env,
    bot: TriviaBot,
    sim_store: Store,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="typed")
    [question] = bot_messages(channel)
    assert question.embeds[0].footer.text == "Type your answer here or use /answer."
    answer = right_answer(bot, channel)

    await bob.send(channel, "definitely not the answer")
    assert bot_messages(channel) == [question]
    assert message_requests(env, channel) == [("POST", f"/channels/{channel.id}/messages")]

    await alice.send(channel, answer.upper())

    first, second = bot_messages(channel)
    reveal = first.embeds[0]
    assert reveal.title == "Question 1/2 · answered"
    assert field(reveal, "Answer") == answer
    assert field(reveal, "Got it").startswith(f"{alice.mention} +")
    assert second.embeds[0].title == "Question 2/2"
    # No reply to the chat message: the reveal edit is the only thing that happened.
    assert channel.history()[-1].id == second.id
    stats = await sim_store.player_stats(GUILD_ID, alice.id)
    assert (stats.correct, stats.answered) == (1, 1)
    assert pings(env, channel) == []


async def test_hints_edit_the_question_message_over_time(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="typed", time=30)
    [question] = bot_messages(channel)
    answer = right_answer(bot, channel)
    written = open_question(bot, channel).question.hint
    clue = f"{written}\n" if written else ""
    offered = int(field(question.embeds[0], "Points"))
    assert not any(f.name == "Hint" for f in question.embeds[0].fields)

    await env.advance_time(10)
    first = channel.history()[-1].embeds[0]
    assert field(first, "Hint") == f"{clue}`{hints.mask(answer, 1)}`"
    assert int(field(first, "Points")) < offered

    await env.advance_time(10)
    second = channel.history()[-1].embeds[0]
    assert field(second, "Hint") == f"{clue}`{hints.mask(answer, 2)}`"
    assert int(field(second, "Points")) < int(field(first, "Points"))
    assert field(second, "Closes") == field(question.embeds[0], "Closes")
    assert len(bot_messages(channel)) == 1

    await env.advance_time(10)
    [closed] = bot_messages(channel)
    reveal, podium = closed.embeds
    assert reveal.title == "Question 1/1 · time's up"
    assert field(reveal, "Got it") == "Nobody."
    assert podium.description == "Nobody scored this round."
    edits = [r for r in message_requests(env, channel) if r[0] == "PATCH"]
    assert len(edits) == 3  # two hints and the reveal


async def test_answer_command_replies_privately(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor, bob: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="typed")
    answer = right_answer(bot, channel)

    wrong = await bob.slash(channel, "answer", text="Someone Else")
    assert wrong.ephemeral and wrong.response.content == "Not quite."

    right = await bob.slash(channel, "answer", text=answer)
    assert right.ephemeral and right.response.content.startswith("Correct! +")
    first, _second = bot_messages(channel)
    assert field(first.embeds[0], "Got it").startswith(bob.mention)


async def test_everyone_in_an_answer_pings_nobody(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor, bob: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="typed")

    by_command = await bob.slash(channel, "answer", text="@everyone")
    assert by_command.response.content == "Not quite."
    await bob.send(channel, "@everyone @here")
    await alice.send(channel, right_answer(bot, channel))

    assert len(bot_messages(channel)) == 1  # the question, revealed with the podium
    assert pings(env, channel) == []
    assert not by_command.response.message.mention_everyone
