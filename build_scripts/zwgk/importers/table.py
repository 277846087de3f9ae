"""Turn the rows of a task-breakdown table into the ``tasks/<year>.yml`` shape.

Format readers (text exports here; Word or Excel later) hand over rows of cells with
their source line; this module recognises headers, headings and tasks, and places
every row or says why it could not.

How a row is read, whatever its width:

- The header row names the columns. Columns after the requirement (责任单位, 牵头单位,
  时限要求, 完成情况, 备注 …) are the *tail*; columns before it (序号, 工作任务,
  重点工作任务) the *lead-in*. Repeated headers (one per printed page) are skipped.
- The requirement is found by content, not position: the first cell that reads as
  a sentence and is neither a heading (一、 （一）), a number, a unit list nor a deadline.
  Word exports drop vertically merged cells and shift the rest left, so positions
  before the requirement cannot be trusted: a row with fewer lead-in cells inherits
  the section, subsection and number from the rows above.
- Lead-in cells are read by their look: ``一、…`` is a section, ``（一）…`` a subsection,
  ``12`` a number, ``1.行政规范性文件集中公开`` a number and a short title; plain text
  takes the meaning of the header column it is right-aligned with (工作任务 / 重点工作任务).
- Tail cells are read by position after dropping blank cells that the shift left
  behind; a trailing deadline stays in the deadline column when cells are missing.
- Section numbering that restarts (一、 after 三、, with nothing under 三、 yet) means the
  document has three heading levels: the outer heading stays the section and the two
  inner ones are joined into the subsection title, ``一、…／（一）…``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import DateFormatError, parse_deadline
from ..errors import ZwgkError
from .units import has_labels, looks_like_units, split_unit_list, split_units

CN_DIGITS = "零一二三四五六七八九"
SUBSECTION_JOIN = "／"

# Header text (whitespace removed) → field.
HEADERS = {
    "序号": "number",
    "编号": "number",
    "工作任务": "name",
    "任务": "name",
    "任务名称": "name",
    "重点任务": "name",
    "重点工作": "name",
    "重点工作任务": "subname",
    "具体要求": "requirement",
    "工作要求": "requirement",
    "任务要求": "requirement",
    "具体内容": "requirement",
    "主要内容": "requirement",
    "工作内容": "requirement",
    "具体任务": "requirement",
    "具体措施": "requirement",
    "任务内容": "requirement",
    "重点工作内容": "requirement",
    "主要措施": "requirement",
    "主要任务": "name",
    "工作措施": "requirement",
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主办单位": "lead",
    "主责单位": "lead",
    "责任单位": "units",
    "责任部门": "units",
    "责任主体": "units",
    "落实单位": "units",
    "落实部门": "units",
    "承办单位": "units",
    "承办部门": "units",
    "实施单位": "units",
    "参与单位": "units",
    "配合单位": "units",
    "配合部门": "units",
    "协办单位": "units",
    "指导单位": "guide",
    "指导部门": "guide",
    "时限要求": "deadline",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "时限": "deadline",
    "完成期限": "deadline",
    "时间要求": "deadline",
    "截止时间": "deadline",
    "时间安排": "deadline",
    "计划完成时间": "deadline",
    "完成情况": "status",
    "工作进展": "status",
    "完成进度": "status",
    "进展情况": "status",
    "推进情况": "status",
    "落实情况": "status",
    "进度": "status",
    "状态": "status",
    "备注": "remarks",
}
TAIL_FIELDS = {"lead", "units", "guide", "deadline", "status", "remarks"}

_CN = "零〇一二三四五六七八九十百"
SECTION_RE = re.compile(rf"^([{_CN}]+)\s*[、．.]\s*(\S.*)$")
BARE_NUMERAL_RE = re.compile(rf"^(?:([{_CN}]+)[、．.]?|[（(]([{_CN}]+)[）)])$")  # 一 / （一） alone in a cell
SUBSECTION_RE = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*(\S.*)$")
NUMBER_RE = re.compile(r"^[（(]?(\d+)[)）]?\s*[.．、]?$")  # 12, 12., （12）
NUMBERED_TITLE_RE = re.compile(r"^(\d+)\s*[.．、]\s*(\S.*)$")
_DATE_PHRASE = (
    r"(?:\d{4}\s*年(?:底|末|内|中)|(?:\d{4}\s*年\s*)?"
    r"(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?(?:底|末|中旬|上旬|下旬|份)?|年底|年末|年内|年中|全年|上半年|下半年"
    r"|第?[一二三四1-4]季度(?:末|底)?))"
    r"(?:前|之前)?"
)
DATE_PHRASE_RE = re.compile(rf"^{_DATE_PHRASE}(?:完成)?$")
STANDING_RE = re.compile(
    r"^(?:持续推进|长期坚持|及时公开|及时发布|及时更新|适时办理|按时序推进|常态化(?:推进|开展)?|长期|持续|"
    r"动态更新|及时|随时|即时|立即(?:公开|办理)?|(?:按|每)(?:年|半年|季度|月|周)(?:更新|公开|发布)?)$"
)
_SENTENCE_RE = re.compile(r"[。；;，,：:！？]")
_PARA_RE = re.compile(r"<p>(.*?)</p>", re.DOTALL)
# 1. / 1．/ 1、/ （1）/ 1) opening a requirement, in tables without a 序号 column (not 1.5亿元)
LEADING_NUMBER_RE = re.compile(r"^(?:[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})\s*(?:[.．、]|[)）])(?!\d))\s*(?=\S)")
# A deadline written inside a requirement: 6月底前, 2023年7月31日前, 2022年底前, 第三季度末前
_IN_TEXT_DEADLINE_RE = re.compile(
    r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|上旬|中旬|下旬)?\s*(?:前|之前)"
    r"|(?:\d{4}\s*)?年\s*(?:底|末)\s*(?:前|之前)"
    r"|(?:\d{4}\s*年\s*)?(?:上半年|下半年|第?[一二三四1-4]季度(?:末|底)?)\s*(?:前|之前)"
)
# ... and one counted from the document's own date, which only a person can turn into a date
_RELATIVE_DEADLINE_RE = re.compile(
    r"(?:于|在)?(?:本(?:文|通知|方案|意见|要点)|文件|通知|方案)(?:印发|下发|发布|出台)(?:之日起|后)?"
    r"\s*\d+\s*个?(?:日|天|工作日|周|月)内"
)
# A cell whose whole text is one text two or three times over (Word keeps each merged cell's text)
_REPEATED_RE = re.compile(r"(.{4,}?)(?:[\s、，,；;]*\1){1,2}", re.DOTALL)
# Lines below a table: 公开方式、抄送、落款日期 … never tasks
_TRAILER_RE = re.compile(
    r"^(?:公开方式|公开属性|信息公开(?:选项|属性|方式)|分送|抄送|主送|报送|发送|印送|联系人|联系电话|附件|注|说明|"
    r"填报单位|填报人|填表人|制表人?|制表单位|审核人?|签发人?|印发日期|成文日期|填报日期|报送日期)\s*[:：]"
    r"|印发$|^[（(](?:此件|本件|此页)[^（()）]*[）)]$"
)
_DATE_LINE_RE = re.compile(
    r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)


class TaskImportError(ZwgkError):
    """Raised when a source holds no task table at all (no header row with 具体要求、责任单位 …)."""


@dataclass(frozen=True)
class ImportWarning:
    """Something in the source the importer could not place, or placed by a guess."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}"


class ImportResult(NamedTuple):
    """The task list as a plain dict in the tasks YAML shape, and what needs a person's eye."""

    tasks: dict
    warnings: list[ImportWarning]


@dataclass
class Cell:
    """One table cell and the source line it starts on.

    ``paras`` keeps the paragraphs of a cell whose text joins several, so that a unit
    column can read each line as a unit of its own (县政府办 / 各镇街 / 各村（社区）).
    """

    text: str
    line: int
    paras: list[str] | None = None


def clean(text: str) -> str:
    """No-break and ideographic spaces become spaces; runs collapse; ends are trimmed."""
    text = (text or "").replace("\xa0", " ").replace("\u3000", " ").replace("\r", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def cn_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None when not a Chinese numeral below 100."""
    text = text.replace("〇", "零")
    if not text or any(ch not in CN_DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return CN_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (CN_DIGITS.index(tens) if tens else 1) * 10
    return value + (CN_DIGITS.index(ones) if ones else 0) if len(ones) <= 1 else None


def to_cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (1–99)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def heading_title(text: str) -> str:
    """A heading as shown: trimmed, without the full stop the tables put after it."""
    return clean(text).rstrip("。．.")


def looks_like_deadline(text: str) -> bool:
    text = clean(text).replace(" ", "")
    return bool(text) and bool(DATE_PHRASE_RE.match(text) or STANDING_RE.match(text))


def deadline_text(text: str) -> str:
    """Keep the phrase as written, but ``12月底前完成`` → ``12月底前``."""
    text = clean(text)
    m = re.match(r"^(.*前)\s*完成$", text)
    return m.group(1) if m and DATE_PHRASE_RE.match(m.group(1).replace(" ", "")) else text


def looks_like_requirement(text: str) -> bool:
    if not text or SECTION_RE.match(text) or SUBSECTION_RE.match(text) or NUMBER_RE.match(text):
        return False
    if looks_like_units(text) or looks_like_deadline(text):
        return False
    return bool(_SENTENCE_RE.search(text)) or len(text) > 30


def deadline_in_text(text: str) -> tuple[str, list[str], list[str]]:
    """(the latest deadline phrase in a requirement, all such phrases, relative ones such as 于本文印发30日内).

    Only phrases :func:`zwgk.dates.parse_deadline` reads are proposed; the years of phrases
    without one are taken as the latest year written, so 2022年底前 comes after 6月底前 only
    when no year says otherwise.
    """
    phrases: list[str] = []
    for m in _IN_TEXT_DEADLINE_RE.finditer(text):
        phrase = re.sub(r"\s+", "", m.group())
        if phrase not in phrases:
            phrases.append(phrase)
    relative = [re.sub(r"\s+", "", m.group()) for m in _RELATIVE_DEADLINE_RE.finditer(text)]
    years = [int(m.group()) for p in phrases if (m := re.match(r"\d{4}", p))]
    dated = []
    for phrase in phrases:
        try:
            dated.append((parse_deadline(phrase, max(years, default=2000)).date, phrase))
        except DateFormatError:
            continue
    best = max(dated, key=lambda d: d[0])[1] if dated else ""
    return best, phrases, relative


def trailer_start(texts: list[str]) -> int | None:
    """Where the lines below a table begin (公开方式、抄送、日期, with the 落款 just above them), or None.

    ``texts`` are the trailing one-cell rows or lines of a table, in order.
    """
    first = next((i for i, t in enumerate(texts) if _trailer_line(t)), None)
    if first is None:
        return None
    while first > 0 and _signature(texts[first - 1]):
        first -= 1
    return first


def _trailer_line(text: str) -> bool:
    return bool(_TRAILER_RE.search(text) or _DATE_LINE_RE.match(text))


def _signature(text: str) -> bool:
    """示例县人民政府办公室: one unit, as a document is signed."""
    return len(text) <= 30 and not _SENTENCE_RE.search(text) and "、" not in text and looks_like_units(text)


def collapse_repeated(text: str) -> tuple[str, int]:
    """``一、公开一、公开`` → (``一、公开``, 2); any other text → (text, 1)."""
    m = _REPEATED_RE.fullmatch(text)
    if not m:
        return text, 1
    unit = m.group(1)
    return unit, len(re.findall(re.escape(unit), text))


def looks_like_name(text: str) -> bool:
    """A short phrase without sentence punctuation: a 工作任务 name."""
    return bool(text) and len(text) <= 40 and not _SENTENCE_RE.search(text.rstrip("。"))


def cell_text(paragraphs: list[str]) -> str:
    """One cell from its paragraphs (Word), lines (Alt+Enter in Excel) or lines of a text export.

    Paragraphs that each name units are one list (县财政局 / 县民政局 → 县财政局、县民政局);
    otherwise they are marked up as paragraphs, which :func:`expand_paragraphs` splits into
    a short 工作任务 name and its requirement, or joins.
    """
    paras = [p for p in (clean(p) for p in paragraphs) if p]
    if len(paras) <= 1:
        return paras[0] if paras else ""
    if all(looks_like_units(p) for p in paras):
        return "、".join(p.rstrip("、，,；;。") for p in paras)
    return "".join(f"<p>{p}</p>" for p in paras)


def plain_text(text: str) -> str:
    """A cell's text with the paragraph markup of :func:`cell_text` taken out."""
    paras = _PARA_RE.findall(text)
    return clean("".join(paras) if paras else text)


def expand_paragraphs(cells: list[Cell]) -> list[Cell]:
    """``<p>短标题</p> <p>要求…</p>`` in one cell is a name merged with its requirement.

    Other paragraphs are joined; the cell keeps them in ``paras`` for the unit columns.
    """
    out: list[Cell] = []
    for cell in cells:
        paras = [clean(p) for p in _PARA_RE.findall(cell.text)]
        paras = [p for p in paras if p]
        if not paras:
            out.append(cell)
            continue
        if (
            len(paras) > 1
            and looks_like_name(paras[0])
            and not looks_like_units(paras[0])
            and not looks_like_name(paras[1])
        ):
            out.append(Cell(paras[0], cell.line))
            out.append(Cell("".join(paras[1:]), cell.line, paras[1:] if len(paras) > 2 else None))
        else:
            out.append(Cell("".join(paras), cell.line, paras if len(paras) > 1 else None))
    return out


_OPEN_BRACKETS, _CLOSE_BRACKETS = "（(〔[【", "）)〕]】"


def unit_lines(cell: Cell) -> str:
    """A unit cell's text with each paragraph a unit of its own (joined by 、).

    A paragraph continues the one before only when that one ends inside brackets or on
    a separator (``县直有关单位（住建局、`` / ``交通运输局）``; ``牵头单位：`` / ``县政府办``).
    """
    if not cell.paras:
        return clean(cell.text)
    out = ""
    for para in cell.paras:
        depth = sum(out.count(c) for c in _OPEN_BRACKETS) - sum(out.count(c) for c in _CLOSE_BRACKETS)
        out += para if not out or depth > 0 or out[-1] in "、，,；;／/：:" else f"、{para}"
    return out


@dataclass
class _Columns:
    lead_in: list[str | None]
    tail: list[str]
    number_is_section: bool
    line: int

    @property
    def width(self) -> int:
        return len(self.lead_in) + 1 + len(self.tail)


# Header names beyond HEADERS, by their make-up: 办结时限, 计划完成时间, 协同部门, 主办部门 …
_HEADER_PATTERNS = [
    (re.compile(r"^(?:计划)?(?:完成|办结|工作|落实)?(?:时限|时间|期限)(?:要求|节点|安排)?$"), "deadline"),
    (re.compile(r"^(?:牵头|主办|主责)(?:单位|部门)$"), "lead"),
    (re.compile(r"^指导(?:单位|部门)$"), "guide"),
    (re.compile(r"^(?:责任|配合|协办|协同|落实|承办|实施|参与)(?:单位|部门|主体)$"), "units"),
    (re.compile(r"^(?:完成|落实|推进|进展|工作)(?:情况|进度|进展)$"), "status"),
]


def header_field(text: str) -> str | None:
    """The field a header cell names: ``责任单位``, also ``责任单位（部门）``, ``序 号``, ``办结时限``."""
    text = re.sub(r"</?p>|\s+", "", text)
    bare = re.sub(r"[（(][^（()）]*[）)]", "", text)
    found = HEADERS.get(text) or HEADERS.get(bare)
    return found or next((field for pattern, field in _HEADER_PATTERNS if pattern.match(bare)), None)


def read_header(texts: list[str], line: int) -> _Columns | None:
    """The columns named by a header row, or None when the row is not a header."""
    names = [header_field(t) for t in texts]
    known = [n for n in names if n]
    if len(known) < 2 or not set(known) & (TAIL_FIELDS | {"requirement"}):
        return None
    while names and names[-1] is None:
        names.pop()
    if "requirement" not in names and "subname" not in names and "name" in names and None not in names:
        names[len(names) - 1 - names[::-1].index("name")] = "requirement"  # 工作任务 is the only text column
    if "requirement" in names:
        split_at = names.index("requirement")
        lead_in, tail = names[:split_at], [n for n in names[split_at + 1 :] if n]
    else:
        split_at = next(i for i, n in enumerate(names) if n in TAIL_FIELDS)
        lead_in, tail = names[:split_at], [n for n in names[split_at:] if n]
    lead_in = [n for n in lead_in if n] or [None]
    number_is_section = (
        "subname" in lead_in
        and "number" in lead_in
        and "name" in lead_in
        and lead_in.index("number") < lead_in.index("name")
    )
    return _Columns(lead_in, tail, number_is_section, line)


@dataclass
class _Section:
    title: str
    number: int | None
    line: int
    tasks: list[dict] = field(default_factory=list)
    subsections: list[dict] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.tasks and not self.subsections

    def as_dict(self) -> dict:
        return {"title": self.title, "tasks": self.tasks, "subsections": self.subsections}


class TableReader:
    """Reads rows one by one and builds sections, subsections and tasks."""

    def __init__(self) -> None:
        self.warnings: list[ImportWarning] = []
        self.sections: list[_Section] = []
        self.section: _Section | None = None
        self.subsection: dict | None = None
        self.columns: _Columns | None = None
        self.area: str | None = None  # set while inside a part (three heading levels)
        self.area_number: int | None = None
        self.section_number: int | None = None  # from a 序号 column that numbers sections
        self.task_count = 0
        # lines of tasks that come from a table without a deadline column
        self.no_deadline_column: list[int] = []
        self.guesses: list[tuple[int, str]] = []  # unnumbered one-cell rows taken as subsections

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ImportWarning(line, message))

    # headings -------------------------------------------------------------

    def section_heading(self, title: str, line: int) -> None:
        title = heading_title(title)
        m = SECTION_RE.match(title)
        number = cn_numeral(m.group(1)) if m else None
        if self.area is not None:
            if title == self.area:
                return
            if (
                number is not None
                and self.area_number is not None
                and number == self.area_number + 1
            ):
                self.area, self.area_number, self.subsection = title, number, None
                return
            self.area = self.area_number = None  # the part is over
        current = self.section
        if current and title == current.title:
            return
        if (
            current
            and current.empty()
            and number is not None
            and current.number is not None
            and number <= current.number
        ):
            self.area, self.area_number, self.subsection = title, number, None
            return
        existing = next((s for s in self.sections if s.title == title), None)
        if existing is None:
            existing = _Section(title, number, line)
            self.sections.append(existing)
        self.section, self.subsection = existing, None

    def subsection_heading(self, title: str, line: int) -> None:
        title = heading_title(title)
        if self.section is None:
            self.warn(line, f"小标题“{title}”之前没有大标题，已放入一个无标题的部分")
            self.section_heading("（未分部分）", line)
        if self.area is not None:
            title = f"{self.area}{SUBSECTION_JOIN}{title}"
        found = next((s for s in self.section.subsections if s["title"] == title), None)
        if found is None:
            found = {"title": title, "tasks": []}
            self.section.subsections.append(found)
        self.subsection = found

    def named_section(self, name: str, line: int) -> None:
        name = heading_title(name)
        if SECTION_RE.match(name) or self.section_number is None:
            self.section_heading(name, line)
        else:
            self.section_heading(f"{to_cn_numeral(self.section_number)}、{name}", line)

    # rows -----------------------------------------------------------------

    def row(self, cells: list[Cell]) -> None:
        cells = expand_paragraphs(cells)
        for cell in cells:
            self.collapse(cell)
        texts = [clean(c.text) for c in cells]
        if not any(texts):
            return
        line = next(c.line for c, t in zip(cells, texts) if t)
        header = read_header(texts, line)
        if header is not None:
            self.columns = header
            return
        if self.columns is None:
            self.warn(line, f"表头之前的内容，未导入：{'｜'.join(t for t in texts if t)}")
            return
        r = next((i for i, t in enumerate(texts) if looks_like_requirement(t)), None)
        if r is None:
            r = self.positional_requirement(texts)
        if r is None:
            self.heading_row(cells, texts, line)
            return
        task: dict = {}
        self.lead_in(cells[:r], texts[:r], task)
        self.task(cells, texts, r, task, line)

    def collapse(self, cell: Cell) -> None:
        """A merged cell whose text Word kept two or three times is read once, and reported."""
        text, times = collapse_repeated(clean(cell.text))
        if times == 1:
            return
        cell.text = text
        if cell.paras and len(cell.paras) % times == 0:
            once = cell.paras[: len(cell.paras) // times]
            cell.paras = once if once * times == cell.paras and len(once) > 1 else None
        else:
            cell.paras = None
        self.warn(cell.line, f"单元格中同一段文字重复了{times}遍（合并单元格时留下），已只保留一遍：{text[:30]}")

    def positional_requirement(self, texts: list[str]) -> int | None:
        """A short requirement without punctuation, in a row as wide as the header."""
        cols = self.columns
        trimmed = list(texts)
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        if len(texts) != cols.width and len(trimmed) != cols.width:
            return None
        pos = len(cols.lead_in)
        text = texts[pos] if pos < len(texts) else ""
        if not any(texts[pos + 1 :]):
            return None  # a name alone is a heading, not a task
        if text and not (
            SECTION_RE.match(text) or SUBSECTION_RE.match(text) or NUMBER_RE.match(text)
        ):
            return pos
        return None

    def heading_row(self, cells: list[Cell], texts: list[str], line: int) -> None:
        filled = [(c, t) for c, t in zip(cells, texts) if t]
        if all(SECTION_RE.match(t) or SUBSECTION_RE.match(t) for _, t in filled):
            for c, t in filled:
                if SECTION_RE.match(t):
                    self.section_heading(t, c.line)
                else:
                    self.subsection_heading(t, c.line)
            return
        if len(filled) == 1 and looks_like_name(filled[0][1]) and self.section is not None:
            c, t = filled[0]
            self.guesses.append((c.line, heading_title(t)))
            self.subsection_heading(t, c.line)
            return
        if len(filled) == 2 and looks_like_name(filled[1][1]) and (m := BARE_NUMERAL_RE.match(filled[0][1])):
            (c, _), (_, t) = filled  # 一 | 加大主动公开力度: a heading split over two cells
            if m.group(1):
                self.section_heading(f"{m.group(1)}、{t}", c.line)
            else:
                self.subsection_heading(f"（{m.group(2)}）{t}", c.line)
            return
        self.warn(
            line, f"无法识别的行（找不到具体要求），未导入：{'｜'.join(t for _, t in filled)}"
        )

    def lead_in(self, cells: list[Cell], texts: list[str], task: dict) -> None:
        cols = self.columns
        texts = list(texts)
        for i in range(len(texts) - 1):  # a merged cell exported twice: keep the inner copy
            if texts[i] and texts[i] == texts[i + 1]:
                texts[i] = ""
        offset = len(cols.lead_in) - len(texts)
        for i, (cell, text) in enumerate(zip(cells, texts)):
            if not text:
                continue
            col = cols.lead_in[i + offset] if 0 <= i + offset < len(cols.lead_in) else None
            number = NUMBER_RE.match(text)
            numbered = NUMBERED_TITLE_RE.match(text)
            if SECTION_RE.match(text):
                self.section_heading(text, cell.line)
            elif SUBSECTION_RE.match(text):
                self.subsection_heading(text, cell.line)
            elif number and col == "number" and cols.number_is_section:
                self.section_number = int(number.group(1))
            elif number:
                task["no"] = int(number.group(1))
            elif numbered:
                task["no"] = int(numbered.group(1))
                task["title"] = heading_title(numbered.group(2))
            elif col == "name" and "subname" in cols.lead_in:
                self.named_section(text, cell.line)
            elif col == "subname":
                if self.section is None:
                    self.warn(cell.line, f"“{text}”之前没有大标题")
                self.subsection_heading(text, cell.line)
            elif "title" in task:
                task["title"] += text
            else:
                task["title"] = heading_title(text)

    def task(self, cells: list[Cell], texts: list[str], r: int, task: dict, line: int) -> None:
        cols = self.columns
        tail_texts, tail_cells = texts[r + 1 :], cells[r + 1 :]
        pairs, extra = self.align_tail(tail_texts)
        values = {name: tail_texts[i] for name, i in pairs if i is not None}
        self.task_count += 1
        if cols.number_is_section and "no" not in task:
            task["no"] = self.task_count
        requirement = texts[r]
        if "no" not in task and "number" not in cols.lead_in and (m := LEADING_NUMBER_RE.match(requirement)):
            number = int(m.group(1) or m.group(2))
            rest = requirement[m.end() :]
            if not re.search(rf"[。；;]\s*[（(]?{number + 1}\s*[.．、)）]", rest):  # not 1.…。2.… within one task
                task["no"], requirement = number, rest
        out: dict = {"no": task.get("no", "")}
        if task.get("title"):
            out["title"] = task["title"]
        out["requirement"] = requirement
        lead: list[str] = []
        responsible: list[str] = []
        guide: list[str] = []
        for name, i in pairs:
            if i is None or not tail_texts[i] or name not in ("units", "lead", "guide"):
                continue
            text = unit_lines(tail_cells[i])
            if name == "units" or has_labels(text):
                units = split_units(text)  # 牵头单位：… 责任单位：… go by their labels in any unit column
                lead += units.lead
                responsible += units.responsible
                guide += units.guide
            elif name == "lead":
                lead += split_unit_list(text.replace("牵头", ""))
            else:
                guide += split_unit_list(text)
        out["lead"], out["responsible"], out["guide"] = lead, responsible, guide
        deadline = deadline_text(values.get("deadline", ""))
        remarks = values.get("remarks", "")
        if extra:
            note = "；".join(tail_texts[i] for i in extra)
            self.warn(line, f"行尾多出的单元格已放入备注：{note}")
            remarks = "；".join(v for v in (remarks, note) if v)
        if (
            not deadline
            and "deadline" not in cols.tail
            and remarks
            and DATE_PHRASE_RE.match(remarks.replace(" ", ""))
        ):
            deadline, remarks = deadline_text(remarks), ""
        if not deadline and "deadline" not in cols.tail:
            deadline = self.deadline_from_text(out, line)
        out["deadline"] = deadline
        if values.get("status"):
            out["status"] = values["status"]
        if remarks:
            out["remarks"] = remarks
        if out["no"] == "":
            self.warn(line, f"任务没有序号：{requirement[:20]}…")
        if not (lead or responsible or guide):
            self.warn(line, f"任务没有牵头或责任单位：{requirement[:20]}…")
        if not deadline:
            if "deadline" in cols.tail:
                self.warn(line, f"任务没有完成时限：{requirement[:20]}…")
            else:
                self.no_deadline_column.append(line)
        self.place(out, line)

    def deadline_from_text(self, task: dict, line: int) -> str:
        """A deadline the requirement itself states, proposed when the table has no 时限 column.

        The task carries a comment for the YAML (``_comments``) and a warning is given: the
        phrase may be a step within the task rather than its end.
        """
        found, phrases, relative = deadline_in_text(task["requirement"])
        head = task["requirement"][:20]
        if found:
            others = "、".join(p for p in phrases if p != found)
            also = f"；原文另有{others}" if others else ""
            task["_comments"] = {"deadline": f"取自具体要求原文{also}，请核对"}
            self.warn(line, f"完成时限“{found}”取自具体要求原文（表格没有完成时限列{also}），请核对：{head}…")
            return found
        if relative:
            task["_comments"] = {"deadline": f"具体要求写有“{relative[0]}”，请按印发日期换算后填写"}
            self.warn(line, f"具体要求写有“{relative[0]}”，完成时限需按印发日期换算后填写：{head}…")
        return ""

    def align_tail(self, texts: list[str]) -> tuple[list[tuple[str, int | None]], list[int]]:
        """(tail field, index into ``texts`` or None) for each tail column, and the indices left over."""
        tail = self.columns.tail
        right: list[int | None] = list(range(len(texts)))
        while right and not texts[right[-1]]:
            right.pop()
        i = 0
        while len(right) > len(tail) and i < len(right):
            if texts[right[i]]:
                i += 1
            else:
                right.pop(i)
        extra: list[int] = []
        if len(right) > len(tail):
            right, extra = right[: len(tail)], right[len(tail) :]
        if (
            len(right) < len(tail)
            and right
            and "deadline" in tail
            and looks_like_deadline(texts[right[-1]])
        ):
            k = tail.index("deadline")
            head = right[:-1][:k]
            right = head + [None] * (k - len(head)) + [right[-1]]
        right += [None] * (len(tail) - len(right))
        return list(zip(tail, right)), extra

    def place(self, task: dict, line: int) -> None:
        if self.section is None:
            self.warn(line, "任务之前没有大标题，已放入一个无标题的部分")
            self.section_heading("（未分部分）", line)
        if self.area is not None and self.subsection is None:
            self.subsection = {"title": self.area, "tasks": []}
            self.section.subsections.append(self.subsection)
        (self.subsection["tasks"] if self.subsection else self.section.tasks).append(task)

    def finish(self) -> list[dict]:
        if self.no_deadline_column:
            first = self.no_deadline_column[0]
            self.warn(
                first,
                f"表格没有完成时限列，自此行起{len(self.no_deadline_column)}项任务没有完成时限，需人工补充",
            )
        return [s.as_dict() for s in self.sections]


def _same_title(a: str, b: str) -> bool:
    """Titles that differ by a word or two (提高政策解读质量 / 提高政策解读回应质量)."""
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _caption(row: list[Cell], following: list[Cell]) -> str | None:
    """The text of a one-cell row that titles the table whose header follows it (…分工表（续）).

    A row of several cells with one filled (a 工作任务 name alone) is not a caption.
    """
    text = plain_text(row[0].text) if len(row) == 1 else ""
    if not text or SECTION_RE.match(text) or SUBSECTION_RE.match(text):
        return None
    return text if read_header([plain_text(c.text) for c in following], 0) else None


def split_trailer(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """(the table's rows, the lines below it): 公开方式、抄送、落款、印发日期 in the last rows are no tasks.

    Only the one-cell rows at the end are looked at; the lines below begin at the first that
    reads as such a line (see :func:`trailer_start`), or at the 落款 just above it.
    """
    filled = [[plain_text(c.text) for c in row if plain_text(c.text)] for row in rows]
    end = len(rows)
    while end > 0 and (len(filled[end - 1]) <= 1 or all(map(_trailer_line, filled[end - 1]))):
        end -= 1  # one-cell rows, and rows of such lines side by side (填报单位：… | 填报人：… | 联系电话：…)
    tail = [i for i in range(end, len(rows)) if filled[i] and not SECTION_RE.match(filled[i][0])]
    start = trailer_start([filled[i][0] for i in tail])
    if start is None:
        return rows, []
    cut = tail[start]
    return rows[:cut], [row for row, texts in zip(rows[cut:], filled[cut:]) if texts]


def build(
    rows: list[list[Cell]], prose_headings: list[tuple[int, str, str]] = ()
) -> tuple[list[dict], list[ImportWarning]]:
    """Sections from table rows, and warnings.

    ``prose_headings`` are (line, heading, bare title) of the （一）-items in text before the
    table: they confirm a guessed heading and reveal items the table lacks.
    """
    reader = TableReader()
    rows, trailer = split_trailer(rows)
    for i, row in enumerate(rows):
        if i + 1 < len(rows) and (caption := _caption(row, rows[i + 1])):
            reader.warn(row[0].line, f"表头前的一行文字（表格标题）未作为任务导入：{caption[:30]}")
            continue
        reader.row(row)
    if trailer:
        first = next(plain_text(c.text) for c in trailer[0] if plain_text(c.text))
        reader.warn(
            trailer[0][0].line,
            f"表格之后的{len(trailer)}行文字未导入（公开方式、抄送、落款、日期等）：{first[:30]}",
        )
    if reader.columns is None:
        raise TaskImportError("没有找到任务表的表头（如 具体要求、责任单位、完成时限）")
    sections = reader.finish()
    prose_titles = [bare for _, _, bare in prose_headings]
    for line, guess in reader.guesses:
        if not any(_same_title(guess, t) for t in prose_titles):
            reader.warn(
                line, f"该行只有“{guess}”，没有具体要求和单位，已按小标题（重点工作任务）处理"
            )
    if prose_headings:
        table_titles = {
            s["title"].split(SUBSECTION_JOIN)[-1] for sec in sections for s in sec["subsections"]
        }
        table_titles |= {re.sub(r"^[（(][^）)]*[）)]", "", t) for t in table_titles}
        for line, heading, bare in prose_headings:
            if not any(_same_title(bare, t) for t in table_titles):
                reader.warn(
                    line,
                    f"正文中的“{heading}”在分工表中没有对应的重点工作任务，其任务可能并入了上一项",
                )
    reader.warnings.sort(key=lambda w: w.line)
    return sections, reader.warnings
