"""网站地图 (/wzdt/): every column of the site and every unit's column, linked from the footer of every page.

政府网站发展指引（国办发〔2017〕47号）lists a 网站地图 among what a government site offers; it lists columns,
not records (those are in each column's list). The units' columns are linked by their addresses
(units.unit_dir): the pages themselves come from pages/units.py.
"""

from __future__ import annotations

from ..portal import Portal
from ..units import KIND_ORDER, ROOT
from . import areas, interpretation, normative, qa, task_parts
from .common import DIRECTORY, DISCLOSURE, Page, a, block, feed_path, heading, unit_page

PATH = "wzdt/index.md"
TITLE = "网站地图"
# each unit's column: (title, page inside the unit's folder); the county government's 指南, 制度 and 年报 are
# the hand-written pages of content/xxgk/
UNIT_PARTS = (("政府信息公开指南", "zn.md"), ("政府信息公开制度", "zd.md"), ("法定主动公开内容", DISCLOSURE),
              ("政府信息公开年报", "ndbg.md"), ("规范性文件库", "gfxwj/index.md"))
COUNTY_PARTS = (("政府信息公开指南", "xxgk/index.md"), ("政府信息公开制度", "xxgk/zd.md"),
                ("法定主动公开内容", f"xxgk/{DISCLOSURE}"), ("政府信息公开年报", "xxgk/ndbg.md"),
                ("规范性文件", "xxgk/gfxwj/index.md"))
# the staff pages (audit report, guides) are in the staff build only (pages/staff.py), not on this map
SITE_PAGES = (("站内搜索", "search.md"), ("无障碍声明", "wza.md"), ("订阅全站更新（Atom）", feed_path()))


def _li(title: str, to: str, children: list[tuple[str, str]] = ()) -> str:
    inner = "".join(_li(t, p) for t, p in children)
    return f"<li>{a(PATH, to, title)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>"


def _list(items: list[str]) -> str:
    return block(f'<ul class="zwgk-sitemap">{"".join(items)}</ul>')


def unit_parts(unit) -> list[tuple[str, str]]:
    """The pages of a unit's own 政府信息公开 column, by title."""
    if unit.id == ROOT:
        return list(COUNTY_PARTS)
    return [(title, unit_page(unit, name)) for title, name in UNIT_PARTS]


def pages(portal: Portal) -> list[Page]:
    columns = [
        _li("首页", "index.md"),
        _li(normative.COLUMN, normative.INDEX, [("现行有效规范性文件目录", "gfxwj/xxyx/index.md")]),
        _li(interpretation.COLUMN, interpretation.INDEX),
        _li(qa.COLUMN + "库", qa.INDEX),
        _li(areas.COLUMN, areas.INDEX, [(c.title, f"zdly/{c.id}/index.md") for c in portal.columns]),
        _li(task_parts.COLUMN, task_parts.INDEX,
            [(f"{year}年度", task_parts.year_path(year)) for year in sorted(portal.tasks, reverse=True)]),
        _li("政府信息公开", "xxgk/index.md", list(COUNTY_PARTS[1:])),
        _li("部门和乡镇", DIRECTORY),
    ]
    body = block(f"<p>本站全部栏目和各单位的政府信息公开专栏。查找具体信息可使用{a(PATH, 'search.md', '站内搜索')}。</p>")
    body += heading(2, "政务公开栏目", "lm") + _list(columns)
    units = [u for u in portal.units.values() if u.id != ROOT]
    if units:
        body += heading(2, "部门和乡镇", "dw")
        for kind in KIND_ORDER:
            group = sorted((u for u in units if u.kind == kind), key=lambda u: u.id)
            if group:
                body += heading(3, kind) + _list([_li(u.name, unit_page(u), unit_parts(u)) for u in group])
    body += heading(2, "网站信息", "wz") + _list([_li(t, p) for t, p in SITE_PAGES])
    return [Page(PATH, TITLE, body, column=TITLE, column_type="其他", description=f"{portal.config.name}网站地图")]
