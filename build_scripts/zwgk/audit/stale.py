"""Rule 2: columns not updated within their limit (by column type), and the site-level veto."""

from __future__ import annotations

import calendar
import datetime as dt

from ..dates import format_cn
from .inventory import AuditColumn, Context, veto
from .model import Finding, Rule
from .sources import STALE_COLUMNS

STALE = Rule(
    "R2.1",
    "栏目不更新",
    "warning",
    STALE_COLUMNS,
    "栏目“{column}”（{kind}类）最近更新：{latest}，超过{limit}未更新",
    "及时发布该栏目的新信息；未填发布日期的信息视为未更新，请补填 published。"
    "更新时限按栏目类型：动态、要闻类 {days_dynamic} 天，政策文件、通知公告类 {months_policy} 个月，"
    "其他 {months_other} 个月；个别栏目可在 columns.yml 用 interval_days 另定",
)
VETO = Rule(
    "R2.2",
    "栏目不更新单项否决",
    "error",
    STALE_COLUMNS,
    "超过更新时限的栏目 {count} 个，达到单项否决线（{limit} 个）：{names}",
    "逐个更新这些栏目；阈值见 portal.yml audit.veto_stale_columns",
)
RULES = (STALE, VETO)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def limit_of(column: AuditColumn, limits) -> tuple[str, int | None, int | None]:
    """(limit in words, days, months) for a column."""
    if column.interval_days:
        return f" {column.interval_days} 天", column.interval_days, None
    if column.kind in ("动态", "要闻"):
        return f" {limits.stale_days_dynamic} 天", limits.stale_days_dynamic, None
    months = (
        limits.stale_months_policy
        if column.kind in ("政策文件", "通知公告")
        else limits.stale_months_other
    )
    return f" {months} 个月", None, months


def cutoff(column: AuditColumn, ctx: Context) -> dt.date:
    """Entries older than this day do not keep the column up to date."""
    _words, days, months = limit_of(column, ctx.limits)
    return (
        ctx.as_of - dt.timedelta(days=days)
        if days is not None
        else months_before(ctx.as_of, months)
    )


def stale_columns(ctx: Context) -> list[AuditColumn]:
    """Columns with entries whose newest dated entry is older than the limit (an empty column is rule 1's)."""
    return [
        c
        for c in ctx.columns
        if c.dated
        and c.dates
        and (c.latest(ctx.as_of) is None or c.latest(ctx.as_of) < cutoff(c, ctx))
    ]


def check(ctx: Context) -> list[Finding]:
    limits = ctx.limits
    common = {
        "days_dynamic": limits.stale_days_dynamic,
        "months_policy": limits.stale_months_policy,
        "months_other": limits.stale_months_other,
    }
    stale = stale_columns(ctx)
    found = []
    for c in stale:
        latest = c.latest(ctx.as_of)
        undated = sum(1 for d in c.dates if d is None)
        words = format_cn(latest) if latest else "无（信息均未填发布日期）"
        if latest and undated:
            words += f"（另有 {undated} 条未填发布日期）"
        found.append(
            STALE.finding(
                c.target(),
                c.key,
                column=c.title,
                kind=c.kind,
                latest=words,
                limit=limit_of(c, limits)[0],
                **common,
            )
        )
    return found + veto(VETO, stale, limits.veto_stale_columns)
