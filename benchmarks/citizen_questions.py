"""Questions citizens type, against the demo county: is a useful page in the top three?

Usage: .venv/bin/python benchmarks/citizen_questions.py [--site DIR] [--out benchmarks/out/citizen]

Builds the demo (tasks_yaml/, ``zwgk build --as-of 2026-11-22``) unless ``--site`` names a
site already built with search, indexes the same pages with plain ``pagefind[extended]``
as well (the baseline: jieba at build time, Intl.Segmenter at query time, Pagefind's own
ranking) and runs every question of :data:`QUESTIONS` through both engines in headless
Chromium.  zwgk runs as the search page does: the equivalent terms of search/terms.json
and partial matches on.  Each question has a fixed list of pages that answer it (record
ids, judged by reading the demo); a result list is *useful* when one of its first three
results is on that list.  Prints per question the first three results of each engine and
the totals: useful top three, questions with no result at all, mean reciprocal rank of the
first useful result (within the first ten), and the bytes the first query of a visit fetches
(a new browser profile per question; zwgk-search.js and pagefind.js are loaded with the page
for zwgk, by the query for the baseline).  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

import search_recall  # noqa: E402  (serve, the Pagefind binary)
from webtools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

AS_OF = "2026-11-22"
BASELINE_BUNDLE = "pagefind-baseline"
TOP = 3

# question -> ids of the records whose pages answer it (normative documents, their
# interpretations, Q&A, column items; a page is matched by the last part of its address).
QUESTIONS: dict[str, tuple[str, ...]] = {
    "低保怎么申请": ("qa-049", "sfbf-2023-12", "jd-sfbf-2023-12", "qa-048", "sfbf-2026-2", "sfbf-2026-15"),
    "创业贷款": ("sfbf-2024-6", "jd-sfbf-2024-6", "sfbf-2026-21", "jd-sfbf-2026-21", "qa-019", "qa-020",
             "qa-023", "qa-024", "sfbf-2020-7", "jd-sfbf-2020-7"),
    "耕地补贴": ("snf-2023-2", "jd-snf-2023-2", "qa-052", "2026-0612-gdlb"),
    "小学报名": ("qa-008", "qa-007", "sjf-2024-2", "sjf-2026-3", "jd-sjf-2024-2", "jd-sjf-2026-3",
             "jtj-2026-0520-zsfa"),
    "残疾人补贴": ("2026-0320-btqd", "czj-2026-0715-ykt"),
    "怎么领育儿补贴": ("qa-001", "qa-002", "qa-003", "qa-006", "sfbf-2025-8", "jd-sfbf-2025-8",
                 "jd-sfbf-2025-8-fzr"),
    "高龄津贴多少钱": ("qa-025", "qa-026", "smf-2026-14", "jd-smf-2026-14", "smf-2021-6", "jd-smf-2021-6"),
    "临时救助怎么申请": ("qa-050", "sfbf-2026-11", "jd-sfbf-2026-11", "mzj-2026-0710-lsjz", "bhjd-2026-1118-lsjz"),
    "特困人员每月领多少": ("qa-051", "qa-036", "smf-2024-5", "jd-smf-2024-5", "sfbf-2026-15", "jd-sfbf-2026-15"),
    "公租房": ("2026-0305-fpjg", "2026-0925-tcgl", "2025-0815-fyxx", "sfbf-2025-8"),
    "灵活就业社保补贴": ("qa-013", "srsf-2025-2", "jd-srsf-2025-2", "srsf-2020-3"),
    "家庭医生怎么签约": ("qa-034", "swjf-2025-1", "jd-swjf-2025-1", "swjf-2024-6", "jd-swjf-2024-6"),
    "房子被征收怎么补偿": ("qa-046", "sfg-2025-1", "jd-sfg-2025-1", "sff-2019-8"),
    "农村危房改造补助": ("qa-045", "szjf-2022-4", "jd-szjf-2022-4", "cgz-2026-0608-dxrd"),
    "生育津贴怎么领": ("qa-043", "qa-004", "sybf-2024-2", "jd-sybf-2024-2"),
    "贫困学生资助": ("sjf-2022-5", "jd-sjf-2022-5", "qa-010", "2026-0915-zzgjz"),
    "门诊报销比例": ("qa-031", "sybf-2023-3", "jd-sybf-2023-3"),
    "失能老人护理补贴": ("qa-027", "qa-058", "smf-2025-1", "jd-smf-2025-1", "smf-2026-14", "jd-smf-2026-14",
                  "smf-2021-6"),
    "开店有什么税收优惠": ("qa-022", "qa-037", "qa-038", "qa-040", "ssf-2024-8", "jd-ssf-2024-8", "qa-021"),
    "公益性岗位待遇": ("qa-017", "qa-056", "qa-044", "srsf-2026-1", "jd-srsf-2026-1"),
    "电梯坏了维修资金": ("qa-047", "szjf-2026-7", "jd-szjf-2026-7"),
    "课后服务收费吗": ("qa-055", "sjtf-2026-4", "jd-sjtf-2026-4"),
}

BENCH_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>群众提问基准</title><link rel="icon" href="data:,"></head>
<body><h1>搜索</h1>
<script src="../assets/javascripts/zwgk-search.js"></script>
<script>
window.benchFixed = async (q) => {
  const synonyms = await (await fetch("../search/terms.json")).json();
  const set = await zwgkSearch.search(q, {synonyms, partial: true});
  const items = await set.page(0, 10);
  return {total: set.total, exact: set.exact, urls: items.map(i => new URL(i.url).pathname),
          titles: items.map(i => i.title)};
};
window.benchBaseline = async (q) => {
  const pf = await import("../%(baseline)s/pagefind.js");
  const r = await pf.search(q);
  const items = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return {total: r.results.length, exact: r.results.length,
          urls: items.map(i => new URL(i.url, location.href).pathname), titles: items.map(i => i.meta.title)};
};
</script></body></html>
"""


def build_demo(site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    cmd = [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"zwgk build 失败：\n{proc.stderr[-3000:]}")


def index_baseline(site: Path) -> float:
    """Plain Pagefind over the same published pages, beside the zwgk bundle."""
    shutil.rmtree(site / BASELINE_BUNDLE, ignore_errors=True)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [search_recall.pagefind_executable(), "--site", str(site), "--output-subdir", BASELINE_BUNDLE],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"基线 Pagefind 失败：{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


async def ask(base_url: str, traffic, engine: str, questions: list[str]) -> dict[str, dict]:
    """Each question in a new browser profile (the first query of a visit): results and bytes fetched."""
    from playwright.async_api import async_playwright

    fn = "benchFixed" if engine == "fixed" else "benchBaseline"
    out = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for q in questions:
                context = await browser.new_context()
                page = await context.new_page()
                await page.goto(base_url + "bench-citizen/")
                await page.wait_for_load_state("load")
                traffic.reset()
                out[q] = await page.evaluate(f"(q) => window.{fn}(q)", q)
                out[q]["cold_bytes"] = traffic.total()
                await context.close()
        finally:
            await browser.close()
    return out


def record_id(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def judge(result: dict, expected: tuple[str, ...]) -> tuple[bool, float]:
    """(a useful page in the top three, reciprocal rank of the first useful one in the top ten)."""
    ids = [record_id(u) for u in result["urls"]]
    rank = next((i + 1 for i, x in enumerate(ids) if x in expected), None)
    return (rank is not None and rank <= TOP), (1 / rank if rank else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a demo site already built with search (else built under --out)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "citizen")
    args = parser.parse_args(argv)

    site = args.site
    if site is None:
        site = args.out / "site"
        t0 = time.perf_counter()
        build_demo(site)
        print(f"示例县网站（含 zwgk 搜索索引）：{time.perf_counter() - t0:.1f} 秒")
    if not (site / "pagefind" / "pagefind-entry.json").is_file():
        raise SystemExit(f"{site} 没有搜索索引：请用 zwgk build（不带 --no-search）生成")
    print(f"基线索引（Pagefind 扩展版，jieba）：{index_baseline(site):.1f} 秒")
    (site / "bench-citizen").mkdir(exist_ok=True)
    (site / "bench-citizen" / "index.html").write_text(
        BENCH_PAGE % {"baseline": BASELINE_BUNDLE}, encoding="utf-8"
    )

    questions = list(QUESTIONS)
    with search_recall.serve(site, "/") as (base, traffic):
        found = {engine: asyncio.run(ask(base, traffic, engine, questions)) for engine in ("baseline", "fixed")}

    totals = {e: {"useful": 0, "empty": 0, "mrr": 0.0, "bytes": []} for e in found}
    for q in questions:
        print(f"\n{q}")
        for engine in ("baseline", "fixed"):
            res = found[engine][q]
            useful, rr = judge(res, QUESTIONS[q])
            totals[engine]["useful"] += useful
            totals[engine]["empty"] += res["total"] == 0
            totals[engine]["mrr"] += rr
            totals[engine]["bytes"].append(res["cold_bytes"])
            partial = f"，其中完全匹配 {res['exact']}" if res["exact"] != res["total"] else ""
            print(f"  {'✓' if useful else '✗'} {engine:>8}（{res['total']} 条{partial}，{res['cold_bytes'] / 1024:.0f} KB）："
                  + " | ".join(f"{t[:24]}" for t in res["titles"][:TOP]))
    n = len(questions)
    print(f"\n{n} 个问题，前 {TOP} 条中有有用结果的问题数（越多越好）：")
    for engine, t in totals.items():
        sizes = sorted(t["bytes"])
        print(f"  {engine:>8}：有用 {t['useful']}/{n}，无结果 {t['empty']}，"
              f"首个有用结果的平均倒数排名 {t['mrr'] / n:.2f}，"
              f"首次查询传输 KB 中位 {sizes[n // 2] / 1024:.0f} 最大 {sizes[-1] / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
