"""`trivia-bot COMMAND` imports only that command's module: start-up never pays for the rest."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.cli.main import COMMANDS, build_parser

_PROBE = (
    "import sys; from bot.cli.main import build_parser; build_parser({command!r}); "
    "print(' '.join(sorted(m for m in sys.modules if m.startswith('bot.cli.'))))"
)


@pytest.mark.parametrize("command", ["whois", "run"])
def test_building_the_parser_imports_only_the_chosen_command(command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(command=command)],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert out == sorted(["bot.cli.main", COMMANDS[command][0]])


def test_every_command_is_listed_without_importing_it() -> None:
    help_text = build_parser().format_help()
    for name in COMMANDS:
        assert name in help_text


def test_the_chosen_command_still_gets_its_own_arguments() -> None:
    args = build_parser("run").parse_args(["run", "--config", "x.yaml"])
    assert str(args.config) == "x.yaml"
