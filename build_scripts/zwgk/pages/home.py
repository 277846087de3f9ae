"""The home page: the portal's name, an entry to each column with its count, the newest entries."""

from __future__ import annotations

from ..portal import Portal
from .areas import item_path
from .common import Page, a, block, esc, time_tag
from .normative import doc_path

PATH = "index.md"


def pages(portal: Portal) -> list[Page]:
    entries = [("规范性文件库", "gfxwj/index.md", len(portal.documents)),
               ("政策解读", "zcjd/index.md", len(portal.interpretations)),
               ("政策问答库", "zcwd/index.md", len(portal.qa)),
               ("重点领域", "zdly/index.md", len(portal.items)),
               ("重点工作任务", "zdgz/index.md", sum(len(list(_tasks(t))) for t in portal.tasks.values()))]
    cards = "".join(f'<li class="zwgk-entry">{a(PATH, p, t)}<span class="zwgk-entry__count">{n} 条</span></li>'
                    for t, p, n in entries)
    newest = [(d.published, d.title, doc_path(d.id)) for d in portal.documents.values()]
    newest += [(i.published, i.title, item_path(i)) for i in portal.items if i.published]
    newest.sort(key=lambda e: (e[0], e[1]), reverse=True)
    latest = "".join(f"<li>{a(PATH, p, t)} {time_tag(d)}</li>" for d, t, p in newest[:10])
    body = block(f'<ul class="zwgk-entries">{cards}</ul>')
    body += "\n## 最新信息\n" + block(f'<ul class="zwgk-latest">{latest}</ul>')
    return [Page(PATH, portal.config.name + "政务公开", body, column="首页", column_type="首页", in_nav=True)]


def _tasks(tasklist):
    from ..load import iter_tasks

    return iter_tasks(tasklist)
