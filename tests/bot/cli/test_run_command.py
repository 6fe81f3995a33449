"""`trivia-bot run`: friendly exits without a token or with a bad config, a token that never
reaches the logs, and a graceful shutdown on SIGTERM (rounds saved, client closed, store
closed, in that order)."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import discord
import pytest

from bot import launcher
from bot.channel_rounds.driver import RoundDriver
from bot.cli.main import main
from bot.client import TriviaBot
from bot.config import Config
from trivia.storage import SqliteStore

SECRET = "MTE5OTk5.fake-token-for-tests.c2VjcmV0"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)


def test_no_token_explains_how_to_get_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2

    err = capsys.readouterr().err
    for hint in (
        "Discord Developer Portal",
        "New Application",
        "Reset Token",
        "applications.commands",
        "DISCORD_TOKEN",
        "config.yaml",
        "trivia-bot play",
        "trivia-bot whois NAME",
        "trivia-bot validate",
    ):
        assert hint in err


def test_bad_config_names_the_key_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bot.yaml"
    path.write_text("log_level: INFO\nlog_levle: DEBUG\n", encoding="utf-8")

    assert main(["run", "--config", str(path)]) == 2

    err = capsys.readouterr().err
    assert f"{path}:2: unknown key 'log_levle'" in err
    assert "did you mean 'log_level'?" in err


def test_bad_value_in_cwd_config_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "config.yaml").write_text("log_level: chatty\n", encoding="utf-8")

    assert main(["run"]) == 2

    assert "config.yaml:1: log_level must be one of" in capsys.readouterr().err


def test_rejected_token_is_never_logged(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = tmp_path / "conf" / "config.yaml"
    config.parent.mkdir()
    config.write_text("log_level: DEBUG\n", encoding="utf-8")
    monkeypatch.setenv("DISCORD_TOKEN", SECRET)

    async def refuse(self: discord.http.HTTPClient, token: str) -> None:
        assert token == SECRET
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", refuse)
    caplog.set_level(logging.DEBUG)

    assert main(["run", "--config", str(config)]) == 2

    out, err = capsys.readouterr()
    assert "Discord rejected the bot token" in err
    assert (tmp_path / "conf" / "trivia.db").exists()  # opened and migrated beside the config
    assert caplog.records, "the run attempt should have logged something"
    assert SECRET not in caplog.text and SECRET not in err and SECRET not in out


def test_redact_filter_blanks_the_token_in_emitted_records() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token is %s", (SECRET,), None)

    launcher.RedactFilter([SECRET]).filter(record)

    assert record.getMessage() == "token is [redacted]"


async def test_sigterm_saves_rounds_then_closes_client_then_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []

    async def fake_start(self: TriviaBot, token: str) -> None:
        steps.append("started")
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.Event().wait()  # "connected" until cancelled

    async def fake_shutdown(self: RoundDriver) -> None:
        steps.append("rounds saved")

    real_close, real_store_close = TriviaBot.close, SqliteStore.close

    async def close(self: TriviaBot) -> None:
        steps.append("client closed")
        await real_close(self)

    async def store_close(self: SqliteStore) -> None:
        steps.append("store closed")
        await real_store_close(self)

    monkeypatch.setattr(TriviaBot, "start", fake_start)
    monkeypatch.setattr(TriviaBot, "close", close)
    monkeypatch.setattr(RoundDriver, "shutdown", fake_shutdown)
    monkeypatch.setattr(SqliteStore, "close", store_close)
    config = Config(token=SECRET, database=tmp_path / "trivia.db")

    await launcher.serve(config)

    assert steps[:4] == ["started", "rounds saved", "client closed", "store closed"]


@pytest.mark.parametrize(
    ("database", "prepare", "expected"),
    [
        ("missing/trivia.db", None, "the folder"),
        ("folder", "mkdir", "it is a folder"),
        ("trivia.db", b"not a database, just words\n", "not a SQLite database"),
        ("trivia.db", b"SQLite format 3\x00" + bytes(4080), "it is damaged"),
    ],
    ids=["missing folder", "a folder", "a text file", "damaged"],
)
def test_an_unusable_database_stops_start_up_before_discord(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database: str,
    prepare: bytes | str | None,
    expected: str,
) -> None:
    target = tmp_path / database
    if prepare == "mkdir":
        target.mkdir()
    elif isinstance(prepare, bytes):
        target.write_bytes(prepare)
    (tmp_path / "config.yaml").write_text(f"database: {database}\n", encoding="utf-8")
    monkeypatch.setenv("DISCORD_TOKEN", SECRET)

    async def never(self: discord.http.HTTPClient, token: str) -> None:
        raise AssertionError("connected to Discord with an unusable database")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", never)

    assert main(["run"]) == 2

    err = capsys.readouterr().err
    assert f"Cannot start: cannot open the database {target}: " in err
    assert expected in err
    assert "Traceback" not in err
