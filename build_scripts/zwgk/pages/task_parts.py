"""The pieces of the 重点工作任务 pages: paths, overdue, and a task as a card with units and evidence."""

from __future__ import annotations

from ..dates import DateFormatError, format_cn, parse_date, parse_deadline
from ..load import iter_tasks
from ..portal import Portal
from ..records import TaskStatus
from . import catalogue
from ..units import find_unit
from .common import a, esc, item_path, page_url, rel, stable_slugs, unit_page

COLUMN = "重点工作任务"
INDEX = "zdgz/index.md"
STATUSES = (*TaskStatus.__args__, "未填写")
STATUS_SLUGS = {
    "未开始": "todo",
    "推进中": "doing",
    "持续推进": "ongoing",
    "需优化完善": "improve",
    "已完成": "done",
    "未填写": "unknown",
}


def year_path(year: int) -> str:
    return f"zdgz/{year}/index.md"


def dept_index_path(year: int) -> str:
    return f"zdgz/{year}/dept/index.md"


def dept_path(year: int, slug: str) -> str:
    return f"zdgz/{year}/dept/{slug}/index.md"


def numbered_tasks(tasklist):
    """(anchor, section, subsection, task) in document order; the anchor is stable for the same list."""
    return [(f"task-{n}", s, sub, t) for n, (s, sub, t) in enumerate(iter_tasks(tasklist), 1)]


def dept_slugs(tasklist) -> dict[str, str]:
    return stable_slugs(
        u for _, _, _, t in numbered_tasks(tasklist) for u in [*t.lead, *t.responsible, *t.guide]
    )


def is_overdue(portal: Portal, tasklist, task) -> bool:
    """Past its deadline as of the build date and not 已完成 (standing commitments never are)."""
    deadline = parse_deadline(task.deadline, tasklist.year) if task.deadline else None
    return bool(
        deadline and deadline.date and deadline.date < portal.as_of and task.status != "已完成"
    )


def task_state(portal: Portal, tasklist, task) -> str:
    """The status in words, with 已逾期 when the deadline has passed and the task is not done."""
    status = task.status or "未填写"
    text = f'<span class="zwgk-status zwgk-status--{STATUS_SLUGS[status]}">{esc(status)}</span>'
    if is_overdue(portal, tasklist, task):
        text += '<strong class="zwgk-overdue">（已逾期）</strong>'
    return text


def deadline_text(task) -> str:
    """A plain date in Chinese (2023年6月30日); a phrase (年底前, 持续推进) as written."""
    if not task.deadline:
        return "—"
    try:
        return esc(format_cn(parse_date(task.deadline)))
    except DateFormatError:
        return esc(task.deadline)


def units(from_path: str, year: int, names, slugs, platform=None) -> str:
    """Each unit named links to its tasks; a unit of the platform (units.find_unit: 全称 or 简称) also to its
    政府信息公开 column."""

    def one(name: str) -> str:
        html = a(from_path, dept_path(year, slugs[name]), name)
        unit = find_unit(name, platform or {})
        if unit is not None:
            html += (f'<span class="zwgk-unit-link">（<a href="{esc(rel(from_path, unit_page(unit)))}" '
                     f'aria-label="{esc(unit.name)}政府信息公开专栏">专栏</a>）</span>')
        return html

    return "、".join(one(n) for n in names) or "—"


GENERATED = (
    "gfxwj",
    "zcjd",
    "zcwd",
    "zdly",
    "zdgz",
)  # folders whose every page the portal generates


def evidence_titles(portal: Portal) -> dict[str, str]:
    """Site path → page title for the generated pages, so evidence links read as titles."""
    titles = {
        "": "首页",
        "gfxwj/": "规范性文件库",
        "gfxwj/xxyx/": "现行有效规范性文件目录",
        "zcjd/": "政策解读",
        "zcwd/": "政策问答库",
        "zdly/": "重点领域",
        "zdgz/": COLUMN,
    }
    titles.update({page_url(v.path): v.title for v in catalogue.views(portal)})
    titles.update({f"gfxwj/{d.id}/": d.title for d in portal.documents.values()})
    titles.update({f"zcjd/{i.id}/": i.title for i in portal.interpretations.values()})
    titles.update({f"zcwd/{q.id}/": q.question for q in portal.qa.values()})
    titles.update({f"zdly/{c.id}/": c.title for c in portal.columns})
    titles.update({page_url(item_path(i)): i.title for i in portal.items})
    for year, tasklist in portal.tasks.items():
        titles[page_url(year_path(year))] = tasklist.title
        titles[page_url(dept_index_path(year))] = f"{year}年重点工作任务：按部门查看"
        titles.update(
            {page_url(dept_path(year, slug)): unit for unit, slug in dept_slugs(tasklist).items()}
        )
    return titles


def evidence_links(from_path: str, task, titles: dict[str, str]) -> str:
    """Evidence as links titled by their page; a path inside a generated column that names no page is not
    linked but marked, so a citizen meets no dead link (the audit reports it)."""
    links = []
    for target in task.evidence:
        key = target if "." in target.rsplit("/", 1)[-1] else (target.strip("/") + "/").lstrip("/")
        if key not in titles and key.split("/")[0] in GENERATED:
            links.append(f'{esc(target)}<span class="zwgk-flag">（页面不存在）</span>')
        else:
            links.append(f'<a href="{esc(rel(from_path, key))}">{esc(titles.get(key, target))}</a>')
    return "<br>".join(links) or "—"


def task_card(
    portal: Portal,
    tasklist,
    anchor: str,
    task,
    from_path: str,
    slugs,
    titles,
    extra: str = "",
    level: int = 3,
) -> str:
    """One task as a titled block (heading `level`) with its fields in a definition list (reads well on a phone)."""
    label = f"{task.no}．" if task.no else ""
    name = task.title or (task.requirement[:30] + ("……" if len(task.requirement) > 30 else ""))
    fields = [
        ("具体要求", esc(task.requirement)),
        ("牵头单位", units(from_path, tasklist.year, task.lead, slugs, portal.units)),
        ("责任单位", units(from_path, tasklist.year, task.responsible, slugs, portal.units)),
    ]
    if task.guide:
        fields.append(("指导单位", units(from_path, tasklist.year, task.guide, slugs, portal.units)))
    fields += [
        ("完成时限", deadline_text(task)),
        ("完成情况", task_state(portal, tasklist, task)),
        ("备注", esc(task.remarks or "—")),
        ("佐证", evidence_links(from_path, task, titles)),
    ]
    overdue = " zwgk-task--overdue" if is_overdue(portal, tasklist, task) else ""
    dl = "".join(
        f'<div class="zwgk-task__field"><dt>{esc(k)}</dt><dd>{v}</dd></div>' for k, v in fields
    )
    return (
        f'<section class="zwgk-task{overdue}" id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h{level} class="zwgk-task__title" id="{anchor}-h">{esc(label)}{esc(name)}</h{level}>{extra}'
        f'<dl class="zwgk-task__fields">{dl}</dl></section>'
    )
