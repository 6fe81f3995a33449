"""Question reports in the store: once per player per question, listed, closed by question,
and counted towards leaving a question out of a server's rounds."""

from __future__ import annotations

from trivia.reports import NewReport, ReportKind, ReportStatus, by_question, parse_kind
from trivia.storage import Store

GUILD = 7


def _report(user: int, question: str = "q1", guild: int = GUILD, **kw: object) -> NewReport:
    values: dict[str, object] = {
        "guild_id": guild, "set_id": "s", "set_version": "v1", "question_id": question,
        "user_id": user, "kind": ReportKind.ANSWER, "details": "It was Trish.",
    }  # fmt: skip
    values.update(kw)
    return NewReport(**values)  # type: ignore[arg-type]


async def test_one_report_per_player_per_question(store: Store) -> None:
    first = await store.add_report(_report(1))
    assert first is not None
    assert await store.add_report(_report(1, kind=ReportKind.TYPO)) is None
    assert await store.add_report(_report(1, "q2")) is not None
    assert await store.add_report(_report(1, guild=GUILD + 1)) is not None
    [stored, _] = await store.open_reports(GUILD)
    assert (stored.id, stored.kind, stored.details, stored.set_version) == (
        first, ReportKind.ANSWER, "It was Trish.", "v1",
    )  # fmt: skip
    assert stored.status is ReportStatus.OPEN
    assert len(await store.open_reports(None)) == 3
    assert await store.open_reports(None, set_ids=["other"]) == []


async def test_closing_a_report_closes_its_question(store: Store) -> None:
    a = await store.add_report(_report(1))
    await store.add_report(_report(2, kind=ReportKind.TYPO))
    await store.add_report(_report(3, "q2"))
    assert a is not None

    closed = await store.close_reports(GUILD, a, ReportStatus.RESOLVED)

    assert [r.user_id for r in closed] == [1, 2]
    assert [r.question_id for r in await store.open_reports(GUILD)] == ["q2"]
    assert await store.close_reports(GUILD, a, ReportStatus.DISMISSED) == []
    assert await store.close_reports(GUILD + 1, a, ReportStatus.DISMISSED) == []
    # A closed report still counts as the player's one report of that question.
    assert await store.add_report(_report(1)) is None


async def test_questions_reach_the_threshold_on_open_reports(store: Store) -> None:
    for user in (1, 2):
        await store.add_report(_report(user))
    await store.add_report(_report(3, "q2"))
    await store.add_report(_report(4, guild=GUILD + 1))

    assert await store.reported_questions(GUILD, 2) == {("s", "q1")}
    assert await store.reported_questions(GUILD, 1) == {("s", "q1"), ("s", "q2")}
    [first, *_] = await store.open_reports(GUILD)
    await store.close_reports(GUILD, first.id, ReportStatus.DISMISSED)
    assert await store.reported_questions(GUILD, 2) == set()


async def test_open_reports_group_by_question_most_reported_first(store: Store) -> None:
    await store.add_report(_report(1, "q2"))
    for user in (1, 2):
        await store.add_report(_report(user, kind=ReportKind.TYPO))
    groups = by_question(await store.open_reports(GUILD))
    assert [(g.question_id, len(g.reports)) for g in groups] == [("q1", 2), ("q2", 1)]
    assert groups[0].kinds == {ReportKind.TYPO: 2}


def test_kinds_are_read_from_what_players_choose() -> None:
    assert parse_kind("Answer") is ReportKind.ANSWER
    assert parse_kind(" typo ") is ReportKind.TYPO
    assert parse_kind("the question") is ReportKind.OTHER
