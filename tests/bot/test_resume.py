"""Restarts: a round saved at shutdown (or lost in a crash) carries on in a second bot built on
the same database file; a round whose channel is gone is abandoned."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.config import Config
from bot.render.rounds import RESTARTING, RESUMED_FOOTER
from tests.bot.helpers import SimClock
from tests.bot.round_helpers import bot_messages, field, open_question, right_label, wrong_label
from trivia.content.library import Library
from trivia.records import RoundStatus
from trivia.storage import Store


@pytest.fixture
async def second_store(tmp_path: Path, sim_store: Store) -> AsyncIterator[Store]:
    """Another connection to the same database file, as a restarted process would open."""
    reopened = await Store.open(tmp_path / "trivia.db")
    yield reopened
    await reopened.close()


@pytest.fixture
def restarted_bot(
    config: Config, second_store: Store, library: Library, sim_clock: SimClock
) -> Callable[[], TriviaBot]:
    return lambda: TriviaBot(config, second_store, library, clock=sim_clock)


async def _status(store: Store, round_id: int) -> RoundStatus | None:
    running = {r.round_id for r in await store.resumable_rounds()}
    return RoundStatus.RUNNING if round_id in running else None


async def test_a_round_resumes_after_a_restart(
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    second_store: Store,
    restarted_bot: Callable[[], TriviaBot],
) -> None:
    await alice.slash(channel, "trivia start", questions=3, mode="choice")
    await alice.click(channel.last_message, label=right_label(bot, channel))
    await env.advance_time(30)
    interrupted = channel.last_message
    asked = open_question(bot, channel)
    await bob.click(interrupted, label=wrong_label(bot, channel))  # committed at shutdown
    round_id = bot.driver.get(channel.id).round_id

    await bot.driver.shutdown()

    assert interrupted.id != channel.last_message.id
    assert channel.last_message.content == RESTARTING
    closed = env.backend.get_message(channel.id, interrupted.id)
    assert "closed for a restart" in closed.embeds[0]["title"]
    buttons = [button for row in closed.components for button in row["components"]]
    assert buttons and all(button["disabled"] for button in buttons)
    assert await _status(second_store, round_id) is RoundStatus.RUNNING

    new_bot = restarted_bot()
    await env.restart_bot(new_bot)

    resumed = channel.last_message
    assert resumed.embeds[0].title == "Question 3/3"
    assert resumed.embeds[0].description != asked.question.text
    assert RESUMED_FOOTER in resumed.embeds[0].footer.text
    live = new_bot.driver.get(channel.id)
    assert live is not None and live.round_id == round_id and live.started_by == alice.id
    assert {s.user_id for s in live.round.standings()} == {alice.id, bob.id}
    assert await second_store.player_stats(channel.guild.id, bob.id)  # bob's answer was kept

    relocked = await bob.click(resumed, label=right_label(new_bot, channel))
    assert relocked.response.content.startswith("Locked in:")
    await env.advance_time(60)

    podium = channel.last_message.embeds[-1]
    assert podium.title == "Round over"
    assert alice.mention in field(podium, "Podium") and bob.mention in field(podium, "Podium")
    assert await _status(second_store, round_id) is None


async def test_clicks_on_a_message_from_before_a_crash(
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    restarted_bot: Callable[[], TriviaBot],
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="choice")
    before_crash = channel.last_message
    label = right_label(bot, channel)

    await env.restart_bot(restarted_bot())  # no shutdown: the old buttons stay live

    new_bot = env.bot
    assert channel.last_message.id != before_crash.id
    same_question = await alice.click(before_crash, label=label)
    assert same_question.response.content == f"Locked in: {label}"
    await env.advance_time(30)
    late = await bob.click(before_crash, label=label)
    assert late.response.content == "Too late: that question has closed."
    assert new_bot.driver.get(channel.id).round.current.number == 2


async def test_a_round_whose_channel_is_gone_is_abandoned(
    env: Env,
    guild: GuildHandle,
    bot: TriviaBot,
    alice: MemberActor,
    second_store: Store,
    restarted_bot: Callable[[], TriviaBot],
    caplog: pytest.LogCaptureFixture,
) -> None:
    doomed = guild.create_text_channel("doomed")
    await alice.slash(doomed, "trivia start", questions=2)
    round_id = bot.driver.get(doomed.id).round_id
    await bot.driver.shutdown()
    env.backend.delete_channel(doomed.id)

    new_bot = restarted_bot()
    await env.restart_bot(new_bot)

    assert new_bot.driver.get(doomed.id) is None
    assert await _status(second_store, round_id) is None
    assert any("is gone" in r.getMessage() for r in caplog.records)


async def test_a_channel_deleted_mid_round_ends_the_round(
    env: Env,
    guild: GuildHandle,
    bot: TriviaBot,
    alice: MemberActor,
    sim_store: Store,
    caplog: pytest.LogCaptureFixture,
) -> None:
    doomed = guild.create_text_channel("doomed")
    await alice.slash(doomed, "trivia start", questions=2)
    round_id = bot.driver.get(doomed.id).round_id

    env.backend.delete_channel(doomed.id)
    await env.advance_time(30)

    assert bot.driver.get(doomed.id) is None
    assert await _status(sim_store, round_id) is None
    assert len(bot.driver) == 0
    assert any("is gone" in r.getMessage() for r in caplog.records)


async def test_shutdown_with_no_rounds_and_resume_with_none(
    env: Env, bot: TriviaBot, channel: ChannelHandle, sim_store: Store
) -> None:
    await bot.driver.shutdown()
    await bot.driver.resume_all()

    assert len(bot.driver) == 0
    assert bot_messages(channel) == []
    assert await sim_store.resumable_rounds() == []
