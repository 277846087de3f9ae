"""The validity of a normative document as of a date, from its dates and its amend/repeal links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .records import NormativeDocument

# Where a document goes in a list that mixes documents: in force first (amended ones included), then those not
# yet in force, then repealed and expired ones; within a group the list keeps its own order (newest first).
STANDING = {"现行有效": 0, "已修改": 0, "尚未生效": 1, "已废止": 2, "已失效": 2}


@dataclass(frozen=True)
class ValidityStatus:
    """Computed validity: the state, the day it began, and the document that caused it (if any)."""

    state: str
    since: dt.date | None
    by: str | None = None

    @property
    def in_force(self) -> bool:
        return self.state in ("现行有效", "已修改")

    @property
    def standing(self) -> int:
        """0 in force, 1 not yet in force, 2 repealed or expired (STANDING)."""
        return STANDING[self.state]


def compute_validity(doc: NormativeDocument, docs: dict[str, NormativeDocument],
                     amenders: list[str], as_of: dt.date) -> ValidityStatus:
    """Repealed → 已废止; expired → 已失效; not yet effective → 尚未生效; amended → 已修改; else 现行有效.

    A repeal or amendment counts from the changing document's 施行日期.
    """
    repeals = []
    if doc.repealed_by and doc.repealed_by in docs:
        repeals.append((docs[doc.repealed_by].effective, doc.repealed_by))
    if doc.repealed_on:
        repeals.append((doc.repealed_on, None))
    repeal_day, repealer = min(repeals, key=lambda r: r[0]) if repeals else (None, None)
    if repeal_day and repeal_day <= as_of:
        return ValidityStatus("已废止", repeal_day, repealer)
    if doc.expires and doc.expires < as_of:
        return ValidityStatus("已失效", doc.expires + dt.timedelta(days=1))
    if doc.effective > as_of:
        return ValidityStatus("尚未生效", doc.published)
    in_force_amenders = sorted(
        (docs[a].effective, a) for a in amenders if a in docs and docs[a].effective <= as_of
    )
    if in_force_amenders:
        day, amender = in_force_amenders[-1]
        return ValidityStatus("已修改", day, amender)
    return ValidityStatus("现行有效", doc.effective)
