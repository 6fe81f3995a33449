"""Domain errors. Adapters catch these and turn them into short, kind replies."""

from __future__ import annotations

from dataclasses import dataclass


class TriviaError(Exception):
    """Base of every error the game raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a content file, located precisely enough to fix it."""

    file: str
    line: int | None
    message: str
    item: str | None = None  # question or entity id, when the problem belongs to one

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        what = f"[{self.item}] " if self.item else ""
        return f"{where}: {what}{self.message}"


class ContentError(TriviaError):
    """A content file (question set or who's-who) is invalid; nothing of it was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RoundAlreadyRunning(TriviaError):
    def __init__(self, channel_id: int) -> None:
        self.channel_id = channel_id
        super().__init__("A round is already running in this channel.")


class StorageError(TriviaError):
    """The database cannot be used as it is (for example, it is newer than this code)."""


class LeaseLost(StorageError):
    """Another process has taken over the round; this one must stop driving it."""

    def __init__(self, round_id: int) -> None:
        self.round_id = round_id
        super().__init__(f"round {round_id} is now driven by another process")
