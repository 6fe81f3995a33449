"""/trivia sets through SimCord, on the bundled content."""

from __future__ import annotations

from simcord import ChannelHandle, MemberActor

from tests.bot.helpers import only_embed
from trivia.content.library import Library


async def test_sets_lists_titles_and_question_counts(
    alice: MemberActor, channel: ChannelHandle, library: Library
) -> None:
    embed = only_embed(await alice.slash(channel, "trivia sets list"))

    for question_set in library.sets.values():
        field = next(f for f in embed.fields if f.name == question_set.title)
        assert f"`{question_set.id}` · {len(question_set.questions)} questions" in field.value
