"""Lists that mix documents (#15 items 2 and 3): documents in force first, each listed document's validity in
words, and list tables that read as blocks on a phone and keep every column readable at 1280 px (Chromium)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from htmldom import Site, main_content
from test_pages import portal, site  # noqa: F401 (the demo as parsed HTML and its records as of its date)
from webtools import TABLE_LAYOUT_JS, guard_hosts, origin, serve

# The order a reader expects, written out here rather than taken from the code under test.
STANDING = {"现行有效": 0, "已修改": 0, "尚未生效": 1, "已废止": 2, "已失效": 2}
DOC = re.compile(r"^gfxwj/([a-z0-9-]+)/$")
CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def rows(site: Site, url: str, node=None):
    """(document id, validity in words, date, row) of each table row or list item of the page's lists that
    links a published document: its first such link (a later one may be the document that repealed it)."""
    art = node if node is not None else main_content(site.page(url))
    found = []
    for row in art.find_all("tr") + art.find_all("li"):
        if row.find("li") is not None or row.find("tr") is not None:
            continue
        ids = [m.group(1) for a in row.find_all("a", href=True)
               if (u := Site.resolve(url, a.get("href"))) and (m := DOC.match(u))]
        if not ids:
            continue
        badge = row.find(cls="zwgk-validity")
        day = row.find("time")
        date = dt.date(*map(int, CN_DATE.search(day.text()).groups())) if day is not None else None
        found.append((ids[0], badge.text() if badge is not None else None, date, row))
    return found


def list_pages(site: Site, portal) -> list[str]:
    """The lists that show normative documents: home, the library and its views, the 重点领域 columns, the
    政策解读 index, and each unit's 法定主动公开内容, library and catalogue."""
    pages = site.pages()
    views = [u for u in pages if re.fullmatch(r"gfxwj/(xxyx|yxx/\w+|fbjg/[^/]+|nf/\d+)/", u)]
    units = [u for u in pages if re.fullmatch(r"(bm|xz|qy)/[^/]+/(fdzdgk|gfxwj|gfxwj/xxyx)/|xxgk/(fdzdgk|gfxwj)/", u)]
    return ["", "gfxwj/", "zcjd/", *views, *[f"zdly/{c.id}/" for c in portal.columns], *units]


def test_every_list_says_each_documents_validity_in_words(site, portal):
    pages = list_pages(site, portal)
    assert len(pages) > 40
    listed, wrong = 0, []
    for url in pages:
        for doc_id, words, _, _ in rows(site, url):
            listed += 1
            if words != portal.validity[doc_id].state:
                wrong.append((url, doc_id, words, portal.validity[doc_id].state))
    assert wrong == []
    assert listed > 300


def in_force_first(entries) -> bool:
    """(standing, date) pairs: standing never goes back up, and within a standing dates go newest first."""
    keys = [(s, -(d.toordinal() if d else 0)) for s, d in entries]
    return keys == sorted(keys)


def test_documents_in_force_come_first_in_the_library_its_views_and_units(site, portal):
    checked = 0
    for url in list_pages(site, portal):
        if not (url.startswith("gfxwj/") or re.match(r"(bm|xz|qy)/[^/]+/gfxwj/|xxgk/gfxwj/", url)):
            continue
        entries = [(STANDING[w], d) for _, w, d, _ in rows(site, url)]
        assert in_force_first(entries), url
        checked += len(entries)
    assert checked > 100
    library = [doc_id for doc_id, *_ in rows(site, "gfxwj/")]
    assert sorted(library) == sorted(portal.documents)
    states = [portal.validity[d].state for d in library]
    assert states[0] == "现行有效" and STANDING[states[-1]] == 2  # the demo has both


def test_key_area_columns_list_documents_no_longer_in_force_last(site, portal):
    mixed = 0
    for c in portal.columns:
        table = main_content(site.page(f"zdly/{c.id}/")).find("table")
        if table is None:
            continue
        headers = [th.text() for th in table.find("thead").find_all("th")]
        cells = [tr.find_all("td") for tr in table.find("tbody").find_all("tr")]
        docs = [d for d in portal.documents.values() if c.id in d.columns]
        assert ("有效性" in headers) == bool(docs), c.id
        if not docs:
            continue
        states = [row[headers.index("有效性")].text() for row in cells]
        dates = [dt.date(*map(int, CN_DATE.search(row[headers.index("发布日期")].text()).groups())) for row in cells]
        assert in_force_first([(STANDING.get(s, 0), d) for s, d in zip(states, dates)]), c.id
        mixed += any(STANDING.get(s, 0) for s in states)
    assert mixed >= 2  # columns where a repealed, expired or pending document sinks below the rest


def test_interpretations_of_documents_in_force_come_first(site, portal):
    listed = rows(site, "zcjd/")
    assert len(listed) == len(portal.interpretations)
    assert in_force_first([(STANDING[w], d) for _, w, d, _ in listed])
    assert {STANDING[w] for _, w, _, _ in listed} >= {0, 2}  # the demo has both


def test_home_shows_the_newest_entries_documents_in_force_first(site, portal):
    latest = main_content(site.page("")).one("ul", cls="zwgk-latest").find_all("li")
    entries = []
    for li in latest:
        day = dt.date(*map(int, CN_DATE.search(li.find("time").text()).groups()))
        badge = li.find(cls="zwgk-validity")
        entries.append((STANDING[badge.text()] if badge is not None else 0, day))
    assert in_force_first(entries)
    newest = sorted([d.published for d in portal.documents.values()] + [i.published for i in portal.interpretations.values()]
                    + [q.updated for q in portal.qa.values()] + [i.published for i in portal.items if i.published],
                    reverse=True)[:len(latest)]
    assert sorted(d for _, d in entries) == sorted(newest)  # still the newest ones, in another order
    assert all(li.find(cls="zwgk-validity") for li in latest if "【规范性文件】" in li.text())


def test_qa_answers_resting_on_documents_in_force_come_first_in_each_topic(site, portal):
    art = main_content(site.page("zcwd/"))
    order = {"": 0, "（依据文件尚未施行）": 1, "（依据文件已变更，请注意）": 2}
    flagged = 0
    for ul in art.find_all("ul", cls="zwgk-links"):
        ranks = [order[li.find(cls="zwgk-flag").text() if li.find(cls="zwgk-flag") else ""] for li in ul.find_all("li")]
        assert ranks == sorted(ranks)
        flagged += sum(1 for r in ranks if r)
    assert flagged >= 1


# --- in Chromium ----------------------------------------------------------------------------------------

LIST_KINDS = ["gfxwj/", "zcjd/", "zdly/shjz/", "bm/fgj/fdzdgk/", "bm/mzj/gfxwj/"]

# Each row of each list table: where its validity and date cells are, what label they show, whether they fit.
ROWS_JS = """() => [...document.querySelectorAll('article table.zwgk-stack tbody tr')].map(tr => {
    const cell = label => tr.querySelector(`td[data-label="${label}"]`);
    const seen = td => {
        if (!td) return null;
        const r = td.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, width: r.width, text: td.innerText.trim(),
                label: getComputedStyle(td, '::before').content,
                state: (td.querySelector('.zwgk-validity') || {}).innerText};
    };
    const r = tr.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, main: seen(tr.querySelector('td.zwgk-main')),
            validity: seen(cell('有效性')), date: seen(cell('发布日期'))};
})"""


@pytest.mark.browser
def test_lists_read_as_blocks_on_a_phone_with_validity_and_date_in_view(built_site, browser):
    with serve(built_site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        blocked = guard_hosts(context, origin(base))
        page = context.new_page()
        for url in LIST_KINDS:
            page.goto(base + url, wait_until="load")
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
            assert page.evaluate(TABLE_LAYOUT_JS) == {}, url
            listed = page.evaluate(ROWS_JS)
            assert listed, url
            for row in listed:
                assert row["left"] >= 0 and row["right"] <= 390, (url, row)
                assert row["main"]["top"] <= min((c["top"] for c in (row["validity"], row["date"]) if c and c["text"]),
                                                 default=row["main"]["top"])  # the title leads the block
                for cell, label in ((row["date"], "发布日期"), (row["validity"], "有效性")):
                    if cell is None or not cell["text"]:
                        continue  # an entry of a column has no validity
                    assert cell["width"] > 0 and 0 <= cell["left"] and cell["right"] <= 390, (url, label, row)
                    assert cell["label"] == f'"{label}："', (url, cell)
            if url in ("gfxwj/", "zdly/shjz/"):
                shown = [r["validity"]["state"] for r in listed if r["validity"] and r["validity"]["state"]]
                tops = [r["top"] for r in listed if r["validity"] and r["validity"]["state"]]
                assert tops == sorted(tops)
                assert [STANDING[s] for s in shown] == sorted(STANDING[s] for s in shown), url
            # still a table to a screen reader: rows, column headers and cells
            tree = page.locator("article table.zwgk-stack").first.aria_snapshot()
            assert "- table" in tree and "- row" in tree and "- columnheader" in tree and "- cell" in tree, tree
        context.close()
    assert blocked == []


@pytest.mark.browser
def test_list_tables_fit_at_1280_px_with_every_column_readable(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for url in LIST_KINDS:
            page.goto(base + url, wait_until="load")
            assert page.evaluate(TABLE_LAYOUT_JS) == {}, url
        page.context.close()
