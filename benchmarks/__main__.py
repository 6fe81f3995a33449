"""`python -m benchmarks [NAME ...]`: run every benchmark, or the ones named, in order.

Each benchmark prints its table as soon as it finishes and replaces its own section of
benchmarks/RESULTS.md. Adding a benchmark is one line in `BENCHMARKS`: a module in this
package with a `run() -> Section` function.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from benchmarks.report import Section, render_text, stamp, write_results

BENCHMARKS: dict[str, str] = {
    "judge": "benchmarks.judge",
    "engine": "benchmarks.engine",
    "storage": "benchmarks.storage",
    "storage_backends": "benchmarks.storage_backends",
    "startup": "benchmarks.startup",
    "startup_ready": "benchmarks.startup_ready",
    "discord_cost": "benchmarks.discord_cost",
    "stalls": "benchmarks.stalls",
    "gateway": "benchmarks.gateway",
    "round_memory": "benchmarks.round_memory",
}
"""Registry: name on the command line -> module with `run() -> Section`."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the tables only; leave RESULTS.md as it is"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any target is missed"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    names = args.names or list(BENCHMARKS)
    sections: list[Section] = []
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        section = stamp(importlib.import_module(BENCHMARKS[name]).run())
        print(render_text(section), flush=True)
        print(f"  ({name} took {time.perf_counter() - started:.1f} s)\n", flush=True)
        sections.append(section)
        if not args.no_write:  # after each one, so an interrupted run keeps what it measured
            write_results([section], list(BENCHMARKS))
    missed = [(s.name, c) for s in sections for c in s.missed]
    met = sum(c.passed is True for s in sections for c in s.checks)
    print(f"{met} of {met + len(missed)} targets met")
    for name, check in missed:
        print(f"  MISSED {name}: {check.measure}: {check.measured} (target {check.target})")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
