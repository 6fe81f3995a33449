"""A question set a server uploads: limits checked before the YAML is parsed, then the same
validation (and the same messages) as `trivia-bot validate`.

Before parsing: the size (MAX_UPLOAD_BYTES) and a count of the question entries
(MAX_UPLOAD_QUESTIONS), so a huge file is refused without building anything from it. The YAML
loader itself refuses aliases (billion laughs) and deep nesting, and reports text that is not
UTF-8 or not YAML as a Problem; text lengths are those of the bundled format. Every refusal is
a ContentError whose problems name the file, the line and the question where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from trivia.content.library import content_hash, parse_question_set
from trivia.errors import ContentError, Problem
from trivia.models import QuestionSet, WhosWho

MAX_UPLOAD_BYTES = 256 * 1024
MAX_UPLOAD_QUESTIONS = 500

_QUESTION_ENTRY = re.compile(rb"^[ \t]*-[ \t]+id[ \t]*:", re.MULTILINE)
"""A block-style question entry (`- id: ...`): counted, not parsed, before the YAML is read."""


def check_upload(
    data: bytes,
    filename: str,
    *,
    whoswho: WhosWho | None = None,
    reserved_ids: Collection[str] = (),
) -> tuple[QuestionSet, str]:
    """The set in an uploaded file and the hash of its text; ContentError when it is refused.
    `reserved_ids` are set ids the server may not use (the bundled sets')."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refused(
            filename, f"the file is {_kib(len(data))}; the limit is {_kib(MAX_UPLOAD_BYTES)}"
        )
    entries = len(_QUESTION_ENTRY.findall(data))
    if entries > MAX_UPLOAD_QUESTIONS:
        raise _refused(
            filename, f"{entries} questions; a set may have at most {MAX_UPLOAD_QUESTIONS}"
        )
    question_set = parse_question_set(data, filename, whoswho=whoswho)
    if len(question_set.questions) > MAX_UPLOAD_QUESTIONS:
        count = len(question_set.questions)
        raise _refused(
            filename, f"{count} questions; a set may have at most {MAX_UPLOAD_QUESTIONS}"
        )
    if question_set.id in reserved_ids:
        raise _refused(
            filename,
            f"the id {question_set.id!r} is a bundled set's; give your set another id",
        )
    return question_set, content_hash(data)


def _refused(filename: str, message: str) -> ContentError:
    return ContentError([Problem(filename, None, message)])


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB"
