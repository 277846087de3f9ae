"""Attachments (.docx, .xlsx, .pdf): their text for the 保密审查, what they carry besides the text, and scrubbing it.

Reading is fast and never writes: .docx and .xlsx are zip files read with zipfile and lxml (the XML python-docx
and openpyxl read), .pdf with pypdf. Results are kept in memory only, keyed by path, size and modification time,
so `zwgk serve` re-reads only a changed file.

Scrubbing (`zwgk scrub`) goes through the libraries that own each format: python-docx (core properties, the
comments part, tracked changes accepted in its lxml tree), openpyxl (properties, cell comments), pypdf (document
information and XMP). The original is first copied to a backup folder outside the records folder (everything
under files/ may be published), then the cleaned file replaces it atomically (written next to it under a hidden
name, then renamed).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

SUFFIXES = (".docx", ".xlsx", ".pdf")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_CORE_NAMES = {"creator": "作者", "lastModifiedBy": "最后修改者"}
_APP_NAMES = {"Company": "单位", "Manager": "经理"}
_PDF_NAMES = {"/Author": "作者", "/Creator": "创建程序", "/Producer": "生成程序"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_WORD_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_PART_LABELS = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}


class UnreadableAttachment(Exception):
    """The file is not a readable .docx/.xlsx/.pdf (damaged, encrypted, or another format under that name)."""


@dataclass
class Extras:
    """What an attachment carries besides its text: named properties, comments, tracked changes, XMP."""

    properties: list[tuple[str, str]] = field(default_factory=list)  # (中文名, value)
    comments: int = 0
    insertions: int = 0
    deletions: int = 0
    revisions: bool = False  # xlsx: a shared workbook's revision log
    xmp: bool = False

    def describe(self, ignore: frozenset[str] = frozenset()) -> list[str]:
        """Chinese phrases for what was found; property values in `ignore` (office names) are left out."""
        found = [f"{label}“{value}”" for label, value in self.properties if value.strip() not in ignore]
        if self.comments:
            found.append(f"批注 {self.comments} 条")
        if self.insertions or self.deletions:
            found.append(f"修订痕迹 {self.insertions + self.deletions} 处（插入 {self.insertions}、删除 {self.deletions}）")
        if self.revisions:
            found.append("共享工作簿修订记录")
        if self.xmp:
            found.append("XMP 元数据")
        return found


def _key(path: Path):
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


@dataclass
class Inspection:
    """An attachment read once: its text blocks [(where in the file, text)] and its extras."""

    blocks: list[tuple[str, str]]
    extras: Extras


def inspect(path: Path) -> Inspection:
    """Paragraphs of a .docx (deleted text too), cells of a .xlsx, pages of a .pdf, and what else each carries.

    Raises UnreadableAttachment for a damaged or encrypted file."""
    return _inspect(*_key(Path(path)))


@functools.lru_cache(maxsize=1024)
def _inspect(path: str, _size: int, _mtime: int) -> Inspection:
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".docx":
            return Inspection(_docx_text(path), _office_extras(path))
        if suffix == ".xlsx":
            return Inspection(_xlsx_text(path), _office_extras(path))
        if suffix == ".pdf":
            reader = _pdf_reader(path)
            return Inspection(_pdf_text(reader), _pdf_extras(reader))
    except UnreadableAttachment:
        raise
    except Exception as exc:  # a damaged file raises anything from zipfile, lxml, openpyxl or pypdf
        kind = {".docx": "Word 文档", ".xlsx": "Excel 表格", ".pdf": "PDF 文件"}[suffix]
        raise UnreadableAttachment(f"文件已损坏，或不是真正的 {kind}") from exc
    return Inspection([], Extras())


def _xml(zf: zipfile.ZipFile, name: str):
    return etree.fromstring(zf.read(name), _PARSER)


def _docx_text(path: str) -> list[tuple[str, str]]:
    blocks = []
    with zipfile.ZipFile(path) as zf:
        for name in sorted(zf.namelist(), key=lambda n: (n != "word/document.xml", n)):
            m = _WORD_PARTS.match(name)
            if not m:
                continue
            part = re.sub(r"\d+$", "", m.group(1))
            for n, p in enumerate(_xml(zf, name).iter(f"{_W}p"), 1):
                text = "".join(t.text or "" for t in p.iter(f"{_W}t", f"{_W}delText"))
                if text.strip():
                    blocks.append((f"第 {n} 段" if part == "document" else _PART_LABELS[part], text))
    return blocks


def _xlsx_text(path: str) -> list[tuple[str, str]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    blocks = []
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or isinstance(value, (dt.date, dt.datetime, dt.time, bool)):
                        continue
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    blocks.append((f"工作表“{ws.title}”{get_column_letter(cell.column)}{cell.row}", str(value)))
    finally:
        wb.close()
    return blocks


def _pdf_reader(path: str):
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableAttachment("已加密")
    return reader


def _pdf_text(reader) -> list[tuple[str, str]]:
    return [(f"第 {n} 页", page.extract_text() or "") for n, page in enumerate(reader.pages, 1)]


def _office_extras(path: str) -> Extras:
    found = Extras()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "docProps/core.xml" in names:
            for el in _xml(zf, "docProps/core.xml"):
                local = etree.QName(el).localname
                if local in _CORE_NAMES and (el.text or "").strip():
                    found.properties.append((_CORE_NAMES[local], el.text.strip()))
        if "docProps/app.xml" in names:
            for el in _xml(zf, "docProps/app.xml"):
                local = etree.QName(el).localname
                if local in _APP_NAMES and (el.text or "").strip():
                    found.properties.append((_APP_NAMES[local], el.text.strip()))
        for name in sorted(names):
            if name == "word/comments.xml":
                found.comments += sum(1 for _ in _xml(zf, name).iter(f"{_W}comment"))
            elif re.match(r"^xl/(?:comments\d*|comments/[^/]+|threadedComments/[^/]+)\.xml$", name):
                found.comments += sum(1 for el in _xml(zf, name).iter() if etree.QName(el).localname == "comment")
            elif name.startswith("xl/revisions/"):
                found.revisions = True
            elif _WORD_PARTS.match(name):
                root = _xml(zf, name)
                found.insertions += sum(1 for el in root.iter(f"{_W}ins", f"{_W}moveTo")
                                        if etree.QName(el.getparent()).localname != "rPr")
                found.deletions += sum(1 for el in root.iter(f"{_W}del", f"{_W}moveFrom")
                                       if etree.QName(el.getparent()).localname != "rPr")
    return found


def _pdf_extras(reader) -> Extras:
    found = Extras()
    info = reader.metadata or {}
    for key, label in _PDF_NAMES.items():
        value = info.get(key)
        if value and str(value).strip():
            found.properties.append((label, str(value).strip()))
    found.xmp = "/Metadata" in reader.trailer["/Root"]
    return found


# Scrubbing ------------------------------------------------------------------------------------------------

_COMMENT_RELS = {"comments", "commentsExtended", "commentsIds", "commentsExtensible", "people"}
_COMMENT_MARKS = ("commentRangeStart", "commentRangeEnd", "commentReference")
_DROPPED = ("del", "moveFrom")  # deleted text goes
_KEPT = ("ins", "moveTo")  # inserted text stays, without its wrapper
_MARKERS = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "rPrChange",
            "pPrChange", "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange",
            "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge")
# openpyxl does not keep these when it saves a workbook: such a file is not scrubbed but explained
_XLSX_LOST = re.compile(r"^xl/(media|charts|pivotTables|pivotCache|embeddings|drawings/drawing\d*\.xml|vbaProject)")


@dataclass
class Scrubbed:
    """What `zwgk scrub` did to one file."""

    path: Path
    removed: list[str]  # Chinese phrases, as Extras.describe gives them
    backup: Path | None = None
    refused: str = ""  # why the file was left as it is


def scrub_file(path: Path, backups: Path, base: Path) -> Scrubbed:
    """Remove properties, comments, tracked changes (accepted) and XMP from one attachment.

    The original is copied into backups (keeping its path below base) before it is replaced; nothing is written
    when there is nothing to remove or the file cannot be cleaned without losing content."""
    from .safewrite import replace_with_backup

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        found = _inspect.__wrapped__(str(path), 0, 0).extras.describe()
    except UnreadableAttachment as exc:
        return Scrubbed(path, [], refused=f"无法读取（{exc}）")
    if not found:
        return Scrubbed(path, [])
    if suffix == ".xlsx":
        with zipfile.ZipFile(path) as zf:
            lost = sorted({m.group(1).split("/")[0] for n in zf.namelist() if (m := _XLSX_LOST.match(n))})
        if lost:
            return Scrubbed(path, found, refused="含有图片、图表、数据透视表或宏（" + "、".join(lost) + "），"
                            "自动清理会丢失这些内容，未修改；请在 Excel 或 WPS 中用“检查文档”删除作者、批注等信息")
    clean = {".docx": _clean_docx, ".xlsx": _clean_xlsx, ".pdf": _clean_pdf}[suffix](path)
    backup = replace_with_backup(path, clean, backups, base)
    return Scrubbed(path, found, backup)


def _w(tag: str) -> str:
    return f"{_W}{tag}"


def _clean_docx(path: Path) -> bytes:
    from docx import Document

    doc = Document(str(path))
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in _COMMENT_RELS:
            doc.part.drop_rel(rid)
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            root = etree.fromstring(part.blob, _PARSER)
            for el in list(root):
                if etree.QName(el).localname in _APP_NAMES:
                    root.remove(el)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        element = getattr(part, "_element", None)
        if element is not None:
            _remove(element, _COMMENT_MARKS)
            accept_revisions(element)
    settings = doc.settings.element
    _remove(settings, ("trackRevisions",))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _remove(root, tags) -> None:
    for el in list(root.iter(*(_w(t) for t in tags))):
        parent = el.getparent()
        if parent is None:
            continue
        parent.remove(el)
        # a run left with nothing but its properties (it held a comment reference) goes too
        if etree.QName(parent).localname == "r" and all(etree.QName(c).localname == "rPr" for c in parent):
            if parent.getparent() is not None:
                parent.getparent().remove(parent)


def accept_revisions(root) -> int:
    """Accept every tracked change in a WordprocessingML tree: insertions kept, deletions dropped, formatting
    changes kept as they are now. A deleted paragraph mark or table row is handled as Word does for rows (the row
    goes); a paragraph whose mark was deleted stays a paragraph of its own. Returns the number of changes."""
    count = 0
    for el in list(root.iter(*(_w(t) for t in _DROPPED))):
        parent = el.getparent()
        if parent is None:
            continue
        count += 1
        where = etree.QName(parent).localname
        if where == "trPr":  # a deleted table row
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
        else:
            parent.remove(el)
    for el in list(root.iter(*(_w(t) for t in _KEPT))):
        parent = el.getparent()
        if parent is None:
            continue
        count += 1
        if etree.QName(parent).localname not in ("rPr", "trPr"):
            at = parent.index(el)
            for offset, child in enumerate(list(el)):
                parent.insert(at + offset, child)
        parent.remove(el)
    _remove(root, _MARKERS)
    return count


def _clean_xlsx(path: Path) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.properties.creator = None
    wb.properties.lastModifiedBy = None
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    cell.comment = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _clean_pdf(path: Path) -> bytes:
    from pypdf import PdfWriter

    reader = _pdf_reader(str(path))
    title = (reader.metadata or {}).get("/Title")
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None  # also drops pypdf's own /Producer
    if title:
        writer.add_metadata({"/Title": str(title)})
    if "/Metadata" in writer._root_object:
        del writer._root_object["/Metadata"]
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # old /Info and XMP too
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def attachments_under(root: Path) -> list[Path]:
    """Every .docx, .xlsx and .pdf under the records' files/ folder (symbolic links and hidden files left out)."""
    folder = Path(root) / "files"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def scrub_command(paths: list[str], root: Path, dry_run: bool, say) -> int:
    """`zwgk scrub [文件…]`: clean the named attachments (default: all under files/); 0, or 2 if any was left."""
    from .safewrite import backup_folder

    root = Path(root)
    files = [Path(p) for p in paths] if paths else attachments_under(root)
    base = root.resolve().parent  # backups go beside the records folder, never into files/ (it is published)
    backups = backup_folder(base, "scrub")
    cleaned = left = 0
    for path in files:
        if path.is_symlink() or not path.is_file() or path.suffix.lower() not in SUFFIXES:
            say(f"{path}: 不是 .docx、.xlsx 或 .pdf 文件，已跳过")
            left += 1
            continue
        if dry_run:
            try:
                found = inspect(path).extras.describe()
            except UnreadableAttachment as exc:
                say(f"{path}: 无法读取（{exc}）")
                left += 1
                continue
            if found:
                cleaned += 1
                say(f"{path}: " + "、".join(found))
            continue
        result = scrub_file(path, backups, base)
        if result.refused:
            left += 1
            say(f"{path}: {result.refused}")
        elif result.removed:
            cleaned += 1
            say(f"已清除 {path}：" + "、".join(result.removed))
    if dry_run:
        say(f"共 {len(files)} 个文件，{cleaned} 个带有正文以外的信息（未修改；去掉 --dry-run 即清除）。")
        return 0
    if cleaned:
        shown = backups.relative_to(Path.cwd().resolve()) if backups.is_relative_to(Path.cwd().resolve()) else backups
        say(f"原文件已备份到 {shown}/")
    say(f"完成：{cleaned} 个文件已清除，{len(files) - cleaned - left} 个无需清除"
        + (f"，{left} 个未修改（见上）" if left else "") + "。")
    return 2 if left else 0
