"""`trivia-bot import [--db PATH] [PATH ...]`: put content files into the database.

With no PATH, imports the bundled who's-who and question sets. Every file is checked before
anything is written: if one is invalid, every problem is printed as `file:line: ...` and
nothing is imported. Otherwise prints one line per file, `PATH: added|updated|unchanged`.

Sets that generate questions from a who's-who use the one among the files given, else the
database's current one, else the bundled one (which is then imported too).
Exit codes: 0 imported, 1 invalid content or an unusable database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trivia.content.library import (
    Library,
    bundled_paths,
    check_set_ids,
    import_library,
    load_content,
)
from trivia.errors import ContentError, Problem, StorageError
from trivia.models import QuestionSet, WhosWho
from trivia.storage import open_store

if TYPE_CHECKING:
    from trivia.storage import Store

Content = QuestionSet | WhosWho


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="the SQLite database file (default: trivia.db)",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="question set or who's-who YAML files (default: the bundled content)",
    )


def main(args: argparse.Namespace) -> int:
    return asyncio.run(_import(args.db, args.paths))


async def _import(db_path: Path | None, paths: list[Path]) -> int:
    from trivia.storage import DEFAULT_DB_PATH  # aiosqlite: only when importing

    bundled = bundled_paths()
    try:
        async with await open_store(db_path or DEFAULT_DB_PATH) as store:
            files = paths or [bundled.whoswho, *bundled.sets]
            whoswho, found, problems = await _load(store, files, bundled.whoswho)
            if problems or whoswho is None:
                _report(problems)
                return 1
            sets = {c.id: c for c in found.values() if isinstance(c, QuestionSet)}
            statuses = await import_library(store, Library(sets, whoswho))
    except StorageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path, content in found.items():
        print(f"{path}: {statuses[content.id]}")
    return 0


async def _load(
    store: Store, files: list[Path], bundled_whoswho: Path
) -> tuple[WhosWho | None, dict[Path, Content], list[Problem]]:
    """Parse every file, the who's-who first as sets may need it.

    Returns the who's-who to import with the sets (None only alongside problems), what each
    file holds, and every problem found.
    """
    whoswho_files = [path for path in files if isinstance(_try_load(path), WhosWho)]
    if len(whoswho_files) > 1:
        names = ", ".join(str(path) for path in whoswho_files)
        return None, {}, [Problem(names, None, "import one who's-who at a time")]
    whoswho = None if whoswho_files else await store.load_whoswho()
    if whoswho is None and not whoswho_files:
        whoswho_files, files = [bundled_whoswho], [bundled_whoswho, *files]
    found: dict[Path, Content] = {}
    problems: list[Problem] = []
    for path in whoswho_files + [p for p in files if p not in whoswho_files]:
        try:
            content = found[path] = load_content(path, whoswho=whoswho)
        except ContentError as error:
            problems += error.problems
            continue
        if isinstance(content, WhosWho):
            whoswho = content
    problems += check_set_ids(
        (str(path), c) for path, c in found.items() if isinstance(c, QuestionSet)
    )
    return whoswho, found, problems


def _try_load(path: Path) -> Content | None:
    try:
        return load_content(path)
    except ContentError:
        return None


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    files = len({problem.file for problem in problems})
    print(f"nothing imported: {len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
