"""Internal pages stay internal (#15 item 6): the audit report (/jcbg/, with findings and record file paths),
the editors' guide (content/bzzn/) and the publishing guide (content/fabu/) are in the staff build only
(zwgk build --staff → site-staff/), never in the public site; the staff build has the same look, opens
from a local folder, and links the public pages it names on the public site."""

from __future__ import annotations

import json
import posixpath
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from conftest import AS_OF, REPO
from helpers import run_zwgk
from htmldom import Site, main_content, parse
from webtools import (
    AXE_TAGS,
    axe_source,
    chromium,
    format_violations,
    guard_hosts,
    origin,
    run_axe,
    serve,
    serve_axe,
)
from zwgk.search.bundle import read_pagefind_file

STAFF_DIRS = ("jcbg", "bzzn", "fabu")
STAFF_TITLES = ("栏目完整性检查", "使用指南", "网站发布指南")
PUBLIC = "https://www.example.gov.cn/"  # tasks_yaml/portal.yml domain
GUIDES = sorted(f"bzzn/{p.stem}.html" for p in (REPO / "content" / "bzzn").glob("*.md"))


def html_files(site) -> dict[str, str]:
    """{path from the site root: text} of every HTML page outside assets/ and pagefind/."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith(("assets/", "pagefind/"))}


def local_links(path: str, text: str) -> list[tuple[str, str]]:
    """(href, path from the site root) of every link and resource on a page that stays on the site."""
    found = []
    for href in re.findall(r'(?:href|src)="([^"]*)"', text):
        parts = urllib.parse.urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#"):
            continue
        found.append((href, posixpath.normpath(posixpath.join(posixpath.dirname(path), parts.path))))
    return found


def test_public_site_has_no_staff_page_file_or_link(built_site):
    assert not [d for d in STAFF_DIRS if (built_site / d).exists()]
    pages = html_files(built_site)
    into_staff = [(path, href) for path, text in pages.items() for href, target in local_links(path, text)
                  if target.split("/")[0] in STAFF_DIRS]
    assert not into_staff, into_staff[:5]
    for title in (*STAFF_TITLES, "网站检查不合格"):
        shown = [path for path, text in pages.items() if title in text]
        assert not shown, (title, shown[:5])
    home = Site(built_site).page("")
    tabs = [a.text().strip() for nav in home.find_all("nav") for a in nav.find_all("a")]
    assert "规范性文件库" in tabs and not [t for t in tabs if t.startswith(STAFF_TITLES)]
    foot = home.one("footer", cls="zwgk-footer")
    assert [a.text() for a in foot.find("nav").find_all("a")][:3] == ["政府信息公开指南", "网站地图", "无障碍声明"]


def test_public_sitemap_search_and_data_leave_the_staff_pages_out(built_site):
    root = ET.fromstring((built_site / "sitemap.xml").read_bytes())
    paths = [urllib.parse.urlsplit(loc.text).path.lstrip("/") for loc in root.iter()
             if loc.tag.endswith("}loc")]
    assert paths and not [p for p in paths if p.split("/")[0] in STAFF_DIRS]
    indexed = [json.loads(read_pagefind_file(f))["url"] for f in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert indexed and not [u for u in indexed if u.strip("/").split("/")[0] in STAFF_DIRS]
    data = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
            if p.suffix in (".json", ".csv") and not p.relative_to(built_site).as_posix().startswith("pagefind/")]
    assert "gfxwj/gfxwj.json" in data and not [p for p in data if "report" in p or p.startswith(STAFF_DIRS)]
    wzdt = main_content(Site(built_site).page("wzdt/"))
    assert not [a for a in wzdt.find_all("a") if a.text().startswith(STAFF_TITLES)]


def test_staff_build_holds_the_staff_pages_and_nothing_public(staff_site):
    pages = html_files(staff_site)
    assert sorted(pages) == sorted(["404.html", "index.html", "jcbg/index.html", "fabu/index.html", *GUIDES])
    assert not (staff_site / "pagefind").exists() and not (staff_site / "sitemap.xml").exists()
    assert (staff_site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    for name in ("report.json", "report.csv", "units.json", "units.csv"):
        assert (staff_site / "jcbg" / name).is_file(), name
    broken = [(path, href) for path, text in pages.items() if path != "404.html"
              for href, target in local_links(path, text) if not (staff_site / target).is_file()]
    assert not broken, broken[:5]  # file names, not folders: every link works from a local folder
    home = parse(pages["index.html"])
    tabs = [a.text().strip() for a in home.one("nav", cls="md-tabs").find_all("a")]
    assert tabs == ["首页", "栏目完整性检查", "使用指南", "网站发布指南"]
    listed = {a.get("href") for a in main_content(home).find_all("a")}
    assert {"jcbg/index.html", "bzzn/index.html", "fabu/index.html", PUBLIC} <= listed
    assert "不要发布到公开网站" in main_content(home).text()
    report = json.loads((staff_site / "jcbg" / "report.json").read_text(encoding="utf-8"))
    assert f"网站得分 {report['score']} 分" in " ".join(main_content(home).text().split())  # the outcome
    for path, text in pages.items():
        assert '<meta name="robots" content="noindex, nofollow">' in text, path
    foot = home.one("footer", cls="zwgk-footer")
    assert {a.text().replace("（外部网站）", "") for a in foot.find("nav").find_all("a")} >= {
        "栏目完整性检查报告", "使用指南", "网站发布指南", "公开网站"}
    assert "网站标识码" in foot.text()  # the same foot as the public site
    assert not home.find("form", role="search")  # no search in the staff build


def test_staff_report_links_every_public_page_it_names_on_the_public_site(staff_site, built_site):
    text = (staff_site / "jcbg" / "index.html").read_text(encoding="utf-8")
    public = set(re.findall(r'href="' + re.escape(PUBLIC) + r'([^"#]*)', text))
    assert {p.split("/")[0] for p in public} >= {"gfxwj", "zdly", "bm", "xz"}  # records, columns, units
    assert not [p for p in public if not (built_site / p / "index.html").is_file()]
    assert "网站检查不合格" in text and "tasks_yaml/" in text  # what stays out of the public site
    assert "noindex" not in (built_site / "index.html").read_text(encoding="utf-8")
    # (the report itself: tests/test_audit.py test_demo_report_page, test_demo_report_matches_cli)


def test_staff_build_never_goes_into_the_public_folder():
    proc = run_zwgk("build", "--staff", "--as-of", AS_OF, "--site-dir", "site", cwd=REPO)
    assert proc.returncode == 1 and "工作人员版不能写到公开网站的目录 site/" in proc.stderr


@pytest.mark.browser
def test_staff_build_opens_from_a_local_folder(staff_site):
    """Double-clicking index.html: file:// pages, the report reached through the nav, sortable, all local."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = guard_hosts(context, "file://")
        page = context.new_page()
        page.goto((staff_site / "index.html").as_uri())
        page.locator("nav.md-tabs").get_by_role("link", name="栏目完整性检查").click()
        page.wait_for_url("**/jcbg/index.html")
        assert page.locator("h1").first.inner_text() == "栏目完整性检查报告"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.get_by_role("button", name="得分", exact=True).click()  # zwgk-sort.js runs from the folder
        assert page.locator("th[aria-sort=ascending]").count() == 1
        page.locator("footer").get_by_role("link", name="使用指南").click()
        page.wait_for_url("**/bzzn/index.html")
        page.locator("#zwgk-main").get_by_role("link", name="看懂错误信息").click()
        page.wait_for_url("**/bzzn/cw.html")
        assert blocked == []
        context.close()


@pytest.mark.browser
def test_axe_finds_no_violation_on_the_staff_pages(staff_site):
    axe_js = axe_source()
    found, failed = {}, []
    every = [p for p in html_files(staff_site) if p != "404.html"]
    phone = ["index.html", "jcbg/index.html", "fabu/index.html"]  # the wide tables and code; guides are prose
    with serve(staff_site, "/staff/") as base, chromium() as browser:
        for width, paths in ((1280, every), (390, phone)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            blocked = guard_hosts(context, origin(base))
            serve_axe(context, base, axe_js)
            page = context.new_page()
            page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
            for path in paths:
                page.goto(base + path, wait_until="load")
                violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                                  "resultTypes": ["violations"]})
                if violations:
                    found[f"{width}px {path}"] = violations
            context.close()
            assert blocked == []
    assert found == {}, "\n" + format_violations(found)
    assert failed == []
