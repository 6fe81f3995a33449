"""Answer judge: judgments per second, per-call p99 and accuracy over a labelled corpus.

The corpus (benchmarks/judge_corpus.py) is generated from the bundled questions, every guess
labelled with what the player meant; guesses whose right verdict is a matter of opinion are
reported on their own rows and left out of the accuracy figures.

Timing runs pinned to one CPU: a tight loop for throughput, and a second pass that brackets
every call with perf_counter_ns for the latency percentiles (the bracket's own cost is shown).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from benchmarks.judge_corpus import CATEGORIES, SEED, Guess, build_corpus
from benchmarks.report import Section, Table, median, percentile
from trivia.content.library import load_library
from trivia.judge.matcher import Matcher, matchers_for

THROUGHPUT_REPEATS = 5
TARGET_RATE = 200_000  # judgments per second
TARGET_P99_US = 50.0


@contextmanager
def one_cpu() -> Iterator[str]:
    """Pin this process to a single CPU for the duration (where the OS allows it)."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned (no sched_setaffinity)"
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        os.sched_setaffinity(0, before)


def _throughput(calls: Sequence[tuple[object, str]]) -> float:
    rates = []
    for _ in range(THROUGHPUT_REPEATS):
        start = time.perf_counter_ns()
        for judge, text in calls:
            judge(text)  # type: ignore[operator]
        rates.append(len(calls) / ((time.perf_counter_ns() - start) / 1e9))
    return median(rates)


def _latencies(calls: Sequence[tuple[object, str]]) -> tuple[list[int], list[bool]]:
    clock = time.perf_counter_ns
    spent, verdicts = [], []
    for judge, text in calls:
        start = clock()
        verdict = judge(text)  # type: ignore[operator]
        spent.append(clock() - start)
        verdicts.append(verdict)
    return spent, verdicts


def _timer_cost() -> int:
    clock = time.perf_counter_ns
    costs = []
    for _ in range(100_000):
        start = clock()
        costs.append(clock() - start)
    return int(median(costs))


_EXPECTED = {True: "accept", False: "reject", None: "-"}


def _category_table(
    by_category: dict[str, list[int]], spent: Sequence[int], verdicts: Sequence[bool]
) -> Table:
    rows = []
    for category, (description, expected) in CATEGORIES.items():
        idx = by_category.get(category, [])
        if not idx:
            continue
        accepted = sum(verdicts[i] for i in idx) / len(idx)
        times = sorted(spent[i] for i in idx)
        rows.append(
            (
                description,
                f"{len(idx):,}",
                _EXPECTED[expected],
                f"{accepted:.2%}",
                f"{percentile(times, 0.5) / 1000:.1f}",
                f"{percentile(times, 0.99) / 1000:.1f}",
            )
        )
    headers = ("Guesses", "Count", "Expected", "Accepted", "Median us", "p99 us")
    return Table("Corpus by category", headers, tuple(rows))


def _examples_table(
    corpus: Sequence[Guess],
    by_category: dict[str, list[int]],
    verdicts: Sequence[bool],
    canonical: dict[tuple[str, str], str],
) -> Table:
    rows = []
    for category, (_, expected) in CATEGORIES.items():
        if expected is None:
            continue
        wrong = [i for i in by_category.get(category, []) if verdicts[i] is not expected]
        rows += [
            (repr(corpus[i].text), canonical[corpus[i].key], _EXPECTED[not expected] + "ed")
            for i in wrong[:3]
        ]
    return Table(
        "Misjudged examples (first 3 per counted category)",
        ("Guess", "Answer", "Judged"),
        tuple(rows),
    )


def run() -> Section:
    sets = list(load_library().sets.values())
    matchers: dict[tuple[str, str], Matcher] = {
        (qs.id, qid): m for qs in sets for qid, m in matchers_for(qs).items()
    }
    corpus = build_corpus(sets)
    calls = [(matchers[g.key].matches, g.text) for g in corpus]
    with one_cpu() as pinning:
        _latencies(calls)  # warm-up: caches, branch predictors, allocator
        rate = _throughput(calls)
        spent, verdicts = _latencies(calls)
        timer = _timer_cost()
    ordered = sorted(spent)
    p50, p99, p999 = (percentile(ordered, share) / 1000 for share in (0.5, 0.99, 0.999))
    by_category: dict[str, list[int]] = defaultdict(list)
    for index, guess in enumerate(corpus):
        by_category[guess.category].append(index)

    section = Section("judge", "Answer judge (trivia.judge.matcher)")
    section.check(
        "judgments/s (tight loop, median of 5 passes)",
        f"{rate:,.0f}",
        f">= {TARGET_RATE:,}",
        rate >= TARGET_RATE,
    )
    section.check("p99 per call", f"{p99:.1f} us", f"< {TARGET_P99_US:.0f} us", p99 < TARGET_P99_US)
    section.check(
        "median / p99.9 / max per call", f"{p50:.1f} / {p999:.1f} / {ordered[-1] / 1000:.1f} us"
    )
    for intended, what in (
        (True, "right-intended guesses accepted"),
        (False, "wrong-intended guesses rejected"),
    ):
        idx = [i for c, ids in by_category.items() if CATEGORIES[c][1] is intended for i in ids]
        good = sum(verdicts[i] is intended for i in idx)
        section.check(what, f"{good / len(idx):.2%} ({good:,} of {len(idx):,})")
    section.tables.append(_category_table(by_category, spent, verdicts))
    canonical = {(qs.id, q.id): q.canonical for qs in sets for q in qs.questions}
    examples = _examples_table(corpus, by_category, verdicts, canonical)
    if examples.rows:
        section.tables.append(examples)
    questions = sum(len(qs.questions) for qs in sets)
    section.notes += [
        f"{len(corpus):,} guesses over {questions} bundled questions (seed {SEED}); one Matcher"
        f" per question from matchers_for; {pinning}.",
        f"Latency brackets each call with perf_counter_ns; the bracket alone costs ~{timer} ns"
        " and is included in the figures.",
        "Typo labels use the documented budget (0 edits under 5 letters or for numbers, 1 up to"
        " 8 letters, 2 beyond), measured as OSA distance to the nearest accepted answer.",
    ]
    return section
