"""Opening refuses, in one sentence and without touching the file, what it cannot run on:
not a SQLite file, a damaged one, a missing folder, a folder, a file it may not write."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from trivia.content.library import import_library, load_library
from trivia.errors import StorageError
from trivia.records import SetSummary
from trivia.storage import open_store
from trivia.storage.sqlite import preflight
from trivia.storage.sqlite.preflight import check_database_path

NOBODY = 65534


def make_database(path: Path) -> bytes:
    """A migrated database holding the bundled content; returns its bytes."""

    async def fill() -> None:
        async with await open_store(path) as store:
            await import_library(store, load_library())

    asyncio.run(fill())
    return path.read_bytes()


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def refusal(path: Path) -> str:
    """Why opening `path` was refused (the test fails if it opens)."""

    async def attempt() -> str:
        try:
            store = await open_store(path)
        except StorageError as error:
            return str(error)
        await store.close()
        pytest.fail(f"{path} was opened")

    return asyncio.run(attempt())


def assert_refused(path: Path, *phrases: str) -> None:
    before = snapshot(path)
    message = refusal(path)
    assert message.startswith(f"cannot open the database {path}: ")
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    for phrase in phrases:
        assert phrase in message
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"log_level: INFO\ndatabase: trivia.db\n",
        b"SQLite format 2\x00" + bytes(100),
        b"SQLite",  # shorter than the header
    ],
    ids=["random bytes", "a text file", "another header", "a stub"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "trivia.db"
    path.write_bytes(content)

    assert_refused(path, "not a SQLite database")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trivia.db"]


def test_a_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    whole = make_database(path)
    path.write_bytes(whole[: len(whole) // 2])

    assert_refused(path, "is damaged", "restore it from a backup")


def test_a_database_with_a_scribbled_page_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    whole = bytearray(make_database(path))
    page = 4096
    whole[page * 2 : page * 4] = os.urandom(page * 2)
    path.write_bytes(bytes(whole))

    assert_refused(path, "is damaged")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "trivia.db"

    assert re.search(r"the folder .*nowhere does not exist; create it", refusal(path))
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())

    assert "it is a folder, not a file; point `database`" in refusal(tmp_path)
    assert sorted(tmp_path.iterdir()) == before


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    path.touch()

    async def sets() -> list[SetSummary]:
        async with await open_store(path) as store:
            return await store.question_sets()

    assert asyncio.run(sets()) == []


def test_a_sound_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "trivia.db"
    make_database(path)

    check_database_path(path)

    async def sets() -> list[SetSummary]:
        async with await open_store(path) as store:
            return await store.question_sets()

    assert asyncio.run(sets())


@contextlib.contextmanager
def acting_as_nobody_when_root() -> Iterator[None]:
    if os.getuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder that `nobody` can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="trivia-preflight-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def test_a_read_only_file_is_refused_at_start(shared_folder: Path) -> None:
    path = shared_folder / "trivia.db"
    make_database(path)
    path.chmod(READ_ONLY)
    shared_folder.chmod(0o777)  # the folder is not what stops it

    with acting_as_nobody_when_root():
        assert_refused(path, "may not write to it", "give the bot write access")


def test_a_read_only_folder_is_refused_at_start(shared_folder: Path) -> None:
    path = shared_folder / "trivia.db"
    make_database(path)
    path.chmod(0o666)
    shared_folder.chmod(0o555)

    with acting_as_nobody_when_root():
        assert_refused(path, f"may not write in its folder {shared_folder}")
    assert sorted(p.name for p in shared_folder.iterdir()) == ["trivia.db"]


def test_a_database_locked_by_another_process_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trivia.db"
    make_database(path)
    monkeypatch.setattr(preflight, "BUSY_TIMEOUT_S", 0.0)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")

        message = refusal(path)
    finally:
        holder.close()

    assert "another process kept it locked" in message
    assert "damaged" not in message
