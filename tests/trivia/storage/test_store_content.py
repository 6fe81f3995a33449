"""Content and guild settings through the store protocol, on every backend."""

from __future__ import annotations

from dataclasses import replace

from tests.trivia.conftest import build_small_set
from trivia.content.library import fingerprint, load_library
from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode
from trivia.records import ImportStatus, SetSummary
from trivia.storage.interface import Store


async def test_import_loads_back_and_the_same_content_is_unchanged(store: Store) -> None:
    bundled = load_library()
    small = build_small_set()
    content = [bundled.whoswho, small]
    hashes = {item.id: fingerprint(item) for item in content}
    first = await store.import_content(bundled.whoswho, [small], hashes)
    assert first == {bundled.whoswho.id: ImportStatus.ADDED, small.id: ImportStatus.ADDED}
    assert await store.load_question_sets() == {small.id: small}
    assert await store.load_whoswho() == bundled.whoswho
    assert await store.question_sets() == [
        SetSummary(small.id, small.title, small.description, len(small.questions))
    ]
    again = await store.import_content(bundled.whoswho, [small], hashes)
    assert set(again.values()) == {ImportStatus.UNCHANGED}


async def test_an_edited_set_is_updated(store: Store) -> None:
    bundled, small = load_library(), build_small_set()
    hashes = {bundled.whoswho.id: fingerprint(bundled.whoswho), small.id: "v1"}
    await store.import_content(bundled.whoswho, [small], hashes)
    shorter = replace(small, questions=small.questions[:2])
    statuses = await store.import_content(bundled.whoswho, [shorter], {**hashes, small.id: "v2"})
    assert statuses[small.id] is ImportStatus.UPDATED
    assert (await store.load_question_sets())[small.id] == shorter


async def test_the_latest_whoswho_is_loaded_by_default(store: Store) -> None:
    """Both are imported at the same instant: the one imported last still wins."""
    whoswho = load_library().whoswho
    other = replace(whoswho, id="other", title="Other")
    await store.import_content(other, [], {"other": "h1"})
    await store.import_content(whoswho, [], {whoswho.id: "h2"})
    assert await store.load_whoswho() == whoswho
    assert await store.load_whoswho("other") == other
    assert await store.load_whoswho("missing") is None


async def test_guild_settings_default_and_round_trip(store: Store) -> None:
    assert await store.guild_settings(5) == GuildSettings()
    chosen = GuildSettings(AnswerMode.TYPED, 7, 45, False, False, 123, (9, 8))
    await store.save_guild_settings(5, chosen)
    await store.save_guild_settings(5, chosen)
    assert await store.guild_settings(5) == chosen
    assert await store.guild_settings(6) == GuildSettings()
