"""Recall, precision and bytes of the Chinese search: plain Pagefind vs zwgk.search.

Usage: .venv/bin/python benchmarks/search_recall.py [--pages 5000] [--out benchmarks/out/search]

Generates a deterministic corpus (benchmarks/zwgk_corpus.py), indexes it twice —
plain ``pagefind[extended]`` (the baseline: jieba at build time, Intl.Segmenter
at query time) and :func:`zwgk.search.index_site` — serves it on 127.0.0.1 and
runs every query in headless Chromium (/usr/bin/chromium) through each engine.
A page is relevant when its indexed text contains the query.  For each query it
prints recall, precision and the bytes the browser fetched: *cold* (a new
browser profile, the first query of a visit: the index metadata, the index
chunks the query's words fall in and the fragments of the first ten results;
zwgk-search.js itself is loaded with the page, before the count starts) and *warm* (the same
query later in a visit that already ran the queries before it).  Nothing is
asserted; the targets are recall >= 0.99, precision >= 0.95 and <= 150 KB cold.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import http.server
import json
import random
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "build_scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

import zwgk_corpus  # noqa: E402
from webtools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one place for the browser flags)

SCRIPTS = REPO / "overrides" / "assets" / "javascripts"
SEARCH_JS = SCRIPTS / "zwgk-search.js"
BASELINE_BUNDLE = "pagefind-baseline"
FIRST_PAGE = 10

FIXED_QUERIES = [
    # two-character words
    "低保",
    "营商",
    "补贴",
    "采购",
    "医保",
    "就业",
    "养老",
    "救助",
    "特困",
    "残疾",
    "教育",
    "住房",
    "农田",
    "防汛",
    "预算",
    "决算",
    "创业",
    "招标",
    "公示",
    "环境",
    "乡村",
    "交通",
    "贴息",
    "津贴",
    "资助",
    "河长",
    "垃圾",
    # longer terms
    "城乡低保",
    "最低生活保障",
    "创业担保贷款",
    "营商环境",
    "政府采购",
    "城乡居民医保",
    "义务教育",
    "高标准农田",
    "临时救助",
    "特困人员",
    "养老服务",
    "耕地地力保护补贴",
    "公共租赁住房",
    "乡村振兴",
    "安全生产",
    "农村人居环境",
    "一般公共预算",
    "低收入人口",
    "就业困难人员",
    "住房公积金",
    "医保基金",
    "高龄津贴",
    "老旧小区改造",
    "城乡客运一体化",
    "低保边缘家庭",
    # department names
    "示例县民政局",
    "示例县人力资源和社会保障局",
    "县医疗保障局",
    "民政局",
    "示例县公共资源交易中心",
    "示例县财政局",
    # mixed Chinese and ASCII
    "G318",
    "5G基站",
    "2023年",
]


def pick_queries(pages: list[zwgk_corpus.Page], seed: int = 7) -> list[tuple[str, str]]:
    """(kind, query) pairs: the fixed list plus 文号 and 索引号 of pages picked at random."""
    r = random.Random(seed)
    numbered = [p for p in pages if p.doc_number]
    picks = r.sample(numbered, min(6, len(numbered)))
    queries = [("词", q) for q in FIXED_QUERIES]
    queries += [("文号", p.doc_number) for p in picks]
    queries += [("索引号", p.index_number) for p in picks[:5]]
    return queries


# --- building -------------------------------------------------------------------------------

BENCH_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索基准</title><link rel="icon" href="data:,"></head>
<body><h1>搜索</h1>
<script src="../assets/javascripts/zwgk-search.js"></script>
<script>
window.benchFixed = async (q) => {
  const set = await zwgkSearch.search(q);
  const items = await set.page(0, %(first)d);
  return {ids: set.results.map(r => r.id), first: items.map(i => i.url),
          excerpt: items.length ? items[0].excerpt : "", title: items.length ? items[0].title : ""};
};
window.benchBaseline = async (q) => {
  const pf = await import("../%(baseline)s/pagefind.js");
  const r = await pf.search(q);
  const first = await Promise.all(r.results.slice(0, %(first)d).map(x => x.data()));
  return {ids: r.results.map(x => x.id), first: first.map(f => f.url),
          excerpt: first.length ? first[0].excerpt : "", title: first.length ? first[0].meta.title : ""};
};
</script></body></html>
"""


def install_search_script(site: Path) -> None:
    """Copy zwgk-search.js and what it may load (vendor/) to site/assets/javascripts/."""
    dest = site / "assets" / "javascripts"
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEARCH_JS, dest / SEARCH_JS.name)
    shutil.copytree(SCRIPTS / "vendor", dest / "vendor", dirs_exist_ok=True)


def pagefind_executable() -> str:
    from pagefind_bin_extended import get_executable

    return str(get_executable())


def build(
    out: Path,
    n_pages: int,
    *,
    baseline: bool = True,
    chunk_size: int | None = None,
    sentences: tuple[int, int] = (12, 48),
    log=print,
) -> dict:
    """Generate the corpus under out/site and index it; return pages and timings."""
    from zwgk.search import index_site

    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    t0 = time.perf_counter()
    pages = zwgk_corpus.generate(site, n_pages, sentences=sentences)
    log(f"语料：{len(pages)} 页，{time.perf_counter() - t0:.1f} 秒")
    install_search_script(site)
    (site / "bench").mkdir(exist_ok=True)
    (site / "bench" / "index.html").write_text(
        BENCH_PAGE % {"first": FIRST_PAGE, "baseline": BASELINE_BUNDLE}, encoding="utf-8"
    )
    timings = {}
    if baseline:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [pagefind_executable(), "--site", str(site), "--output-subdir", BASELINE_BUNDLE],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"基线 Pagefind 失败：{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        timings["baseline"] = time.perf_counter() - t0
        log(f"基线索引（Pagefind 扩展版，jieba）：{timings['baseline']:.1f} 秒")
    t0 = time.perf_counter()
    stats = index_site(site, **({"chunk_size": chunk_size} if chunk_size else {}))
    timings["fixed"] = time.perf_counter() - t0
    log(f"zwgk 索引：{timings['fixed']:.1f} 秒，{stats['pages']} 页，{stats['words']} 个词")
    return {"pages": pages, "site": site, "timings": timings, "stats": stats}


def fragment_urls(bundle: Path) -> dict[str, str]:
    """Page id (fragment hash) -> URL, read from the bundle's fragment files."""
    urls = {}
    for f in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(f.read_bytes())
        if data.startswith(b"pagefind_dcd"):
            data = data[len(b"pagefind_dcd") :]
        urls[f.stem] = json.loads(data)["url"]
    return urls


# --- serving --------------------------------------------------------------------------------

COMPRESSIBLE = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".xml": "application/xml",
}


@dataclass
class Traffic:
    """Bytes the server sent (headers + body), per request, since the last reset."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[tuple[str, int]] = field(default_factory=list)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()

    def total(self) -> int:
        with self.lock:
            return sum(n for _, n in self.requests)

    def parts(self) -> dict[str, int]:
        """Bytes by kind of file: metadata, index (chunk groups and chunks), filter, fragment
        (with text pieces), other."""
        out = dict.fromkeys(("metadata", "index", "filter", "fragment", "other"), 0)
        kinds = {
            ".pf_meta": "metadata",
            ".pf_group": "index",
            ".pf_index": "index",
            ".pf_filter": "filter",
        }
        with self.lock:
            for path, n in self.requests:
                path = path.split("?", 1)[0]
                kind = next((k for suffix, k in kinds.items() if path.endswith(suffix)), None)
                if kind is None:
                    kind = "fragment" if "/fragment/" in path else "other"
                out[kind] += n
        return out


def make_handler(root: Path, prefix: str, traffic: Traffic):
    gz_cache: dict[Path, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(prefix):
                return self._send(404, b"not found", "text/plain")
            rel = path[len(prefix) :]
            target = (root / rel).resolve()
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if (
                root.resolve() not in target.parents
                and target != root.resolve()
                or not target.is_file()
            ):
                return self._send(404, b"not found", "text/plain")
            ctype = COMPRESSIBLE.get(target.suffix, "application/octet-stream")
            body = target.read_bytes()
            encoding = None
            if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                if target not in gz_cache:
                    gz_cache[target] = gzip.compress(body, 6)
                body, encoding = gz_cache[target], "gzip"
            self._send(200, body, ctype, encoding)

        def _send(self, status, body, ctype, encoding=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            header_bytes = sum(len(h) for h in self._headers_buffer) + 2
            self.end_headers()
            self.wfile.write(body)
            with traffic.lock:
                traffic.requests.append((self.path, len(body) + header_bytes))

    return Handler


@contextlib.contextmanager
def serve(root: Path, prefix: str = "/"):
    """Serve root at http://127.0.0.1:PORT{prefix} (gzip for text); yields (base_url, traffic)."""
    traffic = Traffic()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(root, prefix, traffic))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}", traffic
    finally:
        server.shutdown()
        server.server_close()


# --- running queries ------------------------------------------------------------------------


async def run_queries(
    base_url: str, traffic: Traffic, engine: str, queries: list[str], log=print
) -> dict:
    """Run each query cold (fresh profile) and all of them warm (one visit); return per query data."""
    from playwright.async_api import async_playwright

    fn = "benchFixed" if engine == "fixed" else "benchBaseline"
    out: dict[str, dict] = {q: {} for q in queries}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Cold: a new profile per query.
            for i, q in enumerate(queries):
                ctx = await browser.new_context()
                page = await ctx.new_page()
                await page.goto(base_url + "bench/")
                await page.wait_for_load_state("load")
                traffic.reset()
                t0 = time.perf_counter()
                res = await page.evaluate(f"(q) => window.{fn}(q)", q)
                out[q].update(res)
                out[q]["cold_ms"] = (time.perf_counter() - t0) * 1000
                out[q]["cold_bytes"] = traffic.total()
                out[q]["cold_parts"] = traffic.parts()
                await ctx.close()
                if (i + 1) % 10 == 0 or i + 1 == len(queries):
                    log(f"  {engine}：冷启动查询 {i + 1}/{len(queries)}")
            # Warm: one visit, queries in order.
            ctx = await browser.new_context()
            page = await ctx.new_page()
            await page.goto(base_url + "bench/")
            await page.wait_for_load_state("load")
            for q in queries:
                traffic.reset()
                t0 = time.perf_counter()
                await page.evaluate(f"(q) => window.{fn}(q)", q)
                out[q]["warm_ms"] = (time.perf_counter() - t0) * 1000
                out[q]["warm_bytes"] = traffic.total()
            await ctx.close()
            log(f"  {engine}：同一次访问中依次查询完成")
        finally:
            await browser.close()
    return out


def score(found: set[str], truth: set[str]) -> tuple[float, float]:
    hits = len(found & truth)
    recall = hits / len(truth) if truth else (1.0 if not found else 0.0)
    precision = hits / len(found) if found else (1.0 if not truth else 0.0)
    return recall, precision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--pages", type=int, default=5000, help="number of generated pages (default 5000)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search")
    parser.add_argument("--no-baseline", action="store_true", help="measure zwgk.search only")
    parser.add_argument("--json", type=Path, help="also write the per-query figures to this file")
    parser.add_argument(
        "--chunk-size", type=int, help="index chunk size (positions) to try instead of the default"
    )
    parser.add_argument(
        "--sentences",
        default="12-48",
        help="sentences per page, MIN-MAX (default 12-48, about 1,100 characters; "
        "60-240 gives long documents)",
    )
    args = parser.parse_args(argv)
    try:
        low, high = (int(x) for x in args.sentences.split("-"))
    except ValueError:
        parser.error("--sentences 的格式应为 最少-最多，如 60-240")
    if not Path(CHROMIUM).exists():
        print(f"未找到 {CHROMIUM}：无法在浏览器中测量。", file=sys.stderr)
        return 2
    log = lambda s: print(s, flush=True)  # noqa: E731
    built = build(
        args.out,
        args.pages,
        baseline=not args.no_baseline,
        chunk_size=args.chunk_size,
        sentences=(low, high),
        log=log,
    )
    pages, site = built["pages"], built["site"]
    queries = pick_queries(pages)
    truth = {q: {p.url for p in pages if p.contains(q)} for _, q in queries}
    engines = ["fixed"] if args.no_baseline else ["baseline", "fixed"]
    bundles = {"baseline": site / BASELINE_BUNDLE, "fixed": site / "pagefind"}
    results = {}
    with serve(site) as (base_url, traffic):
        for engine in engines:
            log(f"在 Chromium 中运行 {len(queries)} 个查询：{engine}")
            urls = fragment_urls(bundles[engine])
            res = asyncio.run(
                run_queries(base_url, traffic, engine, [q for _, q in queries], log=log)
            )
            for q, r in res.items():
                r["found"] = {urls.get(i, i) for i in r.get("ids", [])}
            results[engine] = res

    def kb(n: float) -> str:
        return f"{n / 1024:.0f}"

    head = f"{'类别':<4} {'查询':<22} {'应有':>5}"
    for e in engines:
        head += f" | {e:>8} 找到 召回 精确 冷KB 热KB"
    print()
    print(head)
    totals = {
        e: {"hits": 0, "found": 0, "truth": 0, "cold": [], "warm": [], "r": [], "p": []}
        for e in engines
    }
    for kind, q in queries:
        t = truth[q]
        line = f"{kind:<4} {q:<22} {len(t):>5}"
        for e in engines:
            r = results[e][q]
            rec, prec = score(r["found"], t)
            tt = totals[e]
            tt["hits"] += len(r["found"] & t)
            tt["found"] += len(r["found"])
            tt["truth"] += len(t)
            tt["cold"].append(r["cold_bytes"])
            tt["warm"].append(r["warm_bytes"])
            tt["r"].append(rec)
            tt["p"].append(prec)
            line += f" | {'':>8} {len(r['found']):>4} {rec:.2f} {prec:.2f} {kb(r['cold_bytes']):>4} {kb(r['warm_bytes']):>4}"
        print(line)
    print()
    summary = {}
    for e in engines:
        tt = totals[e]
        n = len(queries)
        cold = sorted(tt["cold"])
        s = {
            "recall_micro": tt["hits"] / tt["truth"] if tt["truth"] else 1.0,
            "precision_micro": tt["hits"] / tt["found"] if tt["found"] else 1.0,
            "recall_mean": sum(tt["r"]) / n,
            "precision_mean": sum(tt["p"]) / n,
            "cold_kb_median": cold[n // 2] / 1024,
            "cold_kb_max": cold[-1] / 1024,
            "cold_kb_first": tt["cold"][0] / 1024,
            "warm_kb_mean": sum(tt["warm"]) / n / 1024,
            "cold_within_150kb": sum(1 for c in cold if c <= 150 * 1024),
        }
        summary[e] = s
        print(
            f"{e:>8}：召回（总） {s['recall_micro']:.3f}  精确（总） {s['precision_micro']:.3f}  "
            f"召回（均） {s['recall_mean']:.3f}  精确（均） {s['precision_mean']:.3f}  "
            f"冷启动 KB 中位 {s['cold_kb_median']:.0f} 最大 {s['cold_kb_max']:.0f}  "
            f"≤150KB {s['cold_within_150kb']}/{n}  热查询平均 KB {s['warm_kb_mean']:.1f}"
        )
    if engines[-1] == "fixed":
        parts = [results["fixed"][q]["cold_parts"] for _, q in queries]
        line = "   zwgk 冷启动各部分（中位 / 最大 KB）："
        for kind, label in (("metadata", "元数据"), ("index", "索引"), ("fragment", "结果片段"), ("filter", "筛选"), ("other", "其他")):
            values = sorted(p[kind] for p in parts)
            line += f" {label} {values[len(values) // 2] / 1024:.0f}/{values[-1] / 1024:.0f}"
        print(line)
    if "baseline" in summary:
        b, f = summary["baseline"], summary["fixed"]
        print(
            f"   比值（zwgk/基线）：召回 {f['recall_micro'] / max(b['recall_micro'], 1e-9):.2f}×  "
            f"精确 {f['precision_micro'] / max(b['precision_micro'], 1e-9):.2f}×  "
            f"冷启动中位字节 {f['cold_kb_median'] / max(b['cold_kb_median'], 1e-9):.2f}×"
        )
    ok = summary["fixed"]
    print(
        f"目标：召回 ≥ 0.99 {'✓' if ok['recall_micro'] >= 0.99 else '✗'}，精确 ≥ 0.95 "
        f"{'✓' if ok['precision_micro'] >= 0.95 else '✗'}，冷启动 ≤ 150 KB "
        f"{ok['cold_within_150kb']}/{len(queries)}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "pages": args.pages,
                    "timings": built["timings"],
                    "summary": summary,
                    "queries": [
                        {
                            "kind": k,
                            "query": q,
                            "truth": len(truth[q]),
                            **{
                                e: {
                                    key: (len(v) if key == "found" else v)
                                    for key, v in results[e][q].items()
                                    if key != "ids"
                                }
                                for e in engines
                            },
                        }
                        for k, q in queries
                    ],
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
