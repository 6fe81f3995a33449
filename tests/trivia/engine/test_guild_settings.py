"""How a round's settings are chosen: its own options, the server's, the set's, the defaults."""

from __future__ import annotations

import dataclasses

from trivia.engine.settings import GuildSettings
from trivia.models import AnswerMode, QuestionSet, SetDefaults


def _with_defaults(qs: QuestionSet, questions: int, time_limit: int) -> QuestionSet:
    return dataclasses.replace(qs, defaults=SetDefaults(time_limit, questions))


def test_a_fresh_server_uses_the_defaults(small_set: QuestionSet) -> None:
    settings = GuildSettings().for_round(dataclasses.replace(small_set, defaults=SetDefaults()))
    assert (settings.mode, settings.time_limit, settings.hints) == (AnswerMode.CHOICE, 30.0, True)
    assert settings.questions == min(10, len(small_set.questions))


def test_the_sets_own_defaults_beat_the_servers_untouched_ones(small_set: QuestionSet) -> None:
    settings = GuildSettings().for_round(_with_defaults(small_set, 4, 60))
    assert (settings.questions, settings.time_limit) == (4, 60.0)


def test_a_servers_choice_beats_the_set(small_set: QuestionSet) -> None:
    server = GuildSettings(questions=3, time_limit=15, mode=AnswerMode.TYPED, hints=False)
    settings = server.for_round(_with_defaults(small_set, 4, 60))
    assert (settings.questions, settings.time_limit) == (3, 15.0)
    assert (settings.mode, settings.hints) == (AnswerMode.TYPED, False)


def test_options_for_the_round_beat_everything(small_set: QuestionSet) -> None:
    server = GuildSettings(questions=3, time_limit=15, mode=AnswerMode.TYPED)
    settings = server.for_round(
        _with_defaults(small_set, 4, 60), questions=2, mode=AnswerMode.CHOICE, time_limit=45
    )
    assert (settings.questions, settings.time_limit, settings.mode) == (2, 45.0, AnswerMode.CHOICE)


def test_a_round_never_asks_more_questions_than_the_set_has(small_set: QuestionSet) -> None:
    settings = GuildSettings().for_round(small_set, questions=50)
    assert settings.questions == len(small_set.questions)


def test_spoilers_go_from_the_server_to_the_round(small_set: QuestionSet) -> None:
    assert not GuildSettings().for_round(small_set).spoilers
    assert GuildSettings(spoilers=True).for_round(small_set).spoilers
