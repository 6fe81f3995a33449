"""What a round costs on Discord: REST requests per question, how fast interactions are
acknowledged, and whether every payload the bot sends fits Discord's API schema.

Three 10-question rounds are played through SimCord against the real TriviaBot (temp file
database, bundled content, four members acting on simulated time): choice mode with buttons,
typed mode answered with /answer, and typed mode answered in chat, both with hints. Requests
are counted from the /trivia start interaction to the podium. Interaction responses and
followups (/interactions/... and /webhooks/{application_id}/...) are reported apart: they
answer one player and do not touch the channel's shared message budget.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.discord_rounds import Played, play
from benchmarks.discord_sim import Sim, simulated_bot
from benchmarks.openapi_check import SPEC_PATH, OpenApiChecker, Problem, check_requests
from benchmarks.report import Section, Table
from trivia.content.library import load_library

TARGET_CHOICE_PER_QUESTION = 2.0
ACK_LIMIT_S = 3.0
SHOWN_PROBLEMS = 20
ROUNDS = (  # (name, mode, answers typed in chat, player seed)
    ("choice", "choice", False, 1),
    ("typed, /answer", "typed", False, 2),
    ("typed, in chat", "typed", True, 3),
)


def _route(path: str) -> str:
    path = re.sub(r"simcord_interaction_[0-9]+", "{token}", path)
    return re.sub(r"/[0-9]+", "/{id}", path)


class _Cost:
    """The channel requests of one round, apart from its interaction responses."""

    def __init__(self, sim: Sim, played: Played) -> None:
        requests = played.window.requests
        self.channel = [r for r in requests if not sim.is_interaction(r.path)]
        self.interaction = [r for r in requests if sim.is_interaction(r.path)]
        self.posts = sum(r.method == "POST" for r in self.channel)
        edits = Counter(r.path for r in self.channel if r.method == "PATCH")
        self.edits = sum(edits.values())
        self.hints = self.edits - len(edits)  # every question message gets one reveal edit
        self.worst = 1 + max(edits.values(), default=0)  # its message plus its edits
        self.per_question = len(self.channel) / played.questions


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _round_row(played: Played, cost: _Cost) -> tuple[str, ...]:
    acks = played.window.acks
    real = sorted(a.real_s for a in acks if a.real_s is not None)
    within = sum(a.within(ACK_LIMIT_S) for a in acks)
    return (
        played.name,
        str(played.questions),
        str(played.actions),
        str(len(cost.channel)),
        f"{cost.per_question:.2f}",
        str(cost.worst),
        str(cost.hints),
        str(len(cost.interaction)),
        f"{within} of {len(acks)}",
        f"{_ms(statistics.median(real))} / {_ms(real[-1])}" if real else "-",
    )


def _validity(section: Section, sim: Sim) -> None:
    checker = OpenApiChecker.load()
    if checker is None:
        section.notes.append(f"Payload validation skipped: {SPEC_PATH} is not there.")
        return
    checked, invalid, problems = check_requests(checker, sim.stopwatch.log)
    section.check(
        "JSON payloads invalid against Discord's OpenAPI spec (v10)",
        f"{invalid} of {checked}",
        "0",
        invalid == 0,
    )
    if problems:
        shown: list[Problem] = list(dict.fromkeys(problems))[:SHOWN_PROBLEMS]
        rows = tuple((f"{p.method} {p.route}", p.where, p.message) for p in shown)
        section.tables.append(
            Table("Payload problems (first of each)", ("Request", "Where", "Problem"), rows)
        )
    section.notes.append(
        f"Every JSON body the bot sent ({checked}: command sync at start-up, channel messages, "
        "edits, interaction responses) was validated with jsonschema against "
        "../shared/discord-api/openapi.json, reading oneOf as anyOf, integer strings as "
        "integers and integer snowflakes as snowflakes, as its README says Discord does."
    )


async def _measure() -> Section:
    section = Section("discord_cost", "Discord cost of a round (SimCord, real TriviaBot)")
    library = load_library()
    with tempfile.TemporaryDirectory(prefix="trivia-bench-") as folder:
        async with simulated_bot(
            library, Path(folder) / "trivia.db", typed_answers_in_chat=True
        ) as sim:
            played = [
                await play(sim, name, mode, seed=seed, by_chat=chat)
                for name, mode, chat, seed in ROUNDS
            ]
            costs = [_Cost(sim, p) for p in played]
            choice, choice_cost = played[0], costs[0]
            # Two per question (its post and its reveal edit), plus the podium's own message.
            target = TARGET_CHOICE_PER_QUESTION + 1 / max(1, choice.questions)
            section.check(
                "choice: REST requests per question (reveal and podium included)",
                f"{choice_cost.per_question:.2f} ({len(choice_cost.channel)} for "
                f"{choice.questions} questions: {choice_cost.posts} posts, "
                f"{choice_cost.edits} edits)",
                f"<= {target:.2f} (2 + the podium)",
                choice_cost.per_question <= target,
            )
            for p, cost in zip(played[1:], costs[1:], strict=True):
                section.check(
                    f"{p.name}: REST requests per question (hints, reveal, podium)",
                    f"{cost.per_question:.2f} ({cost.posts} posts, {cost.edits} edits of "
                    f"which {cost.hints} hints)",
                )
            acks = [a for p in played for a in p.window.acks]
            within = sum(a.within(ACK_LIMIT_S) for a in acks)
            section.check(
                "interactions acknowledged within 3 s",
                f"{100 * within / len(acks):.0f}% ({within} of {len(acks)})",
                "100%",
                within == len(acks),
            )
            slowest = max((a for a in acks if a.real_s is not None), key=lambda a: a.real_s or 0.0)
            section.check(
                "slowest acknowledgement (real / simulated)",
                f"{_ms(slowest.real_s or 0.0)} ms / {slowest.virtual_s or 0.0:.1f} s",
            )
            errors = sum(p.bot_errors for p in played)
            section.check("errors raised in the bot's handlers", str(errors), "0", errors == 0)
            _validity(section, sim)
            section.tables.insert(
                0,
                Table(
                    "By round",
                    (
                        "Round",
                        "Questions",
                        "Player actions",
                        "REST requests",
                        "Per question",
                        "Max for one question",
                        "Hint edits",
                        "Interaction responses",
                        "Acked within 3 s",
                        "Ack median / max ms",
                    ),
                    tuple(_round_row(p, c) for p, c in zip(played, costs, strict=True)),
                ),
            )
            section.tables.insert(
                1,
                Table(
                    "Requests by route",
                    ("Round", "Request", "Count"),
                    tuple(
                        (p.name, request, str(count))
                        for p, c in zip(played, costs, strict=True)
                        for request, count in sorted(
                            Counter(
                                f"{r.method} {_route(r.path)}" for r in c.channel + c.interaction
                            ).items()
                        )
                    ),
                ),
            )
    section.notes += [
        "Four members; choice: nine in ten click once per question (65% right), one in ten "
        "clicks again; typed: 0-3 wrong guesses, then a right answer in the window before the "
        "first hint, between the hints or after the second; one question in ten unanswered.",
        "REST requests exclude interaction responses and followups (/interactions/..., "
        "/webhooks/{application_id}/...), counted in their own column. 'Max for one question' "
        "is its message plus that message's edits.",
        "Acknowledgement: from the INTERACTION_CREATE dispatch to the bot's callback request, "
        "on SimCord's clock and on perf_counter (handler work, database writes included); "
        "both must be under 3 s. No network latency is simulated.",
    ]
    return section


def run() -> Section:
    return asyncio.run(_measure())
