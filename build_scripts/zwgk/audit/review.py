"""Rule 10: records not through 三审 (初审、复审、审发) are left out of the build, and listed here."""

from __future__ import annotations

from ..load import _kind_label
from .inventory import record_target
from .model import Finding, Rule
from .sources import THREE_REVIEWS

UNREVIEWED = Rule(
    "R10.1",
    "未完成三审",
    "warning",
    THREE_REVIEWS,
    "{kind}未完成三审（缺少{missing}），未发布",
    "由审核人完成三审后填写 review: {{first: 初审人, second: 复审人, final: 审发人}}",
)
ORPHAN = Rule(
    "R10.2",
    "解读的文件未发布",
    "warning",
    THREE_REVIEWS,
    "所解读的文件“{doc}”未完成三审、未发布，本解读一并未发布",
    "完成该文件的三审后，文件和解读一同发布",
)
RULES = (UNREVIEWED, ORPHAN)

COLUMN_OF = {"NormativeDocument": "gfxwj", "Interpretation": "zcjd", "QA": "zcwd"}


def _missing(review) -> str:
    steps = (("初审", "first"), ("复审", "second"), ("审发", "final"))
    return "、".join(label for label, name in steps if review is None or not getattr(review, name))


def _label(record) -> str:
    return getattr(record, "title", None) or getattr(record, "question", None) or record.id


def check(ctx) -> list[Finding]:
    portal, found = ctx.portal, []
    for record in sorted(portal.unreviewed, key=lambda r: r.file):
        kind = type(record).__name__
        column = COLUMN_OF.get(kind) or f"zdly/{record.column}"
        found.append(
            UNREVIEWED.finding(
                record_target(record, _label(record), "", "review"),
                column,
                kind=_kind_label(type(record)),
                missing=_missing(record.review),
            )
        )
    unreviewed = {id(r) for r in portal.unreviewed + portal.withdrawn}  # a withdrawn one has its own notice
    for interp in sorted(portal.records.interpretations.values(), key=lambda i: i.id):
        if id(interp) not in unreviewed and interp.id not in portal.interpretations:
            doc = portal.records.normative[interp.of]
            found.append(
                ORPHAN.finding(
                    record_target(interp, interp.title, "", "of"),
                    "zcjd",
                    doc=doc.doc_number or doc.title,
                )
            )
    return found
