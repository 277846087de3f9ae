"""Import a task breakdown from an Excel .xlsx workbook (openpyxl), or a .csv saved from one.

Each visible sheet with a header row (具体要求、责任单位 …) is read; a sheet's rows keep
their Excel row numbers in warnings. A merged range gives its value to the first column of
every row it covers (a 责任单位 merged down over three tasks reaches all three) and blanks to
the other columns. Numbers lose a trailing .0, dates read 2023年6月30日, and lines in a cell
(Alt+Enter) are treated like paragraphs in a Word cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from ..encoding import decode
from .office import Block, assemble_blocks
from .table import ImportResult, TaskImportError, cell_text, read_header


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return cell_text(str(value).replace("\r", "").split("\n"))


def _sheet_rows(ws) -> list[list[str]]:
    rows = [[_value(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = _value(ws.cell(rng.min_row, rng.min_col).value)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = top if c == rng.min_col else ""
    return rows


def _has_header(rows: list[list[str]]) -> bool:
    return any(read_header(r, 0) for r in rows)


def read_blocks(path: str | Path) -> list[Block]:
    """The rows of every visible sheet that holds a task table (or of the first sheet)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not .xlsx
        raise TaskImportError(f"无法作为 Excel 工作簿（.xlsx）打开：{exc}") from None
    sheets = [(ws.title, _sheet_rows(ws)) for ws in workbook.worksheets if ws.sheet_state == "visible"]
    tables = [(name, rows) for name, rows in sheets if _has_header(rows)] or sheets[:1]
    blocks = []
    for name, rows in tables:
        label = f"工作表“{name}”" if len(tables) > 1 else ""
        blocks += [Block(f"{label}第{r}行", cells=texts) for r, texts in enumerate(rows, 1)]
    return blocks


def parse_xlsx(path: str | Path, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Parse an .xlsx task breakdown; without ``year`` the year in the title, then the file name, is used."""
    return assemble_blocks(read_blocks(path), year=year, title=title, name=Path(path).name)


def parse_csv(path: str | Path, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Parse a .csv saved from Excel (UTF-8 or GBK, comma, semicolon or tab separated)."""
    found = decode(Path(path).read_bytes(), guess_gbk=True)
    if found.text is None:
        raise TaskImportError("无法识别文件编码：请另存为 UTF-8 编码的 CSV")
    text = found.text
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[_value(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    blocks = [Block(f"第{r}行", cells=row) for r, row in enumerate(rows, 1)]
    return assemble_blocks(blocks, year=year, title=title, name=Path(path).name)
