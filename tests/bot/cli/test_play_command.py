"""`trivia-bot play`: the round engine in the terminal, driven through a monkeypatched stdin."""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import play
from trivia.content.library import Library
from trivia.engine import hints, scoring
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import Question

SEED = 7
ROOT = Path(__file__).resolve().parents[3]


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, lines: list[str]) -> int:
    parser = argparse.ArgumentParser()
    play.add_arguments(parser)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return play.main(parser.parse_args(list(argv)))


def drawn(library: Library, n: int) -> tuple[Question, ...]:
    """The questions `play --seed SEED --questions n` asks, in order."""
    question_set = library.sets["jessica-jones-s3"]
    return Round(question_set, RoundSettings(questions=n), lambda: 0.0, seed=SEED).questions


def gains(output: str) -> list[int]:
    return [int(points) for points in re.findall(r"Right! \+(\d+) points", output)]


def test_a_choice_round(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    q1, _q2, q3 = drawn(library, 3)

    code = run(
        monkeypatch,
        "--mode",
        "choice",
        "--questions",
        "3",
        "--seed",
        str(SEED),
        lines=[q1.canonical, "skip", "Z", q3.canonical],
    )

    out = capsys.readouterr().out
    assert code == 0
    assert "Question 1/3" in out and q1.text in out
    assert re.search(r"^  A\) .+\n  B\) .+\n  C\) .+\n  D\) .+$", out, re.MULTILINE)
    assert "Skipped." in out
    assert "That is not one of the options." in out
    assert f"Answer: {q3.canonical}" in out and q3.explanation in out
    assert "Source: Marvel's 'Jessica Jones' Star Krysten Ritter" in out
    assert len(gains(out)) == 2
    assert out.rstrip().endswith(f"Round over. Final score: {sum(gains(out))} points, 2/3 right.")


def test_a_typed_round_with_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    q1, q2 = drawn(library, 2)

    code = run(
        monkeypatch,
        "--mode",
        "typed",
        "--questions",
        "2",
        "--seed",
        str(SEED),
        lines=["", "surely not this", q1.canonical.lower(), q2.canonical],
    )

    out = capsys.readouterr().out
    assert code == 0
    assert f"Hint: {hints.mask(q1.canonical, 1)}" in out
    assert "Not quite; try again." in out
    first, second = gains(out)
    assert first < scoring.base_points(q1.difficulty) + scoring.SPEED_BONUS_MAX  # hint cost
    assert out.rstrip().endswith(f"Final score: {first + second} points, 2/2 right.")


def test_end_of_input_stops_the_round_gracefully(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    q1, *_ = drawn(library, 5)

    code = run(monkeypatch, "--questions", "5", "--seed", str(SEED), lines=[q1.canonical])

    out = capsys.readouterr().out
    assert code == 0
    assert "Question 2/5" in out and "Question 3/5" not in out
    assert out.rstrip().endswith(f"Round stopped. Final score: {gains(out)[0]} points, 1/2 right.")


def test_an_unknown_set_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(monkeypatch, "--set", "no-such-set", lines=[])

    assert code == 2
    assert "no question set called 'no-such-set'" in capsys.readouterr().err


def test_play_runs_without_discord() -> None:
    script = (
        "import argparse, io, sys\n"
        "from bot.cli import play\n"
        "parser = argparse.ArgumentParser(); play.add_arguments(parser)\n"
        "sys.stdin = io.StringIO('quit\\n')\n"
        "code = play.main(parser.parse_args(['--questions', '1']))\n"
        "assert code == 0 and 'discord' not in sys.modules, sorted(sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Round stopped." in result.stdout
