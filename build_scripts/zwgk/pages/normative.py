"""规范性文件库 (/gfxwj/): the index and one page per document."""

from __future__ import annotations

from ..portal import Portal
from .common import Page, a, block, cn_date, esc, fields_table, safe_html, table, time_tag

COLUMN = "规范性文件库"
INDEX = "gfxwj/index.md"


def doc_path(doc_id: str) -> str:
    return f"gfxwj/{doc_id}.md"


def validity_badge(portal: Portal, doc_id: str, from_path: str) -> str:
    """The validity in words, with the day it changed and the changing document linked."""
    status = portal.validity[doc_id]
    text = f'<span class="zwgk-validity zwgk-validity--{_slug(status.state)}">{esc(status.state)}</span>'
    if status.state == "现行有效":
        return text
    detail = []
    if status.since and status.state != "尚未生效":
        detail.append(f"自{cn_date(status.since)}起")
    if status.state == "尚未生效":
        detail.append(f"{cn_date(portal.documents[doc_id].effective)}起施行")
    if status.by and status.by in portal.records.normative:
        verb = "被修改" if status.state == "已修改" else "被废止"
        changer = portal.records.normative[status.by]
        detail.append(f"{verb}：{a(from_path, doc_path(status.by), changer.doc_number)}"
                      if status.by in portal.documents else f"{verb}：{esc(changer.doc_number)}")
    return text + (f'<span class="zwgk-validity__detail">（{"，".join(detail)}）</span>' if detail else "")


def _slug(state: str) -> str:
    return {"现行有效": "valid", "尚未生效": "pending", "已修改": "amended", "已废止": "repealed", "已失效": "expired"}[state]


def index_page(portal: Portal) -> Page:
    rows = [[a(INDEX, doc_path(d.id), d.title), esc(d.doc_number), esc(d.issuer), time_tag(d.published),
             validity_badge(portal, d.id, INDEX)] for d in portal.documents_newest_first()]
    body = block(f"<p>共收录规范性文件 {len(rows)} 件，按发布日期由新到旧排列。</p>")
    body += block(table("规范性文件目录", ["名称", "文号", "发布机构", "发布日期", "有效性"], rows))
    return Page(INDEX, COLUMN, body, column=COLUMN, column_type="规范性文件", in_nav=True,
                description=f"{portal.config.name}规范性文件库")


def document_page(portal: Portal, doc) -> Page:
    path = doc_path(doc.id)
    pairs = [
        ("名称", esc(doc.title)), ("索引号", esc(doc.index_number)), ("主题分类", esc(doc.topic)),
        ("发布机构", esc(doc.issuer)), ("成文日期", time_tag(doc.written)), ("发布日期", time_tag(doc.published)),
        ("文号", esc(doc.doc_number)), ("有效性", validity_badge(portal, doc.id, path)),
        ("施行日期", time_tag(doc.effective)), ("有效期至", time_tag(doc.expires) if doc.expires else "长期"),
    ]
    body = block(fields_table("文件要素", pairs))
    body += block(f'<div class="zwgk-body">{safe_html(doc.body)}</div>')
    if doc.attachments:
        links = "".join(f"<li>{a(path, 'files/' + att.path.split('files/', 1)[-1], att.title or att.path)}</li>"
                        for att in doc.attachments)
        body += "\n## 附件\n" + block(f"<ul>{links}</ul>")
    interps = portal.interpretations_of.get(doc.id, [])
    body += "\n## 政策解读\n" + block(
        "<ul>" + "".join(f"<li>{a(path, f'zcjd/{i.id}.md', i.title)}（{time_tag(i.published)}）</li>" for i in interps)
        + "</ul>" if interps else "<p>本文件暂无解读。</p>")
    qas = portal.qa_of.get(doc.id, [])
    if qas:
        body += "\n## 相关问答\n" + block(
            "<ul>" + "".join(f"<li>{a(path, f'zcwd/{q.id}.md', q.question)}</li>" for q in qas) + "</ul>")
    return Page(path, doc.title, body, column=COLUMN, column_type="规范性文件", published=doc.published,
                keywords=doc.keywords, source=doc.issuer, description=doc.doc_number,
                crumbs=[(COLUMN, INDEX)],
                search={"栏目": COLUMN, "有效性": portal.validity[doc.id].state, "发布机构": doc.issuer,
                        "年份": str(doc.published.year), "主题分类": doc.topic})


def pages(portal: Portal) -> list[Page]:
    return [index_page(portal)] + [document_page(portal, d) for d in portal.documents_newest_first()]
