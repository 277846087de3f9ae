"""Open data: Atom feeds for the site and each column, the normative library as CSV and JSON.

export_files(portal) returns {site path: content}; the MkDocs adapter writes them next to the pages.
Feeds use links relative to the feed itself, so the site works from any host and sub-path.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import xml.etree.ElementTree as ET

from .pages.areas import column_entries
from .pages.catalogue import DATA_ALL, DATA_IN_FORCE
from .pages import participation
from .pages.common import doc_path, feed_path, interp_path, page_url, qa_path, rel
from .pages.home import newest_entries
from .pages.lifecycle import NGINX_MAP, latest_changes, nginx_map
from .pages.normative import in_force_documents
from .pages.tasks import year_path
from .pages.units import column_title, part_path, unit_data, unit_entries, unit_feed
from .portal import Portal

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
CST = dt.timezone(dt.timedelta(hours=8))
# Columns of the CSV (and keys of the JSON records), in order, with their Chinese headings.
FIELDS = [
    ("title", "名称"),
    ("doc_number", "文号"),
    ("index_number", "索引号"),
    ("topic", "主题分类"),
    ("issuer", "发布机构"),
    ("written", "成文日期"),
    ("published", "发布日期"),
    ("effective", "施行日期"),
    ("expires", "有效期至"),
    ("validity", "有效性"),
    ("validity_since", "有效性变更日期"),
    ("changed_by", "修改或废止文件文号"),
    ("url", "网址"),
]
# A spreadsheet runs a cell that begins with one of these as a formula, also after spaces, and Excel and WPS
# take the full-width signs (＝＋－＠) typed with a Chinese input method as the half-width ones.
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r", "\n")


def export_files(portal: Portal) -> dict[str, str | bytes]:
    """Every open-data file of the site, by site path."""
    files = dict(feeds(portal))
    if portal.records.redirects:
        files[NGINX_MAP] = nginx_map(portal)
    for (csv_path, _, _), (json_path, _, _), docs in (
        (*DATA_ALL, portal.documents_newest_first()),
        (*DATA_IN_FORCE, in_force_documents(portal)),
    ):
        rows = [document_record(portal, d) for d in docs]
        files[csv_path] = to_csv(rows)
        files[json_path] = to_json(portal, rows, csv_path)
    files.update(unit_files(portal))
    if portal.records.annual_reports:  # 政府信息公开工作年度报告 (.docx) next to their pages; python-docx loads only then
        from .annualdocx import report_files

        files.update(report_files(portal))
    return files


def unit_files(portal: Portal) -> dict[str, str | bytes]:
    """Each unit's feed (all its records) and its documents as CSV and JSON, in its own column."""
    changes = latest_changes(portal)
    files: dict[str, str | bytes] = {}
    for unit in portal.units.values():
        docs = [d for d in portal.documents_newest_first() if (d.unit or "") == unit.id]
        in_force = [d for d in in_force_documents(portal) if (d.unit or "") == unit.id]
        every, current = unit_data(unit)
        for ((csv_path, _, _), (json_path, _, _)), chosen in ((every, docs), (current, in_force)):
            rows = [document_record(portal, d) for d in chosen]
            files[csv_path] = to_csv(rows)
            files[json_path] = to_json(portal, rows, csv_path, source=unit.name)
        feed = unit_feed(unit)
        files[feed] = atom_feed(portal, feed, column_title(unit), part_path(unit, "index.md"),
                                unit_entries(portal, unit.id), changes=changes)
    return files


def canonical_url(portal: Portal, page_path: str) -> str:
    """The public address of a page (as in the page's Url meta tag), for data users."""
    url = page_url(page_path)
    return f"https://{portal.config.domain}/{url}" if portal.config.domain else url


def document_record(portal: Portal, doc) -> dict[str, str]:
    status = portal.validity[doc.id]
    changer = portal.records.normative.get(status.by) if status.by else None
    values = {
        "written": doc.written,
        "published": doc.published,
        "effective": doc.effective,
        "expires": doc.expires,
        "validity": status.state,
        "validity_since": status.since if status.state != "现行有效" else None,
        "changed_by": changer.doc_number if changer else "",
        "url": canonical_url(portal, doc_path(doc.id)),
    }
    record = {"id": doc.id}
    for key, _label in FIELDS:
        value = values[key] if key in values else getattr(doc, key)
        record[key] = value.isoformat() if isinstance(value, dt.date) else (value or "")
    return record


def formula_safe(value: str) -> str:
    """A CSV cell no spreadsheet will run: a leading apostrophe when it could start a formula."""
    return "'" + value if value.lstrip(" \u3000\xa0").startswith(_FORMULA_START) else value


def to_csv(rows: list[dict[str, str]]) -> bytes:
    """UTF-8 with BOM and CRLF, so Excel and WPS open the Chinese text correctly; no cell is a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["序号"] + [label for _, label in FIELDS])
    for n, row in enumerate(rows, 1):
        writer.writerow([str(n)] + [formula_safe(row[key]) for key, _ in FIELDS])
    return out.getvalue().encode("utf-8-sig")


def to_json(portal: Portal, rows: list[dict[str, str]], csv_path: str, source: str = "") -> str:
    data = {
        "source": source or portal.config.agency,
        "site": portal.config.name,
        "as_of": portal.as_of.isoformat(),
        "count": len(rows),
        "fields": {"id": "标识", **dict(FIELDS)},
        "documents": rows,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), CST).isoformat()


def _tag(portal: Portal, day: dt.date, specific: str) -> str:
    """A permanent tag: URI (RFC 4151) for a feed or entry id."""
    authority = portal.config.domain or f"{portal.config.site_code or 'zwgk'}.invalid"
    return f"tag:{authority},{day.isoformat()}:{specific}"


def atom_feed(
    portal: Portal, path: str, title: str, html_page: str, entries: list[tuple], changes: dict | None = None
) -> str:
    """entries: (date, category, title, page path, summary), newest first; at most FEED_SIZE kept.
    changes: page path → the record's newest 更新说明, which sets the entry's updated date and is quoted."""
    changes = changes or {}
    entries = entries[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "title", f"{portal.config.name}：{title}")
    sub(feed, "id", _tag(portal, dt.date(2000, 1, 1), path))
    sub(feed, "updated", _stamp(entries[0][0] if entries else portal.as_of))
    here = posixpath.join(
        posixpath.dirname(path), "index.md"
    )  # links resolve against the feed's folder
    sub(feed, "link", rel="self", type="application/atom+xml", href=posixpath.basename(path))
    sub(feed, "link", rel="alternate", type="text/html", href=rel(here, html_page))
    sub(sub(feed, "author"), "name", portal.config.agency)
    for day, category, text, page, summary in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", text)
        sub(entry, "id", _tag(portal, day, page_url(page)))
        sub(entry, "link", rel="alternate", type="text/html", href=rel(here, page))
        change = changes.get(page)
        sub(entry, "published", _stamp(day))
        sub(entry, "updated", _stamp(max(day, change.date) if change else day))
        sub(entry, "category", term=category)
        if change:
            summary = "；".join(t for t in (summary, f"{change.date.isoformat()} 更新：{change.note}") if t)
        if summary:
            sub(entry, "summary", summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feeds(portal: Portal) -> dict[str, str]:
    changes = latest_changes(portal)

    def feed(*args):
        return atom_feed(portal, *args, changes=changes)

    docs = [
        (d.published, "规范性文件", d.title, doc_path(d.id), f"{d.doc_number}，{d.issuer}")
        for d in portal.documents_newest_first()
    ]
    interps = [
        (
            i.published,
            "政策解读",
            i.title,
            interp_path(i.id),
            f"解读：{portal.documents[i.of].title}（{portal.documents[i.of].doc_number}）",
        )
        for i in sorted(
            portal.interpretations.values(), key=lambda i: (i.published, i.id), reverse=True
        )
    ]
    qas = [
        (q.updated, "政策问答", q.question, qa_path(q.id), f"{q.topic}，{q.department}")
        for q in sorted(portal.qa.values(), key=lambda q: (q.updated, q.id), reverse=True)
    ]
    areas = {
        c.id: [(d, c.title, t, p, issuer) for d, t, p, issuer, _ in column_entries(portal, c.id) if d]
        for c in portal.columns
    }
    all_areas = sorted(
        {e[3]: e for es in areas.values() for e in es}.values(),
        key=lambda e: (e[0], e[3]),
        reverse=True,
    )
    tasks = [
        (
            portal.as_of,
            "重点工作任务",
            f"{tl.title}（截至{portal.as_of.isoformat()}的完成情况）",
            year_path(y),
            tl.source,
        )
        for y, tl in sorted(portal.tasks.items(), reverse=True)
    ]
    site = [(d, col, t, p, "") for d, col, t, p in newest_entries(portal)]
    out = {
        feed_path(): feed(feed_path(), "最新信息", "index.md", site),
        feed_path("gfxwj"): feed(feed_path("gfxwj"), "规范性文件库", "gfxwj/index.md", docs
        ),
        feed_path("zcjd"): feed(feed_path("zcjd"), "政策解读", "zcjd/index.md", interps
        ),
        feed_path("zcwd"): feed(feed_path("zcwd"), "政策问答库", "zcwd/index.md", qas),
        feed_path("zdly"): feed(feed_path("zdly"), "重点领域", "zdly/index.md", all_areas
        ),
        feed_path("zdgz"): feed(feed_path("zdgz"), "重点工作任务", "zdgz/index.md", tasks
        ),
    }
    out[feed_path("yjzj")] = feed(feed_path("yjzj"), participation.COLUMN, participation.INDEX,
                                  participation.feed_entries(portal))  # 意见征集 (#16)
    for c in portal.columns:
        path = feed_path(f"zdly/{c.id}")
        out[path] = feed(path, f"重点领域：{c.title}", f"zdly/{c.id}/index.md", areas[c.id]
        )
    return out
