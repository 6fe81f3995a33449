"""`trivia-bot validate` prints warnings apart from errors, and they keep exit code 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.main import main
from tests.trivia.content.set_text import line_of, question, set_text

LANDLORD = question("landlord", "Who is Jessica's landlord?", "[Oscar Arocho, Oscar]")
SON = question("son", "What is the name of Oscar's son?", "[Vido]")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out.splitlines()


def test_warnings_follow_the_ok_line_and_do_not_fail(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = set_text(LANDLORD, SON)
    (tmp_path / "set.yaml").write_text(text)
    code, lines = _run(capsys, "set.yaml")
    assert code == 0
    assert lines == [
        "ok  set.yaml: question set 'fam', 2 questions",
        f"warning: set.yaml:{line_of(text, 'Oscar' + chr(39))}: [son] text contains 'Oscar', an "
        "accepted answer of 'landlord'; put the two in one family, list one in the other's "
        "excludes, or reword",
        "1 warning",
    ]


def test_errors_still_fail_beside_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "warned.yaml").write_text(set_text(LANDLORD, SON).replace("id: fam", "id: one"))
    broken = set_text(question("x", "Who?", "[Ann]", extra="excludes: [nobody]"))
    (tmp_path / "broken.yaml").write_text(broken)
    code, lines = _run(capsys, "warned.yaml", "broken.yaml")
    assert code == 1
    assert lines[1].startswith("warning: warned.yaml:")
    assert f"broken.yaml:{line_of(broken, 'excludes')}: [x] excludes 'nobody'" in lines[-3]
    assert lines[-2:] == ["1 warning", "1 problem found"]


def test_the_bundled_content_validates_without_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines = _run(capsys)
    assert code == 0
    assert not [line for line in lines if not line.startswith("ok  ")]
