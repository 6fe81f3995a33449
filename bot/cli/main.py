"""`trivia-bot` entry point: one sub-command per module in `bot.cli`.

Each module there exposes `add_arguments(parser)` and `main(args) -> int` (the exit code).
The parser is built from the static table below, and only the chosen command's module is
imported (for its arguments, then to run), so start-up never pays for the other five.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("bot.cli.run", "connect to Discord and serve trivia (needs a token)"),
    "sync": ("bot.cli.sync", "publish slash commands globally or to --guild IDs"),
    "play": ("bot.cli.play", "play a round in this terminal, no Discord needed"),
    "whois": ("bot.cli.whois", "look up a person, character, show or company"),
    "validate": ("bot.cli.validate", "check question sets and the who's-who for errors"),
    "import": ("bot.cli.import_content", "import content files into the database"),
    "reports": ("bot.cli.reports", "list (and export) players' reports of the bundled sets"),
    "forget": ("bot.cli.forget", "delete one player's answers, stats and reports"),
    "db": ("bot.cli.db", "show or upgrade the database schema (SQLite or PostgreSQL)"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every sub-command by name; only `command`'s own arguments are loaded (its module)."""
    parser = argparse.ArgumentParser(prog="trivia-bot", description="A show-trivia Discord bot.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(module=module_name)
        if name == command:
            importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The top-level parser takes no options but -h, so the first other word names the command.
    command = next((word for word in argv if not word.startswith("-")), None)
    args = build_parser(command).parse_args(argv)
    status: int = importlib.import_module(args.module).main(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
