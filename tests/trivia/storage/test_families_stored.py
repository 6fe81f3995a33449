"""What keeps a round free of giveaways survives the database: families, excludes, pronouns."""

from __future__ import annotations

from trivia.content.library import import_library, load_library
from trivia.storage import Store


async def test_the_bundled_library_round_trips_with_families_and_pronouns(
    store: Store,
) -> None:
    library = load_library()
    await import_library(store, library)
    assert await store.load_question_sets() == library.sets
    assert await store.load_whoswho() == library.whoswho
    loaded = (await store.load_question_sets())["jessica-jones-s3"]
    assert loaded.question("rel-plays-rachael-taylor").family == "rel-rachael-taylor-trish-walker"
    assert "rel-played-by-trish-walker" in loaded.question("trish-estranged").excludes
    assert (await store.load_whoswho()).entity("david-tennant").pronoun == "he"
