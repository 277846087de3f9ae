"""Importers: task-breakdown tables from other formats into the ``tasks/<year>.yml`` shape.

Each importer returns an :class:`ImportResult` — the plain dict, ready for YAML, and a
list of :class:`ImportWarning` (line + Chinese message) for whatever it could not place.
They never print; the CLI decides how to show the warnings.
"""

import importlib
from pathlib import Path

from .table import ImportResult, ImportWarning, TaskImportError
from .text import parse_text, parse_text_file
from .units import Units, split_unit_list, split_units

# The Office readers load python-docx and openpyxl when first asked for: every build reads records through
# .units (yamlnodes), and never needs them.
_OFFICE = {"parse_docx": ".docx", "parse_xlsx": ".xlsx", "parse_csv": ".xlsx"}


def __getattr__(name: str):
    if name in _OFFICE:
        return getattr(importlib.import_module(_OFFICE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ImportResult",
    "ImportWarning",
    "TaskImportError",
    "Units",
    "import_tasks",
    "parse_csv",
    "parse_docx",
    "parse_text",
    "parse_text_file",
    "parse_xlsx",
    "split_unit_list",
    "split_units",
]

_OLD_FORMATS = {".doc": "Word", ".wps": "WPS 文字", ".xls": "Excel", ".et": "WPS 表格"}
_CODECS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
           "gb18030": "gb18030"}


def import_tasks(path: str | Path, *, year: int | None = None, title: str | None = None) -> ImportResult:
    """Any supported file by its suffix: .docx, .xlsx/.xlsm, .csv, or a text export (.txt and the rest)."""
    from ..encoding import decode

    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TaskImportError(f"找不到文件 {path}")
    if suffix in _OLD_FORMATS:
        raise TaskImportError(f"{suffix} 是旧版{_OLD_FORMATS[suffix]}格式：请在 Word、Excel 或 WPS 中“另存为” "
                              f"{'.docx' if _OLD_FORMATS[suffix].endswith('文字') or suffix == '.doc' else '.xlsx'} 后再导入")
    if suffix == ".docx":
        from .docx import parse_docx

        return parse_docx(path, year=year, title=title)
    if suffix in (".xlsx", ".xlsm", ".csv"):
        from .xlsx import parse_csv, parse_xlsx

        return (parse_csv if suffix == ".csv" else parse_xlsx)(path, year=year, title=title)
    found = decode(path.read_bytes(), guess_gbk=True)  # Word's "save as text" on Chinese Windows writes GBK
    if found.text is None:
        raise TaskImportError("无法识别文件编码：请另存为 UTF-8 编码的文本文件，或直接导入 .docx/.xlsx")
    return parse_text_file(path, year=year, title=title, encoding=_CODECS[found.encoding])
