"""What benchmarks/build_scale.py measures: one command's wall and CPU seconds and the peak memory of its whole
process tree; the size of a built site's pages; whether two built sites are byte for byte the same."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.05


class TreeSampler(threading.Thread):
    """Every 50 ms, the RSS of a process and all its descendants added up; keeps the largest sum.

    Descendants are found from /proc/<pid>/stat (parent pid), read once per new pid. Summing RSS counts
    pages shared between processes once per process: an upper bound, as `ps` would add it up."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.peak, self.done = root, 0, threading.Event()
        self._parent: dict[int, int] = {}

    def _stat(self, pid: int) -> tuple[int, int] | None:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                raw = f.read()
        except OSError:
            return None
        fields = raw[raw.rfind(b")") + 2:].split()
        return int(fields[1]), int(fields[21]) * PAGE  # ppid, rss

    def sample(self) -> None:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        alive = set(pids)
        for gone in set(self._parent) - alive:
            del self._parent[gone]
        rss: dict[int, int] = {}
        for pid in pids:
            if pid not in self._parent or pid == self.root or self._in_tree(self._parent[pid]):
                stat = self._stat(pid)
                if stat:
                    self._parent[pid] = stat[0]
                    rss[pid] = stat[1]
        total = sum(size for pid, size in rss.items() if pid == self.root or self._in_tree(self._parent[pid]))
        self.peak = max(self.peak, total)

    def _in_tree(self, pid: int) -> bool:
        seen = 0
        while pid and seen < 64:
            if pid == self.root:
                return True
            pid, seen = self._parent.get(pid, 0), seen + 1
        return False

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.sample()


def run(cmd: list[str], cwd: Path, log: Path, env: dict | None = None) -> dict:
    """Run cmd to completion: wall seconds, CPU seconds (user + system of it and every process it waited for,
    from wait4) and peak MB of its whole process tree (TreeSampler). Output goes to log; a failure stops the
    benchmark with its end. The file system is synced first: a command does not pay for writing out what the
    one before it wrote (the kernel makes a writer wait once too much is unwritten)."""
    os.sync()
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} 失败（状态 {proc.returncode}）：\n"
                         + log.read_text(encoding="utf-8", errors="replace")[-3000:])
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": sampler.peak / 2**20}


def page_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Every HTML page of a built site: its path → (bytes, bytes gzipped at level 6, as web servers do)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        raw = path.read_bytes()
        out[path.relative_to(site).as_posix()] = (len(raw), len(gzip.compress(raw, 6, mtime=0)))
    return out


def sections(sizes: dict[str, tuple[int, int]]) -> list[tuple[str, int, tuple[int, int] | None, int, str]]:
    """Per top-level folder: (folder, its pages, its index page's (bytes, gzip) if it has one, pages of long
    lists cut into parts (…/p/<n>/), its largest page by gzip size)."""
    out = []
    for top in sorted({p.split("/", 1)[0] for p in sizes if "/" in p}):
        mine = [p for p in sizes if p.startswith(f"{top}/")]
        pager = sum(1 for p in mine if re.search(r"/p/\d+/index\.html$", p))
        out.append((top, len(mine), sizes.get(f"{top}/index.html"), pager, max(mine, key=lambda p: sizes[p][1])))
    return out


def compare_trees(a: Path, b: Path) -> tuple[int, list[str]]:
    """Files in both trees, and the relative paths that differ (in one tree only, or different bytes)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(f"只在增量中：{p}" for p in files_a - files_b)
    differ += sorted(f"只在全量中：{p}" for p in files_b - files_a)
    differ += sorted(f"内容不同：{p}" for p in files_a & files_b if (a / p).read_bytes() != (b / p).read_bytes())
    return len(files_a | files_b), differ
