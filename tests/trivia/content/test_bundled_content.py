"""The shipped content: it loads, it is consistent, the judge agrees with it, and it is
written in our own words (no run of 9 words copied from the source article)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trivia.content.generated import TEMPLATES
from trivia.content.library import Library, load_library
from trivia.content.whois import RELATIONS, inverse_of
from trivia.judge.matcher import matchers_for
from trivia.judge.normalise import normalise
from trivia.models import Question

DATA = Path(__file__).resolve().parents[3] / "trivia" / "data"
ARTICLE = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_e5d81f308610fef1.txt"
ARTICLE_PARAGRAPHS = range(0, 9)
SET_ID = "jessica-jones-s3"
COPY_RUN = 9  # this many consecutive article words in our files counts as copying


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _questions(library: Library) -> list[Question]:
    return list(library.sets[SET_ID].questions)


def test_every_shipped_file_loads(library: Library) -> None:
    assert SET_ID in library.sets
    assert library.whoswho.entities


def test_set_has_at_least_forty_questions_with_unique_ids(library: Library) -> None:
    questions = _questions(library)
    assert len(questions) >= 40
    assert len({q.id for q in questions}) == len(questions)


def test_generated_casting_questions_are_included(library: Library) -> None:
    ids = {q.id for q in _questions(library)}
    assert {"rel-played-by-jeri-hogarth", "rel-plays-jr-ramirez"} <= ids


def test_every_question_cites_article_paragraphs_and_offers_three_distractors(
    library: Library,
) -> None:
    for q in _questions(library):
        assert q.source and set(q.source) <= set(ARTICLE_PARAGRAPHS), q.id
        assert len(q.choices) >= 3, q.id
        assert q.explanation.strip(), q.id


def test_judge_accepts_every_answer_and_rejects_every_distractor(library: Library) -> None:
    question_set = library.sets[SET_ID]
    matchers = matchers_for(question_set)
    for q in question_set.questions:
        matcher = matchers[q.id]
        for answer in q.answers:
            assert matcher.matches(answer), f"{q.id}: {answer!r} should be right"
        for choice in q.choices:
            assert not matcher.matches(choice), f"{q.id}: {choice!r} should be wrong"


def test_every_relation_target_exists_and_cites_paragraphs(library: Library) -> None:
    ids = {e.id for e in library.whoswho.entities}
    assert len(ids) == len(library.whoswho.entities)
    for entity in library.whoswho.entities:
        assert entity.source and set(entity.source) <= set(ARTICLE_PARAGRAPHS), entity.id
        for rel in entity.relations:
            assert rel.target in ids, f"{entity.id} -> {rel.target}"
            assert rel.kind in RELATIONS, f"{entity.id}: unknown relation {rel.kind}"
            assert rel.source and set(rel.source) <= set(entity.source), f"{entity.id} {rel}"


def test_every_relation_is_recorded_on_both_sides(library: Library) -> None:
    whoswho = library.whoswho
    facts = {(e.id, r.kind, r.target) for e in whoswho.entities for r in e.relations}
    for subject, kind, target in facts:
        assert (target, inverse_of(kind), subject) in facts, f"{subject} {kind} {target}"


def test_inverse_table_is_its_own_mirror() -> None:
    for kind, (_, inverse) in RELATIONS.items():
        assert RELATIONS[inverse][1] == kind


def test_article_names_are_all_in_the_whoswho(library: Library) -> None:
    names = {e.name for e in library.whoswho.entities}
    expected = {
        "Krysten Ritter", "Jessica Jones", "Marvel's Jessica Jones", "Trish Walker",
        "Rachael Taylor", "Jeri Hogarth", "Carrie-Anne Moss", "Malcolm", "Pryce Chen",
        "Oscar Arocho", "J.R. Ramirez", "Vido", "Alisa", "Kilgrave", "David Tennant",
        "Melissa Rosenberg", "Jeph Loeb", "Deadline", "Netflix", "Marvel Studios",
        "Marvel Comics", "Luke Cage", "Iron Fist", "The Punisher", "The Defenders", "Hellcat",
    }  # fmt: skip
    assert expected <= names


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _article_body() -> str:
    if not ARTICLE.exists():
        pytest.skip("source article not available outside the workspace")
    paragraphs = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return "\n".join(paragraphs[1:])  # the title may be cited verbatim


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_no_run_of_article_words_is_copied(path: Path) -> None:
    words = _words(_article_body())
    article_runs = {tuple(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)}
    ours = _words(path.read_text(encoding="utf-8"))
    copied = [
        " ".join(ours[i : i + COPY_RUN])
        for i in range(len(ours) - COPY_RUN + 1)
        if tuple(ours[i : i + COPY_RUN]) in article_runs
    ]
    assert not copied, copied


CLAIM_WORDS = ("marvel", "critic", "showrunner")
"""Words that make a claim ("a Marvel show", "critics liked it", "the showrunner"): a text
using one must cite a paragraph that uses it too, since the article only vouches for what
the cited paragraphs say. "critic" is in no paragraph at all."""


def _article_paragraphs() -> list[str]:
    if not ARTICLE.exists():
        pytest.skip("source article not available outside the workspace")
    text = ARTICLE.read_text(encoding="utf-8")
    return [p.lower() for p in text.split("\n\n") if p.strip()]


def test_claims_are_backed_by_the_cited_paragraphs(library: Library) -> None:
    paragraphs = _article_paragraphs()
    texts = [
        (q.id, f"{q.text} {q.hint or ''} {q.explanation}", q.source)
        for q in _questions(library)
        if "generated" not in q.tags
    ]
    texts += [(e.id, e.description, e.source) for e in library.whoswho.entities]
    unbacked = [
        (item, word)
        for item, text, cited in texts
        for word in CLAIM_WORDS
        if word in text.lower() and not any(word in paragraphs[p] for p in cited)
    ]
    assert not unbacked


def test_no_hand_written_question_repeats_a_relation_question(library: Library) -> None:
    """What a relation says is asked by a generated question, not written twice: no
    hand-written question asks a generator template's question about a relation's subject
    (by its name, an alias, or its name without "Marvel's") with the same answer."""
    whoswho = library.whoswho
    asked = set()
    for kind, template in TEMPLATES.items():
        for entity in whoswho.entities:
            targets = [whoswho.entity(r.target) for r in entity.relations if r.kind == kind]
            for subject in {entity.name, entity.name.removeprefix("Marvel's "), *entity.aliases}:
                text = normalise(template.question.format(subject=subject))
                asked |= {(text, normalise(t.name)) for t in targets}
    repeated = [
        q.id
        for q in _questions(library)
        if "generated" not in q.tags and (normalise(q.text), normalise(q.canonical)) in asked
    ]
    assert not repeated
