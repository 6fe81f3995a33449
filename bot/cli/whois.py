"""`trivia-bot whois NAME...`: print the who's-who card for a name, offline and discord-free.

Exit codes: 0 found (one card, or every candidate for an ambiguous name), 1 no match,
2 the bundled content is broken.
"""

from __future__ import annotations

import argparse
import sys

from trivia.errors import ContentError

MAX_ECHO = 60  # characters of the user's input repeated back in a "no match" message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="+", help="a name, alias or near miss, e.g. Trish Walker")


def main(args: argparse.Namespace) -> int:
    from trivia.content.library import load_library
    from trivia.content.whois import WhoIs, card_text, clean_query

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


def _echo(text: str) -> str:
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"
