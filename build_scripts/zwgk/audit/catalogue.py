"""Rule 15: the site checked against its own 基层政务公开标准目录 (catalogues/<column>.yml, zwgk.standards); a
unit's own catalogue (units/<id>/catalogues/<column>.yml) against that unit's own published records.

A 主动 事项 with nothing published is the "两张皮" of the national guidelines (a catalogue that the site does not
fulfil); a 事项 whose 公开时限 is periodic is overdue when its newest record is older than that period; a record
published later than a 公开时限 counted from its forming (信息形成或者变更之日起20个工作日内) is late.
"""

from __future__ import annotations

from ..dates import format_cn
from ..pages.standards import page_of
from ..standards import entry_column, entry_records, formed_on, late_by, period_months, time_limit
from ..yamlnodes import where
from .inventory import Context
from .model import Finding, Rule, Source, Target
from .sources import OPENNESS_RULES
from .stale import months_before

CATALOGUE = Source(
    f"国务院办公厅《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）（编制公开标准目录，"
    f"杜绝“两张皮”）；{OPENNESS_RULES}；各领域基层政务公开标准指引"
)
UNFULFILLED = Rule(
    "R15.1",
    "标准目录事项无信息",
    "error",
    CATALOGUE,
    "标准目录“{catalogue}”的事项“{item}”在“{column}”栏目中没有{whose}已发布的信息（两张皮）",
    "按目录发布这一事项的信息；信息发在别的栏目或标题不含关键词的，改正目录中该事项的 column 或 keywords",
)
OVERDUE = Rule(
    "R15.2",
    "标准目录事项逾期未更新",
    "warning",
    CATALOGUE,
    "标准目录“{catalogue}”的事项“{item}”公开时限为“{deadline}”，最近一条信息发布于{latest}，已超过{months}个月",
    "按目录的公开时限发布这一事项的新信息",
)
LATE = Rule(
    "R15.3",
    "标准目录事项信息公开超时",
    "warning",
    CATALOGUE,
    "“{title}”属于标准目录事项“{item}”，信息形成于{formed}，{published}才公开，用了{took}{unit}，超过公开时限“{deadline}”",
    "按目录的公开时限及时公开；形成日期填错的，改正该信息的 formed（规范性文件为成文日期 written）",
)
RULES = (UNFULFILLED, OVERDUE, LATE)


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    for catalogue in portal.records.catalogues.values():
        for entry in catalogue.entries:
            name = "—".join(x for x in (entry.first, entry.second) if x)
            target = Target(f"{catalogue.title}：{name}", page_of(portal, catalogue), catalogue.file,
                            where(entry, None)[0], catalogue.unit or "")
            records = entry_records(portal, catalogue, entry)
            column = entry_column(catalogue, entry)
            if not records:
                if entry.mode == "主动":
                    whose = portal.units[catalogue.unit].name if catalogue.unit else "任何"
                    found.append(UNFULFILLED.finding(target, column, catalogue=catalogue.title, item=name,
                                                     column=column, whose=whose))
                continue
            for _day, title, record in records:
                late = late_by(entry, record)
                if late:
                    found.append(LATE.finding(target, column, title=title, item=name,
                                              formed=format_cn(formed_on(record)),
                                              published=format_cn(record.published), took=late[0],
                                              unit="个工作日" if time_limit(entry)[1] else "天",
                                              deadline=entry.deadline))
            months = period_months(entry)
            latest = records[0][0]
            if months and (latest is None or latest < months_before(ctx.as_of, months)):
                found.append(OVERDUE.finding(target, column, catalogue=catalogue.title, item=name,
                                             deadline=entry.deadline, latest=format_cn(latest) if latest else "未填",
                                             months=months))
    return found
