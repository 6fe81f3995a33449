"""Forgetting a player: their awards, stats, picks and reports go, everywhere, in one step;
the leaderboards rank everyone else as if they had never played."""

from __future__ import annotations

from tests.trivia.storage.test_leaderboards import GUILD, OTHER, play, ranks
from trivia.records import Forgotten, PlayerStats
from trivia.reports import NewReport, ReportKind
from trivia.storage import Store


async def test_a_forgotten_player_leaves_every_board(store: Store) -> None:
    await play(store, GUILD, 1, right=3, won=True)
    await play(store, GUILD, 2, right=2)
    await play(store, OTHER, 1, right=1)
    await play(store, GUILD, 3, right=1)
    await store.add_report(NewReport(GUILD, "s3", "v", "q0", 1, ReportKind.TYPO, ""))
    assert ranks(await store.leaderboard(GUILD)) == [(1, 1), (2, 2), (3, 3)]

    forgotten = await store.forget_player(1)

    # 4 answers; stats rows: 2 guilds + every guild combined, 3 periods each.
    assert forgotten == Forgotten(awards=4, stats=9, picks=0, reports=1)
    assert ranks(await store.leaderboard(GUILD)) == [(1, 2), (2, 3)]
    assert ranks(await store.leaderboard(None)) == [(1, 2), (2, 3)]
    assert await store.player_rank(GUILD, 1) is None
    assert await store.player_stats(OTHER, 1) == PlayerStats(1, 0, 0, 0, 0, 0.0, 0)
    assert await store.open_reports(GUILD) == []
    assert (await store.forget_player(1)).total == 0
