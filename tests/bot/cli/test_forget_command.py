"""`trivia-bot forget USER_ID`: the host deletes a player's data, after a prompt or --yes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli.main import main
from trivia.reports import NewReport, ReportKind
from trivia.storage import open_store


def _reports(db: Path) -> int:
    async def count() -> int:
        async with await open_store(db) as store:
            await store.add_report(NewReport(1, "s", "v", "q", 42, ReportKind.TYPO, ""))
            return len(await store.open_reports(None))

    return asyncio.run(count())


def test_forget_asks_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "trivia.db"
    assert _reports(db) == 1
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["forget", "42", "--db", str(db)]) == 1
    assert capsys.readouterr().out == "Nothing deleted.\n"

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert main(["forget", "42", "--db", str(db)]) == 0
    assert "deleted 0 answers, 0 stats rows, 0 open picks and 1 reports" in capsys.readouterr().out


def test_forget_with_yes_does_not_ask(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_prompt(prompt: str) -> str:
        raise AssertionError("asked")

    monkeypatch.setattr("builtins.input", no_prompt)
    assert main(["forget", "7", "--db", str(tmp_path / "trivia.db"), "--yes"]) == 0
    assert capsys.readouterr().out.startswith("user 7: deleted 0 answers")
