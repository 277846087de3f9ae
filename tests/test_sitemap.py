"""网站地图 (/wzdt/, linked from every page's footer), sitemap.xml with absolute addresses from portal.yml's
domain (none without one: a warning), and robots.txt naming it."""

from __future__ import annotations

import datetime as dt
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO
from helpers import project_copy, records_copy, run_zwgk, write
from htmldom import Site, main_content
from webtools import chromium, guard_hosts, origin, serve
from zwgk.pages import render_pages
from zwgk.pages.common import unit_page
from zwgk.portal import load_portal
from zwgk.siteinfo import site_problems
from zwgk.sitemaps import site_files

AS_OF = dt.date(2026, 11, 22)
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_site_map_lists_every_column_and_unit_and_every_link_works(built_site):
    site, portal = Site(built_site), load_portal(REPO / "tasks_yaml", AS_OF)
    art = main_content(site.page("wzdt/"))
    targets = [Site.resolve("wzdt/", a.get("href")) for a in art.find_all("a", href=True)]
    assert targets and all(site.exists(t) for t in targets), [t for t in targets if not site.exists(t)]
    expected = {"", "gfxwj/", "gfxwj/xxyx/", "zcjd/", "zcwd/", "zdly/", "zdgz/", "xxgk/", "xxgk/zd/",
                "xxgk/fdzdgk/", "xxgk/ndbg/", "dw/", "search/", "wza/"}  # staff pages: tests/test_staff.py
    expected |= {f"zdly/{c.id}/" for c in portal.columns} | {f"zdgz/{y}/" for y in portal.tasks}
    for unit in portal.units.values():
        if unit.id:
            base = unit_page(unit).removesuffix("index.md")
            expected |= {base, *(base + part for part in ("zn/", "zd/", "fdzdgk/", "ndbg/", "gfxwj/"))}
    assert expected <= set(targets), sorted(expected - set(targets))
    for url in ("", "gfxwj/", "wza/"):
        foot = site.page(url).one("footer")
        assert "wzdt/" in [Site.resolve(url, a.get("href")) for a in foot.find_all("a", href=True)]


def test_sitemap_has_every_page_with_its_absolute_address(built_site):
    root = ET.fromstring((built_site / "sitemap.xml").read_bytes())
    assert root.tag == f"{NS}urlset"
    locs = [u.find(f"{NS}loc").text for u in root.findall(f"{NS}url")]
    assert len(locs) == len(set(locs)) > 400
    assert all(loc.startswith("https://www.example.gov.cn/") and len(loc) <= 2048 for loc in locs)
    paths = {urllib.parse.urlsplit(loc).path.lstrip("/") for loc in locs}
    assert all((built_site / p / "index.html").is_file() for p in paths)
    pages = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")
             if not p.relative_to(built_site).as_posix().startswith(("assets/", "pagefind/"))}
    pages = {"" if p == "./" else p for p in pages}
    assert pages - paths == {"search/"}
    assert "gfxwj/sfbf-2023-12/" in paths and "wzdt/" in paths and "wza/" in paths
    lastmod = {u.find(f"{NS}loc").text: u.find(f"{NS}lastmod") for u in root.findall(f"{NS}url")}
    assert lastmod["https://www.example.gov.cn/gfxwj/sfbf-2023-12/"].text == "2023-03-06"
    assert not (built_site / "sitemap.xml.gz").exists()  # MkDocs' own (relative, empty) sitemap is replaced
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap: https://www.example.gov.cn/sitemap.xml" in robots.splitlines()


def test_withdrawn_notices_and_moved_addresses_are_not_listed(tmp_path):
    root = records_copy(tmp_path)
    path = root / "normative/a-2023-1.yml"
    path.write_text(path.read_text(encoding="utf-8") + "withdrawn: {date: 2026-03-01, reason: 有误}\n",
                    encoding="utf-8")
    write(root, "redirects.yml", "redirects:\n  - {old: gfxwj/old-1/, new: gfxwj/b-2024-2/}\n")
    portal = load_portal(root, AS_OF)
    base = f"https://{portal.config.domain}/"
    pages = render_pages(portal)
    assert {"gfxwj/a-2023-1.md", "gfxwj/old-1.md"} <= {p.path for p in pages}
    sitemap = site_files(portal, pages, ["wza.md"])["sitemap.xml"]
    assert "gfxwj/a-2023-1/" not in sitemap and "old-1" not in sitemap
    assert f"{base}gfxwj/b-2024-2/" in sitemap and f"{base}wza/" in sitemap


def test_without_a_domain_no_sitemap_and_a_warning(tmp_path):
    root = records_copy(tmp_path)
    write(root, "portal.yml", "name: 测试县人民政府\nagency: 测试县人民政府办公室\n")
    portal = load_portal(root, AS_OF)
    files = site_files(portal, render_pages(portal), [])
    assert "sitemap.xml" not in files and "Sitemap:" not in files["robots.txt"]
    warned = [p for p in site_problems(portal.records) if "（domain）" in p.message]
    assert len(warned) == 1 and "sitemap.xml" in warned[0].message and warned[0].path == "tasks_yaml/portal.yml"


def test_a_build_without_a_domain_writes_no_sitemap_at_all(tmp_path):
    project = project_copy(tmp_path)
    write(project / "tasks_yaml", "portal.yml", "name: 测试县人民政府\nagency: 测试县人民政府办公室\n")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "没有填写网站域名（domain），不生成 sitemap.xml" in proc.stderr
    site = project / "site"
    assert not list(site.glob("sitemap*")) and (site / "robots.txt").is_file()  # not the theme's raw template


def test_a_big_site_gets_a_sitemap_index(tmp_path, monkeypatch):
    from zwgk import sitemaps

    portal = load_portal(records_copy(tmp_path), AS_OF)
    monkeypatch.setattr(sitemaps, "PER_FILE", 10)
    files = site_files(portal, render_pages(portal), [])
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{NS}sitemapindex"
    parts = [s.find(f"{NS}loc").text for s in index.findall(f"{NS}sitemap")]
    assert len(parts) >= 2 and all(p.startswith(f"https://{portal.config.domain}/sitemap-") for p in parts)
    assert all(len(ET.fromstring(files[p.rsplit("/", 1)[1]]).findall(f"{NS}url")) <= 10 for p in parts)


@pytest.mark.browser
def test_site_map_is_reached_from_the_footer_by_keyboard(built_site):
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        blocked = guard_hosts(context, origin(base))
        page = context.new_page()
        page.goto(base + "gfxwj/")
        link = page.locator("footer").get_by_role("link", name="网站地图", exact=True)
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base + "wzdt/")
        assert page.get_by_role("heading", level=1).inner_text() == "网站地图"
        assert page.get_by_role("heading", name="部门和乡镇", level=2).is_visible()
        assert page.get_by_role("link", name="规范性文件库", exact=True).first.is_visible()
        assert blocked == []
        context.close()
