"""The auditor's completeness report: rules in one small module per family, findings, scores.

audit_portal(portal, site_dir=None, docs_dir=None) → Report. The report is deterministic given the
portal's as-of date (and the built site, for rule 9). Nothing here imports MkDocs.

On a platform with units (units/<id>/), rule 13 checks each unit's own column and the report scores every
unit (Report.units, worst first); the site's columns and score stay those of rules 1–12, so a single-agency
portal gets the report it always had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..portal import Portal
from . import (
    annual,
    catalogue,
    documents,
    empty,
    interpretations,
    links,
    participation,
    privacy,
    qa,
    review,
    stale,
    tasks,
    units,
    validity,
    versions,
)
from .annual import AnnualRow, annual_table
from .inventory import Context
from .model import SEVERITY_LABELS, SEVERITY_ORDER, Finding, Rule, Source, Target
from .score import VETO_RULES, ColumnScore, column_scores, site_score
from .units import UnitScore, unit_scores

FAMILIES = (empty, stale, documents, validity, versions, annual, interpretations, qa, tasks, links, review, privacy,
            units, participation, catalogue)
RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)
RULE_ORDER = {rule.id: n for n, rule in enumerate(RULES)}
NO_SITE = "未提供已生成的网站：运行 zwgk audit --site <网站目录> 检查"


@dataclass
class Report:
    """Everything the report page, the JSON and the CSV show."""

    as_of: dt.date
    site_name: str
    findings: list[Finding]
    not_run: dict[str, str]  # rule id → why it did not run
    columns: list[ColumnScore]
    site_score: int
    annual: list[AnnualRow]
    units: list[UnitScore] = field(default_factory=list)  # the platform table, worst first; [] without units

    @property
    def veto(self) -> list[Finding]:
        """The site's 单项否决 (a unit's own are in its row of `units`)."""
        return [f for f in self.findings if f.rule.id in VETO_RULES]

    @property
    def unit_vetoes(self) -> list[Finding]:
        return [f for row in self.units if not row.is_root for f in row.vetoes]

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules that apply: rule 13 only on a platform with units."""
        return RULES if self.units else tuple(r for r in RULES if r not in units.RULES)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def of_rule(self, rule: Rule) -> list[Finding]:
        return [f for f in self.findings if f.rule is rule]

    def status(self, rule: Rule) -> str:
        """通过, 未运行, or the number of findings."""
        if rule.id in self.not_run:
            return "未运行"
        n = len(self.of_rule(rule))
        return f"{n} 项" if n else "通过"

    def fails(self, level: str) -> bool:
        """Whether there is a finding at `level` (error | warning) or worse."""
        levels = SEVERITY_ORDER[: SEVERITY_ORDER.index(level) + 1]
        return any(f.severity in levels for f in self.findings)


def default_docs_dir(portal: Portal) -> Path | None:
    """Hand-written pages: content/ next to the records folder, as in the project layout."""
    folder = Path(portal.records.root).parent / "content"
    return folder if folder.is_dir() else None


def audit_portal(
    portal: Portal, site_dir: Path | None = None, docs_dir: Path | None = None
) -> Report:
    """Run every rule family on the portal (and on the built site for rule 9)."""
    ctx = Context(
        portal,
        Path(site_dir) if site_dir else None,
        Path(docs_dir) if docs_dir else default_docs_dir(portal),
    )
    findings = [f for family in FAMILIES for f in family.check(ctx)]
    findings.sort(key=lambda f: f.sort_key(RULE_ORDER))
    not_run = {r.id: NO_SITE for r in RULES if r.needs_site and not ctx.site_dir}
    not_run.update(annual.not_run(portal))
    site_findings = [f for f in findings if f.rule not in units.RULES]  # a unit's own column is not the site's
    scores = column_scores(ctx.columns, site_findings, portal.as_of)
    total = site_score(scores, site_findings)
    return Report(
        portal.as_of,
        portal.config.name,
        findings,
        not_run,
        scores,
        total,
        annual_table(portal),
        unit_scores(ctx, findings, RULE_ORDER, (scores, total)),
    )


__all__ = [
    "RULES",
    "SEVERITY_LABELS",
    "Finding",
    "Report",
    "Rule",
    "Source",
    "Target",
    "audit_portal",
]
