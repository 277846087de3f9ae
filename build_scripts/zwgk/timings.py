"""Stage timings of a build, for benchmarks/: one JSON line per stage when ZWGK_TIMINGS names a file.

    with stage("load"):
        portal = load_portal(...)

appends {"stage": "load", "wall": 1.23, "cpu": 1.10} to the file (cpu: this process and the children it
waited for during the stage). Without ZWGK_TIMINGS nothing is measured or written.
"""

from __future__ import annotations

import contextlib
import json
import os
import time

TIMINGS_ENV = "ZWGK_TIMINGS"


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def record(name: str, wall: float, cpu: float, **extra) -> None:
    """Append one stage's figures to the ZWGK_TIMINGS file, if set."""
    target = os.environ.get(TIMINGS_ENV)
    if not target:
        return
    line = json.dumps({"stage": name, "wall": round(wall, 3), "cpu": round(cpu, 3), **extra}, ensure_ascii=False)
    with open(target, "a", encoding="utf-8") as out:
        out.write(line + "\n")


@contextlib.contextmanager
def stage(name: str, **extra):
    """Measure the enclosed block as one stage (see the module docstring)."""
    if not os.environ.get(TIMINGS_ENV):
        yield
        return
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield
    finally:
        record(name, time.perf_counter() - wall, _cpu() - cpu, **extra)
