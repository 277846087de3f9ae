"""The column pages of the built demo site, read as parsed HTML: content, order, validity, links both ways."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from conftest import REPO
from htmldom import Site, main_content
from zwgk.dates import parse_deadline
from zwgk.load import iter_tasks
from zwgk.pages.common import unit_page
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)
CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
META_NAMES = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Description",
    "Url",
]
DOC_FIELDS = [
    "名称",
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "有效性",
    "施行日期",
    "有效期至",
]
STATES = {"现行有效", "尚未生效", "已修改", "已废止", "已失效"}


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site)


@pytest.fixture(scope="module")
def portal():
    return load_portal(REPO / "tasks_yaml", AS_OF)


def article(site: Site, url: str):
    return main_content(site.page(url))


def links(site: Site, url: str, node=None) -> list[str]:
    """Site URLs of the internal links inside node (default: the page's article)."""
    node = node if node is not None else article(site, url)
    return [
        u
        for a in node.find_all("a", href=True)
        if (u := Site.resolve(url, a.get("href"))) is not None
    ]


def section(site: Site, url: str, title: str):
    """The elements after the <h2> titled `title`, up to the next <h2>, wrapped as a list."""
    art = article(site, url)
    out, inside = [], False
    for child in art.children:
        if isinstance(child, str):
            continue
        if child.tag == "h2":
            inside = child.text().strip() == title
            continue
        if inside:
            out.append(child)
    return out


def section_links(site: Site, url: str, title: str) -> list[str]:
    return [u for el in section(site, url, title) for u in links(site, url, el)]


def cn_date(text: str) -> dt.date:
    m = CN_DATE.match(text.strip())
    assert m, f"not a Chinese date: {text!r}"
    return dt.date(*map(int, m.groups()))


def table_rows(table) -> list[list]:
    return [row.find_all("td") for row in table.find("tbody").find_all("tr")]


def in_force(row) -> bool:
    """A list row that is not a document no longer (or not yet) in force: lists put those last (test_lists)."""
    badge = row.find(cls="zwgk-validity")
    return badge is None or badge.text() in ("现行有效", "已修改")


def field_values(table) -> dict[str, object]:
    return {tr.find("th").text(): tr.find("td") for tr in table.find("tbody").find_all("tr")}


# 1. Home page -------------------------------------------------------------------------------------


def test_home_has_name_search_entries_with_counts_and_newest_entries(site, portal):
    art = article(site, "")
    assert portal.config.name in art.find("h1").text()
    form = art.one("form", role="search")
    assert form.find("input", type="search", name="q") is not None
    assert form.find("label") is not None
    entries = {
        a.text(): (Site.resolve("", a.get("href")), li.find("span", cls="zwgk-entry__count").text())
        for li in art.find_all("li", cls="zwgk-entry")
        for a in [li.find("a")]
    }
    assert set(entries) == {"规范性文件库", "政策解读", "政策问答库", "重点领域", "重点工作任务", "部门和乡镇"}
    assert entries["部门和乡镇"] == ("dw/", f"{len(portal.units)} 个")
    assert entries["规范性文件库"] == ("gfxwj/", f"{len(portal.documents)} 件")
    assert entries["政策解读"] == ("zcjd/", f"{len(portal.interpretations)} 篇")
    assert entries["政策问答库"] == ("zcwd/", f"{len(portal.qa)} 条")
    assert (
        entries["重点工作任务"][1]
        == f"{sum(len(list(iter_tasks(t))) for t in portal.tasks.values())} 项"
    )
    latest = art.one("ul", cls="zwgk-latest").find_all("li")
    assert len(latest) >= 5
    dates = [cn_date(li.find("time").text()) for li in latest if in_force(li)]  # the others last (test_lists)
    assert dates == sorted(dates, reverse=True)
    assert all(site.exists(links(site, "", li)[0]) for li in latest)


# 2. 规范性文件库 -----------------------------------------------------------------------------------


def test_index_lists_every_document_newest_first_with_number_issuer_date_validity(site, portal):
    table = article(site, "gfxwj/").find("table", cls="zwgk-docs")
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers == ["序号", "名称", "文号", "发布机构", "发布单位", "发布日期", "有效性"]
    rows = table_rows(table)
    urls = [links(site, "gfxwj/", row[1])[0] for row in rows]
    assert sorted(urls) == sorted(f"gfxwj/{d}/" for d in portal.documents)
    dates = [cn_date(row[5].text()) for row in rows if in_force(row[6])]
    assert dates == sorted(dates, reverse=True)
    for row, url in zip(rows, urls):
        doc = portal.documents[url.split("/")[1]]
        assert row[2].text() == doc.doc_number and row[3].text() == doc.issuer
        assert row[4].text() == portal.unit_of(doc).label
        assert row[6].find("span", cls="zwgk-validity").text() == portal.validity[doc.id].state


def test_in_force_catalogue_is_its_own_page_with_exactly_the_documents_in_force(site, portal):
    index = article(site, "gfxwj/")
    assert "gfxwj/xxyx/" in links(site, "gfxwj/", index)
    art = article(site, "gfxwj/xxyx/")
    assert art.find("h1").text() == "现行有效规范性文件目录"
    rows = table_rows(art.find("table", cls="zwgk-docs"))
    listed = {links(site, "gfxwj/xxyx/", row[1])[0].split("/")[1] for row in rows}
    expected = {
        d for d, status in portal.validity.items() if status.state in ("现行有效", "已修改")
    }
    assert listed == expected and expected
    assert {row[6].find("span", cls="zwgk-validity").text() for row in rows} <= {
        "现行有效",
        "已修改",
    }
    assert f"共 {len(expected)} 件" in art.text()


def test_views_by_validity_issuer_and_year_partition_the_library(site, portal):
    nav = article(site, "gfxwj/").one("nav", cls="zwgk-views")
    view_urls = links(site, "gfxwj/", nav)
    assert len([u for u in view_urls if u.startswith("gfxwj/yxx/")]) == 5
    seen = {"yxx": Counter(), "fbjg": Counter(), "nf": Counter(), "dw": Counter()}
    for url in view_urls:
        kind = url.split("/")[1] if url.startswith("gfxwj/") else "dw"  # a unit's own library, in its column
        rows = (
            table_rows(article(site, url).find("table", cls="zwgk-docs"))
            if article(site, url).find("table", cls="zwgk-docs")
            else []
        )
        for row in rows:
            doc = portal.documents[links(site, url, row[1])[0].split("/")[1]]
            seen[kind][doc.id] += 1
            title = article(site, url).find("h1").text()
            if kind == "yxx":
                assert title == f"有效性：{portal.validity[doc.id].state}"
            elif kind == "fbjg":
                assert title == f"发布机构：{doc.issuer}"
            elif kind == "dw":
                assert title == "规范性文件" and url.startswith(unit_page(portal.unit_of(doc)).removesuffix("index.md"))
            else:
                assert title == f"{doc.published.year}年发布的规范性文件"
    for kind, counts in seen.items():
        assert set(counts) == set(portal.documents) and set(counts.values()) == {1}, kind


def test_document_page_has_all_elements_in_order(site, portal):
    for doc in portal.documents.values():
        url = f"gfxwj/{doc.id}/"
        fields = article(site, url).one("table", cls="zwgk-fields")
        values = field_values(fields)
        assert list(values) == DOC_FIELDS, url
        assert (
            values["文号"].text() == doc.doc_number and values["索引号"].text() == doc.index_number
        )
        assert cn_date(values["发布日期"].text()) == doc.published
        assert cn_date(values["施行日期"].text()) == doc.effective
        if doc.expires:
            assert cn_date(values["有效期至"].text()) == doc.expires
        else:
            assert values["有效期至"].text() == "长期"


def test_validity_in_words_with_date_and_changing_document(site, portal):
    changed = 0
    for doc in portal.documents.values():
        url = f"gfxwj/{doc.id}/"
        status = portal.validity[doc.id]
        cell = field_values(article(site, url).one("table", cls="zwgk-fields"))["有效性"]
        assert cell.find("span", cls="zwgk-validity").text() == status.state
        notice = article(site, url).find("div", cls="zwgk-notice")
        if status.state == "现行有效":
            assert notice is None
            continue
        assert notice is not None and status.state in notice.text(), url
        detail = cell.find("span", cls="zwgk-validity__detail").text()
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", detail), detail
        if status.by:
            changed += 1
            assert f"gfxwj/{status.by}/" in links(site, url, cell), url
    assert changed, "the demo should have amended or repealed documents"


def test_amend_and_repeal_links_go_both_ways(site, portal):
    pairs = 0
    for doc in portal.documents.values():
        url = f"gfxwj/{doc.id}/"
        for amender in portal.amended_by.get(doc.id, []):
            if amender in portal.documents:
                pairs += 1
                assert f"gfxwj/{amender}/" in section_links(site, url, "修改和废止情况")
                assert url in section_links(site, f"gfxwj/{amender}/", "修改和废止情况")
        if doc.repealed_by in portal.documents:
            pairs += 1
            assert f"gfxwj/{doc.repealed_by}/" in section_links(site, url, "修改和废止情况")
            assert url in section_links(site, f"gfxwj/{doc.repealed_by}/", "修改和废止情况")
    assert pairs


def test_attachments_show_type_and_size_and_link_to_the_file(site, portal):
    checked = 0
    for doc in portal.documents.values():
        url = f"gfxwj/{doc.id}/"
        items = [li for el in section(site, url, "附件") for li in el.find_all("li")]
        assert len(items) == len(doc.attachments), url
        for li, att in zip(items, doc.attachments):
            meta = li.find("span", cls="zwgk-attachment__meta").text()
            kind = {"docx": "Word", "doc": "Word", "pdf": "PDF"}.get(att.path.rsplit(".", 1)[-1])
            if kind:
                assert kind in meta
            a = li.find("a")
            if a is not None:
                target = Site.resolve(url, a.get("href"))
                assert site.exists(target), target
                size = (site.root / target).stat().st_size
                m = re.search(r"(\d+(?:\.\d)?) (KB|MB|字节)", meta)
                assert m, meta
                shown = float(m.group(1)) * {"字节": 1, "KB": 1024, "MB": 1024 * 1024}[m.group(2)]
                assert abs(shown - size) <= max(1024 * 1024 * 0.05, 512 + size * 0.01), (meta, size)
                checked += 1
    assert checked, "no attachment was published"


# 3. 政策解读 ---------------------------------------------------------------------------------------


def test_document_and_interpretation_link_each_other(site, portal):
    assert portal.interpretations
    for interp in portal.interpretations.values():
        iurl, durl = f"zcjd/{interp.id}/", f"gfxwj/{interp.of}/"
        fields = field_values(article(site, iurl).find("table", cls="zwgk-fields"))
        assert links(site, iurl, fields["解读的文件"]) == [durl]
        assert iurl in section_links(site, durl, "政策解读")
    for doc_id in portal.documents:
        for url in section_links(site, f"gfxwj/{doc_id}/", "政策解读"):
            assert portal.interpretations[url.split("/")[1]].of == doc_id


def test_interpretation_page_has_forms_date_and_contact(site, portal):
    for interp in portal.interpretations.values():
        art = article(site, f"zcjd/{interp.id}/")
        fields = field_values(art.find("table", cls="zwgk-fields"))
        assert fields["解读形式"].text() == "、".join(interp.forms)
        assert cn_date(fields["发布日期"].text()) == interp.published
        if interp.contact:
            contact = {
                t.find("caption").text(): field_values(t)
                for t in art.find_all("table", cls="zwgk-fields")
            }
            values = {k: v.text() for k, v in contact["咨询联系方式"].items()}
            assert values["咨询部门"] == interp.contact.department
            assert values["联系人"] == (interp.contact.person or "—")
            assert values["咨询电话"] == (interp.contact.phone or "—")


def test_interpretation_index_lists_all_newest_first(site, portal):
    rows = table_rows(article(site, "zcjd/").find("table"))
    assert sorted(links(site, "zcjd/", r[0])[0] for r in rows) == sorted(
        f"zcjd/{i}/" for i in portal.interpretations
    )
    dates = [cn_date(r[-1].text()) for r in rows if in_force(r[1])]
    assert dates == sorted(dates, reverse=True)


# 4. 政策问答库 -------------------------------------------------------------------------------------


def test_qa_index_groups_by_topic(site, portal):
    art = article(site, "zcwd/")
    topics = [h.text() for h in art.find_all("h2")]
    assert set(topics) == {q.topic for q in portal.qa.values()}
    nav_targets = [a.get("href") for a in art.one("nav", cls="zwgk-topics").find_all("a")]
    assert all(art.find(id=href[1:]) is not None for href in nav_targets)
    listed = links(site, "zcwd/")
    assert {f"zcwd/{q}/" for q in portal.qa} <= set(listed)


def test_qa_and_basis_documents_link_each_other_with_validity(site, portal):
    for q in portal.qa.values():
        url = f"zcwd/{q.id}/"
        basis = section(site, url, "政策依据")
        items = [li for el in basis for li in el.find_all("li")]
        for li, doc_id in zip(items, [b for b in q.basis if b in portal.documents]):
            assert links(site, url, li)[0] == f"gfxwj/{doc_id}/"
            assert li.find("span", cls="zwgk-validity").text() == portal.validity[doc_id].state
            assert url in section_links(site, f"gfxwj/{doc_id}/", "相关问答")


def test_interpretation_and_qa_on_the_same_document_link_each_other(site, portal):
    pairs = 0
    for interp in portal.interpretations.values():
        for q in portal.qa_of.get(interp.of, []):
            pairs += 1
            assert f"zcwd/{q.id}/" in section_links(site, f"zcjd/{interp.id}/", "相关问答")
            assert f"zcjd/{interp.id}/" in section_links(site, f"zcwd/{q.id}/", "相关解读")
    assert pairs


def test_qa_resting_on_a_document_no_longer_in_force_shows_a_notice(site, portal):
    stale = 0
    for q in portal.qa.values():
        art = article(site, f"zcwd/{q.id}/")
        notice = art.find("div", cls="zwgk-notice--stale")
        states = {portal.validity[b].state for b in q.basis if b in portal.documents}
        if states & {"已修改", "已废止", "已失效"} or any(
            b not in portal.documents for b in q.basis
        ):
            stale += 1
            assert notice is not None and "不是现行有效" in notice.text(), q.id
            assert notice.get("role") == "note"
        else:
            assert notice is None, q.id
        pending = art.find("div", cls="zwgk-notice--pending")
        assert (pending is not None) == ("尚未生效" in states), q.id
    assert stale, "the demo should have a Q&A resting on a document no longer 现行有效"


# 5. 重点领域 ---------------------------------------------------------------------------------------


def test_every_area_column_lists_entries_newest_first_or_shows_its_note(site, portal):
    rows = table_rows(article(site, "zdly/").find("table"))
    assert len(rows) == len(portal.columns)
    for c in portal.columns:
        url = f"zdly/{c.id}/"
        art = article(site, url)
        table = art.find("table")
        if table is None:
            note = art.one("div", cls="zwgk-notice--empty").text().strip()
            assert note == (c.empty_note or "本栏目暂无信息。")
        else:
            dates = [cn_date(r[3].text()) for r in table_rows(table) if r[3].text() != "—" and in_force(r[-1])]
            assert dates == sorted(dates, reverse=True)
            assert all(site.exists(u) for u in links(site, url, table))


def test_documents_filed_under_an_area_are_listed_there_and_link_back(site, portal):
    for doc in portal.documents.values():
        for column in doc.columns:
            assert f"gfxwj/{doc.id}/" in links(site, f"zdly/{column}/")
            assert f"zdly/{column}/" in links(site, f"gfxwj/{doc.id}/")


# 6. 重点工作任务 -----------------------------------------------------------------------------------


def test_task_page_follows_sections_and_marks_overdue_in_words(site, portal):
    assert portal.tasks
    for year, tasklist in portal.tasks.items():
        url = f"zdgz/{year}/"
        art = article(site, url)
        assert [h.text() for h in art.find_all("h2")][1:] == [s.title for s in tasklist.sections]
        subsections = [h.text() for h in art.find_all("h3") if "zwgk-task__title" not in h.classes]
        assert subsections == [sub.title for s in tasklist.sections for sub in s.subsections]
        cards = art.find_all("section", cls="zwgk-task")
        tasks = [t for _, _, t in iter_tasks(tasklist)]
        assert len(cards) == len(tasks)
        for card, task in zip(cards, tasks):
            fields = {
                div.find("dt").text(): div.find("dd")
                for div in card.find_all("div", cls="zwgk-task__field")
            }
            assert {
                "具体要求",
                "牵头单位",
                "责任单位",
                "完成时限",
                "完成情况",
                "备注",
                "佐证",
            } <= set(fields)
            assert fields["具体要求"].text() == task.requirement
            deadline = parse_deadline(task.deadline, year) if task.deadline else None
            overdue = bool(
                deadline and deadline.date and deadline.date < AS_OF and task.status != "已完成"
            )
            assert ("已逾期" in fields["完成情况"].text()) == overdue, task.requirement
            assert fields["完成情况"].text().startswith(task.status or "未填写")
            for target in links(site, url, fields["佐证"]):
                assert site.exists(target), target


def test_task_summary_counts_match_and_chart_is_static_svg(site, portal):
    for year, tasklist in portal.tasks.items():
        art = article(site, f"zdgz/{year}/")
        summary = art.one("div", cls="zwgk-summary")
        counts = {r[0].text(): int(r[1].text()) for r in table_rows(summary.find("table"))}
        expected = Counter(t.status or "未填写" for _, _, t in iter_tasks(tasklist))
        assert counts.pop("合计") == sum(expected.values())
        assert {k: v for k, v in counts.items() if v} == dict(expected)
        svg = summary.one("svg")
        assert svg.get("role") == "img" and svg.find("title") is not None
        assert not svg.find_all("script") and not any(
            k.startswith("on") for el in svg.iter() for k in el.attrs
        )
        for status, n in expected.items():
            assert f"{status} {n}项" in svg.find("desc").text()


def test_department_views_list_the_tasks_a_unit_leads_or_shares(site, portal):
    for year, tasklist in portal.tasks.items():
        index = f"zdgz/{year}/dept/"
        assert index in links(site, f"zdgz/{year}/")
        rows = table_rows(article(site, index).find("table"))
        assert rows
        for row in rows:
            unit = row[0].text()
            url = links(site, index, row[0])[0]
            lead = [t for _, _, t in iter_tasks(tasklist) if unit in t.lead]
            shared = [
                t
                for _, _, t in iter_tasks(tasklist)
                if unit not in t.lead and (unit in t.responsible or unit in t.guide)
            ]
            assert (int(row[1].text()), int(row[2].text())) == (len(lead), len(shared)), unit
            cards = article(site, url).find_all("section", cls="zwgk-task")
            assert len(cards) == len(lead) + len(shared)
            for card in cards:  # each task links back to its place in the year's breakdown
                back = [u for u in links(site, url, card) if u == f"zdgz/{year}/"]
                assert back, unit
            assert url in links(site, f"zdgz/{year}/")  # the unit names link to this page


# 7. Meta tags, breadcrumbs, dates -----------------------------------------------------------------


def generated_pages(site):
    return [
        u for u in site.pages() if u.split("/")[0] in {"", "gfxwj", "zcjd", "zcwd", "zdly", "zdgz"}
    ]


def test_every_page_carries_the_government_meta_tags(site):
    for url in generated_pages(site):
        metas = {
            m.get("name"): m.get("content") for m in site.page(url).find_all("meta", name=True)
        }
        missing = [n for n in META_NAMES if n not in metas]
        assert not missing, (url, missing)
        for name in ("SiteName", "SiteIDCode", "ColumnName", "ArticleTitle", "Url", "Author"):
            assert metas[name], (url, name)


def test_record_pages_carry_publication_date_in_meta(site, portal):
    for doc in portal.documents.values():
        metas = {
            m.get("name"): m.get("content")
            for m in site.page(f"gfxwj/{doc.id}/").find_all("meta", name=True)
        }
        assert metas["PubDate"] == doc.published.isoformat()


def test_pages_below_a_column_have_a_breadcrumb_whose_links_resolve(site):
    checked = 0
    for url in generated_pages(site):
        if url.count("/") < 2:
            continue  # home and column index pages: see the next test
        nav = site.page(url).find("nav", cls="zwgk-breadcrumb")
        assert nav is not None, url
        items = nav.find_all("li")
        assert items[0].text() == "首页" and items[-1].get("aria-current") == "page"
        assert all(site.exists(u) for u in links(site, url, nav))
        checked += 1
    assert checked > 50


def test_column_index_pages_have_a_breadcrumb(site):
    for url in ("gfxwj/", "zcjd/", "zcwd/", "zdly/", "zdgz/"):
        assert site.page(url).find("nav", cls="zwgk-breadcrumb") is not None, url


def test_dates_shown_are_in_chinese_format(site):
    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    times = 0
    for url in generated_pages(site):
        art = article(site, url)
        for t in art.find_all("time"):
            assert cn_date(t.text()) == dt.date.fromisoformat(t.get("datetime"))
            times += 1
        assert not iso.search(art.text()), url
    assert times > 100


def test_every_internal_link_in_the_content_resolves(site):
    broken = []
    for url in generated_pages(site):
        for target in links(site, url):
            if not site.exists(target):
                broken.append((url, target))
    assert not broken, broken[:10]


# 9. Open data --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected", [("gfxwj/gfxwj", "all"), ("gfxwj/xxyx/xxyx", "in_force")]
)
def test_normative_library_as_csv_with_bom_and_json(site, portal, path, expected):
    ids = (
        set(portal.documents)
        if expected == "all"
        else {d for d, s in portal.validity.items() if s.state in ("现行有效", "已修改")}
    )
    raw = (site.root / f"{path}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(ids)
    assert {"名称", "文号", "索引号", "发布机构", "发布日期", "有效性", "有效期至"} <= set(rows[0])
    by_number = {portal.documents[d].doc_number: d for d in ids}
    for row in rows:
        doc_id = by_number[row["文号"]]
        assert row["有效性"] == portal.validity[doc_id].state
        assert row["发布日期"] == portal.documents[doc_id].published.isoformat()
    data = json.loads((site.root / f"{path}.json").read_text(encoding="utf-8"))
    assert data["count"] == len(ids) and {d["id"] for d in data["documents"]} == ids
    assert data["as_of"] == AS_OF.isoformat()
    page = "gfxwj/" if expected == "all" else "gfxwj/xxyx/"
    assert {f"{path}.csv", f"{path}.json"} <= set(links(site, page))


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("column", ["", "gfxwj/", "zcjd/", "zcwd/", "zdly/", "zdgz/"])
def test_atom_feed_for_the_site_and_each_column(site, column):
    feed_url = f"{column}atom.xml"
    assert feed_url in links(site, column), f"{column} does not link its feed"
    feed = ET.fromstring((site.root / feed_url).read_bytes())
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}updated") is not None and feed.find(f"{ATOM}id") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries, feed_url
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert not re.match(r"^[a-z]+:|^//", href), href  # relative: works from any host
        assert site.exists(Site.resolve(column, href)), href


def test_each_area_column_has_a_feed(site, portal):
    for c in portal.columns:
        ET.fromstring((site.root / f"zdly/{c.id}/atom.xml").read_bytes())


# Hand-written pages take the agency's details from portal.yml -----------------------------------


def test_disclosure_guide_gives_the_contact_details_of_portal_yml(site, portal):
    contact = portal.config.contact
    items = [li.text() for li in article(site, "xxgk/").find_all("li")]
    assert [i for i in items if i.startswith(("受理机构", "办公地址", "办公时间", "咨询电话", "传真", "电子邮箱"))] == [
        f"受理机构：{contact.department}",
        f"办公地址：{contact.address}",
        f"办公时间：{contact.hours}",
        f"咨询电话：{contact.phone}",
        f"传真：{contact.fax}",
        f"电子邮箱：{contact.email}",
    ]
    assert "zwgk:contact" not in site.page("xxgk/").text()
    footer = site.page("xxgk/").find("footer").text()
    assert contact.phone in footer  # one source for both


def test_contact_marker_lists_only_filled_in_fields_escaped(tmp_path):
    from helpers import records_copy, write
    from zwgk.pages.contact import fill_markers

    root = records_copy(tmp_path)
    write(root, "portal.yml", "name: 测试县人民政府\nagency: 测试县人民政府办公室\n"
          "contact: {address: '测试县*人民路*1号', phone: 0000-1234567}\n")
    text = fill_markers("前\n\n<!-- zwgk:contact -->\n\n后", load_portal(root, AS_OF))
    assert text == "前\n\n- 受理机构：测试县人民政府办公室\n- 办公地址：测试县\\*人民路\\*1号\n- 咨询电话：0000\\-1234567\n\n后"


def test_the_front_matter_reads_back_as_the_page_s_own_meta_whatever_its_characters():
    """to_markdown writes the front matter as JSON (YAML reads it, and it is ten times cheaper to write):
    every character a record may hold, line separators and non-printable ones included, must come back
    the same through the loader MkDocs uses (libyaml's), or a page would silently lose its meta."""
    import random

    import yaml
    from zwgk.pages import to_markdown
    from zwgk.pages.common import Page
    from zwgk.portal import load_portal

    portal = load_portal(REPO / "tasks_yaml", dt.date(2026, 11, 22))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    chars = [chr(c) for c in range(0x3000)] + ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "😀", "\U0010fffd"]
    rng = random.Random(7)
    for _ in range(100):
        text = "".join(rng.choice(chars) for _ in range(120))
        page = Page("gfxwj/x.md", text, "正文", column="规范性文件", description=text[::-1], keywords=[text[:9]],
                    crumbs=[(text[:20], "gfxwj/index.md")], search={"filter": text[5:30]})
        front = to_markdown(page, portal).split("\n---\n", 1)[0].removeprefix("---\n")
        meta = yaml.load(front, loader)
        assert meta["zwgk"]["description"] == text[::-1] and meta["zwgk"]["search"] == {"filter": text[5:30]}
        assert meta["zwgk"]["keywords"] == text[:9] and meta["zwgk"]["crumbs"][0]["url"] == "gfxwj/"
