"""`trivia-bot import`: one status line per file, idempotent, all-or-nothing, exit codes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.trivia.content.helpers import SET, WHOSWHO, dump, edited, line_of
from trivia.content.library import bundled_paths, load_library
from trivia.models import QuestionSet, WhosWho
from trivia.storage import open_store
from trivia.storage.sqlite.connection import connect


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def stored(db: Path) -> tuple[dict[str, QuestionSet], WhosWho | None]:
    async def load() -> tuple[dict[str, QuestionSet], WhosWho | None]:
        async with await open_store(db) as store:
            return await store.load_question_sets(), await store.load_whoswho()

    return asyncio.run(load())


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_no_paths_imports_the_bundled_content_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "trivia.db"
    paths = bundled_paths()
    code, lines, _ = run(capsys, "--db", str(db))
    assert code == 0
    assert lines == [f"{path}: added" for path in (paths.whoswho, *paths.sets)]
    library = load_library()
    assert stored(db) == (library.sets, library.whoswho)

    code, lines, _ = run(capsys, "--db", str(db))
    assert code == 0
    assert lines == [f"{path}: unchanged" for path in (paths.whoswho, *paths.sets)]


def test_given_files_are_added_then_updated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "set.yaml", dump(SET))
    write(tmp_path / "cast.yaml", dump(WHOSWHO))
    assert run(capsys, "set.yaml", "cast.yaml") == (0, ["cast.yaml: added", "set.yaml: added"], "")
    write(tmp_path / "set.yaml", dump(edited(SET, title="Renamed set")))
    assert run(capsys, "set.yaml", "cast.yaml") == (
        0,
        ["cast.yaml: unchanged", "set.yaml: updated"],
        "",
    )
    sets, whoswho = stored(tmp_path / "trivia.db")
    assert sets["test-set"].title == "Renamed set"
    assert whoswho is not None and whoswho.id == "test-whoswho"


def test_a_set_alone_uses_the_stored_whoswho_or_else_the_bundled_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, path = tmp_path / "trivia.db", write(tmp_path / "set.yaml", dump(SET))
    code, lines, _ = run(capsys, "--db", str(db), str(path))
    assert (code, lines) == (0, [f"{bundled_paths().whoswho}: added", f"{path}: added"])
    code, lines, _ = run(capsys, "--db", str(db), str(path))
    assert (code, lines) == (0, [f"{path}: unchanged"])


def test_an_invalid_file_means_nothing_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "good.yaml", dump(edited(SET, id="good-set")))
    write(tmp_path / "cast.yaml", dump(WHOSWHO))
    text = dump(SET).replace("kind: person", "kind: persn", 1)
    write(tmp_path / "bad.yaml", text)
    code, lines, err = run(capsys, "good.yaml", "cast.yaml", "bad.yaml")
    assert code == 1
    assert lines == []
    assert f"bad.yaml:{line_of(text, 'kind: persn')}:" in err
    assert "nothing imported" in err
    assert stored(tmp_path / "trivia.db") == ({}, None)


def test_two_whoswho_files_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", dump(WHOSWHO))
    write(tmp_path / "b.yaml", dump(edited(WHOSWHO, id="other")))
    code, _, err = run(capsys, "a.yaml", "b.yaml")
    assert code == 1
    assert "one who's-who at a time" in err


def test_a_database_from_a_newer_release_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "trivia.db"
    assert run(capsys, "--db", str(db))[0] == 0

    async def bump() -> None:
        conn = await connect(db)
        await conn.execute("PRAGMA user_version = 999")
        await conn.close()

    asyncio.run(bump())
    code, lines, err = run(capsys, "--db", str(db))
    assert (code, lines) == (1, [])
    assert "newer release" in err


def test_a_file_that_is_not_a_database_is_refused_in_a_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = write(tmp_path / "notes.txt", "shopping: eggs, milk\n")

    code, lines, err = run(capsys, "--db", str(db))

    assert (code, lines) == (1, [])
    assert err == (
        f"error: cannot open the database {db}: it is not a SQLite database;"
        " move it aside or point `database` at another file.\n"
    )
    assert db.read_text() == "shopping: eggs, milk\n"
