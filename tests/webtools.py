"""Serving a built site over IPv6 loopback, Chromium, axe-core: what the browser tests share."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import re
import shutil
import socket
import subprocess
import threading
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_DIR = REPO / "tests" / ".node"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


class _V6OnlyServer(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True

    def server_bind(self):
        # IPv6 only, so a test that passes cannot have been answered over IPv4.
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        super().server_bind()

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a test failure


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under an optional URL prefix (a sub-path deployment); 404 outside it."""

    prefix = "/"

    def translate_path(self, path):
        url_path = urllib.parse.urlsplit(path).path
        if not url_path.startswith(self.prefix):
            return os.path.join(self.directory, "\0outside-prefix")
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve directory on [::1] only, under prefix ('/' or '/a/b/'); yields the base URL."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = _V6OnlyServer(("::1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://[::1]:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
        s.bind(("::1", 0))
        return s.getsockname()[1]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the site root ('' for home)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def sample_pages(site: Path, per_folder: int = 2) -> list[str]:
    """The home page and the first pages of each top-level folder: every template and column."""
    chosen, counts = [""], {}
    for rel in site_pages(site):
        folder = rel.split("/", 1)[0]
        if rel and counts.get(folder, 0) < per_folder:
            counts[folder] = counts.get(folder, 0) + 1
            chosen.append(rel)
    return chosen


class LinkParser(HTMLParser):
    """Every URL an HTML page refers to: href, src, srcset, action, poster, data."""

    ATTRS = frozenset({"href", "src", "action", "poster", "data"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in self.ATTRS:
                self.urls.append((tag, value.strip()))
            elif name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]


def page_urls(html_text: str) -> list[tuple[str, str]]:
    parser = LinkParser()
    parser.feed(html_text)
    return parser.urls


CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


def css_urls(css_text: str) -> list[str]:
    return [m.group(2) for m in CSS_URL.finditer(css_text)]


def is_local(url: str) -> bool:
    """A reference the site serves itself (not another host, not a data:/mailto:/tel: URL)."""
    return not re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)", url) and not url.startswith("#")


def resolve(base_path: str, url: str) -> str:
    """A relative reference from a page's URL path → the target URL path (no query/fragment)."""
    target = urllib.parse.urljoin(base_path, url)
    return urllib.parse.urlsplit(target).path


def file_for(site: Path, url_path: str) -> Path | None:
    """The file a static server returns for a URL path relative to the site root."""
    path = site / urllib.parse.unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def normpath_url(url_path: str) -> str:
    trailing = url_path.endswith("/")
    norm = posixpath.normpath(url_path)
    return norm + "/" if trailing and norm != "/" else norm


# --- Chromium and axe-core ------------------------------------------------------------------


def axe_source() -> str:
    """axe-core's browser bundle, installed from npm into tests/.node on first use."""
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm 不可用，无法安装 axe-core（运行 build_scripts/test.sh 可自动安装）")
        proc = subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                "axe-core@4",
            ],
            check=False,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0 or not AXE_JS.is_file():
            pytest.skip(f"无法从 npm 安装 axe-core：{proc.stderr[-500:]}")
    return AXE_JS.read_text(encoding="utf-8")


@contextlib.contextmanager
def chromium():
    """Debian's Chromium through Playwright (never a downloaded browser); skips when absent."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"没有 {CHROMIUM}（apt-get install chromium）")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guard_hosts(context, allowed_origin: str) -> list[str]:
    """Abort every request that does not go to allowed_origin; returns the list it fills with them."""
    blocked: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith((allowed_origin, "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    return blocked


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


AXE_URL = "__zwgk_test__/axe.min.js"


def serve_axe(context, base: str, axe_js: str) -> None:
    """Answer base + AXE_URL with axe-core inside the browser, so pages load it like their own file."""
    context.route(
        base + AXE_URL, lambda route: route.fulfill(body=axe_js, content_type="text/javascript")
    )


def run_axe(page, base: str, options: dict) -> list[dict]:
    """Run axe-core (see serve_axe) on the loaded page; its violations as small dicts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=base + AXE_URL)
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5],
            "summary": v["nodes"][0]["failureSummary"][:400] if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


def format_violations(found: dict[str, list[dict]]) -> str:
    lines = []
    for page, violations in found.items():
        for v in violations:
            lines.append(
                f"{page or '/'}: {v['id']} ({v['help']}) at {v['targets']}\n    {v['summary']}"
            )
    return "\n".join(lines)


# How the page's tables are laid out (#15): cells squeezed below two characters (a cell whose text wraps while its
# content box is narrower than two of its characters; a visually hidden header row does not count), list tables
# (zwgk-stack, pages/common.py table) that scroll sideways, and a page wider than the window. Evaluated in the page.
TABLE_LAYOUT_JS = """() => {
    const found = {narrow: [], scrolling: [], page: []};
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.page.push(root.scrollWidth);  // the page itself too wide
    const size = new Map();  // font size per table: a cell wider than 4 of its characters plus 3em of padding is fine
    for (const c of document.querySelectorAll('article :is(td, th)')) {
        const table = c.closest('table');
        if (!size.has(table)) size.set(table, parseFloat(getComputedStyle(table).fontSize));
        if (c.clientWidth > 7 * size.get(table)) continue;
        const head = c.closest('thead');
        if (!c.getClientRects().length || !c.textContent.trim()
            || (head && getComputedStyle(head).position === 'absolute')) continue;
        const s = getComputedStyle(c);
        const width = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (width >= 2 * parseFloat(s.fontSize) - 0.5) continue;
        const range = document.createRange();
        range.selectNodeContents(c);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) found.narrow.push([c.textContent.trim().slice(0, 12), Math.round(width)]);
    }
    for (const t of document.querySelectorAll('article table.zwgk-stack')) {
        const box = t.parentElement;
        if (box.scrollWidth > box.clientWidth + 1) found.scrolling.push(t.caption ? t.caption.innerText.slice(0, 30) : '');
    }
    return Object.fromEntries(Object.entries(found).filter(([k, v]) => v.length));
}"""
