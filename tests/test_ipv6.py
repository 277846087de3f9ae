"""IPv6: `zwgk serve` listens dual stack on [::]; the built site works from an IPv6-only server,
at the root and under a sub-path, with every page, asset and link answering."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections import deque

import pytest
from webtools import REPO, css_urls, file_for, free_port, is_local, page_urls, resolve, serve

AS_OF = "2026-11-22"


def get(host: str, port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(
            "GET", path, headers={"Host": f"[{host}]:{port}" if ":" in host else f"{host}:{port}"}
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_serving(proc, port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"zwgk serve exited with {proc.returncode}:\n{proc.stdout.read()[-3000:]}")
        try:
            if get("::1", port, "/", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail("zwgk serve did not answer within 3 minutes")


def test_zwgk_serve_answers_over_ipv6_and_ipv4():
    port = free_port()
    cmd = [sys.executable, "-m", "zwgk.cli", "serve", "--as-of", AS_OF, "--port", str(port)]
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until_serving(proc, port)
        v6_status, v6_body = get("::1", port, "/")
        v4_status, v4_body = get("127.0.0.1", port, "/")
        assert (v6_status, v4_status) == (200, 200)
        assert b'lang="zh-CN"' in v6_body and b'lang="zh-CN"' in v4_body
        if shutil.which("ss"):  # one socket on the wildcard address, not two
            listening = subprocess.run(
                ["ss", "-Hltn", f"sport = :{port}"], check=False, capture_output=True, text=True
            ).stdout
            assert f"[::]:{port}" in listening or f"*:{port}" in listening, listening
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_dual_stack_socket_accepts_ipv4_even_where_ipv6_is_v6only_by_default():
    """zwgk.site binds [::] with IPV6_V6ONLY off explicitly (net.ipv6.bindv6only may be 1 on a host)."""
    from mkdocs.livereload import LiveReloadServer
    from zwgk.site import dual_stack

    server = LiveReloadServer(builder=lambda: None, host="::", port=0, root=str(REPO))
    server.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)  # as with bindv6only=1
    with dual_stack():
        server.server_bind()
    try:
        assert server.socket.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY) == 0
    finally:
        server.server_close()


def crawl(site, host: str, port: int, prefix: str) -> tuple[set[str], list[str]]:
    """Follow every local reference from the home page (HTML and CSS); returns (fetched, failures)."""
    seen, failures = set(), []
    queue = deque([prefix])
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        status, body = get(host, port, urllib.parse.quote(path, safe="/%:@"))
        if status != 200:
            failures.append(f"{status} {path}")
            continue
        if path.endswith((".html", "/")):
            refs = [url for _, url in page_urls(body.decode("utf-8", "replace"))]
        elif path.endswith(".css"):
            refs = css_urls(body.decode("utf-8", "replace"))
        else:
            continue
        for url in refs:
            if not is_local(url):
                continue
            target = resolve(path, url)
            if not target.startswith(prefix):
                failures.append(f"{path} → {url} leaves {prefix}")
            elif target not in seen:
                queue.append(target)
    return seen, failures


@pytest.mark.parametrize("prefix", ["/", "/zwgk/demo/"], ids=["root", "sub-path"])
def test_every_link_answers_from_an_ipv6_only_server(built_site, prefix):
    with serve(built_site, prefix) as base:
        port = urllib.parse.urlsplit(base).port
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()  # really IPv6 only
        fetched, failures = crawl(built_site, "::1", port, prefix)
    assert failures == []
    pages = {p for p in fetched if p.endswith(("/", ".html"))}
    assert len(pages) > 50


def test_every_file_of_the_site_is_served_over_ipv6(built_site):
    files = [p for p in built_site.rglob("*") if p.is_file()]
    with serve(built_site) as base:
        port = urllib.parse.urlsplit(base).port
        failures = []
        for path in files:
            url = "/" + urllib.parse.quote(path.relative_to(built_site).as_posix())
            status, body = get("::1", port, url)
            if status != 200 or body != path.read_bytes():
                failures.append(f"{status} {url}")
    assert len(files) > 100
    assert failures == []


def test_links_resolve_to_files_in_the_site(built_site):
    """The same check without a server: each local reference of each page names a file of the site."""
    broken = []
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        if rel == "404.html" or rel.startswith("pagefind/"):
            continue
        base = "/" + (rel.removesuffix("index.html"))
        for _, url in page_urls(page.read_text(encoding="utf-8")):
            if is_local(url) and file_for(built_site, resolve(base, url)) is None:
                broken.append(f"{rel}: {url}")
    assert broken == []
