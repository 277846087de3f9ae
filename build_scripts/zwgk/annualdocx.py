"""The annual report as a Word file (.docx, python-docx): the six parts and the three tables of the
国办公开办函〔2021〕30号 template, cells merged as the template merges them.

Reproducible: the document's dates are the report's publication date and every zip entry carries that date,
so the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .annualreport import (
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
    TOTAL,
    TOTAL_COLUMN,
    column_values,
    document_figures,
    published_reports,
    results_total,
    review_total,
)
from .pages.annual import fees_text, number, report_docx, report_title

_MD_MARKS = re.compile(r"(\*\*|__|`)")


def _text_paragraphs(doc, markdown_text: str) -> None:
    """Markdown paragraphs as plain Word paragraphs (emphasis marks dropped, list items kept as lines)."""
    for chunk in re.split(r"\n\s*\n", (markdown_text or "").strip()):
        for line in chunk.splitlines() if chunk.lstrip().startswith(("-", "*", "1.")) else [chunk]:
            text = _MD_MARKS.sub("", re.sub(r"^\s*#+\s*", "", line)).replace("\n", "")
            if text.strip():
                doc.add_paragraph(text.strip())


def _grid(doc, rows: int, cols: int) -> list[list]:
    """A new table's cells by row and column, read once: Table.cell() walks the whole table on every call,
    which made writing a report's tables quadratic (seconds per report). Each position is written or merged
    once and merged ranges never overlap, so a cell read here stays the one to write at its position."""
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    return [list(row.cells) for row in table.rows]


def _put(grid: list[list], r: int, c: int, text: str, r2: int | None = None, c2: int | None = None) -> None:
    cell = grid[r][c]
    if (r2, c2) != (None, None):
        cell = cell.merge(grid[r if r2 is None else r2][c if c2 is None else c2])
    cell.text = text


def _active_table(doc, portal, report) -> None:
    figures = document_figures(portal, report)
    size = 4 + sum(2 + len(lines) for _i, _f, lines in DECISION_ROWS)
    t = _grid(doc, size, 4)
    _put(t, 0, 0, DOC_ITEM, c2=3)
    for c, text in enumerate(DOC_HEADINGS):
        _put(t, 1, c, text)
    for r, kind in enumerate(DOC_KINDS, start=2):
        _put(t, r, 0, kind)
        for c, value in enumerate((figures[kind].issued, figures[kind].repealed, figures[kind].valid), start=1):
            _put(t, r, c, number(value))
    r = 4
    for item, figure, lines in DECISION_ROWS:
        _put(t, r, 0, item, c2=3)
        _put(t, r + 1, 0, INFO)
        _put(t, r + 1, 1, figure, c2=3)
        for i, (label, name) in enumerate(lines, start=r + 2):
            _put(t, i, 0, label)
            _put(t, i, 1, number(getattr(report, name)), c2=3)
        r += 2 + len(lines)


def _application_table(doc, report) -> None:
    a = report.applications
    t = _grid(doc, 3 + 2 + len(RESULT_ROWS) + 2, 10)
    _put(t, 0, 0, IDENTITY_NOTE, r2=2, c2=2)
    _put(t, 0, 3, APPLICANT_HEADING, c2=9)
    _put(t, 1, 3, NATURAL, r2=2)
    _put(t, 1, 4, ORGANISATIONS, c2=8)
    _put(t, 1, 9, TOTAL_COLUMN, r2=2)
    for c, (_name, label) in enumerate(APPLICANTS[1:], start=4):
        _put(t, 2, c, label)

    def values(r: int, counts) -> None:
        for c, value in enumerate(column_values(counts), start=3):
            _put(t, r, c, number(value))

    _put(t, 3, 0, NEW, c2=2)
    values(3, a.new)
    _put(t, 4, 0, CARRIED_OVER, c2=2)
    values(4, a.carried_over)
    first = 5
    _put(t, first, 0, RESULTS, r2=first + len(RESULT_ROWS))
    group_start: dict[str, int] = {}
    for i, (group, name, label) in enumerate(RESULT_ROWS):
        r = first + i
        if group:
            group_start.setdefault(group, r)
            _put(t, r, 2, label)
        else:
            _put(t, r, 1, label, c2=2)
        values(r, getattr(a, name))
    for group, start in group_start.items():
        end = max(first + i for i, row in enumerate(RESULT_ROWS) if row[0] == group)
        _put(t, start, 1, group, r2=end)
    total_row = first + len(RESULT_ROWS)
    _put(t, total_row, 1, TOTAL, c2=2)
    values(total_row, results_total(report))
    _put(t, total_row + 1, 0, CARRIED_FORWARD, c2=2)
    values(total_row + 1, a.carried_forward)


def _review_table(doc, report) -> None:
    t = _grid(doc, 4, 15)
    _put(t, 0, 0, RECONSIDERATION, c2=4)
    _put(t, 0, 5, LITIGATION, c2=14)
    outcomes = [label for _n, label in REVIEW_OUTCOMES]
    for c, label in enumerate(outcomes):
        _put(t, 1, c, label, r2=2)
    _put(t, 1, 5, REVIEW_GROUPS[1][2], c2=9)
    _put(t, 1, 10, REVIEW_GROUPS[2][2], c2=14)
    for c, label in enumerate(outcomes * 2, start=5):
        _put(t, 2, c, label)
    values = []
    for name, _g, _s in REVIEW_GROUPS:
        counts = getattr(report.reviews, name)
        values += [counts.upheld, counts.corrected, counts.other, counts.pending, review_total(counts)]
    for c, value in enumerate(values):
        _put(t, 3, c, number(value))


def report_document(portal, unit, report) -> bytes:
    """One report as .docx bytes."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    title = doc.add_paragraph(report_title(unit, report.year))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    doc.add_paragraph(f"本报告所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。")
    sections = (
        lambda: _text_paragraphs(doc, report.overview),
        lambda: _active_table(doc, portal, report),
        lambda: _application_table(doc, report),
        lambda: _review_table(doc, report),
        lambda: _text_paragraphs(doc, report.problems),
        lambda: (doc.add_paragraph(fees_text(report)), _text_paragraphs(doc, report.other)),
    )
    for part, write in zip(PARTS, sections):
        doc.add_heading(part, level=2)
        write()
    stamp = dt.datetime(report.published.year, report.published.month, report.published.day)
    props = doc.core_properties
    props.author = props.last_modified_by = unit.name
    props.title = report_title(unit, report.year)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_dates(raw.getvalue(), stamp)


def _fixed_dates(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated `stamp` (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def report_files(portal) -> dict[str, bytes]:
    """Every published report's .docx, by site path (next to its page)."""
    return {report_docx(portal.units[unit_id], year): report_document(portal, portal.units[unit_id], report)
            for (unit_id, year), report in published_reports(portal).items()}
