"""The 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) as records: loading, the computed 第二十条（一） rows, the
audit rules that make the figures add up (R5.4–R5.9, and R5.1–R5.3 on a report file's own figures), the page,
the .docx (read back with python-docx) and `zwgk new annual-report`.

Rule cases reuse tests/test_audit.py's clean base: one 行政规范性文件 of the county issued 2025-06-03 (in force on
31 December 2025) and one issued 2026.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from helpers import REPO, project_copy, run_zwgk
from htmldom import main_content, parse
from test_audit import AS_OF, REVIEW, _both, audit, base, doc, ids, write_records
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
from zwgk.annualdocx import report_document, report_files
from zwgk.annualreport import RESULT_ROWS, document_rows, due_date
from zwgk.audit import audit_portal
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.portal import load_portal

FIXTURE = Path(__file__).parent / "fixtures" / "annual"
FGJ_CODE = "11510000MB0100010A"


def report(year: int, **changes) -> dict:
    """A consistent county report: 3 new applications (自然人 2, 商业企业 1), all answered."""
    data = {
        "year": year,
        "published": dt.date(year + 1, 3, 10),
        "overview": f"{year}年县政府按照条例要求推进政务公开，第{year - 2000}次集中清理规范性文件并更新目录。",
        "applications": {
            "new": {"natural": 2, "business": 1, "total": 3},
            "granted": {"natural": 1, "business": 1},
            "not_held": {"natural": 1},
        },
        "problems": f"{year}年存在的问题：栏目更新不够及时。改进：建立提醒机制。",
        "review": REVIEW,
    }
    for key, value in changes.items():
        if key == "applications":
            data["applications"] = {**data["applications"], **value}
        else:
            data[key] = value
    return data


def _report(year: int, unit: str = "", **changes):
    def change(spec):
        spec[f"{'units/' + unit + '/' if unit else ''}ndbg/{year}.yml"] = report(year, **changes)

    return change


def _unit(kind: str = "部门"):
    def change(spec):
        spec["units/fgj/unit.yml"] = {"name": "测试县发展和改革局", "kind": kind, "credit_code": FGJ_CODE}

    return change


LONG_TEXT = ("县政府以公开为常态、不公开为例外，全年主动公开政府信息一千余条，涉企政策集中发布并逐件解读，"
             "依申请公开统一登记、统一答复，全部在法定期限内办结。")

ANNUAL_CASES = [
    # rule, triggers, near miss (applied to test_audit's base)
    ("R5.4", _report(2025, applications={"new": {"natural": 2, "business": 1, "total": 4}}), _report(2025)),
    ("R5.4", _report(2025, applications={"total": {"natural": 3, "business": 1}}),
     _report(2025, applications={"total": {"natural": 2, "business": 1}})),
    ("R5.4", _report(2025, reviews={"reconsideration": {"upheld": 1, "pending": 1, "total": 1}}),
     _report(2025, reviews={"reconsideration": {"upheld": 1, "pending": 1, "total": 2}})),
    ("R5.5", _report(2025, applications={"carried_forward": {"natural": 1}}),
     _report(2025, applications={"carried_forward": {"natural": 1}, "carried_over": {"natural": 1}})),
    ("R5.6", _both(_report(2024, applications={"carried_forward": {"natural": 1},
                                               "not_held": {"natural": 0}}), _report(2025)),
     _both(_report(2024, applications={"carried_forward": {"natural": 1}, "not_held": {"natural": 0}}),
           _report(2025, applications={"carried_over": {"natural": 1}, "carried_forward": {"natural": 1}}))),
    ("R5.7", _report(2025, published=dt.date(2026, 4, 1)), _report(2025, published=dt.date(2026, 3, 31))),
    ("R5.7", _both(_unit(), _report(2025, "fgj", published=dt.date(2026, 2, 1))),
     _both(_unit(), _report(2025, "fgj", published=dt.date(2026, 1, 31)))),
    ("R5.8", _both(_report(2024, overview=LONG_TEXT), _report(2025, overview=LONG_TEXT)),
     _both(_report(2024, overview=LONG_TEXT), _report(2025))),
    ("R5.8", _both(_unit(), _report(2025, overview=LONG_TEXT), _report(2025, "fgj", overview=LONG_TEXT,
                                                                         published=dt.date(2026, 1, 20))),
     _both(_unit(), _report(2025, overview=LONG_TEXT), _report(2025, "fgj", published=dt.date(2026, 1, 20)))),
]


def _decision_item(path: str, title: str, day: dt.date):
    def change(spec):
        spec[path] = {"title": title, "published": day, "issuer": "测试县人民政府", "review": REVIEW}

    return change


PERMIT_2025 = _decision_item("items/xzxk/xk-2025.yml", "测试县2025年第一批行政许可决定公示", dt.date(2025, 6, 2))
ANNUAL_CASES += [
    # R5.9: one 行政许可 published in 2025 and a report that states none; the near miss states one
    ("R5.9", _both(PERMIT_2025, _report(2025)), _both(PERMIT_2025, _report(2025, permits=1))),
    # … a 行政强制 published in 2025 (filed under 行政处罚和行政强制) counts as 行政强制, not 行政处罚
    ("R5.9", _both(_decision_item("items/xzcf/qz-2025.yml", "测试县2025年行政强制措施决定公示", dt.date(2025, 3, 3)),
                   _report(2025, penalties=5)),
     _both(_decision_item("items/xzcf/qz-2025.yml", "测试县2025年行政强制措施决定公示", dt.date(2025, 3, 3)),
           _report(2025, coercion=1))),
]


@pytest.mark.parametrize("rule_id, triggers, near_miss", ANNUAL_CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(ANNUAL_CASES)])
def test_rule_triggers_and_near_miss_does_not(tmp_path, rule_id, triggers, near_miss):
    hit = base()
    triggers(hit)
    assert rule_id in ids(audit(tmp_path / "hit", hit))
    miss = base()
    near_miss(miss)
    found = audit(tmp_path / "miss", miss).findings
    assert [f.message for f in found if f.rule.id.startswith("R5.")] == []


def test_published_decisions_counted_per_unit_and_year(tmp_path):
    # the county states 1 permit; it published 2 in 2025 (and one in 2024, and a unit's one): one finding, 2 against 1
    spec = base()
    _both(_unit(), _report(2025, permits=1), PERMIT_2025,
          _decision_item("items/xzxk/xk-2025-2.yml", "测试县行政许可决定公示（第二批）", dt.date(2025, 12, 30)),
          _decision_item("items/xzxk/xk-2024.yml", "测试县2024年行政许可决定公示", dt.date(2024, 12, 30)),
          _decision_item("items/xzxk/ba-2025.yml", "测试县2025年备案事项办理结果", dt.date(2025, 7, 1)),
          _decision_item("units/fgj/items/xzxk/fgj-xk-2025.yml", "县发改局行政许可决定公示", dt.date(2025, 8, 1)))(spec)
    found = [f for f in audit(tmp_path, spec).findings if f.rule.id == "R5.9"]
    assert [f.message for f in found] == ["测试县人民政府2025年年报表二“行政许可”的本年处理决定数量为 1，"
                                          "本网站公开的本单位2025年行政许可信息却有 2 条"]
    assert found[0].target.file == "tasks_yaml/ndbg/2025.yml" and found[0].rule.severity == "warning"


def test_consistent_reports_give_no_finding_and_every_rule_runs(tmp_path):
    spec = base()
    _both(_report(2024), _report(2025))(spec)
    result = audit(tmp_path, spec)
    assert [f.message for f in result.findings] == []
    assert set(result.not_run) == {"R9.1"}


def test_inconsistent_fixture_findings_counted_by_hand(tmp_path):
    spec = base()
    _report(2024, applications={"carried_forward": {"natural": 1}, "not_held": {"natural": 0}})(spec)
    root = write_records(tmp_path / "tasks_yaml", spec)
    shutil.copy(FIXTURE / "inconsistent-2025.yml", root / "ndbg" / "2025.yml")  # as written, comments and all
    found = [f for f in audit_portal(load_portal(root, AS_OF)).findings if f.rule.id.startswith("R5.")]
    counted: dict[str, int] = {}
    for f in found:
        counted[f.rule.id] = counted.get(f.rule.id, 0) + 1
    assert counted == {"R5.1": 1, "R5.3": 1, "R5.4": 3, "R5.5": 3, "R5.6": 2, "R5.7": 1}
    by_rule = {f.rule.id: f for f in found}
    assert by_rule["R5.1"].message == "2025年年报填报行政规范性文件现行有效 3 件，文件库截至2025年12月31日现行有效 1 件"
    assert by_rule["R5.7"].message == "测试县人民政府2025年年报于2026年4月2日公布，晚于法定期限2026年3月31日"
    sums = sorted(f.message for f in found if f.rule.id == "R5.4")
    assert sums == ["2025年年报表三“一、本年新收政府信息公开申请数量”行的总计填报 7，各项之和为 6",
                    "2025年年报表三“（七）总计”行“商业企业”列的总计填报 1，各项之和为 2",
                    "2025年年报表四“行政复议”的总计填报 1，各项之和为 2"]
    assert "2025年年报表三“总计”列：本年新收 7 + 上年结转 0 = 7，而办理结果总计 4 + 结转下年度 0 = 4" in [
        f.message for f in found if f.rule.id == "R5.5"]
    for f in found:  # located in the report file, at a line of it
        assert f.target.file == "tasks_yaml/ndbg/2025.yml" and f.target.line > 1, f
        assert f.target.page == "xxgk/ndbg/2025.md"
    lines = {f.rule.id: f.target.line for f in found}
    text = (FIXTURE / "inconsistent-2025.yml").read_text(encoding="utf-8").splitlines()
    assert text[lines["R5.7"] - 1].startswith("published:")


def test_document_rows_computed_from_the_library_per_unit(tmp_path):
    """Hand count for 发改局: a 规范性文件 issued 2024 and repealed 2025, a 规章 issued 2025, one issued 2026."""
    spec = base()
    _unit()(spec)
    def d(n, year):
        return {"index_number": f"{FGJ_CODE}/{year}-{n:05d}", "issuer": "测试县发展和改革局"}

    spec["units/fgj/normative/f1.yml"] = doc(11, 2024, "2024-05-06", **d(11, 2024), repealed_on=dt.date(2025, 7, 1))
    spec["units/fgj/normative/f2.yml"] = doc(12, 2025, "2025-03-03", **d(12, 2025), doc_number="测试县人民政府令第3号")
    spec["units/fgj/normative/f3.yml"] = doc(13, 2026, "2026-02-02", **d(13, 2026))
    for n in (11, 12, 13):
        spec[f"files/d{n}.docx"] = spec[f"files/d{n}.pdf"] = b"%PDF-1.4\n"
    portal = load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    rows = {(r.year, r.kind): (r.issued, r.repealed, r.valid) for y in (2024, 2025, 2026)
            for r in document_rows(portal, y, "fgj")}
    assert rows == {
        (2024, "规章"): (0, 0, 0), (2024, "行政规范性文件"): (1, 0, 1),
        (2025, "规章"): (1, 0, 1), (2025, "行政规范性文件"): (0, 1, 0),
        (2026, "规章"): (0, 0, 1), (2026, "行政规范性文件"): (1, 0, 1),  # as of 2026-11-22
    }
    county = {(r.kind): (r.issued, r.repealed, r.valid) for r in document_rows(portal, 2025)}
    assert county == {"规章": (0, 0, 0), "行政规范性文件": (1, 0, 1)}  # the county's own only


def test_a_unit_reports_figures_checked_against_its_library(tmp_path):
    spec = base()
    _unit()(spec)
    _report(2025, "fgj", published=dt.date(2026, 1, 20), normative={"issued": 1, "valid": 1})(spec)
    found = [f for f in audit(tmp_path, spec).findings if f.rule.id.startswith("R5.")]
    assert sorted(f.message for f in found) == [
        "2025年年报填报行政规范性文件本年制发件数 1 件，文件库计算为 0 件",
        "2025年年报填报行政规范性文件现行有效 1 件，文件库截至2025年12月31日现行有效 0 件",
    ]
    assert {f.target.unit for f in found} == {"fgj"} and {f.column for f in found} == {"xxgknb"}


def test_deadlines_by_kind_and_configurable(tmp_path):
    spec = base()
    _unit("乡镇")(spec)
    portal = load_portal(write_records(tmp_path / "a" / "tasks_yaml", spec), AS_OF)
    assert due_date(portal, portal.units[""], 2025) == dt.date(2026, 3, 31)  # 条例第五十条
    assert due_date(portal, portal.units["fgj"], 2025) == dt.date(2026, 1, 31)  # 第四十九条
    spec["portal.yml"]["audit"] = {"annual_due_organ": "02-15"}
    _report(2025, "fgj", published=dt.date(2026, 2, 10))(spec)
    assert "R5.7" not in ids(audit(tmp_path / "b", spec))
    spec["portal.yml"]["audit"] = {"annual_due_organ": "02-30"}
    with pytest.raises(RecordError) as caught:
        load_records(write_records(tmp_path / "c" / "tasks_yaml", spec))
    assert "tasks_yaml/portal.yml:" in str(caught.value) and "年报公布期限“02-30”不是 月-日" in str(caught.value)


def test_a_unit_report_file_counts_as_its_annual_report(tmp_path):
    spec = base()
    _unit()(spec)
    assert "R13.8" in ids(audit(tmp_path / "a", spec))
    _report(2025, "fgj", published=dt.date(2026, 1, 20))(spec)
    assert "R13.8" not in ids(audit(tmp_path / "b", spec))


@pytest.mark.parametrize("name, text, where, message", [
    ("2025.yml", "applications:\n  new: {natural: -2}\n", ":7:", "“自然人”是 -2，不能为负数"),
    ("2024.yml", "", ":1:", "文件名是 2024.yml，年度却是 2025"),
    ("2025.yml", "permits: 很多\n", ":6:", "行政许可本年处理决定数量"),
    ("2025.yml", "permit: 3\n", ":6:", "未知字段“permit”"),
])
def test_bad_report_files_are_located_errors(tmp_path, name, text, where, message):
    root = write_records(tmp_path / "tasks_yaml", base())
    body = ("year: 2025\npublished: 2026-03-01\noverview: 总体情况。\nproblems: 问题。\n"
            "review: {first: 甲某, second: 乙某, final: 丙某}\n" + text)
    (root / "ndbg").mkdir()
    (root / "ndbg" / name).write_text(body, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_records(root)
    shown = str(caught.value)
    assert f"tasks_yaml/ndbg/{name}" in shown and message in shown, shown
    line = next(ln for ln in shown.splitlines() if message in ln or f"ndbg/{name}" in ln)
    assert where in line or name == "2024.yml", line


def test_personal_data_in_a_report_stops_the_build(tmp_path):
    spec = base()
    _report(2025, problems="申请人张某（手机13912345678）反映答复不及时，已整改。")(spec)
    with pytest.raises(RecordError) as caught:
        load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    shown = str(caught.value)
    assert "tasks_yaml/ndbg/2025.yml:" in shown and "手机号码" in shown, shown


def test_unreviewed_or_future_reports_are_not_published(tmp_path):
    spec = base()
    _report(2025, review={"first": "甲某"})(spec)
    _report(2024, published=dt.date(2026, 12, 1))(spec)
    portal = load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    assert report_files(portal) == {}


# ---- the demo: pages and .docx ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    return load_portal(REPO / "tasks_yaml", dt.date(2026, 11, 22))


def test_demo_has_reports_for_the_county_and_two_units_that_add_up(demo):
    assert sorted(demo.records.annual_reports) == [("", 2024), ("", 2025), ("czj", 2024), ("czj", 2025),
                                                    ("fgj", 2024), ("fgj", 2025)]
    from zwgk.audit.annual import report_checks

    assert [f.message for f in report_checks(demo)] == []


HEADINGS_三 = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
               "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


# Every heading of tables 二、三、四 in reading order (row by row, left to right), character for character as the
# 国办公开办函〔2021〕30号 template prints them; the page and the .docx must both give exactly these.
TEMPLATE_OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TEMPLATE_HEADINGS = {
    "二": ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
          "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可",
          "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "行政强制",
          "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费"],
    "三": ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
          "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
          "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
          "三、本年度办理结果", "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
          "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
          "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
          "8.属于行政查询事项",
          "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
          "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
          "5.要求行政机关确认或重新出具已获取信息",
          "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
          "（七）总计", "四、结转下年度继续办理"],
    "四": ["行政复议", "行政诉讼", *TEMPLATE_OUTCOMES, "未经复议直接起诉", "复议后起诉", *TEMPLATE_OUTCOMES * 2],
}


def _page_headings(tables) -> list[str]:
    """A page's headings of one of the template's tables: captions of 第二十条 items, then every th."""
    out = []
    for table in tables:
        caption = table.find("caption").text()
        out += [caption] if caption.startswith("第二十条") else []
        out += [th.text() for th in table.find_all("th")]
    return out


def _docx_headings(table) -> list[str]:
    """A Word table's text cells in reading order, each merged cell once."""
    seen, out = {}, []  # the cell elements are kept, so that no id is reused
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen and not re.fullmatch(r"[\d.]*", cell.text):
                out.append(cell.text)
            seen[id(cell._tc)] = cell._tc
    return out


def test_page_and_docx_headings_are_the_templates_exactly(built_site):
    main = main_content(parse((built_site / "bm/czj/ndbg/2025/index.html").read_text(encoding="utf-8")))
    tables = main.find_all("table")
    assert _page_headings(tables[:4]) == TEMPLATE_HEADINGS["二"]
    assert _page_headings(tables[4:5]) == TEMPLATE_HEADINGS["三"]
    assert _page_headings(tables[5:6]) == TEMPLATE_HEADINGS["四"]
    document = docx.Document(io.BytesIO((built_site / "bm/czj/ndbg/2025.docx").read_bytes()))
    assert [_docx_headings(t) for t in document.tables] == [TEMPLATE_HEADINGS[k] for k in ("二", "三", "四")]


def test_report_page_has_the_templates_parts_tables_and_figures(built_site):
    page = parse((built_site / "xxgk/ndbg/2024/index.html").read_text(encoding="utf-8"))
    main = main_content(page)
    h2 = [h.text().replace("¶", "").strip() for h in main.find_all("h2")]
    assert h2[:6] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    captions = [c.text() for c in main.find_all("caption")]
    assert captions == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                        "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    tables = main.find_all("table")
    apply = tables[4]
    assert [th.text() for th in apply.find("thead").find_all("th")] == HEADINGS_三
    rows = {tr.find_all("th")[-1].text(): [td.text() for td in tr.find_all("td")]
            for tr in apply.find("tbody").find_all("tr")}
    assert rows["一、本年新收政府信息公开申请数量"] == ["12", "3", "0", "1", "1", "0", "17"]
    assert rows["二、上年结转政府信息公开申请数量"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert rows["（七）总计"] == ["11", "3", "0", "1", "1", "0", "16"]
    assert rows["四、结转下年度继续办理"] == ["2", "0", "0", "0", "0", "0", "2"]
    assert list(rows) == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                          *[label for _g, _f, label in RESULT_ROWS], "（七）总计", "四、结转下年度继续办理"]
    docs = {tr.find("th").text(): [td.text() for td in tr.find_all("td")] for tr in tables[0].find_all("tr")[1:]}
    assert docs == {"规章": ["0", "0", "0"], "行政规范性文件": ["8", "3", "22"]}  # = portal.yml's 2024 figures
    assert [td.text() for td in tables[3].find_all("td")] == ["356.8"]
    reviews = tables[5]
    assert [td.text() for td in reviews.find_all("td")] == ["1", "0", "0", "0", "1", "0", "0", "0", "1", "1",
                                                             "0", "0", "0", "0", "0"]
    link = next(x for x in main.find_all("a") if x.text() == "下载 Word 版（.docx）")
    assert link.get("href") == "../2024.docx" and (built_site / "xxgk/ndbg/2024.docx").is_file()
    county = parse((built_site / "xxgk/ndbg/index.html").read_text(encoding="utf-8"))
    hrefs = [x.get("href") for x in county.find_all("a")]
    assert "2025/" in hrefs and "2024.docx" in hrefs
    unit = parse((built_site / "bm/fgj/ndbg/index.html").read_text(encoding="utf-8"))
    texts = [x.text() for x in unit.find_all("a")]
    assert "示例县发展和改革局2025年政府信息公开工作年度报告" in texts


def test_docx_has_the_templates_tables_read_back_with_python_docx(built_site, demo):
    data = (built_site / "bm/czj/ndbg/2025.docx").read_bytes()
    unit = demo.units["czj"]
    assert data == report_document(demo, unit, demo.records.annual_reports[("czj", 2025)])  # reproducible
    document = docx.Document(io.BytesIO(data))
    heads = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert heads == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    active, apply, reviews = document.tables
    assert [c.text for c in active.rows[1].cells] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [c.text for c in active.rows[0].cells] == ["第二十条第（一）项"] * 4  # merged across the table
    assert [c.text for c in active.rows[3].cells] == ["行政规范性文件", "0", "0", "0"]
    assert [active.rows[r].cells[0].text for r in (4, 7, 11)] == ["第二十条第（五）项", "第二十条第（六）项",
                                                                   "第二十条第（八）项"]
    assert [c.text for c in active.rows[13].cells][:2] == ["行政事业性收费", "3.9"]
    assert [c.text for c in apply.rows[1].cells][3:] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert [c.text for c in apply.rows[2].cells][3:] == HEADINGS_三[2:3] + HEADINGS_三[5:] + ["总计"]
    by_label = {row.cells[2].text: [c.text for c in row.cells[3:]] for row in apply.rows[3:]}
    assert by_label["二、上年结转政府信息公开申请数量"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert by_label["2.没有现成信息需要另行制作"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert by_label["（七）总计"] == ["5", "2", "0", "0", "0", "0", "7"]
    assert apply.rows[5].cells[0].text == "三、本年度办理结果" and apply.rows[26].cells[0].text == "三、本年度办理结果"
    assert [c.text for c in reviews.rows[1].cells][5:7] == ["未经复议直接起诉", "未经复议直接起诉"]
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "本年度未收取信息处理费。" in texts and "本年度未收到人大代表建议和政协委员提案。" in texts
    assert document.core_properties.created.date() == dt.date(2026, 1, 29)  # its publication day, not now


class _CellByCell:
    """A table's cells found as before #17's speed-up: Table.cell() at every write (slow, surely right)."""

    def __init__(self, table, row=None):
        self.table, self.row = table, row

    def __getitem__(self, i):
        return _CellByCell(self.table, i) if self.row is None else self.table.cell(self.row, i)


def test_docx_is_written_without_walking_the_table_per_cell_and_gives_the_same_bytes(tmp_path, monkeypatch):
    import docx.table

    from zwgk import annualdocx

    spec = base()
    _both(_report(2024), _report(2025, reviews={"reconsideration": {"upheld": 1, "pending": 1}}))(spec)
    portal = load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    report = portal.records.annual_reports[("", 2025)]

    def slow_grid(doc, rows, cols):
        table = doc.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        return _CellByCell(table)

    with monkeypatch.context() as m:
        m.setattr(annualdocx, "_grid", slow_grid)
        before = report_document(portal, portal.units[""], report)

    def walk(*_args):
        raise AssertionError("Table.cell() reads the whole table on every call")

    monkeypatch.setattr(docx.table.Table, "cell", walk)
    assert report_document(portal, portal.units[""], report) == before


def test_new_annual_report_template(tmp_path):
    project = project_copy(tmp_path)
    root = project / "tasks_yaml"
    (root / "ndbg").mkdir()
    (root / "ndbg" / "2025.yml").write_text(yaml.safe_dump(report(2025, applications={
        "carried_forward": {"natural": 1}, "not_held": {"natural": 0}}), allow_unicode=True), encoding="utf-8")
    made = run_zwgk("new", "annual-report", "--date", "2027-01-05", cwd=project)
    assert made.returncode == 0, made.stderr
    path = root / "ndbg" / "2026.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/annual-report.schema.json\n")
    data = yaml.safe_load(text)
    assert data["year"] == 2026 and data["applications"]["carried_over"]["natural"] == 1
    assert "# （七）总计" in text and "# 不予处理：5.要求行政机关确认或重新出具已获取信息" in text
    checked = run_zwgk("check", cwd=project)
    assert checked.returncode == 2 and "ndbg/2026.yml" in checked.stderr + checked.stdout
    again = run_zwgk("new", "年报", "--date", "2027-01-05", cwd=project)
    assert again.returncode != 0 and "已存在" in again.stderr + again.stdout


# ---- in Chromium ----------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_on_the_report_pages(browser, built_site, width):
    with serve(built_site, "/zwgk/demo/") as base_url:
        context = browser.new_context(viewport={"width": width, "height": 900})
        blocked = guard_hosts(context, origin(base_url))
        serve_axe(context, base_url, axe_source())
        page = context.new_page()
        found, wide = {}, []
        for url in ("xxgk/ndbg/", "xxgk/ndbg/2025/", "bm/fgj/ndbg/", "bm/czj/ndbg/2024/"):
            response = page.goto(base_url + url)
            assert response.status == 200, url
            violations = run_axe(page, base_url, {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                                  "resultTypes": ["violations"]})
            if violations:
                found[url] = violations
            if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"):
                wide.append(url)
        page.goto(base_url + "xxgk/ndbg/2025/")
        with page.expect_download() as download:
            page.click("text=下载 Word 版（.docx）")
        saved = download.value.path()
        assert docx.Document(saved).tables[1].rows[3].cells[3].text == "9"
        context.close()
    assert found == {}, "\n" + format_violations(found)
    assert blocked == [] and wide == []

