"""Build and serve through MkDocs. The build goes to a fresh folder that replaces site/ only on success.

The preview server (serve_site) does the same for every rebuild, so while a record has an error it
keeps serving the last good build, with the error in a banner on each page and in the terminal.
When a saved record has its own page, that page is rendered again first, in place, and shown at once
(within a second or two even on a platform of 20,000 records: only the changed file is parsed again);
the incremental build of everything else follows, then the search index, in the background, while
every page says the search is behind.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import html
import ipaddress
import logging
import os
import re
import shutil
import socket
import tempfile
import threading
import time
import wsgiref.simple_server
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer
from watchdog.events import EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_OPENED

from . import swap, timings
from .errors import BuildError, RecordError, ZwgkError
from .mkdocs_plugin import AS_OF_ENV, RECORDS_ENV, hand_over

log = logging.getLogger("mkdocs.plugins.zwgk.serve")


@contextlib.contextmanager
def _plugin_env(as_of: str, records: Path | None):
    """Hand the build date and the records folder to the plugin for the length of one build."""
    values = {AS_OF_ENV: as_of, RECORDS_ENV: str(Path(records).resolve()) if records else None}
    old = {k: os.environ.get(k) for k in values}
    for key, value in values.items():
        if value is not None:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _target(config, site_dir: Path | None, staff: bool) -> Path:
    """Where a build goes: site_dir, else mkdocs.yml's site_dir (its -staff twin for the staff build)."""
    public = Path(config.site_dir).resolve()
    target = Path(site_dir).resolve() if site_dir else public.with_name(public.name + "-staff") if staff else public
    if staff and target == public:
        raise BuildError(f"工作人员版不能写到公开网站的目录 {public.name}/：去掉 --site-dir，或换一个目录。")
    return target


def _inputs_key(config, as_of: str, search: bool, records: Path | None, staff: bool) -> str:
    from .mkdocs_build import inputs_key

    plugin = config.plugins.get("zwgk")
    folder = Path(records).resolve() if records else (
        Path(config.config_file_path).parent / plugin.config.records).resolve() if plugin else None
    return inputs_key(config, folder, {"as_of": as_of, "search": search, "staff": staff})


def _load_config(config_file: Path, **options):
    """mkdocs.yml loaded, or a BuildError in Chinese when it is missing or wrong."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not Path(config_file).is_file():
        raise BuildError(f"找不到网站设置文件 {config_file}：在项目目录中运行，或用 --config 指定 mkdocs.yml。")
    try:
        return load_config(config_file=str(Path(config_file).resolve()), **options)
    except ConfigurationError as exc:
        raise BuildError(f"网站设置文件 {config_file} 有误，未生成网站：{exc}") from None


def up_to_date(config_file: Path, as_of: str, site_dir: Path | None = None, search: bool = True,
               records: Path | None = None, staff: bool = False) -> tuple[str, dict | None]:
    """(the inputs key of a build with these settings now, what the last build_site(..., said=...) into this
    site recorded if it had that key: nothing it read has changed since (records, hand-written pages,
    mkdocs.yml, theme, code, build date, options), so building again would write the same site; else None).
    Work out the key before reading the records, and hand it to build_site(inputs_key=...)."""
    from .mkdocs_build import cache_dir, unchanged

    with _plugin_env(as_of, records):
        config = _load_config(config_file)
        target = _target(config, site_dir, staff)
        key = _inputs_key(config, as_of, search, records, staff)
        if unchanged(cache_dir(target), target, key, search) is None:
            return key, None
        with swap.locked(target, waiting=lambda: log.warning(f"另一个生成正在写入 {target.name}/，等它结束后继续……")):
            for leftover in swap.sweep(target):  # what a build killed after its site was in place left
                log.info(f"已清理上次中断的生成留下的 {leftover}")
            return key, unchanged(cache_dir(target), target, key, search)


def build_site(
    config_file: Path,
    as_of: str,
    site_dir: Path | None = None,
    search: bool = True,
    records: Path | None = None,
    portal=None,
    staff: bool = False,
    said: dict | None = None,
    inputs_key: str | None = None,
) -> Path:
    """mkdocs build (+ Pagefind) into a temporary folder, then swap it in place of site_dir.

    portal: these records already loaded and checked as of this date (zwgk build), used instead of loading
    them again. staff: the staff build (pages/staff.py), by default into <site_dir>-staff, never site_dir.
    said: what the caller told the user about the records, kept for up_to_date() to return; inputs_key: as
    up_to_date() worked it out before the records were read (else it is worked out now)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from .mkdocs_build import build, cache_dir

    config_file = Path(config_file).resolve()
    target = _target(_load_config(config_file), site_dir, staff)
    if not target.parent.is_dir():
        raise BuildError(f"网站生成失败：目录 {target.parent} 不存在。")
    with swap.locked(target, waiting=lambda: log.warning(f"另一个生成正在写入 {target.name}/，等它结束后继续……")):
        for leftover in swap.sweep(target):
            log.info(f"已清理上次中断的生成留下的 {leftover}")
        building = swap.building_dir(target)
        shutil.rmtree(building, ignore_errors=True)
        try:
            with _plugin_env(as_of, records):
                config = load_config(config_file=str(config_file), site_dir=str(building))
                if portal is not None:
                    hand_over(portal)
                if "zwgk" in config.plugins:
                    config.plugins["zwgk"].config.search = search
                    config.plugins["zwgk"].config.staff = staff
                inputs = {"key": inputs_key or _inputs_key(config, as_of, search, records, staff),
                          "site": str(target), **(said or {})}
                build(config, cache_dir(target), previous_site=target if target.is_dir() else None, search=search,
                      inputs=inputs)
            swap.fault_point("built")
        except (MkDocsException, Abort, OSError) as exc:
            shutil.rmtree(building, ignore_errors=True)
            raise BuildError(f"网站生成失败，原有的 {target.name}/ 保持不变：\n{exc}") from None
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        swap.put_in_place(building, target)
    return target


@contextlib.contextmanager
def dual_stack():
    """MkDocs' server on [::] takes IPv4 too, even where net.ipv6.bindv6only=1 makes [::] IPv6-only."""
    original = LiveReloadServer.server_bind

    def server_bind(self):
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        original(self)

    LiveReloadServer.server_bind = server_bind
    try:
        yield
    finally:
        LiveReloadServer.server_bind = original


def listening_urls(sock: socket.socket, mount_path: str = "/") -> list[str]:
    """The addresses a browser on this machine reaches a bound socket at: [::] gives [::1] and, when
    it also takes IPv4, 127.0.0.1; 0.0.0.0 gives 127.0.0.1; any other address only itself."""
    host, port = sock.getsockname()[:2]
    ip = ipaddress.ip_address(host)
    if ip.version == 4:
        hosts = ["127.0.0.1" if ip.is_unspecified else host]
    elif ip.is_unspecified:
        v6only = sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)
        hosts = ["[::1]"] if v6only else ["[::1]", "127.0.0.1"]
    else:
        hosts = [f"[{host}]"]
    return [f"http://{h}:{port}{mount_path}" for h in hosts]


class PreviewFailed(ZwgkError):
    """A preview build that did not finish: a headline and the messages (one per line)."""

    def __init__(self, headline: str, details: list[str]):
        self.headline, self.details = headline, details
        super().__init__("\n".join([headline, *details]))


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):  # no English access log in the terminal
        pass


BANNER_STYLE = (
    "position:relative;z-index:10;margin:0;padding:1rem 1.2rem;background:#fff4e5;color:#1a1a1a;"
    "border:0.25rem solid #b3261e;font-size:1rem;line-height:1.6"
)


def error_banner(failure: PreviewFailed) -> str:
    """The notice put at the top of every page the preview serves while a rebuild has failed."""
    details = html.escape("\n".join(failure.details))
    return (
        f'<div id="zwgk-preview-error" role="alert" style="{BANNER_STYLE}">'
        f'<p style="margin:0;font-weight:bold">预览未更新：{html.escape(failure.headline)}。'
        "下面是上一次成功生成的网站，改正并保存后页面会自动刷新。</p>"
        f'<pre style="margin:0.5rem 0 0;white-space:pre-wrap;font-size:0.9rem">{details}</pre></div>'
    )


# After a saved record's own page is shown (the quick path), the full build waits until a browser has been
# sent a page of the new build (at most QUICK_HOLD seconds), then QUICK_ASSETS more for what that page loads
QUICK_HOLD = 1.0
QUICK_ASSETS = 0.2

SEARCH_BEHIND = (
    '<div role="status" data-zwgk-search-stale style="background:#fff8e1;color:#3e2723;padding:0.3rem 1rem;'
    'font-size:0.85rem;border-bottom:1px solid #e0c060">预览：页面已是最新；搜索索引正在后台更新，'
    "搜索结果暂时还不包含刚才的修改。</div>"
)


def _epoch() -> int:
    return round(time.monotonic() * 1000)  # the clock mkdocs.livereload stamps pages with


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, changed so that a preview never hangs.

    MkDocs builds in place and, after a failed rebuild, holds every request until a build succeeds.
    Here each build goes to a fresh folder that is served only once complete; a failed rebuild
    leaves the last good build up, with the error (PreviewFailed) in a banner on every page,
    and browsers reload both when a rebuild fails and when it succeeds again.
    """

    def __init__(
        self,
        build: Callable[[Path], None],
        work: Path,
        host: str,
        port: int,
        mount_path: str = "/",
        say: Callable[[str], None] = log.info,
    ):
        super().__init__(
            builder=self.rebuild,
            host=host,
            port=port,
            root=str(work / "pending"),
            mount_path=mount_path,
        )
        self.RequestHandlerClass = _QuietHandler
        self.error_handler = self._error_page
        self.build_into, self.work, self.say = build, work, say
        self.failure: PreviewFailed | None = None
        self._builds: list[Path] = []
        self.quick: Callable[[set[Path]], int] | None = None  # renders a saved record's own page at once
        self.search_behind: Callable[[], bool] = lambda: False
        self._changed: set[Path] = set()
        self._served = threading.Event()  # a page was sent since the last quick page (rebuild)
        self._handlers: dict[str, tuple] = {}
        # the system's own change notices (inotify …): MkDocs polls every file twice a second, which at
        # 20,000 records takes most of a core and makes a save wait up to a second to be seen
        self.observer = watchdog.observers.Observer(timeout=self.shutdown_delay)

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """MkDocs' watch, also noting which files changed (the quick path renders their pages first)."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def callback(event):
            if event.is_directory or event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):
                return  # a file read (by the build itself) is no change
            with self._rebuild_cond:
                self._changed.update(Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._handlers[path] = (handler, recursive)
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _start_watching(self) -> None:
        """Start the change notices; where the system has none to spare (inotify's limits), poll instead."""
        try:
            self.observer.start()
        except OSError:
            self.observer = watchdog.observers.polling.PollingObserver(timeout=0.5)
            for path, (handler, recursive) in self._handlers.items():
                self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)
            self.observer.start()
            self.say("提示：系统的文件变动通知已用完（inotify 上限），改为每半秒检查一次文件，发现修改会稍慢")

    def _reload(self, quick: bool = False) -> None:
        """Browsers reload (MkDocs' requests wait while the epochs differ: the served folder is always whole);
        quick: a quick page's reload (the full build waits until a page of it is sent, rebuild())."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = _epoch()
            if quick:
                self._served.clear()
            self._epoch_cond.notify_all()

    def build_once(self) -> None:
        """Build into a new folder and serve it from now on; raises PreviewFailed."""
        target = Path(tempfile.mkdtemp(prefix="build-", dir=self.work))
        try:
            self.build_into(target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        self.root = str(target)
        self._builds.append(target)
        for old in self._builds[:-2]:  # the previous build may still be answering a request
            shutil.rmtree(old, ignore_errors=True)
        self._builds = self._builds[-2:]

    def rebuild(self) -> None:
        started, had_failed = time.perf_counter(), self.failure is not None
        with self._rebuild_cond:
            changed, self._changed = self._changed, set()
        shown = 0
        if self.quick and changed and not had_failed:
            try:
                shown = self.quick(changed)
            except Exception as exc:  # noqa: BLE001  (the full build below shows the problem)
                log.debug(f"quick preview skipped: {exc}")
        if shown:
            self._reload(quick=True)
            self.say(f"已更新所改记录的 {shown} 个页面（用时 {time.perf_counter() - started:.1f} 秒），"
                     "正在更新列表等其余页面……")
            # the build below holds the interpreter for seconds: the browser's reload is answered first
            if self._served.wait(QUICK_HOLD):
                time.sleep(QUICK_ASSETS)  # and the page's styles and scripts
        else:
            self.say("检测到修改，正在重新生成……")
        try:
            self.build_once()
        except PreviewFailed as exc:
            self.failure = exc
        except Exception as exc:  # noqa: BLE001  (a template or plugin bug must not stop the preview)
            self.failure = PreviewFailed("网站生成失败", [f"{type(exc).__name__}: {exc}"])
        else:
            self.failure = None
        if self.failure:
            self.say(
                f"预览未更新：{self.failure.headline}，浏览器中仍是上一次成功生成的网站（页面顶部显示错误）。"
            )
            for line in self.failure.details:
                self.say(line)
            self.say("改正并保存后自动重新生成。")
        else:
            took = time.perf_counter() - started
            self.say(("错误已改正，" if had_failed else "") + f"预览已更新（用时 {took:.1f} 秒）。")
        self._reload()

    def _build_loop(self):
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                    lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay
                ):
                    pass  # woken now and then so that Ctrl+C is seen
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # until the files stop changing
                self._want_rebuild = False
            self.rebuild()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        self._served.set()
        content = super()._inject_js_into_html(content, epoch)
        failure = self.failure
        if failure is not None:
            notice = error_banner(failure)
        elif self.search_behind():
            notice = SEARCH_BEHIND
        else:
            return content
        body = re.search(rb"<body\b[^>]*>", content)
        at = body.end() if body else 0
        return content[:at] + notice.encode("utf-8") + content[at:]

    def _error_page(self, code: int) -> bytes | None:
        page = Path(self.root) / f"{code}.html"
        if not page.is_file():
            return None
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(page.read_bytes(), epoch)

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not worth a traceback

    def run(self, ready: Callable[[list[str]], None]) -> None:
        """Listen (after server_bind and the first build), then rebuild on changes until shutdown."""
        self.server_activate()
        if self._watched_paths:
            self._start_watching()
        ready(listening_urls(self.socket, self.mount_path))
        self.serve_thread.start()
        self._build_loop()


class _ErrorLog(logging.Handler):
    """MkDocs' error messages during one build (it logs the cause, then raises a bare Abort)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def serve_site(
    config_file: Path,
    as_of: str,
    host: str = "::",
    port: int = 8000,
    records: Path | None = None,
    ready: Callable[[list[str]], None] | None = None,
    say: Callable[[str], None] = log.info,
) -> None:
    """Live preview on [::] (IPv6 and IPv4), rebuilding when a record, page or mkdocs.yml changes.

    ready(urls) is called once the server listens, with the addresses it answers at. A record error
    at a rebuild is reported with say() and on the pages; the last good build stays up.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from .asof import parse_as_of
    from .load import keep_parsed
    from .mkdocs_build import build, render_now, start_index_behind, stop_index
    from .pages import record_pages, to_markdown
    from .portal import load_portal

    config_file = Path(config_file).resolve()
    os.environ[AS_OF_ENV] = as_of
    if records:
        os.environ[RECORDS_ENV] = str(Path(records).resolve())
    site_url = load_config(config_file=str(config_file)).site_url  # a sub-path there is kept
    day = parse_as_of(as_of)
    keep_parsed()  # from now on a rebuild reads again only the record files that changed
    state: dict = {"search": None}
    work = Path(tempfile.mkdtemp(prefix="zwgk-serve-"))

    def records_dir() -> Path | None:
        if records:
            return Path(records).resolve()
        plugin = state["kept"]["config"].plugins.get("zwgk") if state.get("kept") else None
        return getattr(plugin, "records_dir", None)

    def stop_search() -> None:
        job = state["search"]
        if job is not None:
            stop_index(job[0])
            job[1].join()
            state["search"] = None

    def search_in_background(kept: dict, key: str) -> None:
        proc = start_index_behind(kept, key)

        def wait() -> None:
            failure = proc.stderr.read().decode("utf-8", "replace").strip()
            if proc.wait() == 0:
                state["behind"] = False
                say("搜索索引已更新。")
            elif proc.returncode > 0:  # not stopped by a newer save (stop_index kills it)
                say(f"搜索索引未能更新：{failure[-800:]}")

        thread = threading.Thread(target=wait, name="zwgk-search", daemon=True)
        state["search"] = (proc, thread)
        thread.start()

    def build_into(target: Path) -> None:
        stop_search()
        portal = state.pop("quick_portal", None)
        folder = records_dir()
        if folder and portal is None:  # records first: their errors come out located, with no MkDocs wording
            try:
                portal = load_portal(folder, day)
            except RecordError as exc:
                errors = sum(1 for p in exc.problems if p.severity == "错误")
                raise PreviewFailed(
                    f"记录有 {errors} 处错误", [p.format() for p in exc.problems]
                ) from None
        config = load_config(config_file=str(config_file), site_dir=str(target))
        config.site_url = state["url"]
        if portal is not None:
            hand_over(portal)
        errors = _ErrorLog()
        logging.getLogger("mkdocs").addHandler(errors)
        kept: dict = {}
        try:
            stats = build(config, work / "cache", previous_site=state.get("site"), serve_url=state["url"],
                          search=True, index=False, keep=kept)
        except (Abort, MkDocsException) as exc:
            raise PreviewFailed("网站生成失败", errors.messages or [str(exc)]) from None
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
        state.update(config=config, kept=kept, site=target, behind=stats["search"] == "behind")
        if state["behind"]:
            search_in_background(kept, stats["search_key"])

    def quick(changed: set[Path]) -> int:
        """Render the own pages of the saved records into the served build at once; how many."""
        folder, kept = records_dir(), state.get("kept")
        yml = [p for p in changed if p.suffix in (".yml", ".yaml")]
        if not (folder and kept) or len(yml) != len(changed) or not 0 < len(yml) <= 5 \
                or any(folder not in p.parents for p in yml):
            return 0
        job = state["search"]
        if job is not None:  # the index of the last save is out of date now: free the cores for this one
            stop_index(job[0])
        # no cyclic garbage collection meanwhile: a full one walks every object of the kept build (a fifth of a
        # second at 20,000 records) and there is little to collect in half a second's work
        collecting = gc.isenabled()
        gc.disable()
        try:
            with timings.stage("preview-load"):
                portal = load_portal(folder, day)
            saved = {p.relative_to(folder.parent).as_posix() for p in yml}
            with timings.stage("preview-pages"):
                pages = record_pages(portal, [r for r in portal.records.all() if getattr(r, "file", None) in saved])
                markdown = {page.path: to_markdown(page, portal) for page in pages}
            with timings.stage("preview-render"):
                shown = render_now(kept, markdown)
        except RecordError:
            return 0  # the build that follows reports it
        finally:
            if collecting:
                gc.enable()
        state["quick_portal"] = portal  # the build that follows needs not load the records again
        return len(shown)

    server = PreviewServer(build_into, work, host, port, urlsplit(site_url or "/").path, say)
    server.quick = quick
    server.search_behind = lambda: bool(state.get("behind"))
    try:
        try:
            with dual_stack():
                server.server_bind()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ZwgkError(
                    f"端口 {port} 已被占用：用 --port 换一个，如 --port {port + 1}"
                ) from None
            raise ZwgkError(
                f"无法在地址 {host} 端口 {port} 上监听：{exc.strerror or exc}"
            ) from None
        state["url"] = listening_urls(server.socket, server.mount_path)[0]
        try:
            server.build_once()
        except PreviewFailed as exc:
            raise BuildError(str(exc)) from None
        config = state["config"]
        for path in [config.docs_dir, str(config_file), *config.watch]:
            server.watch(path)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        server.run(ready or (lambda urls: say("预览地址：" + " 及 ".join(urls))))
    except KeyboardInterrupt:
        say("预览已停止。")
    finally:
        server.shutdown()
        stop_search()
        keep_parsed(False)
        shutil.rmtree(work, ignore_errors=True)
