"""Importing question sets and the who's-who: idempotent, atomic, and loadable back unchanged."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from tests.trivia.helpers import WallClock
from tests.trivia.storage.steps import close_question, end_round, start_round
from trivia.content.library import Library, fingerprint, import_library, load_library
from trivia.engine.events import CloseReason, EndReason, QuestionClosed, RoundEnded, Standing
from trivia.engine.settings import RoundSettings
from trivia.errors import StorageError
from trivia.models import (
    AnswerKind,
    Award,
    Difficulty,
    Entity,
    EntityKind,
    Question,
    QuestionSet,
    Relation,
    SetDefaults,
    SourceRef,
    WhosWho,
)
from trivia.records import ImportStatus, SetSummary
from trivia.storage import Store
from trivia.storage.sqlite.connection import connect

SOURCE = SourceRef("An article", "An outlet", "2019-06-14", (0, 1, 2))


def question(qid: str, **changes: object) -> Question:
    base = Question(
        id=qid,
        text=f"Question {qid}?",
        answers=(f"Answer {qid}", f"alias {qid}"),
        kind=AnswerKind.PERSON,
        explanation=f"Because {qid}.",
        source=(1, 2),
        difficulty=Difficulty.HARD,
        choices=("X", "Y", "Z"),
        hint="Starts with A",
        tags=("cast", "s3"),
    )
    return dataclasses.replace(base, **changes)


def question_set(set_id: str = "s3", questions: tuple[Question, ...] | None = None) -> QuestionSet:
    return QuestionSet(
        id=set_id,
        title=f"Set {set_id}",
        description="About the season.",
        show="A Show",
        source=SOURCE,
        questions=questions
        if questions is not None
        else (
            question("q1"),
            question("q2", hint=None, choices=(), tags=()),
            question("q3", kind=AnswerKind.NUMBER, difficulty=Difficulty.EASY),
        ),
        defaults=SetDefaults(time_limit=20, questions_per_round=5),
    )


def whoswho(description: str = "The lead.") -> WhosWho:
    return WhosWho(
        id="cast",
        title="Who's who",
        source=SOURCE,
        entities=(
            Entity(
                "lead-actor",
                "Lead Actor",
                EntityKind.ACTOR,
                description,
                (1,),
                aliases=("Lead", "L. Actor"),
                relations=(Relation("plays", "hero", (1, 2)),),
            ),
            Entity(
                "hero",
                "The Hero",
                EntityKind.CHARACTER,
                "The hero.",
                (2,),
                relations=(Relation("played_by", "lead-actor", (2,)),),
            ),
            Entity("outlet", "An Outlet", EntityKind.OUTLET, "Reported it.", ()),
        ),
    )


async def test_import_then_load_round_trips(store: Store) -> None:
    qs, people = question_set(), whoswho()
    assert await store.import_whoswho(people, "w1") is ImportStatus.ADDED
    assert await store.import_question_set(qs, "h1") is ImportStatus.ADDED
    assert await store.load_question_sets() == {"s3": qs}
    assert await store.load_whoswho() == people
    assert await store.question_sets() == [SetSummary("s3", "Set s3", "About the season.", 3)]


async def test_empty_database_has_no_content(store: Store) -> None:
    assert await store.load_question_sets() == {}
    assert await store.load_whoswho() is None


async def test_same_content_again_is_unchanged_and_writes_nothing(
    tmp_path: Path, file_store: Store, wall_clock: WallClock
) -> None:
    """SQLite only: its data_version tells whether anything was committed."""
    store = file_store
    await store.import_question_set(question_set(), "h1")
    await store.import_whoswho(whoswho(), "w1")
    observer = await connect(tmp_path / "trivia.db")

    async def data_version() -> int:
        """Moves whenever another connection commits a change."""
        [(version,)] = await observer.execute_fetchall("PRAGMA data_version")
        return int(version)

    try:
        before = await data_version()
        wall_clock.now += timedelta(days=1)
        assert await store.import_question_set(question_set(), "h1") is ImportStatus.UNCHANGED
        assert await store.import_whoswho(whoswho(), "w1") is ImportStatus.UNCHANGED
        assert await data_version() == before
        await store.import_question_set(question_set(), "h2")
        assert await data_version() != before
    finally:
        await observer.close()


async def test_a_fingerprint_tells_changed_content(store: Store) -> None:
    same = fingerprint(question_set())
    assert await store.import_question_set(question_set(), same) is ImportStatus.ADDED
    assert await store.import_question_set(question_set(), same) is ImportStatus.UNCHANGED
    renamed = dataclasses.replace(question_set(), title="Renamed")
    assert await store.import_question_set(renamed, fingerprint(renamed)) is ImportStatus.UPDATED


async def test_changed_set_is_updated_and_history_is_kept(store: Store) -> None:
    await store.import_question_set(question_set(), "h1")
    round_id = await start_round(store, 7, 8, "s3", 9, RoundSettings(), {})
    award = Award(user_id=42, question_id="q1", correct=True, points=10, answer_ms=900)
    closed = QuestionClosed(1, question("q1"), CloseReason.ANSWERED, (award,), ())
    await close_question(store, round_id, closed, {})

    changed = question_set(questions=(question("q2"), question("q4")))
    assert await store.import_question_set(changed, "h2") is ImportStatus.UPDATED
    assert await store.load_question_sets() == {"s3": changed}

    # The award for the removed question still counts: stats, and rounds played (from awards).
    ended = RoundEnded(EndReason.FINISHED, (Standing(42, 10, 1, 1),), 1)
    await end_round(store, round_id, ended)
    stats = await store.player_stats(7, 42)
    assert (stats.points, stats.correct, stats.rounds_played, stats.wins) == (10, 1, 1, 1)


async def test_changed_whoswho_is_replaced(store: Store) -> None:
    await store.import_whoswho(whoswho(), "w1")
    changed = whoswho("A different description.")
    changed = dataclasses.replace(changed, entities=changed.entities[:2])
    assert await store.import_whoswho(changed, "w2") is ImportStatus.UPDATED
    assert await store.load_whoswho() == changed


async def test_load_whoswho_picks_by_id_or_latest(store: Store, wall_clock: WallClock) -> None:
    first = whoswho()
    second = dataclasses.replace(whoswho(), id="crew", title="Crew")
    await store.import_whoswho(first, "a")
    wall_clock.now += timedelta(minutes=1)
    await store.import_whoswho(second, "b")
    assert await store.load_whoswho() == second
    assert await store.load_whoswho("cast") == first
    assert await store.load_whoswho("nobody") is None


async def test_failing_set_import_leaves_nothing_behind(store: Store) -> None:
    # The second question collides with the first: the insert fails part-way through.
    bad = question_set(questions=(question("q1"), question("q1")))
    with pytest.raises(StorageError):
        await store.import_question_set(bad, "bad")
    assert await store.question_sets() == []
    assert await store.import_question_set(question_set(), "h1") is ImportStatus.ADDED


async def test_failing_update_keeps_the_previous_version(store: Store) -> None:
    await store.import_question_set(question_set(), "h1")
    bad = question_set(questions=(question("q9"), question("q9")))
    with pytest.raises(StorageError):
        await store.import_question_set(bad, "bad")
    assert await store.load_question_sets() == {"s3": question_set()}


async def test_relation_to_a_missing_entity_is_refused(store: Store) -> None:
    people = whoswho()
    dangling = dataclasses.replace(
        people.entities[0], relations=(Relation("plays", "nobody", (1,)),)
    )
    broken = dataclasses.replace(people, entities=(dangling, *people.entities[1:]))
    with pytest.raises(StorageError):
        await store.import_whoswho(broken, "bad")
    assert await store.load_whoswho() is None


async def test_import_library_is_one_transaction(store: Store) -> None:
    good, bad = question_set("good"), question_set("bad", (question("q1"), question("q1")))
    library = Library({"good": good, "bad": bad}, whoswho())
    with pytest.raises(StorageError):
        await import_library(store, library)
    assert await store.load_whoswho() is None
    assert await store.question_sets() == []

    library = Library({"good": good}, whoswho())
    assert await import_library(store, library) == {
        "cast": ImportStatus.ADDED,
        "good": ImportStatus.ADDED,
    }
    assert await import_library(store, library) == {
        "cast": ImportStatus.UNCHANGED,
        "good": ImportStatus.UNCHANGED,
    }
    assert await store.load_question_sets() == {"good": good}


async def test_import_library_sees_a_set_edited_after_loading(store: Store) -> None:
    """The fingerprint is taken at import, so a library edited since loading is not
    mistaken for the one already imported."""
    library = load_library()
    await import_library(store, library)
    set_id, loaded = next(iter(library.sets.items()))
    edited = dataclasses.replace(library, sets={set_id: dataclasses.replace(loaded, title="New")})
    statuses = await import_library(store, edited)
    assert statuses[set_id] is ImportStatus.UPDATED
    assert statuses[library.whoswho.id] is ImportStatus.UNCHANGED
