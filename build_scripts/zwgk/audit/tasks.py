"""Rule 8: tasks of the annual breakdown are done on time, have a unit, and their evidence exists."""

from __future__ import annotations

from ..dates import format_cn, parse_deadline
from ..pages.task_parts import is_overdue, year_path
from ..portal import iter_tasks
from ..yamlnodes import where
from .inventory import Context
from .model import Finding, Rule, Target
from .sources import TASKS

OVERDUE = Rule(
    "R8.1",
    "任务逾期未完成",
    "warning",
    TASKS,
    "完成时限“{deadline}”（{date}）已过，截至 {as_of} 完成情况为“{status}”",
    "完成后把 status 改为“已完成”并补充佐证链接；确需延期的，在 remarks 中说明原因",
)
NO_UNIT = Rule(
    "R8.2",
    "任务没有落实单位",
    "warning",
    TASKS,
    "任务没有填写任何落实单位（牵头单位、责任单位、指导单位均为空）",
    "按任务分工原文在 lead（牵头单位）或 responsible（责任单位）中填写；原表只列责任单位的，只填 responsible 即可",
)
BAD_EVIDENCE = Rule(
    "R8.3",
    "佐证链接无效",
    "error",
    TASKS,
    "佐证链接“{path}”在网站中找不到对应的页面或文件",
    "改为网站内实际存在的页面路径，如 gfxwj/ 或 zdly/snbt/，或先发布佐证信息",
)
RULES = (OVERDUE, NO_UNIT, BAD_EVIDENCE)


def task_label(tasklist, task) -> str:
    name = task.title or (task.requirement[:24] + ("…" if len(task.requirement) > 24 else ""))
    return f"{tasklist.year}年任务分工 第{task.no or '?'}项 {name}"


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    for year in sorted(portal.tasks):
        tasklist = portal.tasks[year]
        page = year_path(year)
        for _section, _sub, task in iter_tasks(tasklist):
            label = task_label(tasklist, task)

            def target(field_name=None, task=task, label=label):
                line = where(task, field_name)[0] if field_name else task.line or where(task)[0]
                return Target(label, page, tasklist.file, line)  # noqa: B023  (page, tasklist: this year's)

            if is_overdue(portal, tasklist, task):
                deadline = parse_deadline(task.deadline, year)
                found.append(
                    OVERDUE.finding(
                        target("deadline"),
                        "zdgz",
                        deadline=task.deadline,
                        date=format_cn(deadline.date),
                        as_of=portal.as_of.isoformat(),
                        status=task.status or "未填写",
                    )
                )
            if not task.units():
                found.append(NO_UNIT.finding(target(), "zdgz"))
            for path in task.evidence:
                if not ctx.resolves(path):
                    found.append(BAD_EVIDENCE.finding(target("evidence"), "zdgz", path=path))
    return found
