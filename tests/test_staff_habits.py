"""Habits of staff who edit YAML by hand: each is tolerated with a warning, or refused with a clear message.

GBK/GB18030 and UTF-16 files, BOM and CRLF, full-width digits and brackets in dates and 文号,
full-width colons, tabs in indentation; and `zwgk check FILE...` as the pre-commit hook runs it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from helpers import REPO, records_copy, run_zwgk, write
from test_load import REVIEW, doc
from zwgk.errors import RecordError
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)


def load(root):
    return load_portal(root, AS_OF)


def problems_of(root) -> list:
    try:
        return load(root).warnings
    except RecordError as exc:
        return exc.problems


# Encodings ------------------------------------------------------------------------------


def test_gbk_file_is_explained_then_converted_by_fix_encoding(tmp_path):
    root = records_copy(tmp_path)
    text = doc(title="测试县低保办法")
    path = write(root, "normative/x.yml", text.encode("gbk"))

    proc = run_zwgk("check", "--records", str(root), "--as-of", "2026-11-22", cwd=tmp_path)
    assert proc.returncode == 2
    assert "tasks_yaml/normative/x.yml:1:1: 错误: 文件不是 UTF-8 编码" in proc.stderr
    assert "GBK" in proc.stderr and "zwgk fix-encoding" in proc.stderr
    assert "Traceback" not in proc.stderr

    proc = run_zwgk("fix-encoding", "--records", str(root), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"已转换 .*x\.yml（GBK/GB18030 → UTF-8），首行：title: 测试县低保办法", proc.stderr)
    assert path.read_text(encoding="utf-8") == text
    assert load(root).documents["x"].title == "测试县低保办法"
    (backup,) = (tmp_path / ".zwgk-backup").glob("fix-encoding-*/tasks_yaml/normative/x.yml")
    assert backup.read_bytes() == text.encode("gbk")  # the original, byte for byte
    assert "原文件已备份到 .zwgk-backup/fix-encoding-" in proc.stderr

    proc = run_zwgk("fix-encoding", str(path), cwd=tmp_path)  # a second run changes nothing
    assert "0 个文件转为 UTF-8，1 个本来就是 UTF-8" in proc.stderr


@pytest.mark.parametrize(
    "name, data",
    [
        ("a.txt", b"PK\x03\x04" + "正文".encode("gbk") * 50),  # a .docx renamed
        ("b.md", b"%PDF-1.4\n" + "标题".encode("gbk") * 50),
        ("c.yml", "title: 测试\n".encode("gbk") + b"\x00\x01\x02\x03" + "内容".encode("gbk") * 20),
    ],
)
def test_fix_encoding_refuses_files_that_are_not_text(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    proc = run_zwgk("fix-encoding", str(path), cwd=tmp_path)
    assert proc.returncode == 2 and "不是文本文件" in proc.stderr and "Traceback" not in proc.stderr
    assert path.read_bytes() == data
    assert not (tmp_path / ".zwgk-backup").exists()


def test_fix_encoding_leaves_a_file_it_cannot_read(tmp_path):
    root = records_copy(tmp_path)
    data = doc().encode("utf-8") + "# Größe, café\n".encode("latin-1")  # not UTF-8, not Chinese in GBK
    path = write(root, "normative/x.yml", data)
    proc = run_zwgk("fix-encoding", str(path), cwd=tmp_path)
    assert proc.returncode == 2
    assert "无法确定编码，未修改" in proc.stderr
    assert path.read_bytes() == data
    problem = next(p for p in problems_of(root) if p.path == "tasks_yaml/normative/x.yml")
    assert (problem.line, problem.message) == (10, "文件不是 UTF-8 编码")
    assert "UTF-8" in problem.hint and "GBK" not in problem.hint


def test_utf16_from_notepad_is_read_with_a_warning(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", b"\xff\xfe" + doc().replace("\n", "\r\n").encode("utf-16-le"))
    portal = load(root)
    assert portal.documents["x"].issuer == "测试县人民政府"
    assert any(w.path == "tasks_yaml/normative/x.yml" and "UTF-16" in w.message for w in portal.warnings)


def test_bom_crlf_and_fullwidth_are_read_through_the_cli(tmp_path):
    root = records_copy(tmp_path)
    text = doc(published="２０２５年１月５日", written="2025．1．1", doc_number="测府发［２０２５］９号")
    write(root, "normative/x.yml", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    proc = run_zwgk("check", "--records", str(root), "--as-of", "2026-11-22", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "x.yml:2:13: 警告: “文号”写作“测府发［２０２５］９号”，已按规范读作“测府发〔2025〕9号”" in proc.stderr
    doc_x = load(root).documents["x"]
    assert (doc_x.published, doc_x.written) == (dt.date(2025, 1, 5), dt.date(2025, 1, 1))


@pytest.mark.parametrize("typed, day", [
    ("2025年1月5号", dt.date(2025, 1, 5)),
    ("二〇二五年一月五日", dt.date(2025, 1, 5)),       # copied from a document
    ("二○二五年十二月二十五日", dt.date(2025, 12, 25)),  # ○ typed for 〇
    ("2025 年 1 月 5 日", dt.date(2025, 1, 5)),
])
def test_dates_as_written_in_documents(tmp_path, typed, day):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(written=typed))
    assert load(root).documents["x"].written == day


# 文号 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "测府发[2025]9号", "测府发【2025】9号", "测府发（2025）9号", "测府发(2025)9号", "测府发〔２０２５〕９号",
    "测府发〔2025〕09号", "测府发〔2025〕第9号", "测府发〔2025〕9", "测府发 〔2025〕 9号",
])
def test_doc_number_typed_with_an_input_method_is_normalised_with_a_warning(tmp_path, typed):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(doc_number=typed))
    portal = load(root)
    assert portal.documents["x"].doc_number == "测府发〔2025〕9号"
    (warning,) = [w for w in portal.warnings if w.path == "tasks_yaml/normative/x.yml"]
    assert (warning.line, warning.severity) == (2, "警告")
    assert "请改为 测府发〔2025〕9号" in warning.hint


@pytest.mark.parametrize("number", ["测府发〔2025〕9号", "测试县人民政府令第1号"])
def test_standard_doc_number_gives_no_warning(tmp_path, number):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(doc_number=number))
    assert not [w for w in load(root).warnings if w.path == "tasks_yaml/normative/x.yml"]


def test_doc_number_spelled_two_ways_is_still_a_duplicate(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc())
    write(root, "normative/y.yml", doc(doc_number="测府发[2025]9号", index_number="11510000MB0000000N/2025-00010"))
    with pytest.raises(RecordError) as exc:
        load(root)
    assert any("文号“测府发〔2025〕9号”与" in p.message and p.path.endswith("y.yml") for p in exc.value.problems)


def test_doc_number_that_is_not_a_doc_number_is_reported(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(doc_number="测府发2025年9号"))
    (warning,) = [w for w in load(root).warnings if w.path == "tasks_yaml/normative/x.yml"]
    assert "不符合“机关代字〔年份〕序号号”的写法" in warning.message and "示府办发〔2023〕12号" in warning.hint


def test_fullwidth_digits_in_a_task_deadline(tmp_path):
    root = records_copy(tmp_path)
    path = root / "tasks" / "2023.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("12月底前完成", "２０２３年６月底前"), encoding="utf-8")
    portal = load(root)
    from zwgk.dates import parse_deadline

    task = portal.tasks[2023].sections[0].tasks[0]
    assert parse_deadline(task.deadline, 2023).date == dt.date(2023, 6, 30)


# Colons and tabs ------------------------------------------------------------------------


def test_fullwidth_colon_after_a_field_name_is_read_with_a_warning(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc().replace("issuer: ", "issuer：").replace("topic: ", "topic:"))
    portal = load(root)
    assert (portal.documents["x"].issuer, portal.documents["x"].topic) == ("测试县人民政府", "综合政务")
    lines = sorted(w.line for w in portal.warnings if "冒号" in w.message)
    assert lines == [4, 5]


@pytest.mark.parametrize("space", ["\u3000", "\xa0"])
def test_fullwidth_or_nonbreaking_space_after_the_colon(tmp_path, space):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc().replace("issuer: ", f"issuer:{space}"))
    portal = load(root)
    assert portal.documents["x"].issuer == "测试县人民政府"
    assert [w.line for w in portal.warnings if "冒号" in w.message] == [4]


def test_colon_inside_a_value_is_left_alone(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc() + "body: |\n  title：正文中的冒号不改\n  第二行\n")
    portal = load(root)
    assert portal.documents["x"].body == "title：正文中的冒号不改\n第二行\n"
    assert not [w for w in portal.warnings if w.path.endswith("x.yml")]


def test_tab_indentation_is_read_when_its_width_does_not_matter(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc() + "keywords:\n\t- 低保\n\t- 救助\nattachments:\n\t- path: files/a.docx\n\t  title: 正式文本\n")
    portal = load(root)
    assert portal.documents["x"].keywords == ["低保", "救助"]
    assert portal.documents["x"].attachments[0].title == "正式文本"
    (warning,) = [w for w in portal.warnings if w.path.endswith("x.yml")]
    assert (warning.line, warning.message) == (11, "用制表符（Tab）缩进，已按空格缩进读取")


def test_tab_indentation_whose_width_matters_is_refused(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc() + "attachments:\n    - path: files/a.docx\n\t  title: 正式文本\n")
    errors = [p for p in problems_of(root) if p.severity == "错误"]
    assert [(p.path, p.line) for p in errors] == [("tasks_yaml/normative/x.yml", 12)]
    assert "制表符" in errors[0].message and "换成空格" in errors[0].hint


def test_fullwidth_space_before_a_field_name_gets_a_hint(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc().replace(REVIEW, "") + "review:\n\u3000\u3000first: 甲某\n")
    (error,) = [p for p in problems_of(root) if "未知字段" in p.message]
    assert (error.line, error.message) == (10, "未知字段“\u3000\u3000first”") and "全角空格" in error.hint


def test_template_placeholder_left_in_place_is_an_error(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(title="待填写：文件标题", issuer="待填写：发布机构"))
    errors = [p for p in problems_of(root) if p.path.endswith("x.yml")]
    assert [(p.line, p.severity) for p in errors] == [(1, "错误"), (4, "错误")]
    assert all("还是模板中的“待填写”内容" in p.message for p in errors)


# zwgk check FILE... (the pre-commit hook) ----------------------------------------------


def test_check_named_files_reports_only_their_problems(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(issuer=""))
    write(root, "qa/qa-2.yml", "question: 问？\nanswer: 答。\ntopic: 养老\nupdated: 2024-01-05\n"
          "basis: [no-such-doc]\n" + REVIEW)
    check = ("check", "--records", str(root), "--as-of", "2026-11-22")

    proc = run_zwgk(*check, str(root / "normative" / "x.yml"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "x.yml:4:8: 错误: “发布机构”不能为空" in proc.stderr and "qa-2.yml" not in proc.stderr

    proc = run_zwgk(*check, str(root / "qa" / "qa-1.yml"), str(tmp_path / "README.md"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "另有 1 处错误在其他文件中" in proc.stderr and "README.md: 不在记录目录" in proc.stderr

    write(root, "normative/x.yml", doc())
    proc = run_zwgk(*check, "tasks_yaml/qa/qa-2.yml", cwd=tmp_path)  # relative, as pre-commit passes it
    assert proc.returncode == 2
    assert "qa-2.yml:5:8: 错误: 政策依据文件“no-such-doc”不存在" in proc.stderr


def _hooks(name: str) -> list[dict]:
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hook_runs_zwgk_check_on_changed_records(name):
    hook = next(h for h in _hooks(name) if h["id"] == "zwgk-check")
    assert hook["entry"] == "zwgk check"
    assert hook.get("pass_filenames", True) and hook["require_serial"] is True
    files = re.compile(hook["files"])
    for path in ("tasks_yaml/normative/sfbf-2023-12.yml", "tasks_yaml/items/czyjs/x.yaml", "tasks_yaml/portal.yml"):
        assert files.search(path)
    for path in ("README.md", "mkdocs.yml", "tasks_yaml/files/a.docx", "tasks_yaml/schemas/qa.schema.json"):
        assert not files.search(path)
