"""Open question reports -> the moderators' embed. Pure: plain data in, an embed out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot.render import (
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    join_within,
    truncate,
)
from bot.render.cards import echo
from trivia.models import Question
from trivia.reports import ReportedQuestion

REPORTS_COLOUR = discord.Colour.orange()
EXCERPTS = 3  # reports quoted per question; the rest are counted
EXCERPT_LIMIT = 120
QUESTION_LIMIT = 200
HOW_TO = "Close a question's reports with /trivia reports resolve:<#> (fixed) or dismiss:<#>."
_SPARE = 200  # of the embed's 6,000 characters, kept for the "and N more" line


def reports_embed(
    groups: Sequence[ReportedQuestion], question: Callable[[str, str], Question | None]
) -> discord.Embed:
    """One field per reported question, most reported first, as many as fit Discord's limits.

    `question(set_id, question_id)` finds the question's text (None when it is gone)."""
    total = sum(len(g.reports) for g in groups)
    embed = discord.Embed(title="Reported questions", colour=REPORTS_COLOUR)
    if not groups:
        embed.description = "No open reports. Players report a question from its reveal."
        return embed
    embed.description = f"{total} open report{'s' * (total != 1)} on {len(groups)} question" + (
        "s" * (len(groups) != 1)
    )
    embed.set_footer(text=HOW_TO)
    shown = 0
    for group in groups:
        name, value = _field(group, question(group.set_id, group.question_id))
        full = len(embed) + len(name) + len(value) + _SPARE > EMBED_TOTAL_LIMIT
        if full or shown == FIELD_COUNT_LIMIT - 1:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
    if shown < len(groups):
        embed.add_field(name="…", value=f"and {len(groups) - shown} more questions", inline=False)
    return embed


def _field(group: ReportedQuestion, question: Question | None) -> tuple[str, str]:
    count = len(group.reports)
    name = f"#{group.reports[0].id} · {group.set_id} / {group.question_id} · {count} report" + (
        "s" * (count != 1)
    )
    text = echo(question.text, QUESTION_LIMIT) if question else "(no longer in the set)"
    kinds = ", ".join(f"{kind.value} ×{n}" for kind, n in group.kinds.items())
    quotes = [f"> {echo(r.details, EXCERPT_LIMIT)}" for r in group.reports if r.details.strip()]
    lines = [text, f"What: {kinds}", *quotes[:EXCERPTS]]
    if len(quotes) > EXCERPTS:
        lines.append(f"…and {len(quotes) - EXCERPTS} more comments")
    return truncate(name, FIELD_NAME_LIMIT), join_within(lines, FIELD_VALUE_LIMIT)
