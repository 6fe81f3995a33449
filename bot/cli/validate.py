"""`trivia-bot validate [PATH ...]`: check content files and say exactly what is wrong.

Without paths it checks the bundled content. A file whose top level has `entities` is a
who's-who, any other a question set; sets that `generate` questions use the bundled
who's-who. Prints one `ok` line per valid file and every problem as `file:line: [id] what`;
the exit code is 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trivia.content.library import NEEDS_WHOSWHO, bundled_paths, check_set_ids, load_content
from trivia.errors import ContentError, Problem
from trivia.models import QuestionSet, WhosWho

_Result = QuestionSet | WhosWho | ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="question set or who's-who files (default: the bundled content)",
    )


def main(args: argparse.Namespace) -> int:
    bundled = bundled_paths()
    bundled_whoswho = _load(bundled.whoswho, None)
    whoswho = bundled_whoswho if isinstance(bundled_whoswho, WhosWho) else None
    results = [] if args.paths else [(bundled.whoswho, bundled_whoswho)]
    results += [(path, _load(path, whoswho)) for path in args.paths or bundled.sets]
    broken = bundled_whoswho if isinstance(bundled_whoswho, ContentError) else None
    problems = _report(results, broken)
    if problems:
        print(f"{problems} problem{'s' if problems > 1 else ''} found")
    return 1 if problems else 0


def _load(path: Path, whoswho: WhosWho | None) -> _Result:
    try:
        return load_content(_shown(path), whoswho=whoswho)
    except ContentError as e:
        return e


def _report(results: list[tuple[Path, _Result]], whoswho_error: ContentError | None) -> int:
    """Print the outcome of each file; return how many problems were printed."""
    problems: list[Problem] = []
    for path, result in results:
        if isinstance(result, ContentError):
            problems += result.problems
            if whoswho_error and any(p.message == NEEDS_WHOSWHO for p in result.problems):
                # the set's questions cannot be built: show why the who's-who did not load
                problems += [p for p in whoswho_error.problems if p not in problems]
        else:
            print(f"ok  {_shown(path)}: {_summary(result)}")
    sets = [(str(_shown(p)), r) for p, r in results if isinstance(r, QuestionSet)]
    problems += check_set_ids(sets)
    for problem in problems:
        print(problem)
    return len(problems)


def _summary(content: QuestionSet | WhosWho) -> str:
    if isinstance(content, WhosWho):
        return f"who's-who {content.id!r}, {len(content.entities)} entities"
    return f"question set {content.id!r}, {len(content.questions)} questions"


def _shown(path: Path) -> Path:
    """`path` relative to the working directory when it is inside it, for shorter messages."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path
