"""The answer judge: each fairness rule, with the guesses that motivated it."""

from __future__ import annotations

import pytest

import trivia.judge.matcher as matching
from trivia.judge.matcher import MAX_GUESS_LENGTH, Matcher, is_correct, matchers_for
from trivia.judge.names import ambiguous_surnames
from trivia.judge.normalise import normalise
from trivia.judge.targets import typo_budget
from trivia.models import AnswerKind, Question, QuestionSet, SourceRef

PERSON = AnswerKind.PERSON
CHARACTER = AnswerKind.CHARACTER
NUMBER = AnswerKind.NUMBER
PLACE = AnswerKind.PLACE
TITLE = AnswerKind.TITLE
THING = AnswerKind.THING


# --- normalise -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＫＲＹＳＴＥＮ", "krysten"),  # NFKC: full-width letters
        ("ﬁsk", "fisk"),  # NFKC: ligature
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("Beyoncé", "beyonce"),  # accents stripped
        ("Beyonce\u0301", "beyonce"),  # combining accent typed separately
        ("Søren", "soren"),  # letters without a decomposition
        ("O'Neil", "oneil"),  # apostrophe removed, not a separator
        ("O’Neil", "oneil"),  # smart apostrophe
        ("O´Neil", "oneil"),  # acute accent typed as an apostrophe
        ("O＇Neil", "oneil"),  # full-width apostrophe
        ("Marvel's Jessica Jones", "marvels jessica jones"),
        ("‘Jessica Jones’", "jessica jones"),  # smart quotes
        ("Carrie-Anne Moss", "carrie anne moss"),  # hyphen separates
        ("Obama!", "obama"),
        ("  Krysten \t\n Ritter  ", "krysten ritter"),  # whitespace collapsed
        ("The Punisher", "punisher"),  # leading article dropped
        ("An Officer", "officer"),
        ("A Team", "team"),
        ("Punisher, The", "punisher the"),  # only a leading article
        ("The", "the"),  # ... and never the whole answer
        ("Rit\u200bter", "ritter"),  # zero-width space does not split a word
        ("\u200fRitter\u200e", "ritter"),  # direction marks
        ("Krysten\x00Ritter", "krysten ritter"),  # control character separates
        ("Krysten Ritter 🎉", "krysten ritter"),  # emoji
        ("", ""),
        ("?!  ...", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize("text", ["J.R. Ramirez", "J. R. Ramirez", "J R Ramirez", "JR Ramirez"])
def test_initials_join_into_one_word(text: str) -> None:
    assert normalise(text) == "jr ramirez"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13", "13"),
        ("thirteen", "13"),
        ("013", "13"),
        ("١٣", "13"),  # Arabic-Indic digits
        ("thirty one", "31"),
        ("thirty-one", "31"),
        ("one hundred and five", "105"),
        ("two thousand and five", "2005"),
        ("twelve hundred", "1200"),
        ("a hundred", "100"),
        ("twenty thirteen", "20 13"),  # not a sum: a run stops where it cannot continue
        ("one two", "1 2"),
        ("thirteen and fourteen", "13 and 14"),  # "and" joins only inside a number
        ("third", "3"),
        ("3rd", "3"),
        ("thirty-first", "31"),
        ("Season Three", "season 3"),
        ("season 2 episode thirteen", "season 2 episode 13"),
        ("one", "1"),
        ("this one hundred", "this 100"),
        ("1st", "1"),
        ("one hundred and first", "101"),
    ],
)
def test_number_words_become_digits(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this one is hard", "this one is hard"),  # "one" as a pronoun after a pointer word
        ("that one", "that one"),
        ("no one", "no one"),
        ("which one?", "which one"),
        ("first!", "first"),  # "first" alone is chatter ("first!", "at first"), not a numeral
        ("the first", "first"),
        ("at first", "at first"),
    ],
)
def test_everyday_one_and_first_stay_words(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_is_idempotent_on_examples() -> None:
    examples = ["The A-Team", "the a b", "an x the y", "J.R. Ramirez", "thirty one", "Straße"]
    for text in [*examples, "this one", "the one", "a first", "this one hundred", "one first"]:
        once = normalise(text)
        assert normalise(once) == once


# --- typo budget -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "budget"),
    [("vido", 0), ("moss", 0), ("ritter", 1), ("hogarth", 1), ("new york", 1), ("rosenberg", 2)],
)
def test_typo_budget_scales_with_length(answer: str, budget: int) -> None:
    assert typo_budget(answer) == budget


# --- accepting -------------------------------------------------------------------------------

RITTER = ("Krysten Ritter",)


@pytest.mark.parametrize(
    ("guess", "answers", "kind"),
    [
        ("Krysten Ritter", RITTER, PERSON),
        ("krysten ritter", RITTER, PERSON),
        ("Obama!", ("Obama",), PERSON),
        ("Patricia Walker", ("Trish Walker", "Patricia Walker"), CHARACTER),  # alias
        ("punisher", ("The Punisher",), CHARACTER),
        ("the punisher", ("Punisher",), CHARACTER),
        ("beyonce", ("Beyoncé",), PERSON),
        ("BEYONCÉ", ("beyonce",), PERSON),
        ("Marvels Jessica Jones", ("Marvel's Jessica Jones",), TITLE),
        ("oneil", ("O'Neil",), PERSON),
        ("ＫＲＹＳＴＥＮ ＲＩＴＴＥＲ", RITTER, PERSON),
        ("Krysten\u200b Ritter\u200f", RITTER, PERSON),
        ("🎉 Krysten Ritter 🎉", RITTER, PERSON),
    ],
)
def test_accepts_answers_and_aliases(
    guess: str, answers: tuple[str, ...], kind: AnswerKind
) -> None:
    assert is_correct(guess, answers, kind)


@pytest.mark.parametrize("guess", ["J.R. Ramirez", "JR Ramirez", "J R Ramirez", "j.r. ramirez"])
def test_jr_ramirez_variants(guess: str) -> None:
    assert is_correct(guess, ["J.R. Ramirez"], PERSON)


@pytest.mark.parametrize("guess", ["Carrie-Anne Moss", "Carrie Anne Moss", "carrie‐anne moss"])
def test_carrie_anne_variants(guess: str) -> None:
    assert is_correct(guess, ["Carrie-Anne Moss"], PERSON)


def test_right_to_left_names() -> None:
    matcher = Matcher(["קריסטן ריטר"], PERSON)
    assert matcher.matches("\u202bקריסטן ריטר\u202c")  # embedding marks around Hebrew
    assert matcher.matches("ריטר")  # surname alone
    assert is_correct("كتاب", ["كِتَاب"], THING)  # Arabic vowel marks are accents too


@pytest.mark.parametrize(
    ("guess", "answer", "kind", "expected"),
    [
        ("13", "thirteen", NUMBER, True),
        ("thirteen", "13", NUMBER, True),
        ("Thirteen!", "13", NUMBER, True),
        ("I think it's 13", "13", NUMBER, True),
        ("31", "13", NUMBER, False),
        ("thirty one", "13", NUMBER, False),
        ("thirty-one", "31", NUMBER, True),
        ("13 or 31", "13", NUMBER, False),  # a hedge names no number
        ("third", "3rd", NUMBER, True),
        ("3", "third", NUMBER, True),
        ("season three", "Season 3", THING, True),
        ("season 4", "Season 3", THING, False),  # one edit, but a different number
        ("31 episodes", "13 episodes", THING, False),
        ("13 episods", "13 episodes", THING, True),
    ],
)
def test_numbers(guess: str, answer: str, kind: AnswerKind, expected: bool) -> None:
    assert is_correct(guess, [answer], kind) is expected


@pytest.mark.parametrize(
    "guess", ["this one is hard", "this one", "that one", "no one", "which one?", "first!"]
)
def test_chatter_with_number_words_names_no_number(guess: str) -> None:
    assert not is_correct(guess, ["1", "a single episode"], NUMBER)


@pytest.mark.parametrize(
    ("guess", "expected"),
    [
        ("one", True),
        ("just one", True),
        ("I think it's one", True),
        ("one episode", True),  # a word of another accepted answer
        ("13 or 1", False),
        ("1 is my lucky number", False),  # a number amid other words is not an answer
        ("season 1 was better", False),
        ("one epizodez", False),  # two edits in a 7-letter word
    ],
)
def test_number_inside_a_sentence_only_amid_filler(guess: str, expected: bool) -> None:
    assert is_correct(guess, ["1", "a single episode"], NUMBER) is expected


@pytest.mark.parametrize(
    ("guess", "expected"),
    [
        ("13 episodes", True),  # a word of the question names the unit
        ("thirteen episode", True),
        ("13 episods", True),  # a unit word within the typo budget
        ("I think 13 women", True),
        ("13 dragons", False),
        ("it was 13 years ago", False),
    ],
)
def test_number_may_stand_beside_words_of_its_question(guess: str, expected: bool) -> None:
    matcher = Matcher(["13"], NUMBER, question="How many episodes were directed by women?")
    assert matcher.matches(guess) is expected


def test_an_ordinal_first_is_accepted_when_listed() -> None:
    matcher = Matcher(["1", "first", "season 1"], NUMBER, question="Which season?")
    for guess in ["first", "1st", "the first season", "season one", "I think it's the first"]:
        assert matcher.matches(guess), guess


# --- surnames --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "guess", ["Ritter", "ritter!", "it's Ritter", "is it Ritter?", "maybe Ritter"]
)
def test_surname_alone_names_a_person(guess: str) -> None:
    assert is_correct(guess, RITTER, PERSON)


def test_surname_alone_names_a_character() -> None:
    assert is_correct("Walker", ["Trish Walker"], CHARACTER)


def test_surname_rule_is_only_for_people() -> None:
    assert not is_correct("Jones", ["Jessica Jones"], TITLE)


@pytest.mark.parametrize(
    ("guess", "answer"),
    [
        ("Taylor Swift", "Rachael Taylor"),
        ("Kate Moss", "Carrie-Anne Moss"),
        ("I think it's Kate Moss", "Carrie-Anne Moss"),
        ("Moss Kate", "Carrie-Anne Moss"),
        ("John Ritter", "Krysten Ritter"),
    ],
)
def test_surname_shared_with_another_name_is_rejected(guess: str, answer: str) -> None:
    assert not is_correct(guess, [answer], PERSON)


def test_other_name_is_rejected_even_when_the_answer_holds_filler_words() -> None:
    matcher = Matcher(["The Man in the Yellow Hat"], CHARACTER)
    assert matcher.matches("it's the man in the yellow hat")
    assert not matcher.matches("Kate, the man in the yellow hat")


def test_ambiguous_surname_alone_is_rejected() -> None:
    matcher = Matcher(["Jessica Jones"], CHARACTER, ambiguous_surnames=frozenset({"Jones"}))
    assert not matcher.matches("Jones")
    assert matcher.matches("Jessica Jones")


def test_explicit_alias_wins_over_ambiguity() -> None:
    matcher = Matcher(
        ["Jessica Jones", "Jones"], CHARACTER, ambiguous_surnames=frozenset({"jones"})
    )
    assert matcher.matches("Jones")


def test_name_suffix_is_not_a_surname() -> None:
    assert is_correct("Davis", ["Sammy Davis Jr."], PERSON)
    assert not is_correct("Jr", ["Sammy Davis Jr."], PERSON)


# --- containment -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "guess",
    [
        "I think it's Krysten Ritter",
        "is it Krysten Ritter?",
        "i'm pretty sure it's Krysten Ritter, right?",
        "Krysten Ritter herself",
    ],
)
def test_answer_inside_a_sentence(guess: str) -> None:
    assert is_correct(guess, RITTER, PERSON)


def test_thing_inside_any_sentence() -> None:
    assert is_correct("they filmed in New York this year", ["New York"], PLACE)


@pytest.mark.parametrize(
    ("guess", "answer", "kind"),
    [
        ("chair", "air", THING),
        ("the chair", "air", THING),
        ("new yorkshire", "New York", PLACE),
        ("I think new yorkshire", "New York", PLACE),
        ("Jessica", "Jessica Jones", TITLE),  # a part of a multi-word answer is not the answer
        ("Krysten", "Krysten Ritter", PERSON),  # first names are only accepted as aliases
        ("Krysten Ritter and Rachael Taylor", "Krysten Ritter", PERSON),  # shotgun
        ("Krysten Ritter directed it", "Krysten Ritter", PERSON),
    ],
)
def test_containment_needs_whole_words_and_whole_answer(
    guess: str, answer: str, kind: AnswerKind
) -> None:
    assert not is_correct(guess, [answer], kind)


# --- typos -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("guess", "answer", "kind"),
    [
        ("Kristen Ritter", "Krysten Ritter", PERSON),
        ("Krysten Rittr", "Krysten Ritter", PERSON),
        ("Kristen Rittr", "Krysten Ritter", PERSON),  # two edits in a long answer
        ("KrystenRitter", "Krysten Ritter", PERSON),
        ("Hogart", "Hogarth", CHARACTER),
        ("Rittr", "Krysten Ritter", PERSON),  # typo of the surname alone
        ("I think it's Kristen Ritter?", "Krysten Ritter", PERSON),
        ("is it Hogart?", "Hogarth", CHARACTER),
        ("new yrok", "New York", PLACE),  # a swap of neighbours is one edit, not two
        ("Ritetr", "Krysten Ritter", PERSON),
    ],
)
def test_small_typos_are_forgiven(guess: str, answer: str, kind: AnswerKind) -> None:
    assert is_correct(guess, [answer], kind)


ARCS = ("character arcs", "its characters")


@pytest.mark.parametrize(
    ("guess", "answers"),
    [
        ("my final answer is its charactersg", ARCS),  # the answer starts with a filler word
        ("hmm, its charuacters", ARCS),
        ("uh its charatcers maybe", ARCS),
        ("is it it characters", ARCS),
        ("pretty sure it's they were wome", ("they were women",)),
        ("is it it is servet", ("it is secret",)),
        ("hmm, quite comfn", ("quite common",)),
        ("I think it's er voice", ("her voice",)),  # the typo made the answer's first word filler
        ("is it i production", ("in production",)),
        ("I think it's the dirctor herself", ("the director herself",)),  # ... or ends with one
    ],
)
def test_typos_of_answers_that_hold_filler_words_are_forgiven(
    guess: str, answers: tuple[str, ...]
) -> None:
    assert is_correct(guess, answers, THING)


@pytest.mark.parametrize(
    ("guess", "answer"),
    [
        ("I think it's er choice", "her voice"),  # two edits in an 8-letter answer
        ("is it its charctr", "its characters"),  # three edits
        ("it is secrat word", "it is secret"),  # typos only where the answer stands alone
    ],
)
def test_typos_of_answers_that_hold_filler_words_keep_the_budget(guess: str, answer: str) -> None:
    assert not is_correct(guess, [answer], THING)


@pytest.mark.parametrize(
    ("guess", "answer", "kind"),
    [
        ("Vida", "Vido", CHARACTER),  # 4 letters: no typo allowed
        ("Mos", "Moss", PERSON),
        ("Hgart", "Hogarth", CHARACTER),  # two edits in a 7-letter answer
        ("Kristin Rittr", "Krysten Ritter", PERSON),  # three edits
        ("Hogart was a lawyer", "Hogarth", CHARACTER),  # typos only where the answer stands alone
    ],
)
def test_larger_typos_are_refused(guess: str, answer: str, kind: AnswerKind) -> None:
    assert not is_correct(guess, [answer], kind)


# --- rejecting without work ------------------------------------------------------------------


@pytest.mark.parametrize("guess", ["", "   ", "\n\t", "?", "?!", "🎉", "\u200b"])
def test_empty_guesses_are_rejected(guess: str) -> None:
    assert not is_correct(guess, RITTER, PERSON)
    assert not is_correct(guess, ["?"], THING)  # an answer that normalises to nothing


@pytest.mark.parametrize("guess", ["Krysten Ritter", "krysten ritter", "Krysten"])
def test_guess_typed_exactly_as_an_answer_skips_normalising(
    guess: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = Matcher(["Krysten Ritter", "Krysten"], PERSON)

    def fail(text: str) -> list[str]:
        raise AssertionError("exact guess was normalised")

    monkeypatch.setattr(matching, "normal_words", fail)
    assert matcher.matches(guess)


@pytest.mark.parametrize(
    ("guess", "right"), [("Ritter!", True), ("ritter?", True), (" Riter. ", True), ("Rita!", False)]
)
def test_one_word_with_plain_punctuation_skips_normalising(
    guess: str, right: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = Matcher(RITTER, PERSON)

    def fail(text: str) -> list[str]:
        raise AssertionError("one punctuated word was normalised")

    monkeypatch.setattr(matching, "normal_words", fail)
    assert matcher.matches(guess) is right


def test_length_limit_is_inclusive() -> None:
    guess = "Krysten Ritter".ljust(MAX_GUESS_LENGTH)
    assert is_correct(guess, RITTER, PERSON)
    assert not is_correct(guess + " ", RITTER, PERSON)


def test_over_long_guess_is_rejected_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = Matcher(RITTER, PERSON)

    def fail(text: str) -> list[str]:
        raise AssertionError("over-long guess was normalised")

    monkeypatch.setattr(matching, "normal_words", fail)
    assert not matcher.matches("Krysten Ritter " * 20)


def test_answers_are_normalised_once_per_question(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = matching.normal_words

    def counting(text: str) -> list[str]:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(matching, "normal_words", counting)
    matcher = Matcher(["Krysten Ritter", "Krysten"], PERSON)
    calls.clear()
    for guess in ["Ritter", "Kristen Ritter", "nope", "I think it's Krysten Ritter"]:
        matcher.matches(guess)
    # Each guess at most once, and one plain word ("Ritter") needs no normalising at all.
    assert calls == ["Kristen Ritter", "I think it's Krysten Ritter"]


# --- question sets ---------------------------------------------------------------------------


def _question(qid: str, answers: list[str], kind: AnswerKind = PERSON) -> Question:
    return Question(qid, f"{qid}?", tuple(answers), kind, "explained", (1,))


def _set(*questions: Question) -> QuestionSet:
    source = SourceRef("An article", "An outlet", "2018-01-01", (1,))
    return QuestionSet("s", "Set", "A set", "A show", source, questions)


def test_shared_surname_of_two_people_is_ambiguous() -> None:
    questions = [
        _question("hero", ["Jessica Jones", "Jessica"], CHARACTER),
        _question("mother", ["Alisa Jones", "Alisa"], CHARACTER),
        _question("star", ["Krysten Ritter"]),
    ]
    assert ambiguous_surnames(questions) == {"jones"}


def test_one_person_in_two_questions_is_not_ambiguous() -> None:
    questions = [
        _question("star", ["Krysten Ritter", "Ritter"]),
        _question("director", ["Krysten Ritter"]),
        _question("alias", ["Ritter", "Krysten Ritter"]),
    ]
    assert ambiguous_surnames(questions) == frozenset()


def test_aliases_join_two_spellings_of_one_person() -> None:
    questions = [
        _question("trish", ["Trish Walker", "Patricia Walker"], CHARACTER),
        _question("patsy", ["Patricia Walker"], CHARACTER),
    ]
    assert ambiguous_surnames(questions) == frozenset()


def test_shared_first_name_does_not_make_one_person() -> None:
    questions = [
        _question("a", ["Jessica Jones", "Jessica"], CHARACTER),
        _question("b", ["Jessica Walker", "Jessica"], CHARACTER),
        _question("c", ["Alisa Jones"], CHARACTER),
    ]
    assert ambiguous_surnames(questions) == {"jones"}


def test_non_person_answers_do_not_make_surnames_ambiguous() -> None:
    questions = [_question("show", ["Jessica Jones"], TITLE), _question("mother", ["Alisa Jones"])]
    assert ambiguous_surnames(questions) == frozenset()


def test_matchers_for_builds_one_matcher_per_question_with_ambiguity() -> None:
    question_set = _set(
        _question("hero", ["Jessica Jones"], CHARACTER),
        _question("mother", ["Alisa Jones"], CHARACTER),
        _question("star", ["Krysten Ritter"]),
        _question("episodes", ["13"], NUMBER),
    )
    matchers = matchers_for(question_set)
    assert set(matchers) == {"hero", "mother", "star", "episodes"}
    assert not matchers["hero"].matches("Jones")
    assert not matchers["mother"].matches("Jones")
    assert matchers["hero"].matches("jessica jones")
    assert matchers["star"].matches("Ritter")
    assert matchers["episodes"].matches("thirteen")
