"""Dates as staff type them, deadline phrases, and dates shown in Chinese."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

FULLWIDTH = str.maketrans("０１２３４５６７８９／．－：　", "0123456789/.-: ")

_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*[日号]?\s*$"
)
# 二〇二三年三月五日, as dates are written in documents (○ is often typed for 〇)
_CN_DATE_RE = re.compile(r"^\s*([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                         r"\s*([一二三四五六七八九十]{1,3})\s*[日号]\s*$")
_CN_DIGITS = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "○": 0, "零": 0}


def _cn_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十五 → 25, 三十 → 30 (the numbers of a month and day)."""
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else -1
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, -1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, -1) if ones else 0)


class DateFormatError(ValueError):
    """Raised when a text is not a date in a format staff use, or names an impossible day."""


def normalise_digits(text: str) -> str:
    """Full-width digits and date punctuation → ASCII."""
    return text.translate(FULLWIDTH)


def parse_date(value: object) -> dt.date:
    """2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日 (or 5号), 二〇二三年三月五日, full-width digits, or a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalise_digits(str(value))
    m = _DATE_RE.match(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    elif m := _CN_DATE_RE.match(text):
        year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        month, day = _cn_int(m.group(2)), _cn_int(m.group(3))
    else:
        raise DateFormatError(f"“{value}”不是日期")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(f"日期“{value}”不存在（{year}年{month}月没有{day}日）") from None


def format_cn(day: dt.date | None) -> str:
    """2023年3月5日 (empty for None)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


STANDING_PHRASES = ("持续推进", "长期坚持", "及时公开", "常态化", "长期", "持续", "动态更新", "按季度", "按月", "适时",
                    # the rest of what zwgk.importers.table reads as a standing deadline
                    "及时", "随时", "立即", "即时", "按时序", "按年", "按半年", "按周", "每年", "每半年", "每季度", "每月",
                    "每周")


@dataclass(frozen=True)
class Deadline:
    """A task deadline: a date, or a standing commitment with no end (持续推进 ...)."""

    text: str
    date: dt.date | None

    @property
    def standing(self) -> bool:
        return self.date is None


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}
_PHRASE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:(\d{4})年?)?年底前?$|^(?:(\d{4})年?)?(?:年内|全年)前?$"), "year_end"),
    (re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:底|末)前?$|^(?:(\d{4})年)?(\d{1,2})月前$"), "month_end"),
    (re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前?$"), "day"),
    (re.compile(r"^(?:(\d{4})年)?(上|下)半年$"), "half"),
    (re.compile(r"^(?:(\d{4})年)?第?([一二三四1-4])季度(?:末|底)?前?$"), "quarter"),
    (re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(上|中|下)旬前?$"), "dekad"),
    (re.compile(r"^(?:(\d{4})年)?(\d{1,2})月份?$|^(\d{4})[./-](\d{1,2})$"), "month"),  # 12月, 2023年12月, 2023.12
    (re.compile(r"^(?:(\d{4})年)?年中前?$"), "mid_year"),
]


def parse_deadline(value: object, year: int) -> Deadline:
    """A date or a phrase (年底前, 12月底前, 2023年6月底前, 8月31日, 持续推进 ...) in the task list's year."""
    if isinstance(value, dt.date):
        return Deadline(format_cn(parse_date(value)), parse_date(value))
    raw = str(value).strip()
    text = normalise_digits(raw).replace(" ", "")
    text = re.sub(r"(完成|前完成|之前)$", "前", text).replace("前前", "前")
    if any(text.startswith(p) for p in STANDING_PHRASES):
        return Deadline(raw, None)
    try:
        return Deadline(raw, parse_date(text))
    except DateFormatError:
        pass
    for pattern, kind in _PHRASE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        groups = [g for g in m.groups()]
        if kind == "year_end":
            y = int(groups[0] or groups[1] or year)
            return Deadline(raw, dt.date(y, 12, 31))
        if kind == "month_end":
            y = int(groups[0] or groups[2] or year)
            month = int(groups[1] or groups[3])
            if not 1 <= month <= 12:
                break
            if groups[3]:  # "8月前" means before August begins
                month -= 1
                if month == 0:
                    return Deadline(raw, dt.date(y - 1, 12, 31))
            return Deadline(raw, dt.date(y, month, calendar.monthrange(y, month)[1]))
        if kind == "day":
            y = int(groups[0] or year)
            try:
                return Deadline(raw, dt.date(y, int(groups[1]), int(groups[2])))
            except ValueError:
                raise DateFormatError(f"期限“{raw}”中的日期不存在") from None
        if kind == "half":
            y = int(groups[0] or year)
            return Deadline(raw, dt.date(y, 6, 30) if groups[1] == "上" else dt.date(y, 12, 31))
        if kind == "quarter":
            y = int(groups[0] or year)
            q = _CN_NUM.get(groups[1]) or int(groups[1])
            month = q * 3
            return Deadline(raw, dt.date(y, month, calendar.monthrange(y, month)[1]))
        if kind in ("dekad", "month"):
            if kind == "month" and groups[3]:  # 2023.12
                groups = [groups[2], groups[3], None]
            y, month = int(groups[0] or year), int(groups[1])
            if not 1 <= month <= 12:
                break
            last = calendar.monthrange(y, month)[1]
            day = {"上": 10, "中": 20}.get(groups[2], last) if kind == "dekad" else last
            return Deadline(raw, dt.date(y, month, day))
        if kind == "mid_year":
            return Deadline(raw, dt.date(int(groups[0] or year), 6, 30))
    raise DateFormatError(f"无法识别的完成时限“{raw}”")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (clamped to that month's last day: 1月31日 + 1 → 2月28日)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
