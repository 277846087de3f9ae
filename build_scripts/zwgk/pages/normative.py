"""规范性文件库 (/gfxwj/<id>/): one page per document, and its validity in words."""

from __future__ import annotations

from ..portal import Portal
from ..records import NormativeDocument
from ..versions import in_force
from .attachments import attachment_list
from .participation import consultation_line
from .common import (
    Page,
    a,
    area_path,
    block,
    cn_date,
    doc_path,
    esc,
    fields_table,
    heading,
    interp_path,
    publisher_line,
    qa_path,
    safe_html,
    time_tag,
)

COLUMN = "规范性文件库"
COLUMN_TYPE = "规范性文件"
INDEX = "gfxwj/index.md"
# CSS modifier and URL slug of each validity state (gfxwj/yxx/<slug>/).
STATE_SLUGS = {
    "现行有效": "valid",
    "尚未生效": "pending",
    "已修改": "amended",
    "已废止": "repealed",
    "已失效": "expired",
}
NOTICES = {
    "尚未生效": "本文件尚未施行。",
    "已修改": "本文件已被修改，请结合修改文件阅读，以修改后的规定为准。",
    "已废止": "本文件已废止，仅供查阅，不再作为行政管理依据。",
    "已失效": "本文件已超过有效期，已失效，仅供查阅。",
}
CONSOLIDATED_NOTICE = "本文件已被修改，下面的正文是按修改文件整理的现行文本。"


# How every list that mixes documents is ordered (Portal.in_force_first), in words for its introduction.
IN_FORCE_FIRST = "现行有效的文件排在前面，其次是尚未生效的，已废止、已失效的排在最后，同类按发布日期由新到旧"


def in_force_documents(portal: Portal) -> list:
    """The 现行有效规范性文件目录: documents in force (amended ones included), newest first."""
    return [d for d in portal.documents_newest_first() if portal.validity[d.id].in_force]


def doc_ref(portal: Portal, from_path: str, doc_id: str, text: str | None = None) -> str:
    """A link to a published document, or its number as plain text when it is not published."""
    doc = portal.records.normative[doc_id]
    label = text if text is not None else doc.doc_number
    return a(from_path, doc_path(doc_id), label) if doc_id in portal.documents else esc(label)


def search_number(meta: str, value: str) -> str:
    """The document's own 文号 or 索引号: heaviest in the search index, so searching a number
    lists its document before those citing it; kept as result meta for the search page."""
    return f'<span data-pagefind-weight="10" data-pagefind-meta="{meta}">{esc(value)}</span>'


def validity_badge(portal: Portal, doc_id: str, from_path: str, brief: bool = False) -> str:
    """The validity in words, with the day it changed and the changing document linked (brief: the words
    alone, for a list whose rows link the document)."""
    status = portal.validity[doc_id]
    text = f'<span class="zwgk-validity zwgk-validity--{STATE_SLUGS[status.state]}">{esc(status.state)}</span>'
    if status.state == "现行有效" or brief:
        return text
    detail = []
    if status.state == "尚未生效":
        detail.append(f"{cn_date(portal.documents[doc_id].effective)}起施行")
    elif status.since:
        detail.append(f"自{cn_date(status.since)}起")
    if status.by and status.by in portal.records.normative:
        verb = "被修改" if status.state == "已修改" else "被废止"
        detail.append(f"{verb}：{doc_ref(portal, from_path, status.by)}")
    return text + (
        f'<span class="zwgk-validity__detail">（{"，".join(detail)}）</span>' if detail else ""
    )


def listed_validity(portal: Portal, record, from_path: str) -> str:
    """A row of a list that mixes records: a published document's validity in words, '' for anything else."""
    if isinstance(record, NormativeDocument) and record.id in portal.validity:
        return validity_badge(portal, record.id, from_path, brief=True)
    return ""


def _relations(portal: Portal, doc, path: str) -> str:
    """Amendments and repeals, both directions, each with the changing document's 施行日期."""
    docs = portal.records.normative

    def items(ids):
        return "".join(
            f"<li>{doc_ref(portal, path, i, docs[i].title)}（{esc(docs[i].doc_number)}，"
            f"{cn_date(docs[i].effective)}起施行）"
            + (validity_badge(portal, i, path, brief=True) if i in portal.validity else "") + "</li>"
            for i in ids
            if i in docs
        )

    groups = [
        ("修改本文件的文件", portal.amended_by.get(doc.id, [])),
        ("废止本文件的文件", [doc.repealed_by] if doc.repealed_by in docs else []),  # not a scheduled one
        ("本文件修改的文件", portal.amends.get(doc.id, [])),
        ("本文件废止的文件", portal.repeals.get(doc.id, [])),
    ]
    parts = [
        f'<h3>{esc(label)}</h3><ul class="zwgk-relations">{items(ids)}</ul>'
        for label, ids in groups
        if ids
    ]
    if doc.repealed_on and not doc.repealed_by:
        parts.append(f"<p>经文件清理，本文件自{cn_date(doc.repealed_on)}起废止。</p>")
    return "".join(parts)


def document_page(portal: Portal, doc) -> Page:
    path = doc_path(doc.id)
    from . import versions  # its pages link back here; this page shows which of its texts is in force

    state = portal.validity[doc.id].state
    body = ""
    if state in NOTICES:
        notice = NOTICES[state]
        if state == "已修改" and versions.consolidated(portal, doc):
            notice = CONSOLIDATED_NOTICE
        body += block(
            f'<div class="zwgk-notice zwgk-notice--{STATE_SLUGS[state]}" role="note"><p>'
            f"<strong>有效性提示：</strong>{esc(notice)}"
            f"当前状态：{validity_badge(portal, doc.id, path)}</p></div>"
        )
    pairs = [
        ("名称", esc(doc.title)),
        ("索引号", search_number("indexno", doc.index_number)),
        ("主题分类", esc(doc.topic)),
        ("发布机构", esc(doc.issuer)),
        ("成文日期", time_tag(doc.written)),
        ("发布日期", time_tag(doc.published)),
        ("文号", search_number("docno", doc.doc_number)),
        ("有效性", validity_badge(portal, doc.id, path)),
        ("施行日期", time_tag(doc.effective)),
        ("有效期至", time_tag(doc.expires) if doc.expires else "长期"),
    ]
    body += block(fields_table("文件要素", pairs)) + block(publisher_line(portal, path, doc))
    body += consultation_line(portal, doc, path)  # the consultation its draft went through (#16)
    relations = _relations(portal, doc, path) + versions.produced_texts(portal, doc, path)
    if relations:
        body += heading(2, "修改和废止情况") + block(
            f'<div class="zwgk-relations-wrap">{relations}</div>'
        )
    columns = {c.id: c for c in portal.columns}
    if doc.columns:
        links = "、".join(
            a(path, area_path(c), columns[c].title) for c in doc.columns if c in columns
        )
        body += block(f'<p class="zwgk-meta">所属重点领域：{links}</p>')
    text = in_force(portal.versions.get(doc.id, []), portal.as_of).body if doc.id in portal.versions else doc.body
    body += heading(2, "正文") + versions.text_line(portal, doc, path)
    body += block(f'<div class="zwgk-body">{safe_html(text)}</div>')
    body += versions.versions_section(portal, doc, path) + versions.pending_amendments(portal, doc, path)
    body += heading(2, "附件")
    body += block(
        attachment_list(portal, path, doc.attachments)
        if doc.attachments
        else "<p>本文件无附件。</p>"
    )
    interps = portal.interpretations_of.get(doc.id, [])
    body += heading(2, "政策解读") + block(
        '<ul class="zwgk-links">'
        + "".join(
            f"<li>{a(path, interp_path(i.id), i.title)}（{esc('、'.join(i.forms))}，{time_tag(i.published)}）</li>"
            for i in interps
        )
        + "</ul>"
        if interps
        else "<p>本文件暂无解读。</p>"
    )
    qas = portal.qa_of.get(doc.id, [])
    body += heading(2, "相关问答") + block(
        '<ul class="zwgk-links">'
        + "".join(f"<li>{a(path, qa_path(q.id), q.question)}</li>" for q in qas)
        + "</ul>"
        if qas
        else "<p>暂无以本文件为依据的政策问答。</p>"
    )
    return Page(
        path,
        doc.title,
        body,
        column=COLUMN,
        column_type=COLUMN_TYPE,
        published=doc.published,
        keywords=doc.keywords,
        source=doc.issuer,
        description=f"{doc.doc_number} {doc.title}",
        crumbs=[(COLUMN, INDEX)],
        search={
            "栏目": COLUMN,
            "有效性": state,
            "发布机构": doc.issuer,
            "年份": str(doc.published.year),
            "主题分类": doc.topic,
            "发布单位": portal.unit_of(doc).name,
            **({"文本版本": "现行文本"} if len(portal.versions.get(doc.id, [])) > 1 and portal.validity[doc.id].in_force
               else {}),
        },
    )


def pages(portal: Portal) -> list[Page]:
    return [document_page(portal, d) for d in portal.documents_newest_first()]
