"""A record's life after publication: its 更新说明 on its page, a notice where a withdrawn record was, and a
redirect page where a renamed or removed one was (plus an nginx map for real 301s).

Nothing here is a column: these pages keep old addresses working (国办秘函〔2019〕19号 counts dead links), and
they stay out of the navigation and the search.
"""

from __future__ import annotations

from ..portal import Portal
from . import areas, interpretation, normative, participation, qa
from .common import (
    Page,
    a,
    block,
    cn_date,
    doc_path,
    esc,
    heading,
    interp_path,
    item_path,
    page_url,
    qa_path,
    rel,
    time_tag,
)

NGINX_MAP = "redirects.map"


def _kinds(portal: Portal):
    """(record, page path, column title, column index path, label) for every record kind that has a page."""
    for d in portal.records.normative.values():
        yield d, doc_path(d.id), normative.COLUMN, normative.INDEX, d.title
    for i in portal.records.interpretations.values():
        yield i, interp_path(i.id), interpretation.COLUMN, interpretation.INDEX, i.title
    for q in portal.records.qa.values():
        yield q, qa_path(q.id), qa.COLUMN, qa.INDEX, q.question
    for i in portal.records.items:
        title, _kind, crumbs = areas.item_home(portal, i)  # its key-area column, or its unit's category list
        yield i, item_path(i), title, crumbs[-1][1], i.title
    for c in portal.records.consultations.values():  # 公众参与 (#16)
        yield c, participation.consultation_path(c.id), participation.COLUMN, participation.INDEX, c.title
    for p in portal.records.proposals.values():
        yield p, participation.proposal_path(p.id), participation.PROPOSAL_COLUMN, participation.PROPOSAL_INDEX, p.title


def change_log(record) -> str:
    """The record's 更新说明, newest first, as a section of its page ('' when it has none)."""
    changes = sorted(record.changes, key=lambda c: c.date, reverse=True)
    if not changes:
        return ""
    rows = "".join(f"<li>{time_tag(c.date)}：{esc(c.note)}</li>" for c in changes)
    return heading(2, "更新说明") + block(f'<ul class="zwgk-changes">{rows}</ul>')


def latest_change(record):
    """The newest Change of a record, or None."""
    return max(record.changes, key=lambda c: c.date, default=None)


def latest_changes(portal: Portal) -> dict:
    """Page path → the newest 更新说明 of each published record that has one (for the feeds)."""
    published = {id(r) for r in [*portal.documents.values(), *portal.interpretations.values(), *portal.qa.values(),
                                 *portal.items]}
    return {path: latest_change(r) for r, path, *_ in _kinds(portal) if r.changes and id(r) in published}


def with_change_logs(portal: Portal, pages: list[Page]) -> list[Page]:
    """Each published record's page with its 更新说明 appended."""
    records = {path: record for record, path, *_ in _kinds(portal) if record.changes}
    for page in pages:
        record = records.get(page.path)
        if record is not None:
            page.body += change_log(record)
    return pages


def withdrawn_pages(portal: Portal) -> list[Page]:
    """At each withdrawn record's address: what it was, when and why it was withdrawn, and where to go."""
    out = []
    withdrawn = {id(r) for r in portal.withdrawn}
    for record, path, column, index, label in _kinds(portal):
        if id(record) not in withdrawn:
            continue
        w = record.withdrawn
        day = cn_date(w.date)
        body = block(
            f'<div class="zwgk-notice zwgk-notice--withdrawn" role="note"><p><strong>本信息已于{day}{esc(w.kind)}。'
            f"</strong></p><p>{esc(w.kind)}原因：{esc(w.reason)}</p></div>"
        )
        links = []
        if w.replaced_by:
            links.append(f"<li>{a(path, page_url_to_path(w.replaced_by), '查看更正后重新发布的信息')}</li>")
        links.append(f"<li>{a(path, index, f'返回{column}')}</li>")
        body += block(f'<ul class="zwgk-links">{"".join(links)}</ul>')
        out.append(Page(path, f"【已{w.kind}】{label}", body, column=column, published=w.date,
                        crumbs=[(column, index)], description=f"本信息已于{day}{w.kind}"))
    return out


def page_url_to_path(site_path: str) -> str:
    """A site path as staff write it (gfxwj/x/ or gfxwj/x) → the page's source path (gfxwj/x.md)."""
    path = site_path.split("#", 1)[0].strip().strip("/")
    if not path:
        return "index.md"
    return path if "." in path.rsplit("/", 1)[-1] else path + ".md"


def _taken(portal: Portal) -> set[str]:
    return {page_url(path) for _record, path, *_ in _kinds(portal)}


def redirect_pages(portal: Portal) -> list[Page]:
    """A page at each old address that sends the browser on to the new one (and says so, with a link).
    An old address that is still a record's page is left alone: the record wins."""
    out = []
    taken = _taken(portal)
    for r in portal.records.redirects:
        old = r.old.strip().strip("/") + "/"
        if old in taken:
            continue
        path = old.rstrip("/") + ".md"
        target = page_url_to_path(r.new)
        href = rel(path, target)
        body = block(
            f'<p>本页面已迁移到新地址：{a(path, target, r.new)}。浏览器将自动跳转；没有跳转时请点击链接。</p>'
        )
        out.append(Page(path, "页面已迁移", body, description=f"本页面已迁移到 {r.new}", redirect=href))
    return out


def nginx_map(portal: Portal) -> str:
    """Lines for an nginx `map $uri $zwgk_redirect { include …; }`: old address → new, from the site root."""
    taken = _taken(portal)
    lines = ["# zwgk 生成：改名或删除的记录的旧网址 → 新网址（见网站发布指南）"]
    for r in portal.records.redirects:
        old = "/" + r.old.strip().strip("/") + "/"
        if old.lstrip("/") in taken:
            continue
        new = "/" + page_url(page_url_to_path(r.new))
        lines.append(f'"{old}" "{new}";')
    return "\n".join(lines) + "\n"




def pages(portal: Portal) -> list[Page]:
    return withdrawn_pages(portal) + redirect_pages(portal)
