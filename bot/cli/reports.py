"""`trivia-bot reports [--db PATH] [--export FILE.json|FILE.csv]`: players' open reports of the
bundled question sets, from every server, for the host who maintains those sets.

Prints one block per reported question (most reported first): set, question id and text, how
many reports of which kind, then each report's server, kind and comment. `--export` also writes
every open report, one per row or object, to a CSV or JSON file (by its extension).
Exit codes: 0 done, 1 an unusable database or export file.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import dataclasses
import json
import sys
from pathlib import Path

from trivia.content.library import load_library
from trivia.errors import ContentError, StorageError
from trivia.models import QuestionSet
from trivia.reports import QuestionReport, by_question
from trivia.storage import open_store

_FIELDS = [f.name for f in dataclasses.fields(QuestionReport)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="the SQLite database file (default: trivia.db)",
    )  # fmt: skip
    parser.add_argument(
        "--export", type=Path, default=None, metavar="FILE",
        help="also write the open reports to FILE.json or FILE.csv",
    )  # fmt: skip


def main(args: argparse.Namespace) -> int:
    if args.export is not None and args.export.suffix.lower() not in (".json", ".csv"):
        print(f"{args.export}: the export file must end in .json or .csv", file=sys.stderr)
        return 1
    try:
        sets = load_library().sets
        reports = asyncio.run(_open_reports(args.db, list(sets)))
    except (ContentError, StorageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_reports(reports, sets)
    if args.export is not None:
        try:
            export(reports, args.export)
        except OSError as error:
            print(f"{args.export}: cannot write: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"wrote {len(reports)} reports to {args.export}")
    return 0


async def _open_reports(db_path: Path | None, set_ids: list[str]) -> list[QuestionReport]:
    from trivia.storage import DEFAULT_DB_PATH

    async with await open_store(db_path or DEFAULT_DB_PATH) as store:
        return await store.open_reports(None, set_ids)


def print_reports(reports: list[QuestionReport], sets: dict[str, QuestionSet]) -> None:
    groups = by_question(reports)
    if not groups:
        print("No open reports on the bundled sets.")
        return
    for group in groups:
        texts = {q.id: q.text for q in sets[group.set_id].questions} if group.set_id in sets else {}
        text = texts.get(group.question_id, "(no longer in the set)")
        kinds = ", ".join(f"{kind.value} x{n}" for kind, n in group.kinds.items())
        print(f"{group.set_id} / {group.question_id}: {len(group.reports)} open ({kinds})")
        print(f"  {text}")
        for report in group.reports:
            comment = " ".join(report.details.split()) or "(no comment)"
            print(f"  #{report.id} server {report.guild_id}, {report.kind.value}: {comment}")


def export(reports: list[QuestionReport], path: Path) -> None:
    rows = [{k: str(v) for k, v in dataclasses.asdict(r).items()} for r in reports]
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
