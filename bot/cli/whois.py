"""`trivia-bot whois NAME...`: print the who's-who card for a name, offline and discord-free.

Exit codes: 0 found (one card, or every candidate for an ambiguous name), 1 no match,
2 the bundled content is broken.
"""

from __future__ import annotations

import argparse
import sys

from trivia.content.whois import Card
from trivia.errors import ContentError
from trivia.models import cite_paragraphs

MAX_ECHO = 60  # characters of the user's input repeated back in a "no match" message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="+", help="a name, alias or near miss, e.g. Trish Walker")


def main(args: argparse.Namespace) -> int:
    from trivia.content.library import load_library
    from trivia.content.whois import WhoIs, clean_query

    name = " ".join(args.name)
    try:
        library = load_library()
    except ContentError as error:
        print(f"the bundled content is invalid:\n{error}", file=sys.stderr)
        return 2
    lookup = WhoIs(library.whoswho).find(name)
    if lookup.card is not None:
        print(card_text(lookup.card))
        return 0
    if lookup.candidates:
        print(f"{len(lookup.candidates)} entries match '{_echo(clean_query(name))}':\n")
        print("\n\n".join(card_text(card) for card in lookup.candidates))
        return 0
    print(f"no match for '{_echo(clean_query(name))}'", file=sys.stderr)
    if lookup.suggestions:
        print(f"did you mean: {', '.join(lookup.suggestions)}?", file=sys.stderr)
    return 1


def card_text(card: Card) -> str:
    """Plain-text rendering of a who's-who card for the terminal."""
    entity = card.entity
    lines = [f"{entity.name} ({card.kind_label})"]
    if entity.aliases:
        lines.append(f"Also known as: {', '.join(entity.aliases)}")
    if card.played_by:
        lines.append(f"Played by: {', '.join(card.played_by)}")
    if card.plays:
        lines.append(f"Plays: {', '.join(card.plays)}")
    lines.append(entity.description)
    grouped: dict[str, list[str]] = {}
    for label, target in card.relations:
        grouped.setdefault(label, []).append(target)
    lines.extend(f"{label}: {', '.join(targets)}" for label, targets in grouped.items())
    source = f'Source: "{card.source.title}", {card.source.outlet}, {card.source.date}'
    cited = cite_paragraphs(card.source.paragraphs)
    lines.append(f"{source}; {cited}" if cited else source)
    return "\n".join(lines)


def _echo(text: str) -> str:
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"
