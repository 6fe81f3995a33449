"""`trivia-bot db status|upgrade` underneath: where a database stands, for either backend."""

from __future__ import annotations

from trivia.storage.schema import schema_status, upgrade_schema


async def test_status_before_and_after_an_upgrade(database: str) -> None:
    before = await schema_status(database)
    assert before.backend == ("postgresql" if database.startswith("postgresql") else "sqlite")
    assert before.current == 0 and before.latest >= 1
    assert len(before.pending) == before.latest
    after = await upgrade_schema(database)
    assert (after.current, after.latest, after.pending) == (before.latest, before.latest, ())
    assert await upgrade_schema(database) == after
