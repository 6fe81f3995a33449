"""Pure rendering: plain data in, `discord.Embed` or text out. No I/O, easy to test.

`cards` renders lookups, leaderboards, stats, settings and set lists; `rounds` renders round
events. The helpers here keep every embed within Discord's limits.
"""

from __future__ import annotations

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
