"""Round events -> Discord embeds and reply texts. Pure functions: no sending, no state.

A question is one message. It is sent from `question_embed`, edited by `question_embed` again
when a hint arrives, and edited a last time by `reveal_embed` when it closes. Players are shown
as mentions inside embeds, which Discord renders as names and never turns into pings.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import FIELD_VALUE_LIMIT, join_within, truncate
from trivia.engine.draw import LETTERS
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    CloseReason,
    EndReason,
    Event,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.models import AnswerMode, SourceRef, cite_paragraphs

LABEL_LIMIT = 80  # Discord's limit for a button label
PODIUM_LINES = 40  # players listed by name in a reveal or the podium; the rest are counted
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
OPEN_COLOUR = discord.Colour.blurple()
CLOSED_COLOUR = discord.Colour.dark_grey()
PODIUM_COLOUR = discord.Colour.gold()

RESTARTING = "The bot is restarting; this round will resume."
RESUMED_FOOTER = "Resumed after a restart"


def choice_label(letter: str, option: str) -> str:
    """A button label such as "A · Trish Walker", cut to Discord's 80 characters."""
    label = f"{letter} · {option}"
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def mention(user_id: int) -> str:
    return f"<@{user_id}>"


def points_text(points: int) -> str:
    return f"{points} point" if points == 1 else f"{points} points"


def source_text(source: SourceRef, paragraphs: Sequence[int]) -> str:
    """`Source: <article title>, paragraph 6` (or `paragraphs 6 and 7`)."""
    cited = cite_paragraphs(paragraphs)
    return f"Source: {source.title}, {cited}" if cited else f"Source: {source.title}"


def spoiler(text: str, limit: int = FIELD_VALUE_LIMIT) -> str:
    """`text` behind spoiler tags (`||text||`), within `limit` characters. Its own pipes are
    escaped, so a `||` inside cannot end the spoiler early and give the answer away."""
    inner = truncate(text.replace("|", "\\|"), limit - 4)
    return f"||{inner}||"


def question_embed(
    asked: QuestionAsked,
    *,
    set_title: str,
    mode: AnswerMode,
    closes_at: int,
    hint: HintShown | None = None,
    resumed: bool = False,
    chat: bool = False,
) -> discord.Embed:
    """The open question; `closes_at` is a UNIX time shown as a relative timestamp.

    `chat`: typed answers are read from the channel, not only from /answer.
    """
    embed = discord.Embed(
        title=f"Question {asked.number}/{asked.total}",
        description=asked.question.text,
        colour=OPEN_COLOUR,
    )
    embed.set_author(name=set_title)
    points = hint.points if hint is not None else asked.points
    embed.add_field(name="Points", value=str(points), inline=True)
    embed.add_field(name="Closes", value=f"<t:{closes_at}:R>", inline=True)
    if hint is not None:
        clue = f"{hint.clue}\n" if hint.clue else ""
        embed.add_field(name="Hint", value=f"{clue}`{hint.mask}`", inline=False)
    if mode is AnswerMode.CHOICE:
        how = "Pick a button below."
    else:
        how = "Type your answer here or use /answer." if chat else "Answer with /answer."
    embed.set_footer(text=f"{how} · {RESUMED_FOOTER}" if resumed else how)
    return embed


def reveal_embed(
    closed: QuestionClosed,
    *,
    set_title: str,
    source: SourceRef,
    reveal_answer: bool = True,
    spoilers: bool = False,
) -> discord.Embed:
    """The closed question: the answer, who got it for how much, the explanation and source.
    With `spoilers`, the answer and the explanation are hidden until clicked."""
    question = closed.question
    embed = discord.Embed(
        title=f"Question {closed.number}/{closed.total} · {_closed_title(closed.reason)}",
        description=question.text,
        colour=CLOSED_COLOUR,
    )
    embed.set_author(name=set_title)
    shown = spoiler if spoilers else _as_is
    if reveal_answer:
        embed.add_field(name="Answer", value=shown(question.canonical), inline=False)
    embed.add_field(name="Got it", value=_winners_text(closed), inline=False)
    if reveal_answer:
        embed.add_field(name="Why", value=shown(question.explanation), inline=False)
    embed.set_footer(text=source_text(source, question.source))
    return embed


def _as_is(text: str) -> str:
    return text


def retired_embed(number: int) -> discord.Embed:
    """An old question message left open by a restart: the question is asked again below."""
    return discord.Embed(
        title=f"Question {number} · interrupted",
        description="The bot restarted while this question was open; it is asked again below.",
        colour=CLOSED_COLOUR,
    )


def podium_embed(ended: RoundEnded, *, set_title: str, idle_limit: int) -> discord.Embed:
    """The end of a round: the top three, then everyone's points."""
    embed = discord.Embed(title=_ended_title(ended, idle_limit), colour=PODIUM_COLOUR)
    embed.set_author(name=set_title)
    if not ended.standings:
        embed.description = "Nobody scored this round."
        return embed
    podium = [s for s in ended.standings if s.rank <= 3]
    embed.add_field(name="Podium", value=_standing_lines(podium), inline=False)
    rest = [s for s in ended.standings if s.rank > 3]
    if rest:
        embed.add_field(name="Everyone else", value=_standing_lines(rest), inline=False)
    played = f"{ended.questions_asked} question{'s' if ended.questions_asked != 1 else ''}"
    embed.set_footer(text=f"{played} · no wins credited" if not ended.credited else played)
    return embed


def round_intro(
    set_title: str, *, questions: int, mode: AnswerMode, time_limit: float, started_by: int
) -> str:
    """The reply to /trivia start, shown to everyone: what is about to be played, and by whom."""
    return (
        f"{mention(started_by)} started **{discord.utils.escape_markdown(set_title)}**: "
        f"{questions} questions, {mode.value} mode, {time_limit:g} s each."
    )


def answer_reply(event: Event | None, asked: QuestionAsked | None = None) -> str:
    """The private reply to one player's answer (a click, /answer); `asked` names the letter."""
    match event:
        case AnswerLocked(choice=choice):
            if asked is not None and choice in asked.choices:
                choice = choice_label(LETTERS[asked.choices.index(choice)], choice)
            return f"Locked in: {choice}"
        case AnswerAccepted(points=points):
            return f"Correct! +{points_text(points)}"
        case AnswerRejected() if asked is not None and asked.choices:
            letters = ", ".join(LETTERS[: len(asked.choices)])
            return f"That is not one of the options: answer {letters} or an option's text."
        case AnswerRejected():
            return "Not quite."
        case AlreadyAnswered():
            return "You already answered this question."
        case AnswerTooLate(winner=int(winner)):
            return f"Too late: {mention(winner)} got it first."
        case AnswerTooLate():
            return "Too late: that question has closed."
        case _:
            return "No question is open here right now."


def _closed_title(reason: CloseReason) -> str:
    return {
        CloseReason.ANSWERED: "answered",
        CloseReason.TIMEOUT: "time's up",
        CloseReason.SKIPPED: "skipped",
        CloseReason.STOPPED: "round stopped",
        CloseReason.SUSPENDED: "closed for a restart",
    }[reason]


def _ended_title(ended: RoundEnded, idle_limit: int) -> str:
    if ended.reason is EndReason.IDLE:
        return f"Round over: nobody answered {idle_limit} questions in a row"
    if ended.reason is EndReason.STOPPED:
        return "Round stopped"
    return "Round over"


def _winners_text(closed: QuestionClosed) -> str:
    if closed.reason is CloseReason.SKIPPED:
        return "Skipped: no points."
    winners = sorted(closed.winners, key=lambda a: (-a.points, a.answer_ms))
    if not winners:
        return "Nobody."
    return _listed([f"{mention(a.user_id)} +{points_text(a.points)}" for a in winners])


def _listed(lines: list[str]) -> str:
    """At most PODIUM_LINES whole lines within a field, then how many more there are."""
    return join_within(lines, FIELD_VALUE_LIMIT, most=PODIUM_LINES)


def _standing_lines(standings: Sequence[Standing]) -> str:
    return _listed([_standing_line(s) for s in standings])


def _standing_line(standing: Standing) -> str:
    place = MEDALS.get(standing.rank, f"{standing.rank}.")
    right = f"{standing.correct} right"
    return f"{place} {mention(standing.user_id)}: {points_text(standing.points)} ({right})"
