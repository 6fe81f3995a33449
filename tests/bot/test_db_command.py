"""`trivia-bot db status|upgrade` on a SQLite file (PostgreSQL: tests/trivia/storage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.main import main


def run(tmp_path: Path, *argv: str) -> int:
    return main(["db", *argv, "--config", str(tmp_path / "config.yaml")])


def test_status_then_upgrade_then_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / "config.yaml").write_text("database: bot.db\n", encoding="utf-8")

    assert run(tmp_path, "status") == 1
    before = capsys.readouterr().out
    assert "(sqlite)" in before and "schema version: 0" in before
    assert "pending migrations: 0001_init.sql" in before
    assert not (tmp_path / "bot.db").exists()

    assert run(tmp_path, "upgrade") == 0
    assert "up to date" in capsys.readouterr().out
    assert run(tmp_path, "status") == 0


def test_an_unreachable_server_is_reported_without_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://trivia:hunter2@127.0.0.1:1/trivia")
    (tmp_path / "config.yaml").write_text("", encoding="utf-8")

    assert run(tmp_path, "status") == 2
    err = capsys.readouterr().err
    assert "cannot connect to PostgreSQL" in err and "hunter2" not in err
