"""Numbered SQL migration files (migrations/NNNN_name.sql inside a backend's package)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from trivia.errors import StorageError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database stands: what `trivia-bot db status` prints."""

    backend: str  # "sqlite" or "postgresql"
    current: int
    latest: int
    pending: tuple[str, ...]  # file names of the migrations not yet applied


def load_migrations(package: str) -> list[Migration]:
    """`package`'s migrations in order; their numbers must run 1, 2, 3... without gaps."""
    folder = resources.files(package) / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StorageError(
                f"migration {migration.name} is out of sequence (expected number {expected})"
            )
    return found


def status_of(backend: str, current: int, names: list[str]) -> SchemaStatus:
    """`names`: every migration's file name in order (number n at index n - 1)."""
    return SchemaStatus(backend, current, len(names), tuple(names[current:]))


def refuse_newer(where: str, current: int, migrations: list[Migration]) -> None:
    """A database whose version is beyond what the code knows is refused, not guessed at."""
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise StorageError(
            f"{where} has schema version {current}, but this trivia-bot only knows up to "
            f"version {latest}; it was written by a newer release. Upgrade trivia-bot, "
            "or point it at another database."
        )
