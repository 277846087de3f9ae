"""The 政府信息公开工作年度报告 in the 国办公开办函〔2021〕30号 format: its tables, as one model for page, .docx and audit.

A report is a record (records.AnnualReport, ndbg/<year>.yml or units/<id>/ndbg/<year>.yml). This module holds
what the template fixes and what is computed from it, in one place:

- the row and column headings of tables 二, 三 and 四, exactly as the template has them;
- the 第二十条第（一）项 rows (规章, 行政规范性文件: 本年制发, 本年废止, 现行有效) computed from the library as of
  31 December of the year, for the county government or any unit (document_rows);
- each 总计 as the report states it, or as its parts add up when it states none (the audit compares the two);
- the deadline: 条例第四十九条 (departments, townships, streets: 31 January) and 第五十条 (county government:
  31 March), configurable in portal.yml audit.annual_due_*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .docnumber import is_rule
from .records import AnnualReport, ApplicantCounts, DocumentCounts, ReviewCounts
from .units import ROOT
from .validity import compute_validity

TEMPLATE = "国办公开办函〔2021〕30号"
PARTS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# Checked heading by heading (tests/test_annual_report.py pins them in reading order) against the 2021 template
# as real reports reproduce it; tables 三 and 四 also against a report published in the 2019 format
# (国办公开办函〔2019〕60号), whose headings 30号 kept except for splitting （六）其他处理 into three rows.

# table 二 -------------------------------------------------------------------------------------------------
DOC_ITEM = "第二十条第（一）项"
INFO = "信息内容"
DOC_KINDS = ("规章", "行政规范性文件")
DOC_HEADINGS = (INFO, "本年制发件数", "本年废止件数", "现行有效件数")
# (第二十条 item, the figure's heading, [(row heading, report field)])
DECISION_ROWS = (
    ("第二十条第（五）项", "本年处理决定数量", (("行政许可", "permits"),)),
    ("第二十条第（六）项", "本年处理决定数量", (("行政处罚", "penalties"), ("行政强制", "coercion"))),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (("行政事业性收费", "fees"),)),
)

# table 三 -------------------------------------------------------------------------------------------------
APPLICANTS = (("natural", "自然人"), ("business", "商业企业"), ("research", "科研机构"),
              ("charity", "社会公益组织"), ("legal", "法律服务机构"), ("other", "其他"))
APPLICANT_FIELDS = tuple(name for name, _ in APPLICANTS)
NATURAL = APPLICANTS[0][1]  # 自然人
ORGANISATIONS = "法人或其他组织"
TOTAL_COLUMN = "总计"
APPLICANT_HEADING = "申请人情况"
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# (group heading or "", field, row heading); the groups are the template's （三）…（六）
RESULT_ROWS = (
    ("", "granted", "（一）予以公开"),
    ("", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（三）不予公开", "secret", "1.属于国家秘密"),
    ("（三）不予公开", "forbidden", "2.其他法律行政法规禁止公开"),
    ("（三）不予公开", "security", "3.危及“三安全一稳定”"),
    ("（三）不予公开", "third_party", "4.保护第三方合法权益"),
    ("（三）不予公开", "internal", "5.属于三类内部事务信息"),
    ("（三）不予公开", "process", "6.属于四类过程性信息"),
    ("（三）不予公开", "enforcement", "7.属于行政执法案卷"),
    ("（三）不予公开", "inquiry", "8.属于行政查询事项"),
    ("（四）无法提供", "not_held", "1.本机关不掌握相关政府信息"),
    ("（四）无法提供", "to_make", "2.没有现成信息需要另行制作"),
    ("（四）无法提供", "unclear", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "petition", "1.信访举报投诉类申请"),
    ("（五）不予处理", "repeated", "2.重复申请"),
    ("（五）不予处理", "publication", "3.要求提供公开出版物"),
    ("（五）不予处理", "excessive", "4.无正当理由大量反复申请"),
    ("（五）不予处理", "confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("（六）其他处理", "no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "other", "3.其他"),
)
NEW, CARRIED_OVER, RESULTS, TOTAL, CARRIED_FORWARD = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（七）总计",
    "四、结转下年度继续办理",
)

# table 四 -------------------------------------------------------------------------------------------------
RECONSIDERATION, LITIGATION = "行政复议", "行政诉讼"
REVIEW_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                   ("pending", "尚未审结"), ("total", TOTAL_COLUMN))
REVIEW_GROUPS = (("reconsideration", RECONSIDERATION, ""), ("litigation_direct", LITIGATION, "未经复议直接起诉"),
                 ("litigation_after", LITIGATION, "复议后起诉"))

ORGAN_DUE, GOVERNMENT_DUE = (1, 31), (3, 31)  # 条例第四十九条, 第五十条 (defaults of portal.yml audit)


# 第二十条第（一）项 computed from the library ---------------------------------------------------------------
@dataclass(frozen=True)
class AnnualRow:
    """One row of the 第二十条（一） table: a kind of document of a unit in a year, counted as of `day`."""

    year: int
    kind: str
    issued: int
    repealed: int
    valid: int
    day: dt.date
    unit: str = ROOT


def document_rows(portal, year: int, unit: str = ROOT) -> list[AnnualRow]:
    """规章 and 行政规范性文件 of one unit for a year, counted as of 31 December (or the audit date, if earlier).

    制发: published that year. 废止: became 已废止 or 已失效 that year. 现行有效: in force (现行有效 or 已修改)
    on the day counted. Only documents published in the library count, and only the unit's own: each unit
    reports its documents, the county government (unit '') its own.
    """
    day = min(dt.date(year, 12, 31), portal.as_of)
    counts = {k: {"issued": 0, "repealed": 0, "valid": 0} for k in DOC_KINDS}
    for doc in portal.documents.values():
        if doc.published > day or (doc.unit or ROOT) != unit:
            continue
        row = counts["规章" if is_rule(doc) else "行政规范性文件"]
        status = compute_validity(doc, portal.records.normative, portal.amended_by.get(doc.id, []), day)
        row["issued"] += doc.published.year == year
        row["repealed"] += status.state in ("已废止", "已失效") and bool(status.since) and status.since.year == year
        row["valid"] += status.in_force
    return [AnnualRow(year, k, counts[k]["issued"], counts[k]["repealed"], counts[k]["valid"], day, unit)
            for k in DOC_KINDS]


def declared_documents(report: AnnualReport) -> dict[str, DocumentCounts | None]:
    """The 第二十条（一） figures the report states, by kind (None: not stated, the library's are printed)."""
    return {"规章": report.rules, "行政规范性文件": report.normative}


def document_figures(portal, report: AnnualReport) -> dict[str, DocumentCounts]:
    """What the report prints in the 第二十条（一） rows: its own figures where stated, else the library's."""
    computed = {r.kind: DocumentCounts(issued=r.issued, repealed=r.repealed, valid=r.valid)
                for r in document_rows(portal, report.year, report.unit or ROOT)}
    return {k: v or computed[k] for k, v in declared_documents(report).items()}


# totals ------------------------------------------------------------------------------------------------------
def parts(counts: ApplicantCounts) -> int:
    """A table 三 row's applicant columns added up."""
    return sum(getattr(counts, name) for name in APPLICANT_FIELDS)


def row_total(counts: ApplicantCounts) -> int:
    """A table 三 row's 总计: as stated, or its parts."""
    return parts(counts) if counts.total is None else counts.total


def results_sum(report: AnnualReport) -> ApplicantCounts:
    """（七）总计 as the 办理结果 rows add up, column by column."""
    rows = [getattr(report.applications, f) for _g, f, _l in RESULT_ROWS]
    summed = {name: sum(getattr(r, name) for r in rows) for name in APPLICANT_FIELDS}
    return ApplicantCounts(**summed, total=sum(row_total(r) for r in rows))


def results_total(report: AnnualReport) -> ApplicantCounts:
    """（七）总计 as the report states it, or as its rows add up."""
    return report.applications.total or results_sum(report)


def review_total(counts: ReviewCounts) -> int:
    return review_parts(counts) if counts.total is None else counts.total


def review_parts(counts: ReviewCounts) -> int:
    return counts.upheld + counts.corrected + counts.other + counts.pending


def column_values(counts: ApplicantCounts) -> list[int]:
    """A table 三 row as printed: the six applicant columns and 总计."""
    return [getattr(counts, name) for name in APPLICANT_FIELDS] + [row_total(counts)]


# which reports are out, and when they were due ------------------------------------------------------------------
def published_reports(portal) -> dict[tuple[str, int], AnnualReport]:
    """Reports through 三审, published on or before the build date, whose unit exists, by (unit, year)."""
    return {key: r for key, r in sorted(portal.records.annual_reports.items())
            if r.review is not None and r.review.complete and r.published <= portal.as_of
            and (r.unit or ROOT) in portal.units}


def due_date(portal, unit, year: int) -> dt.date:
    """The day a unit's report on `year` is due: governments by 31 March (条例第五十条), departments, townships
    and streets by 31 January (第四十九条), as set in portal.yml audit.annual_due_*."""
    limits = portal.config.audit
    text = limits.annual_due_government if unit.kind == "县政府" else limits.annual_due_organ
    month, day = (int(p) for p in text.split("-"))
    return dt.date(year + 1, month, day)


def report_text(report: AnnualReport) -> str:
    """The report's own words (一、五、六), compared between years and units."""
    return f"{report.overview}\n{report.problems}\n{report.other}"
