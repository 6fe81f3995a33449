"""`trivia-bot reports`: the host's list of open reports on the bundled sets, and its exports."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest

from bot.cli.main import main
from trivia.content.library import load_library
from trivia.reports import NewReport, ReportKind
from trivia.storage import open_store

SET_ID = "jessica-jones-s3"


def _file_reports(db: Path, question_id: str) -> None:
    async def file() -> None:
        async with await open_store(db) as store:
            for user, guild, set_id in ((1, 10, SET_ID), (2, 20, SET_ID), (3, 10, "uploaded")):
                await store.add_report(
                    NewReport(guild, set_id, "v", question_id, user, ReportKind.TYPO, "Fix\nme")
                )

    asyncio.run(file())


def test_lists_and_exports_reports_of_the_bundled_sets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "trivia.db"
    question = load_library().sets[SET_ID].questions[0]
    _file_reports(db, question.id)

    assert main(["reports", "--db", str(db), "--export", str(tmp_path / "r.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [f"{SET_ID} / {question.id}: 2 open (typo x2)", f"  {question.text}"]
    assert lines[2].endswith("server 10, typo: Fix me")
    assert lines[-1] == f"wrote 2 reports to {tmp_path / 'r.json'}"  # not the uploaded set's
    exported = json.loads((tmp_path / "r.json").read_text())
    assert [r["guild_id"] for r in exported] == ["10", "20"]

    assert main(["reports", "--db", str(db), "--export", str(tmp_path / "r.csv")]) == 0
    with (tmp_path / "r.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["question_id"], r["kind"], r["details"]) for r in rows] == [
        (question.id, "typo", "Fix\nme")
    ] * 2


def test_no_reports_and_a_bad_export_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "trivia.db")
    assert main(["reports", "--db", db]) == 0
    assert capsys.readouterr().out == "No open reports on the bundled sets.\n"
    assert main(["reports", "--db", db, "--export", str(tmp_path / "r.xml")]) == 1
    assert "must end in .json or .csv" in capsys.readouterr().err
