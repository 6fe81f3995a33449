"""A small question set written as YAML text, for tests that need exact lines."""

from __future__ import annotations

HEAD = """\
id: fam
title: Families
description: A set to test families.
show: The Show
source: {title: An article, outlet: A site, date: "2018-02-03", paragraphs: [0, 1, 2]}
questions:
"""


def question(ident: str, text: str, answers: str, kind: str = "character", extra: str = "") -> str:
    """One question entry; `answers` is a YAML flow list, `extra` more `key: value` lines."""
    lines = [
        f"  - id: {ident}",
        f"    text: {text}",
        f"    answers: {answers}",
        f"    kind: {kind}",
        "    choices: [Zed One, Zed Two, Zed Three]",
        "    explanation: Said in the article.",
        "    source: [1]",
        *(f"    {line}" for line in extra.splitlines()),
    ]
    return "\n".join(lines) + "\n"


def set_text(*questions: str) -> str:
    return HEAD + "".join(questions)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)
