"""Typed-mode hints: the answer with its letters masked, revealed a little more each time.

`mask("Krysten Ritter", 1, 2)` is `"K______ R_____"`: spaces and punctuation are always shown,
the first letter of each word comes first, and later hints reveal an ever larger share of the
rest, spread across the answer. Each hint shows everything the previous one showed, and no hint
ever shows the whole answer. Everything is a pure function of the text, so a resumed round
shows the same hints as the original.
"""

from __future__ import annotations

from collections import deque

HIDDEN = "_"
HINT_AT: tuple[float, ...] = (1 / 3, 2 / 3)
"""When hints are due, as fractions of the time limit."""


def mask(answer: str, step: int, steps: int = len(HINT_AT)) -> str:
    """The `answer` as hint number `step` of `steps` shows it (step 0: every letter hidden).

    Letters and digits are masked; anything else is shown as it is. From step 1 the first
    character of every word of two or more characters is shown; step `k > 1` also shows
    `(k - 1) / steps` of the characters still hidden.
    """
    chars = list(answer)
    hidden = [i for i, c in enumerate(chars) if c.isalnum()]
    if step >= 1:
        firsts = set(_word_starts(chars))
        hidden = [i for i in hidden if i not in firsts]
        if step > 1 and steps > 0:
            share = min(step - 1, steps - 1)
            count = len(hidden) * share // steps
            reveal = {hidden[j] for j in _spread(len(hidden), count)}
            hidden = [i for i in hidden if i not in reveal]
    for i in hidden:
        chars[i] = HIDDEN
    return "".join(chars)


def _word_starts(chars: list[str]) -> list[int]:
    """Index of the first character of every alphanumeric run of length two or more."""
    starts: list[int] = []
    run_start = -1
    for i, c in enumerate([*chars, " "]):
        if c.isalnum():
            if run_start < 0:
                run_start = i
        elif run_start >= 0:
            if i - run_start >= 2:
                starts.append(run_start)
            run_start = -1
    return starts


def _spread(length: int, count: int) -> list[int]:
    """The first `count` positions of `range(length)` in an evenly spread order.

    Midpoints first, then midpoints of the halves, and so on: a prefix of the same order, so a
    larger count always includes a smaller one.
    """
    order: list[int] = []
    spans = deque([(0, length)])
    while spans and len(order) < count:
        low, high = spans.popleft()
        if low >= high:
            continue
        middle = (low + high) // 2
        order.append(middle)
        spans.append((low, middle))
        spans.append((middle + 1, high))
    return order
