"""Split a 责任单位 cell into lead (牵头), responsible (责任) and guide (指导) units.

The rule, applied the same way to every seed:

1. Labelled cells — ``牵头单位：A／责任单位：B、C／指导单位：D`` — go label by label
   (牵头单位/牵头部门/主办单位 → lead; 责任单位/责任部门/配合单位/协办单位/落实单位 … →
   responsible; 指导单位/指导部门 → guide). Text before the first label counts as responsible.
   Labelled lines (one label a paragraph) reach here joined by 、, and split the same way.
2. Otherwise, when the cell says ``牵头``, the units before the first ``牵头`` lead and
   the units after it are responsible: ``县发改委牵头，县直有关单位负责落实`` →
   lead [县发改委], responsible [县直有关单位].
   A unit marked ``（牵头）`` leads and the others are responsible:
   ``县政府办公室（牵头），县直各部门`` → lead [县政府办公室], responsible [县直各部门].
3. Otherwise every unit is responsible and none leads: a bare list such as
   ``县政府各部门，各乡镇（街道）政府`` does not say who leads, and taking the first
   unit as the lead would put words in the document's mouth.

Trailing ``负责落实`` / ``负责`` / ``落实`` / ``配合`` and a final 。 are dropped. Lists split on
、，,；; but never inside brackets (``各乡镇（街道）政府`` stays whole), and a 、-group
with a one-character piece is an abbreviated list of place kinds, kept whole
(``各县、市、区政府``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主办单位": "lead",
    "主责单位": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "responsible",
    "配合部门": "responsible",
    "协办单位": "responsible",
    "协办部门": "responsible",
    "参与单位": "responsible",
    "落实单位": "responsible",
    "指导单位": "guide",
    "指导部门": "guide",
}
_SHORT_LABELS = {"牵头": "lead", "主责": "lead", "责任": "responsible", "配合": "responsible", "协办": "responsible",
                 "指导": "guide"}
# 牵头单位：… anywhere; the short 牵头：/配合： only opening the cell or a line (not 业务指导：…)
_LABEL_RE = re.compile(
    "(" + "|".join(_LABELS) + r")\s*[:：]|(?:^|(?<=[\s、，,；;／/。]))(" + "|".join(_SHORT_LABELS) + r")\s*[:：]"
)
_LABELS.update(_SHORT_LABELS)
_MARKED_LEAD = re.compile(r"\s*[（(]\s*牵头\s*[）)]")
_TAIL_RE = re.compile(r"(?:负责落实|负责|落实|配合|协助)$")
_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_UNIT_END = re.compile(
    r"(局|委|办|室|中心|政府|部门|单位|办事处|管委会|馆|院|所|站|队|会|公司|集团|街道|乡镇|各镇|园|区|"
    r"机关|小组|处|科|股|厅|部)$"
)


@dataclass
class Units:
    """The units of one task, split by role."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    guide: list[str] = field(default_factory=list)


def _tidy(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u3000", " ").strip()
    return text.strip(" 。.／/；;，,、")


def _split_top(text: str, seps: str) -> list[str]:
    """Split on any of ``seps`` outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def split_unit_list(text: str) -> list[str]:
    """``A、B，C（D、E）`` → [A, B, C（D、E）]; ``各县、市、区政府`` stays whole."""
    units: list[str] = []
    for group in _split_top(text, "，,；;"):
        group = _tidy(group)
        if not group:
            continue
        pieces = [_tidy(p) for p in _split_top(group, "、")]
        pieces = [p for p in pieces if p]
        if any(len(p) <= 1 for p in pieces):
            units.append(group)
        else:
            units.extend(pieces)
    return units


def _strip_tail(text: str) -> str:
    text = _tidy(text)
    while True:
        stripped = _tidy(_TAIL_RE.sub("", text))
        if stripped == text:
            return text
        text = stripped


def split_units(text: str) -> Units:
    """Apply the rule in the module docstring to one cell."""
    text = _tidy(text or "")
    result = Units()
    if not text:
        return result
    labels = list(_LABEL_RE.finditer(text))
    if labels:
        head = text[: labels[0].start()]
        result.responsible += split_unit_list(_strip_tail(head))
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            role = _LABELS[m.group(1) or m.group(2)]
            getattr(result, role).extend(split_unit_list(_strip_tail(text[m.end() : end])))
        return result
    if _MARKED_LEAD.search(text):  # 县政府办（牵头）、县财政局
        for unit in split_unit_list(_strip_tail(text)):
            bare = _MARKED_LEAD.sub("", unit)
            (result.lead if bare != unit else result.responsible).append(bare)
        return result
    if "牵头" in text:
        lead, _, rest = text.partition("牵头")
        result.lead = split_unit_list(_strip_tail(lead))
        result.responsible = split_unit_list(_strip_tail(rest))
        return result
    result.responsible = split_unit_list(_strip_tail(text))
    return result


def has_labels(text: str) -> bool:
    """True when the cell says which unit does what (牵头单位：… 责任单位：…)."""
    return bool(_LABEL_RE.search(text or ""))


def looks_like_units(text: str) -> bool:
    """True when every item of the cell names a unit (县财政局、各乡镇（街道）政府 …)."""
    text = _tidy(text or "")
    if not text:
        return False
    if _LABEL_RE.search(text):
        return True
    items = split_unit_list(_strip_tail(text.replace("牵头", "，")))
    if not items:
        return False
    for item in items:
        bare = re.sub(r"[（(][^（()）]*[）)]$", "", item)
        if len(bare) > 30 or not _UNIT_END.search(bare):
            return False
    return True
