"""Dates that contradict each other: one place for the rules that `zwgk check` warns about and the audit scores.

成文 ≤ 发布, 成文 ≤ 施行 ≤ 有效期至; the year in the 文号 is the year it was written; a document that amends or
repeals another is published after it; an interpretation is not published before its document.
"""

from __future__ import annotations

import re

from .dates import format_cn

FIRST_YEAR, LAST_YEAR = 1949, 2099  # a 发布日期 of 0023 or 2203 is a typing slip
_NUMBER_YEAR = re.compile(r"〔(\d{4})〕")


def implausible_year(year: int) -> str | None:
    """Why a year cannot be right, or None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"年份 {year:04d} 不合理（应在 {FIRST_YEAR}—{LAST_YEAR} 年之间）"


def document_conflicts(doc) -> list[tuple[str, str]]:
    """(field, message) for each pair of a normative document's own dates that contradict each other."""
    found = []
    if doc.written > doc.published:
        found.append(("published", f"发布日期{format_cn(doc.published)}早于成文日期{format_cn(doc.written)}"))
    if doc.effective < doc.written:
        found.append(("effective", f"施行日期{format_cn(doc.effective)}早于成文日期{format_cn(doc.written)}"))
    if doc.expires and doc.expires < doc.effective:
        found.append(("expires", f"有效期至{format_cn(doc.expires)}早于施行日期{format_cn(doc.effective)}"))
    m = _NUMBER_YEAR.search(doc.doc_number or "")
    if m and int(m.group(1)) != doc.written.year:
        found.append(("doc_number", f"文号中的年份 {m.group(1)} 与成文日期的年份 {doc.written.year} 不一致"))
    return found


def changes_too_early(changer, doc) -> bool:
    """Whether a document that amends or repeals doc was published no later than doc itself."""
    return changer.published <= doc.published


def interpretation_too_early(interp, doc) -> str | None:
    """Why an interpretation's date contradicts its document's, or None."""
    if interp.published < doc.published:
        return f"解读发布于{format_cn(interp.published)}，早于所解读文件的发布日期{format_cn(doc.published)}"
    return None
