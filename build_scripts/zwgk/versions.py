"""Versions of an amended normative document: the original and each consolidated text, chosen as of a date.

A document's `body` is its original text (the first version); each entry of `versions` is the full text as
amended by one document, in force from that document's 施行日期. A version whose amending document does not
exist yet (定时发布) does not exist yet either.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import format_cn
from .errors import Problem
from .yamlnodes import where


@dataclass(frozen=True)
class TextVersion:
    """One text of a document: number 0 is the original; `by` is the amending document's id (None for 原文)."""

    number: int
    date: dt.date
    by: str | None
    body: str

    @property
    def original(self) -> bool:
        return self.number == 0

    @property
    def slug(self) -> str:
        """The version's part of its address: the day it takes effect, stable whatever is added later."""
        return self.date.strftime("%Y%m%d")

    @property
    def label(self) -> str:
        return "原文" if self.original else f"第{self.number}次修订版"


def text_versions(doc, docs: dict) -> list[TextVersion]:
    """The original and every consolidated text whose amending document exists (is in docs), by date."""
    found = [TextVersion(0, doc.effective, None, doc.body)]
    for v in doc.versions:
        if v.by in docs:
            found.append(TextVersion(len(found), v.date, v.by, v.body))
    return found


def in_force(versions: list[TextVersion], as_of: dt.date) -> TextVersion:
    """The text that applies on as_of: the newest version in force, or the original before any."""
    current = versions[0]
    for v in versions[1:]:
        if v.date <= as_of:
            current = v
    return current


def pending(versions: list[TextVersion], as_of: dt.date) -> list[TextVersion]:
    """Consolidated texts published but not in force yet (their amending document takes effect later)."""
    return [v for v in versions[1:] if v.date > as_of]


def state(version: TextVersion, versions: list[TextVersion], as_of: dt.date) -> str:
    """现行文本, 历史文本 (replaced by a later version in force) or 尚未施行."""
    if version.date > as_of and not version.original:
        return "尚未施行"
    return "现行文本" if in_force(versions, as_of) is version else "历史文本"


def same_text(a: str, b: str) -> bool:
    """Whether two Markdown texts say the same (whitespace aside)."""
    return re.sub(r"\s+", "", a or "") == re.sub(r"\s+", "", b or "")


def version_problems(records) -> list[Problem]:
    """Each version: its amending document exists and amends this document, its date is that document's 施行日期,
    versions come in date order after the original's 施行日期, one version per amending document."""
    docs, found = records.normative, []

    def error(record, obj, name, message, hint):
        line, col = where(obj, name)
        found.append(Problem(record.file, line, col, message, hint))

    for doc in docs.values():
        previous, seen = doc.effective, {}
        for v in doc.versions:
            amender = docs.get(v.by)
            if amender is None:
                error(doc, v, "by", f"修订版的修改文件“{v.by}”不存在",
                      "写作修改文件的标识（normative/ 下的文件名，不含 .yml）")
                continue
            if v.by == doc.id or (v.by not in doc.amended_by and doc.id not in amender.amends):
                error(doc, v, "by", f"“{amender.doc_number or v.by}”没有修改本文件，不能作为修订版的修改文件",
                      f"在本文件的 amended_by 中加上 {v.by}（或在该文件的 amends 中加上 {doc.id}），或改正标识")
                continue
            if v.by in seen:
                error(doc, v, "by", f"同一修改文件“{amender.doc_number or v.by}”有两个修订版（第 {seen[v.by]} 行已有）",
                      "一份修改文件只产生一个修订版：合并为一个")
            seen.setdefault(v.by, where(v, "by")[0])
            if v.date != amender.effective:
                error(doc, v, "date", f"修订版的施行日期{format_cn(v.date)}与修改文件“{amender.doc_number or v.by}”"
                      f"的施行日期{format_cn(amender.effective)}不一致",
                      f"修订版自修改文件施行之日起适用：写作 {amender.effective.isoformat()}")
            elif v.date <= previous:
                error(doc, v, "date", f"修订版的施行日期{format_cn(v.date)}不晚于前一个版本（{format_cn(previous)}）",
                      "versions 按施行日期从早到晚排列，且都晚于本文件（原文）的施行日期")
            previous = max(previous, v.date)
    return found


__all__ = ["TextVersion", "text_versions", "in_force", "pending", "state", "same_text", "version_problems"]
