"""重点工作任务 (/zdgz/<year>/): the breakdown by section and subsection, status counts and a chart."""

from __future__ import annotations

from collections import Counter

from ..charts import bar_chart
from ..dates import format_cn
from ..portal import Portal
from .common import Page, a, block, esc, feed_path, heading, open_data, table
from .task_parts import (
    COLUMN,
    INDEX,
    STATUS_SLUGS,
    STATUSES,
    dept_index_path,
    dept_path,
    dept_slugs,
    evidence_titles,
    is_overdue,
    numbered_tasks,
    task_card,
    year_path,
)

# The task paths and helpers live in task_parts; re-exported for callers of zwgk.pages.tasks (audit).
__all__ = [
    "COLUMN",
    "INDEX",
    "year_path",
    "dept_index_path",
    "dept_path",
    "dept_slugs",
    "is_overdue",
    "numbered_tasks",
    "status_summary",
    "year_page",
    "pages",
]


def status_summary(portal: Portal, tasklist, chart_id: str) -> str:
    """Counts per status as a table and a static SVG chart, and the number overdue."""
    tasks = [t for _, _, _, t in numbered_tasks(tasklist)]
    counts = Counter(t.status or "未填写" for t in tasks)
    shown = [s for s in STATUSES if counts[s] or s != "未填写"]
    overdue = sum(1 for t in tasks if is_overdue(portal, tasklist, t))
    chart = bar_chart(
        chart_id,
        f"{tasklist.year}年任务完成情况",
        [(s, counts[s]) for s in shown],
        unit="项",
        classes=[f"zwgk-chart__bar--{STATUS_SLUGS[s]}" for s in shown],
    )
    rows = [[esc(s), str(counts[s])] for s in shown] + [["合计", str(len(tasks))]]
    return (
        f'<div class="zwgk-summary">{table("任务完成情况统计", ["完成情况", "任务数"], rows)}{chart}</div>'
        f'<p class="zwgk-summary__overdue">截至{esc(format_cn(portal.as_of))}，已逾期未完成的任务 '
        f"<strong>{overdue}</strong> 项（在下表“完成情况”中标注“已逾期”）。</p>"
    )


def year_page(portal: Portal, tasklist, titles) -> Page:
    path = year_path(tasklist.year)
    slugs = dept_slugs(tasklist)
    intro = (
        f"<p>{esc(tasklist.title)}"
        + (f"（{esc(tasklist.source)}）" if tasklist.source else "")
        + "。</p>"
    )
    body = (
        block(intro)
        + heading(2, "完成情况")
        + block(status_summary(portal, tasklist, f"zdgz-{tasklist.year}"))
    )
    body += block(
        f'<p class="zwgk-lead">{a(path, dept_index_path(tasklist.year), "按部门查看任务")}</p>'
    )
    anchors = {id(t): anchor for anchor, _, _, t in numbered_tasks(tasklist)}

    def cards(tasks, level):
        html = "".join(
            task_card(portal, tasklist, anchors[id(t)], t, path, slugs, titles, level=level)
            for t in tasks
        )
        return block(f'<div class="zwgk-tasks">{html}</div>') if html else ""

    for section in tasklist.sections:
        body += heading(2, section.title) + cards(section.tasks, 3)
        for sub in section.subsections:
            body += heading(3, sub.title) + cards(sub.tasks, 4)
    return Page(
        path,
        tasklist.title,
        body,
        column=COLUMN,
        column_type=COLUMN,
        crumbs=[(COLUMN, INDEX)],
        description=tasklist.title,
        search={"栏目": COLUMN, "年份": str(tasklist.year)},
    )


def pages(portal: Portal) -> list[Page]:
    years = sorted(portal.tasks, reverse=True)
    rows = []
    for y in years:
        tl = portal.tasks[y]
        tasks = [t for _, _, _, t in numbered_tasks(tl)]
        done = sum(1 for t in tasks if t.status == "已完成")
        overdue = sum(1 for t in tasks if is_overdue(portal, tl, t))
        rows.append([a(INDEX, year_path(y), tl.title), str(len(tasks)), str(done), str(overdue)])
    body = block(
        "<p>本栏目公开年度政务公开重点工作任务分工及落实情况，逾期按"
        f"{esc(format_cn(portal.as_of))}计算。</p>"
    )
    body += block(open_data(INDEX, [(feed_path("zdgz"), "订阅本栏目更新（Atom）", "")]))
    body += block(
        table("年度重点工作任务", ["任务分工", "任务数", "已完成", "已逾期"], rows)
        if rows
        else '<p class="zwgk-empty">暂无任务分工。</p>'
    )
    result = [
        Page(
            INDEX,
            COLUMN,
            body,
            column=COLUMN,
            column_type=COLUMN,
            in_nav=True,
            description=f"{portal.config.name}政务公开重点工作任务",
        )
    ]
    titles = evidence_titles(portal)
    return result + [year_page(portal, portal.tasks[y], titles) for y in years]
