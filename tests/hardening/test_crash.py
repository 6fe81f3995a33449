"""A bot killed with SIGKILL mid-round loses nothing it announced, and the round resumes.

A child process (tests/hardening/crash_child.py) runs the real TriviaBot in SimCord on a file
database, plays a choice round and reports each reveal once it has been shown in the channel.
While question 3 is open, with answers locked in, the test kills it with SIGKILL: no shutdown
hook, no `finally`. Then every award the child announced must be in the database, and a new
bot on the same file must carry on with question 3.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any, NoReturn

import pytest

from bot.render.rounds import RESUMED_FOOTER
from tests.hardening import crash_child as child
from tests.hardening.simworld import option_labels, running_bot
from trivia.content.library import Library, load_library
from trivia.storage import open_store

REPO = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60.0  # real seconds for the child to report its next step; normally well under 1


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


class Announced:
    """What the child reported before it was killed."""

    def __init__(self) -> None:
        self.ids: dict[str, Any] = {}
        self.questions: list[dict[str, Any]] = []

    def awards(self) -> Counter[tuple[str, int, bool, int]]:
        return Counter(
            (q["question_id"], user, correct, points)
            for q in self.questions
            for user, correct, points in q["awards"]
        )

    def totals(self, user_id: int) -> tuple[int, int, int]:
        """Points, right answers and answers announced for a player."""
        mine = [a for q in self.questions for a in q["awards"] if a[0] == user_id]
        return sum(a[2] for a in mine), sum(1 for a in mine if a[1]), len(mine)


def child_failed(stderr_path: Path, how: str) -> NoReturn:
    pytest.fail(f"the child {how} before question {child.KILL_AT}:\n{stderr_path.read_text()}")


async def run_child_until_open(db_path: Path, stderr_path: Path) -> Announced:
    """Start the child, read its reports until question KILL_AT is open, then SIGKILL it."""
    announced = Announced()
    with stderr_path.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.hardening.crash_child",
            str(db_path),
            cwd=REPO,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
        )
        try:
            assert process.stdout is not None
            while True:
                try:
                    raw = await asyncio.wait_for(process.stdout.readline(), LINE_TIMEOUT)
                except TimeoutError:
                    child_failed(stderr_path, "went silent")
                if not raw:
                    child_failed(stderr_path, "ended")
                line = json.loads(raw)
                if "ready" in line:
                    announced.ids = line["ready"]
                elif "question" in line:
                    announced.questions.append(line)
                elif line.get("open") == child.KILL_AT:
                    break
            process.send_signal(signal.SIGKILL)
            assert await process.wait() == -signal.SIGKILL
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    return announced


def stored_awards(db_path: Path) -> Counter[tuple[str, int, bool, int]]:
    """Every award row in the file (Store has no API listing raw awards)."""
    with closing(sqlite3.connect(db_path)) as db:
        rows = db.execute("SELECT question_id, user_id, correct, points FROM awards").fetchall()
    return Counter((q, u, bool(c), p) for q, u, c, p in rows)


async def test_announced_awards_survive_a_kill_and_the_round_resumes(
    tmp_path: Path, library: Library
) -> None:
    db_path = tmp_path / "trivia.db"
    announced = await run_child_until_open(db_path, tmp_path / "child.err")
    assert [q["question"] for q in announced.questions] == list(range(1, child.KILL_AT))
    assert announced.awards(), "the child's players should have scored something"

    # Nothing announced is missing (answers locked into the open question 3 were never shown).
    assert stored_awards(db_path) == announced.awards()
    async with await open_store(db_path) as store:
        guild_id = announced.ids["guild"]
        for user_id in announced.ids["players"]:
            stats = await store.player_stats(guild_id, user_id)
            assert (stats.points, stats.correct, stats.answered) == announced.totals(user_id)
        [record] = await store.resumable_rounds()
        assert record.channel_id == announced.ids["channel"]

    async with running_bot(db_path, library) as table:
        assert table.ids() == announced.ids, "SimCord no longer gives both processes the same ids"
        live = table.bot.driver.get(table.channel.id)
        assert live is not None and live.round_id == record.round_id
        asked = live.round.current
        assert asked is not None and asked.number == child.KILL_AT
        question = table.channel.last_message
        assert question.embeds[0].title == f"Question {child.KILL_AT}/{child.QUESTIONS}"
        assert RESUMED_FOOTER in question.embeds[0].footer.text
        for standing in live.round.standings():
            assert standing.points == announced.totals(standing.user_id)[0]

        right, _ = option_labels(asked)
        for player in table.players:
            await player.click(question, label=right)
        left = child.QUESTIONS - child.KILL_AT + 1
        await table.env.advance_time((child.TIME_LIMIT + child.PAUSE) * left)

        assert table.bot.driver.get(table.channel.id) is None
        assert table.channel.last_message.embeds[-1].title == "Round over"
        assert live.round.finished and await table.store.resumable_rounds() == []
        for standing in live.round.standings():
            stats = await table.store.player_stats(guild_id, standing.user_id)
            assert (stats.points, stats.correct) == (standing.points, standing.correct)
            assert stats.rounds_played == 1
