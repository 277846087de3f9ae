"""重点工作任务 (/zdgz/<year>/): the breakdown by section and subsection, status counts and a chart."""

from __future__ import annotations

from collections import Counter

from ..charts import bar_chart
from ..dates import DateFormatError, format_cn, parse_date, parse_deadline
from ..load import iter_tasks
from ..portal import Portal
from ..records import TaskStatus
from . import catalogue
from .common import Page, a, block, esc, feed_path, heading, open_data, page_url, rel, stable_slugs, table

COLUMN = "重点工作任务"
INDEX = "zdgz/index.md"
STATUSES = (*TaskStatus.__args__, "未填写")
STATUS_SLUGS = {"未开始": "todo", "推进中": "doing", "持续推进": "ongoing", "需优化完善": "improve",
                "已完成": "done", "未填写": "unknown"}


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
    return stable_slugs(u for _, _, _, t in numbered_tasks(tasklist) for u in [*t.lead, *t.responsible, *t.guide])


def is_overdue(portal: Portal, tasklist, task) -> bool:
    """Past its deadline as of the build date and not 已完成 (standing commitments never are)."""
    deadline = parse_deadline(task.deadline, tasklist.year) if task.deadline else None
    return bool(deadline and deadline.date and deadline.date < portal.as_of and task.status != "已完成")


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


def units(from_path: str, year: int, names, slugs) -> str:
    return "、".join(a(from_path, dept_path(year, slugs[n]), n) for n in names) or "—"


GENERATED = ("gfxwj", "zcjd", "zcwd", "zdly", "zdgz")  # folders whose every page the portal generates


def evidence_titles(portal: Portal) -> dict[str, str]:
    """Site path → page title for the generated pages, so evidence links read as titles."""
    titles = {"": "首页", "gfxwj/": "规范性文件库", "gfxwj/xxyx/": "现行有效规范性文件目录", "zcjd/": "政策解读",
              "zcwd/": "政策问答库", "zdly/": "重点领域", "zdgz/": COLUMN}
    titles.update({page_url(v.path): v.title for v in catalogue.views(portal)})
    titles.update({f"gfxwj/{d.id}/": d.title for d in portal.documents.values()})
    titles.update({f"zcjd/{i.id}/": i.title for i in portal.interpretations.values()})
    titles.update({f"zcwd/{q.id}/": q.question for q in portal.qa.values()})
    titles.update({f"zdly/{c.id}/": c.title for c in portal.columns})
    titles.update({f"zdly/{i.column}/{i.id}/": i.title for i in portal.items})
    for year, tasklist in portal.tasks.items():
        titles[page_url(year_path(year))] = tasklist.title
        titles[page_url(dept_index_path(year))] = f"{year}年重点工作任务：按部门查看"
        titles.update({page_url(dept_path(year, slug)): unit for unit, slug in dept_slugs(tasklist).items()})
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


def task_card(portal: Portal, tasklist, anchor: str, task, from_path: str, slugs, titles, extra: str = "") -> str:
    """One task as a titled block with its fields in a definition list (reads well on a phone)."""
    label = f"{task.no}．" if task.no else ""
    name = task.title or (task.requirement[:30] + ("……" if len(task.requirement) > 30 else ""))
    fields = [("具体要求", esc(task.requirement)),
              ("牵头单位", units(from_path, tasklist.year, task.lead, slugs)),
              ("责任单位", units(from_path, tasklist.year, task.responsible, slugs))]
    if task.guide:
        fields.append(("指导单位", units(from_path, tasklist.year, task.guide, slugs)))
    fields += [("完成时限", deadline_text(task)), ("完成情况", task_state(portal, tasklist, task)),
               ("备注", esc(task.remarks or "—")), ("佐证", evidence_links(from_path, task, titles))]
    overdue = " zwgk-task--overdue" if is_overdue(portal, tasklist, task) else ""
    dl = "".join(f'<div class="zwgk-task__field"><dt>{esc(k)}</dt><dd>{v}</dd></div>' for k, v in fields)
    return (f'<section class="zwgk-task{overdue}" id="{anchor}" aria-labelledby="{anchor}-h">'
            f'<h4 class="zwgk-task__title" id="{anchor}-h">{esc(label)}{esc(name)}</h4>{extra}'
            f'<dl class="zwgk-task__fields">{dl}</dl></section>')


def status_summary(portal: Portal, tasklist, chart_id: str) -> str:
    """Counts per status as a table and a static SVG chart, and the number overdue."""
    tasks = [t for _, _, _, t in numbered_tasks(tasklist)]
    counts = Counter(t.status or "未填写" for t in tasks)
    shown = [s for s in STATUSES if counts[s] or s != "未填写"]
    overdue = sum(1 for t in tasks if is_overdue(portal, tasklist, t))
    chart = bar_chart(chart_id, f"{tasklist.year}年任务完成情况", [(s, counts[s]) for s in shown], unit="项",
                      classes=[f"zwgk-chart__bar--{STATUS_SLUGS[s]}" for s in shown])
    rows = [[esc(s), str(counts[s])] for s in shown] + [["合计", str(len(tasks))]]
    return (f'<div class="zwgk-summary">{table("任务完成情况统计", ["完成情况", "任务数"], rows)}{chart}</div>'
            f'<p class="zwgk-summary__overdue">截至{esc(format_cn(portal.as_of))}，已逾期未完成的任务 '
            f"<strong>{overdue}</strong> 项（在下表“完成情况”中标注“已逾期”）。</p>")


def year_page(portal: Portal, tasklist, titles) -> Page:
    path = year_path(tasklist.year)
    slugs = dept_slugs(tasklist)
    intro = f"<p>{esc(tasklist.title)}" + (f"（{esc(tasklist.source)}）" if tasklist.source else "") + "。</p>"
    body = block(intro) + heading(2, "完成情况") + block(status_summary(portal, tasklist, f"zdgz-{tasklist.year}"))
    body += block(f'<p class="zwgk-lead">{a(path, dept_index_path(tasklist.year), "按部门查看任务")}</p>')
    anchors = {id(t): anchor for anchor, _, _, t in numbered_tasks(tasklist)}

    def cards(tasks):
        html = "".join(task_card(portal, tasklist, anchors[id(t)], t, path, slugs, titles) for t in tasks)
        return block(f'<div class="zwgk-tasks">{html}</div>') if html else ""

    for section in tasklist.sections:
        body += heading(2, section.title) + cards(section.tasks)
        for sub in section.subsections:
            body += heading(3, sub.title) + cards(sub.tasks)
    return Page(path, tasklist.title, body, column=COLUMN, column_type=COLUMN, crumbs=[(COLUMN, INDEX)],
                description=tasklist.title, search={"栏目": COLUMN, "年份": str(tasklist.year)})


def pages(portal: Portal) -> list[Page]:
    years = sorted(portal.tasks, reverse=True)
    rows = []
    for y in years:
        tl = portal.tasks[y]
        tasks = [t for _, _, _, t in numbered_tasks(tl)]
        done = sum(1 for t in tasks if t.status == "已完成")
        overdue = sum(1 for t in tasks if is_overdue(portal, tl, t))
        rows.append([a(INDEX, year_path(y), tl.title), str(len(tasks)), str(done), str(overdue)])
    body = block("<p>本栏目公开年度政务公开重点工作任务分工及落实情况，逾期按"
                 f"{esc(format_cn(portal.as_of))}计算。</p>")
    body += block(open_data(INDEX, [(feed_path("zdgz"), "订阅本栏目更新（Atom）", "")]))
    body += block(table("年度重点工作任务", ["任务分工", "任务数", "已完成", "已逾期"], rows)
                  if rows else '<p class="zwgk-empty">暂无任务分工。</p>')
    result = [Page(INDEX, COLUMN, body, column=COLUMN, column_type=COLUMN, in_nav=True,
                   description=f"{portal.config.name}政务公开重点工作任务")]
    titles = evidence_titles(portal)
    return result + [year_page(portal, portal.tasks[y], titles) for y in years]

