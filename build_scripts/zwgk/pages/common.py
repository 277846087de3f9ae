"""What every page shares: the Page record, relative links, safe HTML from Markdown, tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass, field

import markdown as md
import nh3
from slugify import slugify

from ..dates import format_cn
from ..disclosure import BY_ID as CATEGORIES
from ..units import ROOT, unit_dir

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Images load without a click, so they may only come from this site: no scheme, no //host.
_REMOTE = re.compile(r"^[\x00-\x20]*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)


@dataclass
class Page:
    """One generated page: where it goes, its title and column, its body, and its meta tags."""

    path: str  # source path, e.g. "gfxwj/sfbf-2023-12.md"
    title: str
    body: str
    column: str = ""
    column_type: str = ""
    published: dt.date | None = None
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    source: str = ""
    crumbs: list[tuple[str, str]] = field(
        default_factory=list
    )  # (title, page path) above this page
    in_nav: bool = False
    search: dict[str, str] = field(default_factory=dict)  # pagefind filters/meta
    redirect: str = ""  # relative address the browser is sent on to (a moved page)

    @property
    def url(self) -> str:
        return page_url(self.path)


def doc_path(doc_id: str) -> str:
    return f"gfxwj/{doc_id}.md"


def interp_path(interp_id: str) -> str:
    return f"zcjd/{interp_id}.md"


def qa_path(qa_id: str) -> str:
    return f"zcwd/{qa_id}.md"


def area_path(column_id: str) -> str:
    return f"zdly/{column_id}/index.md"


def item_path(item) -> str:
    """A key-area entry's page, or, for one filed straight under a 法定主动公开 category (items/xzxk/…),
    fdzdgk/<category>/<id>: a platform address like every record's, whatever its unit."""
    if item.column in CATEGORIES:
        return f"fdzdgk/{item.column}/{item.id}.md"
    return f"zdly/{item.column}/{item.id}.md"


DIRECTORY = "dw/index.md"  # 部门和乡镇: every unit of the platform by kind, each linked to its column
DISCLOSURE = "fdzdgk.md"  # a unit's 法定主动公开内容, one section per category


def unit_page(unit, name: str = "index.md") -> str:
    """A page of a unit's own 政府信息公开 column (units.unit_dir): 'bm/fgj/index.md', 'bm/fgj/zn.md' …"""
    return f"{unit_dir(unit)}/{name}"


def unit_crumbs(unit) -> list[tuple[str, str]]:
    """The breadcrumb above a page of a unit's column: the directory and the unit, or the county
    government's 政府信息公开 (its hand-written column)."""
    if unit.id == ROOT:
        return [("政府信息公开", unit_page(unit))]
    return [("部门和乡镇", DIRECTORY), (unit.name, unit_page(unit))]


def publisher(portal, from_path: str, record) -> str:
    """The record's 发布单位, linked to its unit's 政府信息公开 column."""
    unit = portal.unit_of(record)
    return a(from_path, unit_page(unit), unit.label)


def publisher_line(portal, from_path: str, record) -> str:
    """发布单位 under a record's elements: which unit of the platform published it."""
    return f'<p class="zwgk-meta zwgk-publisher">发布单位：{publisher(portal, from_path, record)}</p>'


def stable_slugs(names) -> dict[str, str]:
    """An ascii URL slug per name (unit, issuer), the same in every build for the same name.

    Names whose slugs clash (homophones) get a short hash of the name, except the first in sort order.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        slug = slugify(name, max_length=60, word_boundary=True) or "x"
        if slug in taken:
            slug = f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def page_url(path: str) -> str:
    """Source path → directory URL relative to the site root ('' for the home page)."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two site paths without '.' or '..' parts, in a tenth of the time (a platform
    has hundreds of thousands of links)."""
    to = [p for p in target.split("/") if p]
    here = [p for p in start.split("/") if p]
    common = 0
    for a_part, b_part in zip(to, here):
        if a_part != b_part:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def rel(from_path: str, to: str) -> str:
    """A relative link from one page to another page (source path) or to a site file ('files/x.pdf')."""
    here = page_url(from_path)
    target = page_url(to) if to.endswith(".md") else to
    link = _relpath(target, here)
    if target.endswith("/") or target == "":
        link = "./" if link == "." else link + "/"
    return link


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def a(from_path: str, to: str, text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(rel(from_path, to))}"{klass}>{esc(text)}</a>'


_MARKDOWN = md.Markdown(extensions=["tables", "sane_lists"], output_format="html")  # reused: 3x faster


# safe_html's results by the SHA-1 of their Markdown, so that no text is converted twice: HTML_MEMO holds
# this build's, HTML_KEPT the previous build's (zwgk.mkdocs_build keeps them between builds; an entry used again
# moves over, so HTML_MEMO ends up holding just what this build used).
HTML_MEMO: dict[bytes, str] = {}
HTML_KEPT: dict[bytes, str] = {}


def safe_html(markdown_text: str) -> str:
    """Markdown from YAML → HTML with only allowlisted tags, attributes and URL schemes."""
    key = hashlib.sha1((markdown_text or "").encode("utf-8", "surrogatepass")).digest()
    known = HTML_MEMO.get(key)
    if known is None:
        known = HTML_KEPT.pop(key, None)
        if known is not None:
            HTML_MEMO[key] = known
    if known is not None:
        return known
    rendered = _MARKDOWN.reset().convert(markdown_text or "")
    HTML_MEMO[key] = result = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_local_images,
    )
    return result


def _local_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and _REMOTE.match(re.sub(r"[\t\n\r]", "", value)):
        return None
    return value


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_text(text: object) -> str:
    """Plain text for a Markdown line (a heading): HTML-escaped and with Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", esc(text))


def heading(level: int, text: object, anchor: str = "") -> str:
    """A Markdown heading (listed in the page's table of contents) from untrusted text."""
    return f"\n{'#' * level} {md_text(text)}" + (f" {{#{anchor}}}" if anchor else "") + "\n"


def cn_date(day: dt.date | None) -> str:
    return format_cn(day) if day else "—"


def time_tag(day: dt.date | None) -> str:
    return f'<time datetime="{day.isoformat()}">{format_cn(day)}</time>' if day else "—"


def table(caption: str, headers: list[str], rows: list[list[str]], cls: str = "zwgk-table", main: int = 0) -> str:
    """A data table with a caption and column-scoped headers; cells are already-safe HTML.

    On a phone each row becomes a block (zwgk-stack in zwgk-pages.css): the main column (a title) leads it,
    every other value follows after its header (data-label); it stays a table for screen readers."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    labels = [' class="zwgk-main"' if k == main else f' data-label="{esc(h)}"' for k, h in enumerate(headers)]
    body = "".join(
        "<tr>" + "".join(f"<td{label}>{c}</td>" for label, c in zip(labels, row)) + "</tr>" for row in rows
    )
    return (
        f'<div class="zwgk-table-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="{cls} zwgk-stack"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


LIST_PAGE_SIZE = 200  # rows of a long list per page: at 20,000 documents a page stays a few tens of KB gzipped


def page_chunks(path: str, items: list, size: int | None = None) -> list[tuple[str, int, int, list]]:
    """A long list cut into pages: (page path, number, first row number, rows). The first page keeps the list's
    own path; page n goes to <list>/p/<n>.md (a record id cannot clash: its page is <list>/<id>.md)."""
    size = size or LIST_PAGE_SIZE
    base = path.removesuffix("/index.md") if path.endswith("/index.md") else path.removesuffix(".md")
    chunks = [items[k : k + size] for k in range(0, len(items), size)] or [[]]
    return [(path if n == 1 else f"{base}/p/{n}.md", n, (n - 1) * size + 1, rows)
            for n, rows in enumerate(chunks, 1)]


def pager(from_path: str, chunks: list[tuple[str, int, int, list]], current: int, total: int) -> str:
    """The page links of a cut list ('' when it fits on one page): 第 n 页，共 m 页, previous, each page, next."""
    if len(chunks) < 2:
        return ""
    links = []
    for target, n, first, rows in chunks:
        label = f"{first}–{first + len(rows) - 1}"
        if n == current:
            links.append(f'<li><span aria-current="page">第 {n} 页（{label}）</span></li>')
        else:
            links.append(f"<li>{a(from_path, target, f'第 {n} 页（{label}）')}</li>")
    prev = chunks[current - 2][0] if current > 1 else None
    nxt = chunks[current][0] if current < len(chunks) else None
    steps = (a(from_path, prev, "上一页") if prev else "") + (a(from_path, nxt, "下一页") if nxt else "")
    return (
        f'<nav class="zwgk-pager" aria-label="分页"><p>共 {total} 条，分 {len(chunks)} 页，这是第 {current} 页。'
        f'{steps}</p><ul>{"".join(links)}</ul></nav>'
    )


def fields_table(caption: str, pairs: list[tuple[str, str]]) -> str:
    """A two-column element table (名称 | value); values are already-safe HTML."""
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in pairs)
    return (
        f'<div class="zwgk-table-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="zwgk-fields"><caption>{esc(caption)}</caption>'
        f"<tbody>{rows}</tbody></table></div>"
    )


# Raw HTML in a generated page is finished HTML: marked so that the adapter can hand it past the Markdown
# parser (which would otherwise run its HTML parser over every table of a 5,000-row catalogue) and put it
# back unchanged. Without the adapter the marks are comments.
BLOCK_START, BLOCK_END = "<!--zwgk:html-->", "<!--/zwgk:html-->"


def block(html_text: str) -> str:
    """Raw HTML placed in a Markdown page, kept apart by blank lines."""
    return f"\n\n{BLOCK_START}{html_text}{BLOCK_END}\n\n"


def feed_path(column_dir: str = "") -> str:
    """The Atom feed of a column folder ('gfxwj', 'zdly/czyjs'), or of the whole site for ''."""
    return f"{column_dir}/atom.xml" if column_dir else "atom.xml"


def open_data(from_path: str, links: list[tuple[str, str, str]]) -> str:
    """A row of open-data links: (site path, text, file name offered on download)."""
    items = "".join(
        f'<li><a href="{esc(rel(from_path, p))}"'
        + (f' download="{esc(name)}"' if name else "")
        + f">{esc(text)}</a></li>"
        for p, text, name in links
    )
    return f'<ul class="zwgk-opendata" aria-label="开放数据与订阅">{items}</ul>'
