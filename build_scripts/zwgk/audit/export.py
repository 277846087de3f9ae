"""The report as JSON and as CSV (UTF-8 with BOM, for Excel/WPS), and as files for the built site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..export import formula_safe
from ..pages.common import page_url
from ..pages.report import CSV_PATH, JSON_PATH
from ..portal import Portal
from . import RULES, Report, audit_portal
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


def finding_dict(f, titles: dict[str, str]) -> dict:
    t = f.target
    return {
        "rule": f.rule.id,
        "title": f.rule.title,
        "severity": f.rule.severity_label,
        "column": titles.get(f.column, "全站"),
        "target": t.label,
        "url": site_url(t.page),
        "file": t.file,
        "line": t.line or "",
        "message": f.message,
        "hint": f.hint,
        "source": f.rule.source.text(),
    }


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


def to_dict(report: Report) -> dict:
    titles = {s.column.key: s.column.title for s in report.columns}
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
            for r in RULES
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
        "findings": [finding_dict(f, titles) for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_csv(report: Report) -> str:
    """One row per finding, Chinese headings, UTF-8 with BOM and CRLF so Excel and WPS open it correctly;
    no cell is a formula (record text such as a title may begin with = or +)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_FIELDS])
    for row in to_dict(report)["findings"]:
        writer.writerow([formula_safe(str(row[key])) for key, _ in CSV_FIELDS])
    return "\ufeff" + out.getvalue()


def report_files(portal: Portal, docs_dir: Path | None = None) -> dict[str, str]:
    """{site path: content} of the report's data files, for the built site."""
    report = report_for(portal, None, docs_dir)
    return {JSON_PATH: to_json(report), CSV_PATH: to_csv(report)}


def write_report(report: Report, out_dir: Path) -> list[Path]:
    """report.json and report.csv in out_dir (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("report.json", to_json(report)), ("report.csv", to_csv(report))):
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
