"""One round of trivia in one channel: a state machine that reads a clock and returns events.

The round never sleeps, sends or stores anything. The caller asks it for `next_deadline` and
calls `tick()` then; answers, skips and stops come in as calls too. Every call returns the
events it caused, in order (a typed-mode right answer returns AnswerAccepted and QuestionClosed,
then the next QuestionAsked at once, or after the pause on a later `tick()`, or RoundEnded).
Points are worked out by `trivia.engine.scoring`. `copy()` gives a twin to compute a step on, so
a caller that fails to save the step keeps the round as it was.

Rules the issue left open, decided here:

* In choice mode every judged answer is an Award (a wrong one with 0 points). In typed mode
  the winner gets an Award, and so does everyone else who guessed wrong (0 points, once per
  player per question, so spamming costs no more accuracy than one miss); a wrong guess may
  be retried, and a player who misses and then wins has only the win.
* After a question closes the round waits `settings.pause` seconds before asking the next, so
  the reveal can be read; answers meanwhile are AnswerTooLate, naming the typed winner.
* In choice mode, text that names no option (neither a letter nor an option's text) is
  AnswerRejected and does not lock the player in.
* A question counts as unanswered for the idle limit when nobody tried at all (a wrong typed
  guess or a wrong choice is an answer). A skipped question resets the idle count, since
  someone is there to skip, and leaves streaks as they were. When the idle limit and the end of
  the questions arrive together, the round ends IDLE.
* Hint points and masks follow the hints actually shown by `tick()`, not the clock, so players
  never score less than they were told. `HintShown.number` is the question's number.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from trivia.engine import draw, hints, scoring
from trivia.engine.events import (
    AlreadyAnswered,
    AnswerAccepted,
    AnswerLocked,
    AnswerRejected,
    AnswerTooLate,
    CloseReason,
    EndReason,
    Event,
    HintShown,
    QuestionAsked,
    QuestionClosed,
    RoundEnded,
    Standing,
)
from trivia.engine.selection import Selection
from trivia.engine.settings import Clock, RoundSettings
from trivia.judge.matcher import MAX_GUESS_LENGTH, Matcher, matchers_for
from trivia.models import AnswerMode, Award, Question, QuestionSet

STATE_VERSION = 1
_NO_OPTIONS = draw.Options((), (), -1)


@lru_cache(maxsize=16)
def shared_matchers(question_set: QuestionSet) -> Mapping[str, Matcher]:
    """Matchers for a set, built once and shared by every round of that set (saves memory)."""
    return matchers_for(question_set)


class Round:
    """A round of `settings.questions` questions (at most the set's size) in one channel."""

    __slots__ = (
        "_asked",
        "_asked_at",
        "_attempted",
        "_clock",
        "_closes_at",
        "_ended",
        "_hint_count",
        "_hints_shown",
        "_idle",
        "_index",
        "_last_winner",
        "_limit_ms",
        "_limit_s",
        "_locked",
        "_matchers",
        "_offer",
        "_open",
        "_options",
        "_paused_until",
        "_questions",
        "_seed",
        "_set",
        "_settings",
        "_tally",
    )

    def __init__(
        self,
        question_set: QuestionSet,
        settings: RoundSettings,
        clock: Clock,
        *,
        seed: int | None = None,
        matchers: Mapping[str, Matcher] | None = None,
        selection: Selection | None = None,
    ) -> None:
        if seed is None:
            seed = random.SystemRandom().getrandbits(63)
        admits = None if selection is None else selection.admits
        questions = draw.draw_questions(
            question_set, settings.questions, random.Random(seed), admits
        )
        self._setup(question_set, settings, clock, seed, matchers, questions)

    def _setup(
        self,
        question_set: QuestionSet,
        settings: RoundSettings,
        clock: Clock,
        seed: int,
        matchers: Mapping[str, Matcher] | None,
        questions: tuple[Question, ...],
    ) -> None:
        limit_ms = round(settings.time_limit * 1000)
        if limit_ms <= 0 or settings.questions < 1:
            raise ValueError("a round needs a positive time limit and at least one question")
        self._set = question_set
        self._settings = settings
        self._clock = clock
        self._matchers = shared_matchers(question_set) if matchers is None else matchers
        self._seed = seed
        self._questions = questions
        self._limit_ms = limit_ms
        self._limit_s = limit_ms / 1000
        typed = settings.mode is AnswerMode.TYPED
        self._hint_count = len(hints.HINT_AT) if typed and settings.hints else 0
        self._index = -1
        self._open = False
        self._ended: EndReason | None = None
        self._asked: QuestionAsked | None = None
        self._asked_at = 0.0
        self._closes_at = 0.0
        self._hints_shown = 0
        self._offer = 0
        self._options = _NO_OPTIONS
        self._locked: dict[int, Award] = {}
        self._attempted = False
        self._tally = scoring.ScoreSheet()
        self._idle = 0
        self._paused_until: float | None = None
        self._last_winner: int | None = None

    def copy(self) -> Round:
        """An independent twin to compute a step on; this round is untouched by the twin."""
        twin = Round.__new__(Round)
        for name in Round.__slots__:
            setattr(twin, name, getattr(self, name))
        twin._locked = dict(self._locked)
        twin._tally = self._tally.copy()
        return twin

    def pick_of(self, user_id: int) -> Award | None:
        """The player's answer stored so far for the open question: a choice, or a typed miss."""
        return self._locked.get(user_id)

    @property
    def settings(self) -> RoundSettings:
        return self._settings

    @property
    def question_set(self) -> QuestionSet:
        return self._set

    @property
    def seed(self) -> int:
        return self._seed

    @property
    def questions(self) -> tuple[Question, ...]:
        """The drawn questions, in the order they are asked."""
        return self._questions

    @property
    def finished(self) -> bool:
        return self._ended is not None

    @property
    def current(self) -> QuestionAsked | None:
        """The question now open, as it was asked (None before start, at the end, before resume)."""
        return self._asked

    @property
    def next_deadline(self) -> float | None:
        """Clock time at which `tick()` has something to do: the next hint, the close, or the
        end of the pause after a reveal."""
        if self._asked is None:
            return self._paused_until
        if self._hints_shown < self._hint_count:
            return self._hint_at(self._hints_shown)
        return self._closes_at

    def standings(self) -> tuple[Standing, ...]:
        return self._tally.standings()

    def start(self) -> list[Event]:
        """Ask question 1 (or end at once, FINISHED, when the set is empty)."""
        if self._index >= 0 or self._ended is not None:
            raise RuntimeError("this round has already started")
        events: list[Event] = []
        self._advance(events)
        return events

    def answer(self, user_id: int, text: str) -> list[Event]:
        """Judge `text` from `user_id` for the open question; choice mode takes "A".."D" too."""
        if self._asked is None:
            return [AnswerTooLate(user_id, self._last_winner)]
        now = self._clock()
        if now >= self._closes_at:
            return [AnswerTooLate(user_id)]
        if self._settings.mode is AnswerMode.CHOICE:
            return self._answer_choice(user_id, text, now)
        return self._answer_typed(user_id, text, now)

    def tick(self) -> list[Event]:
        """Show the hints that are due, close the question at its time limit, or ask the next
        question once the pause after a reveal is over."""
        now = self._clock()
        events: list[Event] = []
        if self._asked is None:
            if self._paused_until is not None and now >= self._paused_until:
                self._paused_until = None
                self._advance(events)
            return events
        if now >= self._closes_at:
            events.append(self._close(CloseReason.TIMEOUT))
            self._after_close(events)
            return events
        while self._hints_shown < self._hint_count and now >= self._hint_at(self._hints_shown):
            self._hints_shown += 1
            self._offer = scoring.offered(
                scoring.base_points(self._asked.question.difficulty),
                self._hints_shown,
                self._hint_count,
            )
            question = self._asked.question
            mask = hints.mask(question.canonical, self._hints_shown, self._hint_count)
            events.append(HintShown(self._index + 1, mask, self._offer, question.hint))
        return events

    def skip(self) -> list[Event]:
        """Close the open question without awards and ask the next one."""
        if self._asked is None:
            return []
        events: list[Event] = [self._close(CloseReason.SKIPPED)]
        self._after_close(events)
        return events

    def stop(self) -> list[Event]:
        """Close the open question with the awards it has so far, then end the round STOPPED."""
        if self._ended is not None:
            return []
        events: list[Event] = []
        if self._open:
            events.append(self._close(CloseReason.STOPPED))
        self._paused_until = None
        self._end(EndReason.STOPPED, events)
        return events

    def suspend(self) -> list[Event]:
        """Before a shutdown: close the open question with its awards, without asking the next.

        The round stays unfinished; after `to_state`/`from_state`, `resume()` asks the next one.
        When no question is left to ask, or the idle limit is reached, it ends here instead, so
        a restart never has to resume a round with nothing left in it.
        """
        if not self._open:
            return []
        events: list[Event] = [self._close(CloseReason.SUSPENDED)]
        if self._must_end():
            self._advance(events)
        return events

    def resume(self) -> list[Event]:
        """After `from_state`: ask the open question again with a fresh timer, keeping the picks
        restored with it; between questions, ask the next one."""
        if self._ended is not None:
            return []
        if self._index < 0:
            return self.start()
        events: list[Event] = []
        self._paused_until = None
        if self._open:
            events.append(self._ask(self._options, keep_picks=True))
        else:
            self._advance(events)
        return events

    def to_state(self) -> dict[str, Any]:
        """A JSON-able snapshot (ints, strs, lists and dicts only) that `from_state` restores."""
        s = self._settings
        return {
            "version": STATE_VERSION,
            "set_id": self._set.id,
            "settings": {
                "mode": s.mode.value,
                "questions": s.questions,
                "time_limit_ms": self._limit_ms,
                "hints": int(s.hints),
                "idle_limit": s.idle_limit,
                "pause_ms": round(s.pause * 1000),
                "reveal_answers": int(s.reveal_answers),
                "spoilers": int(s.spoilers),
            },
            "seed": self._seed,
            "question_ids": [q.id for q in self._questions],
            "index": self._index,
            "open": int(self._open),
            "choices": list(self._options.texts),
            "players": self._tally.rows(),
            "idle": self._idle,
            "ended": "" if self._ended is None else self._ended.value,
        }

    @classmethod
    def from_state(
        cls,
        state: Mapping[str, Any],
        question_set: QuestionSet,
        clock: Clock,
        *,
        matchers: Mapping[str, Matcher] | None = None,
        picks: Mapping[int, Award] | None = None,
    ) -> Round:
        """Rebuild a round from `to_state()` and the stored `picks` (by player) of its open
        question; call `resume()` to carry on. Raises ValueError."""
        try:
            if state["version"] != STATE_VERSION or state["set_id"] != question_set.id:
                raise ValueError("the state belongs to another version or question set")
            s = state["settings"]
            settings = RoundSettings(
                mode=AnswerMode(s["mode"]),
                questions=int(s["questions"]),
                time_limit=int(s["time_limit_ms"]) / 1000,
                hints=bool(s["hints"]),
                idle_limit=int(s["idle_limit"]),
                pause=int(s.get("pause_ms", 0)) / 1000,
                reveal_answers=bool(s.get("reveal_answers", 1)),
                spoilers=bool(s.get("spoilers", 0)),
            )
            questions = tuple(question_set.question(qid) for qid in state["question_ids"])
            round_ = cls.__new__(cls)
            round_._setup(question_set, settings, clock, int(state["seed"]), matchers, questions)
            round_._restore(state)
            if round_._open:
                round_._locked = dict(picks or {})
        except (KeyError, TypeError, IndexError) as error:
            raise ValueError(f"not a usable round state: {error!r}") from error
        return round_

    def _restore(self, state: Mapping[str, Any]) -> None:
        self._index = int(state["index"])
        self._ended = EndReason(state["ended"]) if state["ended"] else None
        self._open = bool(state["open"]) and self._ended is None and self._index >= 0
        if not -1 <= self._index < len(self._questions):
            raise ValueError("the state's question index is out of range")
        self._idle = int(state["idle"])
        self._tally = scoring.ScoreSheet(state["players"])
        if self._open and self._settings.mode is AnswerMode.CHOICE:
            texts = tuple(str(c) for c in state["choices"])
            self._options = draw.Options.of(texts, self._questions[self._index].canonical)

    def _hint_at(self, shown: int) -> float:
        return self._asked_at + self._limit_s * hints.HINT_AT[shown]

    def _answer_choice(self, user_id: int, text: str, now: float) -> list[Event]:
        if user_id in self._locked:
            return [AlreadyAnswered(user_id)]
        option = self._options.find(text)
        if option < 0:
            return [AnswerRejected(user_id)]
        answer_ms = max(0, int((now - self._asked_at) * 1000))
        correct = option == self._options.right
        points = 0
        if correct:
            points = scoring.answer_points(
                self._offer, answer_ms, self._limit_ms, self._tally.streak(user_id) + 1
            )
        question = self._questions[self._index]
        self._locked[user_id] = Award(user_id, question.id, correct, points, answer_ms)
        self._attempted = True
        return [AnswerLocked(user_id, self._options.texts[option])]

    def _answer_typed(self, user_id: int, text: str, now: float) -> list[Event]:
        self._attempted = True
        question = self._questions[self._index]
        answer_ms = max(0, int((now - self._asked_at) * 1000))
        if len(text) > MAX_GUESS_LENGTH or not self._matchers[question.id].matches(text):
            if user_id in self._locked:
                return [AnswerRejected(user_id)]
            self._locked[user_id] = Award(user_id, question.id, False, 0, answer_ms)
            return [AnswerRejected(user_id, counted=True)]
        points = scoring.answer_points(
            self._offer, answer_ms, self._limit_ms, self._tally.streak(user_id) + 1
        )
        award = Award(user_id, question.id, True, points, answer_ms)
        events: list[Event] = [
            AnswerAccepted(user_id, points),
            self._close(CloseReason.ANSWERED, award),
        ]
        self._after_close(events)
        return events

    def _ask(
        self, options: draw.Options | None = None, *, keep_picks: bool = False
    ) -> QuestionAsked:
        """Open the current question with a fresh timer; `options` (and its picks, with
        `keep_picks`) when asking one again."""
        question = self._questions[self._index]
        if options is None and self._settings.mode is AnswerMode.CHOICE:
            rng = draw.question_rng(self._seed, self._index)
            texts = draw.choices_for(question, self._set, rng)
            options = draw.Options.of(texts, question.canonical)
        self._options = _NO_OPTIONS if options is None else options
        now = self._clock()
        self._asked_at = now
        self._closes_at = now + self._limit_s
        self._hints_shown = 0
        self._offer = scoring.base_points(question.difficulty)
        if not keep_picks:
            self._locked = {}
        self._attempted = bool(self._locked)
        self._open = True
        self._asked = QuestionAsked(
            number=self._index + 1,
            total=len(self._questions),
            question=question,
            choices=self._options.texts,
            points=self._offer,
            closes_at=self._closes_at,
        )
        return self._asked

    def _close(self, reason: CloseReason, winner: Award | None = None) -> QuestionClosed:
        """Close the open question: apply its awards and streaks, count idleness."""
        awards: tuple[Award, ...] = ()
        if reason is not CloseReason.SKIPPED:
            picks = self._locked.values()
            if winner is None:
                awards = tuple(picks)
            else:
                awards = (*(a for a in picks if a.user_id != winner.user_id), winner)
            self._tally.record(awards)
        self._idle = 0 if reason is CloseReason.SKIPPED or self._attempted else self._idle + 1
        self._last_winner = None if winner is None else winner.user_id
        self._open = False
        self._asked = None
        return QuestionClosed(
            self._index + 1,
            self._questions[self._index],
            reason,
            awards,
            self.standings(),
            total=len(self._questions),
            choices=self._options.texts,
        )

    def _must_end(self) -> bool:
        return 0 < self._settings.idle_limit <= self._idle or self._index + 1 >= len(
            self._questions
        )

    def _after_close(self, events: list[Event]) -> None:
        """End the round, or pause before the next question, or ask it at once."""
        if self._settings.pause > 0 and not self._must_end():
            self._paused_until = self._clock() + self._settings.pause
        else:
            self._advance(events)

    def _advance(self, events: list[Event]) -> None:
        """After a close (or at the start): end IDLE or FINISHED, or ask the next question."""
        if 0 < self._settings.idle_limit <= self._idle:
            self._end(EndReason.IDLE, events)
        elif self._index + 1 >= len(self._questions):
            self._end(EndReason.FINISHED, events)
        else:
            self._index += 1
            events.append(self._ask())

    def _end(self, reason: EndReason, events: list[Event]) -> None:
        self._ended = reason
        self._open = False
        self._asked = None
        events.append(RoundEnded(reason, self.standings(), self._index + 1))
