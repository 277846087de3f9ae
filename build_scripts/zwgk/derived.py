"""What the portal derives from one parsed record alone, kept between loads while parsed files are (zwgk serve).

zwgk serve keeps parsed record files (load.keep_parsed): an unchanged file gives the same record object
again, and records are not changed after loading.  So what is derived from a record alone (the files it
names, the personal data in its text …) can be kept with it, and a rebuild after one edit derives it
again for the edited record only.  Outside serve they are kept while one portal is linked (for_one_link).
"""

from __future__ import annotations

import contextlib
from typing import Callable, TypeVar

T = TypeVar("T")

_KEPT: dict | None = None
_MOST = 1_000_000


def remember(on: bool = True) -> None:
    """Keep derived values from now on, or stop and forget them (load.keep_parsed calls this)."""
    global _KEPT
    _KEPT = {} if on else None


@contextlib.contextmanager
def for_one_link():
    """Keep derived values while one portal is linked (the files a record names are asked for twice there),
    unless they are being kept anyway."""
    global _KEPT
    if _KEPT is not None:
        yield
        return
    _KEPT = {}
    try:
        yield
    finally:
        _KEPT = None


def per_record(record, what, compute: Callable[[], T]) -> T:
    """compute() for this record; kept while remembering.  what names the value and anything else it
    depends on (hashable)."""
    if _KEPT is None:
        return compute()
    key = (id(record), what)
    known = _KEPT.get(key)
    if known is not None and known[0] is record:
        return known[1]
    value = compute()
    if len(_KEPT) >= _MOST:  # records replaced by edits are let go now and then
        _KEPT.clear()
    _KEPT[key] = (record, value)
    return value
