"""The confirmation button of /trivia forget-me.

A `DynamicItem` whose custom_id names the player (`trivia-forget:123`), so a confirmation
still works after a restart, and only that player's click deletes anything: the button sits
in a private message, and a click by anyone else is refused.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.replies import Reply, reply_in_time, send_reply
from trivia.records import Forgotten

CUSTOM_ID = "trivia-forget:{user_id}"
TEMPLATE = r"trivia-forget:(?P<user_id>[0-9]+)"
NOT_YOURS = "This button deletes someone else's data; use /trivia forget-me for your own."


def forgotten_text(forgotten: Forgotten) -> str:
    if not forgotten.total:
        return "There was nothing to delete: the bot holds no trivia data of yours."
    return (
        f"Done: deleted {forgotten.awards} answers, {forgotten.stats} leaderboard entries, "
        f"{forgotten.picks} answers to open questions and {forgotten.reports} reports, in "
        "every server. The leaderboards no longer count you."
    )


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        super().__init__(
            discord.ui.Button(
                label="Delete my trivia data",
                style=discord.ButtonStyle.danger,
                custom_id=CUSTOM_ID.format(user_id=user_id),
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ForgetButton:
        return cls(int(match["user_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.user_id:
            await send_reply(interaction, Reply(NOT_YOURS))
            return
        from bot.views.choices import trivia_bot  # choices.py imports the client lazily too

        store = trivia_bot(interaction.client).store

        async def forget() -> Reply:
            return Reply(forgotten_text(await store.forget_player(self.user_id)))

        await reply_in_time(interaction, forget())


def confirm_view(user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ForgetButton(user_id))
    return view
