"""Loading and validating records: good input loads, every bad input gets a located Chinese error."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from helpers import REPO, REVIEW, records_copy, write
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)


def doc(**overrides) -> str:
    """A valid normative document as YAML text, with fields replaced or removed (value None)."""
    fields = {
        "title": "测试县丁办法",
        "doc_number": "测府发〔2025〕9号",
        "index_number": "11510000MB0000000N/2025-00009",
        "issuer": "测试县人民政府",
        "topic": "综合政务",
        "written": "2025-01-01",
        "published": "2025-01-05",
        "effective": "2025-02-01",
    }
    fields.update(overrides)
    lines = [f"{k}: {v}" for k, v in fields.items() if v is not None]
    return "\n".join(lines) + "\n" + REVIEW


def problems_for(tmp_path, changes: dict[str, str | bytes | None]):
    root = records_copy(tmp_path)
    for rel, text in changes.items():
        if text is None:
            (root / rel).unlink()
        else:
            write(root, rel, text)
    with pytest.raises(RecordError) as info:
        load_portal(root, AS_OF)
    return info.value.problems


def test_minimal_fixture_loads(tmp_path):
    portal = load_portal(records_copy(tmp_path), AS_OF)
    assert set(portal.documents) == {"a-2023-1", "b-2024-2", "c-2024-3", "d-2022-4", "e-2026-5"}
    b = portal.documents["b-2024-2"]
    assert (b.written, b.published, b.effective) == (dt.date(2024, 3, 1), dt.date(2024, 3, 5), dt.date(2024, 4, 1))
    assert portal.amended_by["a-2023-1"] == ["b-2024-2"]
    assert portal.repeals["c-2024-3"] == ["d-2022-4"]
    assert [i.id for i in portal.interpretations_of["a-2023-1"]] == ["jd-a"]
    assert [q.id for q in portal.qa_of["d-2022-4"]] == ["qa-1"]
    task = portal.tasks[2023].sections[0].tasks[0]
    assert task.responsible == ["县政府各部门", "各乡镇（街道）政府"]
    assert task.line == 6


# (id, {file: new text or None to delete}, expected file, line, message fragment, hint fragment)
BAD_CASES = [
    # tabs that read the same at any tab width are tolerated (tests/test_staff_habits.py)
    ("tab-indent-ambiguous", {"normative/x.yml": doc() + "keywords:\n  - 甲\n\t- 乙\n"},
     "normative/x.yml", 12, "制表符", "空格"),
    ("colon-missing", {"normative/x.yml": "title 测试\n" + doc(title=None)},
     "normative/x.yml", 2, "YAML 语法错误", ""),
    ("unclosed-quote", {"normative/x.yml": doc(title='"测试县丁办法')},
     "normative/x.yml", 1, "YAML 语法错误", ""),
    ("missing-title", {"normative/x.yml": doc(title=None)},
     "normative/x.yml", 1, "缺少必填字段“title”（名称）", "title:"),
    ("missing-doc-number", {"normative/x.yml": doc(doc_number=None)},
     "normative/x.yml", 1, "缺少必填字段“doc_number”（文号）", ""),
    ("missing-effective", {"normative/x.yml": doc(effective=None)},
     "normative/x.yml", 1, "缺少必填字段“effective”（施行日期）", ""),
    ("unknown-field-typo", {"normative/x.yml": doc(titel="x")},
     "normative/x.yml", 9, "未知字段“titel”", "title"),
    ("unknown-field-chinese", {"normative/x.yml": doc(文号="测府发〔2025〕9号")},
     "normative/x.yml", 9, "未知字段“文号”", "doc_number"),
    ("list-expected", {"normative/x.yml": doc(attachments="files/a.docx")},
     "normative/x.yml", 9, "“附件”应为列表", ""),
    ("mapping-expected", {"interpretations/jd-a.yml": "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\n"
                                                      "contact: 县政府办\n" + REVIEW},
     "interpretations/jd-a.yml", 4, "“咨询联系方式”应为键值表", ""),
    ("impossible-date", {"normative/x.yml": doc(published="2023-02-30")},
     "normative/x.yml", 7, "不存在", "2023-03-05"),
    ("impossible-cn-date", {"normative/x.yml": doc(written="2023年13月1日")},
     "normative/x.yml", 6, "不存在", ""),
    ("not-a-date", {"normative/x.yml": doc(effective="下个月")},
     "normative/x.yml", 8, "不是日期", ""),
    ("bad-validity", {"normative/x.yml": doc(validity="有效")},
     "normative/x.yml", 9, "“有效性”的值“有效”无效", "现行有效"),
    ("bad-form", {"interpretations/jd-a.yml": "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\n"
                                              "forms: [文字解读, 漫画]\n" + REVIEW},
     "interpretations/jd-a.yml", 4, "“解读形式”的值“漫画”无效", "动漫"),
    ("bad-topic", {"qa/qa-1.yml": "question: 问\nanswer: 答\ntopic: 旅游\nupdated: 2024-01-01\n" + REVIEW},
     "qa/qa-1.yml", 3, "“主题”的值“旅游”无效", ""),
    ("bad-int", {"portal.yml": "name: 测试县人民政府\nagency: 办公室\nannual_report:\n  - {year: 二〇二三, normative_valid: 3}\n"},
     "portal.yml", 4, "“年度”应为整数", ""),
    ("interpretation-of-missing", {"interpretations/jd-a.yml": "of: a-2023-9\ntitle: 解读\npublished: 2023-01-11\n" + REVIEW},
     "interpretations/jd-a.yml", 1, "被解读的规范性文件“a-2023-9”不存在", "a-2023-1"),
    ("qa-basis-missing", {"qa/qa-1.yml": "question: 问\nanswer: 答\ntopic: 救助\nupdated: 2024-01-01\n"
                                        "basis: [a-2023-1, zz-1999-1]\n" + REVIEW},
     "qa/qa-1.yml", 5, "政策依据文件“zz-1999-1”不存在", ""),
    ("amended-by-missing", {"normative/x.yml": doc(amended_by="[b-2024-9]")},
     "normative/x.yml", 9, "规范性文件“b-2024-9”不存在", "b-2024-2"),
    ("repealed-by-missing", {"normative/x.yml": doc(repealed_by="c-2099-1")},
     "normative/x.yml", 9, "规范性文件“c-2099-1”不存在", ""),
    ("repeal-cycle", {"normative/x.yml": doc(repealed_by="y"),
                      "normative/y.yml": doc(doc_number="测府发〔2025〕10号",
                                             index_number="11510000MB0000000N/2025-00010", repealed_by="x")},
     "normative/x.yml", 9, "修改、废止关系形成循环：x → y → x", ""),
    ("self-repeal", {"normative/x.yml": doc(repealed_by="x")},
     "normative/x.yml", 9, "不能修改或废止自己", ""),
    ("duplicate-key", {"normative/x.yml": doc() + "title: 又一个标题\n"},
     "normative/x.yml", 10, "字段“title”重复出现", ""),
    ("duplicate-doc-number", {"normative/x.yml": doc(doc_number="测府发〔2024〕2号")},
     "normative/x.yml", 2, "文号“测府发〔2024〕2号”与 tasks_yaml/normative/b-2024-2.yml 重复", ""),
    ("duplicate-index-number", {"normative/x.yml": doc(index_number="11510000MB0000000N/2024-00003")},
     "normative/x.yml", 3, "索引号“11510000MB0000000N/2024-00003”与", ""),
    ("duplicate-column", {"columns.yml": "columns:\n  - id: czyjs\n    title: 财政\n  - id: hjgl\n    title: 户籍\n"
                                         "  - id: czyjs\n    title: 又一个\n"},
     "columns.yml", 6, "栏目标识“czyjs”重复", ""),
    ("duplicate-id-yaml-twin", {"normative/a-2023-1.yaml": doc()},
     "normative/a-2023-1.yml", 1, "标识“a-2023-1”重复", ""),
    ("bad-file-name", {"normative/甲办法.yml": doc()},
     "normative/甲办法.yml", 1, "不能用作网址标识", "小写字母"),
    ("unknown-column-dir", {"items/czyj/x.yml": "title: 预算\npublished: 2024-01-01\n" + REVIEW},
     "items/czyj/x.yml", 1, "栏目“czyj”不在 columns.yml 中", "czyjs"),
    ("unknown-column-ref", {"normative/x.yml": doc(columns="[shjz]")},
     "normative/x.yml", 9, "栏目“shjz”不存在", ""),
    ("attachment-parent", {"normative/x.yml": doc() + "attachments:\n  - {path: ../secret.pdf}\n"},
     "normative/x.yml", 11, "不能指向 tasks_yaml/ 之外", "files/"),
    ("attachment-absolute", {"normative/x.yml": doc() + "attachments:\n  - path: /etc/passwd\n"},
     "normative/x.yml", 11, "不能指向 tasks_yaml/ 之外", ""),
    ("empty-file", {"qa/qa-2.yml": ""},
     "qa/qa-2.yml", 1, "文件是空的", ""),
    ("gbk-file", {"normative/x.yml": doc().encode("gbk")},
     "normative/x.yml", 1, "文件不是 UTF-8 编码", "GBK"),
    ("bad-deadline", {"tasks/2023.yml": "year: 2023\ntitle: 分工\nsections:\n  - title: 一、\n    tasks:\n"
                                        "      - requirement: 做好。\n        deadline: 下辈子\n"},
     "tasks/2023.yml", 7, "无法识别的完成时限“下辈子”", "年底前"),
    ("task-missing-requirement", {"tasks/2023.yml": "year: 2023\ntitle: 分工\nsections:\n  - title: 一、\n    tasks:\n"
                                                    "      - no: 1\n        deadline: 年底前\n"},
     "tasks/2023.yml", 6, "缺少必填字段“requirement”（具体要求）", ""),
    ("task-bad-status", {"tasks/2023.yml": "year: 2023\ntitle: 分工\nsections:\n  - title: 一、\n    tasks:\n"
                                           "      - requirement: 做好。\n        status: 差不多\n"},
     "tasks/2023.yml", 7, "“完成情况”的值“差不多”无效", ""),
    ("evidence-external", {"tasks/2023.yml": "year: 2023\ntitle: 分工\nsections:\n  - title: 一、\n    tasks:\n"
                                             "      - requirement: 做好。\n        evidence: [http://example.com/]\n"},
     "tasks/2023.yml", 7, "应为本网站内的相对路径", ""),
    ("missing-portal", {"portal.yml": None},
     "portal.yml", 1, "缺少 portal.yml", ""),
    ("null-required", {"normative/x.yml": doc(issuer="")},
     "normative/x.yml", 4, "“发布机构”不能为空", ""),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_is_located(tmp_path, case):
    _id, changes, rel, line, message, hint = case
    problems = problems_for(tmp_path, changes)
    errors = [p for p in problems if p.severity == "错误"]
    matching = [p for p in errors if p.path == f"tasks_yaml/{rel}" and message in p.message]
    assert matching, "\n".join(p.format() for p in problems)
    assert matching[0].line == line, matching[0].format()
    assert hint in matching[0].hint


def test_every_problem_reported_at_once(tmp_path):
    problems = problems_for(tmp_path, {
        "normative/x.yml": doc(title=None, published="2023-02-30"),
        "qa/qa-1.yml": "question: 问\nanswer: 答\ntopic: 旅游\nupdated: 2024-01-01\n" + REVIEW,
        "interpretations/jd-a.yml": "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\nform: [图解]\n" + REVIEW,
    })
    messages = {(p.path, p.line) for p in problems if p.severity == "错误"}
    assert messages >= {("tasks_yaml/normative/x.yml", 1), ("tasks_yaml/normative/x.yml", 6),
                        ("tasks_yaml/qa/qa-1.yml", 3), ("tasks_yaml/interpretations/jd-a.yml", 4)}


def test_bom_crlf_and_fullwidth_dates_are_tolerated(tmp_path):
    root = records_copy(tmp_path)
    text = doc(published="２０２５年１月５日").replace("\n", "\r\n")
    write(root, "normative/x.yml", b"\xef\xbb\xbf" + text.encode("utf-8"))
    portal = load_portal(root, AS_OF)
    assert portal.documents["x"].published == dt.date(2025, 1, 5)


def test_missing_attachment_is_a_warning_not_an_error(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc() + "attachments:\n  - {path: files/none.pdf}\n")
    portal = load_portal(root, AS_OF)
    assert any("附件“files/none.pdf”不存在" in w.message and w.line == 11 for w in portal.warnings)


TASKS_INCOMPLETE = """\
year: 2024
title: 测试县2024年分工
sections:
  - title: 一、公开
    tasks:
      - no: 1
        requirement: 只列责任单位的任务是完整的。
        responsible: [县财政局]
        deadline: 年底前
      - requirement: 没有序号。
        lead: [县司法局]
        deadline: 年底前
      - no: 3
        requirement: 没有单位。
        deadline: 6月底前
      - no: 4
        requirement: 没有时限。
        guide: [县政务公开办]
"""


def test_incomplete_tasks_are_located_warnings_in_check(tmp_path):
    root = records_copy(tmp_path)
    write(root, "tasks/2024.yml", TASKS_INCOMPLETE)
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "check", "--as-of", "2026-11-22", "--records",
                           str(root)], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    found = [line for line in proc.stderr.splitlines() if "tasks_yaml/tasks/2024.yml:" in line]
    assert found == [
        "tasks_yaml/tasks/2024.yml:10:9: 警告: 任务没有序号",
        "tasks_yaml/tasks/2024.yml:13:9: 警告: 任务没有落实单位（牵头、责任、指导单位都没有填写）",
        "tasks_yaml/tasks/2024.yml:16:9: 警告: 任务没有完成时限",
    ]


def test_unreviewed_record_is_left_out_and_listed(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc().replace(REVIEW, "review: {first: 甲某}\n"))
    portal = load_portal(root, AS_OF)
    assert "x" not in portal.documents
    assert [r.id for r in portal.unreviewed] == ["x"]
    assert any("未完成三审" in w.message for w in portal.warnings)


def test_cli_check_prints_located_errors_without_traceback(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", doc(published="2023-02-30", titel="x"))
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "check", "--records", str(root)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "tasks_yaml/normative/x.yml:7:12: 错误: “发布日期”日期“2023-02-30”不存在" in proc.stderr
    assert "tasks_yaml/normative/x.yml:9:1: 错误: 未知字段“titel”" in proc.stderr
    assert "发现 2 处错误" in proc.stderr


def test_cli_check_passes_on_demo_county():
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "check", "--as-of", "2026-11-22"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "检查通过" in proc.stderr
    assert "年度报告 6 份，标准目录 6 份" in proc.stderr  # ndbg/ and catalogues/ files, the units' too


def test_cli_rejects_bad_as_of(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "check", "--as-of", "2026-02-30"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "--as-of 的值有误" in proc.stderr and "Traceback" not in proc.stderr


def test_records_load_without_linking(tmp_path):
    records = load_records(records_copy(tmp_path))
    assert records.portal.name == "测试县人民政府"
    assert records.portal.audit.interpretation_min_forms == 3
    assert textwrap.dedent(records.normative["a-2023-1"].body).startswith("第一条")


def test_a_preview_lists_a_folder_again_only_when_its_entries_changed(tmp_path, monkeypatch):
    """zwgk serve keeps folder listings by the folder's stamp: a file added is found, a folder not changed is
    not read again, and a listing taken while the folder had just changed is not kept (a coarse clock)."""
    import os
    import time

    from zwgk import load

    folder = tmp_path / "tasks_yaml" / "normative"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text("title: 甲\n", encoding="utf-8")
    load.keep_parsed()
    try:
        problems: list = []
        assert list(load.record_files(folder, "tasks_yaml/normative", problems)) == ["a"]
        assert not load._LISTED  # the folder changed a moment ago: not kept
        old = time.time() - 60
        os.utime(folder, (old, old))
        assert list(load.record_files(folder, "tasks_yaml/normative", problems)) == ["a"]
        assert load._LISTED
        with monkeypatch.context() as m:  # kept: the folder is not listed again
            m.setattr(load.os, "scandir", lambda *a: (_ for _ in ()).throw(AssertionError("listed again")))
            assert list(load.record_files(folder, "tasks_yaml/normative", problems)) == ["a"]
        (folder / "b.yml").write_text("title: 乙\n", encoding="utf-8")
        (folder / "坏.yml").write_text("title: 丙\n", encoding="utf-8")
        assert sorted(load.record_files(folder, "tasks_yaml/normative", problems)) == ["a", "b"]
        assert [p.message for p in problems] == ["文件名“坏.yml”不能用作网址标识"]
        os.utime(folder, (old, old))
        load.record_files(folder, "tasks_yaml/normative", problems)  # kept now, with its problem
        assert sorted(load.record_files(folder, "tasks_yaml/normative", problems)) == ["a", "b"]
        assert len(problems) == 3  # a kept listing repeats its problems
    finally:
        load.keep_parsed(False)
    assert not load._LISTED
