"""Choice-mode rounds through SimCord: buttons, reveals, the podium and the REST budget."""

from __future__ import annotations

import discord
from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.render.rounds import MEDALS
from tests.bot.helpers import GUILD_ID, PAUSE
from tests.bot.round_helpers import (
    bot_messages,
    field,
    message_requests,
    open_question,
    pings,
    right_label,
    wrong_label,
)
from trivia.engine.settings import GuildSettings
from trivia.storage import Store


def _buttons(message: discord.Message) -> list[discord.Button]:
    """The option buttons (the first row; a reveal adds its Report button below)."""
    return list(message.components[0].children)  # type: ignore[union-attr,arg-type]


async def test_a_full_round_with_three_players(
    env: Env,
    bot: TriviaBot,
    sim_store: Store,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
) -> None:
    players = (alice, bob, admin)
    start = await alice.slash(channel, "trivia start", questions=3, mode="choice", time=30)
    assert not start.ephemeral and "3 questions, choice mode" in start.response.content

    # Question 1: alice right at once (then clicks again), bob wrong, admin right later.
    [q1] = bot_messages(channel)
    assert q1.embeds[0].title == "Question 1/3"
    assert field(q1.embeds[0], "Closes").startswith("<t:")
    assert [b.label[0] for b in _buttons(q1)] == ["A", "B", "C", "D"]
    locked = await alice.click(q1, label=right_label(bot, channel))
    assert locked.ephemeral and locked.response.content == f"Locked in: {right_label(bot, channel)}"
    again = await alice.click(q1, label=wrong_label(bot, channel))
    assert again.ephemeral and again.response.content == "You already answered this question."
    await bob.click(q1, label=wrong_label(bot, channel))
    await env.advance_time(10)
    await admin.click(q1, label=right_label(bot, channel))
    question = open_question(bot, channel).question
    await env.advance_time(20)

    q1 = channel.last_message  # the reveal is readable for a pause before question 2
    reveal = q1.embeds[0]
    assert reveal.title == "Question 1/3 · time's up"
    assert field(reveal, "Answer") == question.canonical
    assert field(reveal, "Why") == question.explanation
    got_it = field(reveal, "Got it").splitlines()
    assert [line.split()[0] for line in got_it] == [alice.mention, admin.mention]
    article = bot.library.sets["jessica-jones-s3"].source.title
    assert reveal.footer.text.startswith(f"Source: {article}, paragraph")
    assert all(b.disabled for b in _buttons(q1))
    assert [b.style for b in _buttons(q1)].count(discord.ButtonStyle.success) == 1
    await env.advance_time(PAUSE)

    # Question 2: bob right; its reveal edit fails, so its buttons stay live for a late click.
    q2 = channel.last_message
    assert q2.embeds[0].title == "Question 2/3"
    await bob.click(q2, label=right_label(bot, channel))
    q2_late_label = wrong_label(bot, channel)
    env.inject_error(
        "PATCH",
        f"/channels/{channel.id}/messages/{q2.id}",
        status=403,
        code=50013,
        message="Missing Permissions",
    )
    await env.advance_time(30)
    late = await admin.click(q2, label=q2_late_label)
    assert late.ephemeral and late.response.content == "Too late: that question has closed."
    await env.advance_time(PAUSE)

    # Question 3: nobody answers; then the podium.
    assert channel.last_message.embeds[0].title == "Question 3/3"
    await env.advance_time(30)
    podium = channel.last_message.embeds[-1]
    assert podium.title == "Round over"
    lines = field(podium, "Podium").splitlines()
    assert len(lines) == 3
    points = {m.mention: (await sim_store.player_stats(GUILD_ID, m.id)).points for m in players}
    for line in lines:
        medal, who, rest = line.split(maxsplit=2)
        rank = 1 + sum(p > points[who.rstrip(":")] for p in points.values())
        assert medal == MEDALS[rank]
        assert rest.startswith(f"{points[who.rstrip(':')]} points")
    assert bot.driver.get(channel.id) is None

    alice_stats = await sim_store.player_stats(GUILD_ID, alice.id)
    assert (alice_stats.correct, alice_stats.answered) == (1, 1)
    bob_stats = await sim_store.player_stats(GUILD_ID, bob.id)
    assert (bob_stats.correct, bob_stats.answered) == (1, 2)
    admin_stats = await sim_store.player_stats(GUILD_ID, admin.id)
    assert (admin_stats.correct, admin_stats.answered) == (1, 1)
    assert alice_stats.points > admin_stats.points  # same question, alice was faster
    assert alice_stats.rounds_played == bob_stats.rounds_played == admin_stats.rounds_played == 1

    # One message per question plus one edit (the failed one included), and the podium.
    requests = message_requests(env, channel)
    assert requests.count(("POST", f"/channels/{channel.id}/messages")) == 3 + 1
    assert len(requests) == 2 * 3 + 1
    for message in bot_messages(channel)[:3]:
        edit = ("PATCH", f"/channels/{channel.id}/messages/{message.id}")
        assert requests.count(edit) == 1


async def test_every_round_message_pings_nobody(
    env: Env, channel: ChannelHandle, alice: MemberActor, bot: TriviaBot
) -> None:
    await alice.slash(channel, "trivia start", questions=1, mode="choice")
    await alice.click(channel.last_message, label=right_label(bot, channel))
    await env.advance_time(30)

    bodies = [r.json for r in env.http_requests if r.path.startswith(f"/channels/{channel.id}/")]
    assert bodies and all(body["allowed_mentions"] == {"parse": []} for body in bodies)
    assert pings(env, channel) == []


async def test_a_second_start_in_the_same_channel_is_refused(
    env: Env, channel: ChannelHandle, alice: MemberActor, bob: MemberActor, bot: TriviaBot
) -> None:
    await alice.slash(channel, "trivia start", questions=2)
    first = bot.driver.get(channel.id)

    second = await bob.slash(channel, "trivia start")

    assert second.ephemeral
    assert second.response.content == "A round is already running here; wait for it to end."
    assert bot.driver.get(channel.id) is first
    assert len(bot_messages(channel)) == 1


async def test_rounds_in_two_channels_run_side_by_side(
    env: Env,
    guild: GuildHandle,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    bot: TriviaBot,
) -> None:
    other = guild.create_text_channel("trivia-2")
    await alice.slash(channel, "trivia start", questions=1)
    await bob.slash(other, "trivia start", questions=1)

    assert len(bot.driver) == 2
    await env.advance_time(30)
    assert channel.last_message.embeds[-1].title == "Round over"
    assert other.last_message.embeds[-1].title == "Round over"


async def test_only_the_starter_or_a_manager_can_stop_or_skip(
    env: Env,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
    bot: TriviaBot,
) -> None:
    await alice.slash(channel, "trivia start", questions=3)

    refused = await bob.slash(channel, "trivia stop")
    assert refused.ephemeral and "Manage Server" in refused.response.content
    assert bot.driver.get(channel.id) is not None

    skipped = await alice.slash(channel, "trivia skip")
    assert skipped.ephemeral and skipped.response.content == "Question skipped."
    first, second = bot_messages(channel)
    assert first.embeds[0].title == "Question 1/3 · skipped"
    assert second.embeds[0].title == "Question 2/3"

    stopped = await admin.slash(channel, "trivia stop")
    assert stopped.ephemeral and stopped.response.content == "Round stopped."
    assert channel.last_message.embeds[-1].title == "Round stopped"
    assert bot.driver.get(channel.id) is None

    nothing = await admin.slash(channel, "trivia stop")
    assert nothing.response.content == "No round is running here."


async def test_start_uses_the_set_defaults_and_offers_sets(
    channel: ChannelHandle, alice: MemberActor, bot: TriviaBot
) -> None:
    choices = await alice.autocomplete(channel, "trivia start", "set", "ritter")
    assert [c["value"] for c in choices] == ["jessica-jones-s3"]

    await alice.slash(channel, "trivia start", set="jessica-jones-s3")

    live = bot.driver.get(channel.id)
    assert live is not None
    assert (live.round.settings.questions, live.round.settings.time_limit) == (10, 30.0)


async def test_start_refuses_an_unknown_set(channel: ChannelHandle, alice: MemberActor) -> None:
    result = await alice.slash(channel, "trivia start", set="no-such-set")

    assert result.ephemeral and "no-such-set" in result.response.content


async def test_start_respects_channels_and_the_starter_role(
    env: Env,
    guild: GuildHandle,
    channel: ChannelHandle,
    alice: MemberActor,
    admin: MemberActor,
    sim_store: Store,
    bot: TriviaBot,
) -> None:
    quizmasters = guild.create_role("Quizmasters")
    other = guild.create_text_channel("games")
    await sim_store.save_guild_settings(
        GUILD_ID, GuildSettings(starter_role_id=quizmasters.id, channel_ids=(other.id,))
    )

    wrong_channel = await admin.slash(channel, "trivia start")
    assert wrong_channel.ephemeral and other.mention in wrong_channel.response.content
    no_role = await alice.slash(other, "trivia start")
    assert no_role.ephemeral and quizmasters.mention in no_role.response.content

    allowed = await admin.slash(other, "trivia start", questions=1)
    assert not allowed.ephemeral
    assert bot.driver.get(other.id) is not None


async def test_a_round_is_called_off_where_the_bot_cannot_post(
    env: Env, guild: GuildHandle, alice: MemberActor, bot: TriviaBot, sim_store: Store
) -> None:
    muted = guild.create_text_channel(
        "read-only", overwrites={guild.me: discord.PermissionOverwrite(send_messages=False)}
    )

    result = await alice.slash(muted, "trivia start", questions=2)

    assert result.ephemeral and "missing Send Messages" in result.response.content
    assert muted.history() == []  # nothing was announced
    assert bot.driver.get(muted.id) is None
    assert await sim_store.resumable_rounds() == []


async def test_an_unknown_set_name_is_echoed_safely(
    channel: ChannelHandle, alice: MemberActor, bot: TriviaBot
) -> None:
    result = await alice.slash(channel, "trivia start", set="**bold** @everyone " + "x" * 2500)

    text = result.response.content
    assert result.ephemeral and text.startswith("There is no question set called")
    assert "\\*\\*bold\\*\\*" in text and "@\u200beveryone" in text and len(text) < 200
    assert bot.driver.get(channel.id) is None


async def test_a_long_list_of_allowed_channels_still_makes_a_refusal(
    channel: ChannelHandle, alice: MemberActor, sim_store: Store
) -> None:
    allowed = tuple(800_000_000_000_000_000 + i for i in range(150))
    await sim_store.save_guild_settings(GUILD_ID, GuildSettings(channel_ids=allowed))

    result = await alice.slash(channel, "trivia start")

    text = result.response.content
    assert result.ephemeral and text.startswith("Rounds can only be started in <#")
    assert text.endswith("more.") and len(text) <= 2000
