"""Rule 5: the annual report's 第二十条（一） figures, computed for any year and compared with portal.yml."""

from __future__ import annotations

import datetime as dt

from ..annualreport import (
    APPLICANTS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    DECISION_ROWS,
    NEW,
    RESULT_ROWS,
    REVIEW_GROUPS,
    TOTAL,
    AnnualRow,
    declared_documents,
    document_rows,
    due_date,
    parts,
    published_reports,
    report_text,
    results_sum,
    results_total,
    review_parts,
    row_total,
)
from ..annualreport import DOC_KINDS as KINDS
from ..dates import format_cn
from ..pages import normative
from ..pages.annual import report_page
from ..portal import Portal
from ..units import ROOT
from ..yamlnodes import where
from .interpretations import containment
from .inventory import Context
from .model import Finding, Rule, Target
from .sources import ANNUAL, ANNUAL_COPY, ANNUAL_DEADLINE, ANNUAL_DECISIONS, ANNUAL_TABLES

FIGURES = {"issued": "本年制发件数", "repealed": "本年废止件数", "valid": "现行有效件数"}
DECLARED = {
    ("规章", "issued"): "rules_issued",
    ("规章", "repealed"): "rules_repealed",
    ("规章", "valid"): "rules_valid",
    ("行政规范性文件", "issued"): "normative_issued",
    ("行政规范性文件", "repealed"): "normative_repealed",
    ("行政规范性文件", "valid"): "normative_valid",
}

VALID_MISMATCH = Rule(
    "R5.1",
    "现行有效件数与年报不一致",
    "error",
    ANNUAL,
    "{year}年年报填报{kind}现行有效 {declared} 件，文件库截至{day}现行有效 {computed} 件",
    "核对文件库（有效性、废止、失效）与年报：文件库有误的改记录，年报填报有误的更正年报并改 "
    "portal.yml annual_report",
)
FIGURE_MISMATCH = Rule(
    "R5.2",
    "年报制发、废止件数与文件库不一致",
    "error",
    ANNUAL,
    "{year}年年报填报{kind}{figure} {declared} 件，文件库计算为 {computed} 件",
    "核对该年发布、废止和失效的文件；portal.yml annual_report 应与年报实际公布的数字一致",
)
IDENTITY = Rule(
    "R5.3",
    "年报数字前后年度不衔接",
    "error",
    ANNUAL,
    "{year}年年报{kind}现行有效 {valid} 件，而{prev}年现行有效 {prev_valid} + 本年制发 {issued} − "
    "本年废止 {repealed} = {expected} 件",
    "现行有效(当年) 应等于 现行有效(上年) + 本年制发 − 本年废止：核对两个年度的年报数字",
)
SUM = Rule(
    "R5.4",
    "年报总计不等于各项之和",
    "error",
    ANNUAL_TABLES,
    "{year}年年报{where}的总计填报 {declared}，各项之和为 {computed}",
    "总计应等于各项之和：核对各项数字和总计，改正年报文件中的数字（不填 total 则按各项相加）",
)
BALANCE = Rule(
    "R5.5",
    "年报申请数量不平衡",
    "error",
    ANNUAL_TABLES,
    "{year}年年报表三“{column}”列：本年新收 {new} + 上年结转 {over} = {left}，而办理结果总计 {done} + 结转下年度 "
    "{forward} = {right}",
    "表三每一列都应满足 一 + 二 = 三（七）+ 四：核对新收、上年结转、各项办理结果和结转下年度的数字",
)
CARRY = Rule(
    "R5.6",
    "上年结转与上年年报不一致",
    "error",
    ANNUAL_TABLES,
    "{year}年年报表三“{column}”列上年结转 {over} 件，{prev}年年报结转下年度继续办理 {forward} 件",
    "本年“二、上年结转政府信息公开申请数量”应等于上年“四、结转下年度继续办理”：核对两个年度的年报",
)
LATE = Rule(
    "R5.7",
    "年报逾期公布",
    "error",
    ANNUAL_DEADLINE,
    "{unit}{year}年年报于{published}公布，晚于法定期限{due}",
    "年报应在期限前公布；已逾期的，published 填实际公布日期，并在“六、其他需要报告的事项”中说明",
)
COPIED = Rule(
    "R5.8",
    "年报文字雷同",
    "warning",
    ANNUAL_COPY,
    "{unit}{year}年年报的文字（一、五、六）与{other}的相同部分占 {ratio}，超过 {maximum}",
    "按本年度实际工作情况重写总体情况、存在的问题及改进情况，不照搬往年或其他单位的年报",
)
FEWER_DECISIONS = Rule(
    "R5.9",
    "年报处理决定数少于网站公开的信息",
    "warning",
    ANNUAL_DECISIONS,
    "{unit}{year}年年报表二“{row}”的本年处理决定数量为 {declared}，本网站公开的本单位{year}年{row}信息却有 {published} 条",
    "按本年作出的处理决定如实填写表二；网站上的信息归错了单位、类别或发布年份的，改正信息",
)
RULES = (VALID_MISMATCH, FIGURE_MISMATCH, IDENTITY, SUM, BALANCE, CARRY, LATE, COPIED, FEWER_DECISIONS)
# 表二's decision rows and the published items that are such decisions: the category they are filed under and a word
# their title holds (行政许可和对外管理服务 also holds 备案 and other services; each published item is one decision or more)
DECISION_ITEMS = (("permits", "xzxk", "许可"), ("penalties", "xzcf", "处罚"), ("coercion", "xzcf", "强制"))


def annual_rows(portal: Portal, year: int) -> list[AnnualRow]:
    """The county government's 规章 and 行政规范性文件 for a year (annualreport.document_rows): portal.yml's
    figures are its report; each unit under units/ reports its own documents."""
    return document_rows(portal, year, ROOT)


def annual_table(portal: Portal) -> list[AnnualRow]:
    """Rows for every year from the first document (or declared year) to the audit year."""
    years = [d.published.year for d in portal.documents.values() if not d.unit] + [
        f.year for f in portal.config.annual_report
    ]
    first = min(years, default=portal.as_of.year)
    return [row for y in range(first, portal.as_of.year + 1) for row in annual_rows(portal, y)]


def _declared(portal) -> dict[tuple[str, int], tuple[dict[str, dict[str, int]], Target]]:
    """The 第二十条（一） figures each report states, by (unit, year): portal.yml annual_report (the county
    government's) and the rules/normative rows of report files (ndbg/<year>.yml, any unit)."""
    found: dict[tuple[str, int], tuple[dict[str, dict[str, int]], Target]] = {}
    for fig in portal.config.annual_report:
        target = Target(f"{fig.year}年政府信息公开工作年度报告", normative.INDEX, portal.config.file or "portal.yml",
                        where(fig, None)[0])
        found[(ROOT, fig.year)] = ({kind: {key: getattr(fig, DECLARED[(kind, key)]) for key in FIGURES}
                                    for kind in KINDS}, target)
    for (unit_id, year), report in published_reports(portal).items():
        stated = {k: v for k, v in declared_documents(report).items() if v is not None}
        if stated:
            figures = {kind: {key: getattr(counts, key) for key in FIGURES} for kind, counts in stated.items()}
            name = "rules" if "规章" in stated else "normative"
            found[(unit_id, year)] = (figures, _report_target(portal, report, name))
    return found


def _report_target(portal, report, field_name: str | None = None, node=None) -> Target:
    unit = portal.units[report.unit or ROOT]
    label = f"{unit.label}{report.year}年政府信息公开工作年度报告"
    return Target(label, report_page(unit, report.year), report.file, where(node or report, field_name)[0],
                  report.unit or ROOT)


def not_run(portal) -> dict[str, str]:
    """Rules 5.1–5.3 with no figures to compare. Rules 5.4–5.8 check report files; with none they pass, as
    R13.8 already reports a unit whose report is missing."""
    if _declared(portal):
        return {}
    return {r.id: "portal.yml 未填写 annual_report（年报数字），也没有填报数字的年报文件（ndbg/<年度>.yml）"
            for r in RULES[:3]}


def check(ctx: Context) -> list[Finding]:
    portal = ctx.portal
    return _document_figures(ctx) + report_checks(portal) + published_decisions(portal)


def published_decisions(portal) -> list[Finding]:
    """R5.9: a report's 行政许可, 行政处罚 or 行政强制 figure below the unit's own items of that kind published on the
    site that year (only where the site holds any)."""
    labels = {name: label for _item, _figure, lines in DECISION_ROWS for label, name in lines}
    found = []
    for (unit_id, year), report in published_reports(portal).items():
        for name, category, word in DECISION_ITEMS:
            published = sum(1 for i in portal.items_of.get(category, []) if (i.unit or ROOT) == unit_id
                            and i.published and i.published.year == year and word in i.title)
            declared = getattr(report, name)
            if published > declared:
                found.append(FEWER_DECISIONS.finding(
                    _report_target(portal, report, name), "xxgknb" if unit_id else "", unit=portal.units[unit_id].label,
                    year=year, row=labels[name], declared=declared, published=published))
    return found


def _document_figures(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    declared = _declared(portal)
    for (unit_id, year), (figures, target) in sorted(declared.items()):
        column = "xxgknb" if unit_id else ""
        ended = dt.date(year, 12, 31) <= ctx.as_of
        for row in document_rows(portal, year, unit_id) if ended else []:
            for key, words in FIGURES.items():
                if row.kind not in figures:
                    continue
                value, computed = figures[row.kind][key], getattr(row, key)
                if value == computed:
                    continue
                if key == "valid":
                    found.append(VALID_MISMATCH.finding(target, column, year=year, kind=row.kind, declared=value,
                                                        day=f"{year}年12月31日", computed=computed))
                else:
                    found.append(FIGURE_MISMATCH.finding(target, column, year=year, kind=row.kind, figure=words,
                                                         declared=value, computed=computed))
        prev = declared.get((unit_id, year - 1))
        for kind in KINDS if prev else ():
            if kind not in figures or kind not in prev[0]:
                continue
            now = figures[kind]
            before = prev[0][kind]["valid"]
            expected = before + now["issued"] - now["repealed"]
            if now["valid"] != expected:
                found.append(IDENTITY.finding(target, column, year=year, kind=kind, prev=year - 1,
                                              prev_valid=before, expected=expected, **now))
    return found


def report_checks(portal) -> list[Finding]:
    """Rules 5.4–5.8 on every published report file: totals, the balance of table 三, the carry-over from last
    year's report, the legal deadline, and text copied from last year's or another unit's report."""
    found: list[Finding] = []
    reports = published_reports(portal)
    limit = portal.config.audit.annual_similarity_max
    for (unit_id, year), report in reports.items():
        unit = portal.units[unit_id]
        column = "xxgknb" if unit_id else ""
        table = report.applications

        def target(field_name=None, node=None, report=report):
            return _report_target(portal, report, field_name, node)

        rows = [("new", NEW), ("carried_over", CARRIED_OVER)]
        rows += [(f, f"{g}{label}" if g else label) for g, f, label in RESULT_ROWS]
        rows += [("carried_forward", CARRIED_FORWARD)]
        if table.total is not None:
            rows.append(("total", TOTAL))
        for name, label in rows:
            counts = getattr(table, name)
            if counts.total is not None and counts.total != parts(counts):
                found.append(SUM.finding(target("total", counts), column, year=year, where=f"表三“{label}”行",
                                         declared=counts.total, computed=parts(counts)))
        if table.total is not None:
            summed = results_sum(report)
            for name, heading in APPLICANTS:
                if getattr(table.total, name) != getattr(summed, name):
                    found.append(SUM.finding(target(name, table.total), column, year=year,
                                             where=f"表三“{TOTAL}”行“{heading}”列", declared=getattr(table.total, name),
                                             computed=getattr(summed, name)))
        for name, group, sub in REVIEW_GROUPS:
            counts = getattr(report.reviews, name)
            if counts.total is not None and counts.total != review_parts(counts):
                found.append(SUM.finding(target("total", counts), column, year=year,
                                         where=f"表四“{group}{('（' + sub + '）') if sub else ''}”",
                                         declared=counts.total, computed=review_parts(counts)))
        done = results_total(report)
        for name, heading in [*APPLICANTS, ("total", "总计")]:
            value = row_total if name == "total" else (lambda c, n=name: getattr(c, n))
            new, over = value(table.new), value(table.carried_over)
            did, forward = value(done), value(table.carried_forward)
            if new + over != did + forward:
                found.append(BALANCE.finding(target("carried_forward", table), column, year=year, column=heading,
                                             new=new, over=over, left=new + over, done=did, forward=forward,
                                             right=did + forward))
        before = reports.get((unit_id, year - 1))
        if before is not None:
            for name, heading in [*APPLICANTS, ("total", "总计")]:
                value = row_total if name == "total" else (lambda c, n=name: getattr(c, n))
                over, forward = value(table.carried_over), value(before.applications.carried_forward)
                if over != forward:
                    found.append(CARRY.finding(target("carried_over", table), column, year=year, column=heading,
                                               over=over, prev=year - 1, forward=forward))
        due = due_date(portal, unit, year)
        if report.published > due:
            found.append(LATE.finding(target("published"), column, unit=unit.label, year=year,
                                      published=format_cn(report.published), due=format_cn(due)))
        text = report_text(report)
        others = [(f"本单位{year - 1}年年报", before)] if before is not None else []
        others += [(f"{portal.units[u].label}{year}年年报", r) for (u, y), r in reports.items()
                   if y == year and u != unit_id]
        for label, other in others:
            ratio = containment(text, report_text(other))
            if ratio > limit:
                found.append(COPIED.finding(target("overview"), column, unit=unit.label, year=year, other=label,
                                            ratio=f"{ratio:.0%}", maximum=f"{limit:.0%}"))
                break
    return found
