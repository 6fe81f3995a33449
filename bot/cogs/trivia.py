"""`/trivia ...`: one slash-command group assembled from mixins.

discord.py's CogMeta walks the whole MRO for app commands, so each mixin keeps its own
commands in its own file: RoundCommands (start, stop, skip), SettingsCommands (settings),
RecordCommands (leaderboard, stats), SetCommands (sets), ReportCommands (reports) and
PlayerCommands (help, forget-me). The mixins are Cogs themselves so that app_commands'
decorators type-check on their methods; the group only works in servers. The bases are listed
so that the walk, which starts at the far end, meets the commands in the order Discord has
always been sent them (sets, leaderboard, stats, settings, start, stop, skip), newer ones first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.cogs.player_commands import PlayerCommands
from bot.cogs.records import RecordCommands
from bot.cogs.report_commands import ReportCommands
from bot.cogs.round_commands import RoundCommands
from bot.cogs.set_commands import SetCommands
from bot.cogs.settings import SettingsCommands

if TYPE_CHECKING:
    from bot.client import TriviaBot


@app_commands.guild_only()
class TriviaCog(
    RoundCommands,
    SettingsCommands,
    RecordCommands,
    SetCommands,
    ReportCommands,
    PlayerCommands,
    commands.GroupCog,
    group_name="trivia",
    group_description="Play show trivia and see who knows it best.",
):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        super().__init__()


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(TriviaCog(bot))
