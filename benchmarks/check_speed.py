"""How long `zwgk check` takes, as the pre-commit hook runs it (a new process each time).

Usage: .venv/bin/python benchmarks/check_speed.py [--runs 7] [--records tasks_yaml]
Prints the median and the slowest of: the whole check, a check naming one changed file
(what pre-commit runs), and loading + linking in-process (no interpreter start-up).
Nothing is asserted: the machine is shared and noisy. The goal is well under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        out.append(time.perf_counter() - started)
        if proc.returncode not in (0, 2):
            sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return out


def in_process(records: Path, runs: int) -> list[float]:
    from zwgk.asof import parse_as_of
    from zwgk.portal import load_portal

    out = []
    for _ in range(runs):
        started = time.perf_counter()
        load_portal(records, parse_as_of("2026-11-22"))
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", default="tasks_yaml")
    args = parser.parse_args()
    records = REPO / args.records
    files = sorted(records.rglob("*.yml"))
    one = next(p for p in files if p.parent.name == "normative")
    zwgk = [sys.executable, "-m", "zwgk.cli", "check", "--as-of", "2026-11-22", "--records", str(records)]
    kinds = {d.name: sum(1 for _ in d.rglob("*.yml")) for d in records.iterdir() if d.is_dir()}
    print(f"records: {args.records} ({len(files)} YAML files: {kinds})")
    for label, times in (
        ("zwgk check (whole)", timed(zwgk, args.runs)),
        (f"zwgk check {one.relative_to(REPO)}", timed([*zwgk, str(one)], args.runs)),
        ("load + link in-process", in_process(records, args.runs)),
    ):
        print(f"{label:<55} median {statistics.median(times):.3f} s   max {max(times):.3f} s   ({args.runs} runs)")


if __name__ == "__main__":
    main()
