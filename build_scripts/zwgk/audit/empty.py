"""Rule 1: empty columns (no entry and no note), and the site-level veto when there are too many."""

from __future__ import annotations

from .inventory import Context, veto
from .model import Finding, Rule
from .sources import EMPTY_COLUMNS

EMPTY = Rule(
    "R1.1",
    "空白栏目",
    "error",
    EMPTY_COLUMNS,
    "栏目“{column}”没有任何信息，也没有无内容说明",
    "发布该栏目应公开的信息；重点领域栏目确无内容的，在 columns.yml 中为该栏目填写 empty_note 说明原因",
)
VETO = Rule(
    "R1.2",
    "空白栏目单项否决",
    "error",
    EMPTY_COLUMNS,
    "空白栏目 {count} 个，达到单项否决线（{limit} 个）：{names}",
    "逐个补齐空白栏目的信息，或为确无内容的栏目填写 empty_note；阈值见 portal.yml audit.veto_empty_columns",
)
RULES = (EMPTY, VETO)


def empty_columns(ctx: Context):
    return [c for c in ctx.columns if not c.dates and not c.note]


def check(ctx: Context) -> list[Finding]:
    empty = empty_columns(ctx)
    found = [EMPTY.finding(c.target(), c.key, column=c.title) for c in empty]
    return found + veto(VETO, empty, ctx.limits.veto_empty_columns)
