"""Reporting a question through SimCord: the Report button on every reveal, its form, the
moderators' /trivia reports, and the threshold that leaves a reported question out."""

from __future__ import annotations

import discord
from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from bot.views.reports import ALREADY, THANKS
from tests.bot.helpers import GUILD_ID, only_embed
from tests.bot.round_helpers import bot_messages, open_question, pings
from trivia.content.library import fingerprint
from trivia.storage import Store


def _labels(message: discord.Message) -> list[str]:
    return [c.label or "" for row in message.components for c in row.children]  # type: ignore[union-attr]


async def _reveal_one(env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor,
                      mode: str = "choice") -> tuple[discord.Message, str]:  # fmt: skip
    await alice.slash(channel, "trivia start", questions=2, mode=mode)
    question_id = open_question(bot, channel).question.id
    await env.advance_time(30)
    [message] = [m for m in bot_messages(channel) if "Question 1/2 ·" in (m.embeds[0].title or "")]
    return message, question_id


async def test_a_player_reports_a_question_from_its_reveal(
    env: Env, bot: TriviaBot, sim_store: Store, channel: ChannelHandle,
    alice: MemberActor, admin: MemberActor,
) -> None:  # fmt: skip
    reveal, question_id = await _reveal_one(env, bot, channel, alice)
    assert "Report" in _labels(reveal)

    form = await alice.click(reveal, label="Report")
    thanks = await alice.submit_modal(form, {"kind": ["answer"], "details": "It is @everyone <@1>"})

    assert thanks.ephemeral and thanks.response.content == THANKS.format(number=1)
    [report] = await sim_store.open_reports(GUILD_ID)
    assert (report.question_id, report.user_id, report.kind.value) == (
        question_id, alice.id, "answer",
    )  # fmt: skip
    assert report.set_version == fingerprint(bot.library.sets[report.set_id])
    again = await alice.submit_modal(await alice.click(reveal, label="Report"), {"kind": ["typo"]})
    assert again.ephemeral and again.response.content == ALREADY

    listing = await admin.slash(channel, "trivia reports")
    assert listing.ephemeral
    embed = only_embed(listing)
    assert embed.description == "1 open report on 1 question"
    [entry] = embed.fields
    assert entry.name.startswith(f"#{report.id} · ") and "1 report" in entry.name
    assert "answer ×1" in entry.value and "@\u200beveryone" in entry.value
    assert len(embed) <= 6000
    assert pings(env, channel) == []

    done = await admin.slash(channel, "trivia reports", resolve=report.id)
    assert done.ephemeral and done.response.content.startswith("Resolved 1 report on")
    assert await sim_store.open_reports(GUILD_ID) == []
    gone = await admin.slash(channel, "trivia reports", dismiss=report.id)
    assert gone.response.content == f"There is no open report #{report.id} in this server."


async def test_typed_reveals_have_a_report_button_too(
    env: Env, bot: TriviaBot, channel: ChannelHandle, alice: MemberActor
) -> None:
    reveal, _ = await _reveal_one(env, bot, channel, alice, mode="typed")
    assert _labels(reveal) == ["Report"]


async def test_only_moderators_review_reports(
    channel: ChannelHandle, alice: MemberActor, sim_store: Store
) -> None:
    for options in ({}, {"resolve": 1}, {"dismiss": 1}):
        refused = await alice.slash(channel, "trivia reports", **options)
        assert refused.ephemeral and "Manage Server" in refused.response.content


async def test_a_question_reported_enough_is_left_out_until_resolved(
    env: Env, bot: TriviaBot, sim_store: Store, channel: ChannelHandle,
    alice: MemberActor, bob: MemberActor, admin: MemberActor,
) -> None:  # fmt: skip
    await admin.slash(channel, "trivia settings", report_threshold=2)
    reveal, question_id = await _reveal_one(env, bot, channel, alice)
    for player in (alice, bob):
        await player.submit_modal(await player.click(reveal, label="Report"), {"kind": ["typo"]})
    await admin.slash(channel, "trivia stop")

    await alice.slash(channel, "trivia start", questions=50)
    live = bot.driver.get(channel.id)
    assert live is not None and question_id not in {q.id for q in live.round.questions}
    await admin.slash(channel, "trivia stop")

    [report, _] = await sim_store.open_reports(GUILD_ID)
    await admin.slash(channel, "trivia reports", dismiss=report.id)
    assert await sim_store.reported_questions(GUILD_ID, 2) == set()
