"""One platform, many publishers: each unit's 政府信息公开 column (指南, 制度, 法定主动公开内容, 年报, its library,
feed and open data), the 部门和乡镇 directory, the platform lists with their 发布单位, and search by unit.

Built once from tests/fixtures/platform/ (the minimal county plus 发改局 with records of every kind, 城关镇 with
its own 制度 and 收费 text, and 供水公司 with nothing published), read as parsed HTML; the browser tests serve it
under a sub-path.
"""

# ruff: noqa: F811 (test arguments named page are the search tests' fixture, imported below)
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from conftest import zwgk_build
from helpers import project_copy
from htmldom import Site, main_content
from test_pages import field_values, table_rows
from test_search_ui import PREFIX, page, shown, wait_results  # noqa: F401 (page: the search tests' fixture)
from webtools import (
    AXE_TAGS,
    axe_source,
    format_violations,
    guard_hosts,
    origin,
    run_axe,
    serve,
    serve_axe,
)
from zwgk.disclosure import CATEGORIES, latest_update, unit_records
from zwgk.pages.common import item_path, page_url
from zwgk.portal import load_portal
from zwgk.units import KIND_ORDER, unit_dir

AS_OF = dt.date(2026, 11, 22)
ATOM = "{http://www.w3.org/2005/Atom}"
META_NAMES = ("SiteName", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "ContentSource", "Url")
FGJ, CGZ, GS = "bm/fgj/", "xz/cgz/", "qy/gs/"
# records listed by category: 发改局 2 documents, 1 行政许可 and 1 预算 item; 城关镇 1 预算 item;
# the county government 5 documents and 1 预算 item
COUNTED = 11


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("platform"), "platform")


@pytest.fixture(scope="module")
def built(project):
    return zwgk_build(project / "site", cwd=project)


@pytest.fixture(scope="module")
def site(built) -> Site:
    return Site(built)


@pytest.fixture(scope="module")
def portal(project):
    return load_portal(project / "tasks_yaml", AS_OF)


def article(site: Site, url: str):
    return main_content(site.page(url))


def links(url: str, node) -> list[str]:
    return [u for el in node.find_all("a", href=True) if (u := Site.resolve(url, el.get("href"))) is not None]


def sections(art) -> dict[str, list]:
    """The article's <h2 id> sections: id → the elements up to the next <h2>."""
    out, current = {}, None
    for child in art.children:
        if isinstance(child, str):
            continue
        if child.tag == "h2":
            current = out.setdefault(child.get("id"), [])
        elif current is not None:
            current.append(child)
    return out


def unit_pages(site: Site) -> list[str]:
    """Every page of the units' columns, the directory, and the county government's generated parts."""
    return [u for u in site.pages() if u.startswith(("bm/", "xz/", "qy/", "dw/", "xxgk/fdzdgk/", "xxgk/gfxwj/",
                                                      "fdzdgk/"))]


def unit_url(portal, unit_id: str) -> str:
    return unit_dir(portal.units[unit_id]) + "/"


# --- 指南 -------------------------------------------------------------------------------------------


def test_guide_gives_the_units_own_contact_details(site, portal):
    unit = portal.units["fgj"]
    art = article(site, FGJ + "zn/")
    assert art.find("h1").text() == "政府信息公开指南"
    values = field_values(art.one("table", cls="zwgk-fields"))
    assert {k: v.text() for k, v in values.items()} == {
        "受理机构": unit.name + unit.department,  # 办公室 is the unit's own office
        "办公地址": unit.address,
        "邮政编码": unit.postcode,
        "办公时间": unit.hours,
        "咨询电话": unit.phone,
        "传真": unit.fax,
        "电子邮箱": unit.email,
    }
    assert values["咨询电话"].find("a").get("href") == f"tel:{unit.phone}"
    assert values["电子邮箱"].find("a").get("href") == f"mailto:{unit.email}"
    # 城关镇 filled in fewer fields: only those are listed, none is made up
    town = portal.units["cgz"]
    values = field_values(article(site, CGZ + "zn/").one("table", cls="zwgk-fields"))
    assert {k: v.text() for k, v in values.items()} == {
        "受理机构": town.name + town.department, "办公地址": town.address, "咨询电话": town.phone}


def test_guide_follows_the_regulation_unless_the_unit_wrote_its_own(site):
    text = article(site, FGJ + "zn/").text()
    for words in ("当面申请", "信函申请", "网络申请", "能够当场答复的，当场予以答复", "自收到申请之日起20个工作日内予以答复",
                  "延长的期限最长不超过20个工作日", "第三十三条", "不收取费用", "信息处理费", "第四十二条",
                  "行政复议", "行政诉讼", "第五十一条"):
        assert words in text, words
    town = article(site, CGZ + "zn/")
    assert "本镇依申请提供政府信息一律不收费。" in town.text() and "信息处理费" not in town.text()
    assert "第五十一条" in town.text()  # 监督和救济 is the regulation's for everyone
    assert "20个工作日内予以答复" in town.text()  # no apply text of its own: the default


def test_guide_is_searchable_under_its_unit(site, portal):
    filters = {el.get("data-pagefind-filter") for el in article(site, FGJ + "zn/").find_all(
        **{"data-pagefind-filter": True})}
    assert filters == {"栏目:政府信息公开", f"发布单位:{portal.units['fgj'].name}"}
    assert "data-pagefind-body" in article(site, FGJ + "zn/").attrs


# --- 制度 -------------------------------------------------------------------------------------------


def test_system_default_and_the_units_own(site):
    default = article(site, FGJ + "zd/")
    assert default.find("h1").text() == "政府信息公开制度"
    for words in ("主动公开制度", "依申请公开制度", "保密审查制度", "第十七条", "监督考核制度", "第四十九条"):
        assert words in default.text(), words
    own = article(site, CGZ + "zd/")
    assert own.find("strong").text() == "专人负责"  # the unit's Markdown, rendered
    assert "党政综合办公室统一受理" in own.text() and "第十七条" not in own.text()


# --- 法定主动公开内容 --------------------------------------------------------------------------------


def test_disclosure_has_every_category_in_order_with_an_anchor(site, portal):
    for unit in portal.units.values():
        url = unit_dir(unit) + "/fdzdgk/"
        art = article(site, url)
        h2 = [h for h in art.find_all("h2")]
        assert [h.get("id") for h in h2] == [c.id for c in CATEGORIES], url
        assert [h.text() for h in h2] == [c.title for c in CATEGORIES], url
        summary = links(url, art.find("table"))  # the overview links each section
        assert [u + "#" + c.id for u, c in zip(summary, CATEGORIES)] == [url + "#" + c.id for c in CATEGORIES]


def test_disclosure_lists_each_categorys_records_newest_first(site, portal):
    checked = 0
    for unit in portal.units.values():
        url = unit_dir(unit) + "/fdzdgk/"
        parts = sections(article(site, url))
        for category_id, records in unit_records(portal, unit.id).items():
            if category_id == "jgzn":
                continue
            title_cell = 1 if category_id == "gfxwj" else 0  # 序号 first in the documents' table
            listed = [links(url, row[title_cell])[0] for el in parts[category_id] if el.find("table")
                      for row in table_rows(el.find("table"))]
            if category_id == "gfxwj":
                expected = [f"gfxwj/{d.id}/" for d in records]
            else:
                expected = [page_url(item_path(i)) for i in records]
            assert listed == expected, (url, category_id)
            checked += len(expected)
    assert checked == COUNTED  # pins the fixture: a category that lost its records would not go unnoticed


def test_disclosure_shows_validity_functions_leaders_and_contacts(site, portal):
    unit = portal.units["fgj"]
    parts = sections(article(site, FGJ + "fdzdgk/"))
    docs = {links(FGJ + "fdzdgk/", row[1])[0]: row[-1].find("span", cls="zwgk-validity").text()
            for el in parts["gfxwj"] if el.find("table") for row in table_rows(el.find("table"))}
    assert docs == {"gfxwj/fgf-2025-1/": "现行有效", "gfxwj/fgf-2024-2/": "已废止"}
    jgzn = parts["jgzn"]
    body = next(el for el in jgzn if "zwgk-body" in el.classes)
    assert body.find("strong").text() == "统筹" and "价格监测" in body.text()
    tables = [el.find("table") for el in jgzn if el.find("table")]
    leaders = [[td.text() for td in row] for row in table_rows(tables[0])]
    assert leaders == [[p.name, p.title, p.duties or "—"] for p in unit.leaders]
    assert field_values(tables[1])["办公地址"].text() == unit.address


def test_an_empty_category_says_why_or_says_so(site, portal):
    parts = sections(article(site, FGJ + "fdzdgk/"))
    note = {n.category: n.note for n in portal.units["fgj"].empty_notes}["xzcf"]
    assert [el.text() for el in parts["xzcf"] if "zwgk-notice--empty" in el.classes] == [note]
    assert [el.text() for el in parts["ghjh"] if "zwgk-notice--empty" in el.classes] == ["暂无此类信息。"]
    nothing = sections(article(site, GS + "fdzdgk/"))  # 供水公司: no functions, no leaders, no contacts, no records
    for c in CATEGORIES:
        assert [el.text() for el in nothing[c.id] if "zwgk-notice--empty" in el.classes] == ["暂无此类信息。"], c.id


def test_items_filed_under_a_category_get_a_page_and_key_areas_keep_theirs(site, portal):
    url = "fdzdgk/xzxk/fgj-xk-2025/"
    doc = site.page(url)
    crumbs = [li.text() for li in doc.one("nav", cls="zwgk-breadcrumb").find_all("li")]
    assert crumbs == ["首页", "部门和乡镇", "测试县发展和改革局", "法定主动公开内容",
                      "测试县发展和改革局2025年企业投资项目核准结果公示"]
    metas = {m.get("name"): m.get("content") for m in doc.find_all("meta", name=True)}
    assert metas["ColumnName"] == "行政许可和对外管理服务" and metas["PubDate"] == "2025-06-10"
    assert site.exists("zdly/czyjs/fgj-ys-2025/") and site.exists("zdly/czyjs/cgz-ys-2025/")
    assert "zdly/czyjs/fgj-ys-2025/" in links("zdly/czyjs/", article(site, "zdly/czyjs/"))


# --- 年报 -------------------------------------------------------------------------------------------


def test_annual_reports_by_year_newest_first_or_a_note(site, portal):
    art = article(site, FGJ + "ndbg/")
    rows = table_rows(art.one("table"))
    assert [r[0].text() for r in rows] == ["2024年", "2023年"]
    assert [links(FGJ + "ndbg/", r[1])[0] for r in rows] == ["files/fgj-ndbg-2024.pdf", "xxgk/ndbg/"]
    assert (site.root / "files/fgj-ndbg-2024.pdf").is_file()  # a unit's report file is published
    assert rows[0][1].text() == "测试县发展和改革局2024年政府信息公开工作年度报告"
    town = article(site, CGZ + "ndbg/")
    assert town.find("table") is None
    assert town.one("div", cls="zwgk-notice--empty").text() == "本单位尚未在本平台发布政府信息公开工作年度报告。"


# --- the unit's library, feed and open data --------------------------------------------------------


def test_unit_index_has_the_four_parts_and_its_library(site, portal):
    art = article(site, FGJ)
    assert art.find("h1").text() == "测试县发展和改革局政府信息公开"
    parts = art.one("ul", cls="zwgk-entries")
    assert [(a.text(), Site.resolve(FGJ, a.get("href"))) for a in parts.find_all("a")] == [
        ("政府信息公开指南", FGJ + "zn/"), ("政府信息公开制度", FGJ + "zd/"),
        ("法定主动公开内容", FGJ + "fdzdgk/"), ("政府信息公开年报", FGJ + "ndbg/")]
    assert {FGJ + "gfxwj/", FGJ + "gfxwj/xxyx/", FGJ + "atom.xml"} <= set(links(FGJ, art))
    assert "2025年6月10日" in art.text()  # its latest update


def test_unit_library_and_in_force_catalogue(site, portal):
    lib = article(site, FGJ + "gfxwj/")
    rows = table_rows(lib.one("table", cls="zwgk-docs"))
    assert [th.text() for th in lib.one("table", cls="zwgk-docs").find("thead").find_all("th")] == [
        "序号", "名称", "文号", "发布机构", "发布日期", "有效性"]
    assert [links(FGJ + "gfxwj/", r[1])[0] for r in rows] == ["gfxwj/fgf-2025-1/", "gfxwj/fgf-2024-2/"]
    assert [r[-1].find("span", cls="zwgk-validity").text() for r in rows] == ["现行有效", "已废止"]
    assert "被废止" in rows[1][-1].text()  # validity in words, with the repealing document
    current = article(site, FGJ + "gfxwj/xxyx/")
    assert [links(FGJ + "gfxwj/xxyx/", r[1])[0] for r in table_rows(current.one("table", cls="zwgk-docs"))] == [
        "gfxwj/fgf-2025-1/"]
    assert "现行有效的规范性文件共 1 件" in current.text()
    assert article(site, CGZ + "gfxwj/").one("p", cls="zwgk-empty").text() == "暂无此类文件。"


@pytest.mark.parametrize("path, ids", [("gfxwj/gfxwj", ["fgf-2025-1", "fgf-2024-2"]), ("gfxwj/xxyx/xxyx", ["fgf-2025-1"])])
def test_unit_documents_as_csv_and_json(site, portal, path, ids):
    raw = (site.root / FGJ / f"{path}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["文号"] for r in rows] == [portal.documents[i].doc_number for i in ids]
    data = json.loads((site.root / FGJ / f"{path}.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ids and data["count"] == len(ids)
    assert data["source"] == "测试县发展和改革局"
    page = FGJ + path.rsplit("/", 1)[0] + "/"
    assert {FGJ + f"{path}.csv", FGJ + f"{path}.json"} <= set(links(page, article(site, page)))


def test_unit_feed_has_all_its_records_and_only_them(site, portal):
    feed = ET.fromstring((site.root / FGJ / "atom.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    hrefs = [Site.resolve(FGJ, e.find(f"{ATOM}link").get("href")) for e in entries]
    assert set(hrefs) == {"gfxwj/fgf-2025-1/", "gfxwj/fgf-2024-2/", "zcjd/jd-fgf-2025-1/", "zcwd/qa-fgj-1/",
                          "fdzdgk/xzxk/fgj-xk-2025/", "zdly/czyjs/fgj-ys-2025/"}
    assert all(site.exists(h) for h in hrefs)
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    assert Site.resolve(FGJ, feed.find(f"{ATOM}link[@rel='alternate']").get("href")) == FGJ
    assert ET.fromstring((site.root / GS / "atom.xml").read_bytes()).findall(f"{ATOM}entry") == []


# --- the platform ---------------------------------------------------------------------------------


def test_directory_lists_every_unit_by_kind_with_its_latest_update(site, portal):
    art = article(site, "dw/")
    kinds = [h.text() for h in art.find_all("h2")]
    assert kinds == [k for k in KIND_ORDER if any(u.kind == k for u in portal.units.values())]
    listed = {}
    for table in art.find_all("table"):
        for row in table_rows(table):
            listed[links("dw/", row[0])[0]] = (row[0].text(), row[-1].text())
    expected = {}
    for unit in portal.units.values():
        latest = latest_update(portal, unit.id)
        expected[unit_dir(unit) + "/"] = (unit.name, f"{latest.year}年{latest.month}月{latest.day}日" if latest
                                          else "暂无信息")
    assert listed == expected
    assert listed[GS][1] == "暂无信息" and listed[FGJ][1] == "2025年6月10日"
    home = article(site, "")
    assert "dw/" in links("", home.one("ul", cls="zwgk-entries"))


def test_only_the_directory_is_in_the_navigation(site):
    doc = site.page("dw/")
    nav = [Site.resolve("dw/", a.get("href")) for n in doc.find_all("nav", cls="md-nav") for a in n.find_all("a", href=True)]
    assert "dw/" in nav and "xxgk/fdzdgk/" in nav
    assert not [u for u in nav if u and u.startswith(("bm/", "xz/", "qy/", "fdzdgk/"))]


def test_platform_lists_show_each_records_publisher(site, portal):
    table = article(site, "gfxwj/").one("table", cls="zwgk-docs")
    headers = [th.text() for th in table.find("thead").find_all("th")]
    col = headers.index("发布单位")
    for row in table_rows(table):
        doc = portal.documents[links("gfxwj/", row[1])[0].split("/")[1]]
        unit = portal.unit_of(doc)
        assert row[col].text() == unit.label
        assert links("gfxwj/", row[col]) == [unit_dir(unit) + "/"]
    zcjd = {links("zcjd/", r[0])[0]: r[2].text() for r in table_rows(article(site, "zcjd/").one("table"))}
    assert zcjd == {"zcjd/jd-a/": "测试县人民政府", "zcjd/jd-fgf-2025-1/": "县发改委"}
    qa = {links("zcwd/", li)[0]: li.find("span", cls="zwgk-publisher").text()
          for li in article(site, "zcwd/").find_all("li") if li.find("span", cls="zwgk-publisher")}
    assert qa == {"zcwd/qa-1/": "（测试县人民政府）", "zcwd/qa-fgj-1/": "（县发改委）"}
    area = {links("zdly/czyjs/", r[0])[0]: r[2].text() for r in table_rows(article(site, "zdly/czyjs/").one("table"))}
    assert area == {"zdly/czyjs/ys-2024/": "测试县人民政府", "zdly/czyjs/fgj-ys-2025/": "县发改委",
                    "zdly/czyjs/cgz-ys-2025/": "城关镇"}


def test_library_offers_a_view_per_unit(site, portal):
    nav = article(site, "gfxwj/").one("nav", cls="zwgk-views")
    group = next(div for div in nav.find_all("div", cls="zwgk-views__group") if div.find("h3").text() == "按发布单位")
    views = {a.text(): Site.resolve("gfxwj/", a.get("href")) for a in group.find_all("a")}
    assert views == {"测试县人民政府": "xxgk/gfxwj/", "测试县发展和改革局": FGJ + "gfxwj/"}  # units with documents
    county = [links("xxgk/gfxwj/", r[1])[0] for r in table_rows(article(site, "xxgk/gfxwj/").one("table"))]
    assert sorted(county) == sorted(f"gfxwj/{d}/" for d, doc in portal.documents.items() if not doc.unit)


def test_every_record_page_names_its_publisher_and_carries_the_facet(site, portal):
    records = [(f"gfxwj/{d.id}/", d) for d in portal.documents.values()]
    records += [(f"zcjd/{i.id}/", i) for i in portal.interpretations.values()]
    records += [(f"zcwd/{q.id}/", q) for q in portal.qa.values()]
    records += [(page_url(item_path(i)), i) for i in portal.items]
    assert len(records) >= 12
    for url, record in records:
        art = article(site, url)
        unit = portal.unit_of(record)
        facets = [el.get("data-pagefind-filter") for el in art.find_all(**{"data-pagefind-filter": True})]
        assert f"发布单位:{unit.name}" in facets, url
        line = [el for el in art.find_all(cls="zwgk-publisher") if "发布单位" in el.text()]
        assert line and links(url, line[0]) == [unit_dir(unit) + "/"], url


def test_task_ledger_links_a_unit_to_its_column(site, portal):
    art = article(site, "zdgz/2023/")
    unit_links = [(a.parent.parent.text(), Site.resolve("zdgz/2023/", a.get("href")), a.get("aria-label"))
                  for a in art.find_all("a", href=True) if a.parent.get("class") == "zwgk-unit-link"]
    assert unit_links == [("县发改委（专栏）", FGJ, "测试县发展和改革局政府信息公开专栏")]
    dept = next(u for u in links("zdgz/2023/", art) if u.startswith("zdgz/2023/dept/") and u != "zdgz/2023/dept/"
                and "县发改委" in site.page(u).find("h1").text())
    assert FGJ in links(dept, article(site, dept))


def test_unit_pages_carry_meta_tags_and_breadcrumbs_that_resolve(site, portal):
    pages = unit_pages(site)
    assert len(pages) >= 25
    for url in pages:
        doc = site.page(url)
        metas = {m.get("name"): m.get("content") for m in doc.find_all("meta", name=True)}
        assert all(metas.get(n) for n in META_NAMES), (url, {n: metas.get(n) for n in META_NAMES})
        crumbs = doc.one("nav", cls="zwgk-breadcrumb")
        assert crumbs.find_all("li")[0].text() == "首页" and crumbs.find_all("li")[-1].get("aria-current") == "page"
        assert all(site.exists(u) for u in links(url, crumbs)), url
    metas = {m.get("name"): m.get("content") for m in site.page(FGJ + "zn/").find_all("meta", name=True)}
    assert metas["ColumnName"] == "测试县发展和改革局政府信息公开" and metas["ContentSource"] == "测试县发展和改革局"
    crumbs = [li.text() for li in site.page(FGJ + "gfxwj/xxyx/").one("nav", cls="zwgk-breadcrumb").find_all("li")]
    assert crumbs == ["首页", "部门和乡镇", "测试县发展和改革局", "规范性文件", "现行有效规范性文件目录"]


def test_every_link_on_the_unit_pages_resolves(site):
    broken = [(url, target) for url in unit_pages(site) for target in links(url, article(site, url))
              if not site.exists(target)]
    assert not broken, broken[:10]


# --- in Chromium ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(built):
    with serve(built, PREFIX) as url:
        yield url


def results(page, base, previous: str | None = None) -> tuple[str, list[str]]:
    """The status line once a search has finished (differing from previous), and the results' site paths."""
    return wait_results(page, previous), shown(page, base)


@pytest.mark.browser
def test_search_by_unit_over_the_whole_platform(page, base, portal):
    page.goto(base + "search/?q=" + urllib.parse.quote("办法"))  # 甲办法 (the county), 乙办法 (发改局)
    status, before = results(page, base)
    assert {"gfxwj/a-2023-1/", "gfxwj/fgf-2025-1/"} <= set(before)
    label = page.locator("#zwgk-sp-filters label", has_text="发布单位")
    select = page.locator("#" + label.get_attribute("for"))
    assert set(select.locator("option").all_inner_texts()) >= {"全部", "测试县人民政府", "测试县发展和改革局"}
    select.select_option("测试县发展和改革局")
    status, urls = results(page, base, status)
    fgj = {u for u, r in [(f"gfxwj/{d.id}/", d) for d in portal.documents.values()]
           + [(f"zcjd/{i.id}/", i) for i in portal.interpretations.values()]
           + [(f"zcwd/{q.id}/", q) for q in portal.qa.values()]
           + [(page_url(item_path(i)), i) for i in portal.items] + [(FGJ + "zn/", portal.units["fgj"])]
           if getattr(r, "unit", None) == "fgj" or r is portal.units["fgj"]}
    assert urls and set(urls) <= fgj, set(urls) - fgj
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["发布单位"] == ["测试县发展和改革局"]
    facts = page.locator(".zwgk-sp__result .zwgk-sp__facts").all_inner_texts()
    assert facts and all("发布单位：测试县发展和改革局" in f for f in facts)
    # the facet alone, no words: every record of 城关镇 and nothing else
    page.goto(base + "search/?" + urllib.parse.urlencode({"发布单位": "测试县城关镇人民政府"}))
    _, urls = results(page, base)
    assert set(urls) == {"zdly/czyjs/cgz-ys-2025/", CGZ + "zn/"}


@pytest.mark.browser
def test_unit_pages_work_from_a_sub_path(page, base):
    page.goto(base + "dw/")
    page.click("#zwgk-main a >> text=测试县发展和改革局")
    page.wait_for_url(re.compile(re.escape(PREFIX + FGJ) + "$"))
    page.click("#zwgk-main .zwgk-entries a >> text=法定主动公开内容")
    page.wait_for_url(re.compile(re.escape(PREFIX + FGJ + "fdzdgk/") + "$"))
    page.click("#zwgk-main a >> text=测试县发展和改革局2025年企业投资项目核准结果公示")
    page.wait_for_url(re.compile(re.escape(PREFIX) + "fdzdgk/xzxk/fgj-xk-2025/$"))
    page.click("nav.zwgk-breadcrumb a >> text=部门和乡镇")
    page.wait_for_url(re.compile(re.escape(PREFIX) + "dw/$"))
    for url in (FGJ + "zn/", FGJ + "gfxwj/xxyx/", CGZ + "ndbg/", "xxgk/fdzdgk/"):
        response = page.goto(base + url)
        assert response.status == 200, url
        assert page.locator("link[rel=stylesheet]").count() > 0
        loaded = page.evaluate("getComputedStyle(document.querySelector('.zwgk-breadcrumb ol')).display")
        assert loaded == "flex", url  # the site's own stylesheet, found from the sub-path


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_the_unit_pages(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    blocked = guard_hosts(context, origin(base))
    serve_axe(context, base, axe_source())
    page = context.new_page()
    found = {}
    wide = []
    for url in ("dw/", FGJ, FGJ + "zn/", FGJ + "fdzdgk/", GS + "fdzdgk/", FGJ + "ndbg/", FGJ + "gfxwj/"):
        page.goto(base + url)
        violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                          "resultTypes": ["violations"]})
        if violations:
            found[url] = violations
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"):
            wide.append(url)
    context.close()
    assert found == {}, "\n" + format_violations(found)
    assert blocked == [] and wide == []
