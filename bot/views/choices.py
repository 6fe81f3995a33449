"""The A-D buttons of a choice-mode question.

Each button is a `DynamicItem` whose custom_id names the round (its database id), the question
number and the letter, e.g. `trivia:42:3:B`. discord.py routes clicks by that pattern, not by a
view kept in memory, so a click still reaches the right round after a restart, and a click on
an old question is recognised as late. The bot registers `ChoiceButton` once at start-up.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.render.rounds import answer_reply, choice_label
from bot.replies import Reply, reply_in_time, send_reply
from trivia.engine.draw import LETTERS

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

CUSTOM_ID = "trivia:{round_id}:{number}:{letter}"
TEMPLATE = r"trivia:(?P<round_id>[0-9]+):(?P<number>[0-9]+):(?P<letter>[A-D])"
FAILED = "Something went wrong with that click; please try again."


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """One option of one question of one round."""

    def __init__(
        self,
        round_id: int,
        number: int,
        letter: str,
        *,
        label: str = "",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False,
    ) -> None:
        self.round_id = round_id
        self.number = number
        self.letter = letter
        super().__init__(
            discord.ui.Button(
                label=label or letter,
                style=style,
                disabled=disabled,
                custom_id=CUSTOM_ID.format(round_id=round_id, number=number, letter=letter),
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ChoiceButton:
        label = getattr(item, "label", None) or ""
        return cls(int(match["round_id"]), int(match["number"]), match["letter"], label=label)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the round; the player's verdict comes back privately."""
        driver = trivia_bot(interaction.client).driver

        async def click() -> Reply:
            result = await driver.choose(
                self.round_id, self.number, self.letter, interaction.user.id
            )
            return Reply(answer_reply(result.verdict, result.asked))

        try:
            await reply_in_time(interaction, click())
        except Exception:
            log.exception(
                "Click %s by %s failed (channel %s)",
                self.custom_id, interaction.user.id, interaction.channel_id,
            )  # fmt: skip
            await send_reply(interaction, Reply(FAILED))


def trivia_bot(client: discord.Client) -> TriviaBot:
    """The client behind an interaction, as the TriviaBot that registered these buttons."""
    from bot.client import TriviaBot  # here, not at the top: bot.client imports this module

    if not isinstance(client, TriviaBot):
        raise TypeError(f"choice buttons need a TriviaBot, got {type(client).__name__}")
    return client


def question_view(
    round_id: int,
    number: int,
    choices: Sequence[str],
    canonical: str,
    *,
    closed: bool = False,
    retired: bool = False,
) -> discord.ui.View:
    """The buttons of question `number`; once `closed`, all disabled, the right one green;
    `retired` (asked again elsewhere after a restart), all disabled and none marked."""
    view = discord.ui.View(timeout=None)
    for letter, option in zip(LETTERS, choices, strict=False):
        style = discord.ButtonStyle.secondary
        if closed and option == canonical:
            style = discord.ButtonStyle.success
        view.add_item(
            ChoiceButton(
                round_id,
                number,
                letter,
                label=choice_label(letter, option),
                style=style,
                disabled=closed or retired,
            )
        )
    return view
