"""政策解读 (/zcjd/): the index and one page per interpretation, linked to the document it explains."""

from __future__ import annotations

from ..portal import Portal
from .versions import text_of_day
from .attachments import attachment_list
from .common import (
    Page,
    a,
    block,
    doc_path,
    esc,
    feed_path,
    fields_table,
    heading,
    interp_path,
    open_data,
    page_chunks,
    pager,
    publisher,
    publisher_line,
    qa_path,
    safe_html,
    table,
    time_tag,
)
from .normative import validity_badge

COLUMN = "政策解读"
INDEX = "zcjd/index.md"

__all__ = ["COLUMN", "INDEX", "interp_path", "pages"]


def index_pages(portal: Portal, interps) -> list[Page]:
    """政策解读: every interpretation, newest first (those of documents in force first), in pages of
    common.LIST_PAGE_SIZE rows (a county platform holds thousands)."""
    ordered = portal.in_force_first(interps, lambda i: portal.documents[i.of])
    intro = block(
        f"<p>共 {len(interps)} 篇政策解读，按发布日期由新到旧排列，所解读的文件尚未生效、已废止或已失效的排在后面。"
        "每篇解读链接所解读的文件，文件页面也链接其解读。</p>"
    )
    intro += block(open_data(INDEX, [(feed_path("zcjd"), "订阅本栏目更新（Atom）", "")]))
    chunks = page_chunks(INDEX, ordered)
    result = []
    for path, n, _first, listed in chunks:
        rows = [
            [
                a(path, interp_path(i.id), i.title),
                f'<span class="zwgk-docno">{a(path, doc_path(i.of), portal.documents[i.of].doc_number)}</span> '
                + validity_badge(portal, i.of, path, brief=True),
                publisher(portal, path, i),
                esc("、".join(i.forms)),
                time_tag(i.published),
            ]
            for i in listed
        ]
        paging = pager(path, chunks, n, len(ordered))
        body = (intro if n == 1 else "") + block(
            paging + table(
                "政策解读（按发布日期由新到旧，解读现行有效文件的在前）",
                ["标题", "解读的文件及其有效性", "发布单位", "解读形式", "发布日期"], rows,
            ) + paging
            if rows
            else '<p class="zwgk-empty">暂无政策解读。</p>'
        )
        result.append(Page(
            path,
            COLUMN if n == 1 else f"{COLUMN}（第 {n} 页）",
            body,
            column=COLUMN,
            column_type=COLUMN,
            in_nav=n == 1,
            crumbs=[] if n == 1 else [(COLUMN, INDEX)],
            description=f"{portal.config.name}政策解读",
        ))
    return result


def interpretation_page(portal: Portal, i) -> Page:
    path = interp_path(i.id)
    doc = portal.documents[i.of]
    contact = i.contact
    pairs = [
        ("解读的文件", a(path, doc_path(doc.id), doc.title)),
        ("文号", esc(doc.doc_number)),
        ("文件有效性", validity_badge(portal, doc.id, path)),
        ("解读形式", esc("、".join(i.forms))),
        ("发布日期", time_tag(i.published)),
    ]
    cited = text_of_day(portal, doc.id, i.published, path)  # the text the interpretation was written about
    if cited:
        pairs.insert(3, ("解读时的文本", cited))
    body = block(fields_table("解读信息", pairs)) + block(publisher_line(portal, path, i))
    body += heading(2, "解读内容") + block(f'<div class="zwgk-body">{safe_html(i.body)}</div>')
    if i.media:
        body += heading(2, "图解、音视频") + block(attachment_list(portal, path, i.media))
    if contact:
        body += heading(2, "政策咨询") + block(
            fields_table(
                "咨询联系方式",
                [
                    ("咨询部门", esc(contact.department)),
                    ("联系人", esc(contact.person or "—")),
                    (
                        "咨询电话",
                        f'<a href="tel:{esc(contact.phone)}">{esc(contact.phone)}</a>'
                        if contact.phone
                        else "—",
                    ),
                ],
            )
        )
    qas = portal.qa_of.get(doc.id, [])
    if qas:
        items = "".join(f"<li>{a(path, qa_path(q.id), q.question)}</li>" for q in qas)
        body += heading(2, "相关问答") + block(f'<ul class="zwgk-links">{items}</ul>')
    body += block(f'<p class="zwgk-meta">原文：{a(path, doc_path(doc.id), doc.title)}</p>')
    return Page(
        path,
        i.title,
        body,
        column=COLUMN,
        column_type=COLUMN,
        published=i.published,
        source=contact.department if contact else "",
        description=f"{doc.doc_number} 政策解读",
        crumbs=[(COLUMN, INDEX)],
        search={"栏目": COLUMN, "年份": str(i.published.year), "发布单位": portal.unit_of(i).name},
    )


def pages(portal: Portal) -> list[Page]:
    interps = sorted(
        portal.interpretations.values(), key=lambda i: (i.published, i.id), reverse=True
    )
    return index_pages(portal, interps) + [interpretation_page(portal, i) for i in interps]
