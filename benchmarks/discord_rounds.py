"""Full rounds played through SimCord by simulated members, on simulated time.

Players act only at moments when none of the bot's timers is less than five seconds away:
SimCord waits out such a short pending sleep in real time after every actor call (see
tests/bot/conftest.py), which would make the benchmark slow without changing what it counts.
With 30 s questions and hints at 10 s and 20 s, that leaves 0.5-4.5 s after each of them.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from simcord import ChannelHandle, MemberActor

from benchmarks.discord_sim import Sim
from bot.render.rounds import choice_label
from tests.bot.stopwatch import Window
from trivia.engine.draw import LETTERS
from trivia.engine.events import QuestionAsked

QUESTIONS = 10
TIME_LIMIT = 30
WINDOWS = ((0.5, 4.5), (10.5, 14.5), (20.5, 24.5))
"""When players act, in seconds after a question is asked (hints come at 10 s and 20 s)."""

Answer = Callable[[MemberActor, ChannelHandle, str], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Played:
    name: str
    questions: int  # questions asked
    actions: int  # clicks, /answer commands or chat messages sent by players
    window: Window
    bot_errors: int


async def _advance_to(sim: Sim, when: float) -> None:
    delay = when - sim.clock()
    if delay > 0:
        await sim.env.advance_time(delay)


def _open(sim: Sim, channel: ChannelHandle) -> QuestionAsked | None:
    live = sim.bot.driver.get(channel.id)
    return None if live is None else live.round.current


async def _close(sim: Sim, channel: ChannelHandle, asked: QuestionAsked) -> None:
    """Let the question's time run out, if nobody closed it first."""
    while (now := _open(sim, channel)) is not None and now.number == asked.number:
        await _advance_to(sim, max(asked.closes_at, sim.clock() + 0.001))


async def _choice_question(sim: Sim, channel: ChannelHandle, rng: random.Random) -> int:
    """Each player clicks once (nine in ten do; 65% pick right), one in ten clicks again."""
    asked = _open(sim, channel)
    assert asked is not None
    message = next(m for m in reversed(channel.history()) if m.author.bot and m.components)
    right = asked.choices.index(asked.question.canonical)
    wrong = [i for i in range(len(asked.choices)) if i != right]
    clicks: list[tuple[float, int, MemberActor]] = []
    for player in sim.players:
        if rng.random() < 0.1:
            continue
        at = rng.uniform(0.5, 24.0)
        clicks.append((at, right if rng.random() < 0.65 else rng.choice(wrong), player))
        if rng.random() < 0.1:
            clicks.append((min(at + 1.0, 24.5), rng.randrange(len(asked.choices)), player))
    asked_at = asked.closes_at - TIME_LIMIT
    for at, index, player in sorted(clicks, key=lambda click: click[0]):
        await _advance_to(sim, asked_at + at)
        await player.click(message, label=choice_label(LETTERS[index], asked.choices[index]))
    await _close(sim, channel, asked)
    return len(clicks)


def _typed_plan(
    rng: random.Random, answered_last: bool, wrong_pool: list[str], right: str
) -> list[tuple[float, str]]:
    """(seconds after the ask, text): a few wrong guesses, then the right one (one question in
    ten has no right answer, never two in a row, so the round does not end idle)."""
    nobody = answered_last and rng.random() < 0.1
    window = rng.choices(range(len(WINDOWS)), weights=(3, 4, 3))[0]
    right_at = rng.uniform(*WINDOWS[window])
    plan = []
    for _ in range(rng.randint(0, 3)):
        at = rng.uniform(*WINDOWS[rng.randint(0, len(WINDOWS) - 1 if nobody else window)])
        if nobody or at < right_at:
            plan.append((at, rng.choice(wrong_pool)))
    if not nobody:
        plan.append((right_at, right.lower() if rng.random() < 0.5 else right))
    return sorted(plan)


async def _typed_question(
    sim: Sim, channel: ChannelHandle, rng: random.Random, answer: Answer, answered_last: bool
) -> tuple[int, bool]:
    asked = _open(sim, channel)
    live = sim.bot.driver.get(channel.id)
    assert asked is not None and live is not None
    right = asked.question.canonical
    pool = sorted({q.canonical for q in live.round.question_set.questions} - {right})
    asked_at = asked.closes_at - TIME_LIMIT
    sent = 0
    for at, text in _typed_plan(rng, answered_last, pool, right):
        now = _open(sim, channel)
        if now is None or now.number != asked.number:
            break
        await _advance_to(sim, asked_at + at)
        await answer(rng.choice(sim.players), channel, text)
        sent += 1
    answered = (now := _open(sim, channel)) is None or now.number != asked.number
    await _close(sim, channel, asked)
    return sent, answered


async def _by_command(player: MemberActor, channel: ChannelHandle, text: str) -> object:
    return await player.slash(channel, "answer", text=text)


async def _in_chat(player: MemberActor, channel: ChannelHandle, text: str) -> object:
    return await player.send(channel, text)


async def play(sim: Sim, name: str, mode: str, *, seed: int, by_chat: bool = False) -> Played:
    """Start a 10-question round in a fresh channel and play it to the podium."""
    rng = random.Random(seed)
    channel = sim.new_channel(name)
    errors = len(sim.env.errors)
    mark = sim.stopwatch.mark()
    await sim.players[0].slash(
        channel, "trivia start", questions=QUESTIONS, mode=mode, time=TIME_LIMIT
    )
    asked = actions = 0
    answered_last = True
    while (live := sim.bot.driver.get(channel.id)) is not None:
        if live.round.current is None:  # the pause after a reveal
            deadline = live.round.next_deadline or 0.0
            await _advance_to(sim, max(deadline, sim.clock() + 0.001))
            continue
        asked += 1
        if mode == "choice":
            actions += await _choice_question(sim, channel, rng)
        else:
            sent, answered_last = await _typed_question(
                sim, channel, rng, _in_chat if by_chat else _by_command, answered_last
            )
            actions += sent
    return Played(name, asked, actions, sim.stopwatch.since(mark), len(sim.env.errors) - errors)
