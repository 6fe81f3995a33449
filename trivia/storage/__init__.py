"""Persistence: the only package that speaks SQL. Everything else goes through Store."""

from trivia.storage.sqlite.leaderboards import DEFAULT_MIN_ANSWERS
from trivia.storage.sqlite.store import DEFAULT_DB_PATH, Store

__all__ = ["DEFAULT_DB_PATH", "DEFAULT_MIN_ANSWERS", "Store"]
