"""`trivia-bot run [--config PATH]`: connect to Discord and serve trivia until stopped.

Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 2 when the bot cannot start as
configured (invalid config, no or rejected token, missing intent, unusable database).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="settings file (default: ./config.yaml when it exists, else built-in defaults)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def configured_with_token(args: argparse.Namespace) -> Config | None:
    """The config for a command that talks to Discord, or None after saying what is wrong."""
    from bot.config import NO_TOKEN_HELP, ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"trivia-bot: invalid configuration: {error}", file=sys.stderr)
        return None
    if not config.token:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return None
    return config


def main(args: argparse.Namespace) -> int:
    config = configured_with_token(args)
    if config is None:
        return 2

    from bot.launcher import launch

    return launch(config)
