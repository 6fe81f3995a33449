"""What a benchmark hands back, how it is printed, and how RESULTS.md keeps one section each.

Every benchmark returns a `Section`: its checks against targets (the "target, measured,
pass/fail" table) and any detail tables. RESULTS.md holds one block per benchmark between
`<!-- bench:NAME -->` markers; writing a section replaces only its own block, so running one
benchmark never erases the figures of the others.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS_PATH = Path(__file__).with_name("RESULTS.md")
_HEADER = (
    "# Benchmark results\n\n"
    "Written by `make bench` (`.venv/bin/python -m benchmarks [NAME ...]`); each benchmark\n"
    "replaces only its own section. Figures are medians unless a row says otherwise, measured\n"
    "on the machine named in each section. The load average is read as the section finishes\n"
    "and counts the benchmark itself (about 1); on a shared 2-core VM anything above 2 means\n"
    "other processes competed for the CPU, and timings drift with it.\n"
)


@dataclass(frozen=True, slots=True)
class Check:
    """One measured figure; `passed` is None for figures reported without a target."""

    measure: str
    measured: str
    target: str = ""
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: ""}[self.passed]


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(slots=True)
class Section:
    name: str  # the registry key, e.g. "judge"
    title: str
    checks: list[Check] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    machine: str = ""
    date: str = ""

    @property
    def missed(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]

    def check(
        self, measure: str, measured: str, target: str = "", passed: bool | None = None
    ) -> None:
        self.checks.append(Check(measure, measured, target, passed))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values (share 0.99 for p99)."""
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown CPU"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor() or "unknown CPU"


def machine() -> str:
    """CPU, cores, Python and OS, and how busy the machine was (other processes skew timings)."""
    load = f", 1-min load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f" ({platform.python_implementation()}), {platform.system()} {platform.release()}{load}"
    )


def stamp(section: Section) -> Section:
    section.machine = machine()
    section.date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return section


def _tables(section: Section) -> list[Table]:
    """The checks as the first table (when there are any), then the section's own tables."""
    rows = tuple((c.measure, c.measured, c.target, c.verdict) for c in section.checks)
    checks = [Table("", ("Measure", "Measured", "Target", "Result"), rows)] if rows else []
    return checks + section.tables


def _text_table(table: Table) -> list[str]:
    widths = [len(h) for h in table.headers]
    for row in table.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [f"  {table.title}"] if table.title else []
    out += ["  " + line(table.headers), "  " + line(["-" * w for w in widths])]
    out += ["  " + line(row) for row in table.rows]
    return out


def render_text(section: Section) -> str:
    lines = [f"== {section.title} =="]
    for table in _tables(section):
        lines += [*_text_table(table), ""]
    lines.pop()
    lines += [f"  * {note}" for note in section.notes]
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_table(table: Table) -> list[str]:
    out = [f"**{table.title}**", ""] if table.title else []
    out.append("| " + " | ".join(map(_md_cell, table.headers)) + " |")
    out.append("|" + "|".join("---" for _ in table.headers) + "|")
    out += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in table.rows]
    return out


def render_markdown(section: Section) -> str:
    lines = [
        f"<!-- bench:{section.name} -->",
        f"## {section.title}",
        "",
        f"Run {section.date} on {section.machine}.",
    ]
    for table in _tables(section):
        lines += ["", *_md_table(table)]
    if section.notes:
        lines += ["", *(f"- {note}" for note in section.notes)]
    lines.append(f"<!-- /bench:{section.name} -->")
    return "\n".join(lines)


_BLOCK = re.compile(r"<!-- bench:(?P<name>[\w-]+) -->\n.*?<!-- /bench:(?P=name) -->", re.DOTALL)


def merge_results(existing: str, sections: Sequence[Section], order: Sequence[str]) -> str:
    """RESULTS.md text with `sections` replacing their own blocks and other blocks kept.

    Blocks come out in registry `order`; blocks of names the registry no longer knows follow.
    """
    blocks = {m.group("name"): m.group(0) for m in _BLOCK.finditer(existing)}
    blocks.update({s.name: render_markdown(s) for s in sections})
    names = [n for n in order if n in blocks] + [n for n in blocks if n not in order]
    return _HEADER + "".join(f"\n{blocks[n]}\n" for n in names)


def write_results(
    sections: Sequence[Section], order: Sequence[str], path: Path = RESULTS_PATH
) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(merge_results(existing, sections, order), encoding="utf-8")
