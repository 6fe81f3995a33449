"""What every backend's stats agree on: the scope of the all-guilds rows, and that a player
answers a question once (their awards for it summed, right if any was)."""

from __future__ import annotations

from collections.abc import Iterable

from trivia.models import Award

ALL_GUILDS = -1
"""player_stats.guild_id of the rows that combine every guild; Discord ids are positive."""


def stats_scope(guild_id: int | None) -> int:
    return ALL_GUILDS if guild_id is None else guild_id


def per_player(awards: Iterable[Award]) -> dict[int, tuple[int, bool]]:
    """One answer per player and question: their points summed, right if any award was."""
    answers: dict[int, tuple[int, bool]] = {}
    for award in awards:
        points, correct = answers.get(award.user_id, (0, False))
        answers[award.user_id] = (points + award.points, correct or award.correct)
    return answers
