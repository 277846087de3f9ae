"""定时发布: a record dated after the build date is not published yet.

One meaning of "today" (the build date, --as-of) for every reader of the portal: a record whose 发布日期
(documents, interpretations, items: `published`; Q&A: `updated`) is later than the build date is left out of
the linked records altogether, so pages, feeds, open data, the search index, the sitemap and the audit all
see the site as it stands that day. An interpretation waits for its document. `zwgk check` lists each
scheduled record with the day it will appear; it is neither an error nor a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .dates import format_cn
from .records import QA
from .yamlnodes import where

KIND_LABELS = {"NormativeDocument": "规范性文件", "Interpretation": "政策解读", "QA": "政策问答", "Item": "信息",
               "Consultation": "意见征集", "DecisionCatalogue": "重大行政决策事项目录", "Proposal": "建议提案办理结果"}


def release_date(record) -> dt.date | None:
    """The day a record goes public: its 发布日期, a Q&A's 更新日期; None for an item without a date."""
    return record.updated if isinstance(record, QA) else getattr(record, "published", None)


@dataclass(frozen=True)
class Scheduled:
    """A reviewed record not yet published on the build date, and the day it will be."""

    record: object
    day: dt.date
    waits_for: object = None  # the scheduled document an interpretation waits for

    @property
    def label(self) -> str:
        r = self.record
        return getattr(r, "title", None) or getattr(r, "question", None) or r.id

    def format(self, as_of: dt.date) -> str:
        """One line for zwgk check: file:line:col: 定时发布: what, and from which day."""
        r = self.record
        field_name = "updated" if isinstance(r, QA) else "published"
        line, col = where(r, field_name)
        kind = KIND_LABELS.get(type(r).__name__, "记录")
        why = ""
        if self.waits_for is not None:
            doc = self.waits_for
            why = f"（所解读的文件“{doc.doc_number or doc.title}”{format_cn(doc.published)}发布，解读随之发布）"
        return (f"{r.file}:{line}:{col}: 定时发布: {kind}“{self.label}”于{format_cn(self.day)}发布{why}，"
                f"截至 {as_of.isoformat()} 不在网站上；当天或以后重新生成网站即发布")


def split_scheduled(records, as_of: dt.date, held: set[int]):
    """(the records as of the date, [Scheduled] by day). held: ids of records left out for other reasons
    (not through 三审); they stay where they are and are not counted as scheduled."""
    later: dict[int, Scheduled] = {}

    def consider(record):
        day = release_date(record)
        if id(record) not in held and day and day > as_of:
            later[id(record)] = Scheduled(record, day)

    for kind in (records.normative, records.qa):
        for record in kind.values():
            consider(record)
    for item in records.items:
        consider(item)
    for interp in records.interpretations.values():
        if id(interp) in held:
            continue
        doc = records.normative.get(interp.of)
        waiting = later.get(id(doc)) if doc is not None else None
        day = max(interp.published, waiting.day) if waiting else interp.published
        if day > as_of:
            later[id(interp)] = Scheduled(interp, day, waiting.record if waiting and day > interp.published else None)
    if not later:
        return records, []
    now = replace(
        records,
        normative={k: v for k, v in records.normative.items() if id(v) not in later},
        interpretations={k: v for k, v in records.interpretations.items() if id(v) not in later},
        qa={k: v for k, v in records.qa.items() if id(v) not in later},
        items=[i for i in records.items if id(i) not in later],
    )
    order = sorted(later.values(), key=lambda s: (s.day, s.record.file))
    return now, order


__all__ = ["Scheduled", "release_date", "split_scheduled"]
