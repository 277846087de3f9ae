"""A generated county platform built by zwgk, side by side with the baseline a county team would pick instead.

Usage: .venv/bin/python benchmarks/platform_scale.py [--sizes 1000 5000] [--keep DIR]

For each size: a platform of that many records (documents, interpretations, Q&A and key-area items spread over
the county government and generated units), then in the same run
  - zwgk build without search, and with search (the difference is the search stage),
  - plain mkdocs-material on the very same Markdown pages zwgk generates, plus plain Pagefind (extended) on
    its output: the baseline.
Prints wall and CPU seconds (children's user + system), peak RSS of the largest process, seconds per 1,000
records and the ratios to the baseline. Nothing is asserted: absolute times depend on the machine and its
load (the machine is shared); read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "build_scripts"))

from helpers import project_copy  # noqa: E402
from zwgk.creditcode import check_character  # noqa: E402

REVIEW = "review: {first: 甲某, second: 乙某, final: 丙某}\n"
PARA = "为进一步规范城乡低保审核确认工作，保障困难群众基本生活，结合本县实际，制定本条。申请人应当如实提供材料。"


def _code(n: int) -> str:
    first17 = f"11510000MB{n:07d}"
    return first17 + check_character(first17)


def _body(n: int, paragraphs: int) -> str:
    return "".join(f"  第{k}条 {PARA}（{n}）\n\n" for k in range(1, paragraphs + 1))


def generate(project: Path, count: int) -> None:
    """count records: 40 % documents, 10 % interpretations, 10 % Q&A, 40 % items, over one unit per 500."""
    root = project / "tasks_yaml"
    units = [""] + [f"u{k}" for k in range(max(count // 500, 1))]
    for k, unit in enumerate(units[1:], 1):
        (root / "units" / unit).mkdir(parents=True)
        (root / "units" / unit / "unit.yml").write_text(
            f"name: 测试县第{k}局\nkind: 部门\ncredit_code: {_code(k)}\nshort_name: 第{k}局\n"
            "address: 测试县人民路1号\nphone: 0000-1234567\nhours: 工作日\nfunctions: 负责本局职能。\n",
            encoding="utf-8")
    base = {u: (root if not u else root / "units" / u) for u in units}
    docs = int(count * 0.4)
    for n in range(docs):
        unit = units[n % len(units)]
        year = 2016 + n % 10
        code = _code(units.index(unit)) if unit else "11510000MB0000000N"
        folder = base[unit] / "normative"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"g{n}.yml").write_text(
            f"title: 测试县关于第{n}项工作的通知\ndoc_number: 测府发〔{year}〕{n + 100}号\n"
            f"index_number: {code}/{year}-{n + 100:05d}\nissuer: 测试县人民政府\ntopic: 综合政务\n"
            f"written: {year}-03-01\npublished: {year}-03-05\neffective: {year}-04-01\nbody: |\n"
            + _body(n, 6) + REVIEW, encoding="utf-8")
    for n in range(int(count * 0.1)):
        unit = units[(n % docs) % len(units)]
        folder = base[unit] / "interpretations"
        folder.mkdir(parents=True, exist_ok=True)
        year = 2016 + (n % docs) % 10
        (folder / f"jd-g{n}.yml").write_text(
            f"of: g{n % docs}\ntitle: 第{n}项工作解读\npublished: {year}-03-06\nforms: [文字解读, 图解, 简明问答]\n"
            "contact: {department: 办公室, person: 王某, phone: 0000-1234567}\nbody: |\n" + _body(n, 3) + REVIEW,
            encoding="utf-8")
    for n in range(int(count * 0.1)):
        folder = base[units[n % len(units)]] / "qa"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"qa-g{n}.yml").write_text(
            f"question: 第{n}项补贴怎么申请？\nanswer: |\n{_body(n, 2)}topic: 救助\nbasis: [g{n % docs}]\n"
            "updated: 2025-05-01\n" + REVIEW, encoding="utf-8")
    columns = ["czyjs", "xzxk", "tjxx", "zfcg", "msbz", "zdxm"]  # a key-area column and 法定主动公开 categories
    for n in range(count - docs - 2 * int(count * 0.1)):
        folder = base[units[n % len(units)]] / "items" / columns[n % len(columns)]
        folder.mkdir(parents=True, exist_ok=True)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n % 1000)
        (folder / f"i{n}.yml").write_text(
            f"title: 第{n}条公开信息\npublished: {day.isoformat()}\nissuer: 测试县人民政府\nbody: |\n"
            + _body(n, 3) + REVIEW, encoding="utf-8")


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Wall and CPU seconds (user + system) and peak RSS in MB of one command and the processes it waited for
    (os.wait4: this command's own accounting, not the benchmark's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def baseline_project(project: Path, out: Path) -> Path:
    """The Markdown pages zwgk generates, as a plain mkdocs-material project (the hand-written pages use zwgk's
    templates, and are a few dozen either way)."""
    from zwgk.pages import render_pages, to_markdown
    from zwgk.portal import load_portal

    portal = load_portal(project / "tasks_yaml", dt.date(2026, 11, 22))
    docs = out / "docs"
    for page in render_pages(portal):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(page, portal), encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: 基准\ndocs_dir: docs\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins: []\nmarkdown_extensions: [tables, attr_list]\n"
        # record pages out of the navigation, as zwgk does (a navigation of every record is rendered into
        # every page: quadratic)
        "nav:\n  - index.md\n  - gfxwj/index.md\n  - zcjd/index.md\n  - zcwd/index.md\n  - zdly/index.md\n",
        encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--keep", type=Path, default=None, help="leave the generated projects in this folder")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    rows = []
    for size in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"zwgk-bench-{size}-", dir=args.keep))
        project = project_copy(tmp / "zwgk")
        generate(project, size)
        zwgk = [sys.executable, "-m", "zwgk.cli", "build", "--as-of", "2026-11-22"]
        pages_only = run([*zwgk, "--no-search"], project)
        full = run(zwgk, project)
        base = baseline_project(project, tmp / "baseline")
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        material = run([str(bin_dir / "mkdocs"), "build", "-q"], base, env)
        pagefind = run([sys.executable, "-m", "pagefind", "--site", "site"], base, env)
        plain = {k: material[k] + pagefind[k] for k in ("wall", "cpu")}
        plain["rss"] = max(material["rss"], pagefind["rss"])
        rows.append((size, pages_only, full, material, pagefind, plain))
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'记录数':>7} | {'zwgk 无搜索 CPU秒':>16} {'zwgk 全量 CPU秒':>15} {'其中搜索':>8} {'墙钟秒':>7} {'峰值MB':>7}"
          f" | {'Material CPU秒':>14} {'+Pagefind':>9} {'墙钟秒':>7} {'峰值MB':>7} | {'CPU 比':>6} {'墙钟比':>6}"
          f" {'zwgk CPU秒/千条':>15}")
    for size, pages_only, full, material, pagefind, plain in rows:
        print(f"{size:>7} | {pages_only['cpu']:>16.1f} {full['cpu']:>15.1f} {full['cpu'] - pages_only['cpu']:>8.1f}"
              f" {full['wall']:>7.1f} {full['rss']:>7.0f} | {material['cpu']:>14.1f} {pagefind['cpu']:>9.1f}"
              f" {plain['wall']:>7.1f} {plain['rss']:>7.0f} | {full['cpu'] / plain['cpu']:>6.2f}"
              f" {full['wall'] / plain['wall']:>6.2f} {full['cpu'] / size * 1000:>15.1f}")
    print("比值 = zwgk 全量 ÷（Material + Pagefind），同一台机器、同一次运行；绝对时间随机器和负载变化。")


if __name__ == "__main__":
    main()
