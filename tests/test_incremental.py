"""Incremental builds (zwgk.mkdocs_build): a build keeps the previous build's pages whose inputs did not change,
and the result is byte for byte what a full build gives."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-22"
COUNTS = re.compile(r"共 (\d+) 页，本次渲染 (\d+) 页，沿用上次 (\d+) 页")


def demo_project(tmp_path: Path) -> Path:
    """A copy of the demo's records with an mkdocs.yml using the repository's pages and theme."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "tasks_yaml", project / "tasks_yaml")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "content")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def build(project: Path, site: str = "site") -> tuple[int, int, int, str]:
    """zwgk build into project/<site>; (pages, rendered, kept, log)."""
    proc = subprocess.run(
        [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, "--site-dir", str(project / site)],
        cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    m = COUNTS.search(proc.stderr + proc.stdout)
    assert m, proc.stderr[-2000:]
    return int(m[1]), int(m[2]), int(m[3]), proc.stderr + proc.stdout


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ, or exist on one side only, between two trees."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return demo_project(tmp_path_factory.mktemp("incremental"))


def run_build(project: Path, *extra: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, "--site-dir", str(project / "site"), *extra],
        cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr + proc.stdout


def test_a_build_with_nothing_changed_writes_nothing_and_after_a_save_keeps_every_record_page(project):
    total, rendered, kept, log = build(project)
    assert rendered == total and kept == 0  # the first build has nothing to keep
    first = project / "site-first"
    shutil.copytree(project / "site", first)
    inode = os.stat(project / "site").st_ino

    again = run_build(project)  # nothing changed: nothing is built, the site stays as it is
    assert "没有改动" in again and not COUNTS.search(again), again[-2000:]
    warnings = re.search(r"警告 (\d+) 条", log)[1]
    assert f"警告 {warnings} 条" in again and again.count(": 警告: ") == log.count(": 警告: ") > 0
    assert os.stat(project / "site").st_ino == inode
    assert differences(first, project / "site") == []

    saved = sorted((project / "tasks_yaml" / "normative").glob("*.yml"))[0]
    saved.write_bytes(saved.read_bytes())  # saved again unchanged: the build runs, and keeps every record page
    again_total, again_rendered, again_kept, log = build(project)
    assert again_total == total
    assert again_kept > 0.8 * total, (again_rendered, again_kept)
    assert again_rendered + again_kept == total
    assert "沿用上次的搜索索引" in log
    assert differences(first, project / "site") == []


def test_a_build_is_skipped_only_with_the_same_date_options_and_folder(project):
    sys.path.insert(0, str(REPO / "build_scripts"))
    from zwgk.site import up_to_date

    config, records, site = project / "mkdocs.yml", project / "tasks_yaml", project / "site"
    key, said = up_to_date(config, AS_OF, site, records=records)
    assert said is not None and said["site"] == str(site)
    assert up_to_date(config, "2026-11-23", site, records=records)[1] is None  # another build date
    assert up_to_date(config, AS_OF, site, search=False, records=records)[1] is None
    assert up_to_date(config, AS_OF, project / "elsewhere", records=records)[1] is None
    page = next(site.glob("gfxwj/*/index.html"))
    page.rename(page.with_suffix(".bak"))  # a page removed from the site by hand: built again
    try:
        assert up_to_date(config, AS_OF, site, records=records)[1] is None
    finally:
        page.with_suffix(".bak").rename(page)
    assert up_to_date(config, AS_OF, site, records=records) == (key, said)


def test_after_an_edit_and_a_removal_the_incremental_build_equals_a_full_build(project):
    records = project / "tasks_yaml"
    edited = sorted((records / "normative").glob("*.yml"))[0]
    text = edited.read_text(encoding="utf-8")
    title = re.search(r"^title: *(.+)$", text, re.M)[1]
    edited.write_text(text.replace(f"title: {title}", f"title: {title}（增量测试）", 1), encoding="utf-8")
    removed = sorted((records / "qa").glob("*.yml"))[-1]
    removed.unlink()

    total, rendered, kept, log = build(project)
    assert kept > 0.5 * total and rendered < 0.5 * total, (rendered, kept)
    assert "正在建立中文搜索索引" in log  # a changed page changes the index
    page = (project / "site" / "gfxwj" / edited.stem / "index.html").read_text(encoding="utf-8")
    assert f"{title}（增量测试）" in page
    assert not (project / "site" / "zcwd" / removed.stem).exists()

    _, fresh_rendered, fresh_kept, _ = build(project, "site-fresh")  # no previous build: everything rendered
    assert fresh_kept == 0
    assert differences(project / "site", project / "site-fresh") == []


def test_a_build_killed_half_way_leaves_no_manifest_so_the_next_build_renders_everything(project):
    manifest = project / ".site.cache" / "manifest.json"
    assert json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    saved = sorted((project / "tasks_yaml" / "qa").glob("*.yml"))[0]
    saved.write_bytes(saved.read_bytes())  # else the build has nothing to do and stops before the fault
    proc = subprocess.run(
        [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, "--site-dir", str(project / "site")],
        cwd=project, capture_output=True, text=True, env={**__import__("os").environ, "ZWGK_FAULT": "pages"})
    assert proc.returncode != 0
    assert not manifest.exists()
    total, rendered, kept, _ = build(project)
    assert kept == 0 and rendered == total


def test_the_preview_renders_a_saved_record_s_own_page_exactly_as_the_full_build_does():
    """zwgk serve shows a saved record's page at once with pages.record_pages; it must be the very page."""
    sys.path.insert(0, str(REPO / "build_scripts"))
    from zwgk.asof import parse_as_of
    from zwgk.pages import record_pages, render_pages, to_markdown
    from zwgk.portal import load_portal

    portal = load_portal(REPO / "tasks_yaml", parse_as_of(AS_OF))
    full = {page.path: to_markdown(page, portal) for page in render_pages(portal)}
    records = [*portal.documents.values(), *portal.interpretations.values(), *portal.qa.values(), *portal.items]
    own = record_pages(portal, records)
    assert len(own) == len(records) > 300
    assert [page.path for page in own if to_markdown(page, portal) != full.get(page.path)] == []
    assert record_pages(portal, portal.unreviewed + portal.withdrawn) == []  # no page of their own


def test_the_theme_s_files_are_those_mkdocs_would_add_without_walking_its_hidden_folders(tmp_path):
    """mkdocs_build lists the theme's static files itself, skipping hidden folders (Material's 14,000 icons)
    whose every file MkDocs leaves out anyway: the same files as Files.add_files_from_theme."""
    sys.path.insert(0, str(REPO / "build_scripts"))
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from zwgk.mkdocs_build import _ThemeListing

    theme = tmp_path / "overrides"
    for name in ("extra.css", ".hidden/x.css", "assets/.dot.js", "assets/shown.js", "partials/y.html"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("/* */", encoding="utf-8")
    config = load_config(str(REPO / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(theme)},
                         site_dir=str(tmp_path / "site"))
    env = config.theme.get_env()
    mine, theirs = Files([]), Files([])
    mine.add_files_from_theme(_ThemeListing(env), config)
    theirs.add_files_from_theme(env, config)
    listed = [(f.src_uri, f.abs_src_path) for f in mine]
    assert listed == [(f.src_uri, f.abs_src_path) for f in theirs]
    assert ("extra.css", str(theme / "extra.css")) in listed and any(n == "assets/shown.js" for n, _ in listed)
    assert len(listed) > 30 and not any("/." in "/" + n for n, _ in listed)


def test_templates_are_compiled_once_and_again_only_when_changed_or_unreadable(tmp_path, monkeypatch):
    """The theme's compiled templates are kept between builds (Jinja's bytecode cache); an edited template is
    compiled again, and a damaged or unwritable cache only costs the compiling."""
    sys.path.insert(0, str(REPO / "build_scripts"))
    import jinja2

    from zwgk.mkdocs_build import _TemplateCache

    (tmp_path / "t").mkdir()
    source, cache = tmp_path / "t" / "page.html", tmp_path / "cache"
    cache.mkdir()
    source.write_text("甲{{ x }}", encoding="utf-8")

    def env(compiles: bool = True):
        made = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "t")))
        made.bytecode_cache = _TemplateCache(made, str(cache))
        if not compiles:
            def refuse(*args, **kwargs):
                raise AssertionError("compiled although the cache holds it")
            made.compile = refuse
        return made

    assert env().get_template("page.html").render(x=1) == "甲1"
    entries = list(cache.glob("__zwgk_*.cache"))
    assert len(entries) == 1
    assert env(compiles=False).get_template("page.html").render(x=2) == "甲2"  # from the cache
    source.write_text("乙{{ x }}", encoding="utf-8")
    assert env().get_template("page.html").render(x=3) == "乙3"  # changed: compiled again
    entries[0].write_bytes(jinja2.bccache.bc_magic + b"\x80damaged")  # Jinja's mark, then no checksum
    assert env().get_template("page.html").render(x=4) == "乙4"
    cache.chmod(0o500)
    try:
        if os.access(cache, os.W_OK):  # root ignores the mode: make writing fail another way
            monkeypatch.setattr("tempfile.NamedTemporaryFile", lambda *a, **k: (_ for _ in ()).throw(OSError("只读")))
        source.write_text("丙{{ x }}", encoding="utf-8")
        assert env().get_template("page.html").render(x=5) == "丙5"
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize("where", ["renderer", "parent"])
def test_a_page_that_fails_to_render_stops_the_build_with_its_name_wherever_it_was_rendered(tmp_path, where):
    """The demo's 500 pages are rendered by a forked renderer from the front and by the parent from the back:
    a failure on either side stops the build with the page named, no traceback, and no site written."""
    project = demo_project(tmp_path)
    script = f"""
import os, sys
sys.argv = ["zwgk", "build", "--as-of", "{AS_OF}", "--site-dir", {str(project / "site")!r}]
import zwgk.mkdocs_build as mb
parent, render = os.getpid(), mb._render
def failing(job, file):
    here = "parent" if os.getpid() == parent else "renderer"
    if here == {where!r} and file.src_uri not in job.populated and file.src_uri.startswith("gfxwj/"):
        raise ValueError("模拟的渲染错误")
    return render(job, file)
mb._render = failing
from zwgk.cli import main
sys.exit(main())
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-2000:]
    assert re.search(r"页面生成失败：gfxwj/\S+: ValueError: 模拟的渲染错误", out), out[-2000:]
    assert "Traceback" not in out
    assert not (project / "site").exists()
