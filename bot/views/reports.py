"""The Report button under every reveal, and the form it opens.

The button is a `DynamicItem` whose custom_id names the round and the question number
(`trivia-report:42:3`), so it works on any reveal, even one posted before a restart. Opening
the form needs nothing from the database, so it is the click's immediate answer; the report
is filed when the form comes back, with the question looked up from the saved round.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.replies import Reply, reply_in_time, send_reply
from trivia.content.library import fingerprint
from trivia.reports import MAX_DETAILS, NewReport, ReportKind, parse_kind

if TYPE_CHECKING:
    from bot.client import TriviaBot

log = logging.getLogger(__name__)

CUSTOM_ID = "trivia-report:{round_id}:{number}"
TEMPLATE = r"trivia-report:(?P<round_id>[0-9]+):(?P<number>[0-9]+)"
THANKS = "Thank you! Your report on question {number} is with this server's moderators."
ALREADY = "You already reported this question; thank you, the moderators have it."
UNKNOWN = "That question can no longer be found, so it cannot be reported."
FAILED = "Something went wrong with that report; please try again."


class ReportButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """A small grey "Report" button on question `number` of round `round_id`."""

    def __init__(self, round_id: int, number: int) -> None:
        self.round_id = round_id
        self.number = number
        super().__init__(
            discord.ui.Button(
                label="Report",
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=CUSTOM_ID.format(round_id=round_id, number=number),
                row=1,
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReportButton:
        return cls(int(match["round_id"]), int(match["number"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(ReportForm(self.round_id, self.number))


class ReportForm(discord.ui.Modal, title="Report this question"):
    """What is wrong (a choice) and, optionally, why, in up to MAX_DETAILS characters."""

    def __init__(self, round_id: int, number: int) -> None:
        super().__init__(custom_id=f"trivia-report-form:{round_id}:{number}")
        self.round_id = round_id
        self.number = number
        self.kind: discord.ui.Select[Any] = discord.ui.Select(
            custom_id="kind",
            options=[discord.SelectOption(label=k.label, value=k.value) for k in ReportKind],
        )
        self.details: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="details",
            label="What should it say? (optional)",
            style=discord.TextStyle.paragraph,
            max_length=MAX_DETAILS,
            required=False,
        )
        self.add_item(discord.ui.Label(text="What is wrong?", component=self.kind))
        self.add_item(self.details)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        kind = parse_kind(self.kind.values[0] if self.kind.values else "")
        details = (self.details.value or "").strip()[:MAX_DETAILS]
        try:
            await reply_in_time(
                interaction, self._file(interaction.client, interaction, kind, details)
            )
        except Exception:
            log.exception("Report on round %s question %s failed", self.round_id, self.number)
            await send_reply(interaction, Reply(FAILED))

    async def _file(
        self,
        client: discord.Client,
        interaction: discord.Interaction,
        kind: ReportKind,
        details: str,
    ) -> Reply:
        bot = _trivia_bot(client)
        record = await bot.store.load_round(self.round_id)
        if record is None:
            return Reply(UNKNOWN)
        ids = record.state.get("question_ids", [])
        if not 1 <= self.number <= len(ids):
            return Reply(UNKNOWN)
        question_set = await bot.catalog.find(record.guild_id, record.set_id)
        version = fingerprint(question_set) if question_set is not None else ""
        report = NewReport(
            record.guild_id, record.set_id, version, str(ids[self.number - 1]),
            interaction.user.id, kind, details,
        )  # fmt: skip
        filed = await bot.store.add_report(report)
        return Reply(ALREADY if filed is None else THANKS.format(number=self.number))


def with_report_button(view: discord.ui.View | None, round_id: int, number: int) -> discord.ui.View:
    """`view` (or a new one) with the Report button of question `number` added below."""
    view = view or discord.ui.View(timeout=None)
    view.add_item(ReportButton(round_id, number))
    return view


def _trivia_bot(client: discord.Client) -> TriviaBot:
    from bot.views.choices import trivia_bot  # the one check that the client is a TriviaBot

    return trivia_bot(client)
