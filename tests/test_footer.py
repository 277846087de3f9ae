"""The foot of every page (政府网站发展指引 国办发〔2017〕47号; 国办秘函〔2019〕19号): 主办单位, 联系方式,
网站标识码, ICP备案号 and 公安机关备案号 linked to their filing systems, the 党政机关网站标识 (a local image)
linked to its verification page, 我为政府网站找错, 12345 and 政务新媒体; links leaving the site say so."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import REPO
from helpers import records_copy
from htmldom import Site
from webtools import chromium, guard_hosts, origin, serve
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.portal import load_portal
from zwgk.siteinfo import police_code, site_problems

AS_OF = dt.date(2026, 11, 22)
FIELDS = ["site_code", "icp", "police_record", "conac_url", "error_report_url"]


def test_check_warns_once_per_missing_footer_detail_at_portal_yml(tmp_path):
    root = records_copy(tmp_path)
    (root / "portal.yml").write_text(
        "name: 测试县人民政府\nagency: 测试县人民政府办公室\nerror_report_url: ''\n", encoding="utf-8")
    found = site_problems(load_records(root))
    assert all(p.path == "tasks_yaml/portal.yml" and p.severity == "警告" for p in found)
    assert len(found) == len(FIELDS) + 2  # and 联系方式, and the domain (no sitemap.xml without it)
    for name in FIELDS + ["contact", "domain"]:
        assert sum(f"（{name}）" in p.message or f"（{name} 的" in p.message for p in found) == 1, name
    assert "国办发〔2017〕47号" in found[0].hint


def test_demo_footer_details_are_complete():
    portal = load_portal(REPO / "tasks_yaml", AS_OF)
    assert not [w for w in portal.warnings if w.path.endswith("portal.yml")]


def test_a_footer_link_that_is_not_a_web_address_is_refused(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "portal.yml").read_text(encoding="utf-8")
    (root / "portal.yml").write_text(
        text + "new_media:\n  - {name: 公众号, url: 'javascript:alert(1)'}\n", encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        load_portal(root, AS_OF)
    assert any(p.severity == "错误" and "javascript:alert(1)" in p.message for p in exc.value.problems)


def test_police_record_code_is_its_digits():
    assert police_code("川公网安备 51172202000001号") == "51172202000001"
    assert police_code("") == ""


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site)


def footer(site: Site, url: str):
    return site.page(url).one("footer", cls="zwgk-footer")


@pytest.mark.parametrize("url", ["", "gfxwj/", "zcwd/qa-001/", "wza/", "xxgk/zd/", "404.html"])
def test_every_page_carries_what_inspectors_look_for(site, url):
    cfg = load_records(REPO / "tasks_yaml").portal
    foot = footer(site, url)
    text = foot.text()
    for shown in (f"主办单位：{cfg.agency}", f"联系电话：{cfg.contact.phone}", cfg.contact.email,
                  f"网站标识码：{cfg.site_code}", cfg.icp, cfg.police_record):
        assert shown in text, shown
    away = {a.text().replace("（外部网站）", ""): a for a in foot.find_all("a", cls="zwgk-external")}
    assert away[cfg.icp].get("href") == "https://beian.miit.gov.cn/"
    assert away[cfg.police_record].get("href") == (
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51172202000001")
    assert away["我为政府网站找错"].get("href") == cfg.error_report_url
    assert away[cfg.message_board.name].get("href") == cfg.message_board.url
    for media in cfg.new_media:
        assert away[media.name].get("href") == media.url
    badge = foot.one("a", cls="zwgk-footer__badge")
    assert badge.get("href") == cfg.conac_url
    img = badge.one("img")
    assert "党政机关网站标识" in img.get("alt") and not img.get("src").startswith(("http", "//"))  # 404: /…
    for a in foot.find_all("a", href=True):
        if a.get("href").startswith("http"):
            assert "zwgk-external" in a.classes and a.get("target") is None  # opens normally
            hidden = a.find("span", cls="zwgk-visually-hidden")
            assert (hidden and hidden.text() == "（外部网站）") or "外部网站" in (a.find("img") or a).get("alt", "")


@pytest.mark.browser
def test_footer_in_a_browser_loads_nothing_from_elsewhere_and_names_links_leaving(built_site):
    cfg = load_records(REPO / "tasks_yaml").portal
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        blocked = guard_hosts(context, origin(base))
        page = context.new_page()
        page.goto(base)
        badge = page.get_by_role("link", name="党政机关网站标识：核验示例县人民政府办公室开办的网站（外部网站）")
        assert badge.count() == 1
        assert page.evaluate("document.querySelector('.zwgk-footer__badge img').naturalWidth") > 0
        # the accessible name says the link leaves the site
        icp = page.get_by_role("link", name=re.compile(rf"^{re.escape(cfg.icp)}\s*（外部网站）$"))
        assert icp.is_visible()
        assert page.get_by_role("link", name=re.compile(r"^我为政府网站找错\s*（外部网站）$")).count() == 1
        assert blocked == []  # the badge is the site's own image; nothing was fetched elsewhere
        # following a link leaving the site: same tab, normal navigation (the other host answered locally)
        context.route("https://beian.miit.gov.cn/**", lambda route: route.fulfill(
            body="<title>备案</title>", content_type="text/html"))
        icp.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("https://beian.miit.gov.cn/**")
        assert len(context.pages) == 1
        context.close()
