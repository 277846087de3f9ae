"""Nothing leaks, nothing hangs: links out of the repository, unreferenced files, and input beyond the limits.

Every case ends in a located Chinese error or warning, in well under a second, and never in a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time

import pytest
from helpers import DOC, REVIEW, records_copy, write
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.pages.attachments import attachment_list
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)


def problems(root) -> list:
    with pytest.raises(RecordError) as info:
        load_portal(root, AS_OF)
    return info.value.problems


def errors(root) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in problems(root) if p.severity == "错误"]


# 1. Only what is in the repository and referenced is published ---------------------------------------


@pytest.mark.parametrize(
    "plant, where",
    [
        (lambda r: os.symlink("/proc/self/environ", r / "files" / "env.txt"), "tasks_yaml/files/env.txt"),
        (lambda r: os.symlink("/etc", r / "files" / "etc"), "tasks_yaml/files/etc"),
        (lambda r: os.symlink("/etc/hostname", r / "normative" / "x.yml"), "tasks_yaml/normative/x.yml"),
        (lambda r: os.symlink("/etc", r / "qa-linked"), "tasks_yaml/qa-linked"),
        (lambda r: os.symlink(r / "items" / "czyjs", r / "items" / "other"), "tasks_yaml/items/other"),
    ],
    ids=["file-in-files", "folder-in-files", "record-file", "folder-in-root", "column-folder"],
)
def test_symbolic_links_are_refused_with_their_path(tmp_path, plant, where):
    root = records_copy(tmp_path)
    plant(root)
    found = errors(root)
    assert f"{where}:1: " in "\n".join(found), found
    assert any("符号链接" in e for e in found)


def test_a_symlinked_attachment_is_not_published_even_when_named(tmp_path):
    root = records_copy(tmp_path)
    os.symlink("/proc/self/environ", root / "files" / "env.txt")
    write(root, "normative/x.yml", DOC + "attachments:\n  - {path: files/env.txt}\n" + REVIEW)
    assert any("files/env.txt" in e and "符号链接" in e for e in errors(root))


def test_unreferenced_files_are_warned_about_and_not_published(tmp_path):
    root = records_copy(tmp_path)
    write(root, "files/draft-notes.docx", b"internal")
    write(root, "files/sub/old.pdf", b"old")
    write(root, "files/for-unreviewed.pdf", b"x")
    write(root, "normative/x.yml", DOC + "attachments:\n  - {path: files/for-unreviewed.pdf}\n"
          "review: {first: 甲某}\n")
    portal = load_portal(root, AS_OF)
    warned = {w.path for w in portal.warnings if "没有任何记录引用这个附件" in w.message}
    assert warned == {"tasks_yaml/files/draft-notes.docx", "tasks_yaml/files/sub/old.pdf"}
    assert set(portal.files) == {"files/a.docx"}  # named by a published record; not by an unreviewed one


def test_attachment_links_are_percent_encoded(tmp_path):
    root = records_copy(tmp_path)
    write(root, "files/3#楼 平面图.pdf", b"%PDF")
    write(root, "normative/x.yml", DOC + "attachments:\n  - {path: 'files/3#楼 平面图.pdf'}\n" + REVIEW)
    portal = load_portal(root, AS_OF)
    html = attachment_list(portal, "gfxwj/x.md", portal.documents["x"].attachments)
    assert 'href="../../files/3%23%E6%A5%BC%20%E5%B9%B3%E9%9D%A2%E5%9B%BE.pdf"' in html


# 2. Bounded input ------------------------------------------------------------------------------------------

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    "text, line, message",
    [
        (DOC + "body: [&a [lol, lol, lol], &b [*a, *a, *a], &c [*b, *b, *b]]\n", 9, "不能使用 YAML 锚点和别名"),
        (DOC + LAUGHS, 9, "不能使用 YAML 锚点和别名"),
        (DOC + "body: &x 正文\n", 9, "不能使用 YAML 锚点和别名"),
        (DOC + "attachments: " + "[" * 10000 + "]" * 10000 + "\n", 9, "嵌套超过 32 层"),
        (DOC + "".join("  " * i + f"k{i}:\n" for i in range(100)), 40, "嵌套超过 32 层"),
        (DOC.replace("测试县丁办法", "办" * 600_000), 1, "“名称”有 600000 字，超过上限 2000 字"),
        (DOC + "body: |\n" + "  正文很长。\n" * 70_000, 9, "超过上限 300000 字"),
    ],
    ids=["laughs-flow", "laughs-block", "anchor", "deep-flow", "deep-block", "long-title", "long-body"],
)
def test_input_beyond_the_limits_is_a_located_error_quickly(tmp_path, text, line, message):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", text)
    started = time.process_time()
    found = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert time.process_time() - started < 10  # generous: seconds, never minutes or gigabytes
    assert any(p.line == line and message in p.message and p.severity == "错误" for p in found), [
        (p.line, p.message) for p in found
    ]


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + "body: |\n" + ("  " + "字" * 100 + "\n") * 10_000)
    (error,) = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert error.message.startswith("文件有 2,9") and "超过记录文件上限 2048 KB" in error.message
    assert "limits.max_file_kb" in error.hint


def test_limits_are_settings_in_portal_yml(tmp_path):
    root = records_copy(tmp_path)
    portal = (root / "portal.yml").read_text(encoding="utf-8")
    write(root, "portal.yml", portal + "limits: {max_text_chars: 5, max_depth: 3}\n")
    write(root, "normative/x.yml", DOC)
    found = {p.message for p in problems(root)}
    assert "“名称”有 6 字，超过上限 5 字" in found
    assert any("嵌套超过 3 层" in m for m in found)  # columns.yml is deeper than three levels


def test_cli_on_hostile_input_prints_no_traceback(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + "attachments: " + "[" * 10000 + "]" * 10000 + "\n")
    write(root, "normative/y.yml", DOC.replace("9号", "8号").replace("00009", "00008") + LAUGHS)
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "check", "--records", str(root)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "RecursionError" not in proc.stderr
    assert len(proc.stderr.splitlines()) < 40


# 6. Invisible characters and YAML messages in Chinese -----------------------------------------------------


def test_control_characters_are_named_by_code_point_and_position(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC.replace("测试县丁办法", "测试县\x01丁办法") + REVIEW)
    (error,) = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert (error.line, error.col, error.severity) == (1, 11, "错误")
    assert "U+0001" in error.message and "第 1 行第 11 列" in error.message


def test_characters_yaml_cannot_read_are_named_too(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + "body: 正文\ufffe\n" + REVIEW)
    (error,) = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert error.line == 9 and "U+FFFE" in error.message and "（）" not in error.message


@pytest.mark.parametrize("char, name", [("\u200b", "零宽空格"), ("\ufeff", "字节顺序标记"), ("\u202e", "控制字符")])
def test_invisible_characters_in_text_are_warnings_naming_them(tmp_path, char, name):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC.replace("丁办法", f"丁{char}办法") + REVIEW)
    if char == "\u202e":  # a direction override can disguise a file name or number: an error
        (found,) = [p for p in problems(root) if p.path.endswith("x.yml")]
    else:
        (found,) = [w for w in load_portal(root, AS_OF).warnings if w.path.endswith("x.yml")]
    assert f"U+{ord(char):04X}" in found.message and name in found.message and found.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "title: a\n---\ntitle: b\n",
        "title: [a, b\nissuer: c\n",
        "title: {a: b\n",
        "title: @a\n",
        "title: !!python/object x\n",
        "- a\ntitle: b\n",
        "title: a\n  - b\n",
        "title: 'a' b\n",
        "title: |x\n  a\n",
        "? [a]\n: b\n",
    ],
)
def test_every_yaml_syntax_error_is_in_chinese(tmp_path, text):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", text)
    found = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert found
    for p in found:  # field names and values quoted “…” aside
        said = re.sub(r"“[^”]*”", "", p.message).replace("YAML", "")
        assert not any(ch.isascii() and ch.isalpha() for ch in said), p.message


def test_records_still_load_without_limits_in_portal_yml(tmp_path):
    records = load_records(records_copy(tmp_path))
    assert (records.portal.limits.max_file_kb, records.portal.limits.max_depth) == (2048, 32)


# 6. Dates that contradict each other are caught in check ----------------------------------------------------


def warnings_of(root, name: str) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in load_portal(root, AS_OF).warnings if w.path.endswith(name)]


@pytest.mark.parametrize(
    "changes, line, message",
    [
        ({"published": "2024-12-30"}, 7, "发布日期2024年12月30日早于成文日期2025年1月1日"),
        ({"effective": "2024-12-01"}, 8, "施行日期2024年12月1日早于成文日期2025年1月1日"),
        ({"expires": "2025-01-15"}, 9, "有效期至2025年1月15日早于施行日期2025年2月1日"),
        ({"doc_number": "测府发〔2024〕9号"}, 2, "文号中的年份 2024 与成文日期的年份 2025 不一致"),
    ],
)
def test_a_documents_own_dates_that_contradict_are_warned_at_the_field(tmp_path, changes, line, message):
    root = records_copy(tmp_path)
    text = DOC
    for key, value in changes.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M) if f"\n{key}:" in text else (
            text + f"{key}: {value}\n")
    write(root, "normative/x.yml", text + REVIEW)
    assert warnings_of(root, "normative/x.yml") == [(line, message)]


def test_a_repeal_older_than_the_repealed_document_is_warned(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + "repealed_by: a-2023-1\n" + REVIEW)  # a-2023-1: published 2023-01-10
    (found,) = warnings_of(root, "normative/x.yml")
    assert found[0] == 9 and "废止" in found[1] and "却不晚于后者发布" in found[1]


def test_an_interpretation_before_its_document_is_warned(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "interpretations" / "jd-a.yml").read_text(encoding="utf-8")
    write(root, "interpretations/jd-a.yml", re.sub(r"^published: .*$", "published: 2022-01-10", text, flags=re.M))
    found = warnings_of(root, "interpretations/jd-a.yml")
    assert len(found) == 1 and "早于所解读文件的发布日期2023年1月10日" in found[0][1]


@pytest.mark.parametrize("value", ["0023-03-05", "0023年3月5日", "2203-03-05", "1900-01-01"])
def test_implausible_years_are_errors(tmp_path, value):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC.replace("published: 2025-01-05", f"published: {value}") + REVIEW)
    (error,) = [p for p in problems(root) if p.path.endswith("x.yml")]
    assert error.line == 7 and "不合理（应在 1949—2099 年之间）" in error.message


@pytest.mark.parametrize("key, shape", [("? [a, b]\n: c\n", "列表"), ("? {a: b}\n: c\n", "键值表")])
def test_a_key_that_is_not_text_is_named_plainly(tmp_path, key, shape):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + key + REVIEW)
    messages = [p.message for p in problems(root) if p.path.endswith("x.yml")]
    assert f"字段名应为文字，这里是{shape}" in messages
    assert not any("Node" in m for m in messages)


@pytest.mark.parametrize("plant", ["file", "folder"])
def test_a_symbolic_link_among_the_hand_written_pages_stops_the_build(tmp_path, plant):
    import shutil

    import yaml
    from helpers import REPO, project_copy, run_zwgk

    project = project_copy(tmp_path)
    shutil.copytree(REPO / "content", project / "content")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "content"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    if plant == "file":
        os.symlink("/proc/self/environ", project / "content" / "env.txt")
    else:
        os.symlink("/etc", project / "content" / "etc")
    proc = run_zwgk("build", "--as-of", "2026-11-22", "--no-search", cwd=project)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "符号链接" in proc.stderr and ("env.txt" in proc.stderr or "etc/" in proc.stderr)
    assert not (project / "site").exists()
