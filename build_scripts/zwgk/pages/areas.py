"""重点领域 (/zdly/): one column per standard area, entries newest first; an empty one shows its note."""

from __future__ import annotations

import datetime as dt

from ..disclosure import BY_ID as CATEGORIES
from ..portal import Portal
from ..records import NormativeDocument
from .attachments import attachment_list
from .common import (
    DISCLOSURE,
    Page,
    a,
    area_path,
    block,
    doc_path,
    esc,
    feed_path,
    heading,
    item_path,
    open_data,
    publisher,
    safe_html,
    table,
    time_tag,
    unit_crumbs,
    unit_page,
)
from .normative import listed_validity
from .standards import catalogue_page, column_catalogues, page_of

COLUMN = "重点领域"
INDEX = "zdly/index.md"
DEFAULT_EMPTY_NOTE = "本栏目暂无信息。"

__all__ = ["COLUMN", "INDEX", "area_path", "item_path", "item_home", "item_page", "column_entries", "pages"]


def column_entries(portal: Portal, column_id: str) -> list[tuple]:
    """(date, title, page path, issuer, record) of a column's items and of the documents filed under it,
    newest first."""
    entries = [
        (i.published, i.title, item_path(i), i.issuer, i) for i in portal.items_of.get(column_id, [])
    ]
    entries += [
        (d.published, d.title, doc_path(d.id), d.issuer, d)
        for d in portal.documents.values()
        if column_id in d.columns
    ]
    return sorted(entries, key=lambda e: (e[0] or dt.date.min, e[2]), reverse=True)


def _index(portal: Portal, entries_of) -> Page:
    rows = []
    for c in portal.columns:
        entries = entries_of[c.id]
        latest = entries[0][0] if entries and entries[0][0] else None
        rows.append(
            [
                a(INDEX, area_path(c.id), c.title),
                str(len(entries)),
                time_tag(latest) if entries else '<span class="zwgk-empty">暂无信息</span>',
            ]
        )
    body = block(f"<p>按基层政务公开标准目录设置 {len(portal.columns)} 个重点领域栏目。</p>")
    body += block(open_data(INDEX, [(feed_path("zdly"), "订阅重点领域更新（Atom）", "")]))
    body += block(table("重点领域栏目", ["栏目", "信息条数", "最近更新"], rows))
    return Page(
        INDEX,
        "重点领域信息公开",
        body,
        column=COLUMN,
        column_type=COLUMN,
        in_nav=True,
        description=f"{portal.config.name}重点领域信息公开",
    )


def _column(portal: Portal, c, entries) -> Page:
    path = area_path(c.id)
    body = block(f"<p>{esc(c.description)}</p>") if c.description else ""
    if ("", c.id) in portal.records.catalogues:  # 标准目录 (#17); it links the units' own
        body += block(f'<p class="zwgk-lead">{a(path, catalogue_page(c.id), "本领域基层政务公开标准目录")}</p>')
    elif own := column_catalogues(portal, c.id):
        body += block('<p class="zwgk-lead">本领域基层政务公开标准目录：'
                      + "、".join(a(path, page_of(portal, x), x.title) for x in own) + "</p>")
    if entries:
        body += block(open_data(path, [(feed_path(f"zdly/{c.id}"), "订阅本栏目更新（Atom）", "")]))
        documents = any(isinstance(r, NormativeDocument) for *_, r in entries)
        body += block(
            table(
                f"{c.title}（按发布日期由新到旧{'，尚未生效、已废止、已失效的文件在后' if documents else ''}）",
                ["标题", "发布机构", "发布单位", "发布日期", *(["有效性"] if documents else [])],
                [[a(path, p, t), esc(issuer or "—"), publisher(portal, path, r), time_tag(d),
                  *([listed_validity(portal, r, path)] if documents else [])]
                 for d, t, p, issuer, r in portal.in_force_first(entries, lambda e: e[4])],
            )
        )
    else:
        body += block(
            f'<div class="zwgk-notice zwgk-notice--empty" role="note"><p>'
            f"{esc(c.empty_note or DEFAULT_EMPTY_NOTE)}</p></div>"
        )
    return Page(
        path,
        c.title,
        body,
        column=c.title,
        column_type=c.kind,
        crumbs=[(COLUMN, INDEX)],
        description=c.description or c.title,
    )


def item_home(portal: Portal, i) -> tuple[str, str, list]:
    """Where an entry is listed: (column title, column type, breadcrumb). A key-area entry's column under
    重点领域; one filed straight under a 法定主动公开 category, that category in its unit's column."""
    column = next((c for c in portal.columns if c.id == i.column), None)
    if column is not None:
        return column.title, column.kind, [(COLUMN, INDEX), (column.title, area_path(column.id))]
    unit = portal.unit_of(i)
    return (CATEGORIES[i.column].title, "其他",
            unit_crumbs(unit) + [("法定主动公开内容", unit_page(unit, DISCLOSURE))])


def item_page(portal: Portal, i) -> Page:
    path = item_path(i)
    title, kind, crumbs = item_home(portal, i)
    body = block(
        f'<p class="zwgk-meta">发布机构：{esc(i.issuer or "—")}　发布日期：{time_tag(i.published)}'
        f'　<span class="zwgk-publisher">发布单位：{publisher(portal, path, i)}</span></p>'
    )
    body += block(f'<div class="zwgk-body">{safe_html(i.body)}</div>')
    if i.attachments:
        body += heading(2, "附件") + block(attachment_list(portal, path, i.attachments))
    return Page(
        path,
        i.title,
        body,
        column=title,
        column_type=kind,
        published=i.published,
        source=i.issuer,
        crumbs=crumbs,
        search={
            "栏目": title,
            "发布机构": i.issuer,
            "年份": str(i.published.year) if i.published else "",
            "发布单位": portal.unit_of(i).name,
        },
    )


def pages(portal: Portal) -> list[Page]:
    entries_of = {c.id: column_entries(portal, c.id) for c in portal.columns}
    result = [_index(portal, entries_of)]
    for c in portal.columns:
        result.append(_column(portal, c, entries_of[c.id]))
        result += [item_page(portal, i) for i in portal.items_of.get(c.id, [])]
    return result
