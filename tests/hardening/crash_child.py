"""The child process of the crash test: a real TriviaBot plays a choice round until it is killed.

Run as ``python -m tests.hardening.crash_child DB_PATH`` from the repository root. It starts a
round of QUESTIONS questions with /trivia start, has the players click answers (seeded), and
moves the simulated clock past each question's time limit. Once a question's reveal has been
announced (its message edited), it prints one JSON line on stdout:

    {"question": n, "question_id": "...", "awards": [[user_id, correct, points], ...]}

When question KILL_AT is open and answered, it prints {"open": n} and waits on stdin for its
SIGKILL (stdin closing means the test is gone: it exits with status 3). The first line is
{"ready": ids} with the simulated guild, channel and player ids.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.channel_rounds.announcer import Announcer
from tests.hardening.simworld import Table, option_labels, running_bot
from trivia.content.library import load_library
from trivia.engine.events import QuestionClosed
from trivia.engine.settings import GuildSettings

QUESTIONS = 5
KILL_AT = 3  # the question that is open (with answers locked in) when the child is killed
TIME_LIMIT = 30
SEED = 20260101
EXIT_ORPHANED = 3
PAUSE = GuildSettings().reveal_pause


def emit(line: dict[str, Any]) -> None:
    print(json.dumps(line), flush=True)


def record_reveals(sink: dict[int, QuestionClosed]) -> None:
    """Wrap the announcer's reveal so each QuestionClosed is kept once it has been shown."""
    real: Callable[..., Awaitable[None]] = Announcer._reveal

    async def reveal(self: Announcer, closed: QuestionClosed, *args: Any) -> None:
        await real(self, closed, *args)
        sink[closed.number] = closed

    Announcer._reveal = reveal  # type: ignore[method-assign]


async def answer(table: Table, rng: random.Random) -> None:
    """Most players click, some right, some wrong, a few seconds apart (well before the close)."""
    live = table.bot.driver.get(table.channel.id)
    assert live is not None and live.round.current is not None
    right, wrong = option_labels(live.round.current)
    message = table.channel.last_message
    for player in table.players:
        if rng.random() < 0.8:
            label = right if rng.random() < 0.6 else rng.choice(wrong)
            result = await player.click(message, label=label)
            assert result.response.content.startswith("Locked in"), result.response.content
        await table.env.advance_time(rng.randint(1, 3))


def revealed(table: Table, message_id: int, number: int) -> bool:
    """Whether the question's message now shows its reveal (the edit went out)."""
    stored = table.env.backend.get_message(table.channel.id, message_id)
    title = stored.embeds[0]["title"]
    return title.startswith(f"Question {number}/{QUESTIONS} · ")


async def play(db_path: Path) -> int:
    reveals: dict[int, QuestionClosed] = {}
    record_reveals(reveals)
    rng = random.Random(SEED)
    async with running_bot(db_path, load_library()) as table:
        emit({"ready": table.ids()})
        await table.players[0].slash(
            table.channel, "trivia start", questions=QUESTIONS, mode="choice", time=TIME_LIMIT
        )
        for number in range(1, KILL_AT + 1):
            live = table.bot.driver.get(table.channel.id)
            assert live is not None and live.round.current is not None
            assert live.round.current.number == number
            message_id = table.channel.last_message.id
            await answer(table, rng)
            if number == KILL_AT:
                emit({"open": number})
                sys.stdin.readline()  # blocks the whole process until the SIGKILL
                return EXIT_ORPHANED
            await table.env.advance_time(TIME_LIMIT)
            closed = reveals[number]
            assert revealed(table, message_id, number)
            emit(
                {
                    "question": number,
                    "question_id": closed.question.id,
                    "awards": [[a.user_id, a.correct, a.points] for a in closed.awards],
                }
            )
            await table.env.advance_time(PAUSE)
    return EXIT_ORPHANED


if __name__ == "__main__":
    sys.exit(asyncio.run(play(Path(sys.argv[1]))))
