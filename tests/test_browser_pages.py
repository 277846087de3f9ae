"""The column pages in Chromium: one page of each kind (screenshots in tests/artifacts/pages/), following
document ⇄ interpretation ⇄ Q&A links by clicking, and hostile records where nothing may execute."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from htmldom import Site, main_content
from webtools import guard_hosts, origin, serve

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts" / "pages"


def first(urls, predicate=lambda url: True) -> str:
    found = [u for u in urls if predicate(u)]
    assert found, "no page of this kind"
    return found[0]


def linked_under(site: Site, url: str, heading: str) -> bool:
    """Whether the list right after the article's <h2>heading</h2> has a link."""
    children = [c for c in main_content(site.page(url)).children if not isinstance(c, str)]
    for h2, nxt in zip(children, children[1:]):
        if h2.tag == "h2" and h2.text().strip() == heading:
            return nxt.tag == "ul" and bool(nxt.find_all("a"))
    return False


def kinds(site: Site) -> dict[str, str]:
    """One URL per kind of page, chosen from the built site (the richest example where it matters)."""
    pages = site.pages()
    views = ("xxyx", "yxx", "fbjg", "nf")

    def has(url, cls):
        return main_content(site.page(url)).find(cls=cls) is not None

    docs = [u for u in pages if re.fullmatch(r"gfxwj/[^/]+/", u) and u.split("/")[1] not in views]
    qas = [u for u in pages if re.fullmatch(r"zcwd/[^/]+/", u)]
    areas = [u for u in pages if re.fullmatch(r"zdly/[^/]+/", u)]
    depts = [u for u in pages if re.fullmatch(r"zdgz/\d+/dept/[^/]+/", u)]
    return {
        "home": "",
        "gfxwj-index": "gfxwj/",
        "gfxwj-catalogue": "gfxwj/xxyx/",
        "gfxwj-by-validity": first(pages, lambda u: u.startswith("gfxwj/yxx/")),
        "gfxwj-by-issuer": first(pages, lambda u: u.startswith("gfxwj/fbjg/")),
        "gfxwj-by-year": first(pages, lambda u: u.startswith("gfxwj/nf/")),
        "document": first(docs, lambda u: has(u, "zwgk-validity__detail")),
        "interpretation-index": "zcjd/",
        "interpretation": first(pages, lambda u: re.fullmatch(r"zcjd/[^/]+/", u) is not None),
        "qa-index": "zcwd/",
        "qa-with-notice": first(qas, lambda u: has(u, "zwgk-notice--stale")),
        "area-index": "zdly/",
        "area-with-entries": first(
            areas, lambda u: main_content(site.page(u)).find("table") is not None
        ),
        "area-empty": first(areas, lambda u: has(u, "zwgk-notice--empty")),
        "tasks-index": "zdgz/",
        "tasks-year": first(pages, lambda u: re.fullmatch(r"zdgz/\d+/", u) is not None),
        "tasks-departments": first(pages, lambda u: re.fullmatch(r"zdgz/\d+/dept/", u) is not None),
        "tasks-department": max(
            depts, key=lambda u: len(main_content(site.page(u)).find_all(cls="zwgk-task"))
        ),
    }


def open_context(browser, base: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    events = {"blocked": guard_hosts(context, origin(base)), "dialogs": [], "errors": []}
    page = context.new_page()
    page.on(
        "dialog",
        lambda d: (events["dialogs"].append(f"{page.url}: {d.type} {d.message}"), d.dismiss()),
    )
    page.on("pageerror", lambda e: events["errors"].append(f"{page.url}: {e}"))
    return context, page, events


def test_one_page_of_each_kind(built_site, browser):
    site = Site(built_site)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as base:
        context, page, events = open_context(browser, base)
        for kind, url in kinds(site).items():
            page.goto(base + url, wait_until="load")
            h1 = page.locator("article h1").first
            assert h1.is_visible(), kind
            assert h1.inner_text().strip(), kind
            page.screenshot(path=str(ARTIFACTS / f"{kind}.png"), full_page=True)
            if kind == "document":
                cell = page.locator("table.zwgk-fields tr", has_text="有效性").locator("td")
                assert re.match(r"^(已修改|已废止|已失效|尚未生效)（", cell.inner_text()), (
                    cell.inner_text()
                )
                assert page.locator(".zwgk-notice").first.is_visible()
            if kind == "qa-with-notice":
                assert page.locator(".zwgk-notice--stale").is_visible()
            if kind == "area-empty":
                assert page.locator(".zwgk-notice--empty").inner_text().strip()
            if kind == "tasks-year":
                box = page.locator("figure.zwgk-chart svg").bounding_box()
                assert box and box["height"] > 100 and box["width"] > 200
        context.close()
    assert not events["blocked"], events["blocked"]
    assert not events["dialogs"] and not events["errors"], events


def test_document_interpretation_and_qa_links_followed_by_clicking(built_site, browser):
    site = Site(built_site)
    doc = first(
        [u for u in site.pages() if re.fullmatch(r"gfxwj/[^/]+/", u)],
        lambda u: linked_under(site, u, "政策解读") and linked_under(site, u, "相关问答"),
    )
    with serve(built_site) as base:
        context, page, events = open_context(browser, base)
        page.goto(base + doc)
        title = page.locator("article h1").inner_text()
        # document → interpretation → back to the document
        page.locator("article h2:has-text('政策解读') + ul a").first.click()
        page.wait_for_load_state()
        assert "/zcjd/" in page.url
        page.locator("table.zwgk-fields tr", has_text="解读的文件").locator("a").click()
        page.wait_for_load_state()
        assert page.url == base + doc and page.locator("article h1").inner_text() == title
        # document → Q&A → back through its basis
        page.locator("article h2:has-text('相关问答') + ul a").first.click()
        page.wait_for_load_state()
        assert "/zcwd/" in page.url
        page.locator("article h2:has-text('政策依据') + ul a", has_text=title).first.click()
        page.wait_for_load_state()
        assert page.url == base + doc
        # the breadcrumb leads back to the column
        page.locator("nav.zwgk-breadcrumb a", has_text="规范性文件库").click()
        page.wait_for_load_state()
        assert page.url == base + "gfxwj/"
        context.close()
    assert not events["blocked"] and not events["dialogs"], events


MARKER_SCRIPT = """
window.__zwgk_fired = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  const original = window[name];
  window[name] = function (...args) { window.__zwgk_fired.push(name + ':' + args.join(',')); };
}
"""


def test_hostile_records_render_as_text_and_nothing_executes(hostile_site, browser):
    """Every page of the hostile fixture: no dialog, no script marker, no request to another host, even
    after hovering, tabbing through the page and using the search box."""
    site = Site(hostile_site)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    fired = []
    with serve(hostile_site) as base:
        context, page, events = open_context(browser, base)
        context.add_init_script(MARKER_SCRIPT)
        for url in site.pages():
            page.goto(base + url, wait_until="load")
            page.mouse.move(640, 300)
            page.mouse.move(300, 600)
            for _ in range(8):
                page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            fired += [f"{url}: {m}" for m in page.evaluate("window.__zwgk_fired || []")]
        page.goto(base + "gfxwj/h-2020-3/")
        assert "<script>alert('title-1')</script>" in page.locator("article h1").inner_text()
        assert "<script>alert('title-1')</script>" in page.title()
        page.screenshot(path=str(ARTIFACTS / "hostile-document.png"), full_page=True)
        page.goto(base + "zdgz/2024/")
        page.screenshot(path=str(ARTIFACTS / "hostile-tasks.png"), full_page=True)
        page.goto(base)
        search = page.locator("#zwgk-search-q")
        if search.count():
            search.fill("alert")
            search.press("Enter")
            page.wait_for_timeout(800)
            fired += [f"search: {m}" for m in page.evaluate("window.__zwgk_fired || []")]
        context.close()
    assert not fired, fired
    assert not events["dialogs"], events["dialogs"]
    assert not events["blocked"], events["blocked"]
