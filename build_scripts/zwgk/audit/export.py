"""The report as JSON and as CSV (UTF-8 with BOM, for Excel/WPS), and as files for the built site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..export import formula_safe
from ..pages.common import page_url
from ..pages.report import CSV_PATH, JSON_PATH, UNITS_CSV_PATH, UNITS_JSON_PATH, WORST
from ..portal import Portal
from . import Report, audit_portal
from . import units as unit_rules
from .score import POINTS

CSV_FIELDS = [
    ("rule", "规则编号"),
    ("title", "规则名称"),
    ("severity", "级别"),
    ("column", "栏目"),
    ("target", "对象"),
    ("url", "页面地址"),
    ("file", "记录文件"),
    ("line", "行"),
    ("message", "问题"),
    ("hint", "修改方法"),
    ("source", "依据"),
]
UNIT_FIELD = ("unit", "单位")  # after 级别, on a platform with units
UNITS_CSV_FIELDS = [
    ("label", "单位"),
    ("kind", "类型"),
    ("score", "得分"),
    ("veto_text", "单项否决"),
    ("errors", "错误"),
    ("warnings", "警告"),
    ("latest", "最近更新"),
    ("worst_text", "主要问题"),
    ("url", "栏目地址"),
    ("id", "单位标识"),
]

_cache: list = [
    None,
    None,
    None,
]  # [portal, key, report]: the page and the files share one run per build


def site_url(page: str) -> str:
    """A target page (source path or site path) as a path from the site root; '' when there is none."""
    if not page:
        return ""
    return page_url(page) if page.endswith(".md") else page


def report_for(
    portal: Portal, site_dir: Path | None = None, docs_dir: Path | None = None
) -> Report:
    """audit_portal, run once per portal: without docs_dir, the last run for this portal is reused, so the
    /jcbg/ page shows the report the build wrote as JSON/CSV."""
    key = (str(site_dir or ""), str(docs_dir or ""))
    reuse = _cache[0] is portal and (
        _cache[1] == key or (docs_dir is None and _cache[1][0] == key[0])
    )
    if not reuse:
        _cache[:] = [portal, key, audit_portal(portal, site_dir, docs_dir)]
    return _cache[2]


def finding_dict(f, titles: dict[str, str], unit_names: dict[str, str] | None = None) -> dict:
    """A finding as a flat row; with unit_names (a platform with units) it names its unit too."""
    t = f.target
    own = f.rule in unit_rules.RULES
    row = {
        "rule": f.rule.id,
        "title": f.rule.title,
        "severity": f.rule.severity_label,
        **(
            {"unit": unit_names.get(t.unit, t.unit), "unit_id": t.unit}
            if unit_names is not None
            else {}
        ),
        "column": unit_rules.column_title(f) if own else titles.get(f.column, "全站"),
        "target": t.label,
        "url": site_url(t.page),
        "file": t.file,
        "line": t.line or "",
        "message": f.message,
        "hint": f.hint,
        "source": f.rule.source.text(),
    }
    return row


def column_dict(s, report: Report) -> dict:
    latest = s.column.latest(report.as_of)
    return {
        "key": s.column.key,
        "title": s.column.title,
        "kind": s.column.kind,
        "url": site_url(s.column.page),
        "entries": s.column.count,
        "latest": latest.isoformat() if latest else "",
        "errors": s.errors,
        "warnings": s.warnings,
        "score": s.score,
        "monthly": [{"month": f"{y}-{m:02d}", "entries": c} for y, m, c in s.monthly],
    }


def unit_names(report: Report) -> dict[str, str] | None:
    """unit id → its name, on a platform with units (None on a single-agency portal: no unit fields)."""
    return {row.unit.id: row.unit.name for row in report.units} if report.units else None


def to_dict(report: Report) -> dict:
    titles = {s.column.key: s.column.title for s in report.columns}
    names = unit_names(report)
    return {
        "site": report.site_name,
        "as_of": report.as_of.isoformat(),
        "score": report.site_score,
        "veto": bool(report.veto),
        "veto_findings": [f.message for f in report.veto],
        "counts": {"错误": report.count("error"), "警告": report.count("warning")},
        "scoring": {"error": POINTS["error"], "warning": POINTS["warning"]},
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "severity": r.severity_label,
                "source": r.source.text(),
                "message": r.message,
                "hint": r.hint,
                "status": report.status(r),
                "not_run": report.not_run.get(r.id, ""),
            }
            for r in report.rules
        ],
        "columns": [column_dict(s, report) for s in report.columns],
        "annual": [
            {
                "year": r.year,
                "kind": r.kind,
                "issued": r.issued,
                "repealed": r.repealed,
                "valid": r.valid,
                "counted_on": r.day.isoformat(),
            }
            for r in report.annual
        ],
        "findings": [finding_dict(f, titles, names) for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_csv(report: Report) -> str:
    """One row per finding, Chinese headings, UTF-8 with BOM and CRLF so Excel and WPS open it correctly;
    no cell is a formula (record text such as a title may begin with = or +)."""
    fields = CSV_FIELDS[:3] + [UNIT_FIELD] + CSV_FIELDS[3:] if report.units else CSV_FIELDS
    return _csv(fields, to_dict(report)["findings"])


def _csv(fields: list[tuple[str, str]], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in fields])
    for row in rows:
        # an empty cell stays empty (zwgk.export.formula_safe("") gives "'": its "\t\r\n" test holds for "")
        writer.writerow([formula_safe(str(row[key])) if str(row[key]) else "" for key, _ in fields])
    return "\ufeff" + out.getvalue()


def unit_row(row, report: Report) -> dict:
    """One unit of the platform table: score, vetoes, its worst findings, its columns' scores."""
    unit = row.unit
    worst = row.findings[:WORST]
    return {
        "id": unit.id,
        "name": unit.name,
        "label": unit.label,
        "kind": unit.kind,
        "url": site_url(row.page),
        "score": row.score,
        "veto": bool(row.vetoes),
        "veto_findings": [f.message for f in row.vetoes],
        "veto_text": "；".join(f.message for f in row.vetoes) or "否",
        "errors": row.errors,
        "warnings": row.warnings,
        "latest": row.latest.isoformat() if row.latest else "",
        "worst": [
            {
                "rule": f.rule.id,
                "title": f.rule.title,
                "severity": f.rule.severity_label,
                "message": f.message,
            }
            for f in worst
        ],
        "worst_text": "；".join(f"{f.rule.id} {f.message}" for f in worst),
        "columns": [
            {
                "key": s.column.key,
                "title": s.column.title,
                "entries": s.column.count,
                "note": s.column.note,
                "errors": s.errors,
                "warnings": s.warnings,
                "score": s.score,
            }
            for s in row.columns
        ],
    }


def units_dict(report: Report) -> dict:
    """The platform table: every unit (the county government's row is the site's), worst first."""
    return {
        "site": report.site_name,
        "as_of": report.as_of.isoformat(),
        "scoring": {"error": POINTS["error"], "warning": POINTS["warning"]},
        "units": [unit_row(row, report) for row in report.units],
    }


def units_json(report: Report) -> str:
    return json.dumps(units_dict(report), ensure_ascii=False, indent=2) + "\n"


def units_csv(report: Report) -> str:
    """One row per unit, worst first; like the findings CSV (BOM, CRLF, no formula)."""
    return _csv(UNITS_CSV_FIELDS, units_dict(report)["units"])


def data_files(report: Report) -> list[tuple[str, str]]:
    """(site path, content) of every data file of the report: the findings, and the platform table if any."""
    files = [(JSON_PATH, to_json(report)), (CSV_PATH, to_csv(report))]
    if report.units:
        files += [(UNITS_JSON_PATH, units_json(report)), (UNITS_CSV_PATH, units_csv(report))]
    return files


def report_files(portal: Portal, docs_dir: Path | None = None) -> dict[str, str]:
    """{site path: content} of the report's data files, for the built site."""
    report = report_for(portal, None, docs_dir)
    return dict(data_files(report))


def write_report(report: Report, out_dir: Path) -> list[Path]:
    """report.json and report.csv (and units.json, units.csv on a platform with units) in out_dir (created if
    missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for site_path, text in data_files(report):
        path = out_dir / site_path.rsplit("/", 1)[-1]
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
