"""Set lists and upload outcomes -> embeds and texts. Pure; every text within Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import EMBED_TOTAL_LIMIT, FIELD_COUNT_LIMIT, join_within, truncate
from bot.render.cards import RECORDS_COLOUR, echo
from trivia.errors import Problem
from trivia.models import QuestionSet

MESSAGE_LIMIT = 2000
PROBLEM_LIMIT = 300  # characters of one problem line


def library_embed(
    bundled: Sequence[QuestionSet], disabled: frozenset[str], own: Sequence[QuestionSet]
) -> discord.Embed:
    """The bundled sets (those switched off marked so), then the server's own."""
    embed = discord.Embed(title="Question sets", colour=RECORDS_COLOUR)
    entries = [
        (qs, "bundled, switched off here" if qs.id in disabled else "bundled") for qs in bundled
    ]
    entries += [(qs, "this server's own") for qs in own]
    if not entries:
        embed.description = "No question sets are loaded."
        return embed
    shown = 0
    for qs, where in entries[:FIELD_COUNT_LIMIT]:
        count = f"{len(qs.questions)} question{'s' * (len(qs.questions) != 1)}"
        name = echo(qs.title, 256)
        value = f"{echo(qs.description, 600)}\n`{qs.id}` · {count} · {where}"
        if len(embed) + len(name) + len(value) > EMBED_TOTAL_LIMIT - 100:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
    if shown < len(entries):
        embed.set_footer(text=f"{len(entries) - shown} more sets not shown")
    return embed


def refusal_text(filename: str, problems: Sequence[Problem]) -> str:
    """Why an upload was refused: every problem as `trivia-bot validate` prints it, as many as
    fit one message, in a code block (so nothing in them is formatted or mentions anyone)."""
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    head = f"“{echo(filename)}” was not uploaded ({count}):\n```\n"
    tail = "\n```"
    lines = [truncate(str(p).replace("`", "'"), PROBLEM_LIMIT) for p in problems]
    return head + join_within(lines, MESSAGE_LIMIT - len(head) - len(tail)) + tail


def uploaded_text(question_set: QuestionSet, *, replaced: bool) -> str:
    done = "Replaced" if replaced else "Uploaded"
    count = f"{len(question_set.questions)} questions"
    kept = " Its players' stats are kept." if replaced else ""
    return (
        f"{done} “{echo(question_set.title)}” (`{question_set.id}`, {count}) for this server."
        f"{kept} Play it with `/trivia start set:{question_set.id}`."
    )
