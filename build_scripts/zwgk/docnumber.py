"""文号 as staff type them → the standard form 示府办发〔2023〕12号 (GB/T 9704-2012, 7.2.4).

Typed with a Chinese input method, 文号 arrive as 示府办发[2023]12号, 示府办发（２０２３）012号,
示府办发【2023】第12号 or 示府办发〔2023〕12. The year takes 六角括号〔〕, the serial has no
leading zeros and no 第, and the number ends in 号.
"""

from __future__ import annotations

import re

from .dates import normalise_digits

_OPEN = "[［【(（〔〈《{｛<＜"
_CLOSE = "]］】)）〕〉》}｝>＞"
_YEAR = re.compile(rf"[{re.escape(_OPEN)}]([0-9]{{4}})[{re.escape(_CLOSE)}]")
STANDARD_RE = re.compile(r"^[^\s〔〕]+〔[0-9]{4}〕[1-9][0-9]*号$|^[^\s〔〕]+令第[1-9][0-9]*号$")  # …令第N号: a 规章


def normalise_doc_number(text: str) -> str:
    """The standard spelling of a 文号; text that is not a 文号 comes back only trimmed of spaces."""
    text = re.sub(r"\s+", "", normalise_digits(text))
    text = _YEAR.sub(r"〔\1〕", text)
    text = re.sub(r"〕第?0*([1-9][0-9]*)(号?)$", r"〕\1号", text)
    return text


def is_standard(text: str) -> bool:
    """True when the 文号 is written as 机关代字〔年份〕序号号 (or, for a 规章, ……令第N号)."""
    return bool(STANDARD_RE.match(text))


def is_rule(doc) -> bool:
    """A 规章 (government rule) is promulgated by 令 and numbered 令第N号; everything else is a 行政规范性文件."""
    return "令第" in doc.doc_number
