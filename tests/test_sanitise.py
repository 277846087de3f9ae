"""Text from YAML can never become markup: Markdown is sanitised with an allowlist, titles are escaped,
attachment paths stay inside the project, and spreadsheet cells are never formulas."""

from __future__ import annotations

import csv
import io
import json
import re

import markdown
import pytest
from helpers import records_copy, write
from htmldom import Site, main_content, parse
from zwgk.errors import RecordError
from zwgk.export import FIELDS, to_csv
from zwgk.load import load_records
from zwgk.pages.common import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, heading, safe_html

PAYLOADS = [
    '<script>alert("x")</script>',
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "[点我](javascript:alert(1))",
    "[点我](JaVaScRiPt:alert(1))",
    "[点我](  javascript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">t</a>',
    '<a href="&#106;avascript:alert(1)">t</a>',
    '<a href="data:text/html,<script>alert(1)</script>">t</a>',
    '<a href="vbscript:msgbox(1)">t</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<p style="background:url(javascript:alert(1))">t</p>',
    "<style>body{display:none}</style>",
    '<div style="position:fixed;inset:0" onmouseover="alert(1)">x</div>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="http://evil.example/">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    "![x](javascript:alert(1))",
    "![x](http://evil.example/track.png)",
    "![x](//evil.example/track.png)",
    '<img src="/\\evil.example/x.png">',
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<table><tr><td background=javascript:alert(1)>x</td></tr></table>",
    '<a href="#" onclick="alert(1)">t</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    '<a href="https://example.org/" target="_blank">ok</a>',
]
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


def assert_inert(html: str) -> None:
    """Only allowlisted tags and attributes; no script URL, no remote image."""
    for el in parse(html).iter():
        assert el.tag in ALLOWED_TAGS, (el.tag, html)
        allowed = ALLOWED_ATTRIBUTES.get(el.tag, set()) | {"rel"}
        assert set(el.attrs) <= allowed, (el.tag, el.attrs, html)
        for name in ("href", "src"):
            value = el.get(name) or ""
            assert not BAD_SCHEME.match(value), html
        if el.tag == "img" and el.get("src"):
            assert not re.match(r"^[a-z]+:|^[/\\]{2}", el.get("src"), re.I), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_from_yaml_keeps_only_allowlisted_markup(payload):
    html = safe_html(f"正文 {payload} 结束\n\n{payload}\n")
    assert_inert(html)
    assert "alert" not in " ".join(str(v) for el in parse(html).iter() for v in el.attrs.values())


def test_sanitiser_keeps_ordinary_formatting():
    html = safe_html(
        "**粗体** [网站](https://www.gov.cn/) ![图](files/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<strong>粗体</strong>" in html and 'href="https://www.gov.cn/"' in html
    assert 'src="files/a.png"' in html and "<table>" in html


@pytest.mark.parametrize(
    "payload",
    PAYLOADS
    + [
        '{: onclick="alert(1)" }',
        "标题 {#x onmouseover=alert(1)}",
        "## 二级",
        "**粗** _斜_ `码`",
        "1. 列表",
    ],
)
def test_headings_from_yaml_are_plain_text_under_the_sites_markdown(payload):
    # the same extensions as mkdocs.yml: attr_list would otherwise turn {: onclick=…} into an attribute
    html = markdown.markdown(heading(2, payload, "sec"), extensions=["tables", "attr_list", "toc"])
    doc = parse(html)
    h2 = doc.one("h2")
    assert h2.text().strip() == payload.strip()
    assert list(h2.iter()) == [] and set(h2.attrs) == {"id"}


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "files/../../secret.txt",
        "/etc/passwd",
        "C:\\\\Windows\\\\x.pdf",
        "file:///etc/passwd",
        "..\\\\..\\\\secret.txt",
    ],
)
def test_attachment_paths_cannot_leave_the_project(tmp_path, path):
    root = records_copy(tmp_path)
    doc = (root / "normative/a-2023-1.yml").read_text(encoding="utf-8")
    write(root, "normative/a-2023-1.yml", doc.replace("path: files/a.docx", f'path: "{path}"'))
    with pytest.raises(RecordError) as exc:
        load_records(root)
    assert any("之外" in p.message and p.line for p in exc.value.problems), exc.value.problems


def test_csv_cells_never_start_a_formula():
    row = {key: "" for key, _ in FIELDS} | {
        "title": '=HYPERLINK("http://evil","x")',
        "doc_number": "+1",
        "issuer": "@SUM(A1)",
        "topic": "-2+3",
    }
    cells = dict(
        zip(
            ["序号"] + [k for k, _ in FIELDS],
            next(csv.reader(io.StringIO(to_csv([row]).decode("utf-8-sig").splitlines()[1]))),
        )
    )
    assert cells["title"] == '\'=HYPERLINK("http://evil","x")'
    assert (cells["doc_number"], cells["issuer"], cells["topic"]) == ("'+1", "'@SUM(A1)", "'-2+3")


# The hostile records, built --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(hostile_site) -> Site:
    return Site(hostile_site)


def test_hostile_site_has_one_page_of_each_kind(hostile):
    pages = set(hostile.pages())
    for url in (
        "",
        "gfxwj/",
        "gfxwj/xxyx/",
        "gfxwj/h-2024-1/",
        "zcjd/jd-h/",
        "zcwd/qa-h/",
        "zdly/col-a/",
        "zdly/col-a/item-h/",
        "zdly/col-b/",
        "zdgz/2024/",
        "zdgz/2024/dept/",
    ):
        assert url in pages, url


def test_no_markup_from_records_survives_anywhere_in_the_built_pages(hostile):
    for url in hostile.pages():
        doc = hostile.page(url)
        for el in doc.iter():
            handlers = [k for k in el.attrs if k.lower().startswith("on")]
            assert not handlers, (url, el)
            for name in ("href", "src", "action", "formaction", "data"):
                assert not BAD_SCHEME.match(el.get(name) or ""), (url, el)
            assert el.tag not in ("iframe", "object", "embed", "frame", "base"), (url, el)
            if (
                el.tag == "script" and el.get("type") != "application/json"
            ):  # Material's config is data
                assert el.get("src") and not re.match(r"^[a-z]+:|^//", el.get("src")), (url, el)
            if el.tag == "meta" and el.get("http-equiv"):
                assert el.get("http-equiv").lower() != "refresh", url
        article = main_content(doc)
        assert not article.find_all("style"), url
        for form in article.find_all("form"):  # only the site's own search forms
            own = {("", "search/"), ("search/", ".")}
            assert (url, form.get("action")) in own and form.get("role") in ("search", None), (url, form)
        for el in article.iter():
            if "zwgk-body" in el.classes:
                assert not any("style" in x.attrs for x in el.iter()), url
            if el.tag == "img":
                assert not re.match(r"^[a-z]+:|^[/\\]{2}", el.get("src") or "", re.I), (url, el)


def test_hostile_titles_are_shown_as_text(hostile):
    doc = hostile.page("gfxwj/h-2020-3/")
    title = "<script>alert('title-1')</script>敌意县关于印发旧办法的通知"
    assert doc.one("title").text().startswith(title)
    assert main_content(doc).one("h1").text() == title
    metas = {m.get("name"): m.get("content") for m in doc.find_all("meta", name=True)}
    assert metas["ArticleTitle"] == title
    sections = [h.text() for h in main_content(hostile.page("zdgz/2024/")).find_all("h2")]
    assert (
        "<script>alert('sec')</script>一、[点我](javascript:alert('sec-md')) {#x onclick=alert('sec-attr')}"
        in sections
    )


def test_hostile_open_data_parses(hostile):
    rows = list(
        csv.DictReader(
            io.StringIO((hostile.root / "gfxwj/gfxwj.csv").read_bytes().decode("utf-8-sig"))
        )
    )
    assert {r["名称"] for r in rows} >= {
        "<script>alert('title-1')</script>敌意县关于印发旧办法的通知"
    }
    data = json.loads((hostile.root / "gfxwj/gfxwj.json").read_text(encoding="utf-8"))
    assert data["count"] == 3
