"""SimCord fixtures for the Discord layer: a real TriviaBot against a simulated Discord.

Usage::

    async def test_x(env, channel, admin, alice, bob, sim_store, bot): ...
        result = await alice.slash(channel, "trivia leaderboard", sort="wins")
        await env.advance_time(30)          # instant; fires the bot's asyncio.sleep timers

Fixtures: `library` (bundled content, loaded once per session), `sim_database` (where the
bot's data lives: a file in tmp_path, or with TRIVIA_TEST_BOT_DATABASE=postgres a fresh
schema on the test PostgreSQL server, as CI runs this suite a second time), `sim_store` (a
store on it, bundled content imported, timestamps on the simulated clock),
`config` (dev_guild_ids=(GUILD_ID,); override keys by redefining `config_overrides` in a
test module), `sim_clock`, `make_bot` (builds another TriviaBot on the same store, e.g. for
`env.restart_bot(make_bot())`), `bot`, `env` (started, READY, commands synced to the
guild), `world` (the next five in one object), `guild`, `channel` (#trivia), `admin` (has
Manage Server), `alice` and `bob` (plain members), `bot_errors` (returns and acknowledges
what the bot's error handler saw). GUILD_ID, SimClock and World are in tests/bot/helpers.py.

What we verified about SimCord 3.2.1 with discord.py 2.7 (throwaway experiments):

1. A GroupCog composed of mixins exposes the mixins' app commands: CogMeta walks the MRO
   and collects every `app_commands.Command` it finds on the bases, so
   `class TriviaCog(RoundCommands, RecordCommands, commands.GroupCog, group_name="trivia")`
   yields one `/trivia` group with every mixin's subcommands. Invoke them as
   `await member.slash(channel, "trivia leaderboard", scope="global")`.
2. Time. `env.advance_time(s)` moves a virtual clock and fires bot-owned timers in order,
   instantly. While SimCord runs, `time.monotonic` (the module attribute, so also
   `loop.time()`, which calls it) returns virtual seconds *inside bot-owned work* (event
   handlers, interactions, tasks the bot created) and real seconds in the test body. The
   bot therefore gets an explicit clock (`sim_clock`) that reads virtual time everywhere.
   Bind nothing at import time: `from time import monotonic` would keep the real one.
3. `asyncio.sleep(d)` in a bot task is the wait SimCord understands: the task is "parked"
   and only `advance_time` (or cancelling it) wakes it. Cancel-and-recreate the sleeping
   task to move a deadline: that works.
4. Waiting on anything else without a result in sight (`asyncio.Event().wait()`,
   `asyncio.wait_for(event.wait(), 30)`, `asyncio.timeout(30)`, a Queue) is an "unknown
   wait": the actor's call fails after `settle_timeout` (5 s real time) with
   "bot did not settle". Timers must be plain sleeps.
5. A sleep shorter than `settle_timeout` (5 s) that is pending when an actor call
   (slash/click/send) settles is waited out in *real* time (the virtual clock follows).
   `advance_time` never waits in real time. So pauses of a few seconds inside a round cost
   real seconds in tests; keep them at 0 in tests or >= 5 s, or advance past them.
6. Errors that reach `tree.on_error` (including expected domain errors and check
   failures) are recorded by SimCord and fail the test at teardown unless the test reads
   them: use `bot_errors()` (or `env.errors`). Refusals answered inline (no exception),
   like the settings permission check, record nothing.
7. After `interaction.response.defer()`, the first `followup.send` becomes the original
   response: read it from `result.response`, not `result.followups`. It inherits the
   defer's visibility (a public defer makes even `ephemeral=True` public), and deleting the
   placeholder first makes that followup fail with 10008 Unknown Message.
8. Guild command sync is keyed by guild id; SimCord even accepts a sync to a guild it does
   not know yet. The `env` fixture still builds the guild (fixed id GUILD_ID, the one in
   `config.dev_guild_ids`), channel, roles and members before starting, so the bot's cache
   is complete at READY (when `rounds.resume_all()` runs) and `strict_sync` stays on.
9. `env.http_requests` records each REST call's JSON, e.g. `allowed_mentions`
   ({"parse": []} for AllowedMentions.none()); `message.mentions` /
   `message.mention_everyone` show what Discord parsed.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from simcord import ChannelHandle, Env, GuildHandle, MemberActor

from bot.client import TriviaBot
from bot.config import Config
from tests.bot.helpers import GUILD_ID, SimClock, World
from trivia.content.library import Library, import_library, load_library
from trivia.storage import Store, open_store


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def sim_clock() -> SimClock:
    return SimClock()


BOT_DATABASE_VAR = "TRIVIA_TEST_BOT_DATABASE"
"""sqlite (the default) or postgres: the backend the SimCord suites run on."""


@pytest.fixture
def sim_database(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    backend = os.environ.get(BOT_DATABASE_VAR, "sqlite")
    if backend == "sqlite":
        return tmp_path / "trivia.db"
    if backend == "postgres":
        url: str = request.getfixturevalue("postgres_database")
        return url
    raise pytest.UsageError(f"{BOT_DATABASE_VAR} is {backend!r}; use sqlite or postgres")


@pytest.fixture
async def sim_store(
    sim_database: str | Path, library: Library, sim_clock: SimClock
) -> AsyncIterator[Store]:
    store = await open_store(sim_database, now=sim_clock.now)
    await import_library(store, library)
    yield store
    await store.close()


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    """Redefine in a test module to change config keys, e.g. typed_answers_in_chat."""
    return {}


@pytest.fixture
def config(sim_database: str | Path, config_overrides: dict[str, Any]) -> Config:
    base = Config(database=sim_database, log_level="DEBUG", dev_guild_ids=(GUILD_ID,))
    return dataclasses.replace(base, **config_overrides)


@pytest.fixture
def make_bot(
    config: Config, sim_store: Store, library: Library, sim_clock: SimClock
) -> Callable[..., TriviaBot]:
    def make(**overrides: Any) -> TriviaBot:
        return TriviaBot(
            dataclasses.replace(config, **overrides), sim_store, library, clock=sim_clock
        )

    return make


@pytest.fixture
def bot(make_bot: Callable[..., TriviaBot]) -> TriviaBot:
    return make_bot()


def _build_world(env: Env) -> World:
    guild = env.create_guild("Trivia Test Server", id=GUILD_ID)
    channel = guild.create_text_channel("trivia")
    moderators = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    return World(
        guild=guild,
        channel=channel,
        admin=guild.add_member(env.create_user("admin"), roles=[moderators]),
        alice=guild.add_member(env.create_user("alice")),
        bob=guild.add_member(env.create_user("bob")),
    )


@pytest.fixture
def _world_box() -> dict[str, World]:
    return {}


@pytest.fixture
async def env(
    request: pytest.FixtureRequest,
    bot: TriviaBot,
    sim_clock: SimClock,
    _world_box: dict[str, World],
) -> AsyncIterator[Env]:
    marker = request.node.get_closest_marker("simcord")
    env = Env(bot, **(marker.kwargs if marker else {}))
    _world_box["world"] = _build_world(env)  # before start: setup_hook syncs to this guild
    sim_clock.env = env
    await env.start()
    try:
        yield env
    finally:
        await env.shutdown()
        if env.check_errors:
            # What the bundled simcord_env fixture does: errors nobody read fail the test.
            env._raise_errors_since(env._errors_acknowledged)


@pytest.fixture
def world(env: Env, _world_box: dict[str, World]) -> World:
    return _world_box["world"]


@pytest.fixture
def guild(world: World) -> GuildHandle:
    return world.guild


@pytest.fixture
def channel(world: World) -> ChannelHandle:
    return world.channel


@pytest.fixture
def admin(world: World) -> MemberActor:
    return world.admin


@pytest.fixture
def alice(world: World) -> MemberActor:
    return world.alice


@pytest.fixture
def bob(world: World) -> MemberActor:
    return world.bob


@pytest.fixture
def bot_errors(env: Env) -> Callable[[], list[BaseException]]:
    """Errors the bot's handlers raised so far (CommandInvokeError unwrapped); reading them
    acknowledges them, so teardown does not fail on expected refusals."""

    def read() -> list[BaseException]:
        return [
            e.original if isinstance(e, app_commands.CommandInvokeError) else e for e in env.errors
        ]

    return read
