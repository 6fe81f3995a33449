"""Numbered SQL migrations (migrations/NNNN_name.sql beside this module), tracked by
PRAGMA user_version.

Each pending file runs in its own transaction together with the user_version bump, so a
failing migration leaves the database exactly at the previous version.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from trivia.errors import StorageError
from trivia.storage.sqlite.connection import fetch_value

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The bundled migrations in order; their numbers must run 1, 2, 3... without gaps."""
    folder = resources.files("trivia.storage.sqlite") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StorageError(
                f"migration {migration.name} is out of sequence (expected number {expected})"
            )
    return found


async def schema_version(db: aiosqlite.Connection) -> int:
    return int(await fetch_value(db, "PRAGMA user_version"))


async def apply_migrations(
    db: aiosqlite.Connection, migrations: list[Migration], *, path: str = "the database"
) -> int:
    """Bring `db` up to the last of `migrations`; returns the resulting schema version.

    The connection must be in autocommit mode (isolation_level=None). A database whose
    version is beyond what the code knows is refused rather than guessed at.
    """
    current = await schema_version(db)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise StorageError(
            f"{path} has schema version {current}, but this trivia-bot only knows up to "
            f"version {latest}; it was written by a newer release. Upgrade trivia-bot, "
            "or point it at another database file."
        )
    for migration in migrations[current:]:
        # executescript runs statements as written, so the transaction is spelt out, and the
        # version bump sits inside it.
        script = (
            f"BEGIN IMMEDIATE;\n{migration.sql}\n;\n"
            f"PRAGMA user_version = {migration.version:d};\nCOMMIT;"
        )
        try:
            await db.executescript(script)
        except BaseException as error:
            if db.in_transaction:
                await asyncio.shield(db.execute("ROLLBACK"))
            if isinstance(error, aiosqlite.Error):
                raise StorageError(f"{path}: migration {migration.name} failed: {error}") from error
            raise
    return max(current, latest)
