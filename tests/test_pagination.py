"""Long lists are cut into pages (pages.common.page_chunks/pager): every document once, in order, each page
linking every other, the first page at the list's own address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from helpers import DOC, REVIEW, records_copy, write
from zwgk.pages import common, render_pages
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture
def pages(tmp_path, monkeypatch):
    root = records_copy(tmp_path)
    for n in range(1, 13):
        text = DOC.replace("9号", f"{n + 100}号").replace("2025-00009", f"2025-{n + 100:05d}")
        text = text.replace("published: 2025-01-05", f"published: 2025-01-{n + 5:02d}")
        write(root, f"normative/gen-{n}.yml", text + REVIEW)
    monkeypatch.setattr(common, "LIST_PAGE_SIZE", 5)
    portal = load_portal(root, AS_OF)
    return portal, {p.path: p for p in render_pages(portal)}


def listed(page) -> list[str]:
    return re.findall(r'<td[^>]*>(\d+)</td><td[^>]*><a href="(?:[^"]*/)?(gen-\d+|[a-e]-\d{4}-\d)/"', page.body)


def test_the_library_is_cut_into_pages_and_every_document_is_listed_once_in_order(pages):
    portal, by_path = pages
    count = len(portal.documents)  # 12 generated + the fixture's own
    paths = ["gfxwj/index.md"] + [f"gfxwj/p/{n}.md" for n in range(2, (count + 4) // 5 + 1)]
    assert [p for p in paths if p in by_path] == paths and f"gfxwj/p/{len(paths) + 1}.md" not in by_path
    rows = [row for path in paths for row in listed(by_path[path])]
    assert [int(n) for n, _ in rows] == list(range(1, count + 1))
    assert [i for _, i in rows] == [d.id for d in portal.in_force_first(portal.documents_newest_first())]
    second = by_path["gfxwj/p/2.md"]
    assert second.title == "规范性文件库（第 2 页）" and not second.in_nav
    assert 'aria-current="page">第 2 页（6–10）' in second.body
    assert 'href="../../">第 1 页（1–5）' in second.body and 'href="../3/">下一页' in second.body
    assert "分类浏览" in by_path["gfxwj/index.md"].body and "分类浏览" not in second.body


def test_a_view_is_cut_too_and_a_short_list_has_no_pager(pages):
    portal, by_path = pages
    from zwgk.pages.catalogue import year_path

    in_2025 = [d.id for d in portal.in_force_first(portal.documents_newest_first()) if d.published.year == 2025]
    first = year_path(2025)
    chunks = common.page_chunks(first, in_2025)
    assert [path for path, *_ in chunks] == [first, "gfxwj/nf/2025/p/2.md", "gfxwj/nf/2025/p/3.md"]
    rows = [i for path, *_ in chunks for _, i in listed(by_path[path])]
    assert rows == in_2025
    short = by_path[year_path(2023)]
    assert listed(short) and 'class="zwgk-pager"' not in short.body


@pytest.fixture(scope="module")
def demo_in_fives():
    """The demo county's pages with lists of at most five rows per page."""
    from conftest import REPO

    common.LIST_PAGE_SIZE, size = 5, common.LIST_PAGE_SIZE
    try:
        portal = load_portal(REPO / "tasks_yaml", AS_OF)
        return portal, {p.path: p for p in render_pages(portal)}
    finally:
        common.LIST_PAGE_SIZE = size


def linked(page, targets, body: str | None = None) -> list[str]:
    """The pages among targets (site paths such as 'zcjd/jd-1', no .md) that a page links, in order."""
    import posixpath

    hrefs = re.findall(r'<a href="([^"#]+/)"', page.body if body is None else body)
    found = [posixpath.normpath(posixpath.join(page.url, href)) for href in hrefs]
    return [t for t in found if t in set(targets)]


def test_the_interpretations_are_cut_into_pages_every_one_listed_once_in_order(demo_in_fives):
    portal, by_path = demo_in_fives
    from zwgk.pages.interpretation import INDEX

    order = [i.id for i in portal.in_force_first(
        sorted(portal.interpretations.values(), key=lambda i: (i.published, i.id), reverse=True),
        lambda i: portal.documents[i.of])]
    assert len(order) > 10
    paths = [path for path, *_ in common.page_chunks(INDEX, order, 5)]
    assert paths[1] == "zcjd/p/2.md" and all(p in by_path for p in paths)
    expected = [f"zcjd/{i}" for i in order]
    assert [t for p in paths for t in linked(by_path[p], expected)] == expected
    second = by_path["zcjd/p/2.md"]
    assert second.title == "政策解读（第 2 页）" and not second.in_nav and second.crumbs == [("政策解读", INDEX)]
    assert 'class="zwgk-pager"' in second.body and "订阅本栏目更新" not in second.body
    assert by_path[INDEX].in_nav and "订阅本栏目更新" in by_path[INDEX].body


def test_a_long_category_of_a_unit_shows_its_newest_and_links_the_whole_list_in_pages(demo_in_fives):
    """A unit's 法定主动公开内容 lists each category's newest LIST_PAGE_SIZE records; the rest are one link
    away, on pages of their own (units.category_pages), every record once, newest first."""
    portal, by_path = demo_in_fives
    from zwgk.disclosure import CATEGORIES, unit_records
    from zwgk.pages.common import DISCLOSURE, unit_page
    from zwgk.pages.units import category_path

    checked = 0
    for unit in portal.units.values():
        disclosure = by_path[unit_page(unit, DISCLOSURE)]
        for category in CATEGORIES:
            records = unit_records(portal, unit.id).get(category.id, [])
            if category.id in ("jgzn", "gfxwj") or not records:
                continue
            first = category_path(unit, category)
            if len(records) <= 5:
                assert first not in by_path
                continue
            section = disclosure.body.split(f"{{#{category.id}}}", 1)[1].split("\n## ", 1)[0]
            expected = [common.item_path(r).removesuffix(".md") for r in records]
            assert linked(disclosure, expected, section) == expected[:5]
            assert f"共 {len(records)} 条" in section and f"查看{category.title}全部信息" in section
            paths = [path for path, *_ in common.page_chunks(first, records, 5)]
            assert [t for p in paths for t in linked(by_path[p], expected)] == expected
            assert by_path[paths[-1]].crumbs[-1] == (category.title, first)
            checked += 1
    assert checked >= 2
