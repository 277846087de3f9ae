"""What the audit looks at: the columns it scores, the pages the site will have, and record targets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..pages import areas, catalogue, interpretation, normative, qa, task_parts
from ..pages.common import area_path, doc_path, interp_path, item_path, page_url, qa_path
from ..portal import Portal
from ..yamlnodes import where
from .model import Target


@dataclass
class AuditColumn:
    """A column as the auditor sees it: its entries' dates, its type and its index page."""

    key: str  # gfxwj, zcjd, zcwd, zdgz, zdly/<id>
    title: str
    kind: str  # 动态 | 要闻 | 政策文件 | 通知公告 | 其他 — decides the update limit
    page: str
    dates: list[dt.date | None] = field(default_factory=list)
    dated: bool = True  # False: entries carry no date, staleness not checked
    note: str = ""
    interval_days: int | None = None
    file: str = ""
    line: int = 0

    @property
    def count(self) -> int:
        return len(self.dates)

    def latest(self, as_of: dt.date) -> dt.date | None:
        """The newest entry date on or before as_of (entries without a date do not count)."""
        return max((d for d in self.dates if d and d <= as_of), default=None)

    def target(self) -> Target:
        return Target(self.title, self.page, self.file, self.line)


def audit_columns(portal: Portal) -> list[AuditColumn]:
    """The four main columns, then every key-area column in columns.yml order."""
    result = [
        AuditColumn(
            "gfxwj",
            normative.COLUMN,
            "政策文件",
            normative.INDEX,
            [d.published for d in portal.documents.values()],
        ),
        AuditColumn(
            "zcjd",
            interpretation.COLUMN,
            "政策文件",
            interpretation.INDEX,
            [i.published for i in portal.interpretations.values()],
        ),
        AuditColumn("zcwd", qa.COLUMN, "其他", qa.INDEX, [q.updated for q in portal.qa.values()]),
        AuditColumn(
            "zdgz",
            task_parts.COLUMN,
            "其他",
            task_parts.INDEX,
            [None for t in portal.tasks.values()],
            dated=False,
        ),
    ]
    for c in portal.columns:
        result.append(
            AuditColumn(
                f"zdly/{c.id}",
                c.title,
                c.kind,
                area_path(c.id),
                [i.published for i in portal.items_of.get(c.id, [])],
                note=c.empty_note,
                interval_days=c.interval_days,
                file=c.file,
                line=c.line,
            )
        )
    return result


def veto(rule, columns: list[AuditColumn], limit: int) -> list:
    """The site-level 单项否决 finding of `rule` when `limit` or more columns fail it."""
    if len(columns) < limit:
        return []
    names = "、".join(c.title for c in columns)
    return [rule.finding(Target("全站"), "", count=len(columns), limit=limit, names=names)]


def column_of_url(url: str) -> str:
    """The audit column a site path belongs to ('' when none)."""
    parts = url.strip("/").split("/")
    if parts[0] in ("gfxwj", "zcjd", "zcwd", "zdgz"):
        return parts[0]
    if parts[0] == "zdly" and len(parts) > 1 and parts[1]:
        return f"zdly/{parts[1]}"
    return ""


def record_target(record, label: str, page: str = "", field_name: str | None = None) -> Target:
    line, _col = where(record, field_name)
    return Target(
        label, page, getattr(record, "file", "") or "", line, getattr(record, "unit", "") or ""
    )


def doc_label(doc) -> str:
    """文号 and the short name inside 《》 (示府办发〔2023〕12号《示例县……办法》), or the title."""
    m = re.search(r"《(.+)》", doc.title)
    name = f"《{m.group(1)}》" if m else doc.title
    return f"{doc.doc_number}{name}" if doc.doc_number.strip() else name


def doc_target(doc, field_name: str | None = None, page: bool = True) -> Target:
    return record_target(doc, doc_label(doc), doc_path(doc.id) if page else "", field_name)


def interp_target(interp, field_name: str | None = None) -> Target:
    return record_target(interp, interp.title, interp_path(interp.id), field_name)


def qa_target(q, field_name: str | None = None) -> Target:
    return record_target(q, q.question, qa_path(q.id), field_name)


def site_paths(portal: Portal, docs_dir: Path | None) -> set[str]:
    """Paths the built site will serve (directory URLs end in /), known without rendering: the record,
    column and list pages, files/, and the hand-written pages in docs_dir. rendered_paths() has the rest."""
    paths = {""}  # the audit report (/jcbg/) is in the staff build only (pages.STAFF_MODULES)
    pages = [normative.INDEX, interpretation.INDEX, qa.INDEX, areas.INDEX, task_parts.INDEX]
    pages += [doc_path(d) for d in portal.documents]
    pages += [interp_path(i) for i in portal.interpretations]
    pages += [qa_path(q) for q in portal.qa]
    pages += [area_path(c.id) for c in portal.columns]
    pages += [item_path(i) for i in portal.items]
    pages += [task_parts.year_path(y) for y in portal.tasks]
    pages += [v.path for v in catalogue.views(portal)]
    for y, tasklist in portal.tasks.items():
        slugs = task_parts.dept_slugs(tasklist).values()
        pages += [task_parts.dept_index_path(y)] + [task_parts.dept_path(y, s) for s in slugs]
    paths |= {page_url(p) for p in pages}
    paths |= {p for p, _text, _name in catalogue.DATA_ALL + catalogue.DATA_IN_FORCE}
    paths |= set(portal.files)
    if docs_dir and Path(docs_dir).is_dir():
        for p in Path(docs_dir).rglob("*"):
            if p.is_file():
                rel = p.relative_to(docs_dir).as_posix()
                paths.add(page_url(rel) if rel.endswith(".md") else rel)
    return paths


def rendered_paths(portal: Portal) -> set[str]:
    """The URL of every generated page of the public site: slower, asked only when needed."""
    from ..pages import COLUMN_MODULES

    return {page_url(p.path) for m in COLUMN_MODULES for p in m.pages(portal)}


@dataclass
class Context:
    """Everything a rule family may read."""

    portal: Portal
    site_dir: Path | None = None
    docs_dir: Path | None = None
    columns: list[AuditColumn] = field(default_factory=list)
    _known: set[str] | None = field(default=None, repr=False)
    _rendered: set[str] | None = field(default=None, repr=False)

    def __post_init__(self):
        self.columns = self.columns or audit_columns(self.portal)

    @property
    def as_of(self) -> dt.date:
        return self.portal.as_of

    @property
    def records_name(self) -> str:
        """The records folder's name as staff see it (tasks_yaml in the demo), for hints."""
        return self.portal.records.root.name

    @property
    def limits(self):
        return self.portal.config.audit

    def resolves(self, site_path: str) -> bool:
        """Whether a path inside the site (gfxwj/, zdly/snbt/x/, files/a.pdf) exists: in the built site when
        one is given, else among the pages and files the build will produce."""
        path = site_path.split("#", 1)[0].split("?", 1)[0].strip().lstrip("./")
        path = path.removesuffix("index.html")
        is_file = "." in path.rsplit("/", 1)[-1]
        key = path if is_file else (path.strip("/") + "/").lstrip("/")
        if self.site_dir:
            target = Path(self.site_dir) / key
            return target.is_file() if is_file else (target / "index.html").is_file()
        if self._known is None:
            self._known = site_paths(self.portal, self.docs_dir)
        if key in self._known:
            return True
        if self._rendered is None:
            self._rendered = rendered_paths(self.portal)
        return key in self._rendered
