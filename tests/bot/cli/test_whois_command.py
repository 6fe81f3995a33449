"""`trivia-bot whois`: output and exit codes, on the bundled content."""

from __future__ import annotations

import pytest

from bot.cli.main import main
from trivia.content import library as content
from trivia.content.library import Library
from trivia.models import Entity, EntityKind, SourceRef, WhosWho


def test_known_name_prints_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "Trish", "Walker"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Trish Walker (character)")
    assert "Played by: Rachael Taylor" in out
    assert "Becomes: Hellcat" in out
    assert "Krysten Ritter to Direct Season 3 Episode" in out
    assert "paragraphs 6 and 7" in out


def test_actor_card_says_whom_they_play(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "david", "tenant"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("David Tennant (actor)")
    assert "Plays: Kilgrave" in out


def test_ambiguous_name_prints_every_candidate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def entity(entity_id: str, name: str, kind: EntityKind) -> Entity:
        return Entity(entity_id, name, kind, f"about {name}", (1,), aliases=("Dana Doe",))

    whoswho = WhosWho(
        "test",
        "Test",
        SourceRef("An article", "An outlet", "a date", (0, 1)),
        (
            entity("dana", "Dana Doe the hero", EntityKind.CHARACTER),
            entity("dana-show", "The Dana Doe Show", EntityKind.SHOW),
        ),
    )
    monkeypatch.setattr(content, "load_library", lambda: Library(sets={}, whoswho=whoswho))
    assert main(["whois", "Dana", "Doe"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 entries match 'Dana Doe'")
    assert "Dana Doe the hero (character)" in out
    assert "The Dana Doe Show (show)" in out


def test_a_word_of_two_names_prints_both_cards(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "jones"]) == 0
    out = capsys.readouterr().out
    assert "Jessica Jones (character)" in out
    assert "Marvel's Jessica Jones (show)" in out


def test_unknown_name_fails_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "Taylor", "Swift"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no match for 'Taylor Swift'" in captured.err
    assert "did you mean: " in captured.err
    assert "Rachael Taylor" in captured.err


def test_control_characters_are_not_echoed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "\x1b[2J\x07zzqqxx"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "zzqqxx" in err


def test_huge_input_is_a_plain_miss(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whois", "q" * 10_000]) == 1
    err = capsys.readouterr().err
    assert err.startswith("no match for '")
    assert len(err) < 300
