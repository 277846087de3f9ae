"""Build time and peak memory against the number of records (record pages stay out of the nav).

Usage: .venv/bin/python benchmarks/build_scale.py [--sizes 500 2000 5000] [--search]
Prints seconds, peak RSS and the ratio per 1,000 records; nothing is asserted (machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from helpers import project_copy  # noqa: E402

BODY = "第{n}条 为进一步规范城乡低保审核确认工作，保障困难群众基本生活，结合本县实际，制定本条。\n\n" * 8


def generate(project: Path, count: int) -> None:
    normative = project / "tasks_yaml" / "normative"
    for n in range(count):
        year = 2015 + n % 11
        (normative / f"gen-{n}.yml").write_text(
            f"title: 示例县关于第{n}项工作的通知\n"
            f"doc_number: 示府办发〔{year}〕{n + 100}号\n"
            f"index_number: 11510000MB0000000N/{year}-{n + 100:05d}\n"
            "issuer: 示例县人民政府办公室\ntopic: 综合政务\n"
            f"written: {year}-03-01\npublished: {year}-03-05\neffective: {year}-04-01\n"
            "body: |\n" + "".join("  " + line + "\n" for line in BODY.format(n=n).splitlines())
            + "review: {first: 甲某, second: 乙某, final: 丙某}\n",
            encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--search", action="store_true", help="include the Pagefind step")
    args = parser.parse_args()
    print(f"{'记录数':>8} {'秒':>8} {'峰值内存MB':>12} {'秒/千条':>10} {'页面数':>8}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_copy(Path(tmp))
            generate(project, size)
            cmd = [sys.executable, "-m", "zwgk.cli", "build", "--as-of", "2026-11-22"]
            if not args.search:
                cmd.append("--no-search")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
                raise SystemExit(1)
            pages = sum(1 for _ in (project / "site").rglob("*.html"))
            peak_mb = max(peak, before) / 1024
            print(f"{size:>8} {seconds:>8.1f} {peak_mb:>12.0f} {seconds / size * 1000:>10.2f} {pages:>8}", flush=True)
            shutil.rmtree(project / "site", ignore_errors=True)


if __name__ == "__main__":
    main()
