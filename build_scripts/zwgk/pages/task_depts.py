"""重点工作任务 by department (/zdgz/<year>/dept/<slug>/): the tasks a unit leads and the tasks it shares."""

from __future__ import annotations

from ..dates import format_cn
from ..portal import Portal
from ..units import find_unit
from .common import Page, a, block, esc, heading, rel, table, unit_page
from .task_parts import (
    COLUMN,
    INDEX,
    dept_index_path,
    dept_path,
    dept_slugs,
    evidence_titles,
    is_overdue,
    numbered_tasks,
    task_card,
    year_path,
)


def _roles(tasklist) -> dict[str, dict[str, list]]:
    """unit → {"lead": [(anchor, task)], "shared": [(anchor, task)]} in document order."""
    roles: dict[str, dict[str, list]] = {}
    for anchor, _section, _sub, task in numbered_tasks(tasklist):
        for unit in task.lead:
            roles.setdefault(unit, {"lead": [], "shared": []})["lead"].append((anchor, task))
        for unit in dict.fromkeys([*task.responsible, *task.guide]):
            if unit not in task.lead:
                roles.setdefault(unit, {"lead": [], "shared": []})["shared"].append((anchor, task))
    return roles


def _dept_page(portal: Portal, tasklist, unit: str, role: dict, slugs, titles) -> Page:
    year = tasklist.year
    path = dept_path(year, slugs[unit])
    back = rel(path, year_path(year))
    overdue = sum(1 for _, t in role["lead"] + role["shared"] if is_overdue(portal, tasklist, t))
    body = block(
        f"<p>{esc(unit)}在{esc(tasklist.title)}中牵头 {len(role['lead'])} 项、参与 {len(role['shared'])} 项任务；"
        f"截至{esc(format_cn(portal.as_of))}，其中已逾期未完成 {overdue} 项。</p>"
    )
    found = find_unit(unit, portal.units)
    if found is not None:
        body += block(f'<p class="zwgk-lead">{a(path, unit_page(found), f"{found.name}政府信息公开专栏")}</p>')
    for label, key in (("牵头的任务", "lead"), ("参与的任务（责任单位、指导单位）", "shared")):
        body += heading(2, label)
        cards = "".join(
            task_card(
                portal,
                tasklist,
                f"{key}-{anchor}",
                task,
                path,
                slugs,
                titles,
                f'<p class="zwgk-small"><a href="{esc(back)}#{anchor}">在任务分工总表中查看</a></p>',
            )
            for anchor, task in role[key]
        )
        body += block(
            f'<div class="zwgk-tasks">{cards}</div>' if cards else '<p class="zwgk-empty">无。</p>'
        )
    return Page(
        path,
        f"{unit}：{year}年政务公开重点工作任务",
        body,
        column=COLUMN,
        column_type=COLUMN,
        crumbs=[
            (COLUMN, INDEX),
            (tasklist.title, year_path(year)),
            ("按部门查看", dept_index_path(year)),
        ],
        description=f"{unit}{year}年政务公开重点工作任务",
    )


def pages(portal: Portal) -> list[Page]:
    result = []
    titles = evidence_titles(portal)
    for year in sorted(portal.tasks, reverse=True):
        tasklist = portal.tasks[year]
        slugs, roles = dept_slugs(tasklist), _roles(tasklist)
        path = dept_index_path(year)
        rows = [
            [a(path, dept_path(year, slugs[u]), u), str(len(r["lead"])), str(len(r["shared"]))]
            for u, r in sorted(roles.items(), key=lambda kv: (-len(kv[1]["lead"]), kv[0]))
        ]
        body = block(f"<p>{esc(tasklist.title)}涉及的单位，按牵头任务数排列。</p>")
        body += block(table("按部门查看任务", ["单位", "牵头任务数", "参与任务数"], rows))
        result.append(
            Page(
                path,
                f"{year}年重点工作任务：按部门查看",
                body,
                column=COLUMN,
                column_type=COLUMN,
                crumbs=[(COLUMN, INDEX), (tasklist.title, year_path(year))],
            )
        )
        result += [_dept_page(portal, tasklist, u, r, slugs, titles) for u, r in roles.items()]
    return result
