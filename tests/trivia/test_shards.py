"""Discord's shard rule: a guild belongs to shard (guild_id >> 22) % shard_count."""

from __future__ import annotations

import pytest

from trivia.shards import guild_on_shards, shard_of

# A snowflake whose timestamp part, guild_id >> 22, is 1_000_003.
GUILD = (1_000_003 << 22) | 0x1234


def test_the_shard_comes_from_the_timestamp_bits() -> None:
    assert shard_of(GUILD, 1) == 0
    assert shard_of(GUILD, 2) == 1
    assert shard_of(GUILD, 10) == 3
    assert shard_of(GUILD + 1, 10) == 3  # the low 22 bits never move a guild


def test_a_guild_is_on_exactly_one_process_of_a_split() -> None:
    for guild in (GUILD, GUILD + (1 << 22), 81384788765712384):
        owners = [ids for ids in ((0, 2), (1,), (3,)) if guild_on_shards(guild, ids, 4)]
        assert len(owners) == 1


def test_no_shard_ids_means_every_shard() -> None:
    assert guild_on_shards(GUILD, None, 4)
    assert not guild_on_shards(GUILD, (), 4)


def test_a_shard_count_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shard_of(GUILD, 0)
