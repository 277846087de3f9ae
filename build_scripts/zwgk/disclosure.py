"""法定主动公开内容: the categories of 《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条, and which of a
unit's records fall under each.

Every unit's own 政府信息公开 column lists its records by these categories (国办公开办函〔2019〕61号 makes
法定主动公开内容 one of the four first-level parts). A record reaches a category in one of three ways:
its normative documents are 第二十条第（一）项; a key-area entry (items/<重点领域栏目>/) falls under the
category its column maps to (``CATEGORY_OF_COLUMN``, or ``category`` in columns.yml); or it is filed straight
under the category (items/<类别标识>/), for what no key-area column holds (行政许可, 收费, 公务员招考 …).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One category of 法定主动公开内容."""

    id: str  # pinyin initials, the folder name under items/ and in the unit's column
    title: str
    clause: str  # 第二十条第（N）项
    scope: str  # what the regulation lists under it


CATEGORIES = (
    Category("jgzn", "机构职能", "第二十条第（二）项", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    Category("gfxwj", "规范性文件", "第二十条第（一）项", "行政法规、规章和规范性文件"),
    Category("ghjh", "规划计划", "第二十条第（三）项", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    Category("tjxx", "统计信息", "第二十条第（四）项", "国民经济和社会发展统计信息"),
    Category("xzxk", "行政许可和对外管理服务", "第二十条第（五）项",
             "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    Category("xzcf", "行政处罚和行政强制", "第二十条第（六）项",
             "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
    Category("czzj", "财政预算决算", "第二十条第（七）项", "财政预算、决算信息"),
    Category("xzsf", "行政事业性收费", "第二十条第（八）项", "行政事业性收费项目及其依据、标准"),
    Category("zfcg", "政府集中采购", "第二十条第（九）项", "政府集中采购项目的目录、标准及实施情况"),
    Category("zdxm", "重大建设项目", "第二十条第（十）项", "重大建设项目的批准和实施情况"),
    Category("msbz", "民生保障", "第二十条第（十一）项", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    Category("yjgl", "应急管理", "第二十条第（十二）项", "突发公共事件的应急预案、预警信息及应对情况"),
    Category("jdjc", "监督检查", "第二十条第（十三）项",
             "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    Category("gwyzk", "公务员招考", "第二十条第（十四）项", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    Category("qtxx", "其他", "第二十条第（十五）项", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)
BY_ID = {c.id: c for c in CATEGORIES}
# the 26 standard key areas (columns.yml of the demo) → the category their entries fall under
CATEGORY_OF_COLUMN = {
    "zdjsxm": "zdxm", "ggzyjy": "zfcg", "czyjs": "czzj", "aqsc": "jdjc", "ssgl": "qtxx", "zdbc": "qtxx",
    "fwzs": "qtxx", "ncwfgz": "msbz", "sthj": "jdjc", "ggwhfw": "qtxx", "ggflfw": "qtxx", "xczx": "msbz",
    "jz": "yjgl", "spypjg": "jdjc", "cszhzf": "xzcf", "jycy": "msbz", "shbx": "msbz", "shjz": "msbz",
    "ylfw": "msbz", "hjgl": "xzxk", "snbt": "msbz", "ywjy": "msbz", "ylws": "msbz", "zrzy": "qtxx",
    "bzxzf": "msbz", "szfw": "qtxx",
}


def category_of(column_id: str, columns) -> str | None:
    """The category of an item filed under column_id: a category itself, columns.yml's choice, or the default."""
    if column_id in BY_ID:
        return column_id
    for c in columns:
        if c.id == column_id and getattr(c, "category", ""):
            return c.category
    return CATEGORY_OF_COLUMN.get(column_id, "qtxx" if column_id else None)


def unit_records(portal, unit_id: str) -> dict[str, list]:
    """A unit's published records by category id (every category present, perhaps empty), newest first (its
    documents in force first, Portal.in_force_first).
    机构职能 holds no records: it comes from the unit's own data (functions, leaders, contacts)."""
    out: dict[str, list] = {c.id: [] for c in CATEGORIES}
    out["gfxwj"] = [d for d in portal.in_force_first(portal.documents_newest_first()) if (d.unit or "") == unit_id]
    for item in portal.items:
        if (item.unit or "") == unit_id:
            out.setdefault(category_of(item.column, portal.columns), []).append(item)
    for key in out:
        if key != "gfxwj":
            out[key].sort(key=lambda i: (i.published or dt.date.min, i.id), reverse=True)
    return out


def latest_update(portal, unit_id: str) -> dt.date | None:
    """The newest publication date among a unit's published records (documents, interpretations, Q&A, items)."""
    dates = [d.published for d in portal.documents.values() if (d.unit or "") == unit_id]
    dates += [i.published for i in portal.interpretations.values() if (i.unit or "") == unit_id]
    dates += [q.updated for q in portal.qa.values() if (q.unit or "") == unit_id]
    dates += [i.published for i in portal.items if (i.unit or "") == unit_id and i.published]
    return max(dates, default=None)
