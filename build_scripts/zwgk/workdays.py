"""Chinese official working days (State Council holiday arrangements) via the `chinesecalendar` package.

The package knows only the years the State Council has announced; outside them, Monday to Friday
count as working days and every answer says so (``official`` is False).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import chinese_calendar


@dataclass(frozen=True)
class WorkdayCount:
    """Working days counted over a span; ``guessed_years`` are the years counted as plain weekdays."""

    days: int
    guessed_years: tuple[int, ...] = ()

    @property
    def official(self) -> bool:
        return not self.guessed_years

    def basis(self) -> str:
        """How the days were counted, in words for a finding."""
        if self.official:
            return "按国务院公布的法定节假日和调休安排计算工作日"
        years = "、".join(f"{y}年" for y in self.guessed_years)
        return f"chinesecalendar 尚无{years}的节假日安排，{years}按周一至周五计算工作日"


@functools.lru_cache(maxsize=8192)
def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, from the official calendar). Cached: the library rescans its tables on every call."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def workdays_between(start: dt.date, end: dt.date) -> WorkdayCount:
    """Working days d with start < d <= end (0 when end <= start)."""
    days, guessed = 0, set()
    day = start + dt.timedelta(days=1)
    while day <= end:
        working, official = is_workday(day)
        days += working
        if not official:
            guessed.add(day.year)
        day += dt.timedelta(days=1)
    return WorkdayCount(days, tuple(sorted(guessed)))


def add_workdays(start: dt.date, n: int) -> tuple[dt.date, WorkdayCount]:
    """The n-th working day after start (the last day of an n-working-day time limit)."""
    day, guessed, counted = start, set(), 0
    while counted < n:
        day += dt.timedelta(days=1)
        working, official = is_workday(day)
        counted += working
        if not official:
            guessed.add(day.year)
    return day, WorkdayCount(counted, tuple(sorted(guessed)))
