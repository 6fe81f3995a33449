"""The real bot under a hostile world: a database that fails or stalls, a Discord that stalls.

Whatever happens, every interaction is acknowledged within Discord's 3 seconds, nothing is
announced that the database does not hold, and the round goes on once the fault is over.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from simcord import ChannelHandle, Env, InteractionResult, MemberActor

from bot.channel_rounds.timer import RETRY_DELAY
from bot.client import TriviaBot
from bot.config import Config
from tests.bot.helpers import GUILD_ID, PAUSE, SimClock
from tests.bot.round_helpers import bot_messages, field, open_question, right_label, wrong_label
from tests.bot.stopwatch import Stopwatch
from tests.faults import FaultyStore, SlowDiscord
from trivia.content.library import Library
from trivia.engine.settings import GuildSettings
from trivia.storage import Store

STALL = 5.0  # seconds: longer than Discord's 3 s limit on acknowledgements
ACK_LIMIT = 3.0


@pytest.fixture
def faulty(sim_store: Store) -> FaultyStore:
    return FaultyStore(sim_store)


@pytest.fixture
def bot(config: Config, faulty: FaultyStore, library: Library, sim_clock: SimClock) -> TriviaBot:
    return TriviaBot(config, faulty, library, clock=sim_clock)  # type: ignore[arg-type]


@pytest.fixture
def stopwatch(env: Env) -> Stopwatch:
    return Stopwatch(env)


@pytest.fixture
def slow_discord(bot: TriviaBot, env: Env) -> Iterator[SlowDiscord]:
    slow = SlowDiscord(bot.http.request)
    bot.http.request = slow.request  # type: ignore[method-assign]
    yield slow


def reply_text(result: InteractionResult) -> str:
    """The reply the player finally sees: a followup after a defer, else the response."""
    if result.followups:
        return result.followups[-1].content
    assert result.response is not None
    return result.response.content


def slowest_ack(stopwatch: Stopwatch, mark: tuple[int, int]) -> float:
    acks = stopwatch.since(mark).acks
    assert acks and all(a.virtual_s is not None for a in acks), "an interaction went unanswered"
    return max(a.virtual_s or 0.0 for a in acks)


async def test_a_failed_write_announces_nothing_and_the_round_goes_on(
    env: Env,
    bot: TriviaBot,
    faulty: FaultyStore,
    sim_store: Store,
    channel: ChannelHandle,
    alice: MemberActor,
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="choice", time=30)
    [question] = bot_messages(channel)
    await alice.click(question, label=right_label(bot, channel))

    faulty.fail("apply_step")  # the disk is full when question 1 closes
    await env.advance_time(30)
    still_open = env.backend.get_message(channel.id, question.id)
    assert still_open.embeds[0]["title"] == "Question 1/2"  # no reveal of unsaved points
    assert (await sim_store.player_stats(GUILD_ID, alice.id)).points == 0
    assert open_question(bot, channel).number == 1

    faulty.recover()
    await env.advance_time(RETRY_DELAY)
    reveal = env.backend.get_message(channel.id, question.id).embeds[0]
    assert reveal["title"].startswith("Question 1/2 ·")
    points = (await sim_store.player_stats(GUILD_ID, alice.id)).points
    got_it = next(f["value"] for f in reveal["fields"] if f["name"] == "Got it")
    assert got_it == f"{alice.mention} +{points} points" and points > 0
    await env.advance_time(PAUSE)
    assert open_question(bot, channel).number == 2


async def test_a_stalled_database_still_gets_every_interaction_answered_in_time(
    env: Env,
    bot: TriviaBot,
    faulty: FaultyStore,
    sim_store: Store,
    stopwatch: Stopwatch,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
) -> None:
    mark = stopwatch.mark()
    faulty.stall = STALL  # every database call waits 5 s (the write lock is held elsewhere)
    start = await alice.slash(channel, "trivia start", questions=2, mode="choice", time=30)
    await env.advance_time(STALL * 2)
    assert "started" in reply_text(start)
    [question] = bot_messages(channel)
    right, wrong = right_label(bot, channel), wrong_label(bot, channel)
    clicked = await alice.click(question, label=right)
    await env.advance_time(STALL)
    missed = await bob.click(question, label=wrong)
    await env.advance_time(STALL)
    skipped = await alice.slash(channel, "trivia skip")
    await env.advance_time(STALL * 2)

    assert slowest_ack(stopwatch, mark) < ACK_LIMIT
    assert reply_text(clicked) == f"Locked in: {right}"
    assert reply_text(missed).startswith("Locked in:")
    assert reply_text(skipped) == "Question skipped."
    faulty.recover()
    await env.advance_time(PAUSE + 30)
    assert bot.driver.get(channel.id) is None  # the round carried on to its end
    assert channel.last_message.embeds[0].title == "Round over"


async def test_a_stalled_discord_still_gets_every_interaction_answered_in_time(
    env: Env,
    bot: TriviaBot,
    slow_discord: SlowDiscord,
    stopwatch: Stopwatch,
    sim_store: Store,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
) -> None:
    # A pause longer than SimCord lets time run while it settles each interaction.
    await sim_store.save_guild_settings(GUILD_ID, GuildSettings(reveal_pause=20))
    await alice.slash(channel, "trivia start", questions=2, mode="typed", time=30)
    answer = open_question(bot, channel).question.canonical
    mark = stopwatch.mark()
    slow_discord.delay = STALL  # the reveal edit will take 5 s to be accepted
    won = await alice.slash(channel, "answer", text=answer)
    late = await bob.slash(channel, "answer", text=answer)
    skip = await bob.slash(channel, "trivia skip")
    await env.advance_time(STALL * 2)

    assert slowest_ack(stopwatch, mark) < ACK_LIMIT
    assert won.response.content.startswith("Correct! +")
    assert late.response.content == f"Too late: {alice.mention} got it first."
    assert skip.response.content.startswith("Only ")  # bob did not start it: refused at once
    slow_discord.delay = 0.0
    await env.advance_time(20 + 30)
    first = bot_messages(channel)[0]
    assert field(first.embeds[0], "Got it").startswith(alice.mention)
    assert (await sim_store.player_stats(GUILD_ID, alice.id)).correct == 1
