"""Texts of amended documents in Chromium (#18): the demo's document amended twice, one of its past texts and the
comparison, on a phone (390 px) and at 1280 px in elder mode: axe, no sideways scrolling, changes readable without
colour and named for a screen reader, and a citizen getting from today's text to what applied on a past day."""

from __future__ import annotations

import pytest
from webtools import AXE_TAGS, axe_source, chromium, format_violations, guard_hosts, origin, run_axe, serve, serve_axe

pytestmark = pytest.mark.browser
DOC = "gfxwj/sfbf-2023-12/"
PAGES = [DOC, DOC + "bb/20260201/", DOC + "bb/20260701/db/", "gfxwj/sfbf-2024-6/", "gfxwj/sfbf-2024-6/bb/20270101/",
         "zcjd/jd-sfbf-2023-12-xd/"]


@pytest.fixture(scope="module")
def site(built_site):
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


@pytest.mark.parametrize("width,elder", [(390, False), (1280, True)], ids=["390px", "1280px-elder"])
def test_version_pages_pass_axe_and_fit_the_screen(site, width, elder):
    base, browser = site
    context = browser.new_context(viewport={"width": width, "height": 844})
    if elder:
        context.add_init_script("try { localStorage.setItem('zwgk-elder', '1') } catch (e) {}")
    blocked = guard_hosts(context, origin(base))
    serve_axe(context, base, axe_source())
    page = context.new_page()
    found, wide = {}, []
    for rel in PAGES:
        page.goto(base + rel, wait_until="load")
        violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                          "resultTypes": ["violations"]})
        if violations:
            found[rel] = violations
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(rel)
    context.close()
    assert found == {}, "\n" + format_violations(found)
    assert wide == [] and blocked == []


def test_comparison_reads_without_colour_and_aloud(site):
    base, browser = site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + DOC + "bb/20260701/db/", wait_until="load")
    styles = page.evaluate("""() => ['ins', 'del'].map(tag => {
        const el = document.querySelector('.zwgk-diff ' + tag);
        return getComputedStyle(el).textDecorationLine; })""")
    assert styles == ["underline", "line-through"]  # not colour alone
    changed = page.locator(".zwgk-diff__para--changed").first
    # what a screen reader reads: the hidden words around each change, the visible text between them
    spoken = changed.evaluate("el => el.textContent")
    assert "［删除］780［删除结束］［新增］800［新增结束］" in spoken
    sizes = changed.evaluate("el => [...el.querySelectorAll('.zwgk-visually-hidden')]"
                             ".map(s => s.getBoundingClientRect().width)")
    assert len(sizes) == 8 and max(sizes) <= 1  # the sighted reader does not see the words
    assert page.locator(".zwgk-diff__same").count() >= 1  # unchanged paragraphs counted, not shown
    context.close()


def test_citizen_finds_todays_rule_and_lawyer_finds_a_past_days(site):
    base, browser = site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + DOC, wait_until="load")
    body = page.locator(".zwgk-body")
    assert "每人每月800元" in body.inner_text()  # today's rule, on the document's own page
    assert "自2026年7月1日起施行" in page.locator(".zwgk-version-line").first.inner_text()
    # what applied on 2026-03-15: the last version in force that day is 第1次修订版 (2026-02-01)
    page.get_by_role("link", name="第1次修订版（历史文本）").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(DOC + "bb/20260201/")
    assert "每人每月780元" in page.locator(".zwgk-body").inner_text()
    note = page.get_by_role("note").first.inner_text()
    assert "这是历史文本，适用至2026年7月1日前" in note
    page.get_by_role("link", name="查看与上一版本的对比").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(DOC + "bb/20260201/db/")
    assert page.locator(".zwgk-diff del").first.evaluate("el => el.textContent") == "［删除］720［删除结束］"
    context.close()
