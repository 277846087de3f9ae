"""How zwgk runs MkDocs: MkDocs' own build steps, with record pages rendered on every core, pages whose inputs
did not change taken as they are from the previous build, and the search index built from index copies made
as each page is written.

A module of the MkDocs adapter (with mkdocs_plugin.py and site.py); the core never imports it.

What a page's HTML depends on, and so its key (PageCache.key):
  - its own Markdown (the generated page, front matter included: title, meta, breadcrumb, search values) and
    its source path (its URL);
  - what every page shares (the global key): mkdocs.yml, the theme's files (mkdocs-material and overrides/),
    the versions of MkDocs, the theme and Markdown, zwgk's own code, the navigation (every title and URL in
    it, rendered on every page), the site details the plugin adds to every page (footer, meta tags), and
    the preview address when serving.
Only generated record pages outside the navigation are kept between builds (thousands of them); navigation
pages and hand-written pages are rendered every time. A kept page is a hard link to the previous build's
file, so a build with nothing changed writes no page, and one with an edited record renders just the pages
whose Markdown changed: the record's own page and the lists that show it. Because the key covers every
input of the rendering, a kept page is byte for byte what rendering it again would give (tests compare a
full and an incremental build tree by tree).

The cache lives beside the output folder (.<site>.cache/): manifest.json (each page's key) and search/ (the
index copy of each page, what Pagefind reads). The manifest is removed when a build starts and written when
it ends, so a build killed half way leaves the next one to start from nothing rather than from a half-kept
state; it also names the folder it describes (by inode), so a site replaced by hand is never reused.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import marshal
import multiprocessing
import os
import queue
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
from mkdocs.exceptions import Abort
from mkdocs.exceptions import BuildError as MkDocsBuildError
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from . import timings
from .swap import fault_point

log = logging.getLogger("mkdocs.plugins.zwgk")

CACHE_VERSION = 1
MANIFEST = "manifest.json"
MARKDOWN_MEMO = "markdown.marshal"
PARALLEL_FROM = 200  # fewer pages than this to render are not worth forking for
PARENT_RENDERS_UNDER = 5000  # fewer pages than this: the parent renders beside the forked renderers (_render_all)
CHUNK = 40


def cache_dir(site: Path) -> Path:
    """The cache of builds into site (beside it, hidden, like the swap's working folders)."""
    return site.with_name(f".{site.name}.cache")


@functools.lru_cache(maxsize=1)
def _code_key() -> str:
    """zwgk's own code (a change to a page module must not keep pages rendered by the old one)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".css", ".html", ".json", ".yml"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions"):
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()


def _tree_key(folders) -> str:
    """The theme's files: every name and content of a folder of the project (overrides/); an installed
    theme counts by its version (in _code_key), not by its thousands of icon files."""
    digest = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        digest.update(str(folder).encode() + b"\0")
        if "site-packages" in folder.parts:
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _nav_key(nav) -> list:
    def item(entry):
        children = getattr(entry, "children", None)
        return [entry.title, getattr(entry, "url", None), [item(c) for c in children] if children else None]

    return [item(entry) for entry in nav.items]


class PageCache:
    """The previous build's page keys (when they describe previous_site) and the folder of index copies."""

    def __init__(self, folder: Path, previous_site: Path | None):
        self.folder = folder
        self.copies = folder / "search"
        self.previous_site = previous_site
        self.previous: dict = {}
        folder.mkdir(parents=True, exist_ok=True)
        manifest = folder / MANIFEST
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            if (
                data.get("version") == CACHE_VERSION
                and previous_site is not None
                and previous_site.is_dir()
                and os.stat(previous_site).st_ino == data.get("site_ino")
            ):
                self.previous = data
        except (OSError, ValueError):
            pass
        manifest.unlink(missing_ok=True)  # from here on the copies change: a killed build leaves no manifest
        if not self.previous:
            shutil.rmtree(self.copies, ignore_errors=True)
        self.copies.mkdir(parents=True, exist_ok=True)
        self.pages: dict[str, list] = {}  # dest -> [key, has an index copy]

    def reusable(self, dest: str, key: str) -> bool:
        entry = self.previous.get("pages", {}).get(dest)
        return bool(entry and entry[0] == key and (self.previous_site / dest).is_file()
                    and (not entry[1] or (self.copies / dest).is_file()))

    def load_markdown(self) -> None:
        """The previous build's converted record texts (pages.common.HTML_KEPT), if made by this code."""
        from .pages import common

        common.HTML_MEMO.clear()
        common.HTML_KEPT.clear()
        try:
            code, kept = marshal.loads((self.folder / MARKDOWN_MEMO).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if code == _code_key() and isinstance(kept, dict):
            common.HTML_KEPT.update(kept)

    def save_markdown(self) -> None:
        from .pages import common

        tmp = self.folder / (MARKDOWN_MEMO + ".tmp")
        tmp.write_bytes(marshal.dumps((_code_key(), common.HTML_MEMO)))
        tmp.replace(self.folder / MARKDOWN_MEMO)
        common.HTML_KEPT.clear()

    def save(self, site: Path, global_key: str, search_key: str | None, inputs: dict | None = None) -> None:
        data = {"version": CACHE_VERSION, "site_ino": os.stat(site).st_ino, "global": global_key,
                "search_key": search_key, "pages": self.pages, "inputs": inputs}
        tmp = self.folder / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(self.folder / MANIFEST)


def _stat_tree(folder: Path, digest) -> None:
    """Every file under folder by name, size, modification time and inode (a file saved again counts as
    changed; its content is not read)."""
    folder = Path(folder)
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            digest.update(f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0"
                          f"{st.st_mode}\n".encode())


def inputs_key(config, records: Path | None, settings: dict) -> str:
    """Everything a build reads: the records folder and docs_dir (every file's name, size, time and inode),
    mkdocs.yml, the theme's files, zwgk's code and the versions of what renders pages, and settings (the
    build date, search on/off …). Two builds with the same key write the same site."""
    digest = hashlib.sha256(json.dumps({
        "version": CACHE_VERSION, "code": _code_key(), "theme": _tree_key(config.theme.dirs),
        "config": Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else "",
        "site_url": config.site_url, "settings": settings,
    }, ensure_ascii=False, sort_keys=True, default=str).encode())
    for folder in (records, config.docs_dir):
        digest.update(f"\0{folder}\0".encode())
        if folder and Path(folder).is_dir():
            _stat_tree(Path(folder), digest)
    return digest.hexdigest()


def unchanged(cache_folder: Path, site: Path, key: str, search: bool) -> dict | None:
    """The inputs the last build into site recorded (build(inputs=...)), if that build finished, site is
    still the folder it wrote (same inode, every page there) and its inputs key is key; else None."""
    try:
        data = json.loads((Path(cache_folder) / MANIFEST).read_text(encoding="utf-8"))
        if not (data.get("version") == CACHE_VERSION and (data.get("inputs") or {}).get("key") == key
                and os.stat(site).st_ino == data.get("site_ino")):
            return None
    except (OSError, ValueError, AttributeError):
        return None
    if search and not (data.get("search_key") and (Path(site) / "pagefind").is_dir()):
        return None
    if not all((Path(site) / dest).is_file() for dest in data.get("pages", {})):
        return None
    return data["inputs"]


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """The theme's templates compiled once per machine rather than once per build: Jinja's bytecode cache, in
    Jinja's own default folder (the user's _jinja2-cache-<uid> in the system's temporary folder, readable by
    that user alone). Compiling Material's templates costs about 0.2 CPU s in every build and preview.
    A template is found by its name, its file and what shapes its compiled code (the Jinja version and the
    environment's extensions), and compiled again when its source changed (Jinja keeps the source's checksum);
    a cache entry that cannot be read, or written, is compiled as if there were no cache. The pages do not
    depend on it."""

    def __init__(self, env, directory: str | None = None) -> None:
        super().__init__(directory, pattern="__zwgk_%s.cache")
        self.shape = f"{jinja2.__version__}\0{sorted(env.extensions)}\0"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.shape}{name}\0{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache(env) -> _TemplateCache | None:
    try:
        return _TemplateCache(env)
    except (OSError, RuntimeError):  # no private temporary folder: compile each time
        return None


class _ThemeListing:
    """The theme's Jinja environment as Files.add_files_from_theme uses it (list_templates), without walking
    hidden folders: MkDocs leaves out every path with a part that starts with a dot, and Material's .icons
    holds 14,000 of its 14,500 files, each listed and matched against a dozen patterns only to be left out."""

    def __init__(self, env):
        self.loader = env.loader

    def list_templates(self, filter_func) -> list[str]:
        found = set()
        for searchpath in self.loader.searchpath:  # as jinja2.FileSystemLoader.list_templates, pruned
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.loader.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    if not filename.startswith("."):
                        template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep)
                        found.add(template.replace(os.path.sep, "/").removeprefix("./"))
        return [name for name in sorted(found) if filter_func(name)]


def _link(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


@dataclass
class _Job:
    """What the forked page renderers share with the parent (inherited, never pickled)."""

    config: object
    files: object
    doc_files: list
    nav: object
    env: object
    copies: Path | None
    populated: frozenset = frozenset()  # src_uris of the pages populated in the parent (always rendered)


# what the forked renderers inherit while _render_all runs: (job, chunks of src_uris, shared bounds, results)
_SHARED: tuple | None = None


def _index_copy(job: _Job, file) -> bool:
    """Write (or remove) the page's index copy; whether it has one."""
    if job.copies is None:
        return False
    from .search.rewrite import index_copy

    target = job.copies / file.dest_uri
    copy = index_copy(Path(file.abs_dest_path).read_text(encoding="utf-8"))
    if copy is None:
        target.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(copy, encoding="utf-8")
    return True


def _render(job: _Job, file) -> tuple[bool, str | None]:
    """Render one page: (whether it has an index copy, the key of a page populated in the parent before the
    fork (navigation and hand-written pages: the digest of its output) or None)."""
    populated = file.src_uri in job.populated
    if not populated:
        _populate_page(file.page, job.config, job.files)
    _build_page(file.page, job.config, job.doc_files, job.nav, job.env, excluded=file.inclusion.is_excluded())
    has_copy = _index_copy(job, file)
    if not populated:
        return has_copy, None
    output = Path(file.abs_dest_path)
    return has_copy, hashlib.sha256(output.read_bytes()).hexdigest() if output.is_file() else ""


def _render_here(job: _Job, file) -> tuple[bool, str | None]:
    """_render in this process: a failure stops the build naming the page, as a forked renderer's does."""
    try:
        return _render(job, file)
    except MkDocsBuildError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MkDocsBuildError(f"页面生成失败：{file.src_uri}: {type(exc).__name__}: {exc}") from None


def _render_from_front() -> None:
    """In a forked renderer: render chunks from the front until the parent's, from the back, are met; each
    chunk's [(src_uri, (has copy, key))] is sent as it is done, then None (or ("error", message))."""
    job, chunks, bounds, results = _SHARED
    uri = ""
    try:
        while True:
            with bounds.get_lock():
                if bounds[0] >= bounds[1]:
                    break
                k = bounds[0]
                bounds[0] += 1
            done = []
            for uri in chunks[k]:
                done.append((uri, _render(job, job.files.get_file_from_path(uri))))
            results.put(done)
    except Exception as exc:  # noqa: BLE001  (handed to the parent, which stops the build)
        results.put(("error", f"{uri}: {type(exc).__name__}: {exc}"))
    results.put(None)


def _quiet_child() -> None:
    """A renderer stops when told to (the parent's SIGTERM handler would print a traceback there)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the parent, which stops the pool


def _workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def build(config, cache_folder: Path, *, previous_site: Path | None = None, serve_url: str | None = None,
          search: bool = False, index: bool = True, keep: dict | None = None, inputs: dict | None = None) -> dict:
    """Build the site into config.site_dir (which must be empty or absent); returns counts.

    cache_folder: where the page keys and index copies are kept between builds (cache_dir(site) for a
    site that is built again and again); previous_site: the last build of the same site, whose unchanged
    pages are kept (see the module docstring); search: also write the Chinese search index (zwgk.search)
    into site/pagefind/; index=False (the preview) writes the index copies but leaves running Pagefind to
    index_behind(), keeping the previous index meanwhile (stats["search"] == "behind"). keep: filled with
    what render_now() needs to render pages of this build again. inputs: {"key": inputs_key(...), ...} of
    this build, kept in the manifest for unchanged() (with what the caller wants to say again then).
    """
    site = Path(config.site_dir)
    cache = PageCache(Path(cache_folder), Path(previous_site) if previous_site else None)
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    stats = {"rendered": 0, "kept": 0, "workers": 1, "search": "off"}
    try:
        started = time.perf_counter()
        cache.load_markdown()
        with timings.stage("portal"):
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            zwgk = config.plugins.get("zwgk")
            search = search and bool(zwgk is None or zwgk.config.search)  # the staff build has none
            site.mkdir(parents=True, exist_ok=True)
            files = get_files(config)
            env = config.theme.get_env()
            env.bytecode_cache = _template_cache(env)
            files.add_files_from_theme(_ThemeListing(env), config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        doc_files = files.documentation_pages(inclusion=inclusion)
        in_nav = {id(page) for page in nav.pages}
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
        keepable = [f for f in doc_files if getattr(f, "generated_by", None) == "zwgk"
                    and id(f.page) not in in_nav and not f.inclusion.is_excluded()]
        keepable_ids = {id(f) for f in keepable}
        always = [f for f in doc_files if id(f) not in keepable_ids]
        with timings.stage("render-nav"):
            for file in always:
                _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)

        global_key = hashlib.sha256(json.dumps({
            "version": CACHE_VERSION,
            "code": _code_key(),
            "theme": _tree_key(config.theme.dirs),
            "config": Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else "",
            "site_url": config.site_url, "serve_url": serve_url,
            "extra": [getattr(p, "cache_key", lambda: "")() for p in config.plugins.values()],
            "nav": _nav_key(nav),
            "search": search,  # a page kept from a build without search has no index copy
        }, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()

        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        copies = cache.copies if search else None
        job = _Job(config, files, doc_files, nav, env, copies, frozenset(f.src_uri for f in always))
        page_keys: dict[str, str] = {}
        with timings.stage("render-pages"):
            todo = list(always)  # first: the long lists are among them, spread over the workers
            for file in keepable:
                key = hashlib.sha256(f"{global_key}\0{file.src_uri}\0".encode() + file.content_bytes).hexdigest()
                page_keys[file.dest_uri] = key
                if cache.reusable(file.dest_uri, key):
                    _link(previous_site / file.dest_uri, Path(file.abs_dest_path))
                    cache.pages[file.dest_uri] = cache.previous["pages"][file.dest_uri]
                    stats["kept"] += 1
                else:
                    todo.append(file)
            stats["rendered"] = len(todo)
            _render_all(job, todo, cache, page_keys, stats)
        fault_point("pages")

        for file in always:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

        search_key, with_copy = None, None
        if search:
            search_key, with_copy = _search(site, cache, page_keys, stats, index)
        fault_point("search")
        config.plugins.on_post_build(config=config)
        cache.save_markdown()
        cache.save(site, global_key, search_key, inputs)
        if keep is not None:
            keep.update(config=config, files=files, nav=nav, env=env, doc_files=doc_files, cache=cache.folder,
                        site=site, with_copy=with_copy)
        log.info(f"zwgk: 共 {len(doc_files)} 页，本次渲染 {stats['rendered']} 页，沿用上次 {stats['kept']} 页"
                 f"（用时 {time.perf_counter() - started:.1f} 秒）")
        return stats
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, MkDocsBuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None
        raise


def _render_all(job: _Job, todo: list, cache: PageCache, page_keys: dict, stats: dict) -> None:
    """Render the pages to render, on every core when there are many; progress every tenth."""
    global _SHARED
    total, done = len(todo), 0
    step = max(total // 10, 1)
    workers = _workers() if total >= PARALLEL_FROM else 1

    def record(uri: str, rendered: tuple[bool, str | None]) -> None:
        nonlocal done
        dest = job.files.get_file_from_path(uri).dest_uri
        has_copy, key = rendered
        if key is not None:
            page_keys[dest] = key
        cache.pages[dest] = [page_keys[dest], has_copy]
        done += 1
        if total >= 300 and (done % step == 0 or done == total):
            log.info(f"zwgk: 已渲染 {done}/{total} 页")

    if workers == 1:
        for file in todo:
            record(file.src_uri, _render_here(job, file))
        return
    # one record page here first: the templates it uses are compiled (Jinja does it on first use) and the
    # search copy's code imported once, before the fork, instead of once in every renderer
    first = next((f for f in todo if f.src_uri not in job.populated), None)
    if first is not None:
        record(first.src_uri, _render_here(job, first))
        todo = [f for f in todo if f is not first]
    stats["workers"] = workers
    # Below PARENT_RENDERS_UNDER pages the parent renders too, beside workers - 1 forked renderers: one process
    # fewer whose first touch of each inherited page of memory copies it (0.4 CPU s of 7 at 1,000 records).
    # Above, that is noise, and what the parent keeps of the pages it renders would add to the build's peak
    # memory (160 MB at 20,000 records). The renderers take chunks from the front (the navigation pages
    # first: long lists, and only they feed the anchor checks here), the parent from the back (record pages,
    # whose rendered HTML it drops at once); they meet in the middle.
    parent = int(total < PARENT_RENDERS_UNDER)
    always = [f for f in todo if f.src_uri in job.populated]
    rest = [f for f in todo if f.src_uri not in job.populated]
    chunks = [[f.src_uri for f in part[i:i + CHUNK]] for part in (always, rest) for i in range(0, len(part), CHUNK)]
    front_only = -(-len(always) // CHUNK)  # the navigation pages' chunks, left to the renderers
    ctx = multiprocessing.get_context("fork")
    bounds = ctx.Array("i", [0, len(chunks)])  # [next from the front, one past the next from the back]
    results = ctx.Queue()  # each chunk's [(src_uri, rendered)] as a renderer finishes it; None: it stopped
    _SHARED = (job, chunks, bounds, results)
    helpers = workers - parent
    pool = ctx.Pool(helpers, initializer=_quiet_child)

    def receive(wait: bool) -> None:
        """Record what the renderers sent; with wait, until every one of them has stopped."""
        nonlocal stopped
        while stopped < helpers:
            try:
                item = results.get(timeout=1.0) if wait else results.get_nowait()
            except queue.Empty:
                if wait and not all(r.ready() for r in taken):
                    continue
                return  # (a renderer that ended without a word raised: result.get() below says what)
            if item is None:
                stopped += 1
            elif isinstance(item, tuple):
                raise MkDocsBuildError(f"页面生成失败：{item[1]}")
            else:
                for uri, rendered in item:
                    record(uri, rendered)

    stopped = 0
    try:
        taken = [pool.apply_async(_render_from_front) for _ in range(helpers)]
        while parent:
            with bounds.get_lock():
                if bounds[0] >= bounds[1] or bounds[1] <= front_only:
                    break
                bounds[1] -= 1
                k = bounds[1]
            for uri in chunks[k]:
                file = job.files.get_file_from_path(uri)
                record(uri, _render_here(job, file))
                file.page.content = file.page.markdown = None  # written: not kept in the parent's memory
            receive(wait=False)
        receive(wait=True)
        for result in taken:
            result.get()  # a renderer's own failure, if any, raised here
        if stopped < helpers:
            raise MkDocsBuildError("页面生成失败：渲染子进程意外结束，未交回全部页面")
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _SHARED = None


def _search(site: Path, cache: PageCache, page_keys: dict, stats: dict,
            index: bool = True) -> tuple[str | None, list[str]]:
    """The search index in site/pagefind/: the previous one when no index copy changed, else Pagefind over the
    copies (or, index=False, the previous one for now: stats["search"] "behind", stats["search_key"] the key
    index_behind() makes it for). Returns the key of the index site/pagefind/ holds (the pages with a copy and
    each one's key) and the pages with a copy (what index_behind() indexes, without listing the folder)."""
    from .search import BUNDLE_DIR, index_copies, search_settings_key

    with_copy = sorted(dest for dest, (_key, has_copy) in cache.pages.items() if has_copy)
    wanted = set(with_copy)
    for path in list(cache.copies.rglob("*.html")):  # pages gone since the last build
        if path.relative_to(cache.copies).as_posix() not in wanted:
            path.unlink()
    digest = hashlib.sha256(search_settings_key().encode())
    for dest in with_copy:
        digest.update(f"{dest}\0{page_keys[dest]}\0".encode())
    key = digest.hexdigest()
    previous = cache.previous_site / BUNDLE_DIR if cache.previous_site else None
    if cache.previous.get("search_key") == key and previous and previous.is_dir():
        shutil.copytree(previous, site / BUNDLE_DIR, copy_function=lambda s, d: _link(Path(s), Path(d)))
        stats["search"] = "kept"
        log.info("zwgk: 页面的搜索内容没有变化，沿用上次的搜索索引")
        return key, with_copy
    if not index:
        stats.update(search="behind", search_key=key)
        if previous and previous.is_dir():
            shutil.copytree(previous, site / BUNDLE_DIR, copy_function=lambda s, d: _link(Path(s), Path(d)))
            return cache.previous.get("search_key"), with_copy
        return None, with_copy
    log.info(f"zwgk: 正在建立中文搜索索引（{len(with_copy)} 页）……")
    index_copies(cache.copies, site / BUNDLE_DIR, pages=len(with_copy), files=with_copy)
    stats["search"] = "built"
    return key, with_copy


def render_now(kept: dict, pages: dict[str, str]) -> list[str]:
    """Render these generated pages ({source path: Markdown}) again into the build kept (build(keep=...)),
    in place; returns their URLs. The preview uses it to show an edited record's own page at once, before
    the build that follows updates everything else. A page the build does not have is skipped. The pages'
    keys leave the cache's manifest, so that no later build keeps them."""
    config, files = kept["config"], kept["files"]
    done = []
    for path, markdown in pages.items():
        file = files.get_file_from_path(path)
        if file is None or getattr(file, "generated_by", None) != "zwgk":
            continue
        file.content_string = markdown
        page = Page(None, file, config)
        Path(file.abs_dest_path).unlink(missing_ok=True)  # a new file: the old one may be linked elsewhere
        _populate_page(page, config, files)
        _build_page(page, config, kept["doc_files"], kept["nav"], kept["env"])
        done.append(file.url)
    manifest = Path(kept["cache"]) / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return done
    for path in pages:
        file = files.get_file_from_path(path)
        if file is not None:
            data.get("pages", {}).pop(file.dest_uri, None)
    manifest.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return done


def index_behind(kept: dict, key: str) -> dict:
    """Build the search index a build(index=False) left behind, into its site (the index there is replaced
    when the new one is whole)."""
    from .search import BUNDLE_DIR, index_copies

    site, cache = Path(kept["site"]), Path(kept["cache"])
    copies = cache / "search"
    fresh = site / (BUNDLE_DIR + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    files = kept.get("with_copy")
    pages = len(files) if files is not None else sum(1 for _ in copies.rglob("*.html"))
    try:
        stats = index_copies(copies, fresh, pages=pages, files=files)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = site / (BUNDLE_DIR + ".old")
    if (site / BUNDLE_DIR).exists():
        (site / BUNDLE_DIR).rename(old)
    fresh.rename(site / BUNDLE_DIR)
    shutil.rmtree(old, ignore_errors=True)
    manifest = cache / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("site_ino") == os.stat(site).st_ino:
            data["search_key"] = key
            manifest.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    except (OSError, ValueError):
        pass
    return stats


# How much lower than the preview's own work its background index runs (os.nice), so that a save renders
# its page at once even while the last save's index is still being built.
BACKGROUND_NICENESS = 10


def start_index_behind(kept: dict, key: str) -> subprocess.Popen:
    """index_behind() in a process of its own, at lower priority and in a process group of its own (with
    Pagefind and the bundle's workers): the preview's server and its next build never wait for the
    interpreter while the index is built, and stop_index() ends the whole group at once. Exits 0 when the
    index is in place; on failure, the Chinese message is on its stderr."""
    job = {"site": str(kept["site"]), "cache": str(kept["cache"]), "with_copy": kept.get("with_copy"), "key": key}
    package_root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH"))
                                                       if p)}
    proc = subprocess.Popen([sys.executable, "-m", "zwgk.mkdocs_build"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    proc.stdin.write(json.dumps(job).encode("utf-8"))
    proc.stdin.close()
    return proc


def stop_index(proc: subprocess.Popen) -> None:
    """End a start_index_behind() process and everything it started (its half-written index is left in
    pagefind.new/, which the next index_behind() into that site removes)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def _index_behind_main() -> None:
    """python -m zwgk.mkdocs_build: index_behind() for start_index_behind() (its job as JSON on stdin)."""
    os.nice(BACKGROUND_NICENESS)
    job = json.loads(sys.stdin.read())
    try:
        index_behind(job, job["key"])
    except Exception as exc:  # noqa: BLE001  (the preview reports it and tries again at the next build)
        sys.stderr.write(f"{exc}\n")
        sys.exit(1)


if __name__ == "__main__":
    _index_behind_main()
