"""Restarts: a round saved at shutdown (or lost in a crash) carries on in a second bot built on
the same database file; a round whose channel is gone is abandoned."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import discord
import pytest
from simcord import ChannelHandle, Env, GuildHandle, MemberActor, UserHandle
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from bot.client import TriviaBot
from bot.config import Config
from bot.render.rounds import RESTARTING, RESUMED_FOOTER
from tests.bot.helpers import PAUSE, SimClock
from tests.bot.round_helpers import bot_messages, field, open_question, right_label, wrong_label
from trivia.content.library import Library
from trivia.records import RoundStatus
from trivia.storage import Store, open_store


@pytest.fixture
async def second_store(sim_database: str | Path, sim_store: Store) -> AsyncIterator[Store]:
    """Another connection to the same database, as a restarted process would open."""
    reopened = await open_store(sim_database)
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
    await env.advance_time(30 + PAUSE)
    interrupted = channel.last_message
    asked = open_question(bot, channel)
    await bob.click(interrupted, label=wrong_label(bot, channel))  # a pick, stored at once
    round_id = bot.driver.get(channel.id).round_id

    await bot.driver.shutdown()

    assert interrupted.id != channel.last_message.id
    assert channel.last_message.content == RESTARTING
    closed = env.backend.get_message(channel.id, interrupted.id)
    assert "closed for a restart" in closed.embeds[0]["title"]
    options, report = closed.components  # the option buttons, and the reveal's Report below
    assert options["components"] and all(button["disabled"] for button in options["components"])
    assert [button["label"] for button in report["components"]] == ["Report"]
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
    await env.advance_time(30)

    podium = channel.last_message.embeds[-1]
    assert podium.title == "Round over"
    assert alice.mention in field(podium, "Podium") and bob.mention in field(podium, "Podium")
    assert await _status(second_store, round_id) is None


async def test_after_a_crash_the_old_question_message_is_retired(
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
    await bob.click(before_crash, label=label)  # locked in before the crash

    await env.restart_bot(restarted_bot())  # a crash: no shutdown

    new_bot = env.bot
    retired = env.backend.get_message(channel.id, before_crash.id)
    assert "interrupted" in retired.embeds[0]["title"]
    buttons = [button for row in retired.components for button in row["components"]]
    assert buttons and all(button["disabled"] for button in buttons)
    asked_again = channel.last_message
    assert asked_again.id != before_crash.id
    assert asked_again.embeds[0].title == "Question 1/2"
    again = await bob.click(asked_again, label=right_label(new_bot, channel))
    assert again.response.content == "You already answered this question."
    await env.advance_time(30)
    reveal = env.backend.get_message(channel.id, asked_again.id).embeds[0]
    assert bob.mention in next(f["value"] for f in reveal["fields"] if f["name"] == "Got it")
    await env.advance_time(PAUSE)
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
    await bot.driver.resume_all(await bot.driver.expect_resume())

    assert len(bot.driver) == 0
    assert bot_messages(channel) == []
    assert await sim_store.resumable_rounds() == []


async def test_a_reveal_owed_at_a_crash_is_shown_once_after_the_restart(
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    second_store: Store,
    restarted_bot: Callable[[], TriviaBot],
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="typed")
    [question] = bot_messages(channel)
    env.inject_error("PATCH", f"/channels/{channel.id}/messages/*", status=503, times=None)
    right = await alice.slash(
        channel, "answer", text=open_question(bot, channel).question.canonical
    )
    assert right.response.content.startswith("Correct! +")  # committed, not yet revealed
    still = env.backend.get_message(channel.id, question.id)
    assert still.embeds[0]["title"] == "Question 1/2"

    env.backend.faults.clear()
    before_restart = len(env.http_requests)
    await env.restart_bot(restarted_bot())  # a crash: the reveal is still owed

    revealed = env.backend.get_message(channel.id, question.id).embeds[0]
    assert revealed["title"] == "Question 1/2 · answered"
    got_it = next(f["value"] for f in revealed["fields"] if f["name"] == "Got it")
    assert got_it.startswith(alice.mention)
    await env.advance_time(PAUSE)
    assert channel.last_message.embeds[0].title == "Question 2/2"
    edits = [
        r
        for r in env.http_requests[before_restart:]
        if r.method == "PATCH" and r.path.endswith(f"/messages/{question.id}")
    ]
    assert len(edits) == 1  # shown once


async def test_a_permission_lost_mid_round_ends_it_and_tells_the_starter(
    env: Env,
    guild: GuildHandle,
    bot: TriviaBot,
    alice: MemberActor,
    sim_store: Store,
) -> None:
    room = guild.create_text_channel("room")
    await alice.slash(room, "trivia start", questions=2, mode="choice")
    await alice.click(room.last_message, label=right_label(bot, room))
    round_id = bot.driver.get(room.id).round_id
    me = guild.me
    assert me is not None
    send = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(room.id, Overwrite(me.id, OverwriteType.MEMBER, deny=send))

    await env.advance_time(30 + PAUSE)  # question 1 is revealed; question 2 cannot be posted

    assert bot.driver.get(room.id) is None
    assert await _status(sim_store, round_id) is None
    assert (await sim_store.player_stats(room.guild.id, alice.id)).points > 0  # kept
    [told] = UserHandle(env, env.backend.get_user(alice.id)).dm_channel.history()
    assert told.content.startswith(f"Your trivia round in <#{room.id}> has ended")


async def test_a_podium_owed_when_the_bot_died_is_shown_after_the_restart(
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    second_store: Store,
    restarted_bot: Callable[[], TriviaBot],
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="typed")
    [question] = bot_messages(channel)
    env.inject_error("*", f"/channels/{channel.id}/messages*", status=503, times=None)
    answer = open_question(bot, channel).question.canonical
    right = await alice.slash(channel, "answer", text=answer)
    assert right.response.content.startswith("Correct! +")  # the round ended in the database
    assert await second_store.resumable_rounds() == []
    assert len(bot_messages(channel)) == 1  # neither the reveal nor the podium got out

    env.backend.faults.clear()
    await env.restart_bot(restarted_bot())

    revealed = env.backend.get_message(channel.id, question.id).embeds[0]
    assert revealed["title"] == "Question 1/1 · answered"
    [_, podium] = bot_messages(channel)
    assert podium.embeds[0].title == "Round over"
    assert await second_store.rounds_owing() == []
