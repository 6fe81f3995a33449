"""Round engine: CPU time per answer with 1,000 rounds running, and memory per idle round.

1,000 `trivia.engine.round.Round`s of the bundled set run side by side in one process, half in
choice mode and half in typed mode, on one injected fake clock (no sleeping: each step moves
the clock one second and ticks every round, so hints show and questions time out). In each
step every round gets a few answers from random players: letters or option texts in choice
mode (some players answer twice), and guesses from the judge's labelled corpus in typed mode
(right ones close the question and ask the next, inside the timed call). Only the `answer()`
calls are timed; ticking and replacing finished rounds happen between timed batches.

Memory is measured with tracemalloc: traced bytes after starting 1,000 rounds (registered in
a dict by channel, as a registry does) minus the bytes before, divided by 1,000, after a warm-up
round of each mode has filled the shared caches (matchers, normalisation tables).
"""

from __future__ import annotations

import gc
import random
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.judge_corpus import build_corpus
from benchmarks.report import Section, Table
from trivia.content.library import load_library
from trivia.engine.draw import LETTERS
from trivia.engine.events import Event, QuestionAsked
from trivia.engine.round import Round
from trivia.engine.settings import RoundSettings
from trivia.models import AnswerMode, QuestionSet

ROUNDS = 1_000
STEPS = 90  # simulated seconds
ANSWERS_PER_STEP = 3  # per round
PLAYERS = 12  # per round
SEED = 7
TARGET_ANSWER_US = 50.0
TARGET_ROUND_KB = 20.0


class FakeClock:
    """The injected clock: seconds that only move when the benchmark says so."""

    __slots__ = ("now",)

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _mode(channel: int) -> AnswerMode:
    return AnswerMode.CHOICE if channel % 2 == 0 else AnswerMode.TYPED


def _new_round(question_set: QuestionSet, channel: int, clock: FakeClock, seed: int) -> Round:
    return Round(question_set, RoundSettings(mode=_mode(channel)), clock, seed=seed)


def _choice_text(asked: QuestionAsked, rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(LETTERS)
    option = rng.choice(asked.choices)
    return option.lower() if rng.random() < 0.5 else option


def _typed_text(round_: Round, pool: dict[str, list[str]], rng: random.Random) -> str:
    asked = round_.current
    if asked is None:
        return "too late"
    return rng.choice(pool[asked.question.id])


class _Simulation:
    def __init__(self, question_set: QuestionSet, clock: FakeClock) -> None:
        self.set = question_set
        self.clock = clock
        self.rng = random.Random(SEED)
        self.rounds: dict[int, Round] = {}
        self.started = 0
        self.answered: dict[int, tuple[int, set[int]]] = {}  # channel -> (question, users)
        self.pool: dict[str, list[str]] = defaultdict(list)
        for guess in build_corpus([question_set], size=20_000, seed=SEED):
            self.pool[guess.key[1]].append(guess.text)
        for channel in range(ROUNDS):
            self._start(channel)

    def _start(self, channel: int) -> None:
        self.started += 1
        round_ = _new_round(self.set, channel, self.clock, self.started)
        round_.start()
        self.rounds[channel] = round_

    def advance(self) -> tuple[int, int]:
        """One simulated second: tick every round, replace finished ones. (ticks, ns spent)"""
        self.clock.now += 1.0
        start = time.process_time_ns()
        for round_ in list(self.rounds.values()):
            round_.tick()
        spent = time.process_time_ns() - start
        for channel, round_ in list(self.rounds.items()):
            if round_.finished:
                self._start(channel)
        return len(self.rounds), spent

    def batch(self, mode: AnswerMode) -> list[Call]:
        calls = []
        for channel, round_ in list(self.rounds.items()):
            if _mode(channel) is mode:
                for _ in range(ANSWERS_PER_STEP):
                    call = (
                        self._choice(channel, round_)
                        if mode is AnswerMode.CHOICE
                        else (
                            round_.answer,
                            self._player(channel),
                            _typed_text(round_, self.pool, self.rng),
                        )
                    )
                    if call is not None:
                        calls.append(call)
        return calls

    def _player(self, channel: int) -> int:
        return channel * 100 + self.rng.randrange(PLAYERS)

    def _choice(self, channel: int, round_: Round) -> Call | None:
        """Players answer a choice question once each; one click in ten repeats an answer."""
        asked = round_.current
        if asked is None:
            return None
        number, answered = self.answered.get(channel, (0, set()))
        if number != asked.number:
            number, answered = asked.number, set()
            self.answered[channel] = number, answered
        waiting = [u for u in range(channel * 100, channel * 100 + PLAYERS) if u not in answered]
        if not waiting:
            return None
        if answered and self.rng.random() < 0.1:
            user = self.rng.choice(sorted(answered))
        else:
            user = self.rng.choice(waiting)
            answered.add(user)
        return round_.answer, user, _choice_text(asked, self.rng)


Call = tuple[Callable[[int, str], list[Event]], int, str]


def _timed(calls: Sequence[Call], outcomes: Counter[str]) -> tuple[int, int]:
    """(CPU ns, wall ns) spent answering `calls`; counts each answer's first event."""
    results = []
    cpu, wall = time.process_time_ns(), time.perf_counter_ns()
    for answer, user, text in calls:
        results.append(answer(user, text))
    spent = time.process_time_ns() - cpu, time.perf_counter_ns() - wall
    outcomes.update(type(events[0]).__name__ for events in results)
    return spent


@dataclass(slots=True)
class _Totals:
    answers: int = 0
    cpu_ns: int = 0
    wall_ns: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    def mix(self) -> str:
        return ", ".join(
            f"{name} {count / self.answers:.0%}" for name, count in self.outcomes.most_common()
        )


def _answers(question_set: QuestionSet) -> tuple[dict[AnswerMode, _Totals], list[float], int]:
    """Totals per mode; tick cost per round per step in us; rounds started."""
    sim = _Simulation(question_set, FakeClock())
    totals = {mode: _Totals() for mode in AnswerMode}
    ticks: list[float] = []
    for _ in range(STEPS):
        count, spent = sim.advance()
        ticks.append(spent / count / 1000)
        for mode in AnswerMode:
            calls = sim.batch(mode)
            total = totals[mode]
            cpu, wall = _timed(calls, total.outcomes)
            total.answers += len(calls)
            total.cpu_ns += cpu
            total.wall_ns += wall
    return totals, ticks, sim.started


def _memory(question_set: QuestionSet, modes: Sequence[AnswerMode]) -> float:
    """Traced bytes per started round, `ROUNDS` rounds cycling through `modes`."""
    clock = FakeClock()
    for mode in modes:  # warm the caches the rounds share
        Round(question_set, RoundSettings(mode=mode), clock, seed=0).start()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        registry: dict[int, Round] = {}
        for channel in range(ROUNDS):
            mode = modes[channel % len(modes)]
            registry[channel] = Round(question_set, RoundSettings(mode=mode), clock, seed=channel)
            registry[channel].start()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del registry
    return (after - before) / ROUNDS


def run() -> Section:
    question_set = next(iter(load_library().sets.values()))
    totals, ticks, started = _answers(question_set)
    answers = sum(t.answers for t in totals.values())
    cpu_us = sum(t.cpu_ns for t in totals.values()) / answers / 1000
    mixed = _memory(question_set, (AnswerMode.CHOICE, AnswerMode.TYPED)) / 1024
    section = Section("engine", "Round engine (trivia.engine.round), 1,000 rounds at once")
    section.check(
        "CPU time per answer (choice + typed mix)",
        f"{cpu_us:.1f} us",
        f"< {TARGET_ANSWER_US:.0f} us",
        cpu_us < TARGET_ANSWER_US,
    )
    section.check(
        "memory per idle round (choice + typed mix)",
        f"{mixed:.1f} KB",
        f"< {TARGET_ROUND_KB:.0f} KB",
        mixed < TARGET_ROUND_KB,
    )
    rows = []
    for mode, t in totals.items():
        per_round = _memory(question_set, (mode,)) / 1024
        rows.append(
            (
                mode.value,
                f"{t.answers:,}",
                f"{t.cpu_ns / t.answers / 1000:.1f}",
                f"{t.wall_ns / t.answers / 1000:.1f}",
                f"{per_round:.1f}",
                t.mix(),
            )
        )
    ticks.sort()
    section.tables.append(
        Table(
            "By answer mode",
            (
                "Mode",
                "Answers",
                "CPU us/answer",
                "Wall us/answer",
                "KB per idle round",
                "First event of the answers",
            ),
            tuple(rows),
        )
    )
    section.check(
        "tick() per round per simulated second (median)", f"{ticks[len(ticks) // 2]:.2f} us"
    )
    section.notes += [
        f"{ROUNDS:,} rounds of '{question_set.id}' ({len(question_set.questions)} questions,"
        f" 10 per round, 30 s each), {STEPS} simulated seconds, {PLAYERS} players per round."
        f" Typed: {ANSWERS_PER_STEP} guesses per round per second. Choice: up to"
        f" {ANSWERS_PER_STEP} clicks per second until every player has answered, one in ten a"
        f" repeat. {started:,} rounds started in all (finished ones replaced between batches).",
        "CPU time is time.process_time_ns summed over the timed answer() batches only;"
        " typed-mode time includes closing the question and asking the next on a right guess.",
        "Memory is tracemalloc's traced bytes (Python allocations; the interpreter's own"
        " overhead outside the allocator is not counted).",
    ]
    return section
