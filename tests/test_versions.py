"""Texts of amended documents (#18): versions in the record, the text in force as of the build date, one page per
version, the comparison with the version before, pending amendments, and the demo's amended documents."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from conftest import AS_OF
from helpers import REVIEW, project_copy, records_copy, run_zwgk, write
from zwgk.load import load_records
from zwgk.pages import render_pages
from zwgk.pages.textdiff import compare, paragraphs
from zwgk.portal import link
from zwgk.versions import in_force

# A document amended twice: 原文 (2023-07-01), by h (2024-07-01), by i (2025-07-01, published 2025-06-10)
ORIGINAL = "第一条 为规范……制定本办法。\n\n第二条 补助标准为每人每月300元。\n\n第三条 本办法自2023年7月1日起施行。\n"
FIRST = ORIGINAL.replace("每人每月300元", "每人每月350元")
SECOND = FIRST.replace("第三条 本办法", "第三条 申请人可以在线申请。\n\n第四条 本办法")


def _doc(n: int, year: int, published: str, effective: str, extra: str = "") -> str:
    return (f"title: 测试县人民政府关于第{n}号办法的通知\ndoc_number: 测府发〔{year}〕{n}号\n"
            f"index_number: 11510000MB0000000N/{year}-{n:05d}\nissuer: 测试县人民政府\ntopic: 综合政务\n"
            f"written: {published}\npublished: {published}\neffective: {effective}\n{extra}{REVIEW}")


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in text.splitlines())


def amended_twice(root, versions: str | None = None):
    """g-2023-7 amended by h-2024-8 and i-2025-9, with both consolidated texts (or the versions given)."""
    if versions is None:
        versions = ("versions:\n"
                    f"  - date: 2024-07-01\n    by: h-2024-8\n    body: {_block(FIRST, 6)}"
                    f"  - date: 2025-07-01\n    by: i-2025-9\n    body: {_block(SECOND, 6)}")
    write(root, "normative/g-2023-7.yml", _doc(7, 2023, "2023-06-20", "2023-07-01",
                                               f"amended_by: [h-2024-8, i-2025-9]\nbody: {_block(ORIGINAL, 2)}"
                                               + versions))
    write(root, "normative/h-2024-8.yml", _doc(8, 2024, "2024-06-20", "2024-07-01", "amends: [g-2023-7]\n"))
    write(root, "normative/i-2025-9.yml", _doc(9, 2025, "2025-06-10", "2025-07-01", "amends: [g-2023-7]\n"))
    return root


def _page(portal, path: str):
    return next(p for p in render_pages(portal) if p.path == path)


# ---- the record: validated with file and line ------------------------------------------------------


def test_versions_are_checked_with_file_and_line(tmp_path):
    root = amended_twice(records_copy(tmp_path), (
        "versions:\n"
        "  - date: 2024-07-02\n    by: h-2024-8\n    body: 修改后。\n"     # line 17: not h's 施行日期
        "  - date: 2024-07-01\n    by: c-2024-3\n    body: 修改后。\n"     # line 21: c does not amend g
        "  - date: 2025-07-01\n    by: i-2025-0\n    body: 修改后。\n"     # line 24: no such document
        "  - date: 2024-07-01\n    by: h-2024-8\n    body: 又一个。\n"))   # lines 26, 27: out of order, h twice
    proc = run_zwgk("check", "--as-of", AS_OF, cwd=root.parent)
    assert proc.returncode == 2, proc.stderr
    out = proc.stderr
    path = "tasks_yaml/normative/g-2023-7.yml"
    assert re.search(rf"{path}:17:\d+: 错误: 修订版的施行日期2024年7月2日与修改文件“测府发〔2024〕8号”的施行日期"
                     r"2024年7月1日不一致", out), out
    assert f"{path}:21:9: 错误: “测府发〔2024〕3号”没有修改本文件" in out, out
    assert f"{path}:24:9: 错误: 修订版的修改文件“i-2025-0”不存在" in out, out
    assert f"{path}:27:9: 错误: 同一修改文件“测府发〔2024〕8号”有两个修订版（第 18 行已有）" in out, out
    assert f"{path}:26:11: 错误:" in out and "修订版的施行日期2024年7月1日不晚于前一个版本（2024年7月2日）" in out, out
    assert "Traceback" not in out


def test_a_version_amended_on_either_side_is_accepted(tmp_path):
    root = amended_twice(records_copy(tmp_path))  # g names both in amended_by; now let h name g only
    text = (root / "normative/g-2023-7.yml").read_text(encoding="utf-8")
    write(root, "normative/g-2023-7.yml", text.replace("amended_by: [h-2024-8, i-2025-9]\n", ""))
    proc = run_zwgk("check", "--as-of", AS_OF, cwd=root.parent)
    assert proc.returncode == 0, proc.stderr


# ---- the text in force, as of a date ---------------------------------------------------------------


@pytest.mark.parametrize("day, text, state", [
    ("2023-12-01", "每人每月300元", "现行有效"),
    ("2024-12-01", "每人每月350元", "已修改"),
    ("2025-06-20", "每人每月350元", "已修改"),   # i published, not in force: 待生效的修改
    ("2026-11-22", "在线申请", "已修改"),
])
def test_the_document_page_shows_the_text_in_force_on_the_day(tmp_path, day, text, state):
    portal = link(load_records(amended_twice(records_copy(tmp_path))), dt.date.fromisoformat(day))
    assert portal.validity["g-2023-7"].state == state
    body = _page(portal, "gfxwj/g-2023-7.md").body
    shown = body.split('class="zwgk-body"', 1)[1].split("</div>", 1)[0]
    assert text in shown
    assert [t for t in ("每人每月300元", "每人每月350元", "在线申请") if t in shown] in ([text], ["每人每月350元", text])


def test_pending_amendment_and_versions_not_published_yet(tmp_path):
    root = amended_twice(records_copy(tmp_path))
    before = link(load_records(root), dt.date(2025, 6, 1))  # i not published yet: its version does not exist
    assert [v.by for v in before.versions["g-2023-7"]] == [None, "h-2024-8"]
    body = _page(before, "gfxwj/g-2023-7.md").body
    assert "待生效的修改" not in body and "i-2025-9" not in body and "测府发〔2025〕9号" not in body

    pending = link(load_records(root), dt.date(2025, 6, 20))
    body = _page(pending, "gfxwj/g-2023-7.md").body
    section = body.split("待生效的修改", 1)[1]
    assert "测府发〔2025〕9号" in section and "自2025年7月1日起施行" in section and "bb/20250701/" in section
    assert "第2次修订版（尚未施行）" in body
    assert "本页显示的是现行文本：</strong>根据《" in body and "测府发〔2024〕8号）修改，自2024年7月1日起施行" in body

    after = link(load_records(root), dt.date(2025, 7, 1))
    assert "待生效的修改" not in _page(after, "gfxwj/g-2023-7.md").body


def test_an_amendment_without_its_text_is_said_on_the_page(tmp_path):
    root = amended_twice(records_copy(tmp_path), f"versions:\n  - date: 2024-07-01\n    by: h-2024-8\n"
                                                 f"    body: {_block(FIRST, 6)}")
    portal = link(load_records(root), dt.date(2026, 11, 22))
    body = _page(portal, "gfxwj/g-2023-7.md").body
    assert "测府发〔2025〕9号）自2025年7月1日起对本文件作出的修改尚未整理进下列文本" in body
    assert "请结合修改文件阅读" in body  # the validity notice keeps sending readers to the amending document
    assert in_force(portal.versions["g-2023-7"], portal.as_of).by == "h-2024-8"


def test_one_page_per_version_at_its_date_and_a_comparison(tmp_path):
    portal = link(load_records(amended_twice(records_copy(tmp_path))), dt.date(2026, 11, 22))
    pages = {p.path: p for p in render_pages(portal)}
    for day in ("20230701", "20240701", "20250701"):  # the day each text takes effect
        assert f"gfxwj/g-2023-7/bb/{day}.md" in pages
    assert "gfxwj/g-2023-7/bb/20240701/db.md" in pages and "gfxwj/g-2023-7/bb/20230701/db.md" not in pages
    original = pages["gfxwj/g-2023-7/bb/20230701.md"]
    assert "每人每月300元" in original.body and "这是历史文本，适用至2024年7月1日前" in original.body
    assert original.search["文本版本"] == "历史文本"
    assert pages["gfxwj/g-2023-7/bb/20250701.md"].search == {}  # the current text: the document page is its result
    assert pages["gfxwj/g-2023-7.md"].search["文本版本"] == "现行文本"
    diff = pages["gfxwj/g-2023-7/bb/20250701/db.md"].body
    assert "与第1次修订版（2024年7月1日起施行）相比：修改 1 段，新增 1 段" in diff
    assert "申请人可以在线申请。" in diff and "每人每月350元" not in diff  # unchanged paragraphs are left out
    # the amending document links the text it produced
    assert "bb/20240701/" in pages["gfxwj/h-2024-8.md"].body


# ---- the comparison -----------------------------------------------------------------------------------


def test_comparison_marks_changes_for_eyes_and_ears():
    html, stats = compare(ORIGINAL, SECOND)
    assert (stats.changed, stats.added, stats.removed) == (2, 1, 0)  # 300→350, 第三条→第四条; one new
    assert ('<del><span class="zwgk-visually-hidden">［删除］</span>300<span class="zwgk-visually-hidden">［删除结束］'
            '</span></del><ins><span class="zwgk-visually-hidden">［新增］</span>350') in html  # a number stays whole
    assert "（此处 1 段未修改，从略）" in html
    assert "新增段落" in html and "第三条 申请人可以在线申请。" in html


def test_comparison_of_rewritten_and_removed_paragraphs():
    old = "第一条 甲。\n\n第二条 旧的规定整段废止不再执行。\n\n第三条 丙丙丙丙丙丙。\n"
    new = "第一条 甲。\n\n第三条 丙丙丙丙丙丙，另有规定的除外。\n"
    html, stats = compare(old, new)
    assert (stats.changed, stats.added, stats.removed) == (1, 0, 1)
    assert "删除段落" in html and "旧的规定整段废止不再执行" in html
    assert paragraphs("**标题**\n\n- 一项\n- 二项\n") == ["标题", "一项", "二项"]
    assert compare(old, old)[1].summary() == "文字没有变化"


# ---- the site as of any day: a real build on dates before, between and after the two amendments -------


def test_build_as_of_a_day_shows_what_applied_that_day(tmp_path):
    project = project_copy(tmp_path)
    amended_twice(project / "tasks_yaml")
    shown = {}
    for day in ("2024-01-01", "2024-12-01", "2026-11-22"):
        site = project / f"site-{day}"
        proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "build", "--as-of", day, "--site-dir", str(site),
                               "--no-search"], cwd=project, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        page = (site / "gfxwj/g-2023-7/index.html").read_text(encoding="utf-8")
        body = page.split('class="zwgk-body"', 1)[1].split("</div>", 1)[0]
        shown[day] = [t for t in ("每人每月300元", "每人每月350元", "在线申请") if t in body]
        versions = sorted(p.parent.name for p in (site / "gfxwj/g-2023-7/bb").glob("*/index.html"))
        shown[day + " versions"] = versions
    assert shown == {
        "2024-01-01": ["每人每月300元"], "2024-01-01 versions": [],  # the amendments are not published yet
        "2024-12-01": ["每人每月350元"], "2024-12-01 versions": ["20230701", "20240701"],
        "2026-11-22": ["每人每月350元", "在线申请"],
        "2026-11-22 versions": ["20230701", "20240701", "20250701"],
    }


# ---- the demo ---------------------------------------------------------------------------------------------


def test_demo_document_amended_twice(built_site):
    page = (built_site / "gfxwj/sfbf-2023-12/index.html").read_text(encoding="utf-8")
    body = page.split('class="zwgk-body"', 1)[1].split("</div>", 1)[0]
    assert "每人每月800元" in body and "每人每月720元" not in body and "每人每月780元" not in body
    assert "本文件已被修改，下面的正文是按修改文件整理的现行文本。" in page
    assert "示府办发〔2026〕15号）修改，自2026年7月1日起施行" in page
    assert page.count('<ol class="zwgk-versions">') == 1 and "第2次修订版（现行文本）" in page
    assert 'data-pagefind-filter="文本版本:现行文本"' in page
    old = (built_site / "gfxwj/sfbf-2023-12/bb/20260201/index.html").read_text(encoding="utf-8")
    assert "每人每月780元" in old and "第1次修订版（历史文本）" in old
    assert 'data-pagefind-filter="文本版本:历史文本"' in old and 'data-pagefind-meta="version"' in old
    current = (built_site / "gfxwj/sfbf-2023-12/bb/20260701/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in current  # same text as the document page: one search result
    diff = (built_site / "gfxwj/sfbf-2023-12/bb/20260701/db/index.html").read_text(encoding="utf-8")
    assert re.search(r"<del>.*?780.*?</del><ins>.*?800.*?</ins>", diff)


def test_demo_pending_amendment(built_site):
    page = (built_site / "gfxwj/sfbf-2024-6/index.html").read_text(encoding="utf-8")
    pending = page.split('id="dsx"', 1)[1]
    assert "示府发〔2026〕8号" in pending and "自2027年1月1日起施行" in pending
    body = page.split('class="zwgk-body"', 1)[1].split("</div>", 1)[0]
    assert "最高可申请30万元" in body and "50万元" not in body  # in force from 2027 only
    future = (built_site / "gfxwj/sfbf-2024-6/bb/20270101/index.html").read_text(encoding="utf-8")
    assert "这是尚未施行的文本" in future and "最高可申请50万元" in future
    assert 'data-pagefind-filter="文本版本:尚未施行的文本"' in future


def test_demo_has_three_amended_documents_with_their_texts():
    portal = link(load_records(records_copy_of_demo()), dt.date.fromisoformat(AS_OF))
    amended = [d for d, versions in portal.versions.items() if len(versions) > 1]
    assert len(amended) >= 3 and max(len(v) for v in portal.versions.values()) >= 3


def records_copy_of_demo():
    from conftest import REPO

    return REPO / "tasks_yaml"


def test_new_normative_template_shows_how_to_add_a_version(tmp_path):
    root = records_copy(tmp_path)
    proc = run_zwgk("new", "normative", "--date", "2026-11-22", cwd=root.parent)
    assert proc.returncode == 0, proc.stderr
    path = next(p for p in (root / "normative").glob("*-2026-*.yml") if p.name != "e-2026-5.yml")
    text = path.read_text(encoding="utf-8")
    assert "# versions:\n#   - date: 修改文件的施行日期，如 2027-03-01\n#     by: 修改文件的标识\n#     body: |\n" in text
    # uncommented and filled in, the example is a valid version of a document amended by b-2024-2
    example = text.split("# versions:\n", 1)[1].split("\n# 三审", 1)[0]
    uncommented = "versions:\n" + "\n".join(line[2:] for line in example.splitlines()) + "\n"
    filled = uncommented.replace("修改文件的施行日期，如 2027-03-01", "2024-04-01").replace("修改文件的标识", "b-2024-2")
    a = (root / "normative/a-2023-1.yml").read_text(encoding="utf-8")
    write(root, "normative/a-2023-1.yml", a.replace("review:", filled + "review:"))
    path.unlink()
    proc = run_zwgk("check", "--as-of", AS_OF, cwd=root.parent)
    assert proc.returncode == 0, proc.stderr
    assert [v.by for v in load_records(root).normative["a-2023-1"].versions] == ["b-2024-2"]


def test_a_rewritten_text_is_compared_quickly_paragraph_by_paragraph():
    old = "\n\n".join(f"第{n}条 原来的规定{n}，按旧办法执行。" for n in range(1, 61))
    new = "\n\n".join(f"第{n}条 {'全部改写的内容' * 3}{n}。" for n in range(1, 61))
    html, stats = compare(old, new)  # 60 × 60 paragraphs: paired by position instead of searched
    assert stats.changed + stats.removed == 60 and stats.changed + stats.added == 60
    assert html.count('class="zwgk-diff__para ') == stats.changed + stats.added + stats.removed
    assert "zwgk-diff__same" not in html  # every paragraph changed


@pytest.mark.parametrize("day, standard, state", [
    ("2026-01-15", "每人每月720元", "现行有效"),  # before 示府办发〔2026〕2号 takes effect
    ("2026-03-01", "每人每月780元", "已修改"),    # between the two amendments
    ("2026-08-01", "每人每月800元", "已修改"),    # after 示府办发〔2026〕15号
])
def test_demo_document_as_of_days_around_its_two_amendments(demo_records, day, standard, state):
    from zwgk.pages.normative import document_page

    portal = link(demo_records, dt.date.fromisoformat(day))
    doc = portal.documents["sfbf-2023-12"]
    assert portal.validity[doc.id].state == state
    body = document_page(portal, doc).body.split('class="zwgk-body"', 1)[1].split("</div>", 1)[0]
    assert [s for s in ("每人每月720元", "每人每月780元", "每人每月800元") if s in body] == [standard]


@pytest.fixture(scope="module")
def demo_records():
    return load_records(records_copy_of_demo())


def test_a_repealed_documents_last_text_is_not_called_current(tmp_path):
    root = amended_twice(records_copy(tmp_path))
    write(root, "normative/j-2025-10.yml", _doc(10, 2025, "2025-12-10", "2026-01-01"))
    g = (root / "normative/g-2023-7.yml").read_text(encoding="utf-8")
    write(root, "normative/g-2023-7.yml", g.replace("amended_by:", "repealed_by: j-2025-10\namended_by:"))
    portal = link(load_records(root), dt.date(2026, 11, 22))
    assert portal.validity["g-2023-7"].state == "已废止"
    pages = {p.path: p for p in render_pages(portal)}
    body = pages["gfxwj/g-2023-7.md"].body
    assert "本页显示的是废止前的最后文本：" in body and "现行文本" not in body.split("附件")[0]
    assert "第2次修订版（废止前的最后文本）" in body
    last = pages["gfxwj/g-2023-7/bb/20250701.md"]
    assert "本文件已废止，这是它的废止前的最后文本" in last.body and last.search == {}
    assert "文本版本" not in pages["gfxwj/g-2023-7.md"].search  # nor is the document page's text current
