"""`trivia-bot play`: a round for one player in this terminal, on the same engine as the bot.

The terminal plays untimed: each question waits for your line, and the round's clock stands
still while it waits, so every right answer counts as instant. In typed mode an empty line (or
`hint`) shows the next hint, which moves the clock to the moment that hint is due and lowers
the points on offer, exactly as time passing would in Discord. `skip` passes on a question,
`quit` (or end of input) stops the round and prints the final score. No Discord needed.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, TextIO

from trivia.engine.draw import LETTERS
from trivia.engine.events import (
    AnswerAccepted,
    AnswerRejected,
    CloseReason,
    EndReason,
    Event,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
)
from trivia.engine.settings import GuildSettings, RoundSettings
from trivia.models import AnswerMode, cite_paragraphs

if TYPE_CHECKING:
    from trivia.engine.round import Round
    from trivia.models import QuestionSet

PLAYER = 1  # the one local player's user id
HINT_WORDS = ("", "hint", "?")
QUIT_WORDS = ("quit", "exit", "q")


class PausedClock:
    """A clock that only moves when told to: the terminal never runs out of time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="set_id", metavar="ID", help="question set (default: first)")
    parser.add_argument("--mode", choices=[m.value for m in AnswerMode], default="choice")
    parser.add_argument("--questions", type=int, metavar="N", help="questions in the round")
    parser.add_argument("--seed", type=int, metavar="N", help="same seed, same questions")


def main(args: argparse.Namespace) -> int:
    from trivia.content.library import load_library
    from trivia.errors import ContentError

    try:
        library = load_library()
    except ContentError as error:
        print(f"the bundled content is invalid:\n{error}", file=sys.stderr)
        return 2
    if not library.sets:
        print("there are no question sets to play", file=sys.stderr)
        return 2
    question_set = library.sets.get(args.set_id or next(iter(library.sets)))
    if question_set is None:
        print(
            f"no question set called {args.set_id!r}; try one of: {', '.join(library.sets)}",
            file=sys.stderr,
        )
        return 2
    if args.questions is not None and args.questions < 1:
        print("--questions must be at least 1", file=sys.stderr)
        return 2
    play(question_set, _settings(question_set, args), seed=args.seed)
    return 0


def _settings(question_set: QuestionSet, args: argparse.Namespace) -> RoundSettings:
    """A server's default settings with this command's options; the round never goes idle,
    as one player who keeps skipping is still there."""
    settings = GuildSettings().for_round(
        question_set, questions=args.questions, mode=AnswerMode(args.mode)
    )
    return dataclasses.replace(settings, idle_limit=0)


def play(
    question_set: QuestionSet,
    settings: RoundSettings,
    *,
    seed: int | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Play one round reading `stdin` line by line; returns the points scored."""
    from trivia.engine.round import Round

    stdin = stdin or sys.stdin
    out = out or sys.stdout
    clock = PausedClock()
    round_ = Round(question_set, settings, clock, seed=seed)
    mode = settings.mode
    print(f"{question_set.title}: {len(round_.questions)} questions, {mode.value} mode.", file=out)
    if mode is AnswerMode.CHOICE:
        print("Answer with a letter or the option's text; 'skip' passes, 'quit' stops.", file=out)
    else:
        print(
            "Type your answer; an empty line shows a hint, 'skip' passes, 'quit' stops.", file=out
        )
    show(round_.start(), round_, out)
    while not round_.finished:
        print("> ", end="", file=out, flush=True)
        line = stdin.readline()
        if not line:  # end of input
            print(file=out)
            show(round_.stop(), round_, out)
            break
        show(_turn(round_, clock, line.strip(), out), round_, out)
    standing = next(iter(round_.standings()), None)
    return standing.points if standing is not None else 0


def _turn(round_: Round, clock: PausedClock, text: str, out: TextIO) -> list[Event]:
    """What one line of input does."""
    word = text.casefold()
    if word in QUIT_WORDS:
        return round_.stop()
    if word == "skip":
        return round_.skip()
    if round_.settings.mode is AnswerMode.TYPED and word in HINT_WORDS:
        events = _next_hint(round_, clock)
        if not events:
            print("No more hints for this one.", file=out)
        return events
    if not text:
        return []
    events = round_.answer(PLAYER, text)
    if round_.settings.mode is AnswerMode.CHOICE and not any(
        isinstance(e, AnswerRejected) for e in events
    ):
        # The only player has answered: close the question now instead of waiting.
        clock.now = round_.current.closes_at if round_.current else clock.now
        events += round_.tick()
    return events


def _next_hint(round_: Round, clock: PausedClock) -> list[Event]:
    """Move the clock to the next hint, if one is left before the question would close."""
    asked, deadline = round_.current, round_.next_deadline
    if asked is None or deadline is None or deadline >= asked.closes_at:
        return []
    clock.now = deadline
    return round_.tick()


def show(events: list[Event], round_: Round, out: TextIO) -> None:
    """Print events the way the bot would show them, as plain text."""
    for event in events:
        text = _text(event, round_)
        if text:
            print(text, file=out)


def _text(event: Event, round_: Round) -> str:
    match event:
        case QuestionAsked():
            lines = [
                f"\nQuestion {event.number}/{event.total} ({event.points} points)",
                event.question.text,
            ]
            lines += [
                f"  {letter}) {option}"
                for letter, option in zip(LETTERS, event.choices, strict=False)
            ]
            return "\n".join(lines)
        case HintShown():
            clue = f"{event.clue} " if event.clue else ""
            return f"Hint: {clue}{event.mask} (now {event.points} points)"
        case AnswerAccepted():
            return f"Right! +{event.points} points."
        case AnswerRejected() if round_.settings.mode is AnswerMode.CHOICE:
            return "That is not one of the options."
        case AnswerRejected():
            return "Not quite; try again."
        case QuestionClosed():
            return _reveal(event, round_)
        case RoundEnded():
            return _final(event)
        case _:
            return ""


def _reveal(closed: QuestionClosed, round_: Round) -> str:
    lines = []
    mine = next((a for a in closed.awards if a.user_id == PLAYER), None)
    if closed.reason is CloseReason.SKIPPED:
        lines.append("Skipped.")
    elif round_.settings.mode is AnswerMode.CHOICE and mine is not None:
        lines.append(f"Right! +{mine.points} points." if mine.correct else "Not quite.")
    question = closed.question
    lines += [
        f"Answer: {question.canonical}",
        question.explanation,
        _source(round_.question_set.source.title, question.source),
    ]
    return "\n".join(lines)


def _source(title: str, paragraphs: tuple[int, ...]) -> str:
    """`Source: <article title>, paragraph 6` (or `paragraphs 6 and 7`)."""
    cited = cite_paragraphs(paragraphs)
    return f"Source: {title}, {cited}" if cited else f"Source: {title}"


def _final(ended: RoundEnded) -> str:
    standing = next(iter(ended.standings), None)
    points, right = (standing.points, standing.correct) if standing else (0, 0)
    title = "Round stopped." if ended.reason is EndReason.STOPPED else "Round over."
    return f"\n{title} Final score: {points} points, {right}/{ended.questions_asked} right."
