"""政策解读 (/zcjd/): the index and one page per interpretation, linked to its document."""

from __future__ import annotations

from ..portal import Portal
from .common import Page, a, block, esc, fields_table, safe_html, table, time_tag
from .normative import doc_path, validity_badge

COLUMN = "政策解读"
INDEX = "zcjd/index.md"


def interp_path(interp_id: str) -> str:
    return f"zcjd/{interp_id}.md"


def pages(portal: Portal) -> list[Page]:
    interps = sorted(portal.interpretations.values(), key=lambda i: (i.published, i.id), reverse=True)
    rows = [[a(INDEX, interp_path(i.id), i.title), a(INDEX, doc_path(i.of), portal.documents[i.of].doc_number),
             esc("、".join(i.forms)), time_tag(i.published)] for i in interps]
    result = [Page(INDEX, COLUMN, block(table("政策解读", ["标题", "解读的文件", "解读形式", "发布日期"], rows)),
                   column=COLUMN, column_type="政策解读", in_nav=True)]
    for i in interps:
        path = interp_path(i.id)
        doc = portal.documents[i.of]
        contact = i.contact
        pairs = [("解读的文件", a(path, doc_path(doc.id), doc.title) + f"（{esc(doc.doc_number)}）"),
                 ("文件有效性", validity_badge(portal, doc.id, path)),
                 ("解读形式", esc("、".join(i.forms))), ("发布日期", time_tag(i.published)),
                 ("咨询部门", esc(contact.department) if contact else "—"),
                 ("联系人", esc(contact.person) if contact and contact.person else "—"),
                 ("咨询电话", esc(contact.phone) if contact and contact.phone else "—")]
        body = block(fields_table("解读信息", pairs)) + block(f'<div class="zwgk-body">{safe_html(i.body)}</div>')
        result.append(Page(path, i.title, body, column=COLUMN, column_type="政策解读", published=i.published,
                           source=contact.department if contact else "", crumbs=[(COLUMN, INDEX)],
                           search={"栏目": COLUMN, "年份": str(i.published.year)}))
    return result
