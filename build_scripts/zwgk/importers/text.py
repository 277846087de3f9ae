"""Import a task breakdown from a tab-separated text export of a Word table.

Two layouts occur, told apart by whether tabs stand between texts on one line:

- *cell per line* (Word's "save as text"): a row is a block of lines ended by an empty
  line; a line starting with a tab starts a cell; a line without one continues the
  cell above (``已完成并`` + ``持续推进``), and a stray line of spaces is ignored.
- *row per line*: each line is a row, cells separated by tabs; empty lines separate
  pages, each repeating the header.

Text before the table is prose: its last short line naming the list is the title, and
its （一）-items are checked against the table. Everything else is done by
:mod:`zwgk.importers.table`.

    result = parse_text_file("county-2023-task-status.txt")
    result.tasks     # {"year": 2023, "title": ..., "sections": [...]}
    result.warnings  # [ImportWarning(line, message), ...]
"""

from __future__ import annotations

import re
from pathlib import Path

from .table import SUBSECTION_RE, Cell, ImportResult, ImportWarning, build, clean, heading_title

_INNER_TAB = re.compile(r"[^\t\s]\t")
_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)\s*年")
_FILE_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TITLE_WORDS = ("分工", "任务", "要点", "清单", "台账")


def _is_blank(line: str) -> bool:
    return not clean(line)


def read_rows(text: str) -> tuple[list[str], int, list[list[Cell]]]:
    """(source lines, index of the first table line, rows of cells)."""
    lines = text.lstrip("\ufeff").split("\n")
    lines = [ln.rstrip("\r") for ln in lines]
    start = next((i for i, ln in enumerate(lines) if "\t" in ln), len(lines))
    row_per_line = sum(1 for ln in lines[start:] if _INNER_TAB.search(ln)) >= 2
    rows: list[list[Cell]] = []
    if row_per_line:
        for i, ln in enumerate(lines[start:], start + 1):
            if "\t" in ln:
                rows.append([Cell(t, i) for t in ln.split("\t")])
            elif not _is_blank(ln):
                rows.append([Cell(ln, i)])
        return lines, start, rows
    block: list[Cell] = []
    for i, ln in enumerate(lines[start:], start + 1):
        if ln == "":
            if block:
                rows.append(block)
            block = []
        elif ln.startswith("\t"):
            block.extend(Cell(t, i) for t in ln[1:].split("\t"))
        elif _is_blank(ln):
            continue  # a stray line of spaces inside a row
        elif block:
            block[-1].text += ln  # the cell above goes on
        else:
            block.append(Cell(ln, i))
    if block:
        rows.append(block)
    return lines, start, rows


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
