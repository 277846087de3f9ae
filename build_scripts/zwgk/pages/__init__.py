"""Render a Portal into pages ({source path: Markdown}); one module per column."""

from __future__ import annotations

import json
import re

from ..portal import Portal
from ..records import QA, Interpretation, Item, NormativeDocument
from . import (
    areas,
    catalogue,
    home,
    interpretation,
    lifecycle,
    normative,
    qa,
    report,
    staff,
    task_depts,
    tasks,
    units,
    wzdt,
)
from . import versions
from . import annual, standards
from . import participation  # 公众参与 (#16)
from .common import Page, esc, page_url

COLUMN_MODULES = (home, catalogue, normative, versions, interpretation, qa, participation, areas, standards, units, annual, tasks, task_depts, lifecycle, wzdt)
STAFF_MODULES = (staff, report)  # the staff build (zwgk build --staff) only: never in the public site
STAFF_ONLY = (report.INDEX,)  # their pages the public site has not (the staff home replaces the public one)


def render_pages(portal: Portal) -> list[Page]:
    """Every generated page of the public site."""
    return lifecycle.with_change_logs(portal, [page for module in COLUMN_MODULES for page in module.pages(portal)])


def render_staff_pages(portal: Portal) -> list[Page]:
    """The generated pages of the staff build: its home page and the audit report."""
    return [page for module in STAFF_MODULES for page in module.pages(portal)]


def record_pages(portal: Portal, records) -> list[Page]:
    """The pages of these published records themselves, exactly as render_pages makes them (not the lists
    that show them): what the preview shows first after a record is saved (zwgk.site)."""
    own = {NormativeDocument: normative.document_page, Interpretation: interpretation.interpretation_page,
           QA: qa.qa_page, Item: areas.item_page}
    published = {id(r) for r in [*portal.documents.values(), *portal.interpretations.values(),
                                 *portal.qa.values(), *portal.items]}
    pages = [own[type(r)](portal, r) for r in records if type(r) in own and id(r) in published]
    return lifecycle.with_change_logs(portal, pages)


def to_markdown(page: Page, portal: Portal) -> str:
    """A page as Markdown with front matter carrying its meta tags and breadcrumb."""
    meta = {
        "title": esc(page.title),
        "zwgk": {
            "column": page.column,
            "column_type": page.column_type,
            "published": page.published.isoformat() if page.published else "",
            "description": page.description or page.title,
            "keywords": "，".join(page.keywords),
            "source": page.source or portal.config.agency,
            "crumbs": [{"title": esc(t), "url": page_url(p)} for t, p in page.crumbs],
            "search": page.search,
            **({"redirect": page.redirect} if page.redirect else {}),
        },
    }
    # JSON is YAML (a flow mapping of double-quoted strings): MkDocs reads it back as the same meta, and
    # writing it takes a tenth of the time PyYAML's representer does, per page of 20,000
    front = _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(meta, ensure_ascii=False))
    return f'---\n{front}\n---\n\n<h1 class="zwgk-title">{esc(page.title)}</h1>\n{page.body}\n'


# what YAML does not take as it is inside a double-quoted string (its line breaks and non-printable
# characters), written as a \u escape, which YAML and JSON read alike
_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
