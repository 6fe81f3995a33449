"""`trivia-bot run [--config PATH]`: connect to Discord and serve trivia until stopped.

Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 2 when the bot cannot start as
configured (invalid config, no or rejected token, missing intent, unusable database).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="PATH",
        help="settings file (default: ./config.yaml when it exists, else built-in defaults)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def main(args: argparse.Namespace) -> int:
    from bot.config import NO_TOKEN_HELP, ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"trivia-bot: invalid configuration: {error}", file=sys.stderr)
        return 2
    if not config.token:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return 2

    from bot.launcher import launch

    return launch(config)
