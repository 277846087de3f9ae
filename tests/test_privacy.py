"""保密审查: personal data planted in every kind of record field and in .docx/.xlsx/.pdf attachments is an error
at its file and line, with the value masked; a waiver lets exactly one through and the audit lists it; the demo's
published office phones are not false alarms."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from helpers import DOC, REPO, REVIEW, records_copy, write
from officefiles import make_docx, make_pdf, make_xlsx
from zwgk import pii
from zwgk.audit import audit_portal
from zwgk.cli import main
from zwgk.errors import RecordError
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)

ID_NUMBER = "11010519491231002X"  # the example in GB 11643—1999
BANK_CARD = "6222021234567894"  # Luhn-valid

# (kind, text as written, masked value): each text in a sentence a real record could hold
KINDS = [
    ("身份证号", f"申请人身份证号{ID_NUMBER}", "1101**********002X"),
    ("身份证号-小写x", f"公民身份号码{ID_NUMBER.lower()}", "1101**********002X"),
    ("手机号码", "联系人张某，手机13912345678", "139****5678"),
    ("手机号码-分隔", "联系电话 +86 139-1234-5678", "139****5678"),
    ("手机号码-全角", "手机１３９１２３４５６７８", "139****5678"),
    ("固定电话", "当事人：王某某，男，住址见档案，家庭电话0818-7654321", "0818-***4321"),
    ("银行卡号", f"补贴发放至本人银行卡{BANK_CARD}", "6222********7894"),
    ("银行卡号-分组", "收款账号 6222 0212 3456 7894", "6222********7894"),
    ("家庭住址-小区", "家住幸福小区3栋2单元501室", "幸福小区*栋*单元***室"),
    ("家庭住址-街道", "住城关镇人民路12号3幢1单元202室", "城关镇人民路**号*幢*单元***室"),
    ("家庭住址-村组", "申请人住石桥村三组12号", "石桥村*组**号"),
]

# (where, file under the records folder, YAML text with {PII}, waivers allowed): every kind of record field
PLACES = [
    ("规范性文件正文", "normative/x.yml", DOC + "body: |\n  第一条 为规范……\n\n  第二条 {PII}。\n" + REVIEW),
    ("规范性文件标题", "normative/x.yml", DOC.replace("title: 测试县丁办法", "title: 关于{PII}的通知") + REVIEW),
    ("规范性文件关键词", "normative/x.yml", DOC + "keywords:\n  - 救助\n  - \"{PII}\"\n" + REVIEW),
    ("附件名称", "normative/x.yml",
     DOC + "attachments:\n  - {path: files/a.docx, title: \"{PII}\"}\n" + REVIEW),
    ("解读正文", "interpretations/jd-x.yml",
     "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\ncontact: {department: 测试县政府办}\n"
     "body: |\n  一、出台背景\n\n  {PII}\n" + REVIEW),
    ("解读联系人", "interpretations/jd-x.yml",
     "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\ncontact:\n  department: 测试县政府办\n"
     "  person: \"{PII}\"\n" + REVIEW),
    ("问答答复", "qa/qa-x.yml",
     "question: 怎么申请？\nanswer: |\n  向乡镇提出申请。\n  {PII}\ntopic: 救助\nupdated: 2024-01-01\n" + REVIEW),
    ("问答问题", "qa/qa-x.yml",
     "question: \"{PII}，能申请吗？\"\nanswer: 能。\ntopic: 救助\nupdated: 2024-01-01\n" + REVIEW),
    ("重点领域信息正文（多行）", "items/czyjs/x.yml",
     "title: 公示\npublished: 2024-02-01\nbody: 第一行说明，\n  第二行{PII}。\n" + REVIEW),
    ("任务具体要求", "tasks/2024.yml",
     "year: 2024\ntitle: 任务分工\nsections:\n  - title: 一、公开\n    tasks:\n      - no: 1\n"
     "        requirement: 公开低保名单。\n        lead: [县民政局]\n        deadline: 持续推进\n"
     "        remarks: \"{PII}\"\n"),
    ("栏目无内容说明", "columns.yml",
     "columns:\n  - id: czyjs\n    title: 财政预决算\n  - id: hjgl\n    title: 户籍管理\n"
     "    empty_note: \"{PII}\"\n"),
]


def problems(root) -> list:
    with pytest.raises(RecordError) as info:
        load_portal(root, AS_OF)
    return info.value.problems


def privacy_errors(root) -> list:
    return [p for p in problems(root) if p.severity == "错误" and "个人信息" in p.message]


def plant(root, rel: str, template: str, text: str) -> int:
    """Write the record with the text in it; the 1-based line the text is on."""
    content = template.replace("{PII}", text)
    write(root, rel, content)
    return next(n for n, line in enumerate(content.splitlines(), 1) if text in line)


@pytest.mark.parametrize("place, rel, template", PLACES, ids=[p[0] for p in PLACES])
@pytest.mark.parametrize("kind, text, masked", KINDS, ids=[k[0] for k in KINDS])
def test_personal_data_in_a_field_is_an_error_at_its_line_masked(tmp_path, place, rel, template, kind, text, masked):
    root = records_copy(tmp_path)
    line = plant(root, rel, template, text)
    found = privacy_errors(root)
    assert [(p.path, p.line) for p in found] == [(f"tasks_yaml/{rel}", line)], [p.format() for p in found]
    assert masked in found[0].message and kind.split("-")[0] in found[0].message
    value = pii.digits(text) if kind.split("-")[0] != "家庭住址" else text[-6:]
    assert value not in found[0].format() and text not in found[0].format()  # never the full value


def test_column_inside_a_markdown_block_points_at_the_value(tmp_path):
    root = records_copy(tmp_path)
    write(root, "qa/qa-x.yml", "question: 怎么申请？\nanswer: |\n  向乡镇提出申请。\n  咨询：13912345678\n"
          "topic: 救助\nupdated: 2024-01-01\n" + REVIEW)
    (found,) = privacy_errors(root)
    assert (found.line, found.col) == (4, 6)


def test_a_hit_in_a_list_item_points_at_its_line(tmp_path):
    root = records_copy(tmp_path)
    write(root, "normative/x.yml", DOC + "keywords:\n  - 救助\n  - 低保\n  - 13912345678\n" + REVIEW)
    (found,) = privacy_errors(root)
    assert found.line == DOC.count("\n") + 4


def test_portal_yml_is_scanned_but_its_own_contact_details_are_not_hits(tmp_path):
    root = records_copy(tmp_path)
    portal = (root / "portal.yml").read_text(encoding="utf-8")
    write(root, "portal.yml", portal + "contact:\n  phone: 13912345678\n  fax: 0818-7654321\n"
          "  address: 城关镇人民路12号3幢1单元202室\n  hours: 值班人刘某手机13812345678\n")
    (found,) = privacy_errors(root)
    assert found.path == "tasks_yaml/portal.yml" and found.line == portal.count("\n") + 5
    assert "138****5678" in found.message and "privacy_waiver" not in found.hint  # no waivers in portal.yml


@pytest.mark.parametrize("text", [
    "咨询电话：0818-6231201",  # an office's number, written in the body
    "申请人可拨打县民政局电话0818-6231201咨询",  # a person mentioned, but the office is nearer
    "当事人可向县住建局反映，电话0818-6238815",
    "解读联系电话 0818-7654321",  # listed in a contact field (below), so official everywhere
    "索引号 11510000MB0000000N/2023-00012，文号测府发〔2023〕12号，成文日期 2023-03-05",
    "统一社会信用代码 115100006222021234，项目编号 6222021234567894",  # Luhn-valid, but a code
    "县政务服务中心位于人民路88号政务服务中心3号楼201室",  # an office's address
    "身份证号1101**********002X，手机139****5678",  # already masked: the fix the hint asks for
    "2026年城乡低保标准为每人每月760元，惠及13912户家庭",
])
def test_near_misses_are_not_hits(tmp_path, text):
    """Next to each near miss a real hit: it alone is reported."""
    root = records_copy(tmp_path)
    write(root, "interpretations/jd-x.yml", "of: a-2023-1\ntitle: 解读\npublished: 2023-01-11\n"
          f"contact: {{department: 测试县政府办, phone: 0818-7654321}}\nbody: |\n  {text}\n"
          "  经办人手机13912345678\n" + REVIEW)
    assert [(p.line, "139****5678" in p.message) for p in privacy_errors(root)] == [(7, True)]


def test_a_landline_next_to_a_person_but_listed_as_an_official_contact_is_not_a_hit(tmp_path):
    root = records_copy(tmp_path)
    write(root, "qa/qa-x.yml", "question: 问\nanswer: 户主可拨打 0000-0000000 咨询\ntopic: 救助\n"
          "updated: 2024-01-01\n" + REVIEW)  # 0000-0000000 is jd-a.yml's contact phone (not a valid number)
    write(root, "qa/qa-y.yml", "question: 问\nanswer: 户主联系电话：0818-6231201\ntopic: 救助\n"
          "updated: 2024-01-01\n" + REVIEW)
    assert [p.path for p in privacy_errors(root)] == ["tasks_yaml/qa/qa-y.yml"]
    write(root, "interpretations/jd-a.yml", (root / "interpretations/jd-a.yml").read_text(encoding="utf-8")
          .replace("phone: 0000-0000000", "phone: 0818-6231201"))
    load_portal(root, AS_OF)


# attachments ---------------------------------------------------------------------------------------


def _attachment_hit(root, name: str, where: str, masked: str) -> None:
    """A normative document names files/<name>: one error, at the line of its path, naming file, place and value."""
    write(root, "normative/x.yml", DOC + f"attachments:\n  - {{title: 名单, path: files/{name}}}\n" + REVIEW)
    (found,) = privacy_errors(root)
    assert (found.path, found.line) == ("tasks_yaml/normative/x.yml", DOC.count("\n") + 2)
    assert f"files/{name}" in found.message and where in found.message and masked in found.message


@pytest.mark.parametrize("kind, text, masked", KINDS, ids=[k[0] for k in KINDS])
def test_personal_data_in_a_docx_attachment(tmp_path, kind, text, masked):
    root = records_copy(tmp_path)
    make_docx(root / "files" / "list.docx", ["名单公示", text])
    _attachment_hit(root, "list.docx", "第 2 段", masked)


def test_deleted_text_in_tracked_changes_is_scanned_too(tmp_path):
    root = records_copy(tmp_path)
    make_docx(root / "files" / "list.docx", ["名单公示", "已删除："], deleted="13912345678")
    _attachment_hit(root, "list.docx", "第 2 段", "139****5678")


@pytest.mark.parametrize("value, masked", [
    (ID_NUMBER, "1101**********002X"), (13912345678, "139****5678"), ("户主电话 0818-7654321", "0818-***4321"),
    (BANK_CARD, "6222********7894"), ("石桥村三组12号", "石桥村*组**号"),
])
def test_personal_data_in_an_xlsx_attachment(tmp_path, value, masked):
    root = records_copy(tmp_path)
    make_xlsx(root / "files" / "list.xlsx", [["姓名", "信息"], ["王某某", value]])
    _attachment_hit(root, "list.xlsx", "工作表“名单”B2", masked)


@pytest.mark.parametrize("text, masked", [
    (f"ID {ID_NUMBER}", "1101**********002X"), ("Mobile 139 1234 5678", "139****5678"),
    (f"Card {BANK_CARD}", "6222********7894"),
])
def test_personal_data_in_a_pdf_attachment(tmp_path, text, masked):
    root = records_copy(tmp_path)
    make_pdf(root / "files" / "list.pdf", ["Subsidy list", text])
    _attachment_hit(root, "list.pdf", "第 1 页", masked)


def test_attachment_metadata_is_a_warning_naming_the_file_and_what_was_found(tmp_path):
    root = records_copy(tmp_path)
    make_docx(root / "files" / "a.docx", ["正文"], author="张三", last_modified_by="测试县人民政府",
              company="某某软件公司", comment="内部意见：先不公开", inserted="新增", deleted="删除")
    make_pdf(root / "files" / "b.pdf", ["Text"], info={"/Author": "Zhang San", "/Producer": "Word"}, xmp=True)
    write(root, "items/czyjs/ys-2024.yml", (root / "items/czyjs/ys-2024.yml").read_text(encoding="utf-8")
          + "attachments:\n  - {path: files/b.pdf}\n")
    portal = load_portal(root, AS_OF)
    found = {w.path: w.message for w in portal.warnings if "正文以外" in w.message}
    assert found.keys() == {"tasks_yaml/files/a.docx", "tasks_yaml/files/b.pdf"}
    docx = found["tasks_yaml/files/a.docx"]
    assert "作者“张三”" in docx and "单位“某某软件公司”" in docx and "批注 1 条" in docx
    assert "修订痕迹 2 处（插入 1、删除 1）" in docx
    assert "测试县人民政府" not in docx  # an office's name says nothing about a person
    assert "作者“Zhang San”" in found["tasks_yaml/files/b.pdf"] and "XMP 元数据" in found["tasks_yaml/files/b.pdf"]
    assert all(w.severity == "警告" for w in portal.warnings if "正文以外" in w.message)


def test_an_unreadable_attachment_is_a_warning_not_a_crash(tmp_path):
    root = records_copy(tmp_path)  # the fixture's files/a.docx is not a Word file
    portal = load_portal(root, AS_OF)
    assert [w.path for w in portal.warnings if "无法读取附件内容" in w.message] == ["tasks_yaml/files/a.docx"]


# waivers ---------------------------------------------------------------------------------------------


def _two_mobiles(root, waiver: str = "") -> None:
    write(root, "items/czyjs/zb.yml", "title: 中标公告\npublished: 2024-02-01\nbody: |\n"
          "  项目负责人李某，手机13912345678。\n  代理机构联系人王某，手机13812340000。\n" + REVIEW + waiver)


def test_a_waiver_lets_exactly_one_hit_through_and_the_audit_lists_it(tmp_path):
    root = records_copy(tmp_path)
    _two_mobiles(root)
    assert len(privacy_errors(root)) == 2
    reason = "依据《中华人民共和国招标投标法实施条例》第五十四条公示中标候选人，已取得本人书面同意"
    _two_mobiles(root, f"privacy_waiver:\n  - {{value_tail: \"5678\", kind: 手机号码, reason: {reason}}}\n")
    (left,) = privacy_errors(root)
    assert "138****0000" in left.message and left.line == 5
    _two_mobiles(root, f"privacy_waiver:\n  - {{value_tail: \"5678\", kind: 手机号码, reason: {reason}}}\n"
                 f"  - {{value_tail: \"0000\", reason: 同上}}\n")
    portal = load_portal(root, AS_OF)
    report = audit_portal(portal)
    listed = [f for f in report.findings if f.rule.id == "R12.1"]
    assert [(f.target.file, f.target.line) for f in listed] == [("tasks_yaml/items/czyjs/zb.yml", 8),
                                                                   ("tasks_yaml/items/czyjs/zb.yml", 9)]
    assert reason in listed[0].message and "5678" in listed[0].message and "手机号码" in listed[0].message
    assert "个人信息保护法" in listed[0].rule.source.text()


def test_a_waiver_of_another_kind_or_tail_does_not_apply(tmp_path):
    root = records_copy(tmp_path)
    _two_mobiles(root, "privacy_waiver:\n  - {value_tail: \"5678\", kind: 身份证号, reason: 理由}\n")
    assert len(privacy_errors(root)) == 2


def test_a_waiver_that_matches_nothing_is_a_warning(tmp_path):
    root = records_copy(tmp_path)
    write(root, "qa/qa-x.yml", "question: 问\nanswer: 答\ntopic: 救助\nupdated: 2024-01-01\n" + REVIEW
          + "privacy_waiver:\n  - {value_tail: \"5678\", reason: 公示}\n")
    portal = load_portal(root, AS_OF)
    assert [(w.path, w.line) for w in portal.warnings if "没有对应任何个人信息" in w.message] == [
        ("tasks_yaml/qa/qa-x.yml", 7)]


@pytest.mark.parametrize("waiver, message", [
    ("{value_tail: \"78\", reason: 公示}", "太短"),
    ("{value_tail: \"5678\", reason: \" \"}", "没有写理由"),
])
def test_a_waiver_needs_four_characters_and_a_reason(tmp_path, waiver, message):
    root = records_copy(tmp_path)
    _two_mobiles(root, f"privacy_waiver:\n  - {waiver}\n")
    assert any(message in p.message for p in problems(root) if p.severity == "错误")
    assert len(privacy_errors(root)) == 2


# the demo ------------------------------------------------------------------------------------------


def test_the_demo_has_no_false_positive_and_a_planted_number_is_caught(tmp_path, capsys, monkeypatch):
    """The demo publishes 61 office phones (32 numbers) in bodies and contact fields: none is a hit. One planted mobile
    number is the one and only error, and `zwgk check` names it and stops."""
    demo = tmp_path / "tasks_yaml"
    shutil.copytree(REPO / "tasks_yaml", demo)
    load_portal(demo, AS_OF)  # no error
    path = demo / "qa" / "qa-002.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("咨询。\n", "咨询，或联系经办人手机13912345678。\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--as-of", "2026-11-22"]) == 2
    err = capsys.readouterr().err
    (line,) = [ln for ln in err.splitlines() if ": 错误: " in ln]
    assert line.startswith("tasks_yaml/qa/qa-002.yml:10:") and "139****5678" in line
    assert "13912345678" not in err and "发现 1 处错误" in err


def test_each_attachment_is_read_once_per_process(tmp_path):
    """Each attachment is read once per process (memory only); a second check reads none of them again.
    (How long a check takes is measured in benchmarks/check_speed.py, not asserted here.)"""
    demo = tmp_path / "tasks_yaml"
    shutil.copytree(REPO / "tasks_yaml", demo)
    from zwgk import scrub

    scrub._inspect.cache_clear()
    load_portal(demo, AS_OF)
    misses = scrub._inspect.cache_info().misses
    load_portal(demo, AS_OF)
    assert scrub._inspect.cache_info().misses == misses >= 70


def test_while_parsed_files_are_kept_each_load_checks_what_changed(tmp_path):
    """zwgk serve keeps parsed records and what is derived from each (zwgk.derived): an edit that adds
    personal data is caught at once, removing it clears the error, and an attachment changed behind an
    unchanged record is read again."""
    from zwgk.load import keep_parsed

    root = records_copy(tmp_path)
    clean = DOC + "attachments:\n  - {title: 名单, path: files/list.docx}\n" + REVIEW
    write(root, "normative/x.yml", clean)
    make_docx(root / "files" / "list.docx", ["名单公示", "共 3 户"])
    keep_parsed()
    try:
        load_portal(root, AS_OF)
        write(root, "normative/x.yml", clean.replace("测试县丁办法", "测试县丁办法（联系人手机13912345678）"))
        (found,) = privacy_errors(root)
        assert found.path == "tasks_yaml/normative/x.yml" and "139****5678" in found.message
        write(root, "normative/x.yml", clean)
        load_portal(root, AS_OF)
        make_docx(root / "files" / "list.docx", ["名单公示", f"身份证号{ID_NUMBER}"])
        (found,) = privacy_errors(root)
        assert "files/list.docx" in found.message and "1101**********002X" in found.message
    finally:
        keep_parsed(False)
