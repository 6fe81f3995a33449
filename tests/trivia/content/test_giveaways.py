"""Warnings: a question that gives away another's answer, a free-text one with few answers."""

from __future__ import annotations

import pytest

from tests.trivia.content.set_text import line_of, question, set_text
from trivia.content import giveaways
from trivia.content.library import lint_content, load_library, parse_question_set

LANDLORD = question("landlord", "Who is Jessica's landlord?", "[Oscar Arocho, Oscar]")
SON = question("son", "What is the name of Oscar's son?", "[Vido]")


def _warnings(text: str) -> list[str]:
    return [str(w) for w in lint_content(text, "fam.yaml")[1]]


def test_a_text_holding_another_answer_is_a_warning_with_file_line_and_id() -> None:
    text = set_text(LANDLORD, SON)
    assert _warnings(text) == [
        f"fam.yaml:{line_of(text, 'Oscar' + chr(39))}: [son] text contains 'Oscar', an "
        "accepted answer of 'landlord'; put the two in one family, list one in the other's "
        "excludes, or reword"
    ]


def test_hints_and_explanations_are_checked_too() -> None:
    son = question("son", "What is the son's name?", "[Vido]", extra="hint: His father is OSCAR.")
    text = set_text(LANDLORD, son)
    [warning] = _warnings(text)
    assert warning.startswith(f"fam.yaml:{line_of(text, 'hint')}: [son] hint contains 'Oscar'")


def test_one_family_or_an_exclusion_silences_it() -> None:
    assert (
        _warnings(
            set_text(
                LANDLORD, SON.replace("    source", "    family: arochos\n    source")
            ).replace("  - id: landlord\n", "  - id: landlord\n    family: arochos\n")
        )
        == []
    )
    excluded = question(
        "son", "What is the name of Oscar's son?", "[Vido]", extra="excludes: [landlord]"
    )
    assert _warnings(set_text(LANDLORD, excluded)) == []


def test_only_whole_words_count() -> None:
    son = question("son", "Who is the son of the Oscarson family?", "[Vido]")
    assert _warnings(set_text(LANDLORD, son)) == []


def test_answers_shorter_than_three_letters_are_not_looked_for() -> None:
    season = question("season", "Which season?", '["3", "S3"]', kind="number")
    other = question("other", "What happens in season 3 (S3)?", "[Nothing much]", kind="character")
    assert _warnings(set_text(season, other)) == []


def test_a_thing_question_with_few_answers_is_a_warning() -> None:
    text = set_text(question("feel", "How does she feel?", "[thrilled, excited]", kind="thing"))
    assert _warnings(text) == [
        f"fam.yaml:{line_of(text, 'answers')}: [feel] a free-text question with only 2 accepted "
        "answer(s); list at least 3 ways players may type it"
    ]


def test_warnings_do_not_stop_a_set_from_loading() -> None:
    question_set, warnings = lint_content(set_text(LANDLORD, SON), "fam.yaml")
    assert warnings and len(question_set.questions) == 2


def test_loading_for_play_does_not_look_for_weak_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("looked for weak questions while loading for play")

    monkeypatch.setattr(giveaways, "_warn_giveaways", fail)
    question_set = parse_question_set(set_text(LANDLORD, SON), "fam.yaml")
    assert [q.id for q in question_set.questions] == ["landlord", "son"]


def test_the_bundled_set_has_no_warnings() -> None:
    from trivia.content.library import bundled_paths, lint_file

    paths = bundled_paths()
    whoswho = load_library().whoswho
    for path in paths.sets:
        assert lint_file(path, whoswho=whoswho)[1] == [], path
