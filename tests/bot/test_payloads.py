"""Every JSON body the bot sends fits Discord's OpenAPI spec (../shared/discord-api).

A short choice round, /whois (card, candidates, suggestions, autocomplete) and the /trivia
record commands are played through SimCord; then each request body the bot sent, the command
sync at start-up included, is checked with `benchmarks.openapi_check` (the same checker as the
discord_cost benchmark). Skipped when the spec file is not next to the repository.
"""

from __future__ import annotations

import pytest
from simcord import ChannelHandle, Env, MemberActor

from bot.client import TriviaBot
from tests.bot.helpers import PAUSE
from tests.bot.round_helpers import right_label, wrong_label

pytest.importorskip("jsonschema")
from benchmarks.openapi_check import SPEC_PATH, OpenApiChecker, check_requests


@pytest.fixture(scope="module")
def checker() -> OpenApiChecker:
    loaded = OpenApiChecker.load()
    if loaded is None:
        pytest.skip(f"Discord's OpenAPI spec is not at {SPEC_PATH}")
    return loaded


async def test_every_request_body_fits_the_spec(
    checker: OpenApiChecker,
    env: Env,
    bot: TriviaBot,
    channel: ChannelHandle,
    alice: MemberActor,
    bob: MemberActor,
    admin: MemberActor,
) -> None:
    await alice.slash(channel, "trivia start", questions=2, mode="choice", time=30)
    for _ in range(2):
        question, right = channel.last_message, right_label(bot, channel)
        await alice.click(question, label=right)
        await bob.click(question, label=wrong_label(bot, channel))
        await bob.click(question, label=right)  # already answered
        await env.advance_time(30 + PAUSE)
    assert channel.last_message.embeds[-1].title == "Round over"

    for name in ("Trish", "Jones", "Trish Wal"):
        await bob.slash(channel, "whois", name=name)
    await bob.autocomplete(channel, "whois", "name", "kry")
    await admin.slash(channel, "trivia leaderboard")
    await admin.slash(channel, "trivia leaderboard", scope="global", sort="wins")
    await alice.slash(channel, "trivia stats")
    await alice.slash(channel, "trivia sets list")

    checked, invalid, problems = check_requests(checker, env.http_requests)
    assert checked >= 20
    assert problems == [], "\n".join(map(str, problems))
    assert invalid == 0
