"""Accessibility of every page of the built demo site: axe-core in Chromium, plus structure checks.

The Chromium pass serves the site on [::1] only, under a sub-path, and blocks every request to
another host, so it also shows the site works over IPv6, from any sub-path, on its own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from webtools import (
    AXE_TAGS,
    TABLE_LAYOUT_JS,
    axe_source,
    chromium,
    format_violations,
    guard_hosts,
    is_local,
    origin,
    page_urls,
    run_axe,
    sample_pages,
    serve,
    serve_axe,
    site_pages,
)

PREFIX = "/zwgk/demo/"  # a sub-path deployment: every link must be relative for this to work
VALIDITY_STATES = {"现行有效", "尚未生效", "已修改", "已废止", "已失效"}


@pytest.fixture(scope="module")
def crawl(built_site):
    """Every page in Chromium at 1280 px: axe violations, other-host requests, failed requests, tables squeezed
    or scrolling and pages wider than the window."""
    axe_js = axe_source()
    result = {"violations": {}, "blocked": [], "failed": [], "errors": [], "pages": 0, "tables": {}}
    with serve(built_site, PREFIX) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        result["blocked"] = guard_hosts(context, origin(base))
        serve_axe(context, base, axe_js)
        page = context.new_page()
        page.on(
            "response", lambda r: r.status >= 400 and result["failed"].append(f"{r.status} {r.url}")
        )
        page.on(
            "console",
            lambda m: m.type == "error" and result["errors"].append(f"{page.url}: {m.text}"),
        )
        page.on("pageerror", lambda e: result["errors"].append(f"{page.url}: {e}"))
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        for rel in site_pages(built_site):
            if rel == "404.html":
                continue  # served for missing URLs; checked on its own below
            page.goto(base + rel, wait_until="load")
            result["pages"] += 1
            violations = run_axe(page, base, options)
            if violations:
                result["violations"][rel] = violations
            layout = page.evaluate(TABLE_LAYOUT_JS)
            if layout:
                result["tables"][rel] = layout
        context.close()
    return result


@pytest.mark.browser
def test_axe_finds_no_violation_on_any_page(crawl):
    assert crawl["pages"] > 0
    assert crawl["violations"] == {}, "\n" + format_violations(crawl["violations"])


@pytest.mark.browser
def test_every_page_fits_1280_px_with_no_table_cell_narrower_than_two_characters(crawl):
    """#15: no column squeezed to a character a line (a cell that wraps while narrower than two of its characters),
    no list table scrolling sideways, no page wider than the window. 390 px: test_keyboard_elder's reflow pass."""
    assert crawl["pages"] > 0
    assert crawl["tables"] == {}


@pytest.mark.browser
def test_no_page_requests_another_host(crawl):
    assert crawl["pages"] > 0
    assert crawl["blocked"] == []


@pytest.mark.browser
def test_every_request_succeeds_under_a_sub_path_over_ipv6(crawl):
    assert crawl["failed"] == []
    assert crawl["errors"] == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "width,elder",
    [(390, False), (390, True), (1280, True)],
    ids=["390px", "390px-elder", "1280px-elder"],
)
def test_axe_finds_no_violation_on_phones_and_in_elder_mode(built_site, width, elder):
    """The other layouts (drawer, wrapped header, large text) on every template and column."""
    axe_js = axe_source()
    found = {}
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 844})
        if elder:
            context.add_init_script("try { localStorage.setItem('zwgk-elder', '1') } catch (e) {}")
        blocked = guard_hosts(context, origin(base))
        serve_axe(context, base, axe_js)
        page = context.new_page()
        for rel in sample_pages(built_site):
            page.goto(base + rel, wait_until="load")
            violations = run_axe(
                page,
                base,
                {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
            )
            if violations:
                found[rel] = violations
        context.close()
    assert found == {}, "\n" + format_violations(found)
    assert blocked == []


@pytest.mark.browser
def test_404_page_has_no_violation(built_site):
    """404.html is served at whatever URL was missing, so MkDocs roots its links at site_url's path."""
    axe_js = axe_source()
    with serve(built_site, "/") as base, chromium() as browser:
        context = browser.new_context()
        blocked = guard_hosts(context, origin(base))
        serve_axe(context, base, axe_js)
        page = context.new_page()
        response = page.goto(base + "no/such/page/")
        assert response.status == 404
        page.goto(base + "404.html")
        violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert violations == [], format_violations({"404.html": violations})
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
            == "rgb(163, 21, 21)"
        )  # its stylesheets loaded
        assert blocked == []


# --- structure, read from the HTML files ------------------------------------------------------


class Structure(HTMLParser):
    """What the structure tests need from one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.tables: list[dict] = []
        self.status: list[list] = []  # [classes, text] of validity / overdue markers
        self._open_status = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "table":
            self.tables.append(
                {"caption": False, "th": 0, "th_scoped": 0, "class": a.get("class", "")}
            )
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        elif tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["th_scoped"] += a.get("scope") in {"col", "row", "colgroup", "rowgroup"}
        classes = (a.get("class") or "").split()
        if any(
            re.fullmatch(r"zwgk-(validity(--[\w-]+)?|overdue|status[\w-]*)", c) for c in classes
        ):
            self.status.append([classes, ""])
            self._open_status += 1
        elif self._open_status and tag not in {"br", "img", "wbr"}:
            self._open_status += 1

    def handle_endtag(self, tag):
        if self._open_status:
            self._open_status -= 1

    def handle_data(self, data):
        if self._open_status:
            self.status[-1][1] += data


def parse(path: Path) -> Structure:
    s = Structure()
    s.feed(path.read_text(encoding="utf-8"))
    return s


@pytest.fixture(scope="module")
def pages(built_site):
    return {
        rel: parse(built_site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel))
        for rel in site_pages(built_site)
    }


def test_every_page_is_in_simplified_chinese(pages):
    assert {rel: s.lang for rel, s in pages.items() if s.lang != "zh-CN"} == {}


def test_every_data_table_has_a_caption_and_scoped_headers(pages):
    tables = [(rel, t) for rel, s in pages.items() for t in s.tables]
    assert tables, "the demo site has tables"
    bad = [
        (rel, t)
        for rel, t in tables
        if not t["caption"] or t["th"] == 0 or t["th_scoped"] != t["th"]
    ]
    assert bad == []


def test_status_and_validity_are_written_in_words(pages):
    """A status is never shown by colour alone: every marker carries its state as text."""
    markers = [
        (rel, classes, text.strip()) for rel, s in pages.items() for classes, text in s.status
    ]
    assert markers, "the demo site shows validity"
    validity = [(rel, text) for rel, classes, text in markers if "zwgk-validity" in classes]
    assert validity and all(text in VALIDITY_STATES for _, text in validity), [
        v for v in validity if v[1] not in VALIDITY_STATES
    ][:5]
    assert [(rel, c) for rel, c, text in markers if not text] == []


def test_every_reference_is_relative(built_site):
    """No root-relative or absolute URL: the site works from any host and any sub-path. Links (<a>) to
    other hosts are not loads (the footer's 备案 links, tested in test_footer)."""
    offenders = []
    for rel in site_pages(built_site):
        if rel == "404.html":
            continue
        path = built_site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
        for tag, url in page_urls(path.read_text(encoding="utf-8")):
            if tag == "a" and re.match(r"https?://", url):
                continue
            if url.startswith("/") or (
                not is_local(url) and not url.startswith(("#", "mailto:", "tel:", "data:"))
            ):
                offenders.append((rel, tag, url))
    assert offenders == []


@pytest.mark.browser
def test_print_stylesheet_prints_only_the_document(built_site):
    documents = [
        p
        for p in sorted((built_site / "gfxwj").glob("*/index.html"))
        if 'class="zwgk-fields"' in p.read_text(encoding="utf-8")
    ]
    assert documents, "the demo site has normative documents with their elements table"
    rel = documents[0].parent.relative_to(built_site).as_posix() + "/"
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        page.goto(base + rel)
        page.emulate_media(media="print")
        shown = page.evaluate("""() => {
            const visible = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length
                && getComputedStyle(e).visibility !== 'hidden');
            const article = document.querySelector('article').getBoundingClientRect();
            return {chrome: ['.md-header', '.md-tabs', '.md-sidebar', '.md-footer', '.zwgk-skip',
                             '.zwgk-elder-toggle', '.zwgk-breadcrumb'].filter(visible),
                    title: visible('article h1'), tables: visible('article table'),
                    width: article.width / document.documentElement.clientWidth,
                    color: getComputedStyle(document.querySelector('article p, article td')).color,
                    overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth}
        }""")
        assert shown["chrome"] == []
        assert shown["title"] and shown["tables"]
        assert shown["width"] > 0.95
        assert shown["color"] == "rgb(0, 0, 0)"
        assert not shown["overflow"]
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.browser
def test_material_fetches_nothing_from_other_hosts_even_in_old_browsers(built_site):
    """Without ResizeObserver (Safari < 13.1) Material would load a polyfill from unpkg.com."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        blocked = guard_hosts(context, origin(base))
        context.add_init_script("delete window.ResizeObserver")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for rel in ["", "gfxwj/"]:
            page.goto(base + rel, wait_until="load")
            page.wait_for_timeout(300)
            page.click(".zwgk-menu-button")
            assert page.get_attribute(".zwgk-menu-button", "aria-expanded") == "true"
        context.close()
    assert blocked == [] and errors == []


def test_no_page_asks_material_for_features_that_load_from_other_hosts(built_site):
    """Mermaid diagrams (unpkg.com) and repository facts (api.github.com) are never triggered."""
    offenders = []
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r'class="[^"]*\bmermaid\b', text) or "md-source" in text:
            offenders.append(path.relative_to(built_site).as_posix())
    assert offenders == []
