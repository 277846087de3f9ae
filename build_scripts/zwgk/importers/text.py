"""Import a task breakdown from a tab-separated text export of a Word table.

Two layouts occur, told apart by whether tabs stand between texts on one line:

- *cell per line* (Word's "save as text"): a line starting with a tab starts a cell; a
  line without one continues the cell above (``已完成并`` + ``持续推进``), also after an
  empty line, which a cell may hold (``2023年`` / empty / ``12月底前``); so a row ends at an
  empty line followed by a tab. A stray line of spaces is ignored.
- *row per line*: each line is a row, cells separated by tabs; empty lines separate
  pages, each repeating the header. A line break in a cell splits a row over two lines,
  which are joined again when together they have the header's cells.

Lines below the table (公开方式：…, 抄送：…, the 落款 and its date) are rows of their own,
which the table module leaves out with one warning.

Text before the table is prose: its last short line naming the list is the title, and
its （一）-items are checked against the table. Everything else is done by
:mod:`zwgk.importers.table`.

    result = parse_text_file("county-2023-task-status.txt")
    result.tasks     # {"year": 2023, "title": ..., "sections": [...]}
    result.warnings  # [ImportWarning(line, message), ...]
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .table import (
    SECTION_RE,
    SUBSECTION_RE,
    Cell,
    ImportResult,
    ImportWarning,
    build,
    cell_text,
    clean,
    heading_title,
    looks_like_deadline,
    looks_like_requirement,
    plain_text,
    read_header,
    trailer_start,
)
from .units import looks_like_units

_INNER_TAB = re.compile(r"[^\t\s]\t")
_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)\s*年")
_FILE_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TITLE_WORDS = ("分工", "任务", "要点", "清单", "台账")


def _is_blank(line: str) -> bool:
    return not clean(line)


def _is_heading(line: str) -> bool:
    text = clean(line)
    return bool(SECTION_RE.match(text) or SUBSECTION_RE.match(text))


def read_rows(text: str) -> tuple[list[str], int, list[list[Cell]]]:
    """(source lines, index of the first table line, rows of cells)."""
    lines = text.lstrip("\ufeff").split("\n")
    lines = [ln.rstrip("\r") for ln in lines]
    start = next((i for i, ln in enumerate(lines) if "\t" in ln), len(lines))
    row_per_line = sum(1 for ln in lines[start:] if _INNER_TAB.search(ln)) >= 2
    below = _below_table(lines, start)
    rows = (_rows_per_line if row_per_line else _cells_per_line)(lines, start, below)
    rows += [[Cell(ln, i)] for i, ln in enumerate(lines[below:], below + 1) if not _is_blank(ln)]
    return lines, start, rows


def _below_table(lines: list[str], start: int) -> int:
    """Index of the first line below the table (公开方式、抄送、落款、日期 …), or len(lines)."""
    last = max((i for i, ln in enumerate(lines) if "\t" in ln), default=start)
    after = [(i, clean(ln)) for i, ln in enumerate(lines[last + 1 :], last + 1) if clean(ln)]
    k = trailer_start([t for _, t in after])
    return after[k][0] if k is not None else len(lines)


def _cells_per_line(lines: list[str], start: int, end: int) -> list[list[Cell]]:
    """Word's "save as text": a cell starts with a tab; a row ends at an empty line before the next cell.

    A line without a tab goes on with the cell above, after an empty line too: a cell may hold
    empty paragraphs (``2023年`` / empty / ``12月底前``), and only a line starting with a tab starts a
    cell. A heading typed between two tables (一、… after an empty line), or a caption above
    a header row, is a row of its own.
    """
    rows: list[list[Cell]] = []
    block: list[tuple[int, list[str]]] = []  # (line, paragraphs) of each cell of the row
    blank = False

    def close() -> None:
        if block:
            rows.append([Cell(cell_text(paras), line) for line, paras in block])
        block.clear()

    for i, ln in enumerate(lines[start:end], start + 1):
        if ln == "":
            blank = True
            continue
        if ln.startswith("\t"):
            if blank:
                close()
            block.extend((i, [t]) for t in ln[1:].split("\t"))
        elif _is_blank(ln):
            continue  # a stray line of spaces inside a row
        elif not block or (blank and (_is_heading(ln) or _header_follows(lines, i, end))):
            close()  # a heading or a caption typed between two tables
            block.append((i, [ln]))
        else:
            block[-1][1].append(ln)  # the cell above goes on
        blank = False
    close()
    return join_fragments(rows)


def _header_follows(lines: list[str], i: int, end: int) -> bool:
    """Whether the next row after line ``i`` (1-based, a line without a tab) is a header row."""
    j = i  # index of the line after line i
    while j < end and not lines[j].startswith("\t"):
        j += 1
    cells: list[str] = []
    while j < end and lines[j].startswith("\t"):
        cells += lines[j][1:].split("\t")
        j += 1
    return bool(cells) and read_header([clean(c) for c in cells], 0) is not None


def _rows_per_line(lines: list[str], start: int, end: int) -> list[list[Cell]]:
    """A row per line, cells between tabs; empty lines separate pages, each repeating the header.

    A line break inside a cell splits its row over two lines: a line continues the row above
    when the two hold exactly the cells of a header row between them (the cell broken across
    them counted once), or when it is a line without tabs after a full row (the last cell's
    next paragraph; after an empty line only a deadline or units, not a caption between
    pages). Headings (一、… （一）…) are always rows of their own.
    """
    rows: list[list[Cell]] = []
    paras: dict[int, list[str]] = {}  # the lines of a cell broken over several
    width: set[int] = set()
    blank = False
    for i, ln in enumerate(lines[start:end], start + 1):
        if "\t" not in ln and _is_blank(ln):
            blank = blank or ln == ""
            continue
        texts = ln.split("\t") if "\t" in ln else [ln]
        if read_header([clean(t) for t in texts], i):
            trimmed = list(texts)
            while trimmed and not trimmed[-1].strip():
                trimmed.pop()
            width = {len(texts), len(trimmed)}
            rows.append([Cell(t, i) for t in texts])
            blank = False
            continue
        prev = rows[-1] if rows else None
        goes_on = (
            prev is not None
            and len(prev) >= 2
            and not read_header([clean(c.text) for c in prev], 0)
            and not (len(texts) == 1 and _is_heading(ln))
            and (
                len(texts) > 1
                and len(prev) + len(texts) - 1 in width
                or len(texts) == 1
                and len(prev) in width
                and (not blank or looks_like_deadline(ln) or looks_like_units(clean(ln)))
            )
        )
        blank = False
        if goes_on:
            last = prev[-1]
            paras[id(last)] = paras.get(id(last), [last.text]) + [texts[0]]
            last.text = cell_text(paras[id(last)])
            prev.extend(Cell(t, i) for t in texts[1:])
        else:
            rows.append([Cell(t, i) for t in texts])
    return rows


def join_fragments(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Join a row cut short by an empty paragraph at the end of a cell to the rest of it.

    ``1`` / ``一、加强政策解读`` + empty line + ``做好……`` / ``县政府办``: the first piece has no
    requirement and is no heading row, the second has one, and together they have exactly the
    cells of the table's usual task row.
    """

    def texts(row: list[Cell]) -> list[str]:
        return [plain_text(c.text) for c in row]

    def has_requirement(row: list[Cell]) -> bool:
        return any(looks_like_requirement(t) for t in texts(row))

    widths = Counter(len(row) for row in rows if has_requirement(row))
    if not widths:
        return rows
    width = widths.most_common(1)[0][0]
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        row, nxt = rows[i], rows[i + 1] if i + 1 < len(rows) else None
        filled = [t for t in texts(row) if t]
        if (
            nxt is not None
            and len(row) + len(nxt) == width
            and filled
            and not has_requirement(row)
            and not all(SECTION_RE.match(t) or SUBSECTION_RE.match(t) for t in filled)
            and read_header(texts(row), 0) is None
            and has_requirement(nxt)
        ):
            out.append(row + nxt)
            i += 2
        else:
            out.append(row)
            i += 1
    return out


def _prose(lines: list[str]) -> tuple[str | None, int | None, list[int]]:
    """(title, its line, the other non-empty prose lines) of the text before the table."""
    filled = [(i, clean(ln)) for i, ln in enumerate(lines, 1) if clean(ln)]
    title_line = next(
        (
            i
            for i, t in reversed(filled)
            if len(t) <= 60
            and "。" not in t
            and any(w in t for w in _TITLE_WORDS)
            and not t.startswith("附件")
        ),
        None,
    )
    if title_line is None:
        title_line = next((i for i, t in filled if len(t) <= 60 and "。" not in t), None)
    title = clean(lines[title_line - 1]) if title_line else None
    return title, title_line, [i for i, _ in filled if i != title_line]


def _prose_headings(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line, heading, bare title) for prose paragraphs that start with （一）title。"""
    out = []
    for i, ln in enumerate(lines, 1):
        m = SUBSECTION_RE.match(clean(ln))
        if m:
            bare = heading_title(re.split(r"[。．]", m.group(2), maxsplit=1)[0])
            label = clean(ln)[: clean(ln).index(m.group(2))]
            out.append((i, f"{label}{bare}", bare))
    return out


def parse_text(text: str, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Parse a text export. ``year`` and ``title`` override what the text says."""
    lines, start, rows = read_rows(text)
    return assemble(lines[:start], rows, year=year, title=title)


def assemble(prose_lines: list[str], rows: list[list[Cell]], *, year: int | None = None,
             title: str | None = None) -> ImportResult:
    """The task list from the prose before the table (line i+1 = ``prose_lines[i]``) and the table's rows.

    Every reader (text export, Word, Excel) ends here, so title, year and the checks
    against the prose are the same whatever the source.
    """
    found_title, _, other = _prose(prose_lines)
    sections, warnings = build(rows, _prose_headings(prose_lines))
    if other:
        warnings.insert(
            0,
            ImportWarning(
                other[0],
                f"表格前的{len(other)}段正文（第{other[0]}–{other[-1]}行）未作为任务导入，任务只从分工表读取",
            ),
        )
    title = title or found_title
    if year is None and title:
        m = _YEAR_RE.search(title)
        year = int(m.group(1)) if m else None
    if year is None:
        warnings.insert(0, ImportWarning(1, "未能确定年度，请指定年度"))
    if not title:
        warnings.insert(0, ImportWarning(1, "未找到任务分工的标题，请指定标题"))
    return ImportResult({"year": year, "title": title, "sections": sections}, warnings)


def parse_text_file(
    path: str | Path, *, year: int | None = None, title: str | None = None, encoding: str = "utf-8"
) -> ImportResult:
    """Parse a text export file; without ``year`` the year in the title, then the file name, is used."""
    path = Path(path)
    text = path.read_text(encoding=encoding)
    if year is None and title is None:
        probe = parse_text(text)
        if probe.tasks["year"] is not None:
            return probe
    if year is None:
        m = _FILE_YEAR_RE.search(path.stem)
        year = int(m.group(1)) if m else None
    return parse_text(text, year=year, title=title)
