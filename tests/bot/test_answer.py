"""/answer in every mode, and chat messages when typed answers in chat are off (the default)."""

from __future__ import annotations

from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from tests.bot.round_helpers import bot_messages, open_question, right_answer, right_label


async def test_answer_with_no_round_running(channel: ChannelHandle, alice: MemberActor) -> None:
    result = await alice.slash(channel, "answer", text="Krysten Ritter")

    assert result.ephemeral
    assert result.response.content == "No question is open here right now."


async def test_answer_a_letter_in_choice_mode(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="choice")
    label = right_label(bot, channel)

    locked = await alice.slash(channel, "answer", text=label[0].lower())
    again = await alice.slash(channel, "answer", text=open_question(bot, channel).choices[0])
    nonsense = await alice.slash(channel, "answer", text="E")

    assert locked.ephemeral and locked.response.content == f"Locked in: {label}"
    assert again.response.content == "You already answered this question."
    assert nonsense.response.content == "You already answered this question."


async def test_an_option_that_does_not_exist_is_not_locked_in(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="choice")

    result = await alice.slash(channel, "answer", text="E")
    retry = await alice.slash(channel, "answer", text=right_answer(bot, channel))

    assert result.response.content.startswith("That is not one of the options: answer A, B, C")
    assert retry.response.content == f"Locked in: {right_label(bot, channel)}"


async def test_chat_messages_are_not_answers_unless_configured(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="typed")
    [question] = bot_messages(channel)
    assert question.embeds[0].footer.text == "Answer with /answer."

    await alice.send(channel, right_answer(bot, channel))

    assert bot.driver.get(channel.id) is not None
    assert bot_messages(channel)[0].embeds[0].title == "Question 1/1"


async def test_answer_after_the_round_ended(
    env: Env, channel: ChannelHandle, alice: MemberActor
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="typed")
    await env.advance_time(30)

    result = await alice.slash(channel, "answer", text="anything")

    assert result.response.content == "No question is open here right now."
