"""Rule 11: a score per column and for the site, and entries per month for each column's chart.

Column score = 100 − 10 per error − 3 per warning (not below 0); an empty column scores 0.
Site score = the mean column score − 10 per site-level error − 3 per site-level warning (not below 0).
A 单项否决 fails the site whatever its score.

Each unit under units/ is scored the same way over its own columns (the categories of 法定主动公开内容,
audit/units.py): its records' findings count against the category they fall under, the rest against the unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .inventory import AuditColumn
from .model import Finding

POINTS = {"error": 10, "warning": 3}
VETO_RULES = ("R1.2", "R2.2")
EMPTY_RULE = "R1.1"


@dataclass(frozen=True)
class ColumnScore:
    column: AuditColumn
    errors: int
    warnings: int
    score: int
    monthly: tuple[
        tuple[int, int, int], ...
    ]  # (year, month, entries), the 12 months up to the audit date


def last_months(as_of: dt.date, n: int = 12) -> list[tuple[int, int]]:
    total = as_of.year * 12 + as_of.month - 1
    return [divmod(t, 12)[0:1] + (divmod(t, 12)[1] + 1,) for t in range(total - n + 1, total + 1)]


def monthly(column: AuditColumn, as_of: dt.date) -> tuple[tuple[int, int, int], ...]:
    counts: dict[tuple[int, int], int] = {}
    for d in column.dates:
        if d and d <= as_of:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
    return tuple((y, m, counts.get((y, m), 0)) for y, m in last_months(as_of))


def deduction(findings: list[Finding]) -> int:
    return sum(POINTS[f.severity] for f in findings)


def column_scores(
    columns: list[AuditColumn],
    findings: list[Finding],
    as_of: dt.date,
    key=lambda f: f.column,
    empty_rules: tuple[str, ...] = (EMPTY_RULE,),
) -> list[ColumnScore]:
    """A score per column; key(finding) names the column a finding counts against, empty_rules make it 0."""
    result = []
    for c in columns:
        own = [f for f in findings if key(f) == c.key]
        empty = any(f.rule.id in empty_rules for f in own)
        score = 0 if empty else max(0, 100 - deduction(own))
        result.append(
            ColumnScore(
                c,
                sum(f.severity == "error" for f in own),
                sum(f.severity == "warning" for f in own),
                score,
                monthly(c, as_of),
            )
        )
    return result


def site_score(scores: list[ColumnScore], findings: list[Finding], key=lambda f: f.column) -> int:
    """The mean column score less the findings that count against no column (key(finding) == '')."""
    mean = sum(s.score for s in scores) / len(scores) if scores else 100
    site_level = [f for f in findings if not key(f)]
    return max(0, int(mean + 0.5) - deduction(site_level))
