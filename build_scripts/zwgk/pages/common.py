"""What every page shares: the Page record, relative links, safe HTML from Markdown, tables."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from dataclasses import dataclass, field

import markdown as md
import nh3

from ..dates import format_cn

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


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
    crumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, page path) above this page
    in_nav: bool = False
    search: dict[str, str] = field(default_factory=dict)  # pagefind filters/meta

    @property
    def url(self) -> str:
        return page_url(self.path)


def page_url(path: str) -> str:
    """Source path → directory URL relative to the site root ('' for the home page)."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel(from_path: str, to: str) -> str:
    """A relative link from one page to another page (source path) or to a site file ('files/x.pdf')."""
    here = page_url(from_path)
    target = page_url(to) if to.endswith(".md") else to
    link = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    if target.endswith("/") or target == "":
        link = "./" if link == "." else link + "/"
    return link


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def a(from_path: str, to: str, text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(rel(from_path, to))}"{klass}>{esc(text)}</a>'


def safe_html(markdown_text: str) -> str:
    """Markdown from YAML → HTML with only allowlisted tags, attributes and URL schemes."""
    rendered = md.markdown(markdown_text or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                     link_rel="noopener noreferrer")


def cn_date(day: dt.date | None) -> str:
    return format_cn(day) if day else "—"


def time_tag(day: dt.date | None) -> str:
    return f'<time datetime="{day.isoformat()}">{format_cn(day)}</time>' if day else "—"


def table(caption: str, headers: list[str], rows: list[list[str]], cls: str = "zwgk-table") -> str:
    """A data table with a caption and column-scoped headers; cells are already-safe HTML."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="zwgk-table-wrap"><table class="{cls}"><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def fields_table(caption: str, pairs: list[tuple[str, str]]) -> str:
    """A two-column element table (名称 | value); values are already-safe HTML."""
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in pairs)
    return (f'<div class="zwgk-table-wrap"><table class="zwgk-fields"><caption>{esc(caption)}</caption>'
            f"<tbody>{rows}</tbody></table></div>")


def block(html_text: str) -> str:
    """Raw HTML placed in a Markdown page, kept apart by blank lines."""
    return f"\n\n{html_text}\n\n"
