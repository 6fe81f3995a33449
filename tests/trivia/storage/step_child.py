"""The child process of the multi-process store test: it drives rounds through the round
service, as a bot process does for the guilds of its shard.

Run as ``python -m tests.trivia.storage.step_child DATABASE OWNER SHARD_COUNT SHARD_ID
MODE CLOCK_OFFSET [FREEZE_AFTER]`` from the repository root.

MODE ``start`` starts ROUNDS_PER_SHARD rounds in guilds of its shard (printing ``started
ROUND``); MODE ``resume`` resumes, with `RoundService.resume`, every running round of its
shard, printing ``refused ROUND`` for one another process holds a live lease on and leaving
it alone. It then plays every round it holds to its end on a fake round clock: PLAYER types
the right answer to each question, and the clock jumps past the time limit and the pause.

What the round owes its channel it takes from the service's results (a resume's include what
a killed predecessor committed but never showed) and shows by printing ``announced ROUND
NUMBER POINTS`` for each reveal (POINTS: PLAYER's points for that question) before settling
it, as the bot posts a message and then settles it. CLOCK_OFFSET seconds are added to its
wall clock, so a successor finds a killed process's leases expired without anyone waiting.

With FREEZE_AFTER, the whole process stops after that many reveals, prints ``frozen`` and
waits for its SIGKILL (stdin closing means the test is gone: it exits with status 3), so the
test kills it mid-round for certain. It prints ``done`` at the end.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta

from tests.trivia.helpers import FakeClock, build_small_set
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode, QuestionSet
from trivia.service.round_service import RoundService, StepResult
from trivia.shards import guild_on_shards
from trivia.storage import open_store
from trivia.storage.round_steps import AnnouncementKind

QUESTIONS = 6
ROUNDS_PER_SHARD = 2
PLAYER = 42
HOST = 7
TIME_LIMIT = 30
SETTINGS = RoundSettings(
    mode=AnswerMode.TYPED, questions=QUESTIONS, time_limit=TIME_LIMIT, hints=False, idle_limit=0
)
EXIT_ORPHANED = 3
MAX_STEPS = 20 * QUESTIONS  # a round that will not end is a bug, not a hang


def guild_on(shard: int, n: int, shard_count: int) -> int:
    """The n-th test guild of `shard` (Discord puts guild (id >> 22) % count on a shard)."""
    return ((shard_count * n + shard) << 22) | 77


class Channel:
    """Shows what a round owes: prints each reveal, then settles it; freezes the process after
    `freeze_after` reveals (0: never)."""

    def __init__(self, service: RoundService, freeze_after: int) -> None:
        self.service = service
        self.left = freeze_after

    async def show(self, result: StepResult | None) -> None:
        for owed in () if result is None else result.owed:
            shown = owed.announcement
            revealed = shown.kind is AnnouncementKind.REVEAL
            if revealed:
                awards = shown.payload["closed"]["awards"]
                points = sum(a[3] for a in awards if a[0] == PLAYER)
                print(f"announced {owed.round_id} {shown.number} {points}", flush=True)
            await self.service.store.settle_announcement(owed.round_id, owed.seq, None)
            if revealed:
                self._count_down()

    def _count_down(self) -> None:
        self.left -= 1
        if self.left == 0:
            print("frozen", flush=True)
            sys.stdin.read()  # blocks the event loop too: nothing more happens here
            sys.exit(EXIT_ORPHANED)


async def play(channel: Channel, clock: FakeClock, round_id: int) -> None:
    """Answer each question right, then let its time run out, until the round ends."""
    service = channel.service
    for _ in range(MAX_STEPS):
        running = service.rounds.get(round_id)
        if running is None:
            return
        asked = running.round.current
        if asked is not None and running.round.pick_of(PLAYER) is None:
            await channel.show(await service.answer(round_id, PLAYER, asked.question.answers[0]))
        clock.advance(TIME_LIMIT + 1)
        await channel.show(await service.tick(round_id))
    raise AssertionError(f"round {round_id} did not end in {MAX_STEPS} steps")


async def start(
    service: RoundService, channel: Channel, questions: QuestionSet, shard: int, count: int
) -> list[int]:
    started = []
    for n in range(ROUNDS_PER_SHARD):
        result = await service.start(
            guild_id=guild_on(shard, n, count),
            channel_id=1000 * (shard + 1) + n,
            started_by=HOST,
            question_set=questions,
            settings=SETTINGS,
            seed=shard * 10 + n,
        )
        print(f"started {result.round_id}", flush=True)
        await channel.show(result)
        started.append(result.round_id)
    return started


async def resume(
    service: RoundService, channel: Channel, questions: QuestionSet, shard: int, count: int
) -> list[int]:
    resumed = []
    for record in await service.store.resumable_rounds():
        if not guild_on_shards(record.guild_id, (shard,), count):
            continue
        result = await service.resume(record, questions)
        if result is None:
            print(f"refused {record.round_id}", flush=True)
            continue
        await channel.show(result)
        resumed.append(record.round_id)
    return resumed


async def main(
    database: str, owner: str, count: int, shard: int, mode: str, offset: float, freeze: int
) -> None:
    store = await open_store(database, now=lambda: datetime.now(UTC) + timedelta(seconds=offset))
    clock = FakeClock()
    service = RoundService(store, clock, owner=owner)
    channel = Channel(service, freeze)
    questions = build_small_set()
    try:
        begin = start if mode == "start" else resume
        mine = await begin(service, channel, questions, shard, count)
        await asyncio.gather(*(play(channel, clock, round_id) for round_id in mine))
    finally:
        await store.close()
    print("done", flush=True)


if __name__ == "__main__":
    database, owner, count, shard, mode, offset, *freeze = sys.argv[1:]
    asyncio.run(
        main(
            database,
            owner,
            int(count),
            int(shard),
            mode,
            float(offset),
            int(freeze[0]) if freeze else 0,
        )
    )
