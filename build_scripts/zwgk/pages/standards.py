"""Each key area's 基层政务公开标准目录 (zdly/<column>/bzml/) and a unit's own (<unit column>/bzml/<column>/, e.g.
xz/cgz/bzml/shjz/): the 事项 as the national guidelines lay them out, each with what the site has published for it
(zwgk.standards; a unit's catalogue counts that unit's own records)."""

from __future__ import annotations

from ..portal import Portal
from ..records import NormativeDocument
from ..standards import entry_records, named_records
from ..units import ROOT
from .common import Page, a, area_path, block, doc_path, esc, heading, item_path, time_tag, unit_crumbs, unit_page

COLUMN = "重点领域"
TICK = "√"


def catalogue_page(column_id: str, unit=None) -> str:
    """The county government's catalogue of an area at zdly/<column>/bzml/; a unit's in its own column."""
    if unit is None or unit.id == ROOT:
        return f"zdly/{column_id}/bzml.md"
    return unit_page(unit, f"bzml/{column_id}.md")


def page_of(portal: Portal, catalogue) -> str:
    return catalogue_page(catalogue.id, portal.units[catalogue.unit or ROOT])


def unit_catalogues(portal: Portal, unit_id: str) -> list:
    """A unit's own catalogues (not the county government's), by column."""
    return [c for (owner, _column), c in sorted(portal.records.catalogues.items()) if owner and owner == unit_id]


def column_catalogues(portal: Portal, column_id: str) -> list:
    """The units' own catalogues of an area, by unit."""
    return [c for (owner, column), c in sorted(portal.records.catalogues.items()) if owner and column == column_id]


def _th(text: str, scope: str = "col", rows: int = 1, cols: int = 1) -> str:
    span = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
    return f'<th scope="{scope}"{span}>{esc(text)}</th>'


def _link(path: str, record) -> str:
    return a(path, doc_path(record.id) if isinstance(record, NormativeDocument) else item_path(record), record.title)


def _published(portal: Portal, path: str, catalogue, entry) -> str:
    """How many records fulfil the 事项 and the newest; the records it names by id, each linked."""
    records = entry_records(portal, catalogue, entry)
    if not records:
        return '<span class="zwgk-flag">暂无信息</span>'
    day, _title, record = records[0]
    html = f"{len(records)} 条；最近：{_link(path, record)}（{time_tag(day)}）"
    named = named_records(portal, entry)
    if named:
        html += "；对应信息：" + "、".join(_link(path, r) for r in named)
    return html


def catalogue_table(portal: Portal, path: str, catalogue) -> str:
    head = ("<thead><tr>" + _th("序号", rows=2) + _th("公开事项", "colgroup", cols=2)
            + "".join(_th(h, rows=2) for h in ("公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"))
            + _th("公开对象", "colgroup", cols=2) + _th("公开方式", "colgroup", cols=2)
            + _th("公开层级", "colgroup", cols=2) + _th("本网站已公开", rows=2) + "</tr><tr>"
            + "".join(_th(h) for h in ("一级事项", "二级事项", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"))
            + "</tr></thead>")
    rows = []
    for n, e in enumerate(catalogue.entries, start=1):
        ticks = [e.audience == "全社会", e.audience == "特定群体", e.mode == "主动", e.mode == "依申请",
                 "县级" in e.levels, "乡级" in e.levels]
        cells = [str(n), e.first, e.second or "—", e.content, e.basis, e.deadline, e.subject, "、".join(e.channels)]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells)
                    + "".join(f"<td>{TICK if t else ''}</td>" for t in ticks)
                    + f"<td>{_published(portal, path, catalogue, e)}</td></tr>")
    return (f'<div class="zwgk-table-wrap" role="region" tabindex="0" aria-label="{esc(catalogue.title)}">'
            f'<table class="zwgk-table zwgk-bzml"><caption>{esc(catalogue.title)}</caption>{head}'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _intro(portal: Portal, catalogue) -> str:
    whose = f"{esc(portal.units[catalogue.unit].name)}的" if catalogue.unit else ""
    return block(f"<p>本目录按国家有关领域基层政务公开标准指引编制"
                 f"{('（' + esc(catalogue.source) + '）') if catalogue.source else ''}，"
                 f"逐项列出公开事项及本网站已公开的{whose}信息。</p>")


def _unit_list(portal: Portal, path: str, column_id: str) -> str:
    """The units' own catalogues of this area, linked from the county government's."""
    found = column_catalogues(portal, column_id)
    if not found:
        return ""
    links = "".join(f"<li>{a(path, page_of(portal, c), c.title)}</li>" for c in found)
    return heading(2, "各单位标准目录", "dw") + block(f'<ul class="zwgk-links">{links}</ul>')


def pages(portal: Portal) -> list[Page]:
    out = []
    titles = {c.id: c.title for c in portal.columns}
    for (unit_id, column_id), catalogue in sorted(portal.records.catalogues.items()):
        if column_id not in titles:
            continue
        path = page_of(portal, catalogue)
        body = _intro(portal, catalogue) + block(catalogue_table(portal, path, catalogue))
        if unit_id:
            unit = portal.units[unit_id]
            out.append(Page(path, catalogue.title, body, column=f"{unit.name}政府信息公开", column_type="信息公开",
                            crumbs=unit_crumbs(unit), description=catalogue.title, source=unit.name,
                            search={"栏目": "政府信息公开", "发布单位": unit.name}))
            continue
        body += _unit_list(portal, path, column_id)
        out.append(Page(path, catalogue.title, body, column=titles[column_id], column_type="其他",
                        crumbs=[(COLUMN, "zdly/index.md"), (titles[column_id], area_path(column_id))],
                        description=catalogue.title, search={"栏目": "重点领域"}))
    return out
