"""The build date ("today" as an input), so builds, validity and audits are reproducible."""

from __future__ import annotations

import datetime as dt

from .dates import DateFormatError, parse_date
from .errors import ZwgkError


class AsOfError(ZwgkError):
    """Raised when --as-of is not a date."""


def parse_as_of(value: str | None) -> dt.date:
    """'' or None → today; otherwise a date as staff write it."""
    if not value:
        return dt.date.today()
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise AsOfError(f"--as-of 的值有误：{exc}（应写作 2026-11-22）") from None
