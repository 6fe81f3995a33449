"""The text of /trivia help: the commands, and how a round works, briefly. Pure."""

from __future__ import annotations

import discord

HELP_COLOUR = discord.Colour.blurple()

PLAYING = (
    "`/trivia start` starts a round here: pick a `set`, how many `questions`, a `mode`, the "
    "`time` per question, a `difficulty` and a `topic`, or leave them to the server's settings.\n"
    "**Choice mode**: four buttons; everyone who is right scores, faster answers score more.\n"
    "**Typed mode**: type the answer (or use `/answer`); the first right answer wins, and "
    "hints may show letters over time.\n"
    "After each question the answer is revealed; 🚩 **Report** under it tells the server's "
    "moderators if the question is wrong. `/trivia stop` and `/trivia skip`: whoever started "
    "the round, or Manage Server."
)
RECORDS = (
    "`/trivia leaderboard`, `/trivia stats`: points, wins, streaks, accuracy.\n"
    "`/trivia sets`: the question sets you can play.\n"
    "`/whois`: who is who in the show.\n"
    "`/trivia forget-me`: delete your answers, stats and reports (after a confirmation)."
)
MODERATORS = (
    "`/trivia settings`: mode, questions, time, hints, reveals, spoilers, pause, who may "
    "start rounds, where, and the report threshold.\n"
    "`/trivia reports`: review players' reports; resolve or dismiss them.\n"
    "`/trivia sets upload | remove | switch`: the server's own question sets."
)


def help_embed() -> discord.Embed:
    embed = discord.Embed(title="Show trivia: how it works", colour=HELP_COLOUR)
    embed.add_field(name="Playing", value=PLAYING, inline=False)
    embed.add_field(name="Records and more", value=RECORDS, inline=False)
    embed.add_field(name="For moderators (Manage Server)", value=MODERATORS, inline=False)
    return embed
