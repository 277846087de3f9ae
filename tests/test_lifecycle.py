"""A record's life after publication: withdrawn (a notice at its address), renamed or removed (a redirect page
and an nginx map), and changed (更新说明 on its page and in its feed)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import yaml
from helpers import project_copy, records_copy, run_zwgk, write
from zwgk.errors import RecordError
from zwgk.export import export_files
from zwgk.pages import render_pages, to_markdown
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)
ATOM = "{http://www.w3.org/2005/Atom}"


def pages_of(root) -> dict:
    portal = load_portal(root, AS_OF)
    return portal, {p.path: p for p in render_pages(portal)}


def append(root, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_withdrawn_document_leaves_a_notice_at_its_address_and_nothing_else(tmp_path):
    root = records_copy(tmp_path)
    append(root, "normative/a-2023-1.yml",
           "withdrawn: {date: 2026-03-01, reason: 附件有误，已更正后重新发布, replaced_by: gfxwj/b-2024-2/}\n")
    portal, pages = pages_of(root)
    assert "a-2023-1" not in portal.documents and [r.id for r in portal.withdrawn] == ["a-2023-1"]
    notice = pages["gfxwj/a-2023-1.md"]
    assert notice.title == "【已撤回】测试县人民政府关于印发甲办法的通知"
    assert "本信息已于2026年3月1日撤回" in notice.body and "附件有误，已更正后重新发布" in notice.body
    assert 'href="../b-2024-2/"' in notice.body and 'href="../"' in notice.body
    assert notice.search == {} and not notice.in_nav  # not in the search, not in the navigation
    others = "".join(p.body for path, p in pages.items() if path != "gfxwj/a-2023-1.md")
    assert "a-2023-1/" not in others  # no list links it as a document any more
    assert "jd-a" not in portal.interpretations  # its interpretation goes with it
    assert "files/a.docx" not in portal.files  # and its attachment is not published
    feeds = "".join(v for k, v in export_files(portal).items() if k.endswith(".xml"))
    assert "a-2023-1" not in feeds


def test_a_changed_record_shows_its_change_log_and_its_feed_entry_is_updated(tmp_path):
    root = records_copy(tmp_path)
    append(root, "normative/b-2024-2.yml",
           "changes:\n  - {date: 2024-04-02, note: 更正第三条的错别字}\n  - {date: 2025-06-01, note: 更正附件2中的补贴标准}\n")
    portal, pages = pages_of(root)
    body = pages["gfxwj/b-2024-2.md"].body
    assert "更新说明" in body
    assert body.index("更正附件2中的补贴标准") < body.index("更正第三条的错别字")  # newest first
    feed = ET.fromstring(export_files(portal)["gfxwj/atom.xml"])
    (entry,) = [e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href").endswith("b-2024-2/")]
    assert entry.find(f"{ATOM}updated").text.startswith("2025-06-01")
    assert entry.find(f"{ATOM}published").text.startswith("2024-03-05")
    assert "2025-06-01 更新：更正附件2中的补贴标准" in entry.find(f"{ATOM}summary").text


def test_a_redirect_gets_a_page_that_moves_on_and_an_nginx_map(tmp_path):
    root = records_copy(tmp_path)
    write(root, "redirects.yml", "redirects:\n  - {old: gfxwj/old-name/, new: gfxwj/b-2024-2/}\n"
          "  - {old: zcjd/removed/, new: zcjd/}\n  - {old: gfxwj/b-2024-2/, new: gfxwj/}\n")
    portal, pages = pages_of(root)
    moved = pages["gfxwj/old-name.md"]
    assert moved.redirect == "../b-2024-2/" and "本页面已迁移到新地址" in moved.body
    front = to_markdown(moved, portal).split("\n---\n", 1)[0].removeprefix("---\n")
    assert yaml.safe_load(front)["zwgk"]["redirect"] == "../b-2024-2/"
    assert pages["zcjd/removed.md"].redirect == "../"
    assert pages["gfxwj/b-2024-2.md"].redirect == ""  # a record's page is never replaced by a redirect
    assert export_files(portal)["redirects.map"].splitlines()[1:] == [
        '"/gfxwj/old-name/" "/gfxwj/b-2024-2/";',
        '"/zcjd/removed/" "/zcjd/";',
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("redirects:\n  - {old: gfxwj/a/, new: gfxwj/a/}\n", "旧网址和新网址相同"),
        ("redirects:\n  - {old: gfxwj/a/, new: gfxwj/}\n  - {old: gfxwj/a, new: zcjd/}\n", "旧网址“gfxwj/a”重复（第 2 行已有）"),
        ("redirects:\n  - {old: 'http://x.cn/a', new: gfxwj/}\n", "应为本网站内的相对路径"),
    ],
)
def test_bad_redirects_are_located_errors(tmp_path, text, message):
    root = records_copy(tmp_path)
    write(root, "redirects.yml", text)
    with pytest.raises(RecordError) as info:
        load_portal(root, AS_OF)
    assert any(p.path == "tasks_yaml/redirects.yml" and message in p.message for p in info.value.problems), [
        p.format() for p in info.value.problems
    ]


def test_built_redirect_page_refreshes_to_the_new_address(tmp_path):
    project = project_copy(tmp_path)
    write(project / "tasks_yaml", "redirects.yml", "redirects:\n  - {old: gfxwj/old-name/, new: gfxwj/b-2024-2/}\n")
    append(project / "tasks_yaml", "normative/a-2023-1.yml", "withdrawn: {date: 2026-03-01, reason: 发布有误}\n")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode == 0, proc.stderr
    html = (project / "site" / "gfxwj" / "old-name" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../b-2024-2/">' in html
    assert '<meta name="robots" content="noindex">' in html
    notice = (project / "site" / "gfxwj" / "a-2023-1" / "index.html").read_text(encoding="utf-8")
    assert "本信息已于2026年3月1日撤回" in notice and "http-equiv" not in notice
    assert (project / "site" / "redirects.map").is_file()
