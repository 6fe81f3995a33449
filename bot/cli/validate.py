"""`trivia-bot validate [PATH ...]`: check content files and say exactly what is wrong.

Without paths it checks the bundled content. A file whose top level has `entities` is a
who's-who, any other a question set; sets that `generate` questions use the bundled
who's-who. Prints one `ok` line per valid file and every problem as `file:line: [id] what`;
the exit code is 1 when anything is wrong.

A valid set may still play badly: a question that gives away another's answer, or a
free-text question with few accepted answers (`trivia.content.giveaways`). These are printed
as `warning: file:line: [id] what` after the file's `ok` line and counted at the end; they
do not change the exit code, which stays 0 when there are only warnings.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trivia.content.library import NEEDS_WHOSWHO, bundled_paths, check_set_ids, lint_file
from trivia.errors import ContentError, Problem
from trivia.models import QuestionSet, WhosWho

_Result = tuple[QuestionSet | WhosWho, list[Problem]] | ContentError


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
    loaded = None if isinstance(bundled_whoswho, ContentError) else bundled_whoswho[0]
    whoswho = loaded if isinstance(loaded, WhosWho) else None
    results = [] if args.paths else [(bundled.whoswho, bundled_whoswho)]
    results += [(path, _load(path, whoswho)) for path in args.paths or bundled.sets]
    broken = bundled_whoswho if isinstance(bundled_whoswho, ContentError) else None
    problems, warnings = _report(results, broken)
    if warnings:
        print(f"{warnings} warning{'s' if warnings > 1 else ''}")
    if problems:
        print(f"{problems} problem{'s' if problems > 1 else ''} found")
    return 1 if problems else 0


def _load(path: Path, whoswho: WhosWho | None) -> _Result:
    try:
        return lint_file(_shown(path), whoswho=whoswho)
    except ContentError as e:
        return e


def _report(
    results: list[tuple[Path, _Result]], whoswho_error: ContentError | None
) -> tuple[int, int]:
    """Print the outcome of each file; return how many problems and warnings were printed."""
    problems: list[Problem] = []
    warnings = 0
    for path, result in results:
        if isinstance(result, ContentError):
            problems += result.problems
            if whoswho_error and any(p.message == NEEDS_WHOSWHO for p in result.problems):
                # the set's questions cannot be built: show why the who's-who did not load
                problems += [p for p in whoswho_error.problems if p not in problems]
        else:
            print(f"ok  {_shown(path)}: {_summary(result[0])}")
            for warning in result[1]:
                print(f"warning: {warning}")
            warnings += len(result[1])
    sets = [
        (str(_shown(p)), r[0])
        for p, r in results
        if not isinstance(r, ContentError) and isinstance(r[0], QuestionSet)
    ]
    problems += check_set_ids(sets)
    for problem in problems:
        print(problem)
    return len(problems), warnings


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
