"""`trivia-bot import [--db PATH] [PATH ...]`: put content files into the database.

With no PATH, imports the bundled who's-who and question sets. Every file is checked before
anything is written: one invalid file means every problem is printed (file:line) and nothing
is imported. Otherwise prints one line per file, `PATH: added|updated|unchanged`.

Sets that generate questions from a who's-who use the one among the files given, else the
database's current one, else the bundled one (which is then imported too).
Exit codes: 0 imported, 1 invalid content or unusable database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trivia.errors import Problem
    from trivia.models import QuestionSet, WhosWho
    from trivia.storage import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="the SQLite database file (default: trivia.db)",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="question set or who's-who YAML files (default: the bundled content)",
    )


def main(args: argparse.Namespace) -> int:
    import asyncio

    return asyncio.run(_import(args.db, args.paths))


async def _import(db_path: Path | None, paths: list[Path]) -> int:
    from trivia.content import Library, bundled_paths
    from trivia.errors import StorageError
    from trivia.storage import DEFAULT_DB_PATH, Store

    bundled = bundled_paths()
    files = paths or [bundled.whoswho, *bundled.sets]
    try:
        async with await Store.open(db_path or DEFAULT_DB_PATH) as store:
            whoswho, found, problems = await _load(store, files, bundled.whoswho)
            if problems or whoswho is None:
                _report(problems)
                return 1
            sets = {qs.id: qs for qs in found.values() if not _is_whoswho(qs)}
            statuses = await store.import_library(Library(sets, whoswho))
    except StorageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path, content in found.items():
        print(f"{path}: {statuses[content.id]}")
    return 0


async def _load(
    store: Store, files: list[Path], bundled_whoswho: Path
) -> tuple[WhosWho | None, dict[Path, QuestionSet | WhosWho], list[Problem]]:
    """Parse every file (who's-who first, as sets may need it); all problems, or none."""
    from trivia.content import check_set_ids, load_content, load_whoswho
    from trivia.errors import ContentError, Problem

    whoswhos = [path for path in files if _is_whoswho_file(path)]
    if len(whoswhos) > 1:
        names = ", ".join(str(path) for path in whoswhos)
        return None, {}, [Problem(names, None, "import one who's-who at a time")]
    whoswho = None if whoswhos else await store.load_whoswho()
    if not whoswhos and whoswho is None:
        whoswhos, files = [bundled_whoswho], [bundled_whoswho, *files]
    found: dict[Path, QuestionSet | WhosWho] = {}
    problems: list[Problem] = []
    if whoswhos:
        try:
            whoswho = found[whoswhos[0]] = load_whoswho(whoswhos[0])
        except ContentError as error:
            problems += error.problems
    for path in files:
        if path in whoswhos:
            continue
        try:
            found[path] = load_content(path, whoswho=whoswho)
        except ContentError as error:
            problems += error.problems
    problems += check_set_ids(
        (str(path), qs) for path, qs in found.items() if not _is_whoswho(qs)
    )
    return whoswho, found, problems


def _is_whoswho(content: object) -> bool:
    from trivia.models import WhosWho

    return isinstance(content, WhosWho)


def _is_whoswho_file(path: Path) -> bool:
    """A who's-who is the file whose top level has `entities` (as trivia.content decides)."""
    from trivia.content import load_content
    from trivia.errors import ContentError

    try:
        return _is_whoswho(load_content(path))
    except ContentError:
        return False


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    files = len({problem.file for problem in problems})
    print(
        f"nothing imported: {len(problems)} problem(s) in {files} file(s)", file=sys.stderr
    )
