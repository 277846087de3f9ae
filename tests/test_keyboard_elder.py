"""Keyboard use and 长者模式 (elderly mode), tested in Chromium on the built demo site.

Keyboard: tabbing from the top reaches every visible control, focus is always visible and not
hidden under the sticky header, the skip link leads to the content, the drawer opens and closes.
长者模式: one switch on every page, remembered across pages; text ≥ 20 px, line height ≥ 1.5,
contrast ≥ 7:1 (axe color-contrast-enhanced), targets ≥ 44 px, no motion; and 200 % zoom at
1280 px (= 640 CSS px) and 390 px phones reflow without horizontal scrolling.
"""

from __future__ import annotations

import pytest
from webtools import TABLE_LAYOUT_JS, axe_source, format_violations, run_axe, serve, serve_axe, site_pages

pytestmark = pytest.mark.browser

FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)

# Every focusable element the user can see, by a stable description.
VISIBLE_CONTROLS_JS = """sel => [...document.querySelectorAll(sel)].filter(e => {
    if (e.disabled || e.tabIndex < 0 || e.closest('[inert], [hidden]')) return false;
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.visibility === 'visible' && s.display !== 'none' && r.width > 0 && r.height > 0;
}).map(e => window.__zwgkDescribe(e))"""

DESCRIBE_JS = """window.__zwgkDescribe = e => {
    const path = [];
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
        let i = 1;
        for (let s = n.previousElementSibling; s; s = s.previousElementSibling) i++;
        path.unshift(n.tagName.toLowerCase() + ':' + i);
    }
    return path.join('>');
};"""

# What the focused element looks like: described, on screen, not covered, with a focus ring.
FOCUS_STATE_JS = """async () => {
    // after two frames, once the page has reacted to the scroll the focus caused
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    const f = e.getClientRects()[0] || r;  // first line of a link that wraps
    const cx = Math.min(Math.max(f.left + Math.min(f.width, 20) / 2, 0), innerWidth - 1);
    const cy = Math.min(Math.max(f.top + Math.min(f.height, 20) / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(cx, cy);
    return {
        id: window.__zwgkDescribe(e), text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40),
        inViewport: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0,
        // a region taller than the window (a scrollable table) shows its ring along the sides
        uncovered: r.height > innerHeight / 2 || (!!hit && (e === hit || e.contains(hit) || hit.contains(e))),
        hit: hit ? window.__zwgkDescribe(hit) : null, y: Math.round(f.top),
        ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
    };
}"""

KINDS = {
    "home": lambda site: "",
    "column": lambda site: "gfxwj/",
    "document": lambda site: _first_document(site),
    "tasks": lambda site: next(
        (p for p in site_pages(site) if p.startswith("zdgz/") and p.count("/") == 2), "zdgz/"
    ),
    "statement": lambda site: "wza/",
    "section": lambda site: "xxgk/zd/",  # a page inside a navigation section with several pages
}


def _first_document(site):
    for path in sorted((site / "gfxwj").glob("*/index.html")):
        if 'class="zwgk-fields"' in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(site).as_posix() + "/"
    pytest.fail("no normative document page in the demo site")


@pytest.fixture(scope="module")
def base(built_site):
    with serve(built_site) as url:
        yield url


def new_page(browser, width=1280, height=900, elder=False, scale=1):
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    context.add_init_script(DESCRIBE_JS)
    if elder:
        context.add_init_script("try { localStorage.setItem('zwgk-elder', '1') } catch (e) {}")
    return context.new_page()


def tab_through(page, limit: int) -> list[dict]:
    states = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if state is None or (states and state["id"] == states[0]["id"]):
            break  # left the page or wrapped round
        states.append(state)
    return states


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", list(KINDS))
def test_tabbing_reaches_every_control_with_focus_visible(
    browser, base, built_site, kind, width, elder
):
    page = new_page(browser, width=width, elder=elder)
    page.goto(base + KINDS[kind](built_site))
    controls = page.evaluate(VISIBLE_CONTROLS_JS, FOCUSABLE)
    states = tab_through(page, limit=len(controls) + 20)
    reached = {s["id"] for s in states}
    assert states and states[0]["text"] == "跳到正文", states[:1]
    assert [c for c in controls if c not in reached] == []
    assert [s for s in states if not s["ring"]] == []
    assert [s for s in states if not (s["inViewport"] and s["uncovered"])] == []
    page.context.close()


def test_skip_link_moves_focus_to_the_content(browser, base, built_site):
    page = new_page(browser)
    page.goto(base + _first_document(built_site))
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return [document.activeElement.classList.contains('zwgk-skip'), r.top >= 0 && r.bottom <= innerHeight] })()"
    )
    assert skip == [True, True]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "zwgk-main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#zwgk-main')")
    page.context.close()


def test_navigation_drawer_works_by_keyboard_on_a_phone(browser, base):
    page = new_page(browser, width=390, height=844)
    page.goto(base + "gfxwj/")
    in_drawer = "!!document.activeElement.closest('.md-sidebar--primary')"
    drawer_links = "[...document.querySelectorAll('.md-sidebar--primary a[href]')]"
    hidden = f"{drawer_links}.every(a => getComputedStyle(a).visibility === 'hidden')"
    expanded = lambda: page.get_attribute(".zwgk-menu-button", "aria-expanded")
    assert page.evaluate(hidden), "closed drawer links must be out of the tab order"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('zwgk-menu-button')"):
            break
    else:
        pytest.fail("the navigation button is not reachable by Tab")
    assert expanded() == "false"
    page.keyboard.press("Enter")
    assert expanded() == "true" and page.evaluate(in_drawer)
    page.wait_for_timeout(400)  # the drawer slides in (0.25 s)

    # every control of the open drawer: on screen, not covered, with a focus ring
    states = []
    while page.evaluate(in_drawer) and len(states) < 80:
        states.append(page.evaluate(FOCUS_STATE_JS))
        page.keyboard.press("Tab")
    assert len(states) >= 8
    assert [s for s in states if not (s["inViewport"] and s["uncovered"] and s["ring"])] == []
    assert expanded() == "false", "leaving the drawer by Tab closes it"
    page.wait_for_timeout(400)

    # a collapsed section opens in place with Space, and its first link comes next
    page.focus(".zwgk-menu-button")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    label = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary label.md-nav__link[tabindex="0"]')]
        .map(l => [l.id, document.getElementById(l.htmlFor)]).filter(([id, t]) => id && t && !t.checked)
        .map(([id]) => id)[0]""")
    assert label, "the demo navigation has a collapsed section"
    page.focus(f"#{label}")
    page.keyboard.press("Space")
    assert page.evaluate(
        f"document.getElementById(document.getElementById('{label}').htmlFor).checked"
    )
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE_JS)
    assert page.evaluate(in_drawer) and state["inViewport"] and state["uncovered"], state
    assert page.evaluate(
        f"document.activeElement.closest('nav[aria-labelledby=\"{label}\"]') !== null"
    )

    page.keyboard.press("Escape")
    assert expanded() == "false"
    assert page.evaluate("document.activeElement.classList.contains('zwgk-menu-button')")
    page.wait_for_timeout(400)
    assert page.evaluate(hidden)
    page.context.close()


def test_single_letter_keys_do_not_navigate(browser, base):
    """Material moves to the next/previous page on n, p, '.', ','; WCAG 2.1.4 rules that out."""
    page = new_page(browser)
    page.goto(base + "gfxwj/")
    for key in ["n", "p", ".", ","]:
        page.keyboard.press(key)
        page.wait_for_timeout(100)
        assert page.url == base + "gfxwj/", key
    page.context.close()


def test_elder_mode_switch_by_keyboard_is_remembered_across_pages(browser, base, built_site):
    page = new_page(browser)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("popup", lambda p: dialogs.append(p.url))
    page.goto(base)
    assert page.locator(".zwgk-elder-toggle").count() == 1
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p, article li')).fontSize)"
        )
        < 20
    )
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('zwgk-elder-toggle')"):
            break
    else:
        pytest.fail("the 长者模式 switch is not reachable by Tab")
    page.keyboard.press("Space")
    assert page.get_attribute(".zwgk-elder-toggle", "aria-pressed") == "true"
    assert page.evaluate("document.documentElement.classList.contains('zwgk-elder')")
    page.click(f"a[href='{_first_document(built_site)}'], a[href='gfxwj/']")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.classList.contains('zwgk-elder')")
    assert page.get_attribute(".zwgk-elder-toggle", "aria-pressed") == "true"
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p, article li, article td')).fontSize)"
        )
        >= 20
    )
    page.focus(".zwgk-elder-toggle")
    page.keyboard.press("Enter")
    page.goto(base)
    assert not page.evaluate("document.documentElement.classList.contains('zwgk-elder')")
    assert page.get_attribute(".zwgk-elder-toggle", "aria-pressed") == "false"
    assert dialogs == []
    page.context.close()


# Measures 长者模式 on the loaded page: every visible piece of text, control and animation.
ELDER_JS = """() => {
    const visible = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return s.visibility === 'visible' && s.display !== 'none' && r.width > 0 && r.height > 0
            && !e.closest('[hidden], .zwgk-skip'); };
    const problems = {small: [], tight: [], target: [], wide: [], motion: []};
    for (const e of document.body.querySelectorAll('*')) {
        if (e.closest('svg') || !visible(e)) continue;
        const s = getComputedStyle(e);
        const ownText = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (ownText) {
            const size = parseFloat(s.fontSize);
            const lh = s.lineHeight === 'normal' ? 1.2 * size : parseFloat(s.lineHeight);
            if (size < 19.9) problems.small.push([window.__zwgkDescribe(e), e.textContent.trim().slice(0, 20), size]);
            if (lh / size < 1.495) problems.tight.push([window.__zwgkDescribe(e), e.textContent.trim().slice(0, 20), lh / size]);
        }
        if (e.matches('a[href], button, input:not([type=hidden]), select, textarea, summary, label[tabindex]')) {
            const r = e.getBoundingClientRect();
            if (r.width < 43.5 || r.height < 43.5)
                problems.target.push([window.__zwgkDescribe(e), (e.innerText || e.value || '').trim().slice(0, 20),
                                      Math.round(r.width), Math.round(r.height)]);
        }
        if (parseFloat(s.transitionDuration) > 0 || parseFloat(s.animationDuration) > 0)
            problems.motion.push([window.__zwgkDescribe(e), s.transitionDuration, s.animationDuration]);
    }
    for (const e of document.querySelectorAll('article table')) {
        const box = e.parentElement;
        if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible')
            problems.wide.push([window.__zwgkDescribe(e), 'table scrolls sideways', box.scrollWidth, box.clientWidth]);
    }
    if (document.getAnimations().length) problems.motion.push(['animations', document.getAnimations().length]);
    return Object.fromEntries(Object.entries(problems).filter(([k, v]) => v.length).map(([k, v]) => [k, v.slice(0, 5)]));
}"""

NO_SIDEWAYS_SCROLL_JS = (
    "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
)


@pytest.fixture(scope="module")
def elder_report(browser, base, built_site):
    """Every page in 长者模式 at 1280 px: the measures above plus axe color-contrast-enhanced (7:1)."""
    serve_axe_js = axe_source()
    page = new_page(browser, elder=True)
    serve_axe(page.context, base, serve_axe_js)
    report, pages = {}, 0
    options = {
        "runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]},
        "resultTypes": ["violations"],
    }
    for rel in site_pages(built_site):
        page.goto(base + rel, wait_until="load")
        pages += 1
        found = page.evaluate(ELDER_JS)
        contrast = run_axe(page, base, options)
        if contrast:
            found["contrast"] = contrast
        if not page.evaluate("document.documentElement.classList.contains('zwgk-elder')"):
            found["not in 长者模式"] = True
        if (
            page.evaluate(
                "document.querySelectorAll('.zwgk-elder-toggle[aria-pressed=true]').length"
            )
            != 1
        ):
            found["switch"] = "not exactly one 长者模式 switch, pressed"

        if found:
            report[rel] = found
    page.context.close()
    return pages, report


def test_elder_mode_on_every_page(elder_report):
    pages, report = elder_report
    assert pages > 0
    problems = {
        rel: {k: v for k, v in found.items() if k != "contrast"} for rel, found in report.items()
    }
    assert {rel: v for rel, v in problems.items() if v} == {}


def test_elder_mode_contrast_is_at_least_7_to_1_on_every_page(elder_report):
    _, report = elder_report
    contrast = {rel: found["contrast"] for rel, found in report.items() if "contrast" in found}
    assert contrast == {}, "\n" + format_violations(contrast)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width,scale", [(640, 2), (390, 1)], ids=["1280px-zoom200", "390px"])
def test_every_page_reflows_without_horizontal_scrolling(
    browser, base, built_site, width, scale, elder
):
    """200 % zoom on a 1280 px window is a 640 CSS px viewport at device scale 2. At 390 px (#15) no list table
    scrolls sideways and no table cell is narrower than two characters (1280 px: test_accessibility's crawl)."""
    page = new_page(browser, width=width, height=800, elder=elder, scale=scale)
    wide, tables = [], {}
    for rel in site_pages(built_site):
        page.goto(base + rel, wait_until="load")
        if not page.evaluate(NO_SIDEWAYS_SCROLL_JS):
            wide.append((rel, page.evaluate("document.documentElement.scrollWidth")))
        if width == 390 and not elder and (layout := page.evaluate(TABLE_LAYOUT_JS)):
            tables[rel] = layout
    page.context.close()
    assert wide == []
    assert tables == {}
