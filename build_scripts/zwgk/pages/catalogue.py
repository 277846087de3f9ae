"""规范性文件库 lists: the index (newest first), the 现行有效 catalogue, views by validity, issuer and year."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from ..dates import format_cn
from ..portal import Portal
from ..records import VALIDITY_STATES
from .common import (
    Page,
    a,
    block,
    doc_path,
    esc,
    feed_path,
    heading,
    open_data,
    page_chunks,
    pager,
    publisher,
    stable_slugs,
    table,
    time_tag,
    unit_page,
)
from .normative import COLUMN, COLUMN_TYPE, IN_FORCE_FIRST, INDEX, STATE_SLUGS, in_force_documents, validity_badge

CATALOGUE = "gfxwj/xxyx/index.md"
LIBRARY = "gfxwj/index.md"  # a unit's own library, inside its column (unit_page(unit, LIBRARY))
CATALOGUE_TITLE = "现行有效规范性文件目录"
# Open-data files: (site path, link text, file name offered on download).
DATA_ALL = [
    ("gfxwj/gfxwj.csv", "全部文件目录（CSV，可用 Excel/WPS 打开）", "规范性文件目录.csv"),
    ("gfxwj/gfxwj.json", "全部文件目录（JSON）", "规范性文件目录.json"),
]
DATA_IN_FORCE = [
    (
        "gfxwj/xxyx/xxyx.csv",
        "现行有效文件目录（CSV，可用 Excel/WPS 打开）",
        "现行有效规范性文件目录.csv",
    ),
    ("gfxwj/xxyx/xxyx.json", "现行有效文件目录（JSON）", "现行有效规范性文件目录.json"),
]


def state_path(state: str) -> str:
    return f"gfxwj/yxx/{STATE_SLUGS[state]}/index.md"


def issuer_path(slug: str) -> str:
    return f"gfxwj/fbjg/{slug}/index.md"


def year_path(year: int) -> str:
    return f"gfxwj/nf/{year}/index.md"


def doc_table(portal: Portal, from_path: str, docs, caption: str, publishers: bool = True, start: int = 1) -> str:
    """The documents with number, issuer, 发布单位 (left out in a unit's own library), date and validity;
    rows numbered from start (a later page of a long list)."""
    if not docs:
        return '<p class="zwgk-empty">暂无此类文件。</p>'
    rows = [
        [
            str(n),
            a(from_path, doc_path(d.id), d.title),
            f'<span class="zwgk-docno">{esc(d.doc_number)}</span>',
            esc(d.issuer),
            *([publisher(portal, from_path, d)] if publishers else []),
            time_tag(d.published),
            validity_badge(portal, d.id, from_path),
        ]
        for n, d in enumerate(docs, start)
    ]
    return table(
        caption,
        ["序号", "名称", "文号", "发布机构", *(["发布单位"] if publishers else []), "发布日期", "有效性"],
        rows,
        cls="zwgk-table zwgk-docs",
        main=1,
    )


def _views_nav(groups) -> str:
    """Links to every view, with counts: 按有效性, 按发布机构, 按年份."""
    parts = []
    for label, entries in groups:
        links = "".join(
            f'<li>{a(INDEX, path, text)}<span class="zwgk-count">（{n}件）</span></li>'
            for text, path, n in entries
        )
        parts.append(f'<div class="zwgk-views__group"><h3>{esc(label)}</h3><ul>{links}</ul></div>')
    return f'<nav class="zwgk-views" aria-label="分类浏览">{"".join(parts)}</nav>'


class View(NamedTuple):
    """One list page of the library: where, its title, its group and link text in the views menu."""

    path: str
    title: str
    group: str
    label: str
    docs: list
    intro: str


def views(portal: Portal) -> list[View]:
    """The 现行有效 catalogue, then the views by validity, issuer and year."""
    docs = portal.in_force_first(portal.documents_newest_first())
    by_state, by_issuer, by_year = defaultdict(list), defaultdict(list), defaultdict(list)
    for d in docs:
        by_state[portal.validity[d.id].state].append(d)
        by_issuer[d.issuer].append(d)
        by_year[d.published.year].append(d)
    slugs = stable_slugs(by_issuer)
    in_force = in_force_documents(portal)
    as_of = format_cn(portal.as_of)
    amended = sum(1 for d in in_force if portal.validity[d.id].state == "已修改")
    result = [
        View(
            CATALOGUE,
            CATALOGUE_TITLE,
            "",
            "",
            in_force,
            f"截至{as_of}，现行有效的规范性文件共 {len(in_force)} 件"
            + (f"，其中 {amended} 件经修改后继续有效，以修改后的规定为准" if amended else "")
            + "。",
        )
    ]
    result += [
        View(
            state_path(s),
            f"有效性：{s}",
            "按有效性",
            s,
            by_state[s],
            f"截至{as_of}有效性为“{s}”的规范性文件共 {len(by_state[s])} 件。",
        )
        for s in VALIDITY_STATES
    ]
    result += [
        View(
            issuer_path(slugs[i]),
            f"发布机构：{i}",
            "按发布机构",
            i,
            by_issuer[i],
            f"{i}发布的规范性文件共 {len(by_issuer[i])} 件，{IN_FORCE_FIRST}。",
        )
        for i in sorted(by_issuer)
    ]
    result += [
        View(
            year_path(y),
            f"{y}年发布的规范性文件",
            "按发布年份",
            f"{y}年",
            by_year[y],
            f"{y}年发布的规范性文件共 {len(by_year[y])} 件，{IN_FORCE_FIRST}。",
        )
        for y in sorted(by_year, reverse=True)
    ]
    return result


def pages(portal: Portal) -> list[Page]:
    docs = portal.in_force_first(portal.documents_newest_first())
    all_views = views(portal)
    groups: dict[str, list] = {}
    for v in all_views[1:]:
        groups.setdefault(v.group, []).append((v.label, v.path, len(v.docs)))
    by_unit = [(u.name, unit_page(u, LIBRARY), n) for u in portal.units.values()
               if (n := sum(1 for d in docs if (d.unit or "") == u.id))]
    if by_unit:  # each unit's own library (its column's 规范性文件)
        groups["按发布单位"] = by_unit
    body = block(
        f"<p>共收录规范性文件 {len(docs)} 件，截至{format_cn(portal.as_of)}现行有效 "
        f"{len(all_views[0].docs)} 件。下表{IN_FORCE_FIRST}；有效性按上述日期计算。</p>"
    )
    body += block(f'<p class="zwgk-lead">{a(INDEX, CATALOGUE, CATALOGUE_TITLE)}</p>')
    body += heading(2, "分类浏览") + block(_views_nav(list(groups.items())))
    body += block(open_data(INDEX, DATA_ALL + [(feed_path("gfxwj"), "订阅本栏目更新（Atom）", "")]))
    caption = "规范性文件目录（现行有效的在前）"
    result = []
    chunks = page_chunks(INDEX, docs)
    for path, n, first, rows in chunks:
        listed = heading(2, "全部文件") + block(
            pager(path, chunks, n, len(docs)) + doc_table(portal, path, rows, caption, start=first)
            + pager(path, chunks, n, len(docs))
        )
        result.append(
            Page(
                path,
                COLUMN if n == 1 else f"{COLUMN}（第 {n} 页）",
                (body if n == 1 else "") + listed,
                column=COLUMN,
                column_type=COLUMN_TYPE,
                in_nav=n == 1,
                crumbs=[] if n == 1 else [(COLUMN, INDEX)],
                description=f"{portal.config.name}规范性文件库",
            )
        )
    for v in all_views:
        extra = block(open_data(CATALOGUE, DATA_IN_FORCE)) if v.path == CATALOGUE else ""
        chunks = page_chunks(v.path, v.docs)
        for path, n, first, rows in chunks:
            table_html = doc_table(portal, path, rows, v.title, start=first)
            body = (
                (block(f"<p>{esc(v.intro)}</p>") + extra if n == 1 else "")
                + block(pager(path, chunks, n, len(v.docs)) + table_html + pager(path, chunks, n, len(v.docs)))
            )
            result.append(
                Page(
                    path,
                    v.title if n == 1 else f"{v.title}（第 {n} 页）",
                    body,
                    column=COLUMN,
                    column_type=COLUMN_TYPE,
                    crumbs=[(COLUMN, INDEX)] + ([(v.title, v.path)] if n > 1 else []),
                    description=f"{portal.config.name}{v.title}",
                )
            )
    return result
