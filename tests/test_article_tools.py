"""Article pages in Chromium: 【打印】 and 字号 大/中/小 — by keyboard, announced, remembered across pages like
长者模式 and working with it (its 20 px floor holds) — and a printout that carries the page's address and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from webtools import axe_source, chromium, format_violations, guard_hosts, origin, run_axe, serve, serve_axe

pytestmark = pytest.mark.browser

DOC, OTHER = "gfxwj/sfbf-2023-12/", "zcwd/qa-001/"
BODY_SIZE = "parseFloat(getComputedStyle(document.querySelector('#zwgk-main .zwgk-body p')).fontSize)"
QA_SIZE = "parseFloat(getComputedStyle(document.querySelector('#zwgk-main .zwgk-body')).fontSize)"


@pytest.fixture(scope="module")
def session(built_site):
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


def press(page, name: str) -> None:
    button = page.get_by_role("group", name="字号").get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press("Enter")


def test_text_size_by_keyboard_announced_and_remembered(session):
    base, browser = session
    context = browser.new_context(viewport={"width": 390, "height": 800})
    blocked = guard_hosts(context, origin(base))
    page = context.new_page()
    page.goto(base + DOC)
    middle = page.evaluate(BODY_SIZE)
    assert page.get_by_role("button", name="中", exact=True).get_attribute("aria-pressed") == "true"
    press(page, "大")
    assert page.evaluate(BODY_SIZE) >= middle * 1.2
    assert page.get_by_role("button", name="大", exact=True).get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="中", exact=True).get_attribute("aria-pressed") == "false"
    assert page.get_by_role("status").inner_text() == "字号已改为大"
    large = page.evaluate(BODY_SIZE)
    page.goto(base + OTHER)  # another article page: the same size, before any click
    assert page.get_by_role("button", name="大", exact=True).get_attribute("aria-pressed") == "true"
    assert page.evaluate(QA_SIZE) == large
    press(page, "小")
    assert page.evaluate(QA_SIZE) < middle and page.get_by_role("status").inner_text() == "字号已改为小"
    press(page, "中")
    assert page.evaluate(QA_SIZE) == middle
    page.goto(base + "gfxwj/")  # a column page has no tools and keeps its own size
    assert page.locator(".zwgk-tools").count() == 0
    assert blocked == []
    context.close()


def test_text_size_works_with_elder_mode_and_keeps_its_floor(session):
    base, browser = session
    context, page = open_page(browser, base + DOC, 1280)
    page.get_by_role("button", name="长者模式").click()
    elder = page.evaluate(BODY_SIZE)
    assert elder >= 20
    press(page, "大")
    assert page.evaluate(BODY_SIZE) >= elder * 1.2
    press(page, "小")
    assert page.evaluate(BODY_SIZE) == elder  # never below 长者模式's 20 px
    page.reload()
    assert "zwgk-elder" in page.evaluate("document.documentElement.className").split()
    assert page.get_by_role("button", name="小", exact=True).get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="长者模式").click()  # leaving 长者模式 keeps the chosen size
    assert page.evaluate(BODY_SIZE) < elder
    context.close()


def test_print_button_and_printout_carry_address_and_date(session):
    base, browser = session
    context, page = open_page(browser, base + DOC, 1280)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.get_by_role("button", name="【打印】")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    assert not page.locator(".zwgk-print-meta").is_visible()  # on screen: not shown
    page.emulate_media(media="print")
    meta = page.locator(".zwgk-print-meta")
    assert meta.is_visible() and not page.locator(".zwgk-tools").is_visible()
    text = meta.inner_text()
    assert "本页网址：https://www.example.gov.cn/gfxwj/sfbf-2023-12/" in text
    assert "发布日期：2023年3月6日" in text
    today = dt.date.today()
    assert f"打印日期：{today.year}年{today.month}月{today.day}日" in text
    assert not page.locator(".md-footer").is_visible()
    context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_article_tools_pass_axe(session, elder):
    base, browser = session
    context = browser.new_context(viewport={"width": 390, "height": 800})
    serve_axe(context, base, axe_source())
    page = context.new_page()
    page.goto(base + DOC)
    if elder:
        page.get_by_role("button", name="长者模式").click()
    press(page, "大")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] + (["wcag2aaa"] if elder else [])
    found = run_axe(page, base, {"runOnly": {"type": "tag", "values": tags}})
    assert not found, format_violations({DOC: found})
    context.close()
