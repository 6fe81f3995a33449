"""Embeds for lookups and records: who's-who cards, sets, leaderboards, stats, settings.

Pure functions of plain data. Names a user typed are escaped before they are echoed, and
every text is cut to Discord's embed limits.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    join_within,
    truncate,
)
from trivia.content.whois import Card
from trivia.engine.settings import GuildSettings
from trivia.models import cite_paragraphs
from trivia.records import (
    LeaderboardRow,
    LeaderboardSort,
    Period,
    PlayerRank,
    PlayerStats,
)

CARD_COLOUR = discord.Colour.dark_purple()
RECORDS_COLOUR = discord.Colour.gold()

PERIOD_LABELS = {Period.ALL: "all time", Period.WEEK: "this week", Period.MONTH: "this month"}


def echo(text: str, limit: int = 100) -> str:
    """User-typed text made safe to show: no markdown, no mention syntax, bounded."""
    return truncate(discord.utils.escape_mentions(discord.utils.escape_markdown(text)), limit)


def _add_field(
    embed: discord.Embed, name: str, value: str, *, inline: bool = False, reserve: int = 0
) -> None:
    """Add a field if it fits the embed, leaving `reserve` characters of the total for later."""
    name, value = truncate(name, FIELD_NAME_LIMIT), truncate(value, FIELD_VALUE_LIMIT)
    fits = len(embed) + len(name) + len(value) + reserve <= EMBED_TOTAL_LIMIT
    if len(embed.fields) < FIELD_COUNT_LIMIT and value and fits:
        embed.add_field(name=name, value=value, inline=inline)


def whois_card(card: Card) -> discord.Embed:
    entity = card.entity
    embed = discord.Embed(
        title=truncate(entity.name, TITLE_LIMIT),
        description=truncate(entity.description, DESCRIPTION_LIMIT),
        colour=CARD_COLOUR,
    )
    source = card.source
    paragraphs = cite_paragraphs(source.paragraphs)
    cited = f"“{source.title}” — {source.outlet} ({source.date})"
    if paragraphs:
        cited += f"; {paragraphs}"
    reserve = len("Source") + len(truncate(cited, FIELD_VALUE_LIMIT))  # the source comes last
    _add_field(embed, "Kind", card.kind_label.capitalize(), inline=True, reserve=reserve)
    _add_field(embed, "Also known as", ", ".join(entity.aliases), inline=True, reserve=reserve)
    _add_field(embed, "Played by", ", ".join(card.played_by), inline=True, reserve=reserve)
    _add_field(embed, "Plays", ", ".join(card.plays), inline=True, reserve=reserve)
    grouped: dict[str, list[str]] = {}
    for label, target in card.relations:
        grouped.setdefault(label, []).append(target)
    room = FIELD_COUNT_LIMIT - len(embed.fields) - 1  # keep the last field for the source
    for label, targets in list(grouped.items())[:room]:
        _add_field(embed, label, ", ".join(targets), reserve=reserve)
    _add_field(embed, "Source", cited)
    return embed


def whois_candidates(query: str, cards: Sequence[Card]) -> tuple[str, list[discord.Embed]]:
    """Several entities answer to the name: a short card for each, as many as one message
    holds (at most 10 embeds and 6,000 characters of them)."""
    content = f"**{echo(query)}** could mean {len(cards)} entries:"
    embeds: list[discord.Embed] = []
    total = 0
    for c in cards[:EMBEDS_PER_MESSAGE]:
        embed = discord.Embed(
            title=truncate(f"{c.entity.name} ({c.kind_label})", TITLE_LIMIT),
            description=truncate(c.entity.description, DESCRIPTION_LIMIT),
            colour=CARD_COLOUR,
        )
        total += len(embed)
        if total > EMBED_TOTAL_LIMIT:
            break
        embeds.append(embed)
    if len(cards) > len(embeds):
        content += f" (showing the first {len(embeds)})"
    return content, embeds


WHOIS_HINT = "Try a first name, a surname or a nickname (like Trish), or pick one as you type."


def whois_not_found(query: str, suggestions: Sequence[str]) -> str:
    """No match: the names close enough to be what was meant, else a hint how to search."""
    message = f"Nobody called **{echo(query)}** is in the who's-who."
    if suggestions:
        return message + " Did you mean: " + ", ".join(f"**{s}**" for s in suggestions) + "?"
    return f"{message} {WHOIS_HINT}"


def _sort_value(row: LeaderboardRow | PlayerStats, sort: LeaderboardSort) -> str:
    if sort is LeaderboardSort.WINS:
        return f"{row.wins} win{'s' if row.wins != 1 else ''}"
    if sort is LeaderboardSort.ACCURACY:
        return f"{row.accuracy:.0%} ({row.correct}/{row.answered})"
    if sort is LeaderboardSort.STREAK:
        return f"best streak {row.best_streak}"
    return f"{row.points} pts"


def rank_line(rank: PlayerRank | None) -> str:
    if rank is None:
        return "You are not on this board yet: play a round!"
    return f"Your rank: #{rank.rank} of {rank.of_total}"


def leaderboard_embed(
    rows: Sequence[LeaderboardRow],
    *,
    sort: LeaderboardSort,
    period: Period,
    scope_label: str,
    own_rank: PlayerRank | None,
    note: str | None = None,
) -> discord.Embed:
    """`note` explains who is left off, e.g. the minimum answers for the accuracy board."""
    title = f"Leaderboard: {scope_label}, {PERIOD_LABELS[period]}, by {sort.value}"
    embed = discord.Embed(title=truncate(title, TITLE_LIMIT), colour=RECORDS_COLOUR)
    lines = [f"**#{r.rank}** <@{r.user_id}> — {_sort_value(r, sort)}" for r in rows]
    if not lines:
        lines.append("Nobody has scored here yet.")
    if note:
        lines.append(f"*{note}*")
    embed.description = truncate("\n".join(lines), DESCRIPTION_LIMIT)
    embed.set_footer(text=truncate(rank_line(own_rank), FOOTER_LIMIT))
    return embed


def stats_embed(
    display_name: str, stats: PlayerStats, rank: PlayerRank | None, *, scope_label: str
) -> discord.Embed:
    embed = discord.Embed(
        title=truncate(f"Stats for {display_name} ({scope_label})", TITLE_LIMIT),
        colour=RECORDS_COLOUR,
    )
    if not stats.answered and not stats.rounds_played:
        embed.description = "No answers recorded yet."
    _add_field(embed, "Points", str(stats.points), inline=True)
    _add_field(embed, "Wins", str(stats.wins), inline=True)
    _add_field(embed, "Rounds played", str(stats.rounds_played), inline=True)
    accuracy = f"{stats.accuracy:.0%} ({stats.correct}/{stats.answered})"
    _add_field(embed, "Accuracy", accuracy, inline=True)
    _add_field(embed, "Streak", f"{stats.streak} (best {stats.best_streak})", inline=True)
    if rank is not None:
        _add_field(embed, "Rank by points", f"#{rank.rank} of {rank.of_total}", inline=True)
    return embed


def settings_embed(settings: GuildSettings) -> discord.Embed:
    embed = discord.Embed(title="Trivia settings for this server", colour=RECORDS_COLOUR)
    _add_field(embed, "Mode", settings.mode.value, inline=True)
    _add_field(embed, "Questions per round", str(settings.questions), inline=True)
    _add_field(embed, "Time per question", f"{settings.time_limit} s", inline=True)
    _add_field(embed, "Hints (typed mode)", "on" if settings.hints else "off", inline=True)
    _add_field(embed, "Reveal answers", "on" if settings.reveal_answers else "off", inline=True)
    _add_field(embed, "Pause after a reveal", f"{settings.reveal_pause} s", inline=True)
    _add_field(embed, "Spoiler tags in reveals", "on" if settings.spoilers else "off", inline=True)
    threshold = settings.report_threshold
    left_out = f"at {threshold} open report{'s' * (threshold != 1)}" if threshold else "never"
    _add_field(embed, "Reported questions left out", left_out, inline=True)
    starter = f"<@&{settings.starter_role_id}>" if settings.starter_role_id else "anyone"
    _add_field(embed, "Who can start rounds", starter, inline=True)
    channels = [f"<#{c}>" for c in settings.channel_ids]
    channels_text = join_within(channels, FIELD_VALUE_LIMIT, " ") or "any channel"
    _add_field(embed, "Channels", channels_text)
    embed.set_footer(text="Members with Manage Server can change these with /trivia settings.")
    return embed
