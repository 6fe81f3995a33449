"""`trivia-bot db upgrade|status [--config PATH]`: the database's schema, for operators.

Works on either backend (`database:` or DATABASE_URL). Run `db upgrade` once before rolling out
a release to several processes; they also migrate on start, under a lock, if nobody did.
Exit codes: 0 done (status: the schema is current), 1 status with migrations pending,
2 unusable config or database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.run import add_config_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("upgrade", "status"),
        help="upgrade: apply pending migrations; status: show schema versions",
    )
    add_config_argument(parser)


def main(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, load_config
    from trivia.errors import StorageError
    from trivia.storage.schema import schema_status, upgrade_schema

    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"trivia-bot: invalid configuration: {error}", file=sys.stderr)
        return 2
    run = upgrade_schema if args.action == "upgrade" else schema_status
    try:
        status = asyncio.run(run(config.database))
    except StorageError as error:
        print(f"trivia-bot: {config.database_label}: {error}", file=sys.stderr)
        return 2
    print(f"database: {config.database_label} ({status.backend})")
    print(f"schema version: {status.current} (latest {status.latest})")
    if status.pending:
        print("pending migrations: " + ", ".join(status.pending))
        return 1
    print("up to date")
    return 0
