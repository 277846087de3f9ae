"""Import a task breakdown from a Word .docx file (python-docx).

Paragraphs and tables are read in document order. A table row becomes one text per grid
column: a cell spanning columns gives its text once and blanks after it; a cell merged
down from the row above (vMerge) repeats that cell's text, so a 牵头单位 or 完成时限 merged
across several tasks reaches each of them, and a merge never crosses a heading row, which
spans the table. Automatic list numbers (a 序号 column numbered by Word, headings 一、二、)
are written out as Word shows them. Everything else is done by the table module, as for
a text export.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .office import Block, assemble_blocks
from .table import ImportResult, TaskImportError, cell_text, to_cn_numeral

_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
                    "taiwaneseCountingThousand", "chineseLegalSimplified"}


class Numbering:
    """Word's automatic list numbers (序号 1, 2, 3 … or headings 一、二、…), which are not in the text.

    Each list (numId) counts its own paragraphs per level, as Word shows them; the label is
    the level's text (``%1.``, ``%1、``, ``（%1）``) with the counters put in.
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[str, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                start, fmt, text = lvl.find(qn("w:start")), lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText"))
                levels[lvl.get(qn("w:ilvl"))] = (
                    int(start.get(qn("w:val"))) if start is not None else 1,
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else f"%{int(lvl.get(qn('w:ilvl'))) + 1}.",
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def label(self, p) -> str:
        """The number Word shows before this paragraph ('' when it is not in a list)."""
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            return ""
        num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        ilvl_el = num_pr.find(qn("w:ilvl"))
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or str(ilvl) not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[str(ilvl)][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[str(ilvl)][2]
        for k in range(ilvl + 1):
            start, fmt, _ = levels.get(str(k), (1, "decimal", ""))
            value = counts.get(k, start)
            shown = to_cn_numeral(value) if fmt in _CHINESE_FORMATS and 0 < value < 100 else str(value)
            text = text.replace(f"%{k + 1}", shown)
        return "" if levels[str(ilvl)][1] == "bullet" else text


def _paragraph_text(p, numbering: Numbering | None = None) -> str:
    text = Paragraph(p, None).text
    label = numbering.label(p) if numbering else ""
    return f"{label}{text}" if text.strip() else label.rstrip(".．、")


def _rows(tbl, label: str, numbering: Numbering) -> list[Block]:
    blocks: list[Block] = []
    above: dict[int, str] = {}  # grid column → text of the cell that starts there in the row above
    for r, tr in enumerate(tbl.tr_lst, 1):
        col = tr.grid_before
        texts = [""] * col
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = above.get(col, "")
            else:
                lines = [line for p in tc.iter(qn("w:p")) for line in _paragraph_text(p, numbering).split("\n")]
                text = cell_text(lines)
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
    numbering = Numbering(document)
    elements = list(_body(document.element.body))
    tables = sum(1 for e in elements if e.tag == qn("w:tbl"))
    blocks: list[Block] = []
    paragraph = table = 0
    for element in elements:
        if element.tag == qn("w:tbl"):
            table += 1
            blocks += _rows(element, f"表{table}" if tables > 1 else "表格", numbering)
        else:
            paragraph += 1
            blocks.append(Block(f"第{paragraph}段", text=_paragraph_text(element, numbering)))
    return blocks


def parse_docx(path: str | Path, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Parse a .docx task breakdown; without ``year`` the year in the title, then the file name, is used."""
    return assemble_blocks(read_blocks(path), year=year, title=title, name=Path(path).name)
