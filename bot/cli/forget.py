"""`trivia-bot forget USER_ID [--db PATH] [--yes]`: delete one player's trivia data for the host.

Deletes what /trivia forget-me deletes (answers, stats, picks on open questions, reports, in
every server), after a y/N prompt unless `--yes`. Exit codes: 0 deleted (or nothing to
delete), 1 declined or an unusable database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from trivia.errors import StorageError
from trivia.records import Forgotten
from trivia.storage import open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("user_id", type=int, metavar="USER_ID", help="the player's Discord id")
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="the SQLite database file (default: trivia.db)",
    )  # fmt: skip
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def main(args: argparse.Namespace) -> int:
    if not args.yes:
        prompt = f"Delete every trivia answer, stat and report of user {args.user_id}? [y/N] "
        try:
            answer = input(prompt)
        except EOFError:
            answer = ""
        if answer.strip().casefold() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    try:
        forgotten = asyncio.run(_forget(args.db, args.user_id))
    except StorageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"user {args.user_id}: deleted {forgotten.awards} answers, {forgotten.stats} stats rows, "
        f"{forgotten.picks} open picks and {forgotten.reports} reports"
    )
    return 0


async def _forget(db_path: Path | None, user_id: int) -> Forgotten:
    from trivia.storage import DEFAULT_DB_PATH

    async with await open_store(db_path or DEFAULT_DB_PATH) as store:
        return await store.forget_player(user_id)
