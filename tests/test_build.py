"""Building: output, navigation, validity on either side of a date, and a failed build leaving site/ alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import project_copy, run_zwgk, write


class LinkParser(HTMLParser):
    """Collects href/src attributes, and the links inside Material's navigation."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "md-nav" in (attrs.get("class") or ""):
            self._nav_depth += 1
        elif self._nav_depth and tag == "nav":
            self._nav_depth += 1
        if tag == "a" and "zwgk-external" in (attrs.get("class") or ""):
            return  # a link to another host (footer), marked as leaving the site: followed, never loaded
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
                if self._nav_depth and tag == "a":
                    self.nav_links.append(attrs[key])

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def validity_cell(html: str) -> str:
    m = re.search(r'<th scope="row">有效性</th><td>(.*?)</td>', html)
    assert m, "no 有效性 row"
    return re.sub(r"<[^>]+>", "", m.group(1))


@pytest.fixture
def project(tmp_path):
    return project_copy(tmp_path)


def test_build_writes_record_pages_outside_the_navigation(project):
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    site = project / "site"
    for rel in ["index.html", "gfxwj/index.html", "gfxwj/a-2023-1/index.html", "zcjd/jd-a/index.html",
                "zcwd/qa-1/index.html", "zdly/czyjs/ys-2024/index.html", "zdly/hjgl/index.html", "zdgz/2023/index.html"]:
        assert (site / rel).is_file(), rel
    index = parse(site / "gfxwj/index.html")
    assert "a-2023-1/" in index.links  # reachable from its column's index
    assert not any("a-2023-1" in link for link in index.nav_links)  # but not listed in the navigation
    doc = parse(site / "gfxwj/a-2023-1/index.html")
    assert not any("a-2023-1" in link or "b-2024-2" in link for link in doc.nav_links)
    assert "户籍事项由县公安局统一公开。" in (site / "zdly/hjgl/index.html").read_text(encoding="utf-8")
    assert (site / "files/a.docx").read_bytes() == b"fake docx"


def test_no_reference_to_another_host(project):
    assert run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project).returncode == 0
    offenders = []
    for page in (project / "site").rglob("*.html"):
        for link in parse(page).links:
            if re.match(r"^(https?:)?//", link):
                offenders.append((page.name, link))
    for css in (project / "site").rglob("*.css"):
        offenders += [(css.name, u) for u in re.findall(r"url\((['\"]?)(https?:)?//", css.read_text("utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("as_of,doc_id,expected", [
    ("2025-01-31", "a-2023-1", "已修改"),
    ("2025-02-01", "a-2023-1", "已失效"),
    ("2024-05-31", "d-2022-4", "现行有效"),
    ("2024-06-01", "d-2022-4", "已废止"),
])
def test_as_of_either_side_of_expiry_and_repeal(project, as_of, doc_id, expected):
    proc = run_zwgk("build", "--as-of", as_of, "--no-search", cwd=project)
    assert proc.returncode == 0, proc.stderr
    html = (project / "site/gfxwj" / doc_id / "index.html").read_text(encoding="utf-8")
    assert validity_cell(html).startswith(expected)


def test_failed_build_leaves_previous_site_untouched(project):
    assert run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project).returncode == 0
    marker = project / "site/marker.txt"
    marker.write_text("previous build")
    write(project / "tasks_yaml", "normative/x.yml", "title: [unclosed\n")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode == 2 and "tasks_yaml/normative/x.yml:1:" in proc.stderr
    assert marker.read_text() == "previous build"

    (project / "tasks_yaml/normative/x.yml").unlink()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("name: material", "name: no-such-theme"), encoding="utf-8")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert marker.read_text() == "previous build"
    assert not list(project.glob(".site.building-*"))


def test_build_uses_the_records_folder_it_checked(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    (project / "tasks_yaml").rename(other / "county")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", "--records", str(other / "county"), cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert (project / "site/gfxwj/a-2023-1/index.html").is_file()


def test_identical_input_gives_identical_output_byte_for_byte(project, tmp_path):
    """Two builds of the same records and date, search bundle included (Pagefind lists filters in a
    different order each run; the bundle is normalised)."""
    from conftest import zwgk_build

    first = zwgk_build(tmp_path / "one", cwd=project)
    second = zwgk_build(tmp_path / "two", cwd=project)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    a, b = files(first), files(second)
    assert any(name.startswith("pagefind/filter/") for name in a)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_a_build_reads_the_records_once(project, monkeypatch):
    """zwgk build checks the records and hands the same portal to the MkDocs adapter (no second load)."""
    import zwgk.mkdocs_plugin as plugin
    from zwgk.cli import main

    loads = []
    original = plugin.load_portal
    monkeypatch.setattr(plugin, "load_portal", lambda *a: loads.append(a) or original(*a))
    monkeypatch.chdir(project)
    assert main(["build", "--as-of", "2026-11-22", "--no-search"]) == 0
    assert loads == [] and (project / "site" / "gfxwj" / "index.html").is_file()
    assert main(["build", "--as-of", "2026-11-21", "--no-search", "--records", "tasks_yaml"]) == 0
    assert loads == [] and not plugin._LOADED  # handed over once, then gone


def test_open_data_written_by_a_forked_process_is_the_same(built_site, tmp_path, monkeypatch):
    """A large platform's open data files (export_files) are written by a forked process while the pages are
    generated (mkdocs_plugin.FORKED_EXPORT_FROM); the files must be the ones the build writes itself."""
    import datetime as dt

    from conftest import REPO
    from zwgk import mkdocs_plugin
    from zwgk.export import export_files
    from zwgk.portal import load_portal
    from zwgk.site import build_site

    monkeypatch.setattr(mkdocs_plugin, "FORKED_EXPORT_FROM", 0)
    site = build_site(REPO / "mkdocs.yml", "2026-11-22", site_dir=tmp_path / "site", search=False)
    exported = export_files(load_portal(REPO / "tasks_yaml", dt.date(2026, 11, 22)))
    assert len(exported) > 20
    for uri, content in exported.items():
        written = (site / uri).read_bytes()
        assert written == (built_site / uri).read_bytes(), uri
        assert written == (content.encode("utf-8") if isinstance(content, str) else content), uri
