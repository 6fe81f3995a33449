"""Servers' own sets in the store: saved, replaced, listed per server, removed; bundled sets
switched off per server."""

from __future__ import annotations

from trivia.records import StoredSet
from trivia.storage import Store


async def test_a_server_set_is_saved_replaced_and_removed(store: Store) -> None:
    first = StoredSet(1, "mine", "id: mine\n", "h1", 10)
    assert await store.save_guild_set(first) is False
    assert await store.save_guild_set(StoredSet(2, "mine", "other", "h9", 20)) is False
    newer = StoredSet(1, "mine", "id: mine # v2\n", "h2", 11)
    assert await store.save_guild_set(newer) is True

    assert await store.guild_sets(1) == [newer]
    assert [s.content_hash for s in await store.guild_sets(2)] == ["h9"]
    assert await store.remove_guild_set(1, "mine") is True
    assert await store.remove_guild_set(1, "mine") is False
    assert await store.guild_sets(1) == []


async def test_bundled_sets_are_switched_off_per_server(store: Store) -> None:
    await store.switch_set(1, "bundled", False)
    await store.switch_set(1, "bundled", False)
    assert await store.disabled_sets(1) == {"bundled"}
    assert await store.disabled_sets(2) == set()
    await store.switch_set(1, "bundled", True)
    assert await store.disabled_sets(1) == set()
