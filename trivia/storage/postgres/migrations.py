"""Numbered SQL migrations (migrations/NNNN_name.sql beside this module) and the version table.

Each pending file runs in its own transaction together with its row in schema_migrations, under
a transaction-level advisory lock keyed by the schema: when several processes start at once,
one migrates and the others wait, then find nothing left to do.
"""

from __future__ import annotations

import asyncpg

from trivia.errors import StorageError
from trivia.storage.migration_files import (
    Migration,
    SchemaStatus,
    load_migrations,
    refuse_newer,
    status_of,
)

MIGRATION_LOCK = 7_412_603
"""First key of the advisory lock migrations take; the second is a hash of the schema name."""

_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)
_LOCK = "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))"
_CURRENT = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"


def postgres_migrations() -> list[Migration]:
    return load_migrations("trivia.storage.postgres")


async def schema_version(conn: asyncpg.Connection) -> int:
    """0 for an empty database (no version table yet)."""
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    return int(await conn.fetchval(_CURRENT)) if exists else 0


async def schema_status(conn: asyncpg.Connection) -> SchemaStatus:
    names = [m.name for m in postgres_migrations()]
    return status_of("postgresql", await schema_version(conn), names)


async def apply_migrations(
    conn: asyncpg.Connection, migrations: list[Migration], *, where: str = "the database"
) -> int:
    """Bring the connection's schema up to the last of `migrations`; returns its version."""
    latest = migrations[-1].version if migrations else 0
    while True:
        async with conn.transaction():
            await conn.execute(_LOCK, MIGRATION_LOCK)
            await conn.execute(_VERSION_TABLE)
            current = int(await conn.fetchval(_CURRENT))
            refuse_newer(where, current, migrations)
            if current >= latest:
                return current
            migration = migrations[current]
            try:
                await conn.execute(migration.sql)
            except asyncpg.PostgresError as error:
                raise StorageError(
                    f"{where}: migration {migration.name} failed: {error}"
                ) from error
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
