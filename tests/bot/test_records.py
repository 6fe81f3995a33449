"""/trivia leaderboard and stats through SimCord, on awards seeded in the Store."""

from __future__ import annotations

from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from tests.bot.helpers import GUILD_ID, only_embed
from tests.bot.round_helpers import bot_messages, right_label, wrong_label
from trivia.content.library import Library
from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import RoundSettings
from trivia.models import Award
from trivia.records import LeaderboardSort
from trivia.storage import Store

OTHER_GUILD_ID = 900_000_000_000_000_777


async def seed_round(
    store: Store, library: Library, points: dict[int, int], *, guild_id: int = GUILD_ID
) -> None:
    """One finished round of one question: each player answered, right if points > 0."""
    question_set = next(iter(library.sets.values()))
    question = question_set.questions[0]
    round_id = await store.create_round(guild_id, 1, question_set.id, 1, RoundSettings(), {})
    awards = tuple(
        Award(user_id, question.id, correct=p > 0, points=p, answer_ms=1000)
        for user_id, p in points.items()
    )
    ordered = sorted(points.items(), key=lambda item: -item[1])
    standings = tuple(
        Standing(user_id, p, int(p > 0), rank=1 + sum(other > p for other in points.values()))
        for user_id, p in ordered
    )
    closed = QuestionClosed(1, question, CloseReason.TIMEOUT, awards, standings)
    await store.record_question(round_id, closed, {})
    await store.end_round(round_id, RoundEnded(EndReason.FINISHED, standings, 1), {})


async def test_leaderboard_ranks_ties_together_and_shows_own_rank(
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
    channel: ChannelHandle,
    sim_store: Store,
    library: Library,
) -> None:
    await seed_round(sim_store, library, {alice.id: 20, bob.id: 20, admin.id: 5})

    result = await bob.slash(channel, "trivia leaderboard")

    embed = only_embed(result)
    assert embed.description.splitlines() == [
        f"**#1** <@{alice.id}> — 20 pts",
        f"**#1** <@{bob.id}> — 20 pts",
        f"**#3** <@{admin.id}> — 5 pts",
    ]
    assert embed.footer.text == "Your rank: #1 of 3"
    assert "this server" in embed.title


async def test_leaderboard_by_wins_and_invoker_off_the_board(
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
    channel: ChannelHandle,
    sim_store: Store,
    library: Library,
) -> None:
    await seed_round(sim_store, library, {alice.id: 10, bob.id: 0})
    await seed_round(sim_store, library, {alice.id: 10, bob.id: 15})
    await seed_round(sim_store, library, {alice.id: 10})

    embed = only_embed(await admin.slash(channel, "trivia leaderboard", sort="wins"))

    assert embed.description.splitlines()[:2] == [
        f"**#1** <@{alice.id}> — 2 wins",
        f"**#2** <@{bob.id}> — 1 win",
    ]
    assert embed.footer.text.startswith("You are not on this board yet")


async def test_global_scope_counts_other_servers(
    alice: MemberActor, bob: MemberActor, channel: ChannelHandle, sim_store: Store, library: Library
) -> None:
    await seed_round(sim_store, library, {alice.id: 5})
    await seed_round(sim_store, library, {bob.id: 50}, guild_id=OTHER_GUILD_ID)

    here = only_embed(await alice.slash(channel, "trivia leaderboard", period="week"))
    everywhere = only_embed(await alice.slash(channel, "trivia leaderboard", scope="global"))

    assert str(bob.id) not in here.description
    assert everywhere.description.splitlines()[0] == f"**#1** <@{bob.id}> — 50 pts"
    assert everywhere.footer.text == "Your rank: #2 of 2"
    assert "all servers" in everywhere.title


async def test_stats_of_another_member(
    alice: MemberActor, bob: MemberActor, channel: ChannelHandle, sim_store: Store, library: Library
) -> None:
    await seed_round(sim_store, library, {alice.id: 12, bob.id: 0})

    embed = only_embed(await bob.slash(channel, "trivia stats", member=alice))

    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "Stats for alice (this server)"
    assert fields["Points"] == "12"
    assert fields["Wins"] == "1"
    assert fields["Accuracy"] == "100% (1/1)"
    assert fields["Rank by points"] == "#1 of 2"


async def test_stats_for_a_newcomer(admin: MemberActor, channel: ChannelHandle) -> None:
    embed = only_embed(await admin.slash(channel, "trivia stats"))

    assert embed.description == "No answers recorded yet."


async def test_leaderboard_and_stats_after_two_rounds(
    env: Env,
    bot: TriviaBot,
    sim_store: Store,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
) -> None:
    async def play_round(winner: MemberActor, loser: MemberActor) -> None:
        await admin.slash(channel, "trivia start", questions=2, mode="choice", time=30)
        for _ in range(2):
            question = bot_messages(channel)[-1]
            await winner.click(question, label=right_label(bot, channel))
            await loser.click(question, label=wrong_label(bot, channel))
            await env.advance_time(30)
        assert bot.driver.get(channel.id) is None

    await play_round(alice, bob)
    await play_round(bob, alice)

    by_wins = only_embed(await admin.slash(channel, "trivia leaderboard", sort="wins"))
    assert by_wins.description.splitlines() == [
        f"**#1** <@{alice.id}> — 1 win",
        f"**#1** <@{bob.id}> — 1 win",
    ]
    assert by_wins.footer.text.startswith("You are not on this board yet")
    by_points = only_embed(await alice.slash(channel, "trivia leaderboard"))
    rows = await sim_store.leaderboard(GUILD_ID, LeaderboardSort.POINTS)
    assert by_points.description.splitlines() == [
        f"**#{r.rank}** <@{r.user_id}> — {r.points} pts" for r in rows
    ]
    assert {r.user_id for r in rows} == {alice.id, bob.id} and rows[0].points > 0
    for player in (alice, bob):
        fields = {
            f.name: f.value for f in only_embed(await player.slash(channel, "trivia stats")).fields
        }
        assert fields["Rounds played"] == "2" and fields["Wins"] == "1"
        assert fields["Accuracy"] == "50% (2/4)"
