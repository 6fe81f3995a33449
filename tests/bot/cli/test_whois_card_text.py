"""The terminal's who's-who card text (`trivia-bot whois`), on the bundled who's-who."""

from __future__ import annotations

import pytest

from bot.cli.whois import card_text
from trivia.content.library import load_library
from trivia.content.whois import WhoIs


@pytest.fixture(scope="module")
def whois() -> WhoIs:
    return WhoIs(load_library().whoswho)


def test_card_lists_casting_relations_and_source(whois: WhoIs) -> None:
    card = whois.find("Trish Walker").card
    assert card is not None
    assert card.played_by == ("Rachael Taylor",)
    assert ("Becomes", "Hellcat") in card.relations
    assert ("Killed", "Alisa") in card.relations
    assert card.source.paragraphs == (6, 7)
    text = card_text(card)
    assert text.startswith("Trish Walker (character)")
    assert "Played by: Rachael Taylor" in text
    assert "Estranged from: Jessica Jones" in text
    assert "Krysten Ritter to Direct Season 3 Episode" in text
    assert "paragraphs 6 and 7" in text


def test_actor_card_says_whom_they_play(whois: WhoIs) -> None:
    card = whois.find("Carrie-Anne Moss").card
    assert card is not None
    assert card.plays == ("Jeri Hogarth",)
    assert "Plays: Jeri Hogarth" in card_text(card)


def test_card_groups_repeated_relations_on_one_line(whois: WhoIs) -> None:
    card = whois.find("Krysten Ritter").card
    assert card is not None
    assert "Thanks: Melissa Rosenberg, Jeph Loeb, Marvel Studios, Netflix" in card_text(card)
