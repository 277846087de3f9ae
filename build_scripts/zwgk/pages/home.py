"""The home page: the portal's name, the search box, an entry to each column with its count, the newest entries."""

from __future__ import annotations

from ..disclosure import BY_ID as CATEGORIES
from ..load import iter_tasks
from ..portal import Portal
from .common import (
    DIRECTORY,
    Page,
    a,
    block,
    doc_path,
    esc,
    feed_path,
    interp_path,
    item_path,
    open_data,
    qa_path,
    time_tag,
)
from .normative import listed_validity


from . import participation

PATH = "index.md"
LATEST = 12


def newest_entries(portal: Portal, records: bool = False) -> list[tuple]:
    """(date, column, title, page path) of every dated entry, newest first: the home page and the site feed;
    with records, (…, record)."""
    columns = {c.id: c.title for c in portal.columns}
    entries = [
        (d.published, "规范性文件", d.title, doc_path(d.id), d) for d in portal.documents.values()
    ]
    entries += [
        (i.published, "政策解读", i.title, interp_path(i.id), i)
        for i in portal.interpretations.values()
    ]
    entries += [(q.updated, "政策问答", q.question, qa_path(q.id), q) for q in portal.qa.values()]
    entries += [
        (i.published, columns.get(i.column) or CATEGORIES[i.column].title, i.title, item_path(i), i)
        for i in portal.items
        if i.published
    ]
    entries.sort(key=lambda e: (e[0], e[3]), reverse=True)
    return entries if records else [e[:4] for e in entries]


def search_box() -> str:
    """A plain GET form: works without script; the search UI enhances it (id zwgk-search)."""
    return (
        '<form class="zwgk-search" id="zwgk-search" role="search" action="search/" method="get">'
        '<label for="zwgk-search-q">搜索本站信息</label>'
        '<input id="zwgk-search-q" name="q" type="search" placeholder="如：低保、就业补贴" autocomplete="off">'
        '<button type="submit">搜索</button></form>'
    )


def pages(portal: Portal) -> list[Page]:
    tasks = sum(1 for t in portal.tasks.values() for _ in iter_tasks(t))
    entries = [
        (
            "规范性文件库",
            "gfxwj/index.md",
            len(portal.documents),
            "件",
            "文件全文、有效性和现行有效目录",
        ),
        (
            "政策解读",
            "zcjd/index.md",
            len(portal.interpretations),
            "篇",
            "文件出台背景、主要内容和咨询方式",
        ),
        ("政策问答库", "zcwd/index.md", len(portal.qa), "条", "按主题查找常见政策问题的答复"),
        (
            "重点领域",
            "zdly/index.md",
            len(portal.items),
            "条",
            f"{len(portal.columns)} 个标准目录领域的公开信息",
        ),
        ("重点工作任务", "zdgz/index.md", tasks, "项", "年度政务公开重点工作任务分工及进展"),
        ("部门和乡镇", DIRECTORY, len(portal.units), "个", "各部门、乡镇（街道）的政府信息公开专栏"),
    ]
    cards = "".join(
        f'<li class="zwgk-entry">{a(PATH, p, t, "zwgk-entry__link")}'
        f'<span class="zwgk-entry__count">{n} {unit}</span>'
        f'<span class="zwgk-entry__desc">{esc(desc)}</span></li>'
        for t, p, n, unit, desc in entries
    )
    # the newest entries, documents no longer (or not yet) in force after the others, each with its validity
    latest = "".join(
        f'<li><span class="zwgk-latest__column">【{esc(col)}】</span>{a(PATH, p, t)}'
        + listed_validity(portal, r, PATH)
        + f'<span class="zwgk-date">{time_tag(d)}</span></li>'
        for d, col, t, p, r in portal.in_force_first(newest_entries(portal, records=True)[:LATEST], lambda e: e[4])
    )
    body = block(f'<p class="zwgk-home__agency">主办：{esc(portal.config.agency)}</p>')
    body += block(search_box())
    body += block(f'<nav aria-label="政务公开栏目"><ul class="zwgk-entries">{cards}</ul></nav>')
    body += participation.home_block(portal, PATH)  # 正在征集意见 (#16)
    body += "\n## 最新信息\n" + block(
        f'<ul class="zwgk-latest">{latest}</ul>' if latest else "<p>暂无信息。</p>"
    )
    body += block(open_data(PATH, [(feed_path(), "订阅全站更新（Atom）", "")]))
    return [
        Page(
            PATH,
            portal.config.name + "政务公开",
            body,
            column="首页",
            column_type="首页",
            in_nav=True,
            description=f"{portal.config.name}政务公开专栏",
        )
    ]
