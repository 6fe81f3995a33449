"""How a round shows its announcements is saved with each one, spoilers included."""

from __future__ import annotations

from trivia.engine.settings import RoundSettings
from trivia.service.outbox import Presentation


def test_spoilers_are_saved_with_the_presentation() -> None:
    shown = Presentation.of("set", RoundSettings(spoilers=True, reveal_answers=True))
    assert shown.spoilers
    assert Presentation.from_json(shown.to_json()) == shown


def test_payloads_saved_before_spoilers_existed_show_no_spoilers() -> None:
    old = {"set_id": "set", "mode": "typed", "reveal_answers": True, "idle_limit": 3}
    assert not Presentation.from_json(old).spoilers
