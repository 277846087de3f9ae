"""Rule 12: 保密审查. Personal data in a record stops `zwgk check` and `zwgk build` (zwgk.privacy); what a record
publishes on purpose under a reasoned waiver (privacy_waiver) is listed here, every waiver with its reason, so the
person who signs the audit sees each one."""

from __future__ import annotations

from ..load import _kind_label
from ..privacy import waivers
from ..yamlnodes import where
from .model import Finding, Rule, Target
from .sources import PRIVACY

WAIVED = Rule(
    "R12.1",
    "经豁免公开的个人信息",
    "warning",
    PRIVACY,
    "{kind}经豁免公开{what}（末尾“{tail}”），理由：{reason}",
    "核对理由：公开个人信息须有法律、法规依据或取得本人同意；不再需要公开时删除该信息和 privacy_waiver 中的这一项",
)
RULES = (WAIVED,)

COLUMN_OF = {"NormativeDocument": "gfxwj", "Interpretation": "zcjd", "QA": "zcwd", "TaskList": "zdgz"}


def _label(record) -> str:
    return getattr(record, "title", None) or getattr(record, "question", None) or getattr(record, "id", "")


def check(ctx) -> list[Finding]:
    found = []
    for record, waiver in waivers(ctx.portal.records):
        kind = type(record).__name__
        column = COLUMN_OF.get(kind) or f"zdly/{getattr(record, 'column', '')}"
        found.append(
            WAIVED.finding(
                Target(_label(record), "", record.file, where(waiver)[0], getattr(record, "unit", "") or ""),
                column,
                kind=_kind_label(type(record)),
                what=waiver.kind or "个人信息",
                tail=waiver.value_tail,
                reason=waiver.reason.strip(),
            )
        )
    return found
