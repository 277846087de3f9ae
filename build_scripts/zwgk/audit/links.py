"""Rule 9: internal links and attachments that lead nowhere — in the records, and in a built site."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from ..load import iter_tasks
from ..pages.common import interp_path, item_path
from ..yamlnodes import where
from .documents import missing_attachments
from .inventory import Context, column_of_url, record_target
from .model import Finding, Rule, Target
from .sources import LINKS

BROKEN_LINK = Rule(
    "R9.1",
    "站内链接失效",
    "error",
    LINKS,
    "链接“{href}”指向的 {path} 不存在（{count} 个页面有此链接）",
    "改正链接，或补上被链接的页面；由记录生成的链接请改正记录中的路径",
    needs_site=True,
)
MISSING_FILE = Rule(
    "R9.2",
    "附件缺失",
    "error",
    LINKS,
    "附件“{title}”的文件 {path} 不存在",
    "把文件放到 {records}/{path}，或改正记录中的路径",
)
DEAD_END = Rule(
    "R9.3",
    "跳转目标不存在",
    "error",
    LINKS,
    "{what}“{path}”在网站中找不到对应的页面",
    "改为网站内实际存在的页面路径，如 gfxwj/sfbf-2023-12/ 或栏目首页 gfxwj/",
)
RULES = (BROKEN_LINK, MISSING_FILE, DEAD_END)

_ATTR = re.compile(r"""\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
SKIP_DIRS = ("pagefind/",)


def internal_links(text: str):
    """Every href/src value of an HTML page that points inside the site."""
    for m in _ATTR.finditer(text):
        value = html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if value and not value.startswith("#") and not _EXTERNAL.match(value):
            yield value


def resolve(page: str, href: str) -> str | None:
    """The site path a link on page (site-relative, e.g. gfxwj/a/index.html) points to; None if outside."""
    path = unquote(href.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return page
    joined = posixpath.normpath(
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    if joined == ".." or joined.startswith("../"):
        return None
    return "" if joined == "." else joined


def exists(site: Path, path: str | None) -> bool:
    if path is None:
        return False
    target = site / path
    return target.is_file() or (target / "index.html").is_file()


def scan_site(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Missing site path → (first href seen, pages linking to it), for every HTML page in the site."""
    broken: dict[str, tuple[str, list[str]]] = {}
    for file in sorted(site.rglob("*.html"), key=lambda p: (p.name == "404.html", p.as_posix())):
        page = file.relative_to(site).as_posix()
        if page.startswith(SKIP_DIRS):
            continue
        for href in dict.fromkeys(
            internal_links(file.read_text(encoding="utf-8", errors="replace"))
        ):
            path = resolve(page, href)
            if not exists(site, path):
                key = path if path is not None else href
                _first, pages = broken.setdefault(key, (href, []))
                if page not in pages:
                    pages.append(page)
    return broken


def _page_of(html_path: str) -> str:
    """gfxwj/a/index.html → gfxwj/a/ (a site path rel() accepts)."""
    return html_path.removesuffix("index.html")


def record_attachments(ctx: Context) -> list[Finding]:
    """Item attachments and interpretation media whose file is missing (documents are rule 3's)."""
    found = []
    portal = ctx.portal
    owners = [(i, interp_path(i.id), "zcjd", i.title) for i in portal.interpretations.values()]
    owners += [(i, item_path(i), f"zdly/{i.column}", i.title) for i in portal.items]
    for record, page, column, label in sorted(owners, key=lambda o: o[0].file):
        for att in missing_attachments(ctx, record):
            target = replace(record_target(record, label, page), line=where(att, "path")[0])
            found.append(
                MISSING_FILE.finding(
                    target, column, title=att.title or att.path, path=att.path, records=ctx.records_name
                )
            )
    return found


def dead_ends(ctx: Context) -> list[Finding]:
    """Redirects (redirects.yml) and withdrawn records' replacements that lead to no page."""
    found = []
    records_name = ctx.records_name
    for r in ctx.portal.records.redirects:
        if not ctx.resolves(r.new):
            target = Target(f"网址跳转 {r.old}", "", f"{records_name}/redirects.yml", where(r, "new")[0])
            found.append(DEAD_END.finding(target, "", what="跳转的新网址", path=r.new))
    for record in ctx.portal.withdrawn:
        w = record.withdrawn
        if w.replaced_by and not ctx.resolves(w.replaced_by):
            target = Target(getattr(record, "title", "") or record.id, "", record.file, where(w, "replaced_by")[0],
                            record.unit or "")
            found.append(DEAD_END.finding(target, "", what="撤回信息的替代页面", path=w.replaced_by))
    return found


def check(ctx: Context) -> list[Finding]:
    found = record_attachments(ctx) + dead_ends(ctx)
    if not ctx.site_dir:
        return found
    portal = ctx.portal
    records = [*portal.documents.values(), *portal.interpretations.values(), *portal.items]
    reported = {
        att.path for r in records for att in missing_attachments(ctx, r)
    }  # rules 3.6 and 9.2
    reported |= {
        e.strip("/")
        for t in portal.tasks.values()
        for _s, _u, task in iter_tasks(t)
        for e in task.evidence
        if not ctx.resolves(e)
    }  # rule 8.3
    for path, (href, pages) in sorted(scan_site(Path(ctx.site_dir)).items()):
        if path in reported:
            continue
        first = _page_of(pages[0])
        columns = {column_of_url(_page_of(p)) for p in pages}
        shown = path if "." in path.rsplit("/", 1)[-1] else path + "/"
        found.append(
            BROKEN_LINK.finding(
                Target(first or "首页", first),
                columns.pop() if len(columns) == 1 else "",
                href=href,
                path=shown,
                count=len(pages),
            )
        )
    return found
