"""Build and serve through MkDocs. The build goes to a fresh folder that replaces site/ only on success."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

from .errors import BuildError
from .mkdocs_plugin import AS_OF_ENV, RECORDS_ENV


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


def build_site(config_file: Path, as_of: str, site_dir: Path | None = None, search: bool = True,
               records: Path | None = None) -> Path:
    """mkdocs build (+ Pagefind) into a temporary folder, then swap it in place of site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    config_file = Path(config_file).resolve()
    cfg_probe = load_config(config_file=str(config_file))
    target = Path(site_dir).resolve() if site_dir else Path(cfg_probe.site_dir).resolve()
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        with _plugin_env(as_of, records):
            config = load_config(config_file=str(config_file), site_dir=str(building))
            if "zwgk" in config.plugins:
                config.plugins["zwgk"].config.search = search
            build(config)
    except (MkDocsException, Abort, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise BuildError(f"网站生成失败，原有的 {target.name}/ 保持不变：\n{exc}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


@contextlib.contextmanager
def dual_stack():
    """MkDocs' server on [::] takes IPv4 too, even where net.ipv6.bindv6only=1 makes [::] IPv6-only."""
    import socket

    from mkdocs.livereload import LiveReloadServer

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


def serve_site(config_file: Path, as_of: str, host: str = "::", port: int = 8000,
               records: Path | None = None) -> None:
    """Live preview on [::] (IPv6 and IPv4), rebuilding when a record changes."""
    from mkdocs.commands.serve import serve

    addr = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    os.environ[AS_OF_ENV] = as_of
    if records:
        os.environ[RECORDS_ENV] = str(Path(records).resolve())
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    with dual_stack():
        serve(config_file=str(Path(config_file).resolve()), dev_addr=addr, livereload=True)
