"""Pure rendering: plain data in, `discord.Embed` or text out. No I/O, easy to test.

`cards` renders lookups, leaderboards, stats, settings and set lists; `rounds` renders round
events. The helpers here keep every embed within Discord's limits.
"""

from __future__ import annotations

from collections.abc import Sequence

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000  # all titles, descriptions, fields, footers and authors of a message


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def join_within(
    items: Sequence[str], limit: int, sep: str = "\n", *, most: int | None = None
) -> str:
    """`items` joined by `sep`: as many whole items as fit in `limit` characters (and at most
    `most` of them), then "…and N more". No item is ever cut, e.g. inside a `<@id>` mention."""
    most = len(items) if most is None else most
    joined = sep.join(items)
    if len(items) <= most and len(joined) <= limit:
        return joined
    kept: list[str] = []
    used = 0  # length of sep.join(kept) plus a trailing sep
    for index, item in enumerate(items[:most]):
        more = f"…and {len(items) - index - 1} more"
        if used + len(item) + len(sep) + len(more) > limit:
            break
        kept.append(item)
        used += len(item) + len(sep)
    return sep.join([*kept, f"…and {len(items) - len(kept)} more"])
