"""Which process serves a guild: Discord routes a guild's events to shard
`(guild_id >> 22) % shard_count`, so a process running some shards owns exactly their guilds."""

from __future__ import annotations

from collections.abc import Collection


def shard_of(guild_id: int, shard_count: int) -> int:
    if shard_count < 1:
        raise ValueError(f"shard_count must be at least 1, not {shard_count}")
    return (guild_id >> 22) % shard_count


def guild_on_shards(guild_id: int, shard_ids: Collection[int] | None, shard_count: int) -> bool:
    """Whether `guild_id` belongs to one of `shard_ids` (None: all `shard_count` shards)."""
    return shard_ids is None or shard_of(guild_id, shard_count) in shard_ids
