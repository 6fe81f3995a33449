"""Checks a database path before SQLite touches it, so a bad path is refused in one sentence.

SQLite itself would report these late and in its own words ("file is not a database",
"unable to open database file"), or not at all: a file the bot may not write opens fine,
and the bot only learns it cannot save when a round's first step fails. Worse, opening
read-write may already write to the file (a header, journal settings) before the problem
shows. So everything here looks without changing the file: the path and its folder, the
16-byte header, write access (asked of the operating system with the bot's own identity,
which also holds for root on a read-only mount), and finally `PRAGMA quick_check` on a
connection opened read-only. Only a path that passes all of them is opened read-write.

`quick_check` reads every page once (about a second per few hundred MB); it runs once at
start-up, where a damaged file is far cheaper to find than in the middle of a round.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from trivia.errors import StorageError
from trivia.storage.sqlite.connection import BUSY_TIMEOUT_MS

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000  # as long as the store itself waits for a lock
_ELSEWHERE = "point `database` at another file"


def check_database_path(path: str | Path) -> None:
    """Raise StorageError, saying what is wrong and what to do, if `path` cannot be used.

    A missing file in a writable folder is fine: opening creates it. ":memory:" and
    SQLite URIs ("file:...") are left to SQLite.
    """
    text = str(path)
    if text == ":memory:" or text.startswith("file:"):
        return
    file = Path(path)
    folder = file.parent
    if not folder.is_dir():
        raise StorageError(
            f"cannot open the database {file}: the folder {folder} does not exist;"
            f" create it or {_ELSEWHERE}."
        )
    if file.is_dir():
        raise StorageError(
            f"cannot open the database {file}: it is a folder, not a file;"
            f" {_ELSEWHERE}, e.g. {file / 'trivia.db'}."
        )
    if not _may_write(folder):
        raise StorageError(
            f"cannot open the database {file}: this user may not write in its folder {folder}"
            f" (SQLite keeps its journal files beside the database); allow it or {_ELSEWHERE}."
        )
    if not file.exists():
        return
    header = _header(file)
    if header and header != SQLITE_HEADER:  # an empty file is a new database to SQLite
        raise StorageError(
            f"cannot open the database {file}: it is not a SQLite database;"
            f" move it aside or {_ELSEWHERE}."
        )
    if not _may_write(file):
        raise StorageError(
            f"cannot open the database {file}: this user may not write to it;"
            f" give the bot write access to the file or {_ELSEWHERE}."
        )
    if header:
        _check_integrity(file)


def _may_write(path: Path) -> bool:
    """Whether this process (its effective user, on this mount) may write `path`."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def _header(file: Path) -> bytes:
    try:
        with file.open("rb") as stream:
            return stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StorageError(
            f"cannot open the database {file}: it cannot be read ({error.strerror});"
            f" give the bot access to it or {_ELSEWHERE}."
        ) from None


def _check_integrity(file: Path) -> None:
    """`PRAGMA quick_check` through a read-only connection, which never writes the file."""
    uri = f"{file.resolve().as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
        finally:
            db.close()
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_BUSY":
            raise StorageError(
                f"cannot open the database {file}: another process kept it locked for"
                f" {BUSY_TIMEOUT_S:g} seconds; try again once it is done."
            ) from None
        problem = str(error)
    else:
        findings = [str(row[0]) for row in rows]
        if findings == ["ok"]:
            return
        problem = "; ".join(findings[:3])
    raise StorageError(
        f"cannot open the database {file}: it is damaged ({problem});"
        f" restore it from a backup or {_ELSEWHERE}."
    )
