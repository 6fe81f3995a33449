"""The child process of the multi-process store test: it drives the rounds of its shards.

Run as ``python -m tests.trivia.storage.step_child DATABASE OWNER SHARD_COUNT SHARD_ID
CLOCK_OFFSET [FREEZE_AFTER]`` from the repository root.

It claims every running round whose guild is on its shard, then closes their questions one
step at a time: one award of 1 point to the round's player per question, and the state holds
the next question number, so a successor resumes where the database says. After each
committed step it prints ``announced ROUND NUMBER``: a point is announced only once it is in
the database. A round it cannot claim (another owner holds a live lease) it reports as
``refused ROUND`` and leaves alone. CLOCK_OFFSET seconds are added to its wall clock, so a
successor finds a killed process's leases expired without anyone waiting.

With FREEZE_AFTER, the whole process stops after that many announcements, prints ``frozen``
and waits for its SIGKILL (stdin closing means the test is gone: it exits with status 3), so
the test kills it mid-round for certain. It prints ``done`` at the end.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta

from tests.trivia.storage.steps import closed, ended, step
from trivia.engine.events import EndReason
from trivia.shards import guild_on_shards
from trivia.storage import open_store
from trivia.storage.interface import Store

QUESTIONS = 12
PLAYER = 42
TTL = 30.0
EXIT_ORPHANED = 3


class Announcer:
    """Prints what was committed; freezes the process after `freeze_after` lines (0: never)."""

    def __init__(self, freeze_after: int) -> None:
        self.left = freeze_after

    def announce(self, round_id: int, number: int) -> None:
        print(f"announced {round_id} {number}", flush=True)
        self.left -= 1
        if self.left == 0:
            print("frozen", flush=True)
            sys.stdin.read()  # blocks the event loop too: nothing more happens here
            sys.exit(EXIT_ORPHANED)


async def drive(store: Store, owner: str, round_id: int, announcer: Announcer) -> None:
    lease = await store.claim_round(round_id, owner, TTL)
    if lease is None:
        print(f"refused {round_id}", flush=True)
        return
    record = await store.load_round(round_id)
    assert record is not None
    for number in range(record.state["next"], QUESTIONS + 1):
        last = number == QUESTIONS
        await store.apply_step(
            step(
                round_id,
                lease,
                state={"next": number + 1},
                closed=closed(number, (PLAYER, True, 1)),
                ended=ended(EndReason.FINISHED, (PLAYER, 1)) if last else None,
            )
        )
        announcer.announce(round_id, number)


async def main(
    database: str, owner: str, shard_count: int, shard: int, offset: float, freeze_after: int
) -> None:
    announcer = Announcer(freeze_after)
    store = await open_store(database, now=lambda: datetime.now(UTC) + timedelta(seconds=offset))
    try:
        mine = [
            record.round_id
            for record in await store.resumable_rounds()
            if guild_on_shards(record.guild_id, (shard,), shard_count)
        ]
        await asyncio.gather(*(drive(store, owner, round_id, announcer) for round_id in mine))
    finally:
        await store.close()
    print("done", flush=True)


if __name__ == "__main__":
    database, owner, count, shard, offset, *freeze = sys.argv[1:]
    asyncio.run(
        main(
            database, owner, int(count), int(shard), float(offset), int(freeze[0]) if freeze else 0
        )
    )
