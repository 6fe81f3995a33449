"""Load and validate content files: question sets and the who's-who, written in YAML.

Validation is all-or-nothing: every problem in a file is collected and raised together as
one ContentError (file, line, question or entity id, what is wrong), so a bad file never
loads half-way. Text limits follow where Discord shows each text (see `trivia.content.entry_fields`
and the two file modules below). A bare whole number (`answers: [13]`) is taken as the digits
written, "13"; booleans, decimals, null and dates (`yes`, `3.5`, `~`, `2018-02-03`) must be
quoted, except in a source's `date`. What each file holds is checked by
`trivia.content.question_file` and `trivia.content.whoswho_file`; this module is the public face.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trivia.content.question_file import NEEDS_WHOSWHO, read_question_set
from trivia.content.whoswho_file import read_whoswho
from trivia.content.yaml_source import Map, Reader, parse_yaml
from trivia.errors import ContentError, Problem
from trivia.models import QuestionSet, WhosWho

if TYPE_CHECKING:
    from trivia.records import ImportStatus
    from trivia.storage.interface import Store

_T = TypeVar("_T")


@dataclass(frozen=True)
class BundledPaths:
    whoswho: Path
    sets: list[Path]


@dataclass(frozen=True)
class Library:
    sets: dict[str, QuestionSet]
    whoswho: WhosWho

    def fingerprints(self) -> dict[str, str]:
        """`fingerprint` of the who's-who and of each set, by content id: what a store
        compares to import only what changed."""
        content: list[QuestionSet | WhosWho] = [self.whoswho, *self.sets.values()]
        return {item.id: fingerprint(item) for item in content}


async def import_library(store: Store, library: Library) -> dict[str, ImportStatus]:
    """Import `library` into `store` in one transaction; what has not changed writes nothing."""
    return await store.import_content(
        library.whoswho, library.sets.values(), library.fingerprints()
    )


def content_hash(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def fingerprint(content: QuestionSet | WhosWho) -> str:
    """A hash of the loaded content. Unlike the file's hash, a set's changes when its
    generated questions change because the who's-who (or the generator) did."""
    return content_hash(repr(content))


def bundled_paths() -> BundledPaths:
    data = Path(__file__).parents[1] / "data"
    whoswho = data / "whoswho.yaml"
    return BundledPaths(whoswho, sorted(p for p in data.glob("*.yaml") if p != whoswho))


def parse_question_set(
    text: str | bytes, filename: str, *, whoswho: WhosWho | None = None
) -> QuestionSet:
    root, problems = parse_yaml(text, filename)
    return _finish(problems, read_question_set(Reader(filename, problems), root, whoswho))


def parse_whoswho(text: str | bytes, filename: str) -> WhosWho:
    root, problems = parse_yaml(text, filename)
    return _finish(problems, read_whoswho(Reader(filename, problems), root))


def parse_content(
    text: str | bytes, filename: str, *, whoswho: WhosWho | None = None
) -> QuestionSet | WhosWho:
    """A who's-who if the top level has `entities`, otherwise a question set."""
    return _read_content(text, filename, whoswho, collect_warnings=False)[0]


def lint_content(
    text: str | bytes, filename: str, *, whoswho: WhosWho | None = None
) -> tuple[QuestionSet | WhosWho, list[Problem]]:
    """What `parse_content` returns, with the warnings about it (see `trivia.content.giveaways`):
    things that load but make a weaker quiz, in line order."""
    return _read_content(text, filename, whoswho, collect_warnings=True)


def _read_content(
    text: str | bytes, filename: str, whoswho: WhosWho | None, *, collect_warnings: bool
) -> tuple[QuestionSet | WhosWho, list[Problem]]:
    root, problems = parse_yaml(text, filename)
    r = Reader(filename, problems, collect_warnings=collect_warnings)
    if isinstance(root, Map) and "entities" in root.values:
        return _finish(problems, read_whoswho(r, root)), []
    content = _finish(problems, read_question_set(r, root, whoswho))
    return content, sorted(r.warnings, key=lambda p: p.line or 0)


def load_question_set(path: Path, *, whoswho: WhosWho | None = None) -> QuestionSet:
    return parse_question_set(_read(path), str(path), whoswho=whoswho)


def load_whoswho(path: Path) -> WhosWho:
    return parse_whoswho(_read(path), str(path))


def load_content(path: Path, *, whoswho: WhosWho | None = None) -> QuestionSet | WhosWho:
    return parse_content(_read(path), str(path), whoswho=whoswho)


def lint_file(
    path: Path, *, whoswho: WhosWho | None = None
) -> tuple[QuestionSet | WhosWho, list[Problem]]:
    return lint_content(_read(path), str(path), whoswho=whoswho)


def load_library(paths: BundledPaths | None = None) -> Library:
    """Every set and the who's-who, or one ContentError listing every problem in all files."""
    paths = paths or bundled_paths()
    problems: list[Problem] = []
    whoswho: WhosWho | None = None
    try:
        whoswho = load_whoswho(paths.whoswho)
    except ContentError as e:
        problems += e.problems
    loaded: list[tuple[str, QuestionSet]] = []
    for path in paths.sets:
        try:
            loaded.append((str(path), load_question_set(path, whoswho=whoswho)))
        except ContentError as e:  # a broken who's-who is reported once, above
            problems += [p for p in e.problems if whoswho or p.message != NEEDS_WHOSWHO]
    problems += check_set_ids(loaded)
    if problems or whoswho is None:
        raise ContentError(problems)
    return Library({qs.id: qs for _, qs in loaded}, whoswho)


def check_set_ids(loaded: Iterable[tuple[str, QuestionSet]]) -> list[Problem]:
    """Problems for question sets (each with its file name) that share an id."""
    first: dict[str, str] = {}
    problems = []
    for filename, qs in loaded:
        if qs.id in first:
            message = f"question set id {qs.id!r} is also used by {first[qs.id]}"
            problems.append(Problem(filename, None, message, qs.id))
        first.setdefault(qs.id, filename)
    return problems


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        message = f"cannot read file: {e.strerror or e}"
        raise ContentError([Problem(str(path), None, message)]) from None


def _finish(problems: list[Problem], result: _T | None) -> _T:
    if problems or result is None:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return result
