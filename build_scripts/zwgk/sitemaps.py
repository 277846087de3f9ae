"""sitemap.xml and robots.txt for search engines, from the portal's pages and the hand-written ones.

The Sitemaps protocol (sitemaps.org 0.9) wants absolute URLs of at most 2,048 characters, 50,000 a file;
so the addresses are built from portal.yml's domain (as the pages' Url meta tag is), and without a domain
no sitemap is written (zwgk check warns, siteinfo.site_problems). A bigger site gets a sitemap index.
Withdrawn records' notices and moved addresses (pages/lifecycle.py) are left out: they are not pages to
list. robots.txt lets every crawler in and names the sitemap.
"""

from __future__ import annotations

import urllib.parse
from xml.sax.saxutils import escape

from .pages.common import page_url
from .pages.lifecycle import latest_changes, withdrawn_pages

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
PER_FILE = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"search.md", "404.md"}  # the search page has no content of its own
STAFF_ROBOTS = "User-agent: *\nDisallow: /\n"  # the staff build (pages/staff.py) is not for crawlers, if ever served


def base_url(portal) -> str:
    """https://<domain>/ (with a path when the domain carries one), or '' without a domain."""
    domain = (portal.config.domain or "").strip().strip("/")
    if not domain:
        return ""
    return (domain if domain.startswith(("http://", "https://")) else f"https://{domain}") + "/"


def listed_pages(portal, pages, hand_written: list[str]) -> list[tuple[str, object]]:
    """(source path, last-modified date or None) of every page a search engine should know, sorted."""
    gone = {p.path for p in withdrawn_pages(portal)}
    changed = latest_changes(portal)  # a record's newest 更新说明 is its last modification

    def modified(page):
        change = changed.get(page.path)
        return max(page.published, change.date) if change and page.published else page.published

    found = {p.path: modified(p) for p in pages if not p.redirect and p.path not in gone}
    for path in hand_written:
        found.setdefault(path, None)
    return sorted(((p, d) for p, d in found.items() if p not in NOT_LISTED), key=lambda e: page_url(e[0]))


def _urlset(base: str, entries) -> str:
    rows = []
    for path, day in entries:
        loc = base + urllib.parse.quote(page_url(path), safe="/")
        rows.append(f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "")
                    + "</url>")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n' + "\n".join(rows) + "\n</urlset>\n"


def site_files(portal, pages, hand_written: list[str]) -> dict[str, str]:
    """{site path: content}: robots.txt always; sitemap.xml (or an index and its parts) when there is a domain."""
    base = base_url(portal)
    robots = "User-agent: *\nAllow: /\n"
    if not base:
        return {ROBOTS: robots}
    entries = listed_pages(portal, pages, hand_written)
    files = {ROBOTS: robots + f"\nSitemap: {base}{SITEMAP}\n"}
    if len(entries) <= PER_FILE:
        files[SITEMAP] = _urlset(base, entries)
        return files
    parts = [entries[i:i + PER_FILE] for i in range(0, len(entries), PER_FILE)]
    index = []
    for n, part in enumerate(parts, 1):
        name = f"sitemap-{n}.xml"
        files[name] = _urlset(base, part)
        index.append(f"<sitemap><loc>{escape(base + name)}</loc></sitemap>")
    files[SITEMAP] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n' + "\n".join(index)
                      + "\n</sitemapindex>\n")
    return files


__all__ = ["ROBOTS", "SITEMAP", "base_url", "listed_pages", "site_files"]
