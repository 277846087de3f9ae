"""Rule 5: the annual report's 第二十条（一） figures, computed for any year and compared with portal.yml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..pages import normative
from ..portal import Portal
from ..validity import compute_validity
from ..yamlnodes import where
from .documents import is_rule
from .inventory import Context
from .model import Finding, Rule, Target
from .sources import ANNUAL

KINDS = ("规章", "行政规范性文件")
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
RULES = (VALID_MISMATCH, FIGURE_MISMATCH, IDENTITY)


@dataclass(frozen=True)
class AnnualRow:
    """One row of the 第二十条（一） table: a kind of document in a year, counted as of `day`."""

    year: int
    kind: str
    issued: int
    repealed: int
    valid: int
    day: dt.date


def annual_rows(portal: Portal, year: int) -> list[AnnualRow]:
    """规章 and 行政规范性文件 for a year, counted as of 31 December (or as of the audit date, if earlier).

    制发: published that year. 废止: became 已废止 or 已失效 that year. 现行有效: in force
    (现行有效 or 已修改) on the day counted. Only documents published in the library count, and only the county
    government's own: portal.yml's figures are its report; each unit under units/ reports its own documents.
    """
    day = min(dt.date(year, 12, 31), portal.as_of)
    counts = {k: {"issued": 0, "repealed": 0, "valid": 0} for k in KINDS}
    for doc in portal.documents.values():
        if doc.published > day or doc.unit:
            continue
        row = counts["规章" if is_rule(doc) else "行政规范性文件"]
        status = compute_validity(
            doc, portal.records.normative, portal.amended_by.get(doc.id, []), day
        )
        row["issued"] += doc.published.year == year
        row["repealed"] += (
            status.state in ("已废止", "已失效") and status.since and status.since.year == year
        )
        row["valid"] += status.in_force
    return [
        AnnualRow(year, k, counts[k]["issued"], counts[k]["repealed"], counts[k]["valid"], day)
        for k in KINDS
    ]


def annual_table(portal: Portal) -> list[AnnualRow]:
    """Rows for every year from the first document (or declared year) to the audit year."""
    years = [d.published.year for d in portal.documents.values() if not d.unit] + [
        f.year for f in portal.config.annual_report
    ]
    first = min(years, default=portal.as_of.year)
    return [row for y in range(first, portal.as_of.year + 1) for row in annual_rows(portal, y)]


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    declared = {f.year: f for f in portal.config.annual_report}
    for year in sorted(declared):
        fig = declared[year]
        line = where(fig, None)[0]
        target = Target(
            f"{year}年政府信息公开工作年度报告",
            normative.INDEX,
            portal.config.file or "portal.yml",
            line,
        )
        ended = dt.date(year, 12, 31) <= ctx.as_of
        for row in annual_rows(portal, year) if ended else []:
            for key, words in FIGURES.items():
                value, computed = getattr(fig, DECLARED[(row.kind, key)]), getattr(row, key)
                if value == computed:
                    continue
                if key == "valid":
                    found.append(
                        VALID_MISMATCH.finding(
                            target,
                            "",
                            year=year,
                            kind=row.kind,
                            declared=value,
                            day=f"{year}年12月31日",
                            computed=computed,
                        )
                    )
                else:
                    found.append(
                        FIGURE_MISMATCH.finding(
                            target,
                            "",
                            year=year,
                            kind=row.kind,
                            figure=words,
                            declared=value,
                            computed=computed,
                        )
                    )
        prev = declared.get(year - 1)
        if prev:
            for kind in KINDS:
                now = {key: getattr(fig, DECLARED[(kind, key)]) for key in FIGURES}
                before = getattr(prev, DECLARED[(kind, "valid")])
                expected = before + now["issued"] - now["repealed"]
                if now["valid"] != expected:
                    found.append(
                        IDENTITY.finding(
                            target,
                            "",
                            year=year,
                            kind=kind,
                            prev=year - 1,
                            prev_valid=before,
                            expected=expected,
                            **now,
                        )
                    )
    return found
