"""The auditor's report: every rule has a case that triggers it and a near miss that does not.

Each case is a tiny records folder written by one builder (write_records) from a clean base that
produces no finding at all; a case changes one thing in it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import REPO, run_zwgk
from zwgk.audit import RULES, audit_portal
from zwgk.audit.documents import doc_number_problem, index_number_problem
from zwgk.audit.export import to_csv, to_json
from zwgk.audit.interpretations import containment, substance
from zwgk.portal import load_portal
from zwgk.workdays import add_workdays, workdays_between

AS_OF = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).parent / "fixtures" / "audit"
REVIEW = {"first": "甲某", "second": "乙某", "final": "丙某"}
CONTACT = {"department": "测试县民政局", "person": "刘某某", "phone": "0818-1234567"}
DOC_BODY = (
    "第一条 为规范最低生活保障审核确认工作，根据有关规定，结合本县实际，制定本办法。\n\n"
    "第二条 本办法适用于本县行政区域内城乡最低生活保障的申请受理、家庭经济状况调查、审核确认和资金发放。\n\n"
    "第三条 乡镇人民政府负责审核确认，县民政局负责统筹管理和业务指导，村民委员会协助做好相关工作。\n"
)
INTERP_BODY = (
    "## 一、出台背景\n\n近年来群众反映低保申请材料多、跑腿多，为让困难家庭少跑路、快享受，"
    "县民政局在广泛征求乡镇意见的基础上起草了这份文件。\n\n"
    "## 二、主要变化\n\n审核确认权下放到乡镇，办理时限从四十五天压缩到二十天，申请人可以在村里"
    "直接递交材料，由村干部代为录入系统，家庭经济状况通过部门数据共享核对，不再要求群众自己开证明。\n"
)


def doc(n: int, year: int, published: str, **extra) -> dict:
    """A complete normative document as its YAML mapping."""
    day = dt.date.fromisoformat(published)
    data = {
        "title": f"测试县人民政府关于印发《测试县第{n}号办法》的通知",
        "doc_number": f"测府发〔{year}〕{n}号",
        "index_number": f"11510000MB0000000N/{year}-{n:05d}",
        "issuer": "测试县人民政府",
        "topic": "民政、扶贫、救灾",
        "written": day - dt.timedelta(days=2),
        "published": day,
        "effective": day + dt.timedelta(days=20),
        "attachments": [
            {"title": "正式文本（Word版）", "path": f"files/d{n}.docx"},
            {"title": "正式文本（PDF版）", "path": f"files/d{n}.pdf"},
        ],
        "body": DOC_BODY,
        "review": REVIEW,
    }
    data.update(extra)
    return data


def interp(of: str, published: str, **extra) -> dict:
    data = {
        "of": of,
        "title": f"{of} 政策解读",
        "published": dt.date.fromisoformat(published),
        "forms": ["文字解读", "图解", "简明问答"],
        "contact": CONTACT,
        "body": INTERP_BODY,
        "review": REVIEW,
    }
    data.update(extra)
    return data


def base() -> dict:
    """The clean base: {path under tasks_yaml/: YAML mapping, or bytes for a file}. Audits with no finding."""
    return {
        "portal.yml": {
            "name": "测试县人民政府",
            "agency": "测试县人民政府办公室",
            "credit_code": "11510000MB0000000N",
            "annual_report": [
                {
                    "year": 2024,
                    "normative_valid": 0,
                    "normative_issued": 0,
                    "normative_repealed": 0,
                },
                {
                    "year": 2025,
                    "normative_valid": 1,
                    "normative_issued": 1,
                    "normative_repealed": 0,
                },
            ],
        },
        "columns.yml": {"columns": [{"id": "czyjs", "title": "财政预决算", "kind": "其他"}]},
        "normative/a.yml": doc(1, 2026, "2026-09-01"),
        "normative/b.yml": doc(2, 2025, "2025-06-03"),
        "interpretations/jd-a.yml": interp("a", "2026-09-03"),
        "interpretations/jd-b.yml": interp("b", "2025-06-04"),
        "qa/qa-1.yml": {
            "question": "低保怎么申请？",
            "answer": "向户籍所在地乡镇人民政府提出申请。",
            "topic": "救助",
            "basis": ["a"],
            "department": "测试县民政局",
            "updated": dt.date(2026, 6, 1),
            "review": REVIEW,
        },
        "items/czyjs/ys-2026.yml": {
            "title": "测试县2026年预算公开",
            "published": dt.date(2026, 10, 1),
            "issuer": "测试县财政局",
            "body": "预算表见附件。",
            "attachments": [{"title": "预算表", "path": "files/ys.pdf"}],
            "review": REVIEW,
        },
        "tasks/2026.yml": {
            "year": 2026,
            "title": "测试县2026年政务公开重点工作任务分工",
            "sections": [
                {
                    "title": "一、规范性文件",
                    "tasks": [
                        {
                            "no": 1,
                            "requirement": "集中公开规范性文件。",
                            "lead": ["县司法局"],
                            "deadline": "持续推进",
                            "status": "推进中",
                            "evidence": ["gfxwj/"],
                        }
                    ],
                }
            ],
        },
        **{
            f"files/{name}": b"%PDF-1.4\n"
            for name in ("d1.docx", "d1.pdf", "d2.docx", "d2.pdf", "ys.pdf")
        },
    }


def write_records(root: Path, spec: dict) -> Path:
    """The one fixture builder: spec (as base() returns) → a records folder at root."""
    for rel, data in spec.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    return root


def audit(
    tmp_path: Path,
    spec: dict,
    as_of: dt.date = AS_OF,
    site: Path | None = None,
    docs: Path | None = None,
):
    root = write_records(tmp_path / "tasks_yaml", spec)
    return audit_portal(load_portal(root, as_of), site, docs)


def ids(report) -> list[str]:
    return [f.rule.id for f in report.findings]


# ---- the clean base ----------------------------------------------------------------------------


def test_clean_base_has_no_finding(tmp_path):
    report = audit(tmp_path, base())
    assert [(f.rule.id, f.message) for f in report.findings] == []
    assert report.site_score == 100 and not report.veto
    assert set(report.not_run) == {"R9.1"}  # no built site given: link check not run, not passed
    assert report.status(next(r for r in RULES if r.id == "R9.1")) == "未运行"


def test_every_rule_has_source_message_and_hint():
    assert len({r.id for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.title and rule.source.title and rule.message and rule.hint, rule.id
        assert rule.severity in ("error", "warning")


# ---- one case per rule: (rule, change that triggers it, near miss that does not) ------------------


def _set(path, **values):
    def change(spec):
        spec[path].update(values)

    return change


def _unset(path, *keys):
    def change(spec):
        for key in keys:
            spec[path].pop(key)

    return change


def _drop(*paths):
    def change(spec):
        for p in paths:
            del spec[p]

    return change


def _columns(*columns):
    def change(spec):
        spec["columns.yml"]["columns"] += list(columns)

    return change


def _item(column, published, **extra):
    def change(spec):
        spec[f"items/{column}/x-{column}.yml"] = {
            "title": "一条信息",
            "published": published,
            "review": REVIEW,
            **extra,
        }

    return change


def _both(*changes):
    def change(spec):
        for c in changes:
            c(spec)

    return change


def _version_of_b(body):
    """b's consolidated text as amended by a (a takes effect 20 days after its publication)."""
    return _set("normative/b.yml", versions=[{"date": dt.date(2026, 9, 21), "by": "a", "body": body}])


def _annual(year, **values):
    def change(spec):
        for entry in spec["portal.yml"]["annual_report"]:
            if entry["year"] == year:
                entry.update(values)

    return change


def _task(**values):
    def change(spec):
        spec["tasks/2026.yml"]["sections"][0]["tasks"][0].update(values)

    return change


def _redirect(old: str, new: str):
    def change(spec):
        spec["redirects.yml"] = {"redirects": [{"old": old, "new": new}]}

    return change


def _unreviewed_doc(spec):
    spec["normative/c.yml"] = doc(3, 2026, "2026-09-02", review={"first": "甲某"})


EMPTY = [{"id": f"e{n}", "title": f"空栏目{n}"} for n in range(5)]
STALE = [{"id": f"s{n}", "title": f"旧栏目{n}", "kind": "动态"} for n in range(5)]
OLD_ITEMS = [_item(f"s{n}", dt.date(2026, 11, 1)) for n in range(5)]

CASES = [
    # rule, triggers, near miss
    (
        "R1.1",
        _columns({"id": "hjgl", "title": "户籍管理"}),
        _columns({"id": "hjgl", "title": "户籍管理", "empty_note": "户籍事项由县公安局统一公开。"}),
    ),
    ("R1.2", _columns(*EMPTY), _columns(*EMPTY[:4])),
    (
        "R2.1",
        _set("items/czyjs/ys-2026.yml", published=dt.date(2025, 11, 21)),
        _set("items/czyjs/ys-2026.yml", published=dt.date(2025, 11, 22)),
    ),
    ("R2.1", _set("items/czyjs/ys-2026.yml", published=None), _set("items/czyjs/ys-2026.yml")),
    (
        "R2.1",
        _both(_columns(STALE[0]), _item("s0", dt.date(2026, 11, 7))),
        _both(_columns(STALE[0]), _item("s0", dt.date(2026, 11, 8))),
    ),
    ("R2.2", _both(_columns(*STALE), *OLD_ITEMS), _both(_columns(*STALE[:4]), *OLD_ITEMS[:4])),
    ("R3.1", _set("normative/a.yml", body=""), _set("normative/a.yml", body="第一条 正文。")),
    (
        "R3.2",
        _set("normative/a.yml", written=dt.date(2026, 9, 2)),
        _set("normative/a.yml", written=dt.date(2026, 9, 1)),
    ),
    (
        "R3.3",
        _set("normative/a.yml", doc_number="测府发[2026]01号"),
        _set("normative/a.yml", doc_number="测府发〔2026〕10号"),
    ),
    (
        "R3.3",
        _set("normative/a.yml", doc_number="测府发〔2026〕第1号"),
        _set("normative/a.yml", doc_number="测试县人民政府令第1号"),
    ),
    (
        "R3.4",
        _set("normative/a.yml", index_number="11510000MB0000000N-2026-00001"),
        _set("normative/a.yml", index_number="11510000MB0000000N/2026-1"),
    ),
    (
        "R3.5",
        _set("normative/a.yml", attachments=[{"path": "files/d1.docx"}]),
        _set("normative/a.yml", attachments=[{"path": "files/d1.pdf"}, {"path": "files/d1.docx"}]),
    ),
    (
        "R3.6",
        _set(
            "normative/a.yml", attachments=[{"path": "files/d1.docx"}, {"path": "files/gone.pdf"}]
        ),
        _set("normative/a.yml", attachments=[{"path": "files/d1.docx"}, {"path": "files/d1.pdf"}]),
    ),
    (
        "R4.1",
        _set("normative/a.yml", validity="已废止"),
        _set("normative/a.yml", validity="现行有效"),
    ),
    (
        "R4.2",
        _set("normative/b.yml", expires=dt.date(2026, 10, 31), validity="现行有效"),
        _set("normative/b.yml", expires=dt.date(2026, 10, 31), validity="已失效"),
    ),
    (
        "R4.3",
        _both(_unreviewed_doc, _set("normative/b.yml", amended_by=["c"])),
        _set("normative/b.yml", amended_by=["a"]),
    ),
    ("R4.4", _set("normative/a.yml", amended_by=["b"]), _set("normative/b.yml", amended_by=["a"])),
    (
        "R4.5",
        _set("normative/a.yml", amends=["b"]),
        _both(_set("normative/a.yml", amends=["b"]), _version_of_b(DOC_BODY + "\n第四条 新增的规定。\n")),
    ),
    (
        "R4.6",
        _both(_set("normative/a.yml", amends=["b"]), _version_of_b(DOC_BODY.replace("\n\n", "\n\n\n"))),
        _both(_set("normative/a.yml", amends=["b"]), _version_of_b(DOC_BODY + "\n第四条 新增的规定。\n")),
    ),
    ("R5.1", _annual(2025, normative_valid=2), _annual(2025, normative_valid=1)),
    (
        "R5.2",
        _annual(2025, normative_issued=2, normative_valid=2),
        _annual(2025, normative_issued=1),
    ),
    ("R5.3", _annual(2024, normative_valid=3), _annual(2024, normative_valid=0)),
    (
        "R6.1",
        _drop("interpretations/jd-b.yml"),
        _both(
            _drop("interpretations/jd-b.yml"),
            _set("normative/b.yml", published=dt.date(2026, 11, 20)),
        ),
    ),
    (
        "R6.2",
        _set("interpretations/jd-a.yml", published=dt.date(2026, 9, 7)),
        _set("interpretations/jd-a.yml", published=dt.date(2026, 9, 4)),
    ),
    # National Day 2026: 1–7 October off, so 9 October is the 2nd working day after 30 September.
    (
        "R6.2",
        _both(
            _set("normative/a.yml", published=dt.date(2026, 9, 30), written=dt.date(2026, 9, 28)),
            _set("interpretations/jd-a.yml", published=dt.date(2026, 10, 14)),
        ),
        _both(
            _set("normative/a.yml", published=dt.date(2026, 9, 30), written=dt.date(2026, 9, 28)),
            _set("interpretations/jd-a.yml", published=dt.date(2026, 10, 9)),
        ),
    ),
    (
        "R6.3",
        _set("interpretations/jd-a.yml", forms=["文字解读", "图解"]),
        _set("interpretations/jd-a.yml", forms=["文字解读", "视频", "在线访谈"]),
    ),
    (
        "R6.4",
        _set(
            "interpretations/jd-a.yml", contact={"department": "测试县民政局", "person": "刘某某"}
        ),
        _set("interpretations/jd-a.yml", contact=CONTACT),
    ),
    ("R6.4", _unset("interpretations/jd-a.yml", "contact"), _set("interpretations/jd-a.yml")),
    (
        "R6.5",
        _set("interpretations/jd-a.yml", body="## 主要内容\n\n" + DOC_BODY),
        _set(
            "interpretations/jd-a.yml", body=INTERP_BODY + "\n文件规定：" + DOC_BODY.split("\n")[0]
        ),
    ),
    (
        "R6.6",
        _set(
            "interpretations/jd-a.yml",
            body="## 一、出台背景\n\n## 二、主要内容\n\n（一）审核确认\n\n（二）资金发放\n",
        ),
        _set("interpretations/jd-a.yml", body=INTERP_BODY),
    ),
    ("R7.1", _set("qa/qa-1.yml", basis=[]), _set("qa/qa-1.yml", basis=["b"])),
    (
        "R7.2",
        _both(_unreviewed_doc, _set("qa/qa-1.yml", basis=["c"])),
        _set("qa/qa-1.yml", basis=["a", "b"]),
    ),
    (
        "R7.3",
        _set("normative/a.yml", repealed_on=dt.date(2026, 11, 1)),
        _set("normative/a.yml", repealed_on=dt.date(2026, 12, 1)),
    ),
    (
        "R7.4",
        _both(_set("qa/qa-1.yml", basis=["b"]), _set("normative/a.yml", amends=["b"])),
        _set("normative/a.yml", effective=dt.date(2026, 12, 1)),
    ),  # basis 尚未生效: may be explained early
    (
        "R8.1",
        _task(deadline="2026-06-30", status="推进中"),
        _task(deadline="2026-06-30", status="已完成"),
    ),
    ("R8.1", _task(deadline="6月底前", status=None), _task(deadline="年底前", status="推进中")),
    ("R8.2", _task(lead=[]), _task(lead="县司法局")),
    ("R8.2", _task(lead=[], responsible=[], guide=[]), _task(lead=[], responsible=["县司法局"])),
    ("R8.2", _task(lead=[], responsible=[], guide=[]), _task(lead=[], guide=["县政务公开办"])),
    (
        "R8.3",
        _task(evidence=["zdly/nothing/"]),
        _task(evidence=["zdly/czyjs/", "gfxwj/a/", "files/ys.pdf", "zcjd/"]),
    ),
    (
        "R8.3",
        _task(evidence=["gfxwj/xxyx/nothing/"]),
        _task(evidence=["gfxwj/xxyx/"]),
    ),  # pages only rendering knows
    (
        "R9.3",
        _redirect("gfxwj/old/", "gfxwj/nothing/"),
        _redirect("gfxwj/old/", "gfxwj/"),
    ),
    (
        "R9.2",
        _set(
            "items/czyjs/ys-2026.yml", attachments=[{"title": "预算表", "path": "files/gone.pdf"}]
        ),
        _set("items/czyjs/ys-2026.yml", attachments=[{"title": "预算表", "path": "files/ys.pdf"}]),
    ),
    ("R10.1", _unreviewed_doc, _set("normative/a.yml", review=REVIEW)),
    (
        "R10.2",
        _both(
            _unreviewed_doc,
            lambda s: s.update({"interpretations/jd-c.yml": interp("c", "2026-09-03")}),
        ),
        _unreviewed_doc,
    ),
    (
        "R12.1",
        _set(
            "qa/qa-1.yml",
            answer="向户籍所在地乡镇人民政府提出申请，经办人手机13912345678。",
            privacy_waiver=[{"value_tail": "5678", "reason": "经办人书面同意公开"}],
        ),
        _set("qa/qa-1.yml", answer="向户籍所在地乡镇人民政府提出申请，经办人手机139****5678。"),
    ),
]


@pytest.mark.parametrize(
    "rule_id, triggers, near_miss", CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)]
)
def test_rule_triggers_and_near_miss_does_not(tmp_path, rule_id, triggers, near_miss):
    hit = base()
    triggers(hit)
    assert rule_id in ids(audit(tmp_path / "hit", hit))
    miss = base()
    near_miss(miss)
    assert rule_id not in ids(audit(tmp_path / "miss", miss))


def test_every_rule_has_a_case():
    from test_annual_report import ANNUAL_CASES  # rules 5.4–5.8 (report files) have their cases there
    from test_catalogue import CATALOGUE_CASES  # rule 15 (标准目录) has its cases there
    from test_audit_units import UNIT_CASES  # rule 13 (each unit's own column) has its cases there
    from test_participation_audit import PARTICIPATION_CASES  # rule 14 (公众参与): one fixture, each case a file

    assert {r.id for r in RULES} - {c[0] for c in PARTICIPATION_CASES + CASES + UNIT_CASES + ANNUAL_CASES + CATALOGUE_CASES} == {
        "R9.1"
    }  # R9.1 needs a built site: tested below


# ---- what the findings say ---------------------------------------------------------------------------


def test_finding_names_rule_target_source_and_fix(tmp_path):
    spec = base()
    _set("normative/a.yml", attachments=[{"path": "files/d1.docx"}])(spec)
    (f,) = audit(tmp_path, spec).findings
    assert (f.rule.id, f.severity, f.column) == ("R3.5", "error", "gfxwj")
    assert (
        f.target.page == "gfxwj/a.md"
        and f.target.file == "tasks_yaml/normative/a.yml"
        and f.target.line > 1
    )
    assert f.message == "缺少PDF版标准电子文本"
    assert "国办发〔2018〕37号" in f.rule.source.text() and "attachments" in f.hint
    assert "tasks_yaml/files/" in f.hint  # the records folder as it is named here


NATIONAL = r"(〔\d{4}〕\d+号|国务院令第\d+号|GB/T \d+)"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_cites_a_national_rule_or_the_portals_own_setting(rule):
    import re

    text = rule.source.text()
    assert re.search(NATIONAL, text) or "portal.yml" in text or "本门户" in text, text
    assert not re.search(r"\.txt|第 \d+ 行|县\d{4}", text), text  # no other county's task list
    assert "国办函〔2019〕19号" not in text  # the indicators are 国办秘函〔2019〕19号
    assert "示例县" not in rule.hint and "tasks_yaml" not in rule.hint and "11511722" not in rule.hint


def test_hints_name_this_portals_folder_and_credit_code(tmp_path):
    spec = base()
    _set("normative/a.yml", attachments=[{"path": "files/gone.pdf"}], index_number="坏的索引号")(spec)
    root = write_records(tmp_path / "records", spec)
    report = audit_portal(load_portal(root, AS_OF))
    hints = {f.rule.id: f.hint for f in report.findings}
    assert "records/files/gone.pdf" in hints["R3.6"] and "tasks_yaml" not in hints["R3.6"]
    credit = load_portal(root, AS_OF).config.credit_code
    assert credit and f"{credit}/2026-00012" in hints["R3.4"]


def test_doc_number_as_typed_is_reported_though_the_loader_normalised_it(tmp_path):
    spec = base()
    _set("normative/a.yml", doc_number="测府发（2026）01号")(spec)
    (f,) = [f for f in audit(tmp_path, spec).findings if f.rule.id == "R3.3"]
    assert (
        "测府发（2026）01号" in f.message and "不用“（）”" in f.message and "不编虚位" in f.message
    )
    assert "测府发〔2026〕1号" in f.message  # what the site shows


def test_missing_consolidated_text_can_be_left_unchecked(tmp_path):
    spec = base()
    spec["normative/a.yml"]["amends"] = ["b"]
    spec["portal.yml"]["audit"] = {"consolidated_versions": "不检查"}
    assert "R4.5" not in ids(audit(tmp_path, spec))


def test_expired_but_marked_valid_is_one_finding_not_two(tmp_path):
    spec = base()
    _set("normative/b.yml", expires=dt.date(2026, 10, 31), validity="现行有效")(spec)
    found = ids(audit(tmp_path, spec))
    assert found.count("R4.2") == 1 and "R4.1" not in found


def test_stale_and_empty_vetoes_are_site_level(tmp_path):
    spec = base()
    _columns(*EMPTY)(spec)
    report = audit(tmp_path, spec)
    (veto,) = report.veto
    assert veto.rule.id == "R1.2" and veto.column == "" and "5 个" in veto.message
    assert [s.score for s in report.columns if s.column.key.startswith("zdly/e")] == [0] * 5


def test_workdays_outside_the_calendar_fall_back_to_weekdays_and_say_so(tmp_path):
    spec = base()
    _set("normative/a.yml", published=dt.date(2030, 1, 7), written=dt.date(2030, 1, 4))(spec)
    _set("interpretations/jd-a.yml", published=dt.date(2030, 1, 14))(spec)
    (f,) = [
        f for f in audit(tmp_path, spec, as_of=dt.date(2030, 2, 1)).findings if f.rule.id == "R6.2"
    ]
    assert "第 5 个工作日" in f.message and "2030年按周一至周五计算" in f.message


def test_workdays_follow_the_official_calendar():
    assert workdays_between(dt.date(2026, 9, 30), dt.date(2026, 10, 9)).days == 2
    day, count = add_workdays(dt.date(2026, 9, 30), 3)
    assert (
        day == dt.date(2026, 10, 10) and count.official
    )  # Saturday 10 October 2026 is a make-up working day
    assert not workdays_between(dt.date(2026, 12, 30), dt.date(2027, 1, 5)).official


@pytest.mark.parametrize(
    "value, problem",
    [
        ("示府办发〔2023〕12号", None),
        ("示例县人民政府令第3号", None),
        ("示府办发[2023]12号", "年份应使用六角括号〔〕"),
        ("示府办发〔23〕12号", "年份应标全称"),
        ("示府办发〔2023〕012号", "不编虚位"),
        ("示府办发〔2023〕第12号", "不加“第”字"),
        ("示府办发〔2023〕12", "应以“号”结尾"),
        ("示府办发〔２０２３〕１２号", "半角阿拉伯数字"),
        ("〔2023〕12号", "缺少发文机关代字"),
        ("示府办发2023年12号", "缺少用六角括号〔〕括入的年份"),
    ],
)
def test_doc_number_problems(value, problem):
    found = doc_number_problem(value)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(
    "value, ok",
    [
        ("11511722MB00000003/2023-00012", True),
        ("11511722MB00000003/2023-1", True),
        ("11511722MB00000003-2023-00012", False),
        ("1151172/2023-00012", False),
        ("11511722MB00000003/23-00012", False),
        ("11511722MB00000003/2023", False),
        ("11511722MI0000000X/2023-00012", False),  # I is not in credit codes
    ],
)
def test_index_number_form(value, ok):
    assert (index_number_problem(value) is None) is ok


def test_similarity_and_substance_measures():
    assert containment(DOC_BODY, DOC_BODY) == 1.0
    assert containment(INTERP_BODY, DOC_BODY) < 0.2
    assert substance("## 一、出台背景\n\n（一）审核\n\n**主要内容**\n") == 0
    assert substance(INTERP_BODY) > 100


def test_annual_table_is_computed_for_any_year(tmp_path):
    spec = base()
    _set("normative/b.yml", repealed_on=dt.date(2026, 3, 1))(spec)
    _set("normative/a.yml", doc_number="测试县人民政府令第1号")(spec)
    report = audit(tmp_path, spec)
    rows = {(r.year, r.kind): (r.issued, r.repealed, r.valid) for r in report.annual}
    assert rows[(2025, "行政规范性文件")] == (1, 0, 1)
    assert rows[(2026, "行政规范性文件")] == (0, 1, 0)
    assert rows[(2026, "规章")] == (1, 0, 1)
    assert rows[(2024, "规章")] == (0, 0, 0)


def test_scores(tmp_path):
    spec = base()
    _set("interpretations/jd-a.yml", forms=["文字解读"])(spec)  # two warnings in 政策解读
    _unset("interpretations/jd-a.yml", "contact")(spec)
    _drop("interpretations/jd-b.yml")(spec)  # one error in 政策解读
    report = audit(tmp_path, spec)
    scores = {s.column.key: s.score for s in report.columns}
    assert scores["zcjd"] == 100 - 10 - 3 - 3 and scores["gfxwj"] == 100
    assert report.site_score == round(sum(scores.values()) / len(scores))
    monthly = {s.column.key: s.monthly for s in report.columns}["gfxwj"]
    assert len(monthly) == 12 and monthly[-1][:2] == (2026, 11) and (2026, 9, 1) in monthly


# ---- determinism, JSON, CSV, CLI ---------------------------------------------------------------------


def test_report_is_deterministic_and_exports(tmp_path):
    spec = base()
    _columns(*EMPTY[:2])(spec)
    _task(lead=[], evidence=["zdly/nothing/"])(spec)
    first, second = audit(tmp_path / "1", spec), audit(tmp_path / "2", spec)
    assert to_json(first) == to_json(second)
    data = json.loads(to_json(first))
    assert data["as_of"] == "2026-11-22" and data["counts"] == {"错误": 3, "警告": 1}
    assert [r["status"] for r in data["rules"] if r["id"] == "R9.1"] == ["未运行"]
    text = to_csv(first)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert (
        [r["规则编号"] for r in rows]
        == [f["rule"] for f in data["findings"]]
        == ["R1.1", "R1.1", "R8.2", "R8.3"]
    )
    assert rows[0]["页面地址"] == "zdly/e0/" and rows[0]["依据"].startswith(
        "《政府网站与政务新媒体检查指标》"
    )


def test_csv_cells_are_never_formulas(tmp_path):
    spec = base()
    _columns({"id": "e0", "title": '=HYPERLINK("http://x")'})(spec)
    rows = list(csv.DictReader(io.StringIO(to_csv(audit(tmp_path, spec))[1:])))
    assert rows[0]["对象"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    "value, safe",
    [
        ("=1+1", True), (" =1+1", True), ("\u3000=1+1", True), ("\xa0+cmd", True), ("＝SUM(A1)", True),
        (" ＋1", True), ("－1", True), ("＠x", True), ("\tx", True), ("\nx", True), ("@SUM(A1)", True),
        ("示府发〔2023〕1号", False), ("2023-01-05", False), ("a=b", False), ("", False),
    ],
)
def test_formula_guard_covers_spaces_and_full_width_signs(value, safe):
    from zwgk.export import formula_safe

    assert formula_safe(value) == ("'" + value if safe else value)


def _cli_project(tmp_path, spec) -> Path:
    write_records(tmp_path / "tasks_yaml", spec)
    return tmp_path


def test_cli_exit_status_and_files(tmp_path):
    spec = base()
    _task(lead=[])(spec)  # one warning, no error
    project = _cli_project(tmp_path, spec)
    common = ["audit", "--as-of", "2026-11-22"]
    plain = run_zwgk(*common, "--out", "out", cwd=project)
    assert plain.returncode == 0, plain.stderr
    assert (
        "R8.2" in plain.stdout
        and "tasks_yaml/tasks/2026.yml:" in plain.stdout
        and "未运行 R9.1" in plain.stderr
    )
    assert (project / "out" / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (
        json.loads((project / "out" / "report.json").read_text(encoding="utf-8"))["findings"][0][
            "rule"
        ]
        == "R8.2"
    )
    assert run_zwgk(*common, "--fail-on", "error", cwd=project).returncode == 0
    assert run_zwgk(*common, "--fail-on", "warning", cwd=project).returncode == 1
    (project / "tasks_yaml" / "normative" / "a.yml").write_text("title: [\n", encoding="utf-8")
    broken = run_zwgk(*common, "--fail-on", "warning", cwd=project)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


# ---- rule 9 on a built site ----------------------------------------------------------------------------


def _site(tmp_path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "built-site-sample", site)
    return site


def test_site_without_broken_links_passes_rule_9(tmp_path):
    report = audit(tmp_path, base(), site=_site(tmp_path))
    assert "R9.1" not in ids(report) and not report.not_run


def test_broken_links_in_site_are_found_once_per_target(tmp_path):
    site = _site(tmp_path)
    extra = {
        "gfxwj/index.html": '<a href="/wza/">无障碍</a>',
        "gfxwj/a-2026-1/index.html": '<a href="../../wza/">无障碍</a><img src="../../files/gone.png" alt="">',
    }
    for page, links in extra.items():
        path = site / page
        path.write_text(
            path.read_text(encoding="utf-8").replace("</body>", links + "</body>"), encoding="utf-8"
        )
    found = {
        f.message: f for f in audit(tmp_path, base(), site=site).findings if f.rule.id == "R9.1"
    }
    assert sorted(found) == [
        "链接“../../files/gone.png”指向的 files/gone.png 不存在（1 个页面有此链接）",
        "链接“../../wza/”指向的 wza/ 不存在（2 个页面有此链接）",
    ]
    assert {(f.target.page, f.column) for f in found.values()} == {("gfxwj/a-2026-1/", "gfxwj")}


def test_cli_refuses_a_folder_that_is_not_a_site(tmp_path):
    project = _cli_project(tmp_path, base())
    proc = run_zwgk("audit", "--as-of", "2026-11-22", "--site", "nowhere", cwd=project)
    assert proc.returncode == 2 and "不是已生成的网站" in proc.stderr


# ---- the /jcbg/ page in the demo's staff build (zwgk build --staff; never in the public site) ---------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.srcs, self.svgs, self.scripts, self.ids = [], [], 0, [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("src"):
            self.srcs.append(attrs["src"])
        self.svgs += tag == "svg"
        if tag == "script":
            self.scripts.append(attrs.get("src") or "")


def test_demo_report_page(staff_site, built_site):
    page = staff_site / "jcbg" / "index.html"
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.svgs >= 20  # a chart per column
    assert not [s for s in parser.srcs if s.startswith(("http:", "https:", "//"))]
    public = "https://www.example.gov.cn/"  # the staff build links the pages it names on the public site
    record_links = [h for h in parser.links if h.startswith(public + "gfxwj/") and h != public + "gfxwj/"]
    assert record_links, "findings link to the record pages"
    for href in record_links + [h for h in parser.links if h.startswith(public + "zdly/")]:
        target = built_site / href.removeprefix(public).split("#")[0]
        assert (target / "index.html").is_file() or target.is_file(), href
    for anchor in [h[1:] for h in parser.links if h.startswith(("#rule-", "#chart-"))]:
        assert anchor in parser.ids, anchor
    data = json.loads((staff_site / "jcbg" / "report.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-11-22" and data["findings"]
    assert (staff_site / "jcbg" / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    text = page.read_text(encoding="utf-8")
    assert f"<strong>{data['score']}</strong> 分" in text


def test_demo_report_matches_cli(staff_site, tmp_path):
    proc = run_zwgk("audit", "--as-of", "2026-11-22", "--out", str(tmp_path), cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    for name in ("report.json", "units.json"):
        cli = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert cli == json.loads((staff_site / "jcbg" / name).read_text(encoding="utf-8")), name


def test_demo_planted_defects_are_found():
    report = audit_portal(load_portal(REPO / "tasks_yaml", AS_OF))
    rules = {f.rule.id for f in report.findings}
    assert {"R3.5", "R6.2", "R7.3", "R8.3"} <= rules, sorted(rules)
    assert list(report.not_run) == ["R9.1"]
