"""The MkDocs adapter: adds the portal's generated pages and attachments, then indexes the site.

The only module besides zwgk.site that imports MkDocs.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .asof import parse_as_of
from .errors import ZwgkError
from .export import export_files
from .pages import STAFF_ONLY, render_pages, render_staff_pages, to_markdown
from .pages.common import BLOCK_END, BLOCK_START
from .pages.contact import fill_markers
from .portal import load_portal
from .siteinfo import site_context
from .sitemaps import STAFF_ROBOTS, base_url, site_files
from .synonyms import TERMS_URI, terms_json

log = logging.getLogger("mkdocs.plugins.zwgk")
AS_OF_ENV = "ZWGK_AS_OF"
RECORDS_ENV = "ZWGK_RECORDS"  # set by `zwgk build/serve --records`, overrides the records option


class ZwgkConfig(base.Config):
    enabled = c.Type(bool, default=True)
    records = c.Type(str, default="tasks_yaml")
    as_of = c.Type(str, default="")
    search = c.Type(bool, default=True)
    staff = c.Type(bool, default=False)  # the staff build (zwgk build --staff): only what staff_docs and
    # pages.STAFF_MODULES give, with file names (opens from a local folder), no search; never the public site
    staff_docs = c.PathSpec()  # hand-written pages for staff only (gitignore patterns, as exclude_docs)
    staff_docs.default = "/bzzn/\n/fabu/\n"


_BLOCK = re.compile(re.escape(BLOCK_START) + "(.*?)" + re.escape(BLOCK_END), re.S)
_PLACEHOLDER = re.compile(r"<!--zwgk:(\d+)-->")

# A portal `zwgk build` has already loaded and checked, handed over for the one build that follows, so the
# records are read once per build (keyed by the records folder and the build date).
_LOADED: dict[tuple[str, object], object] = {}

# From this many published records on, the open data files (export_files, a few seconds at 20,000 records)
# are written by a forked process while this one generates the pages: the other core is idle then.
FORKED_EXPORT_FROM = 2000
_EXPORTING = None  # the portal the forked process exports (inherited, never pickled)


def _forked_exports() -> dict:
    return export_files(_EXPORTING)


class SharedPartials:
    """Theme partials rendered once per folder for the pages outside the navigation (record pages).

    The navigation and the tabs of such a page mark nothing as current, and their links are relative:
    two pages in one folder get the same HTML, unless a navigation link lies under one of them (then
    that page renders its own).  overrides/main.html asks key() and keeps what it rendered with keep().
    """

    def __init__(self, nav) -> None:
        self.in_nav = {id(page) for page in nav.pages}
        self.urls = [page.url for page in nav.pages]
        self.done: dict[tuple[str, str], str] = {}

    def key(self, name: str, page) -> tuple[str, str] | None:
        if page is None or id(page) in self.in_nav or not page.url:
            return None
        if any(url.startswith(page.url) for url in self.urls):
            return None
        return name, page.url.rstrip("/").rpartition("/")[0]

    def keep(self, key, html: str) -> str:
        self.done[key] = html
        return html


def hand_over(portal) -> None:
    """Let the next build of these records as of this date use portal instead of loading them again."""
    _LOADED.clear()
    _LOADED[(str(Path(portal.records.root).resolve()), portal.as_of)] = portal


def _through_link(path: Path, top: Path) -> bool:
    """Whether path, or a folder between it and top, is a symbolic link (it could point anywhere)."""
    top = top.resolve()
    while True:
        if path.is_symlink():
            return True
        if path.parent == path or path.parent.resolve() == top:
            return False
        path = path.parent


def _nav_within(nav, keep):
    """The nav entries whose page keep(source path) keeps: the public site drops the staff pages (any other
    missing page is still reported by MkDocs), the staff build keeps only its own; a section left empty goes
    too. None (no nav in mkdocs.yml) stays None."""
    if nav is None:
        return None
    kept = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            value = _nav_within(value, keep)
            if not value:
                continue
        elif "://" not in value and not keep(value):
            continue
        kept.append(value if title is None else {title: value})
    return kept


class ZwgkPlugin(BasePlugin[ZwgkConfig]):
    """Generates the 政务公开 columns from YAML records (plugins: [zwgk])."""

    def on_config(self, config):
        if not self.config.enabled:
            return config
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.records_dir = (base_dir / (os.environ.get(RECORDS_ENV) or self.config.records)).resolve()
        if str(self.records_dir) not in [str(Path(w).resolve()) for w in config.watch]:
            config.watch.append(str(self.records_dir))
        config.theme.static_templates.discard("sitemap.xml")  # ours has absolute URLs (zwgk.sitemaps)
        if self.config.staff:
            config.use_directory_urls = False
            self.config.search = False
        return config

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        try:
            as_of = parse_as_of(os.environ.get(AS_OF_ENV) or self.config.as_of)
            portal = _LOADED.pop((str(self.records_dir), as_of), None) or load_portal(self.records_dir, as_of)
        except ZwgkError as exc:
            raise PluginError(f"记录有误，未生成网站：\n{exc}") from None
        for problem in portal.warnings:
            log.warning(problem.format())
        self.portal = portal
        linked = [f.src_uri for f in files if f.abs_src_path and _through_link(Path(f.abs_src_path),
                                                                              Path(config.docs_dir))]
        if linked:
            raise PluginError("以下文件是符号链接（或在链接的目录中），不予发布；请把文件本身放进 "
                              f"{Path(config.docs_dir).name}/：\n" + "\n".join(linked))
        for f in [f for f in files if f.is_documentation_page()]:  # a hand-written page goes to one build only
            if bool(self.config.staff_docs.match_file(f.src_uri)) != self.config.staff:
                files.remove(f)
        if self.config.staff:
            files = self._staff_files(files, config, portal)
        else:
            files = self._public_files(files, config, portal)
        built = {f.src_uri for f in files if f.is_documentation_page()}
        config.nav = _nav_within(config.nav, built.__contains__ if self.config.staff else (
            lambda uri: uri not in STAFF_ONLY and not self.config.staff_docs.match_file(uri)))
        return files

    def _add_pages(self, files: Files, config, pages) -> None:
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content=to_markdown(page, self.portal),
                                        inclusion=inclusion))
            files.get_file_from_path(page.path).generated_by = "zwgk"

    def _staff_files(self, files: Files, config, portal) -> Files:
        """The staff build: its home page, the audit report and its data files, the staff guides."""
        from .audit.export import report_files  # the audit: the staff build's alone, not loaded by the public one

        report = report_files(portal, Path(config.docs_dir))  # audit report JSON/CSV; before the /jcbg/ page
        pages = render_staff_pages(portal)
        self._add_pages(files, config, pages)
        for uri in ("sitemap.xml", "robots.txt"):  # no sitemap (the theme's template would be copied raw)
            if files.get_file_from_path(uri) is not None:
                files.remove(files.get_file_from_path(uri))
        for uri, content in {**report, "robots.txt": STAFF_ROBOTS}.items():
            files.append(File.generated(config, uri, content=content))
        log.info(f"zwgk: 工作人员版（截至 {portal.as_of.isoformat()}），生成 {len(pages)} 个页面")
        return files

    def _public_files(self, files: Files, config, portal) -> Files:
        global _EXPORTING
        pool = None
        if len(portal.documents) + len(portal.items) + len(portal.interpretations) + len(portal.qa) \
                >= FORKED_EXPORT_FROM:
            _EXPORTING = portal
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            exporting = pool.submit(_forked_exports)
        try:
            pages = render_pages(portal)
            self._add_pages(files, config, pages)
            exports = exporting.result() if pool else export_files(portal)  # Atom feeds, CSV/JSON open data
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
            _EXPORTING = None
        for uri in portal.files:  # only files a published record names; never a link
            files.append(File.generated(config, uri, abs_src_path=str(self.records_dir / uri)))
        for uri, content in exports.items():
            files.append(File.generated(config, uri, content=content))
        # 搜索同义词 for the search page (zwgk.synonyms); written with or without the search index
        files.append(File.generated(config, TERMS_URI, content=terms_json(portal.records.search_terms)))
        hand_written = [f.src_uri for f in files
                        if f.is_documentation_page() and getattr(f, "generated_by", "") != "zwgk"]
        ours = site_files(portal, pages, hand_written)  # sitemap.xml (with a domain), robots.txt
        for uri in {"sitemap.xml", *ours}:  # the theme's sitemap.xml template would be copied raw: never
            if files.get_file_from_path(uri) is not None:
                files.remove(files.get_file_from_path(uri))
        for uri, content in ours.items():
            files.append(File.generated(config, uri, content=content))
        log.info(f"zwgk: 截至 {portal.as_of.isoformat()}，生成 {len(pages)} 个页面")
        return files

    def on_page_content(self, html, page, config, files):
        """Put back the finished HTML blocks on_page_markdown set aside (pages.common.block)."""
        kept = self._blocks.pop(page.file.src_uri, None) if hasattr(self, "_blocks") else None
        if kept:
            html = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], html)
        return html

    def on_page_markdown(self, markdown, page, config, files):
        """Hand-written pages get portal.yml's contact details; finished HTML blocks are set aside."""
        if getattr(page.file, "generated_by", None) != "zwgk" and getattr(self, "portal", None):
            markdown = fill_markers(markdown, self.portal)
        if BLOCK_START in markdown:
            kept: list[str] = []

            def keep(m):
                kept.append(m.group(1))
                return f"<!--zwgk:{len(kept) - 1}-->"

            markdown = _BLOCK.sub(keep, markdown)
            self._blocks = getattr(self, "_blocks", {})
            self._blocks[page.file.src_uri] = kept
        return markdown

    def on_nav(self, nav, config, files):
        self._shared = SharedPartials(nav)
        return nav

    def on_page_context(self, context, page, config, nav):
        if getattr(self, "_shared", None) is not None:
            context["zwgk_shared"] = self._shared
        portal = getattr(self, "portal", None)
        if self.config.enabled and portal:
            if getattr(self, "_site", (None,))[0] is not portal:  # the same for every page: once per build
                self._site = (portal, {**site_context(portal),  # meta tags and footer (zwgk.siteinfo)
                                       "staff": self.config.staff, "public_url": base_url(portal)})
            context["zwgk_site"] = self._site[1]
        return context

    def on_template_context(self, context, template_name, config):
        """Pages rendered without a page of their own (404.html) get the same footer details."""
        return self.on_page_context(context, None, config, None)

    def cache_key(self) -> str:
        """What this plugin adds to every page besides its Markdown (zwgk.mkdocs_build keeps pages by it)."""
        extras = self.on_page_context({}, None, None, None).get("zwgk_site")
        return json.dumps(extras, ensure_ascii=False, sort_keys=True, default=str)
