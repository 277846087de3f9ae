"""重点领域 (/zdly/): one column per standard area, entries newest first; an empty one shows its note."""

from __future__ import annotations

from ..portal import Portal
from .common import Page, a, block, esc, safe_html, table, time_tag

COLUMN = "重点领域"
INDEX = "zdly/index.md"


def column_path(column_id: str) -> str:
    return f"zdly/{column_id}/index.md"


def item_path(item) -> str:
    return f"zdly/{item.column}/{item.id}.md"


def pages(portal: Portal) -> list[Page]:
    rows = []
    for c in portal.columns:
        items = portal.items_of.get(c.id, [])
        latest = next((i.published for i in items if i.published), None)
        rows.append([a(INDEX, column_path(c.id), c.title), str(len(items)), time_tag(latest)])
    result = [Page(INDEX, "重点领域信息公开", block(table("重点领域栏目", ["栏目", "条数", "最近更新"], rows)),
                   column=COLUMN, column_type="重点领域", in_nav=True)]
    for c in portal.columns:
        path = column_path(c.id)
        items = portal.items_of.get(c.id, [])
        body = block(f"<p>{esc(c.description)}</p>") if c.description else ""
        if items:
            body += block(table(c.title, ["标题", "发布机构", "发布日期"],
                                [[a(path, item_path(i), i.title), esc(i.issuer or "—"), time_tag(i.published)]
                                 for i in items]))
        else:
            note = c.empty_note or "本栏目暂无信息。"
            body += block(f'<div class="zwgk-notice zwgk-empty" role="note"><p>{esc(note)}</p></div>')
        result.append(Page(path, c.title, body, column=c.title, column_type=c.kind, crumbs=[(COLUMN, INDEX)]))
        for i in items:
            ipath = item_path(i)
            ibody = block(f'<p class="zwgk-meta">发布机构：{esc(i.issuer or "—")}　发布日期：{time_tag(i.published)}</p>')
            ibody += block(f'<div class="zwgk-body">{safe_html(i.body)}</div>')
            if i.attachments:
                ibody += "\n## 附件\n" + block("<ul>" + "".join(
                    f"<li>{a(ipath, att.path, att.title or att.path)}</li>" for att in i.attachments) + "</ul>")
            result.append(Page(ipath, i.title, ibody, column=c.title, column_type=c.kind, published=i.published,
                               source=i.issuer, crumbs=[(COLUMN, INDEX), (c.title, path)],
                               search={"栏目": c.title, "发布机构": i.issuer,
                                       "年份": str(i.published.year) if i.published else ""}))
    return result
