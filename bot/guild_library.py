"""The question sets each server can play: the bundled ones it has not switched off, and the
sets it uploaded. The global library is never changed per server.

A server's uploaded sets are parsed once and cached here until they change (`reload`); the
cache also serves the announcer's synchronous lookups of a round's set. A stored set that no
longer validates (the format became stricter) is logged and left out, never fatal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from trivia.content.library import Library, parse_question_set
from trivia.errors import ContentError
from trivia.models import QuestionSet
from trivia.storage import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GuildSets:
    """One server's view of the sets."""

    own: dict[str, QuestionSet]  # uploaded by the server
    disabled: frozenset[str]  # bundled sets switched off there

    def playable(self, bundled: dict[str, QuestionSet]) -> dict[str, QuestionSet]:
        """Bundled sets still on, then the server's own, in that order."""
        on = {k: v for k, v in bundled.items() if k not in self.disabled}
        return on | self.own


class GuildLibrary:
    def __init__(self, store: Store, library: Library) -> None:
        self._store = store
        self.library = library
        self._guilds: dict[int, GuildSets] = {}

    @property
    def bundled(self) -> dict[str, QuestionSet]:
        return self.library.sets

    async def of(self, guild_id: int) -> GuildSets:
        cached = self._guilds.get(guild_id)
        return cached if cached is not None else await self.reload(guild_id)

    async def playable(self, guild_id: int) -> dict[str, QuestionSet]:
        return (await self.of(guild_id)).playable(self.bundled)

    async def find(self, guild_id: int, set_id: str) -> QuestionSet | None:
        """Any set a round of this server may be playing, switched off or not."""
        return (await self.of(guild_id)).own.get(set_id) or self.bundled.get(set_id)

    def cached(self, guild_id: int, set_id: str) -> QuestionSet | None:
        """`find` without a database read: for a set this process has already loaded."""
        guild = self._guilds.get(guild_id)
        own = guild.own.get(set_id) if guild is not None else None
        return own or self.bundled.get(set_id)

    async def reload(self, guild_id: int) -> GuildSets:
        """Read the server's sets again (after an upload, a removal or a switch)."""
        own: dict[str, QuestionSet] = {}
        for stored in await self._store.guild_sets(guild_id):
            try:
                own[stored.set_id] = parse_question_set(
                    stored.yaml, f"{stored.set_id}.yaml", whoswho=self.library.whoswho
                )
            except ContentError as error:
                log.warning("Guild %s: stored set %s no longer loads: %s", guild_id,
                            stored.set_id, error)  # fmt: skip
        disabled = frozenset(await self._store.disabled_sets(guild_id))
        guild = GuildSets(own, disabled)
        self._guilds[guild_id] = guild
        return guild
