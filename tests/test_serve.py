"""`zwgk serve` as an editor uses it: while a record has an error the preview keeps answering with
the last good site and shows the error (Chinese, file:line) on the page and in the terminal; the
next good save brings the site back without the banner. The addresses it announces are the ones
it listens on. Every request has a timeout: a preview must never hang."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import project_copy
from test_ipv6 import get
from webtools import REPO, free_port

AS_OF = "2026-11-22"
GUIDE = REPO / "content" / "bzzn" / "yl.md"
ADDRESSES = re.compile(r"预览地址：(.*?)（")


class Serving:
    """A command in its own process group, its stderr collected line by line as it comes."""

    def __init__(self, cmd: list[str], cwd: Path):
        self.proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, seconds: float) -> re.Match:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found := re.search(pattern, self.stderr):
                return found
            if self.proc.poll() is not None:
                time.sleep(0.2)  # the reader may still hold the last lines
                if found := re.search(pattern, self.stderr):
                    return found
                pytest.fail(f"exited with {self.proc.returncode}:\n{self.stderr[-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"no {pattern!r} within {seconds} s:\n{self.stderr[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.reader.join(timeout=10)  # the last lines it printed (预览已停止) are read before anyone looks


def zwgk_serve(cwd: Path, *args: str) -> Serving:
    return Serving([sys.executable, "-m", "zwgk.cli", "serve", "--as-of", AS_OF, *args], cwd)


def announced(serving: Serving) -> list[str]:
    return (
        ADDRESSES.search(serving.wait_for(ADDRESSES.pattern, 180).group(0)).group(1).split(" 及 ")
    )


def demo_copy(tmp_path: Path) -> Path:
    """A project holding a copy of the demo's records (tasks_yaml/), to edit while it is served."""
    project = project_copy(tmp_path)
    shutil.rmtree(project / "tasks_yaml")
    shutil.copytree(REPO / "tasks_yaml", project / "tasks_yaml")
    return project


def poll(port: int, path: str, until, seconds: float) -> tuple[int, str, float]:
    """GET path every 0.2 s until until(status, text); each request must answer within 5 s.
    Returns the last answer and the slowest request's time."""
    deadline, slowest = time.monotonic() + seconds, 0.0
    while True:
        started = time.monotonic()
        status, body = get("::1", port, path, timeout=5)
        slowest = max(slowest, time.monotonic() - started)
        text = body.decode("utf-8")
        if until(status, text) or time.monotonic() > deadline:
            return status, text, slowest
        time.sleep(0.2)


def test_record_error_keeps_the_last_good_site_and_shows_the_error(tmp_path):
    project = demo_copy(tmp_path)
    record = min((project / "tasks_yaml" / "normative").glob("*.yml"))
    good = record.read_text(encoding="utf-8")
    title = re.search(r"^title:\s*(.+)$", good, re.MULTILINE).group(1).strip()
    where = f"tasks_yaml/normative/{record.name}:{len(good.splitlines()) + 1}:"
    page = f"/gfxwj/{record.stem}/"
    port = free_port()
    serving = zwgk_serve(project, "--port", str(port))
    try:
        announced(serving)
        status, text, _ = poll(port, page, lambda s, t: True, 0)
        assert status == 200 and title in text and "zwgk-preview-error" not in text

        record.write_text(good + "title: [未闭合\n", encoding="utf-8")  # the guide's example
        status, text, slowest = poll(port, page, lambda s, t: "zwgk-preview-error" in t, 30)
        assert status == 200 and title in text  # the last good page
        banner = re.search(r'<div id="zwgk-preview-error".*?</div>', text, re.DOTALL).group(0)
        assert "预览未更新" in banner and "上一次成功生成的网站" in banner
        assert where in banner and "错误: YAML 语法错误" in banner
        serving.wait_for(re.escape(where) + ".*错误", 10)
        serving.wait_for("改正并保存后自动重新生成。", 10)
        quoted = re.search(
            r"## 预览时有错误\n.*?```\n(.*?)```", GUIDE.read_text("utf-8"), re.DOTALL
        )
        printed = serving.stderr.splitlines()
        assert [q for q in quoted.group(1).splitlines() if q not in printed] == [], (
            "content/bzzn/yl.md quotes lines zwgk serve does not print"
        )
        assert "预览未更新" in serving.stderr
        assert "An error happened" not in serving.stderr  # MkDocs' own message is not shown
        status, text = get("::1", port, "/no/such/page/", timeout=5)
        assert status == 404 and "找不到您要访问的页面" in text.decode() and where in text.decode()

        record.write_text(good, encoding="utf-8")  # fixed: the next save rebuilds
        status, text, slowest_fix = poll(
            port, page, lambda s, t: "zwgk-preview-error" not in t, 120
        )
        assert status == 200 and title in text and "zwgk-preview-error" not in text
        serving.wait_for("错误已改正", 10)
        # every request answered, also during both rebuilds (get would raise after 5 s)
        assert max(slowest, slowest_fix) < 5, (slowest, slowest_fix)
    finally:
        serving.stop()
    assert "预览已停止" in serving.stderr and "Traceback" not in serving.stderr


@pytest.mark.parametrize(
    "host, hosts",
    [("::1", ["[::1]"]), ("127.0.0.1", ["127.0.0.1"]), ("::", ["[::1]", "127.0.0.1"])],
)
def test_announced_addresses_are_the_ones_that_answer(tmp_path, host, hosts):
    project = project_copy(tmp_path)
    port = free_port()
    serving = zwgk_serve(project, "--host", host, "--port", str(port))
    try:
        assert announced(serving) == [f"http://{h}:{port}/" for h in hosts]
        for loopback in ["::1", "127.0.0.1"]:
            if f"[{loopback}]" in hosts or loopback in hosts:
                assert get(loopback, port, "/", timeout=5)[0] == 200
            else:
                with pytest.raises(OSError):
                    socket.create_connection((loopback, port), timeout=2).close()
    finally:
        serving.stop()


def test_listening_urls_follow_the_bound_socket():
    from zwgk.site import listening_urls

    cases = [
        (socket.AF_INET6, "::1", None, ["http://[::1]:{port}/"]),
        (socket.AF_INET, "127.0.0.1", None, ["http://127.0.0.1:{port}/"]),
        (socket.AF_INET, "0.0.0.0", None, ["http://127.0.0.1:{port}/"]),
        (socket.AF_INET6, "::", 1, ["http://[::1]:{port}/"]),
        (socket.AF_INET6, "::", 0, ["http://[::1]:{port}/", "http://127.0.0.1:{port}/"]),
    ]
    for family, host, v6only, expected in cases:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            if v6only is not None:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
            sock.bind((host, 0))
            port = sock.getsockname()[1]
            assert listening_urls(sock) == [u.format(port=port) for u in expected], host
            assert listening_urls(sock, "/zwgk/")[0].endswith(f":{port}/zwgk/")


def test_port_in_use_is_reported_in_chinese(tmp_path):
    project = project_copy(tmp_path)
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as taken:
        taken.bind(("::", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serving = zwgk_serve(project, "--port", str(port))
        serving.proc.wait(timeout=60)
    assert serving.proc.returncode == 2
    serving.wait_for(f"端口 {port} 已被占用", 5)
    assert "Traceback" not in serving.stderr


def test_a_saved_record_shows_its_own_page_first_then_the_rest_and_the_search_follow(tmp_path):
    """The quick path (zwgk.site): the record's page is rendered again in place before the incremental build;
    the search index follows in the background while every page says it is behind."""
    project = demo_copy(tmp_path)
    record = min((project / "tasks_yaml" / "normative").glob("*.yml"))
    text = record.read_text(encoding="utf-8")
    title = re.search(r"^title:\s*(.+)$", text, re.MULTILINE).group(1).strip()
    page = f"/gfxwj/{record.stem}/"
    port = free_port()
    serving = zwgk_serve(project, "--records", "tasks_yaml", "--port", str(port))
    try:
        announced(serving)
        serving.wait_for("搜索索引已更新", 300)  # the first build's index, in the background
        status, body, _ = poll(port, page, lambda s, t: True, 0)
        assert status == 200 and title in body and "data-zwgk-search-stale" not in body

        record.write_text(text.replace(title, title + "（预览测试）", 1), encoding="utf-8")
        status, body, _ = poll(port, page, lambda s, t: "（预览测试）" in t, 120)
        assert "（预览测试）" in body
        serving.wait_for(r"已更新所改记录的 1 个页面（用时 [\d.]+ 秒）", 10)
        seen_behind = False
        deadline = time.monotonic() + 300
        while serving.stderr.count("搜索索引已更新") < 2 and time.monotonic() < deadline:
            status, body = get("::1", port, "/", timeout=5)
            seen_behind = seen_behind or b"data-zwgk-search-stale" in body
            time.sleep(0.2)
        assert serving.stderr.count("搜索索引已更新") == 2, serving.stderr[-2000:]
        assert seen_behind, "pages should say the search is behind while it is rebuilt"
        status, body, _ = poll(port, "/gfxwj/", lambda s, t: "（预览测试）" in t, 30)  # the lists follow
        assert "（预览测试）" in body and "data-zwgk-search-stale" not in body
        assert get("::1", port, "/pagefind/pagefind-entry.json", timeout=5)[0] == 200

        # reading a record is no change (the system's change notices report reads too)
        builds = serving.stderr.count("预览已更新")
        record.read_text(encoding="utf-8")
        (project / "tasks_yaml" / "portal.yml").read_bytes()
        time.sleep(2)
        assert serving.stderr.count("预览已更新") == builds and "检测到修改" not in serving.stderr
    finally:
        serving.stop()
    assert "Traceback" not in serving.stderr


def group_members(pgid: int) -> list[str]:
    """The program names (argv[0] without its folder) of the running processes in process group pgid."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                argv0 = (stat.parent / "cmdline").read_bytes().split(b"\0", 1)[0].decode()
                found.append(Path(argv0).name)
        except (OSError, IndexError, ValueError):
            continue
    return found


def test_a_newer_save_ends_the_background_index_and_everything_it_started(built_site, tmp_path):
    """The preview's search index is built by a process group of its own (mkdocs_build.start_index_behind),
    so that the server never waits for it; the next save ends it at once, Pagefind and the bundle's
    workers included (stop_index), and the index the site had stays whole."""
    sys.path.insert(0, str(REPO / "build_scripts"))
    from zwgk.mkdocs_build import cache_dir, start_index_behind, stop_index

    copies = cache_dir(built_site) / "search"
    cache, site = tmp_path / "cache", tmp_path / "site"
    pages = sorted(p.relative_to(copies) for p in copies.rglob("*.html"))
    with_copy = []
    for k in range(20):  # enough pages for Pagefind to be at work when the save comes
        for rel in pages:
            (cache / "search" / f"x{k}" / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(copies / rel, cache / "search" / f"x{k}" / rel)
            with_copy.append(f"x{k}/{rel.as_posix()}")
    shutil.copytree(built_site / "pagefind", site / "pagefind")
    before = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))

    proc = start_index_behind({"site": site, "cache": cache, "with_copy": with_copy}, "key")
    deadline = time.monotonic() + 120
    while not any(name.startswith("pagefind") for name in group_members(proc.pid)):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.01)
    stop_index(proc)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(proc.pid) == []  # no Pagefind or worker left behind
    assert sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")) == before
