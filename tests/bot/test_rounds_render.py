"""The pure rendering of round events: labels, sources, reveals, podiums, private replies."""

from __future__ import annotations

from bot.render.rounds import (
    MEDALS,
    answer_reply,
    choice_label,
    podium_embed,
    question_embed,
    reveal_embed,
    source_text,
    spoiler,
)
from tests.bot.round_helpers import field
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    CloseReason,
    EndReason,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.models import AnswerKind, AnswerMode, Award, Question, SourceRef

SOURCE = SourceRef("An article", "An outlet", "2017-01-01", (0, 1, 2))
QUESTION = Question(
    id="q",
    text="Who plays Trish?",
    answers=("Rachael Taylor",),
    kind=AnswerKind.PERSON,
    explanation="Taylor plays Trish Walker.",
    source=(6,),
)
ASKED = QuestionAsked(
    3,
    10,
    QUESTION,
    ("Krysten Ritter", "Rachael Taylor", "Carrie-Anne Moss", "David Tennant"),
    15,
    30.0,
)


def test_labels_are_lettered_and_fit_discord() -> None:
    assert choice_label("A", "Trish Walker") == "A · Trish Walker"
    long = choice_label("B", "x" * 200)
    assert len(long) == 80 and long.startswith("B · x") and long.endswith("…")


def test_sources_name_the_article_and_paragraphs() -> None:
    assert source_text(SOURCE, (6,)) == "Source: An article, paragraph 6"
    assert source_text(SOURCE, (7, 6)) == "Source: An article, paragraphs 6 and 7"
    assert source_text(SOURCE, (1, 2, 6)) == "Source: An article, paragraphs 1, 2 and 6"
    assert source_text(SOURCE, ()) == "Source: An article"


def test_a_question_shows_number_points_and_closing_time() -> None:
    embed = question_embed(ASKED, set_title="Set", mode=AnswerMode.CHOICE, closes_at=1_700_000_000)

    assert embed.title == "Question 3/10"
    assert embed.description == QUESTION.text
    assert embed.author.name == "Set"
    assert field(embed, "Points") == "15"
    assert field(embed, "Closes") == "<t:1700000000:R>"


def test_a_hint_lowers_the_points_shown() -> None:
    hint = HintShown(3, "R______ T_____", 10)

    embed = question_embed(ASKED, set_title="Set", mode=AnswerMode.TYPED, closes_at=1, hint=hint)

    assert field(embed, "Hint") == "`R______ T_____`"
    assert field(embed, "Points") == "10"


def test_a_written_hint_is_shown_above_the_mask() -> None:
    hint = HintShown(3, "R______ T_____", 10, clue="She plays Trish.")

    embed = question_embed(ASKED, set_title="Set", mode=AnswerMode.TYPED, closes_at=1, hint=hint)

    assert field(embed, "Hint") == "She plays Trish.\n`R______ T_____`"


def test_a_reveal_lists_winners_by_points() -> None:
    awards = (
        Award(1, "q", True, 20, 900),
        Award(2, "q", False, 0, 500),
        Award(3, "q", True, 25, 400),
    )
    closed = QuestionClosed(3, QUESTION, CloseReason.TIMEOUT, awards, (), total=ASKED.total)

    embed = reveal_embed(closed, set_title="Set", source=SOURCE)

    assert field(embed, "Answer") == "Rachael Taylor"
    assert field(embed, "Got it") == "<@3> +25 points\n<@1> +20 points"
    assert field(embed, "Why") == QUESTION.explanation
    assert embed.footer.text == "Source: An article, paragraph 6"


def test_a_reveal_can_keep_the_answer_hidden() -> None:
    closed = QuestionClosed(3, QUESTION, CloseReason.SKIPPED, (), (), total=ASKED.total)

    embed = reveal_embed(closed, set_title="Set", source=SOURCE, reveal_answer=False)

    assert [f.name for f in embed.fields] == ["Got it"]
    assert field(embed, "Got it") == "Skipped: no points."


def test_the_podium_shows_the_top_three_then_everyone() -> None:
    standings = tuple(Standing(i, 50 - i, 1, rank) for i, rank in enumerate([1, 1, 3, 4, 5]))
    ended = RoundEnded(EndReason.FINISHED, standings, 10)

    embed = podium_embed(ended, set_title="Set", idle_limit=3)

    podium = field(embed, "Podium").splitlines()
    assert [line.split()[0] for line in podium] == [MEDALS[1], MEDALS[1], MEDALS[3]]
    assert field(embed, "Everyone else").splitlines() == [
        "4. <@3>: 47 points (1 right)",
        "5. <@4>: 46 points (1 right)",
    ]
    assert embed.footer.text == "10 questions"


def test_an_idle_round_credits_no_win() -> None:
    ended = RoundEnded(EndReason.IDLE, (), 3)

    embed = podium_embed(ended, set_title="Set", idle_limit=3)

    assert embed.title == "Round over: nobody answered 3 questions in a row"
    assert embed.description == "Nobody scored this round."


def test_private_replies() -> None:
    assert answer_reply(AnswerLocked(1, "Rachael Taylor"), ASKED) == "Locked in: B · Rachael Taylor"
    assert answer_reply(AnswerAccepted(1, 1)) == "Correct! +1 point"
    assert answer_reply(AnswerRejected(1)) == "Not quite."
    assert answer_reply(AnswerRejected(1), ASKED).startswith("That is not one of the options")
    assert answer_reply(AlreadyAnswered(1)) == "You already answered this question."
    assert answer_reply(AnswerTooLate(1)) == "Too late: that question has closed."
    assert answer_reply(None) == "No question is open here right now."


def _ids(count: int) -> range:
    return range(900_000_000_000_000_000, 900_000_000_000_000_000 + count)


def test_a_podium_of_200_tied_players_fits_its_field() -> None:
    ended = RoundEnded(EndReason.FINISHED, tuple(Standing(u, 10, 1, 1) for u in _ids(200)), 5)

    podium = field(podium_embed(ended, set_title="Set", idle_limit=3), "Podium")

    assert len(podium) <= 1024
    assert podium.splitlines()[-2].endswith("10 points (1 right)")
    assert podium.splitlines()[-1] == f"…and {200 - podium.count('<@')} more"


def test_long_lists_end_on_a_whole_line_and_say_how_many_are_left() -> None:
    standings = tuple(Standing(u, 1000 - i, 10, i + 1) for i, u in enumerate(_ids(200)))
    embed = podium_embed(RoundEnded(EndReason.FINISHED, standings, 10), set_title="S", idle_limit=3)
    awards = tuple(Award(u, "q", True, 10, 100) for u in _ids(60))
    closed = QuestionClosed(3, QUESTION, CloseReason.TIMEOUT, awards, (), total=ASKED.total)
    got_it = field(reveal_embed(closed, set_title="Set", source=SOURCE), "Got it")

    for text, total in ((field(embed, "Everyone else"), 197), (got_it, 60)):
        *lines, more = text.splitlines()
        assert len(text) <= 1024 and all(line.endswith(")") or "points" in line for line in lines)
        assert more == f"…and {total - len(lines)} more"


def test_spoiler_reveals_hide_the_answer_and_the_explanation() -> None:
    closed = QuestionClosed(3, QUESTION, CloseReason.TIMEOUT, (), (), 10, ())
    embed = reveal_embed(closed, set_title="Set", source=SOURCE, spoilers=True)
    assert field(embed, "Answer") == "||Rachael Taylor||"
    assert field(embed, "Why") == "||Taylor plays Trish Walker.||"
    assert field(embed, "Got it") == "Nobody."


def test_pipes_inside_a_spoiler_cannot_end_it_early() -> None:
    assert spoiler("a || b") == "||a \\|\\| b||"
    long = spoiler("|" * 2000)
    assert len(long) <= 1024 and long.startswith("||\\|") and long.endswith("…||")
