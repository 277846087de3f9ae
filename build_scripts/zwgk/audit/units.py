"""Rule 13: each unit's own 政府信息公开 column, checked and scored as inspectors check a department's sub-site.

A unit (units/<id>/unit.yml) has the four first-level parts of 国办公开办函〔2019〕61号: 指南, 制度, 法定主动公开内容
(one column per category of 条例第二十条, disclosure.py) and 年报. Rule 13 checks, per unit:

- empty columns: a category with no record and no ``empty_notes`` entry. An administrative organ (部门, 乡镇, 街道)
  answers for every category of 第二十条 — each needs records or a note saying why there are none (a township
  without 规范性文件 writes a note). 机构职能 is the unit's ``functions``: no note stands in for it. A 公共企事业单位
  discloses under 条例第五十五条, not 第二十条: only 机构职能 and the categories it files records or notes under count;
- stale columns: a category whose newest entry is older than portal.yml's stale_* limit (规范性文件 as a 政策文件
  column, the rest as 其他), and the unit's column as a whole with nothing new within stale_months_policy;
- the 单项否决 of 国办秘函〔2019〕19号 counted on the unit's own columns (veto_empty_columns, veto_stale_columns);
- 指南: the office address, phone and hours (条例第十二条);
- 年报: last year's report once it is due. 条例第四十九条 sets 1月31日 for 县级以上人民政府部门 and 3月31日 for county
  governments; a township or street office is neither, and the county report sums up theirs, so they keep the
  departments' date. The county government itself (portal.yml) is scored by the site's columns, not here.

The county government's records keep their site-level checks (rules 1–12); every finding about a record carries
its unit (Target.unit), so a unit's score also counts its documents', items', interpretations' and Q&A's findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..annualreport import published_reports
from ..dates import format_cn
from ..disclosure import BY_ID, CATEGORIES, category_of, unit_records
from ..pages.common import page_url
from ..units import ROOT, unit_dir
from ..yamlnodes import where
from .inventory import AuditColumn, Context
from .model import SEVERITY_ORDER, Finding, Rule, Target
from .score import ColumnScore, column_scores, site_score
from .sources import UNIT_ANNUAL, UNIT_EMPTY, UNIT_FUNCTIONS, UNIT_GUIDE, UNIT_STALE
from .stale import cutoff, limit_of, months_before

EMPTY = Rule(
    "R13.1",
    "单位空白栏目",
    "error",
    UNIT_EMPTY,
    "{unit}的法定主动公开内容“{category}”没有任何信息，也没有无内容说明",
    "发布本单位这一类信息；确无此类信息的，在 unit.yml 的 empty_notes 中写明类别（{category_id}）和原因",
)
NO_FUNCTIONS = Rule(
    "R13.2",
    "单位机构职能空白",
    "error",
    UNIT_FUNCTIONS,
    "{unit}没有公开机构职能",
    "在 unit.yml 的 functions 中填写本单位的主要职能和内设机构（按“三定”方案），leaders 中填写负责人",
)
EMPTY_VETO = Rule(
    "R13.3",
    "单位空白栏目单项否决",
    "error",
    UNIT_EMPTY,
    "{unit}的空白栏目 {count} 个，达到单项否决线（{limit} 个）：{names}",
    "逐个补齐这些类别的信息，或在 unit.yml 的 empty_notes 中说明确无信息的原因；阈值见 portal.yml audit.veto_empty_columns",
)
STALE = Rule(
    "R13.4",
    "单位栏目不更新",
    "warning",
    UNIT_STALE,
    "{unit}的“{category}”最近更新：{latest}，超过{limit}未更新",
    "及时发布本单位这一类的新信息；未填发布日期的信息视为未更新，请补填 published。"
    "更新时限：规范性文件 {months_policy} 个月，其他类别 {months_other} 个月",
)
WHOLE_STALE = Rule(
    "R13.5",
    "单位整体不更新",
    "warning",
    UNIT_STALE,
    "{unit}的政府信息公开栏目最近更新：{latest}，超过 {months} 个月没有发布任何信息",
    "发布本单位应主动公开的信息（规范性文件、政策解读、各类别信息）；时限见 portal.yml audit.stale_months_policy",
)
STALE_VETO = Rule(
    "R13.6",
    "单位栏目不更新单项否决",
    "error",
    UNIT_STALE,
    "{unit}超过更新时限的栏目 {count} 个，达到单项否决线（{limit} 个）：{names}",
    "逐个更新这些类别；阈值见 portal.yml audit.veto_stale_columns",
)
NO_GUIDE = Rule(
    "R13.7",
    "单位指南信息不全",
    "error",
    UNIT_GUIDE,
    "{unit}的政府信息公开指南缺少{missing}",
    "在 unit.yml 中填写 {fields}（政府信息公开工作机构的办公地址、联系电话、办公时间）",
)
NO_ANNUAL = Rule(
    "R13.8",
    "单位年报未公开",
    "error",
    UNIT_ANNUAL,
    "{unit}没有{year}年政府信息公开工作年度报告（应于{due}前公布）",
    "按国办公开办函〔2021〕30号的格式编写年度报告，发布后在 unit.yml 的 annual_reports 中填写"
    " {{year: {year}, path: 年报页面或文件}}",
)
ANNUAL_NOWHERE = Rule(
    "R13.9",
    "单位年报链接无效",
    "error",
    UNIT_ANNUAL,
    "{unit}的{year}年年度报告“{path}”在网站中不存在",
    "改正 unit.yml annual_reports 中的 path：填网站内的页面（如 xxgk/ndbg/）或已发布信息的附件（files/…）",
)
RULES = (
    EMPTY,
    NO_FUNCTIONS,
    EMPTY_VETO,
    STALE,
    WHOLE_STALE,
    STALE_VETO,
    NO_GUIDE,
    NO_ANNUAL,
    ANNUAL_NOWHERE,
)
EMPTY_RULES = (EMPTY.id, NO_FUNCTIONS.id)
VETO_RULES = (EMPTY_VETO.id, STALE_VETO.id)

ORGANS = (
    "部门",
    "乡镇",
    "街道",
)  # administrative organs: 条例第二十条 and 第四十九条 apply in full
GUIDE_FIELDS = (("address", "办公地址"), ("phone", "联系电话"), ("hours", "办公时间"))
ANNUAL_DUE = (
    1,
    31,
)  # 条例第四十九条: 县级以上人民政府部门 by 31 January (townships and streets alike, see above)
# parts of a unit's column that are no category: a finding there counts against the unit as a whole
PART_TITLES = {"xxgkzn": "政府信息公开指南", "xxgknb": "政府信息公开年报", "": "本单位栏目"}


def is_platform(portal) -> bool:
    """Whether there are units besides the county government (a single-agency portal has none)."""
    return any(uid != ROOT for uid in portal.units)


def units_of(portal) -> list:
    """The units this rule checks: every unit under units/, in id order (the county government is portal.yml)."""
    return [u for uid, u in sorted(portal.units.items()) if uid != ROOT]


def unit_page(ctx: Context, unit) -> str:
    """The unit's own column in the site (source path), or '' while the site has no such page."""
    page = f"{unit_dir(unit)}/index.md"
    return page if ctx.resolves(page_url(page)) else ""


def unit_columns(portal, unit, page: str = "") -> list[AuditColumn]:
    """The unit's 法定主动公开内容 as audit columns, keyed by category id, in 第二十条 order."""
    records = unit_records(portal, unit.id)
    notes = {n.category: n.note.strip() for n in unit.empty_notes if n.note.strip()}
    organ = unit.kind in ORGANS
    columns = []
    for cat in CATEGORIES:
        if cat.id == "jgzn":  # the unit's own data, not records: present or not, never dated
            filled = [None] if unit.functions.strip() else []
            columns.append(
                AuditColumn(cat.id, cat.title, "其他", page, filled, dated=False, file=unit.file)
            )
            continue
        found = records.get(cat.id, [])
        if not (organ or found or cat.id in notes):
            continue
        kind = "政策文件" if cat.id == "gfxwj" else "其他"
        columns.append(
            AuditColumn(
                cat.id,
                cat.title,
                kind,
                page,
                [r.published for r in found],
                note=notes.get(cat.id, ""),
                file=unit.file,
                line=_note_line(unit, cat.id),
            )
        )
    return columns


def _note_line(unit, category: str) -> int:
    for n in unit.empty_notes:
        if n.category == category:
            return where(n)[0]
    return where(unit, "empty_notes")[0] if unit.empty_notes else 0


def _target(
    unit, page: str, label: str = "", field_name: str | None = None, line: int = 0
) -> Target:
    line = line or (where(unit, field_name)[0] if field_name else 0)
    return Target(label or unit.label, page, unit.file, line, unit.id)


def due_year(as_of: dt.date) -> tuple[int, dt.date]:
    """The latest year whose report is due by as_of, and the day it was due."""
    month, day = ANNUAL_DUE
    this_year = dt.date(as_of.year, month, day)
    if as_of > this_year:
        return as_of.year - 1, this_year
    return as_of.year - 2, dt.date(as_of.year - 1, month, day)


def unit_latest(portal, unit_id: str, as_of: dt.date) -> dt.date | None:
    """The newest publication date on or before as_of among the unit's published records."""
    dates = [d.published for d in portal.documents.values() if (d.unit or "") == unit_id]
    dates += [i.published for i in portal.interpretations.values() if (i.unit or "") == unit_id]
    dates += [q.updated for q in portal.qa.values() if (q.unit or "") == unit_id]
    dates += [i.published for i in portal.items if (i.unit or "") == unit_id and i.published]
    return max((d for d in dates if d <= as_of), default=None)


def _veto(rule: Rule, unit, page: str, columns: list[AuditColumn], limit: int) -> list[Finding]:
    """The unit's 单项否决 of `rule` when `limit` or more of its columns fail (inventory.veto, per unit)."""
    if len(columns) < limit:
        return []
    names = "、".join(c.title for c in columns)
    return [
        rule.finding(
            _target(unit, page), "", unit=unit.label, count=len(columns), limit=limit, names=names
        )
    ]


def check_unit(ctx: Context, unit) -> list[Finding]:
    limits, as_of = ctx.limits, ctx.as_of
    page = unit_page(ctx, unit)
    columns = unit_columns(ctx.portal, unit, page)
    found: list[Finding] = []
    empty = []
    for c in columns:
        if c.dates or c.note:
            continue
        empty.append(c)
        if c.key == "jgzn":
            found.append(
                NO_FUNCTIONS.finding(
                    _target(unit, page, f"{unit.label}：{c.title}"), c.key, unit=unit.label
                )
            )
        else:
            found.append(
                EMPTY.finding(
                    _target(unit, page, f"{unit.label}：{c.title}", line=c.line),
                    c.key,
                    unit=unit.label,
                    category=c.title,
                    category_id=c.key,
                )
            )
    found += _veto(EMPTY_VETO, unit, page, empty, limits.veto_empty_columns)
    stale = [
        c
        for c in columns
        if c.dated and c.dates and ((c.latest(as_of) or dt.date.min) < cutoff(c, ctx))
    ]
    for c in stale:
        latest = c.latest(as_of)
        found.append(
            STALE.finding(
                _target(unit, page, f"{unit.label}：{c.title}"),
                c.key,
                unit=unit.label,
                category=c.title,
                latest=format_cn(latest) if latest else "无（信息均未填发布日期）",
                limit=limit_of(c, limits)[0],
                months_policy=limits.stale_months_policy,
                months_other=limits.stale_months_other,
            )
        )
    latest = unit_latest(ctx.portal, unit.id, as_of)
    if latest is None or latest < months_before(as_of, limits.stale_months_policy):
        found.append(
            WHOLE_STALE.finding(
                _target(unit, page),
                "",
                unit=unit.label,
                latest=format_cn(latest) if latest else "无（从未发布信息）",
                months=limits.stale_months_policy,
            )
        )
    found += _veto(STALE_VETO, unit, page, stale, limits.veto_stale_columns)
    missing = [(name, label) for name, label in GUIDE_FIELDS if not getattr(unit, name).strip()]
    if missing:
        found.append(
            NO_GUIDE.finding(
                _target(unit, page, f"{unit.label}：政府信息公开指南", missing[0][0]),
                "xxgkzn",
                unit=unit.label,
                missing="、".join(label for _name, label in missing),
                fields="、".join(f"{name}（{label}）" for name, label in missing),
            )
        )
    if unit.kind in ORGANS:
        year, due = due_year(as_of)
        if not any(r.year == year for r in unit.annual_reports) and (unit.id, year) not in published_reports(ctx.portal):
            found.append(
                NO_ANNUAL.finding(
                    _target(
                        unit,
                        page,
                        f"{unit.label}：{year}年年度报告",
                        "annual_reports" if unit.annual_reports else None,
                    ),
                    "xxgknb",
                    unit=unit.label,
                    year=year,
                    due=format_cn(due),
                )
            )
    for report in sorted(unit.annual_reports, key=lambda r: r.year):
        if not ctx.resolves(report.path):
            found.append(
                ANNUAL_NOWHERE.finding(
                    _target(
                        unit,
                        page,
                        f"{unit.label}：{report.year}年年度报告",
                        line=where(report, "path")[0],
                    ),
                    "xxgknb",
                    unit=unit.label,
                    year=report.year,
                    path=report.path,
                )
            )
    return found


def check(ctx: Context) -> list[Finding]:
    return [f for unit in units_of(ctx.portal) for f in check_unit(ctx, unit)]


# ---- scores per unit and the platform table ------------------------------------------------------------


@dataclass(frozen=True)
class UnitScore:
    """One row of the platform table: a unit, its columns' scores, its score, vetoes and findings (worst first)."""

    unit: object  # records.Unit; the county government is the root unit made from portal.yml
    page: str  # the unit's own column (source path), '' when the site has none yet
    columns: list[ColumnScore]
    score: int
    findings: list[Finding] = field(default_factory=list)
    vetoes: list[Finding] = field(default_factory=list)
    latest: dt.date | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def is_root(self) -> bool:
        return self.unit.id == ROOT

    def sort_key(self):
        """Worst first: a veto, then the lowest score, then the most errors and warnings."""
        return (not self.vetoes, self.score, -self.errors, -self.warnings, self.unit.id)


def worst_first(findings: list[Finding], rule_order: dict[str, int]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            f.rule.id not in VETO_RULES + ("R1.2", "R2.2"),
            SEVERITY_ORDER.index(f.severity),
            f.sort_key(rule_order),
        ),
    )


def category_key(portal, columns: list[AuditColumn]):
    """key(finding) → the unit column it counts against: rule 13's own column, the category a site column's
    records fall under (规范性文件库 → gfxwj, 重点领域 → its category), or '' (the unit as a whole)."""
    keys = {c.key for c in columns}
    own = {r.id for r in RULES}

    def key(f: Finding) -> str:
        if f.rule.id in own:
            return f.column if f.column in keys else ""
        if f.column == "gfxwj":
            found = "gfxwj"
        elif f.column.startswith("zdly/"):
            found = category_of(f.column.removeprefix("zdly/"), portal.columns) or ""
        else:
            found = ""
        return found if found in keys else ""

    return key


def unit_scores(
    ctx: Context, findings: list[Finding], rule_order: dict[str, int], site
) -> list[UnitScore]:
    """Every unit's score, worst first; the county government's row is the site's (columns, score, vetoes)."""
    portal = ctx.portal
    if not is_platform(portal):
        return []
    site_columns, site_total = site
    root_findings = [
        f for f in findings if not f.target.unit and f.rule.id not in {r.id for r in RULES}
    ]
    rows = [
        UnitScore(
            portal.units[ROOT],
            "",
            site_columns,
            site_total,
            worst_first(root_findings, rule_order),
            [f for f in root_findings if f.rule.id in ("R1.2", "R2.2")],
            unit_latest(portal, ROOT, ctx.as_of),
        )
    ]
    for unit in units_of(portal):
        page = unit_page(ctx, unit)
        columns = unit_columns(portal, unit, page)
        own = [f for f in findings if f.target.unit == unit.id]
        key = category_key(portal, columns)
        scores = column_scores(columns, own, ctx.as_of, key=key, empty_rules=EMPTY_RULES)
        rows.append(
            UnitScore(
                unit,
                page,
                scores,
                site_score(scores, own, key=key),
                worst_first(own, rule_order),
                [f for f in own if f.rule.id in VETO_RULES],
                unit_latest(portal, unit.id, ctx.as_of),
            )
        )
    return sorted(rows, key=UnitScore.sort_key)


def column_title(f: Finding) -> str:
    """The column a rule-13 finding is about, in words (a category, 指南, 年报, or the unit's column)."""
    return BY_ID[f.column].title if f.column in BY_ID else PART_TITLES.get(f.column, f.column)


__all__ = ["RULES", "UnitScore", "check", "is_platform", "unit_scores"]
