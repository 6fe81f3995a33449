"""The hand-labelled natural corpus: the judge stays ahead of both peer rules on it.

Accuracy only (deterministic, so it belongs in the suite); the speed comparison lives in
benchmarks/judge.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from benchmarks.judge_peers import Labelled, natural_corpus, peer_rules
from trivia.content.library import load_library
from trivia.judge.matcher import matchers_for

Rule = dict[str, Callable[[str], bool]]


def _accuracy(rule: Rule, corpus: Sequence[Labelled]) -> tuple[float, float]:
    right = [rule[g.question_id](g.text) for g in corpus if g.right]
    wrong = [rule[g.question_id](g.text) for g in corpus if not g.right]
    return sum(right) / len(right), 1 - sum(wrong) / len(wrong)


def test_judge_is_ahead_of_both_peers_on_right_and_wrong_guesses() -> None:
    (question_set,) = load_library().sets.values()
    corpus = natural_corpus()
    judge: Rule = {q: m.matches for q, m in matchers_for(question_set).items()}
    right, wrong = _accuracy(judge, corpus)
    for name, peer in peer_rules(question_set).items():
        peer_right, peer_wrong = _accuracy(peer, corpus)
        assert right > peer_right, name
        assert wrong > peer_wrong, name


def test_every_labelled_question_is_bundled() -> None:
    (question_set,) = load_library().sets.values()
    ids = {q.id for q in question_set.questions}
    assert {g.question_id for g in natural_corpus()} <= ids
