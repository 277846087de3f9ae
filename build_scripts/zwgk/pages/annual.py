"""The 政府信息公开工作年度报告 of each unit and year (国办公开办函〔2021〕30号), as a page of the unit's 年报 part.

The page is <unit column>/ndbg/<year>/ (xxgk/ndbg/2025/ for the county government, bm/fgj/ndbg/2025/ for a
department), next to its .docx (annualdocx). Its six parts and three tables carry the template's headings
(annualreport); 二 第二十条第（一）项 prints the report's own figures or, where it states none, the library's as
of 31 December.
"""

from __future__ import annotations

from ..annualreport import (
    APPLICANT_HEADING,
    APPLICANTS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    DECISION_ROWS,
    DOC_HEADINGS,
    DOC_ITEM,
    DOC_KINDS,
    IDENTITY_NOTE,
    INFO,
    LITIGATION,
    NATURAL,
    NEW,
    ORGANISATIONS,
    PARTS,
    RECONSIDERATION,
    RESULT_ROWS,
    RESULTS,
    REVIEW_GROUPS,
    REVIEW_OUTCOMES,
    TEMPLATE,
    TOTAL,
    TOTAL_COLUMN,
    column_values,
    document_figures,
    published_reports,
    results_total,
    review_total,
)
from ..portal import Portal
from ..units import ROOT, unit_dir
from .common import Page, a, block, esc, heading, rel, safe_html, time_tag, unit_crumbs, unit_page

REPORTS = "ndbg.md"  # the unit's list of reports (pages.units, or content/xxgk/ndbg.md)


def report_page(unit, year: int) -> str:
    return unit_page(unit, f"ndbg/{year}.md")


def report_docx(unit, year: int) -> str:
    return f"{unit_dir(unit)}/ndbg/{year}.docx"


def report_title(unit, year: int) -> str:
    return f"{unit.name}{year}年政府信息公开工作年度报告"


def number(value) -> str:
    """A figure as the report prints it: whole numbers plain, amounts to two places at most."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def _wrap(caption: str, inner: str) -> str:
    return (f'<div class="zwgk-table-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
            f'<table class="zwgk-table zwgk-annual"><caption>{esc(caption)}</caption>{inner}</table></div>')


def _th(text: str, scope: str, rows: int = 1, cols: int = 1) -> str:
    span = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
    return f'<th scope="{scope}"{span}>{esc(text)}</th>'


def _tds(values) -> str:
    return "".join(f"<td>{esc(number(v))}</td>" for v in values)


def active_tables(portal: Portal, report) -> str:
    """二、主动公开政府信息情况: one table per item of 第二十条, as the template groups them."""
    figures = document_figures(portal, report)
    head = "<thead><tr>" + "".join(_th(h, "col") for h in DOC_HEADINGS) + "</tr></thead>"
    rows = "".join(f"<tr>{_th(kind, 'row')}{_tds([figures[kind].issued, figures[kind].repealed, figures[kind].valid])}"
                   "</tr>" for kind in DOC_KINDS)
    out = _wrap(DOC_ITEM, f"{head}<tbody>{rows}</tbody>")
    for item, figure, lines in DECISION_ROWS:
        head = f"<thead><tr>{_th(INFO, 'col')}{_th(figure, 'col')}</tr></thead>"
        rows = "".join(f"<tr>{_th(label, 'row')}{_tds([getattr(report, name)])}</tr>" for label, name in lines)
        out += _wrap(item, f"{head}<tbody>{rows}</tbody>")
    return out


def application_table(report) -> str:
    """三、收到和处理政府信息公开申请情况: the template's table, headings and spans as printed."""
    t = report.applications
    kinds = [label for name, label in APPLICANTS if name != "natural"]
    head = ("<thead><tr>" + _th(IDENTITY_NOTE, "col", rows=3, cols=3) + _th(APPLICANT_HEADING, "colgroup", cols=7)
            + "</tr><tr>" + _th(NATURAL, "col", rows=2) + _th(ORGANISATIONS, "colgroup", cols=5)
            + _th(TOTAL_COLUMN, "col", rows=2) + "</tr><tr>" + "".join(_th(k, "col") for k in kinds) + "</tr></thead>")
    body = [f"<tr>{_th(NEW, 'row', cols=3)}{_tds(column_values(t.new))}</tr>",
            f"<tr>{_th(CARRIED_OVER, 'row', cols=3)}{_tds(column_values(t.carried_over))}</tr>"]
    groups: dict[str, int] = {}
    for group, _f, _l in RESULT_ROWS:
        groups[group] = groups.get(group, 0) + 1
    seen: set[str] = set()
    for i, (group, name, label) in enumerate(RESULT_ROWS):
        cells = _th(RESULTS, "rowgroup", rows=len(RESULT_ROWS) + 1) if i == 0 else ""
        if not group:
            cells += _th(label, "row", cols=2)
        else:
            if group not in seen:
                seen.add(group)
                cells += _th(group, "rowgroup", rows=groups[group])
            cells += _th(label, "row")
        body.append(f"<tr>{cells}{_tds(column_values(getattr(t, name)))}</tr>")
    body.append(f"<tr>{_th(TOTAL, 'row', cols=2)}{_tds(column_values(results_total(report)))}</tr>")
    body.append(f"<tr>{_th(CARRIED_FORWARD, 'row', cols=3)}{_tds(column_values(t.carried_forward))}</tr>")
    return _wrap("收到和处理政府信息公开申请情况", head + "<tbody>" + "".join(body) + "</tbody>")


def review_table(report) -> str:
    """四、政府信息公开行政复议、行政诉讼情况: 行政复议 and the two kinds of 行政诉讼, five figures each."""
    outcomes = [label for _n, label in REVIEW_OUTCOMES]
    head = ("<thead><tr>" + _th(RECONSIDERATION, "colgroup", cols=5) + _th(LITIGATION, "colgroup", cols=10)
            + "</tr><tr>" + "".join(_th(o, "col", rows=2) for o in outcomes)
            + "".join(_th(sub, "colgroup", cols=5) for _n, _g, sub in REVIEW_GROUPS[1:])
            + "</tr><tr>" + "".join(_th(o, "col") for o in outcomes * 2) + "</tr></thead>")
    values = []
    for name, _group, _sub in REVIEW_GROUPS:
        counts = getattr(report.reviews, name)
        values += [counts.upheld, counts.corrected, counts.other, counts.pending, review_total(counts)]
    return _wrap("政府信息公开行政复议、行政诉讼情况", f"{head}<tbody><tr>{_tds(values)}</tr></tbody>")


def fees_text(report) -> str:
    """信息处理费, reported under 六 (国办函〔2020〕109号)."""
    if not report.fee_notices and not report.processing_fees:
        return "本年度未收取信息处理费。"
    return f"本年度发出收费通知 {report.fee_notices} 件，收取信息处理费 {number(report.processing_fees)} 元。"


def report_body(portal: Portal, unit, report) -> str:
    path = report_page(unit, report.year)
    intro = (f"<p>本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条和{TEMPLATE}规定的格式编制，"
             f"所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。"
             f"公布日期：{time_tag(report.published)}。</p>"
             f'<p class="zwgk-download">{a(path, report_docx(unit, report.year), "下载 Word 版（.docx）")}</p>')
    body = block(intro)
    body += heading(2, PARTS[0], "ztqk") + block(safe_html(report.overview))
    body += heading(2, PARTS[1], "zdgk") + block(active_tables(portal, report))
    body += heading(2, PARTS[2], "ysqgk") + block(application_table(report))
    body += heading(2, PARTS[3], "fyss") + block(review_table(report))
    body += heading(2, PARTS[4], "wtgj") + block(safe_html(report.problems))
    body += heading(2, PARTS[5], "qtsx") + block(f"<p>{esc(fees_text(report))}</p>" + safe_html(report.other))
    return body


def pages(portal: Portal) -> list[Page]:
    out = []
    for (unit_id, year), report in published_reports(portal).items():
        unit = portal.units[unit_id]
        title = report_title(unit, year)
        crumbs = [*unit_crumbs(unit), ("政府信息公开年报", unit_page(unit, REPORTS))]
        out.append(Page(report_page(unit, year), title, report_body(portal, unit, report),
                        column="政府信息公开年报", column_type="信息公开", published=report.published,
                        description=title, keywords=["政府信息公开", "年度报告", str(year)], source=unit.name,
                        crumbs=crumbs, search={"栏目": "政府信息公开"}))
    return out


def report_rows(portal: Portal, unit, from_path: str) -> dict[int, str]:
    """The unit's reports made here, by year: a link to the page and to the .docx (safe HTML)."""
    rows = {}
    for unit_id, year in published_reports(portal):
        if unit_id == (unit.id or ROOT):
            rows[year] = (a(from_path, report_page(unit, year), report_title(unit, year))
                          + "（" + a(from_path, report_docx(unit, year), "Word 版") + "）")
    return rows


def county_list(portal: Portal) -> str:
    """The county government's reports made here, for its hand-written 年报 page (<!-- zwgk:ndbg -->)."""
    unit = portal.units[ROOT]
    rows = report_rows(portal, unit, unit_page(unit, REPORTS))
    return "\n".join(f"- {html}" for _year, html in sorted(rows.items(), reverse=True))


__all__ = ["county_list", "pages", "rel", "report_docx", "report_page", "report_rows"]
