"""Import a task breakdown from a Word .docx file (python-docx).

Paragraphs and tables are read in document order. A table row becomes one text per grid
column: a cell spanning columns gives its text once and blanks after it; a cell merged
down from the row above (vMerge) repeats that cell's text, so a 牵头单位 or 完成时限 merged
across several tasks reaches each of them, and a merge never crosses a heading row, which
spans the table. Everything else is done by the table module, as for a text export.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .office import Block, assemble_blocks, cell_text
from .table import ImportResult, TaskImportError


def _paragraph_text(p) -> str:
    return Paragraph(p, None).text


def _rows(tbl, label: str) -> list[Block]:
    blocks: list[Block] = []
    above: dict[int, str] = {}  # grid column → text of the cell that starts there in the row above
    for r, tr in enumerate(tbl.tr_lst, 1):
        col = tr.grid_before
        texts = [""] * col
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = above.get(col, "")
            else:
                text = cell_text([_paragraph_text(p) for p in tc.iter(qn("w:p"))])
            above[col] = text
            texts += [text] + [""] * (tc.grid_span - 1)
            col += tc.grid_span
        blocks.append(Block(f"{label}第{r}行", cells=texts))
    return blocks


def _body(element):
    """Paragraph and table elements in reading order, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body(content)


def read_blocks(path: str | Path) -> list[Block]:
    """The document as paragraphs and table rows."""
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types for a file that is not .docx
        raise TaskImportError(f"无法作为 Word 文档（.docx）打开：{exc}") from None
    elements = list(_body(document.element.body))
    tables = sum(1 for e in elements if e.tag == qn("w:tbl"))
    blocks: list[Block] = []
    paragraph = table = 0
    for element in elements:
        if element.tag == qn("w:tbl"):
            table += 1
            blocks += _rows(element, f"表{table}" if tables > 1 else "表格")
        else:
            paragraph += 1
            blocks.append(Block(f"第{paragraph}段", text=_paragraph_text(element)))
    return blocks


def parse_docx(path: str | Path, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Parse a .docx task breakdown; without ``year`` the year in the title, then the file name, is used."""
    return assemble_blocks(read_blocks(path), year=year, title=title, name=Path(path).name)
