"""benchmarks/build_scale.py: at a tiny size it prints every figure; its memory sampler adds up a whole process
tree. No time is asserted (the machine is shared)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from measure import compare_trees, run  # noqa: E402

NUMBER = r"\d+(?:\.\d+)?"
MEASURED = rf"墙钟\s+{NUMBER} 秒\s+CPU\s+{NUMBER} 秒\s+峰值\s+\d+ MB\s+每千条：墙钟\s+{NUMBER} 秒\s+CPU\s+{NUMBER} 秒"


def test_build_scale_prints_every_figure(tmp_path):
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "build_scale.py"), "--sizes", "30",
                           "--rounds", "2", "--keep", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert re.match(r"机器：\d+ 个 CPU 核，平均负载 [\d. ]+；zwgk \S+，mkdocs [\d.]+，mkdocs-material [\d.]+，pagefind "
                    r"[\d.]+，hugo [\d.]+\n", out), out[:300]
    assert "== 30 条记录：规范性文件 9，解读 2，问答 2，重点领域和法定主动公开信息 16，任务 1；单位：部门 2，乡镇 1，街道 1" in out
    for label in ("zwgk 全量生成", "Material", "Pagefind（Material 输出）", "Material + Pagefind", "Hugo（无搜索）",
                  "再次生成（没有改动）", "改一条记录后生成", "改后从头全量生成"):
        assert re.search(re.escape(label) + r"\s+" + MEASURED, out), label
    for baseline in ("Material + Pagefind", "Material", "Hugo"):
        assert re.search(rf"zwgk 全量 ÷ {re.escape(baseline)}：CPU {NUMBER}×  墙钟 {NUMBER}×  峰值内存 {NUMBER}×", out)
    # the build and its baseline once more, in turn; the ratios are the median of the rounds
    assert re.search(rf"  第 2 轮：zwgk 全量 墙钟 {NUMBER} 秒 CPU {NUMBER} 秒；Material \+ Pagefind 墙钟 {NUMBER} 秒 "
                     rf"CPU {NUMBER} 秒；CPU {NUMBER}×  墙钟 {NUMBER}×", out)
    assert re.search(rf"zwgk 全量 ÷ Material \+ Pagefind，2 轮的中位数：CPU {NUMBER}×  墙钟 {NUMBER}×", out)
    # nothing deleted while measuring: the second round's outputs, and the first round's Material site set aside
    kept = next(tmp_path.glob("zwgk-bench-30-*"))
    assert (kept / "round2" / "site" / "index.html").is_file()
    assert (kept / "base" / "material" / "site-1" / "index.html").is_file()
    assert (kept / "base" / "material" / "site" / "index.html").is_file()
    assert re.search(r"规范性文件有效性：.*现行有效 \d+", out)
    # stages: the build's own, or search worked out from a build without it
    assert re.search(r"分阶段（zwgk 全量生成）：\n  (无分阶段数据.*搜索 CPU [\d.]+ 秒|\S+\s+墙钟)", out)
    assert re.search(r"zwgk 页面 \d+ 个；最大的页面：\S+index\.html（[\d.]+ KB，gzip [\d.]+ KB）", out)
    assert re.search(r"  gfxwj/\s+\d+ 页；首页 [\d.]+ KB，gzip [\d.]+ KB；分页 \d+ 页；最大 gfxwj/", out)
    assert re.search(r"逐字节比较：(一致|不一致)（\d+ 个文件", out)
    assert re.search(r"预览（zwgk serve）：启动到可访问 [\d.]+ 秒；保存一条记录的新标题到页面显示 [\d.]+ 秒；搜索落后提示：", out)
    summary = out.split("== 汇总")[1].splitlines()
    assert re.match(r"\s+30 \|\s+[\d.]+ \(1\.00\)\s+[\d.]+ \(1\.00\)\s+[\d.]+ \(1\.00\) \|", summary[2]), summary


def test_peak_memory_counts_every_process_of_the_tree(tmp_path):
    """A parent that allocates little and a child holding 150 MB: the peak is the child's and more."""
    child = "b = b'x' * (150 * 2**20); import time; time.sleep(1.0)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    result = run([sys.executable, "-c", parent], tmp_path, tmp_path / "log")
    assert result["rss"] > 150 + 10  # the child's buffer plus two interpreters
    assert result["cpu"] > 0


def test_compare_trees_names_each_difference(tmp_path):
    for side, files in (("a", {"same.html": "x", "changed.html": "1", "only-a.txt": ""}),
                        ("b", {"same.html": "x", "changed.html": "2", "sub/only-b.txt": ""})):
        for name, text in files.items():
            (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / name).write_text(text)
    count, differ = compare_trees(tmp_path / "a", tmp_path / "b")
    assert count == 4
    assert differ == ["只在增量中：only-a.txt", "只在全量中：sub/only-b.txt", "内容不同：changed.html"]


def test_ratios_are_the_median_of_the_rounds():
    from build_scale import cpu_of, median, ratios

    assert median([3.0, 1.0, 2.0]) == 2.0 and median([4.0, 1.0, 2.0, 3.0]) == 2.5
    row = {"full": {"cpu": 10.0, "wall": 5.0}, "plain": {"cpu": 5.0, "wall": 5.0},
           "rounds": [({"cpu": 10.0, "wall": 5.0}, {"cpu": 5.0, "wall": 5.0}),  # 2.0×, 1.0×
                      ({"cpu": 9.0, "wall": 4.0}, {"cpu": 6.0, "wall": 5.0}),  # 1.5×, 0.8×
                      ({"cpu": 30.0, "wall": 9.0}, {"cpu": 10.0, "wall": 6.0})]}  # 3.0× (a slow moment), 1.5×
    assert ratios(row) == (2.0, 1.0)
    assert cpu_of(row, "full") == 10.0 and cpu_of(row, "plain") == 6.0
    assert ratios({"full": row["full"], "plain": row["plain"]}) == (2.0, 1.0)
