"""/trivia start with a difficulty and a topic through SimCord: the draw is filtered, topics
are offered from the set's tags, and too few matching questions get a clear private refusal."""

from __future__ import annotations

from simcord import ChannelHandle, MemberActor

from bot.client import TriviaBot
from trivia.models import Difficulty

SET_ID = "jessica-jones-s3"


def _hard_count(bot: TriviaBot) -> int:
    return sum(q.difficulty is Difficulty.HARD for q in bot.library.sets[SET_ID].questions)


async def test_a_round_of_hard_questions(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    result = await alice.slash(channel, "trivia start", questions=3, difficulty="hard")

    assert not result.ephemeral
    live = bot.driver.get(channel.id)
    assert live is not None and len(live.round.questions) == 3
    assert {q.difficulty for q in live.round.questions} == {Difficulty.HARD}


async def test_a_round_on_one_topic_offered_by_autocomplete(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    offered = await alice.autocomplete(channel, "trivia start", "topic", "seas", set=SET_ID)
    values = [c["value"] for c in offered]
    assert "season-3" in values and all("seas" in v for v in values)
    assert any(c["name"].startswith("season-3 (") for c in offered)

    await alice.slash(channel, "trivia start", questions=2, topic="season-3", difficulty="mixed")

    live = bot.driver.get(channel.id)
    assert live is not None and all("season-3" in q.tags for q in live.round.questions)


async def test_too_few_matching_questions_are_refused_with_the_count(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    hard = _hard_count(bot)
    result = await alice.slash(channel, "trivia start", questions=hard + 1, difficulty="hard")

    assert result.ephemeral
    assert result.response.content.startswith(f"Only {hard} hard questions in")
    assert f"questions:{hard}" in result.response.content
    assert bot.driver.get(channel.id) is None


async def test_a_topic_nobody_wrote_is_refused(
    bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    result = await alice.slash(channel, "trivia start", topic="@everyone cooking")

    assert result.ephemeral
    assert result.response.content.startswith("No questions on @\u200beveryone cooking in")
    assert bot.driver.get(channel.id) is None
