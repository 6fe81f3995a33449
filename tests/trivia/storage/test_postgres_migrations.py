"""PostgreSQL's numbered migrations: applied once even when several processes start together,
reported by schema_status, and a newer schema refused."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from trivia.errors import StorageError
from trivia.storage import open_store
from trivia.storage.postgres.migrations import postgres_migrations
from trivia.storage.schema import schema_status, upgrade_schema


async def test_processes_starting_at_once_migrate_once(postgres_database: str) -> None:
    stores = await asyncio.gather(*(open_store(postgres_database) for _ in range(4)))
    for store in stores:
        await store.close()
    conn = await asyncpg.connect(postgres_database)
    try:
        versions = await conn.fetch("SELECT version FROM schema_migrations ORDER BY version")
    finally:
        await conn.close()
    assert [row["version"] for row in versions] == [m.version for m in postgres_migrations()]


async def test_a_newer_schema_is_refused(postgres_database: str) -> None:
    await upgrade_schema(postgres_database)
    conn = await asyncpg.connect(postgres_database)
    try:
        await conn.execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
    finally:
        await conn.close()
    with pytest.raises(StorageError, match="newer release"):
        await open_store(postgres_database)


async def test_an_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match="cannot connect to PostgreSQL"):
        await schema_status("postgresql://nobody@127.0.0.1:1/none")
