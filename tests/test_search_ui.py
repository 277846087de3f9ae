"""The site search as a citizen uses it: the header box, the /search/ page, filters, sorting.

Static checks read the built demo site (the page attributes Pagefind indexes); the browser
checks run Chromium on it, served on [::1] under a sub-path with every other host blocked.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from htmldom import Site, main_content
from webtools import (
    AXE_TAGS,
    axe_source,
    format_violations,
    guard_hosts,
    origin,
    run_axe,
    serve,
    serve_axe,
)

PREFIX = "/zwgk/demo/"
FILTER_NAMES = ("栏目", "有效性", "发布单位", "发布机构", "年份", "主题分类")
LOW_INCOME_DOC = "gfxwj/sfbf-2023-12/"  # 示例县最低生活保障审核确认办法, 示府办发〔2023〕12号


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site)


def documents(site: Site) -> dict[str, dict[str, str]]:
    """Every normative document page: {url: {文号, 索引号, 有效性, 名称}} read from its element table."""
    docs = {}
    for url in site.pages():
        if not re.fullmatch(r"gfxwj/[^/]+/", url):
            continue
        table = site.page(url).find("table", cls="zwgk-fields")
        if table is None:
            continue
        fields = {tr.one("th").text().strip(): tr.one("td") for tr in table.find_all("tr")}
        docs[url] = {k: fields[k].text().strip() for k in ("文号", "索引号", "名称")}
        docs[url]["有效性"] = fields["有效性"].one("span", cls="zwgk-validity").text()
    assert len(docs) > 10
    return docs


def filters_of(doc) -> dict[str, str]:
    return dict(
        el.get("data-pagefind-filter").split(":", 1)
        for el in doc.find_all(**{"data-pagefind-filter": True})
    )


# --- the pages as built ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "gfxwj/", LOW_INCOME_DOC, "zdly/shjz/", "xxgk/zd/", "search/"])
def test_every_page_has_a_labelled_header_search_form_to_the_search_page(site, url):
    header = site.page(url).one("header")
    form = header.one("form", role="search")
    assert form.get("method") == "get"
    assert form.get("aria-label") == "搜索本站"
    assert Site.resolve(url, form.get("action")) == "search/"
    box = form.one("input", name="q")
    assert box.get("type") == "search"
    assert form.one("label", for_=box.get("id")).text().strip() == "搜索本站"
    assert form.one("button", type="submit").text().strip() == "搜索"


def test_search_page_has_form_live_status_and_only_local_scripts(site):
    doc = site.page("search/")
    art = main_content(doc)
    assert art.one("h1").text().strip() == "搜索"
    form = art.one("form", role="search")
    assert form.one("label", for_="zwgk-sp-q").text().strip() == "关键词"
    assert form.one("input", id="zwgk-sp-q").get("name") == "q"
    status = art.one(id="zwgk-sp-status")
    assert status.get("aria-live") == "polite" and status.get("role") == "status"
    assert "data-pagefind-body" not in art.attrs  # the search page itself is not searched
    scripts = [s.get("src") for s in doc.find_all("script") if s.get("src")]
    assert "../assets/javascripts/zwgk-search.js" in scripts
    assert "../assets/javascripts/zwgk-search-ui.js" in scripts
    inline = [
        s
        for s in doc.find_all("script")
        if not s.get("src") and s.get("type") != "application/json"
    ]
    assert inline == [], "inline script breaks the CSP"


def test_documents_carry_filters_sort_meta_and_weighted_numbers(site):
    docs = documents(site)
    for url, fields in docs.items():
        page = site.page(url)
        art = main_content(page)
        assert "data-pagefind-body" in art.attrs, url
        assert "data-pagefind-ignore" in art.one("nav", cls="zwgk-breadcrumb").attrs
        filters = filters_of(art)
        # a document with later versions also says its page is the current text (pages/versions.py)
        assert filters.pop("文本版本", "现行文本") == "现行文本", url
        assert set(filters) == set(FILTER_NAMES), (url, filters)
        assert filters["栏目"] == "规范性文件库"
        assert filters["有效性"] == fields["有效性"], url
        published = page.one("meta", name="PubDate").get("content")
        assert filters["年份"] == published[:4]
        assert (
            art.one(**{"data-pagefind-sort": True}).get("data-pagefind-sort") == f"date:{published}"
        )
        metas = [m.get("data-pagefind-meta") for m in art.find_all(**{"data-pagefind-meta": True})]
        assert f"validity:{fields['有效性']}" in metas and f"date:{published}" in metas
        weighted = {
            el.text(): el.get("data-pagefind-meta")
            for el in art.find_all(**{"data-pagefind-weight": "10"})
        }
        assert weighted == {fields["文号"]: "docno", fields["索引号"]: "indexno"}, url


@pytest.mark.parametrize(
    "url,column", [("zcjd/", "政策解读"), ("zcwd/", "政策问答"), ("zdly/shjz/", "社会救助")]
)
def test_other_records_are_indexed_with_their_column_and_lists_are_not(site, url, column):
    index = main_content(site.page(url))
    assert "data-pagefind-body" not in index.attrs  # a list of titles would crowd out the records
    rows = index.find("table") or index  # a record of the list (not, say, the column's 标准目录 page)
    link = next(a for a in rows.find_all("a") if re.fullmatch(r"[^/.][^/]*/", a.get("href") or ""))
    record = main_content(site.page(url + link.get("href")))
    assert "data-pagefind-body" in record.attrs
    assert filters_of(record)["栏目"] == column
    assert "data-pagefind-body" not in main_content(site.page("")).attrs


@pytest.mark.parametrize("url", ["xxgk/", "xxgk/zd/", "xxgk/ndbg/"])
def test_hand_written_pages_join_the_search_through_their_front_matter(site, url):
    art = main_content(site.page(url))
    assert "data-pagefind-body" in art.attrs
    assert filters_of(art) == {"栏目": "政府信息公开"}


def test_hostile_values_stay_text_in_the_search_attributes(hostile_site):
    html = (hostile_site / "gfxwj" / "h-2020-3" / "index.html").read_text(encoding="utf-8")
    attrs = re.findall(r'data-pagefind-(?:filter|meta)="([^"]*)"', html)
    assert any("敌意县人民政府" in a for a in attrs)
    assert not [a for a in attrs if "<" in a or ">" in a]


# --- in Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(built_site):
    with serve(built_site, PREFIX) as url:
        yield url


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = guard_hosts(context, origin(base))
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    yield page
    context.close()
    assert blocked == [] and problems == []


def wait_results(page, previous: str | None = None) -> str:
    """Wait until the live status line reports a finished search (and differs from previous)."""
    page.wait_for_function(
        """prev => { const s = document.getElementById('zwgk-sp-status').textContent;
                     return /条|没有/.test(s) && s !== prev && !document.getElementById('zwgk-sp').hasAttribute('aria-busy'); }""",
        arg=previous,
    )
    return page.inner_text("#zwgk-sp-status")


def shown(page, base) -> list[str]:
    """Site URL paths of the results on the page, in order."""
    hrefs = page.eval_on_selector_all(".zwgk-sp__result h3 a", "as => as.map(a => a.href)")
    return [urllib.parse.urlsplit(h).path[len(PREFIX) :] for h in hrefs]


DATES_JS = "ps => ps.map(p => (p.textContent.match(/(\\d+)年(\\d+)月(\\d+)日/) || []).slice(1).map(Number))"


def address(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)


def show_all(page):
    while page.is_visible("#zwgk-sp-more"):
        count = page.locator(".zwgk-sp__result").count()
        page.click("#zwgk-sp-more")
        page.wait_for_function(f"document.querySelectorAll('.zwgk-sp__result').length > {count}")


def total(status: str) -> int:
    return int(re.search(r"(\d+) 条", status).group(1))


@pytest.mark.browser
def test_header_box_on_home_page_finds_the_low_income_document(page, base):
    page.goto(base)
    page.fill("#zwgk-hsearch-q", "低保")
    page.press("#zwgk-hsearch-q", "Enter")
    page.wait_for_url(re.compile(r"/zwgk/demo/search/\?q="))
    status = wait_results(page)
    assert status.startswith("找到 ") and "条结果" in status
    assert page.input_value("#zwgk-sp-q") == "低保"
    first = page.locator(".zwgk-sp__result").first
    assert re.search("低保|最低生活保障", first.locator("h3").inner_text())
    show_all(page)
    urls = shown(page, base)
    assert len(urls) == total(status) == len(set(urls))
    assert LOW_INCOME_DOC in urls
    assert page.title().startswith("“低保”的搜索结果")


@pytest.mark.browser
def test_what_is_typed_before_the_filter_list_arrives_is_kept_and_searched(page, base):
    held = []
    page.route("**/pagefind/zwgk-filters.json", lambda route: held.append(route))
    page.goto(base + "search/?有效性=现行有效")
    page.fill("#zwgk-sp-q", "低保")
    page.press("#zwgk-sp-q", "Enter")
    status = wait_results(page)
    assert total(status) > 0
    assert address(page) == {"q": ["低保"], "有效性": ["现行有效"]}
    assert len(held) == 1  # the filter list is still on its way
    held[0].continue_()
    page.wait_for_selector("#zwgk-sp-filters select, #zwgk-sp-filters input")
    assert page.input_value("#zwgk-sp-q") == "低保"
    assert page.eval_on_selector_all(
        "#zwgk-sp-filters input:checked", "bs => bs.map(b => b.value)"
    ) == ["现行有效"]


@pytest.mark.browser
def test_results_show_title_column_date_and_validity_in_words(page, base, site):
    docs = documents(site)
    page.goto(base + "search/?q=" + urllib.parse.quote("最低生活保障"))
    wait_results(page)
    results = page.locator(".zwgk-sp__result")
    assert results.count() > 0
    for i in range(results.count()):
        item = results.nth(i)
        url = shown(page, base)[i]
        facts = item.locator(".zwgk-sp__facts").inner_text()
        assert item.locator("h3 a").inner_text().strip()
        assert "栏目：" in facts and re.search(r"发布日期：\d{4}年\d{1,2}月\d{1,2}日", facts), facts
        if url in docs:
            assert f"有效性：{docs[url]['有效性']}" in facts.replace("\n", "")
        else:
            assert "有效性" not in facts
    assert page.locator(".zwgk-sp__excerpt mark").count() > 0


@pytest.mark.browser
def test_filter_repealed_shows_only_repealed_documents(page, base, site):
    docs = documents(site)
    repealed = {url for url, f in docs.items() if f["有效性"] == "已废止"}
    assert repealed
    page.goto(base + "search/?q=" + urllib.parse.quote("示例县"))
    before = wait_results(page)
    page.check("#zwgk-sp-filters input[value='已废止']")
    status = wait_results(page, before)
    assert address(page) == {"q": ["示例县"], "有效性": ["已废止"]}
    show_all(page)
    urls = shown(page, base)
    assert urls and set(urls) <= repealed, set(urls) - repealed
    assert len(urls) == total(status)
    # with no words, the filter alone lists every repealed document
    page.goto(base + "search/?" + urllib.parse.urlencode({"有效性": "已废止"}))
    status = wait_results(page)
    show_all(page)
    assert set(shown(page, base)) == repealed
    assert page.is_checked("#zwgk-sp-filters input[value='已废止']")
    # two values of one group: either of them
    page.check("#zwgk-sp-filters input[value='已修改']")
    status = wait_results(page, status)
    amended = {url for url, f in docs.items() if f["有效性"] == "已修改"}
    show_all(page)
    assert set(shown(page, base)) == repealed | amended and amended
    assert address(page) == {"有效性": ["已修改", "已废止"]}


@pytest.mark.browser
@pytest.mark.parametrize("value", ["__proto__", "constructor", "toString", "hasOwnProperty", "不存在的栏目"])
def test_unknown_filter_values_are_reported_as_such_and_left_out(page, base, value):
    """An address like ?栏目=__proto__ names a value no page has: it is reported as an unknown filter (not blamed on
    the search word) and left out, never a property lookup that breaks the page."""
    page.goto(base + "search/?" + urllib.parse.urlencode({"q": "示例县", "栏目": value}))
    status = wait_results(page)
    assert status.startswith(f"地址中的筛选条件“栏目：{value}”在本站不存在，已忽略。找到 "), status
    assert "没有找到" not in status and total(status) > 10
    page.goto(base + "search/?" + urllib.parse.urlencode({"q": "示例县"}))
    assert total(wait_results(page)) > 0  # the same page still searches


@pytest.mark.browser
def test_every_document_number_finds_its_document_first(page, base, site):
    docs = documents(site)
    page.goto(base + "search/")
    status = ""
    numbers = [(url, f["文号"]) for url, f in docs.items()]
    numbers += [(url, f["索引号"]) for url, f in list(docs.items())[:5]]
    wrong = []
    for url, number in numbers:
        page.fill("#zwgk-sp-q", number)
        page.press("#zwgk-sp-q", "Enter")
        page.wait_for_function(
            "q => new URLSearchParams(location.search).get('q') === q", arg=number
        )
        status = wait_results(page, status + "x")  # a fresh run, even with the same count
        results = shown(page, base)
        if not results or results[0] != url:
            wrong.append((number, url, results[:3]))
    assert wrong == []


@pytest.mark.browser
def test_everyday_word_also_finds_the_formal_term_merged_without_repeats(page, base):
    page.goto(base + "search/?q=" + urllib.parse.quote("低保"))
    status = wait_results(page)
    assert "包括“最低生活保障”的结果" in status
    assert LOW_INCOME_DOC in shown(page, base)  # on the first page, not the fifth
    for order in ("date-desc", "date-asc"):
        page.select_option("#zwgk-sp-sort", order)
        status = wait_results(page, "x")
        show_all(page)
        urls = shown(page, base)
        assert len(urls) == len(set(urls)) == total(status)
        dates = page.eval_on_selector_all(".zwgk-sp__facts", DATES_JS)
        assert dates == sorted(dates, reverse=order == "date-desc"), order


@pytest.mark.browser
def test_the_information_disclosure_guide_is_found(page, base):
    """Every organ of the platform has its own 指南 (国办公开办函〔2019〕61号): the county government's and each
    unit's are all found."""
    page.goto(base + "search/?q=" + urllib.parse.quote("依申请公开"))
    wait_results(page)
    show_all(page)
    found = shown(page, base)
    assert "xxgk/" in found
    assert {u for u in found if u.endswith("/zn/")} >= {"bm/fgj/zn/", "xz/cgz/zn/", "qy/zls/zn/"}


@pytest.mark.browser
def test_document_number_as_people_type_it(page, base):
    page.goto(base + "search/?q=" + urllib.parse.quote("示府办发[2023]12号"))
    wait_results(page)
    assert shown(page, base)[0] == LOW_INCOME_DOC


@pytest.mark.browser
def test_sort_by_date_and_state_in_the_address(page, base):
    query = {"q": "补贴", "sort": "date-desc"}
    page.goto(base + "search/?" + urllib.parse.urlencode(query))
    wait_results(page)
    assert page.input_value("#zwgk-sp-sort") == "date-desc"
    dates = page.eval_on_selector_all(".zwgk-sp__facts", DATES_JS)
    assert len(dates) > 3 and dates == sorted(dates, reverse=True)
    page.select_option("#zwgk-sp-sort", "date-asc")
    page.wait_for_function("location.search.includes('sort=date-asc')")
    wait_results(page, "x")
    page.wait_for_timeout(200)
    dates = page.eval_on_selector_all(".zwgk-sp__facts", DATES_JS)
    assert dates == sorted(dates)
    # back: the previous state comes back from the address
    page.select_option("#zwgk-sp-f0", "政策问答")
    page.wait_for_function("location.search.includes(encodeURIComponent('栏目'))")
    status = wait_results(page, "x")
    assert all("栏目：政策问答" in t for t in page.locator(".zwgk-sp__facts").all_inner_texts())
    assert total(status) > 0


@pytest.mark.browser
def test_no_result_says_so_and_suggests_what_to_do(page, base):
    page.goto(base + "search/?q=" + urllib.parse.quote("火星移民补贴"))
    status = wait_results(page)
    assert status.startswith("没有找到与“火星移民补贴”相关的结果")
    assert "换用更短" in status
    assert page.locator(".zwgk-sp__result").count() == 0
    assert page.is_hidden("#zwgk-sp-more")


@pytest.mark.browser
def test_more_results_moves_focus_to_the_first_new_result(page, base):
    page.goto(base + "search/?q=" + urllib.parse.quote("示例县"))
    status = wait_results(page)
    assert total(status) > 10 and page.locator(".zwgk-sp__result").count() == 10
    page.focus("#zwgk-sp-more")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.zwgk-sp__result').length > 10")
    focused = page.evaluate(
        "document.activeElement.closest('.zwgk-sp__result') && "
        "[...document.querySelectorAll('.zwgk-sp__result')].indexOf(document.activeElement.closest('.zwgk-sp__result'))"
    )
    assert focused == 10
    page.wait_for_function(
        "document.getElementById('zwgk-sp-status').textContent.startsWith('已显示')"
    )


def tab_to(page, condition: str, what: str, limit: int = 60) -> None:
    """Press Tab until the JavaScript condition holds; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"{what} is not reachable by Tab")


@pytest.mark.browser
def test_keyboard_only_search_filter_and_announcement(page, base, site):
    docs = documents(site)
    page.goto(base)
    tab_to(page, "document.activeElement.id === 'zwgk-hsearch-q'", "the header search box")
    page.keyboard.type("低保")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    first = wait_results(page)
    tab_to(page, "document.activeElement.type === 'checkbox'", "a filter checkbox")
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    status = wait_results(page, first)
    assert page.evaluate("document.activeElement.value") == value  # focus stayed on the filter
    assert page.get_attribute("#zwgk-sp-status", "aria-live") == "polite"
    assert re.match(r"找到 \d+ 条结果", status) and total(status) < total(first)
    show_all(page)
    assert all(docs[u]["有效性"] == value for u in shown(page, base))


@pytest.mark.browser
@pytest.mark.parametrize(
    "query,width,elder",
    [
        ({"q": "低保"}, 1280, False),
        ({"q": "低保", "有效性": "已废止"}, 1280, False),
        ({"q": "示例县", "发布机构": "示例县民政局", "sort": "date-desc"}, 390, False),
        ({"q": "低保", "有效性": "现行有效"}, 1280, True),
        ({"q": "低保"}, 390, True),
        ({"q": "火星移民补贴"}, 1280, False),
    ],
)
def test_axe_finds_no_violation_on_the_search_page(browser, base, query, width, elder):
    context = browser.new_context(viewport={"width": width, "height": 900})
    if elder:
        context.add_init_script("try { localStorage.setItem('zwgk-elder', '1') } catch (e) {}")
    blocked = guard_hosts(context, origin(base))
    serve_axe(context, base, axe_source())
    page = context.new_page()
    page.goto(base + "search/?" + urllib.parse.urlencode(query))
    wait_results(page)
    tags = AXE_TAGS + (["wcag2aaa"] if elder else [])
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    violations = run_axe(page, base, options)
    if elder:  # 长者模式: 7:1 contrast (above) and every control at least 44 px
        small = page.evaluate("""() => [...document.querySelectorAll(
              '#zwgk-sp a[href], #zwgk-sp button, #zwgk-sp input, #zwgk-sp select, #zwgk-sp summary, header form *:is(input, button)')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.id || e.textContent.trim().slice(0, 12), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 43.5 || r.height < 43.5).map(([n, r]) => [n, r.width, r.height])""")
        assert small == []
    wide = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )
    context.close()
    assert violations == [], "\n" + format_violations({"search/": violations})
    assert blocked == []
    assert not wide


@pytest.mark.browser
def test_hostile_filter_values_and_titles_stay_text(browser, hostile_site):
    with serve(hostile_site, PREFIX) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + "search/?q=alert")
        wait_results(page)
        options = page.eval_on_selector_all(
            "#zwgk-sp-filters option", "os => os.map(o => o.textContent)"
        )
        assert "<img src=x onerror=alert('issuer')>敌意县人民政府" in options
        assert page.locator(".zwgk-sp__result img, .zwgk-sp__result script").count() == 0
        context.close()
    assert dialogs == []


# --- what people type (#15 item 8) and documents in force first (#15 item 2) -------------------------


def search_for(page, base, query: str) -> tuple[str, list[str]]:
    """Open the search page for query; (status line, result paths of the first page)."""
    page.goto(base + "search/?q=" + urllib.parse.quote(query))
    status = wait_results(page)
    return status, shown(page, base)


def partial_marks(page) -> list[bool]:
    return page.eval_on_selector_all(
        ".zwgk-sp__result", "rs => rs.map(r => !!r.querySelector('.zwgk-sp__partial'))"
    )


@pytest.mark.browser
def test_a_question_finds_its_meaningful_parts_and_says_the_results_are_partial(page, base):
    status, urls = search_for(page, base, "低保怎么申请")
    assert "都是部分匹配：没有完全匹配“低保怎么申请”的结果，包含“低保”等词" in status, status
    assert {LOW_INCOME_DOC, "zcwd/qa-049/"} & set(urls[:3]), urls  # 怎么申请低保？ or the 办法 itself
    assert all(partial_marks(page)) and page.locator(".zwgk-sp__partial").first.inner_text() == "部分匹配"
    # 怎么, 领 are taken out; the parts found are named
    status, urls = search_for(page, base, "怎么领育儿补贴")
    assert "包含“育儿补贴”等词" in status and "zcwd/qa-001/" in urls[:5], (status, urls)
    # a phrase with no exact match is looked for by its parts: 小学 … 报名
    status, urls = search_for(page, base, "小学报名")
    assert "zcwd/qa-008/" in urls[:5], urls
    # parts that cover too little of the question are no match
    status, urls = search_for(page, base, "火星移民补贴")
    assert status.startswith("没有找到") and urls == []


@pytest.mark.browser
def test_exact_matches_come_before_partial_ones(page, base):
    status, urls = search_for(page, base, "“低保”、“特困”")  # list punctuation parts the phrases: both words
    exact = total(re.search(r"其中 \d+ 条", status).group(0))
    assert 0 < exact < total(status), status
    show_all(page)
    marks = partial_marks(page)
    assert marks == [False] * exact + [True] * (len(marks) - exact)


@pytest.mark.browser
def test_equivalent_terms_come_from_the_records(page, base):
    status, urls = search_for(page, base, "创业贷款")  # tasks_yaml/search_terms.yml: 创业贷款 = 创业担保贷款
    assert "包括“创业担保贷款”的结果" in status and "部分匹配" not in status, status
    assert {"gfxwj/sfbf-2024-6/", "zcwd/qa-019/"} <= set(urls)


@pytest.mark.browser
def test_the_valid_document_ranks_above_repealed_ones_and_results_say_validity_in_words(page, base, site):
    docs = documents(site)
    status, urls = search_for(page, base, "最低生活保障")
    # the 办法 (in force, as amended) is among the first, ahead of the repealed 实施细则 it replaced;
    # only documents in force come before it
    assert LOW_INCOME_DOC in urls[:3], urls
    assert all(docs.get(u, {}).get("有效性") in ("现行有效", "已修改") for u in urls[: urls.index(LOW_INCOME_DOC)])
    show_all(page)
    urls = shown(page, base)
    out_of_force = [u for u in urls if docs.get(u, {}).get("有效性") in ("已废止", "已失效", "尚未生效")]
    assert out_of_force and min(urls.index(u) for u in out_of_force) > urls.index(LOW_INCOME_DOC)
    facts = page.locator(".zwgk-sp__facts").all_inner_texts()
    for url, text in zip(urls, facts):
        if url in docs:
            assert f"有效性：{docs[url]['有效性']}" in text.replace("\n", ""), (url, text)


@pytest.mark.browser
def test_punctuation_never_widens_or_loses_a_match_and_alone_is_no_error(page, base):
    one = total(search_for(page, base, "一")[0])
    numbered = total(search_for(page, base, "（一）")[0])  # 一 closed by punctuation, as in （一）
    assert 0 < numbered < one / 2, (numbered, one)
    both = total(search_for(page, base, "低保 特困")[0])
    assert total(search_for(page, base, "“低保”、“特困”：")[0]) >= both > 0
    status, urls = search_for(page, base, "、，：“”《》")
    assert status == "没有可以搜索的文字：请输入要查找的文字或数字（只有标点符号无法搜索）。" and urls == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "typed",
    [
        "示府办发[2023]12号",
        "示府办发(2023)12号",
        "示府办发【2023】12号",
        "示府办发（２０２３）１２号",
        "示府办发〔2023〕12",
        "11511722MB00000003/2023-00012",
        "MB00000003/2023-00012",  # the middle of a 索引号
    ],
)
def test_every_common_way_of_typing_a_number_finds_its_document_first(page, base, typed):
    status, urls = search_for(page, base, typed)
    assert urls and urls[0] == LOW_INCOME_DOC, (typed, status, urls[:3])


@pytest.mark.browser
def test_the_middle_of_a_letter_digit_run_is_found(page, base):
    status, urls = search_for(page, base, "1722MB0000")  # inside 11511722MB00000003, the county's credit code
    assert total(status) > 10 and "部分匹配" not in status, status
    show_all(page)
    assert LOW_INCOME_DOC in shown(page, base)


def test_without_javascript_the_search_page_links_the_library_and_columns(site):
    art = main_content(site.page("search/"))
    message = art.one(id="zwgk-sp-nojs")  # shown until zwgk-search-ui.js hides it
    assert "搜索需要浏览器启用 JavaScript" in message.text() and "hidden" not in message.attrs
    links = {a.text().strip(): Site.resolve("search/", a.get("href")) for a in message.find_all("a")}
    assert links == {"规范性文件库": "gfxwj/", "政策解读": "zcjd/", "政策问答": "zcwd/", "网站地图": "wzdt/"}
    assert "hidden" in art.one(id="zwgk-sp-filters").attrs


@pytest.mark.browser
def test_without_javascript_the_page_says_so_instead_of_an_empty_filter_box(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "search/?q=" + urllib.parse.quote("低保"))
    assert page.get_by_text("当前浏览器没有启用，无法显示搜索结果").is_visible()
    page.locator("#zwgk-sp-nojs").get_by_role("link", name="规范性文件库").click()
    page.wait_for_url(re.compile(r"/gfxwj/$"))
    page.go_back()
    assert page.is_hidden("#zwgk-sp-filters")
    context.close()


@pytest.mark.browser
def test_with_javascript_the_no_script_message_is_hidden(page, base):
    search_for(page, base, "低保")
    assert page.is_hidden("#zwgk-sp-nojs")
