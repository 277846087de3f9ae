"""公众参与 pages of the demo (#16) as of 2026-11-22: the 意见征集 column (open first, with closing days), a
consultation's whole process on one page, the decision document linking back, the home page block, the feed,
the 事项目录 and 建议提案 columns; then in Chromium with axe, following the links both ways by clicking."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from htmldom import Site, main_content
from webtools import AXE_TAGS, axe_source, format_violations, guard_hosts, origin, run_axe, serve, serve_axe


def text(site: Site, url: str) -> str:
    return " ".join(main_content(site.page(url)).text().split())


def test_column_lists_open_consultations_first_with_their_closing_days(built_site):
    site = Site(built_site)
    body = text(site, "yjzj/")
    assert body.index("正在征集") < body.index("即将开始") < body.index("已结束的征集")
    open_part = body[body.index("正在征集"):body.index("即将开始")]
    assert "城区机动车停放服务收费管理办法" in open_part and "截止日期：2026年12月1日" in open_part
    assert "征集中（还剩 9 天）" in open_part
    assert "民营经济" in body[body.index("即将开始"):body.index("已结束的征集")]
    closed = body[body.index("已结束的征集"):]
    for state in ("已截止待反馈", "反馈逾期", "已反馈"):
        assert state in closed
    assert "应于2026年10月15日前" in closed  # the overdue one's feedback deadline


def test_consultation_page_shows_the_whole_process_and_links_its_document_both_ways(built_site):
    site = Site(built_site)
    body = text(site, "yjzj/yjzj-2026-lsjz/")
    for part in ("办理流程", "征求意见稿", "起草说明", "如何提出意见", "意见采纳情况", "决策结果"):
        assert part in body
    assert "共收到意见 23 条" in body and "部分采纳" in body and "流动人口的临时救助" in body
    links = {site.resolve("yjzj/yjzj-2026-lsjz/", a.get("href")) for a in main_content(
        site.page("yjzj/yjzj-2026-lsjz/")).find_all("a")}
    assert "gfxwj/sfbf-2026-11/" in links and "jcml/xzf-2026/" in links
    back = main_content(site.page("gfxwj/sfbf-2026-11/")).one(cls="zwgk-consultation-link")
    assert site.resolve("gfxwj/sfbf-2026-11/", back.find("a").get("href")) == "yjzj/yjzj-2026-lsjz/"
    # a unit's consultation and its document, the same way
    unit_doc = main_content(site.page("gfxwj/sjtf-2026-4/")).one(cls="zwgk-consultation-link")
    assert site.resolve("gfxwj/sjtf-2026-4/", unit_doc.find("a").get("href")) == "yjzj/yjzj-2026-khfw/"
    # open: how to comment, until when; overdue: said so, with the day it was due
    open_page = text(site, "yjzj/yjzj-2026-tcgl/")
    assert "请于2026年12月1日前通过以下方式提出意见" in open_page and "zwgk@example.gov.cn" in open_page
    assert "意见采纳情况应于2026年10月15日前公布，目前尚未公布" in text(site, "yjzj/yjzj-2026-ljcl/")
    enterprise = text(site, "yjzj/yjzj-2026-qyfc/")
    assert "即将开始" in enterprise and "企业反馈渠道" in enterprise


def test_search_filter_home_block_and_feed(built_site):
    site = Site(built_site)
    spans = [s.get("data-pagefind-filter") for s in site.page("yjzj/yjzj-2026-ljcl/").find_all("span")]
    assert "征集状态:反馈逾期" in spans
    home = site.page("")
    block = main_content(home).one(cls="zwgk-open-consultations")
    assert [site.resolve("", a.get("href")) for a in block.find_all("a") if "yjzj/" in a.get("href")] == [
        "yjzj/yjzj-2026-tcgl/"]  # the only open one
    feed = ET.parse(built_site / "yjzj" / "atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 7
    assert entries[0].find("a:title", ns).text.startswith("关于公开征求《示例县促进民营经济")  # newest first
    summaries = [e.find("a:summary", ns).text for e in entries]
    assert any(s.startswith("征集中（还剩 9 天）") for s in summaries)


def test_catalogue_and_proposals_by_year_and_unit(built_site):
    site = Site(built_site)
    catalogue = text(site, "jcml/xzf-2026/")
    assert "示例县临时救助实施办法" in catalogue and "审议" in catalogue and "征求意见" in catalogue
    index = text(site, "jcml/")
    assert index.index("2026年") < index.index("2025年") and "示例县发展和改革局2026年度重大行政决策事项目录" in index
    proposals = text(site, "jyta/")
    assert proposals.index("2026年") < proposals.index("2025年")
    for unit in ("示例县发展和改革局", "示例县人力资源和社会保障局", "示例县卫生健康局", "示例县财政局"):
        assert unit in proposals
    reply = text(site, "jyta/jyta-2025-zx35/")
    assert "政协委员提案" in reply and "A类" in reply and "1860 万元" in reply


@pytest.mark.browser
def test_pages_in_chromium_with_axe_and_links_followed_by_clicking(built_site, browser):
    urls = ["yjzj/", "yjzj/yjzj-2026-lsjz/", "yjzj/yjzj-2026-ljcl/", "jcml/", "jcml/xzf-2026/", "jyta/",
            "jyta/jyta-2026-zx21/", ""]
    with serve(built_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = guard_hosts(context, origin(base))
        serve_axe(context, base, axe_source())
        page = context.new_page()
        found = {}
        for url in urls:
            page.goto(base + url, wait_until="load")
            assert page.locator("article h1").first.is_visible()
            violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS}})
            if violations:
                found[url] = violations
        assert not found, format_violations(found)
        # home → open consultation → column → a consultation that was answered → its document → back
        page.goto(base)
        page.locator(".zwgk-open-consultations a", has_text="停放服务收费").click()
        page.wait_for_load_state()
        assert page.url == base + "yjzj/yjzj-2026-tcgl/"
        assert "还剩 9 天" in page.locator(".zwgk-consultation-state").inner_text()
        page.locator("nav.zwgk-breadcrumb a", has_text="意见征集").click()
        page.wait_for_load_state()
        page.locator("article table a", has_text="临时救助实施办法").first.click()
        page.wait_for_load_state()
        assert page.url == base + "yjzj/yjzj-2026-lsjz/"
        page.locator("article h2:has-text('决策结果') + p a").click()
        page.wait_for_load_state()
        assert page.url == base + "gfxwj/sfbf-2026-11/"
        page.locator(".zwgk-consultation-link a").click()
        page.wait_for_load_state()
        assert page.url == base + "yjzj/yjzj-2026-lsjz/"
        context.close()
    assert not blocked, blocked


def test_a_units_feed_carries_its_consultations_catalogue_and_replies(built_site):
    feed = (built_site / "bm" / "fgj" / "atom.xml").read_text(encoding="utf-8")
    for page in ("yjzj/yjzj-2026-ljcl/", "jcml/fgj-2026/", "jyta/jyta-2026-zx21/", "jyta/jyta-2025-rd12/"):
        assert page in feed, page
    assert "yjzj-2026-khfw" not in feed  # jtj's, not fgj's
