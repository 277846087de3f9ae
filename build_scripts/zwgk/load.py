"""Read tasks_yaml/ into records. Every problem in every file is collected before raising."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from . import derived
from .encoding import decode
from .errors import Problem, RecordError
from .files import scan as scan_files
from .records import (
    QA,
    AnnualReport,
    Catalogue,
    Column,
    ColumnsFile,
    Consultation,
    DecisionCatalogue,
    Interpretation,
    InputLimits,
    Item,
    NormativeDocument,
    PortalConfig,
    Proposal,
    Redirect,
    RedirectsFile,
    TaskList,
    Unit,
)
from .yamlnodes import INVALID, NodeReader, compose

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# folder (relative to the records root) → record class; items/<column>/ is handled apart.
RECORD_FOLDERS = {
    "normative": NormativeDocument,
    "interpretations": Interpretation,
    "qa": QA,
    "tasks": TaskList,
    "consultations": Consultation,  # 公众参与 (#16)
    "decisions": DecisionCatalogue,
    "proposals": Proposal,
}
CATALOGUE_FOLDER = "catalogues"  # catalogues/<column>.yml: an area's 基层政务公开标准目录
ANNUAL_FOLDER = "ndbg"  # ndbg/<year>.yml: the annual report, the county government's or (units/<id>/ndbg/) a unit's
KNOWN_ENTRIES = {"portal.yml", "columns.yml", "redirects.yml", "search_terms.yml", "items", "files", "schemas",
                 "README.md", "units",
                 ANNUAL_FOLDER, CATALOGUE_FOLDER, *RECORD_FOLDERS}
UNIT_FOLDERS = ("normative", "interpretations", "qa", "items",
                "consultations", "decisions", "proposals")  # what a unit's folder may hold besides unit.yml


@dataclass
class Records:
    """Everything read from a records folder, before linking."""

    root: Path
    portal: PortalConfig
    columns: list[Column]
    normative: dict[str, NormativeDocument]
    interpretations: dict[str, Interpretation]
    qa: dict[str, QA]
    items: list[Item]
    tasks: dict[int, TaskList]
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # 'files/…' → size: regular files, no links
    redirects: list[Redirect] = field(default_factory=list)  # redirects.yml (optional)
    units: dict[str, Unit] = field(default_factory=dict)  # units/<id>/unit.yml; the county government is portal.yml
    search_terms: list[list[str]] = field(default_factory=list)  # 搜索同义词 (zwgk.synonyms)
    annual_reports: dict[tuple[str, int], AnnualReport] = field(default_factory=dict)  # (unit id, year) → 年报
    catalogues: dict[tuple[str, str], Catalogue] = field(default_factory=dict)  # (unit id, column id) → 标准目录
    # 公众参与 (#16): consultations/, decisions/ (重大行政决策事项目录), proposals/ (建议提案), here or a unit's
    consultations: dict[str, Consultation] = field(default_factory=dict)
    decisions: dict[str, DecisionCatalogue] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def all(self) -> list:
        """Every record, whatever its kind."""
        return [*self.normative.values(), *self.interpretations.values(), *self.qa.values(), *self.items,
                *self.tasks.values(), *self.units.values(), *self.consultations.values(),
                *self.decisions.values(), *self.proposals.values()]


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """File bytes → text: UTF-8 (BOM allowed) or BOM-marked UTF-16; GBK/GB18030 explained rather than misread."""
    found = decode(path.read_bytes())
    if found.text is not None:
        if found.encoding.startswith("utf-16"):
            problems.append(Problem(rel, 1, 1, "文件是 UTF-16 编码，已按 UTF-16 读取",
                                    "运行 zwgk fix-encoding 转为 UTF-8，或在编辑器中“另存为 UTF-8”", "警告"))
        return found.text
    if found.encoding == "gb18030":
        hint = ("文件是 GBK/GB18030 编码（记事本中的“ANSI”）：运行 zwgk fix-encoding 转为 UTF-8，"
                "或用编辑器“另存为 UTF-8”")
    else:
        hint = "请用 UTF-8 编码保存文件"
    problems.append(Problem(rel, found.bad_line, 1, "文件不是 UTF-8 编码", hint))
    return None


# Records already parsed, by file, for a process that loads the same records again and again (zwgk serve):
# a file whose size, inode and modification time are unchanged is not read again; its problems are repeated.
# None (off) unless keep_parsed() is called. Records are not changed after loading, so sharing them is safe.
_PARSED: dict | None = None
# Folder listings kept the same way (record_files), by the folder's own stamp: adding, removing or renaming an
# entry changes it. A listing taken less than LISTING_SETTLED seconds after the folder last changed is not
# kept (a file system's clock ticks coarsely: a change in the same tick would leave the stamp as it was).
_LISTED: dict = {}
LISTING_SETTLED = 2.0


def keep_parsed(on: bool = True) -> None:
    """Remember parsed files and folder listings from now on (zwgk serve), or stop and forget them."""
    global _PARSED
    _PARSED = {} if on else None
    _LISTED.clear()
    derived.remember(on)


def parse_file(path: Path, root: Path, cls, problems: list[Problem], limits: InputLimits | None = None):
    """One YAML file → one record instance (or INVALID), problems appended."""
    if _PARSED is None:
        return _parse_file(path, root, cls, problems, limits)
    stat = path.stat()
    key, stamp = (str(path), str(root), cls, repr(limits)), (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    known = _PARSED.get(key)
    if known is not None and known[0] == stamp:
        problems.extend(known[2])
        return known[1]
    found: list[Problem] = []
    record = _parse_file(path, root, cls, found, limits)
    problems.extend(found)
    _PARSED[key] = (stamp, record, found)
    return record


def _parse_file(path: Path, root: Path, cls, problems: list[Problem], limits: InputLimits | None = None):
    limits = limits or InputLimits()
    rel = path.relative_to(root.parent).as_posix() if root.parent in path.parents else str(path)
    size_kb = path.stat().st_size / 1024
    if size_kb > limits.max_file_kb:
        problems.append(Problem(rel, 1, 1, f"文件有 {size_kb:,.0f} KB，超过记录文件上限 {limits.max_file_kb} KB",
                                "记录文件只放文字；大段材料作为附件放到 files/ 并在 attachments 中列出。"
                                "确需更大的，在 portal.yml 的 limits.max_file_kb 中调高"))
        return INVALID
    text = read_text(path, rel, problems)
    if text is None:
        return INVALID
    node = compose(text, rel, problems, limits.max_depth)
    if node is INVALID:
        return INVALID
    if node is None:
        problems.append(Problem(rel, 1, 1, "文件是空的", "删除该文件，或按模板填写"))
        return INVALID
    record = NodeReader(rel, problems, limits).read(node, cls, _kind_label(cls))
    if record is not INVALID and hasattr(record, "file"):
        record.file = rel
    return record


def _kind_label(cls) -> str:
    return (cls.__doc__ or cls.__name__).split(":")[-1].strip().rstrip(".")


def is_link(path: Path, rel: str, problems: list[Problem]) -> bool:
    """A symbolic link is refused (an error), so nothing outside the repository can be read or published."""
    if not path.is_symlink():
        return False
    problems.append(Problem(rel, 1, 1, "这是一个符号链接，不予读取和发布",
                            "把文件本身（而不是链接）放进仓库；链接可能指向服务器上的任何文件"))
    return True


def record_files(folder: Path, rel: str, problems: list[Problem]) -> dict[str, Path]:
    """<id>.yml files of a folder by id; bad ids and .yml/.yaml twins are problems."""
    if _PARSED is None:
        return _record_files(folder, rel, problems)
    try:
        stat = folder.lstat()
    except OSError:
        return {}
    stamp = (stat.st_mode, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_nlink)
    known = _LISTED.get((folder, rel))
    if known is not None and known[0] == stamp:
        problems.extend(known[2])
        return dict(known[1])
    found_problems: list[Problem] = []
    found = _record_files(folder, rel, found_problems)
    problems.extend(found_problems)
    if time.time() - stat.st_mtime > LISTING_SETTLED:
        _LISTED[(folder, rel)] = (stamp, dict(found), found_problems)
    return found


def _record_files(folder: Path, rel: str, problems: list[Problem]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not folder.is_dir() or folder.is_symlink():  # a linked folder is reported where it is listed
        return found
    with os.scandir(folder) as listing:  # the entries' types come with the listing: no stat per file
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink():
            is_link(path, f"{rel}/{path.name}", problems)
            continue
        if entry.is_dir(follow_symlinks=False) or entry.name.startswith("."):
            continue
        if path.suffix not in (".yml", ".yaml"):
            problems.append(Problem(f"{rel}/{path.name}", 1, 1, "不是 YAML 文件，已忽略", "记录文件以 .yml 结尾", "警告"))
            continue
        record_id = path.stem
        if not ID_RE.match(record_id):
            problems.append(Problem(f"{rel}/{path.name}", 1, 1,
                                    f"文件名“{path.name}”不能用作网址标识",
                                    f"文件名只用小写字母、数字和连字符，如 {slugify(record_id) or 'doc-2023-1'}.yml"))
            continue
        if record_id in found:
            problems.append(Problem(f"{rel}/{path.name}", 1, 1, f"标识“{record_id}”重复",
                                    f"与 {rel}/{found[record_id].name} 同名，删除或改名其中一个"))
            continue
        found[record_id] = path
    return found


def load_records(root: Path) -> Records:
    """Read every record under root; raise RecordError listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    rootname = root.name
    if not root.is_dir():
        raise RecordError([Problem(str(root), 1, 1, "找不到记录目录", "用 --records 指定 tasks_yaml 目录")])
    for entry in sorted(root.iterdir()):
        if is_link(entry, f"{rootname}/{entry.name}", problems):
            continue
        if entry.name not in KNOWN_ENTRIES and not entry.name.startswith("."):
            problems.append(Problem(f"{rootname}/{entry.name}", 1, 1, f"未知的文件或目录“{entry.name}”，已忽略",
                                    "记录放在 normative/、interpretations/、qa/、items/<栏目>/、tasks/、consultations/、decisions/、proposals/ 下", "警告"))

    portal = _single(root / "portal.yml", root, PortalConfig, problems)
    limits = portal.limits if portal not in (None, INVALID) else InputLimits()
    columns_file = _single(root / "columns.yml", root, ColumnsFile, problems, limits)
    columns = columns_file.columns if columns_file not in (None, INVALID) else []
    redirects_file = root / "redirects.yml"
    redirects = parse_file(redirects_file, root, RedirectsFile, problems, limits) if (
        redirects_file.is_file() and not redirects_file.is_symlink()) else None
    redirects = redirects.redirects if redirects not in (None, INVALID) else []
    from .synonyms import load_search_terms  # it reads the file with parse_file

    search_terms = load_search_terms(root, problems, limits)
    for column, mark in zip(columns, _marks_of_list(columns_file)):
        column.file, column.line = f"{rootname}/columns.yml", mark

    loaded: dict[str, dict] = {folder: {} for folder in RECORD_FOLDERS}
    items = _Items()
    _load_folder(root, root, "", RECORD_FOLDERS, loaded, items, problems, limits)
    units = _load_units(root, loaded, items, problems, limits)

    tasks: dict[int, TaskList] = {}
    for record_id, tasklist in loaded["tasks"].items():
        for task, line in _all_tasks_with_lines(tasklist):
            task.line = line
        line, col = getattr(tasklist, "__marks__", {}).get("year", (1, 1))
        if tasklist.year in tasks:  # a copied file whose year was not changed would hide the other
            problems.append(Problem(tasklist.file, line, col, f"年度 {tasklist.year} 与 {tasks[tasklist.year].file} 重复",
                                    "每个年度只能有一份任务分工；复制的文件请改 year"))
            continue
        if record_id.isdigit() and int(record_id) != tasklist.year:
            problems.append(Problem(tasklist.file, line, col, f"文件名是 {record_id}.yml，年度却是 {tasklist.year}",
                                    f"把 year 改为 {record_id}，或把文件改名为 {tasklist.year}.yml", "警告"))
        tasks[tasklist.year] = tasklist

    annual_reports = _load_annual_reports(root, units, problems, limits,
                                          portal if portal not in (None, INVALID) else None)
    catalogues = _load_catalogues(root, units, problems, limits)
    present, link_problems = scan_files(root)
    problems += link_problems
    errors = [p for p in problems if p.severity == "错误"]
    if errors or portal in (None, INVALID) or columns_file in (None, INVALID):
        raise RecordError(problems)
    return Records(root, portal, columns, loaded["normative"], loaded["interpretations"], loaded["qa"],
                   list(items), tasks, warnings=[p for p in problems if p.severity != "错误"], files=present,
                   redirects=redirects, units=units, consultations=loaded["consultations"],
                   decisions=loaded["decisions"], proposals=loaded["proposals"], annual_reports=annual_reports,
                   search_terms=search_terms, catalogues=catalogues)


class _Items(list):
    """The items loaded so far, in order, and by id (ids are platform-wide)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, Item] = {}


def _load_folder(base: Path, root: Path, unit_id: str, folders, loaded: dict, items: _Items, problems: list[Problem],
                 limits: InputLimits) -> None:
    """The records under base (the records root, or a unit's folder) into loaded and items, each marked with
    its unit. Ids are platform-wide: a record's address does not depend on its unit."""
    rel_base = base.relative_to(root.parent).as_posix()

    item_ids = items.ids  # with the items of the folders loaded before this one

    def add(record, record_id: str, kind: dict, path: Path) -> None:
        record.id, record.unit = record_id, unit_id
        other = kind.get(record_id) if kind is not None else item_ids.get(record_id)
        if other is not None:
            problems.append(Problem(record.file, 1, 1, f"标识“{record_id}”与 {other.file} 重复",
                                    "全平台的记录标识（文件名）不能重复，网址由它而来：给其中一个改名，"
                                    "如在前面加上单位标识"))
            return
        if kind is not None:
            kind[record_id] = record
        else:
            items.append(record)
            item_ids[record_id] = record

    for folder in folders:
        if folder == "items":
            continue
        cls = RECORD_FOLDERS[folder]
        for record_id, path in record_files(base / folder, f"{rel_base}/{folder}", problems).items():
            record = parse_file(path, root, cls, problems, limits)
            if record is not INVALID:
                add(record, record_id, loaded[folder], path)
    items_dir = base / "items"
    if items_dir.is_dir() and not items_dir.is_symlink():
        for column_dir in sorted(p for p in items_dir.iterdir() if p.is_dir()):
            if is_link(column_dir, f"{rel_base}/items/{column_dir.name}", problems):
                continue
            rel = f"{rel_base}/items/{column_dir.name}"
            for record_id, path in record_files(column_dir, rel, problems).items():
                record = parse_file(path, root, Item, problems, limits)
                if record is not INVALID:
                    record.column = column_dir.name
                    add(record, record_id, None, path)


def _load_units(root: Path, loaded: dict, items: _Items, problems: list[Problem], limits: InputLimits) -> dict:
    """units/<id>/unit.yml and each unit's records; a folder without unit.yml is an error."""
    units: dict[str, Unit] = {}
    folder = root / "units"
    if not folder.is_dir() or folder.is_symlink():
        return units
    rel = f"{root.name}/units"
    for unit_dir in sorted(folder.iterdir()):
        if is_link(unit_dir, f"{rel}/{unit_dir.name}", problems) or unit_dir.name.startswith("."):
            continue
        if not unit_dir.is_dir():
            problems.append(Problem(f"{rel}/{unit_dir.name}", 1, 1, "units/ 下只放各单位的目录，已忽略",
                                    "每个单位一个目录：units/<单位标识>/unit.yml", "警告"))
            continue
        if not ID_RE.match(unit_dir.name):
            problems.append(Problem(f"{rel}/{unit_dir.name}", 1, 1, f"目录名“{unit_dir.name}”不能用作单位标识",
                                    "单位标识用单位名称的拼音首字母小写，如 fgj（发改局）、czj（财政局）"))
            continue
        spec = unit_dir / "unit.yml"
        if not spec.is_file() or spec.is_symlink():
            problems.append(Problem(f"{rel}/{unit_dir.name}", 1, 1, f"单位“{unit_dir.name}”没有 unit.yml，"
                                    "这个目录中的记录属于一个不存在的单位",
                                    f"新建 {rel}/{unit_dir.name}/unit.yml（zwgk new unit --unit {unit_dir.name}），"
                                    "或把记录移到已有单位的目录"))
            continue
        unit = parse_file(spec, root, Unit, problems, limits)
        if unit is INVALID:
            continue
        unit.id = unit_dir.name
        for entry in sorted(unit_dir.iterdir()):
            if entry.name not in (*UNIT_FOLDERS, ANNUAL_FOLDER, CATALOGUE_FOLDER, "unit.yml") and not entry.name.startswith("."):
                problems.append(Problem(f"{rel}/{unit_dir.name}/{entry.name}", 1, 1,
                                        f"未知的文件或目录“{entry.name}”，已忽略",
                                        "单位目录中放 unit.yml 和 normative/、interpretations/、qa/、items/<栏目>/、consultations/、decisions/、proposals/、ndbg/、catalogues/",
                                        "警告"))
        units[unit.id] = unit
        _load_folder(unit_dir, root, unit.id, UNIT_FOLDERS, loaded, items, problems, limits)
    return units


def _load_catalogues(root: Path, units: dict, problems: list[Problem], limits: InputLimits) -> dict:
    """catalogues/<column>.yml (the county government's) and units/<id>/catalogues/<column>.yml (a unit's)."""
    found: dict[tuple[str, str], Catalogue] = {}
    for unit_id in ("", *units):
        rel = f"{root.name}/units/{unit_id}/{CATALOGUE_FOLDER}" if unit_id else f"{root.name}/{CATALOGUE_FOLDER}"
        folder = root / "units" / unit_id / CATALOGUE_FOLDER if unit_id else root / CATALOGUE_FOLDER
        for name, path in record_files(folder, rel, problems).items():
            if (record := parse_file(path, root, Catalogue, problems, limits)) is not INVALID:
                record.id, record.unit = name, unit_id
                found[unit_id, name] = record
    return found


def _load_annual_reports(root: Path, units: dict, problems: list[Problem], limits: InputLimits,
                         portal: PortalConfig | None) -> dict:
    """ndbg/<year>.yml (the county government's) and units/<id>/ndbg/<year>.yml: one report per unit and year,
    the file named by its year. Figures may not be negative (a located error); portal.yml's deadlines are
    月-日."""
    import datetime as dt

    from .yamlnodes import where

    found: dict[tuple[str, int], AnnualReport] = {}
    for name in ("annual_due_organ", "annual_due_government") if portal else ():
        text = getattr(portal.audit, name)
        try:
            month, day = (int(p) for p in text.split("-"))
            dt.date(2024, month, day)
        except ValueError:
            line, col = where(portal.audit, name)
            problems.append(Problem(portal.file, line, col, f"年报公布期限“{text}”不是 月-日",
                                    "写作 01-31（1月31日）或 03-31（3月31日）"))
    for unit_id, base in [("", root), *((u, root / "units" / u) for u in sorted(units))]:
        rel = (base / ANNUAL_FOLDER).relative_to(root.parent).as_posix()
        for name, path in record_files(base / ANNUAL_FOLDER, rel, problems).items():
            report = parse_file(path, root, AnnualReport, problems, limits)
            if report is INVALID:
                continue
            report.id, report.unit = f"{unit_id or 'xzf'}-ndbg-{report.year}", unit_id
            line, col = getattr(report, "__marks__", {}).get("year", (1, 1))
            if name != str(report.year):
                problems.append(Problem(report.file, line, col, f"文件名是 {name}.yml，年度却是 {report.year}",
                                        f"年报文件以年度命名：把文件改名为 {report.year}.yml，或改正 year"))
                continue
            problems += _negative_figures(report, report)
            found[(unit_id, report.year)] = report
    return found


def _negative_figures(report: AnnualReport, node) -> list[Problem]:
    """Every count and amount of a report's tables is zero or more."""
    from dataclasses import fields as dc_fields
    from dataclasses import is_dataclass

    from .yamlnodes import where

    found: list[Problem] = []
    for fl in dc_fields(node):
        value = getattr(node, fl.name)
        if is_dataclass(value) and fl.name != "review":
            found += _negative_figures(report, value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            line, col = where(node, fl.name)
            found.append(Problem(report.file, line, col, f"“{fl.metadata.get('label', fl.name)}”是 {value}，不能为负数",
                                 "年报中的件数和金额为 0 或正数"))
    return found


def _single(path: Path, root: Path, cls, problems: list[Problem], limits: InputLimits | None = None):
    if not path.exists():
        problems.append(Problem(f"{root.name}/{path.name}", 1, 1, f"缺少 {path.name}", "从示例县的 tasks_yaml/ 复制一份再修改"))
        return None
    if path.is_symlink():  # reported with the folder's entries
        return INVALID
    return parse_file(path, root, cls, problems, limits)


def _marks_of_list(columns_file) -> list[int]:
    if columns_file in (None, INVALID):
        return []
    return [getattr(c, "__marks__", {}).get(None, (1, 1))[0] for c in columns_file.columns]


def _all_tasks_with_lines(tasklist: TaskList):
    for section in tasklist.sections:
        for task in section.tasks:
            yield task, task.__marks__[None][0]
        for sub in section.subsections:
            for task in sub.tasks:
                yield task, task.__marks__[None][0]


def iter_tasks(tasklist: TaskList):
    """(section, subsection or None, task) for every task in document order."""
    for section in tasklist.sections:
        for task in section.tasks:
            yield section, None, task
        for sub in section.subsections:
            for task in sub.tasks:
                yield section, sub, task
