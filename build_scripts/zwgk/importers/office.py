"""What the Word and Excel readers share: cells and paragraphs → the row stream of zwgk.importers.table.

A reader turns its document into *blocks* in reading order: paragraphs (Word text outside
tables) and table rows (one text per grid column, merges already resolved). This module
numbers them, splits off the prose before the table header, keeps heading paragraphs that
stand between tables, and hands the rest to :func:`zwgk.importers.text.assemble`, the same
path a text export takes. Warnings say where a thing is in the document's own terms
(表1第5行, 第3段, 工作表“分工”第12行).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .table import SECTION_RE, SUBSECTION_RE, Cell, ImportResult, ImportWarning, clean, read_header
from .text import assemble

_FILE_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class PlacedWarning(ImportWarning):
    """An import warning located in the source document's own terms (表1第5行, 工作表“分工”第12行)."""

    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else super().__str__()


@dataclass
class Block:
    """A paragraph (``cells`` is None) or a table row, and where it is in the document."""

    where: str
    text: str = ""
    cells: list[str] | None = None


def assemble_blocks(blocks: list[Block], *, year: int | None, title: str | None, name: str) -> ImportResult:
    """Blocks → the task list, as for a text export; ``name`` (the file name) may give the year."""
    header_at = next((i for i, b in enumerate(blocks) if b.cells is not None and read_header(b.cells, 0)), None)
    if header_at is None:
        header_at = next((i for i, b in enumerate(blocks) if b.cells is not None), len(blocks))
    where = {i + 1: b.where for i, b in enumerate(blocks)}
    prose = [b.text if b.cells is None else " ".join(t for t in b.cells if t) for b in blocks[:header_at]]
    rows: list[list[Cell]] = []
    extra: list[PlacedWarning] = []
    last_row = max((i for i, b in enumerate(blocks) if b.cells is not None), default=-1)
    trailing = [i + 1 for i, b in enumerate(blocks) if i > last_row and b.cells is None and clean(b.text)]
    for i, block in enumerate(blocks[header_at:], header_at + 1):
        if block.cells is not None:
            rows.append([Cell(text, i) for text in block.cells])
        elif SECTION_RE.match(clean(block.text)) or SUBSECTION_RE.match(clean(block.text)):
            rows.append([Cell(block.text, i)])  # a heading typed between two tables
        elif clean(block.text) and i not in trailing:
            extra.append(PlacedWarning(i, f"表格之间的段落未导入：{clean(block.text)[:30]}", block.where))
    if trailing:
        first = clean(blocks[trailing[0] - 1].text)
        extra.append(PlacedWarning(trailing[0], f"表格之后的{len(trailing)}段文字未导入（公开方式、抄送、落款、日期等）：{first[:30]}",
                                   where[trailing[0]]))
    result = assemble(prose, rows, year=year, title=title)
    if result.tasks["year"] is None:
        m = _FILE_YEAR_RE.search(Path(name).stem)
        if m:
            result = assemble(prose, rows, year=int(m.group(1)), title=title)
    warnings = [PlacedWarning(w.line, w.message, where.get(w.line, "")) for w in result.warnings] + extra
    return ImportResult(result.tasks, sorted(warnings, key=lambda w: w.line))
