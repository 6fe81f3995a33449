"""Numbered SQL migrations (migrations/NNNN_name.sql beside this module), tracked by
PRAGMA user_version.

Each pending file runs in its own transaction together with the user_version bump, so a
failing migration leaves the database exactly at the previous version.
"""

from __future__ import annotations

import asyncio

import aiosqlite

from trivia.errors import StorageError
from trivia.storage import migration_files
from trivia.storage.migration_files import Migration, refuse_newer
from trivia.storage.sqlite.connection import fetch_value

__all__ = ["Migration", "apply_migrations", "load_migrations", "schema_version"]


def load_migrations() -> list[Migration]:
    """The bundled SQLite migrations in order (numbers run 1, 2, 3... without gaps)."""
    return migration_files.load_migrations("trivia.storage.sqlite")


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
    refuse_newer(path, current, migrations)
    latest = migrations[-1].version if migrations else 0
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
