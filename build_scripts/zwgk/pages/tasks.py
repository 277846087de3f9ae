"""重点工作任务 (/zdgz/<year>/): the breakdown by section, with units, deadlines and status."""

from __future__ import annotations

from ..dates import parse_deadline
from ..load import iter_tasks
from ..portal import Portal
from .common import Page, a, block, esc, table, time_tag

COLUMN = "重点工作任务"
INDEX = "zdgz/index.md"


def year_path(year: int) -> str:
    return f"zdgz/{year}/index.md"


def task_state(portal: Portal, tasklist, task) -> str:
    """The status in words, with 已逾期 when the deadline has passed and the task is not done."""
    status = task.status or "未填写"
    deadline = parse_deadline(task.deadline, tasklist.year) if task.deadline else None
    if deadline and deadline.date and deadline.date < portal.as_of and task.status != "已完成":
        return f'{esc(status)}<span class="zwgk-overdue">（已逾期）</span>'
    return esc(status)


def pages(portal: Portal) -> list[Page]:
    years = sorted(portal.tasks, reverse=True)
    rows = [[a(INDEX, year_path(y), portal.tasks[y].title), str(sum(1 for _ in iter_tasks(portal.tasks[y])))]
            for y in years]
    result = [Page(INDEX, COLUMN, block(table("年度重点工作任务", ["任务分工", "任务数"], rows)),
                   column=COLUMN, column_type="重点工作任务", in_nav=True)]
    for y in years:
        tl = portal.tasks[y]
        path = year_path(y)
        body = ""
        for section in tl.sections:
            body += f"\n## {esc(section.title)}\n"
            groups = [(None, section.tasks)] + [(s, s.tasks) for s in section.subsections]
            for sub, tasks in groups:
                if not tasks:
                    continue
                rows = []
                for t in tasks:
                    evidence = "、".join(a(path, e, e) for e in t.evidence) or "—"
                    rows.append([esc(t.no), esc(t.title + "：" if t.title else "") + esc(t.requirement),
                                 esc("、".join(t.lead) or "—"), esc("、".join(t.responsible) or "—"),
                                 esc(t.deadline or "—"), task_state(portal, tl, t), esc(t.remarks or "—"), evidence])
                caption = sub.title if sub else section.title
                body += block(table(caption, ["序号", "具体要求", "牵头单位", "责任单位", "完成时限", "完成情况",
                                              "备注", "佐证"], rows, cls="zwgk-table zwgk-tasks"))
        result.append(Page(path, tl.title, body, column=COLUMN, column_type="重点工作任务", crumbs=[(COLUMN, INDEX)]))
    return result
