"""Schema versions for operators (`trivia-bot db status|upgrade`), for either backend."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from trivia.errors import StorageError
from trivia.storage import is_postgres_url
from trivia.storage.migration_files import SchemaStatus, status_of
from trivia.storage.postgres import migrations as postgres
from trivia.storage.sqlite import migrations as sqlite
from trivia.storage.sqlite.connection import connect


async def _postgres_connection(url: str) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(url)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        raise StorageError(f"cannot connect to PostgreSQL: {error}") from error


def _sqlite_names() -> list[str]:
    return [m.name for m in sqlite.load_migrations()]


async def schema_status(database: str | Path) -> SchemaStatus:
    """Where `database` stands; a SQLite file that does not exist yet is at version 0."""
    if is_postgres_url(database):
        conn = await _postgres_connection(str(database))
        try:
            return await postgres.schema_status(conn)
        finally:
            await conn.close()
    if not await asyncio.to_thread(Path(database).exists):
        return status_of("sqlite", 0, _sqlite_names())
    db = await connect(database)
    try:
        return status_of("sqlite", await sqlite.schema_version(db), _sqlite_names())
    finally:
        await db.close()


async def upgrade_schema(database: str | Path) -> SchemaStatus:
    """Apply every pending migration; returns where the database then stands."""
    if is_postgres_url(database):
        conn = await _postgres_connection(str(database))
        try:
            where = "the PostgreSQL database"
            await postgres.apply_migrations(conn, postgres.postgres_migrations(), where=where)
            return await postgres.schema_status(conn)
        finally:
            await conn.close()
    db = await connect(database)
    try:
        await sqlite.apply_migrations(db, sqlite.load_migrations(), path=str(database))
        return status_of("sqlite", await sqlite.schema_version(db), _sqlite_names())
    finally:
        await db.close()
