"""Chinese search: recall on a small generated corpus, in Chromium, plus the build side.

The corpus (benchmarks/zwgk_corpus.py, 300 pages) is indexed with zwgk.search
and served from 127.0.0.1 under a sub-path, so relative URLs are exercised too.
The full-size measurement is benchmarks/search_recall.py.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import search_recall  # noqa: E402
import zwgk_corpus  # noqa: E402
from zwgk.errors import BuildError  # noqa: E402
from zwgk.search import bundle  # noqa: E402
from zwgk.search import index_site, query_phrases, rewrite_html  # noqa: E402
from zwgk.search.bundle import (  # noqa: E402
    CHUNK_GROUP,
    PIECE_WORDS,
    base36,
    cbor_decode,
    cbor_encode,
    read_pagefind_file,
    split_chunk,
    split_pieces,
)
from zwgk.search.terms import decode, escape_text, unit_count, units  # noqa: E402

CHROMIUM = Path(search_recall.CHROMIUM)
PREFIX = "/portal/sub/"
QUERIES = [
    "低保",
    "城乡低保",
    "最低生活保障",
    "示例县民政局",
    "创业担保贷款",
    "G318",
    "2023年",
    "税",
]
PARITY = [
    "低保",
    "城乡低保 2023",
    "示府办发〔2023〕12号",
    "11511722MB00000003/2023-00012",
    "ＭＢ２０２３年",
    "G318线",
    "税",
    "5G基站，100%。",
    "《办法》",
    "İstanbul ǅ",
    "𠀀𠀁a",
    "第一条 为了",
    "ꙮ低",
    "（一）",
    "“低保”、“特困”：城乡",
    "示府办发【2023】12",
    "〔２０２３〕",
    "、，：",
]


def _deep_phrase(pages) -> str:
    """Eight Han characters that some page has first only past its first text piece."""
    for page in pages:
        at = 0
        for n, block in enumerate(page.blocks):
            words = units(block)
            for i in range(0, len(words) - 8, 7):
                q = block[words[i][1] : words[i + 7][2]]
                if at + i < PIECE_WORDS + 20 or not all("\u4e00" <= c <= "\u9fff" for c in q):
                    continue
                if block.find(q) < words[i][1] or any(q in b for b in page.blocks[:n]):
                    continue  # the page has it earlier
                if len([p for p in pages if p.contains(q)]) <= 10:
                    return q
            at += len(words)
    raise AssertionError("语料中找不到只在页面后部出现的短语")


def _needs_browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} 不存在：无法在浏览器中测试中文搜索（apt-get install chromium）")
    pytest.importorskip(
        "playwright.async_api", reason="未安装 playwright（pip install -e .[test]）"
    )


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A 300-page site with the search bundle and a search page; returns (site, pages)."""
    site = tmp_path_factory.mktemp("search") / "site"
    pages = zwgk_corpus.generate(site, 300, seed=11)
    search_recall.install_search_script(site)
    (site / "bench").mkdir()
    (site / "bench" / "index.html").write_text(
        search_recall.BENCH_PAGE % {"first": 10, "baseline": "pagefind"}, encoding="utf-8"
    )
    # small chunks, so that words and prefixes span several chunks and chunk groups, and a
    # low split size, so that frequent words are put in chunks of their own as at full size
    split_size, bundle.SPLIT_CHUNK_BYTES = bundle.SPLIT_CHUNK_BYTES, 1200
    try:
        stats = index_site(site, chunk_size=1000)
    finally:
        bundle.SPLIT_CHUNK_BYTES = split_size
    assert stats["pages"] == 300
    assert stats["index_chunks"] > 3 * CHUNK_GROUP
    assert stats["chunks_added_by_splitting"] > 10
    return site, pages


def _browse(site: Path, script):
    """Run script(page, base_url) in Chromium against the site served under PREFIX."""
    from playwright.async_api import async_playwright

    async def main():
        with search_recall.serve(site, PREFIX) as (base, traffic):
            async with async_playwright() as p:
                browser = await p.chromium.launch(
                    executable_path=str(CHROMIUM), args=search_recall.CHROMIUM_ARGS
                )
                try:
                    page = await browser.new_page()
                    errors = []
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    await page.goto(base + "bench/")
                    result = await script(page, base, traffic)
                    assert not errors, errors
                    return result
                finally:
                    await browser.close()

    return asyncio.run(main())


@pytest.fixture(scope="session")
def answers(corpus):
    """Every query's results, first page and the URLs requested, from one visit."""
    _needs_browser()
    site, pages = corpus
    docs = [p for p in pages if p.doc_number]
    cited = next(p for p in docs if sum(q.contains(p.doc_number) for q in pages) > 1)
    deep = _deep_phrase(pages)
    queries = QUERIES + [cited.doc_number, docs[0].index_number]
    script_terms = PARITY

    async def script(page, base, traffic):
        out = {"queries": {}, "requests": []}
        traffic.reset()
        for q in queries:
            before = len(traffic.requests)
            res = await page.evaluate(
                """async (q) => {
                  const set = await zwgkSearch.search(q);
                  const items = await set.page(0, 10);
                  const all = [];
                  for (let n = 0; n * 50 < set.total; n++) all.push(...(await set.page(n, 50)).map(i => i.url));
                  return {total: set.total, urls: all, first: items};
                }""",
                q,
            )
            res["requests"] = [path for path, _ in traffic.requests[before:]]
            out["queries"][q] = res
        out["terms"] = await page.evaluate("(qs) => qs.map(q => zwgkSearch.terms(q))", script_terms)
        out["units"] = await page.evaluate("(qs) => qs.map(q => zwgkSearch.units(q))", script_terms)
        out["filtered"] = await page.evaluate(
            """async () => {
              const set = await zwgkSearch.search("低保", {filters: {"栏目": "规范性文件"}});
              const items = await set.page(0, 50);
              return {total: set.total, filters: items.map(i => i.filters["栏目"])};
            }"""
        )
        out["page_mode"] = await page.evaluate(
            """async () => {
              zwgkSearch.configure({worker: false});
              const set = await zwgkSearch.search("城乡低保");
              const lang = document.documentElement.getAttribute("lang");
              return {total: set.total, first: (await set.page(0, 1))[0].title, lang};
            }"""
        )
        out["requests"] = [path for path, _ in traffic.requests]
        traffic.reset()
        out["deep"] = await page.evaluate(
            """async (q) => {
              const set = await zwgkSearch.search(q);
              return {total: set.total, first: await set.page(0, 10)};
            }""",
            deep,
        )
        out["deep_requests"] = [path for path, _ in traffic.requests]
        traffic.reset()
        out["filter_counts"] = await page.evaluate("() => zwgkSearch.filters()")
        out["filter_requests"] = [path for path, _ in traffic.requests]
        out["any_of"] = await page.evaluate(
            """async () => {
              const set = await zwgkSearch.search("低保", {filters: {"栏目": {any: ["规范性文件", "政策解读"]}}});
              const items = await set.page(0, 100);
              return {total: set.total, columns: items.map(i => i.filters["栏目"][0])};
            }"""
        )
        # A browser without DecompressionStream (Safari < 16.4) inflates with the vendored pako.
        traffic.reset()
        out["no_stream"] = await page.evaluate(
            """async () => {
              delete window.DecompressionStream;
              zwgkSearch.configure({worker: false});
              const set = await zwgkSearch.search("城乡低保");
              return {total: set.total, first: (await set.page(0, 1))[0].title};
            }"""
        )
        out["no_stream_requests"] = [path for path, _ in traffic.requests]
        out["base"] = base
        return out

    result = _browse(site, script)
    result["cited"] = cited
    result["deep_query"] = deep
    return result


def _truth(pages, q):
    return {p.url for p in pages if p.contains(q)}


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_every_page_containing_the_query_is_found_and_nothing_else(corpus, answers, query):
    _, pages = corpus
    base = answers["base"]
    found = {u[len(base) - 1 :] for u in answers["queries"][query]["urls"]}
    truth = _truth(pages, query)
    assert truth, f"语料中没有含“{query}”的页面"
    assert found == truth, f"漏检 {sorted(truth - found)[:5]}，误检 {sorted(found - truth)[:5]}"


@pytest.mark.browser
def test_a_document_number_finds_its_document_first(answers):
    cited = answers["cited"]
    res = answers["queries"][cited.doc_number]
    assert res["total"] > 1  # the document and the interpretation citing it
    assert res["first"][0]["url"].endswith(cited.url)
    assert "<mark>" + cited.doc_number + "</mark>" in res["first"][0]["excerpt"]


@pytest.mark.browser
def test_an_index_number_finds_its_document(corpus, answers):
    _, pages = corpus
    doc = next(p for p in pages if p.doc_number)
    res = answers["queries"][doc.index_number]
    assert res["first"][0]["url"].endswith(doc.url)


@pytest.mark.browser
def test_excerpts_and_titles_are_the_original_text(corpus, answers):
    _, pages = corpus
    by_url = {p.url: p for p in pages}
    base = answers["base"]
    for q in ("低保", "城乡低保", "G318"):
        for item in answers["queries"][q]["first"]:
            page = by_url[item["url"][len(base) - 1 :]]
            assert item["title"] == page.title
            assert f"<mark>{q}</mark>" in item["excerpt"]
            plain = item["plainExcerpt"].strip("…")
            text = " ".join(page.blocks)
            assert plain.replace(" ", "") in text.replace(" ", ""), plain
            assert "\ua66e" not in item["excerpt"]


@pytest.mark.browser
def test_filters_still_work(corpus, answers):
    _, pages = corpus
    f = answers["filtered"]
    truth = {p.url for p in pages if p.contains("低保") and p.filters.get("栏目") == "规范性文件"}
    assert f["total"] == len(truth) > 0
    assert {v for values in f["filters"] for v in values} == {"规范性文件"}


@pytest.mark.browser
def test_a_match_deep_in_a_long_page_gets_its_excerpt_from_the_right_piece(corpus, answers):
    _, pages = corpus
    q = answers["deep_query"]
    res = answers["deep"]
    assert res["total"] == len(_truth(pages, q))
    for item in res["first"]:
        assert f"<mark>{q}</mark>" in item["excerpt"], item["excerpt"]
    assert any(r.endswith(".pf_text") for r in answers["deep_requests"])


def test_page_text_is_cut_into_pieces_that_keep_every_word():
    block = "示例县" * 400  # one block of 1,200 words
    text = "\n".join(["标题", "城乡低保 2023年", block, "第一条 为了G318线"])
    pieces = split_pieces(text, size=500)
    assert [end for _, end in pieces] == [500, 1000, 1215]
    assert "".join(t.replace("\n", "") for t, _ in pieces) == text.replace("\n", "")
    counted = 0
    for piece, end in pieces:
        counted += sum(len(units(b)) for b in piece.split("\n"))
        assert counted == end
    assert pieces[0][0].startswith("标题\n城乡低保 2023年\n示例县")
    assert split_pieces("") == [("", 0)]
    assert split_pieces("短文") == [("短文", 2)]


def test_words_are_counted_as_they_are_cut():
    texts = PARITY + ["", "___ꙮꙮ", "a_b-c", "（一）、。…", "２０２３年１２月", "〇〇七 ㈠ ½ ⅷ", "表\u3000格 \t x", "ab" * 600]
    for text in texts:
        assert unit_count(text) == len(units(text)), text


def test_escaped_text_decodes_to_the_original_and_bad_escapes_to_nothing():
    for text in PARITY + ["\U0010ffff☃ \x7f", "a{b}c`d"]:
        assert decode(escape_text(text)) == " ".join(text.split()), text
    # a long escape holds punctuation digits only: hex digits, an empty one or one beyond U+10FFFF is dropped
    assert decode("`{ab}x") == "x"
    assert decode("`{}x") == "x"
    assert decode("`{" + "!" + "?" * 6 + "}x") == "x"
    assert decode("`{%$}y") == "\x32y"


def test_a_very_frequent_word_gets_an_index_chunk_of_its_own():
    def word(key, pages, per_page):
        return [key, [[1, [-25] + [300] * per_page, []] for _ in range(pages)], []]

    words = [word("乡低保", 3, 2), word("乡村振", 2, 1), word("示例县", 400, 20), word("示范区", 5, 3)]
    pieces = split_chunk(cbor_encode([words]))
    assert [(first, last) for first, last, _ in pieces] == [
        ("乡低保", "乡村振"),
        ("示例县", "示例县"),
        ("示范区", "示范区"),
    ]
    assert sum((cbor_decode(p)[0] for _, _, p in pieces), []) == words
    even = [word(k, 3, 2) for k in ("乡低保", "乡村振", "示范区", "示范性")]
    assert [p for _, _, p in split_chunk(cbor_encode([even]))] == [cbor_encode([even])]


@pytest.mark.browser
def test_filters_any_of_two_columns(corpus, answers):
    _, pages = corpus
    res = answers["any_of"]
    wanted = {"规范性文件", "政策解读"}
    truth = [p for p in pages if p.contains("低保") and p.filters.get("栏目") in wanted]
    assert res["total"] == len(truth) > 0
    assert set(res["columns"]) == {p.filters["栏目"] for p in truth}


@pytest.mark.browser
def test_filter_list_comes_from_the_summary_with_true_counts(corpus, answers):
    _, pages = corpus
    counts = answers["filter_counts"]
    for name in ("栏目", "发布机构", "年份"):
        truth: dict[str, int] = {}
        for p in pages:
            if name in p.filters:
                truth[p.filters[name]] = truth.get(p.filters[name], 0) + 1
        assert counts[name] == truth, name
    # one small file, not every filter chunk
    assert [r.rsplit("/", 1)[-1] for r in answers["filter_requests"]] == ["zwgk-filters.json"]


@pytest.mark.browser
def test_search_stays_under_the_site_path(answers):
    requests = answers["requests"]
    assert requests and all(r.startswith(PREFIX) for r in requests), requests[:5]
    # Pagefind's own runtime (pagefind.js, its worker and WebAssembly) is never fetched
    assert not any(r.endswith((".js", ".pagefind")) for r in requests), requests


@pytest.mark.browser
def test_search_without_a_worker_gives_the_same_answer(corpus, answers):
    _, pages = corpus
    res = answers["page_mode"]
    assert res["total"] == len(_truth(pages, "城乡低保"))
    assert "城乡低保" in res["first"]
    assert res["lang"] == "zh-CN"  # the engine leaves the page's language alone


@pytest.mark.browser
def test_a_browser_without_decompression_stream_inflates_with_pako(corpus, answers):
    _, pages = corpus
    res = answers["no_stream"]
    assert res["total"] == len(_truth(pages, "城乡低保")) > 0
    assert "城乡低保" in res["first"]
    assert any(r.endswith("/vendor/pako_inflate.min.js") for r in answers["no_stream_requests"])
    assert not any("pako" in r for r in answers["requests"])  # others never fetch it


def prefix_of(bundle: Path) -> str:
    return json.loads((bundle / "pagefind-entry.json").read_text())["zwgk"]["fragments"]


def test_bundle_keeps_only_what_the_search_reads(corpus):
    site, _ = corpus
    bundle = site / "pagefind"
    top = sorted(p.name for p in bundle.iterdir())
    assert [n for n in top if not n.endswith(".pf_meta")] == [
        "filter",
        "fragment",
        "index",
        "pagefind-entry.json",
        "zwgk-filters.json",
    ]
    assert len([n for n in top if n.endswith(".pf_meta")]) == 1
    # page ids are blank in the metadata but for the mark of a document in force ("d") or not ("x");
    # page n's fragment is <prefix><n in base 36>
    meta = cbor_decode(read_pagefind_file(next(bundle.glob("*.pf_meta"))))
    assert len(meta[1]) == 300 and {page[0] for page in meta[1]} == {"", "d", "x"}
    for n, page in enumerate(meta[1]):
        validity = json.loads(read_pagefind_file(bundle / "fragment" / f"{prefix_of(bundle)}{base36(n)}.pf_fragment"))
        validity = validity["filters"].get("有效性", [""])[0]
        expected = "d" if validity in ("现行有效", "已修改") else "x" if validity else ""
        assert page[0] == expected, (n, validity, page[0])
    zwgk = json.loads((bundle / "pagefind-entry.json").read_text())["zwgk"]
    prefix = zwgk["fragments"]
    # every letter/digit run once, for finding the middle of one (zwgk-search.js wordsContaining)
    runs = read_pagefind_file(bundle / "index" / zwgk["runs"]).decode("utf-8").split("\n")
    assert runs == sorted(set(runs)) and "g318" in runs and "2023" in runs
    assert all(r.isalnum() and not ("\u4e00" <= r[0] <= "\u9fff") for r in runs)
    # the metadata lists groups of index chunks; every chunk is in one group, in order
    listed = []
    for group in meta[2]:
        chunks = cbor_decode(read_pagefind_file(bundle / "index" / f"{group[2]}.pf_group"))
        assert 0 < len(chunks) <= zwgk["chunk_groups"]
        assert [group[0], group[1]] == [chunks[0][0], chunks[-1][1]]
        listed += [c[2] for c in chunks]
    assert sorted(listed) == sorted(p.stem for p in (bundle / "index").glob("*.pf_index"))
    names = {p.name for p in (bundle / "fragment").glob("*.pf_fragment")}
    assert names == {f"{prefix}{base36(n)}.pf_fragment" for n in range(300)}


@pytest.mark.browser
def test_browser_and_build_cut_text_the_same_way(answers):
    for text, js_terms, js_units in zip(PARITY, answers["terms"], answers["units"]):
        py_terms = [
            [{"key": t.key, "offset": t.offset, "prefix": t.prefix} for t in terms]
            for terms in query_phrases(text)
        ]
        assert js_terms == py_terms, text
        assert [(u["key"]) for u in js_units] == [k for k, _, _ in units(text)], text


def test_index_site_reports_an_empty_site_in_chinese(tmp_path):
    with pytest.raises(BuildError, match="没有 HTML 页面"):
        index_site(tmp_path)


def test_index_copy_keeps_structure_and_makes_filters_literal():
    html = rewrite_html(
        '<html lang="zh-CN"><head><title>低保</title></head><body>'
        '<main data-pagefind-body><h1 data-pagefind-weight="5">城乡<strong>低保</strong></h1>'
        '<td data-pagefind-filter="发布机构">示例县民政局</td>'
        '<img src="a.png" data-pagefind-meta="image[src]" alt="图"></main></body></html>'
    )
    assert "<main data-pagefind-body>" in html
    assert 'data-pagefind-weight="5"' in html
    assert " 城乡低 乡低保 " in html  # the words run on across <strong>
    assert 'data-pagefind-filter="发布机构:示例县民政局"' in html
    assert 'data-pagefind-meta="image[src]"' in html



def test_index_copy_leaves_out_the_text_pagefind_ignores():
    html = rewrite_html(
        '<html><body><main data-pagefind-body><nav data-pagefind-ignore><ol><li><a href="/">首页</a></li>'
        '<li><div>栏目</div></li></ol></nav>'
        '<div data-pagefind-ignore><span data-pagefind-filter="栏目">规范性文件库</span>工具栏</div>'
        '<p>城乡<span data-pagefind-ignore>低保</span>政策</p>'
        '<div data-pagefind-ignore><h1>标题</h1></div><h2>正文</h2>'
        '<div title="data-pagefind-ignore">说明</div></main></body></html>'
    )
    nav = html[html.index("<nav"): html.index("</nav>") + 6]
    assert nav == '<nav data-pagefind-ignore></nav>'  # nothing inside is indexed: not even read
    # what Pagefind reads inside an ignored element stays: a filter, a heading that may be the title
    assert 'data-pagefind-filter="栏目:规范性文件库"' in html and "工具栏" in html and "标题" in html
    # an inline ignored element's text runs on into the words around it
    assert " 城乡低 乡低保 " in html and '<span data-pagefind-ignore> 低保政 保政策 </span>' in html
    assert "正文" in html and "说明" in html  # the mark is an attribute, not a word in one

COMPARED = QUERIES + ["农村危房改造补助", "示府办发〔2023〕12号", "MB00000003"]


async def _all_results(page):
    """Every compared query's results (path, score, partial) in order, plain and filtered."""
    return await page.evaluate(
        """async (queries) => {
          async function rows(q, opts) {
            const set = await zwgkSearch.search(q, opts);
            const items = [];
            for (let n = 0; n * 50 < set.total; n++) items.push(...(await set.page(n, 50)));
            return {total: set.total, keys: Object.keys(items[0] || {}),
                    rows: set.results.map((r, i) => [new URL(items[i].url).pathname, Math.round(r.score * 1e6),
                                                     r.partial])};
          }
          const out = {};
          for (const q of queries) {
            out[q] = await rows(q);
            out[q + "|栏目"] = await rows(q, {filters: {"栏目": {any: ["规范性文件", "政策解读"]}}});
          }
          out["|filters"] = await zwgkSearch.filters();
          return out;
        }""",
        COMPARED,
    )


def test_an_index_built_in_parts_answers_as_the_whole_index(corpus, tmp_path):
    """A large site is indexed in parts (PART_PAGES pages per Pagefind run, to bound its memory) joined into
    one bundle: every query, filter and date order gives the same pages with the same scores as the site
    indexed in one run (pages of equal score may come in another order)."""
    _needs_browser()
    site, pages = corpus
    parted = tmp_path / "site"
    shutil.copytree(site, parted, ignore=shutil.ignore_patterns("pagefind"))
    split_size, bundle.SPLIT_CHUNK_BYTES = bundle.SPLIT_CHUNK_BYTES, 1200
    try:
        stats = index_site(parted, chunk_size=1000, part_pages=70)
    finally:
        bundle.SPLIT_CHUNK_BYTES = split_size
    assert stats["parts"] == 5 and stats["pages"] == 300
    groups = [cbor_decode(read_pagefind_file(p)) for p in (parted / "pagefind" / "index").glob("*.pf_group")]
    assert any(len(c) == 4 and c[3] > 0 for g in groups for c in g)  # chunks of later parts know their offset

    async def script(page, base, traffic):
        return await _all_results(page)

    whole, joined = _browse(site, script), _browse(parted, script)
    assert whole["|filters"] == joined["|filters"]
    assert sum(whole[q]["total"] > 0 for q in COMPARED) >= len(QUERIES)
    for q in [k for k in whole if k != "|filters"]:
        a, b = whole[q], joined[q]
        assert a["total"] == b["total"], q
        assert sorted(a["rows"]) == sorted(b["rows"]), q
        assert [r[1] for r in a["rows"]] == [r[1] for r in b["rows"]], q  # the order, by score


def test_the_date_order_of_an_index_built_in_parts_is_the_whole_index_s(built_site, tmp_path):
    """The demo (350 pages with dates) indexed in parts of 100 pages: the joined bundle orders its pages by date as the
    bundle of one run does (pages of one date may come in another order), and lists the same filters."""
    parted = tmp_path / "site"
    shutil.copytree(built_site, parted, ignore=shutil.ignore_patterns("pagefind"))
    assert index_site(parted, part_pages=100)["parts"] >= 4

    def by_date(folder: Path) -> tuple[list[str], set[str], dict]:
        meta = cbor_decode(read_pagefind_file(next(folder.glob("*.pf_meta"))))
        (name, order), = meta[4]
        prefix = prefix_of(folder)
        fragments = [json.loads(read_pagefind_file(folder / "fragment" / f"{prefix}{base36(n)}.pf_fragment"))
                     for n in order]
        return [f["meta"]["date"] for f in fragments], {f["url"] for f in fragments}, \
            json.loads((folder / "zwgk-filters.json").read_text(encoding="utf-8"))

    dates, urls, filters = by_date(built_site / "pagefind")
    assert dates == sorted(dates) and len(set(dates)) > 20
    assert by_date(parted / "pagefind") == (dates, urls, filters)
