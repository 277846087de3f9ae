"""The 基层政务公开标准目录 of each key area as data (catalogues/<column>.yml, a unit's own under
units/<id>/catalogues/<column>.yml), and what fulfils each 事项.

A catalogue lists an area's 公开事项 as the national guidelines lay them out (一级事项, 二级事项, 公开内容（要素）,
公开依据, 公开时限, 公开主体, 公开渠道和载体, 公开对象, 公开方式, 公开层级). Each 事项 names the column that
publishes it (the catalogue's own by default) and, optionally, keywords: the column's published records whose title
holds one of them are that 事项's records. A 主动 事项 with none is the "两张皮" an inspector looks for; a 事项
whose 公开时限 is periodic (每月, 每季度, 每半年, 每年) is overdue when its newest record is older than that; one
counted from the information's forming (信息形成或者变更之日起20个工作日内) holds each record to it, from the item's
``formed`` or the document's 成文日期 (records without either are not judged).
"""

from __future__ import annotations

import datetime as dt
import re

from .disclosure import BY_ID as CATEGORIES
from .errors import Problem
from .workdays import workdays_between
from .yamlnodes import where

PERIODS = (("每月", 1), ("每季度", 3), ("每半年", 6), ("每年", 12), ("年度", 12))


def entry_column(catalogue, entry) -> str:
    return entry.column or catalogue.id


def entry_records(portal, catalogue, entry) -> list[tuple[dt.date | None, str, object]]:
    """(date, title, record) of the published records that fulfil a 事项, newest first: those it names
    (``records``, in any column) and those of its column whose title holds a keyword (every record of the
    column when it has neither). A unit's catalogue counts only that unit's own records; the county
    government's, every unit's."""
    column = entry_column(catalogue, entry)
    found = [(i.published, i.title, i) for i in portal.items_of.get(column, [])]
    found += [(d.published, d.title, d) for d in portal.documents.values() if column in d.columns]
    if catalogue.unit:
        found = [r for r in found if (r[2].unit or "") == catalogue.unit]
    if entry.keywords or entry.records:
        found = [r for r in found if any(k in r[1] for k in entry.keywords)]
    seen = {id(r[2]) for r in found}
    found += [(r.published, r.title, r) for r in named_records(portal, entry) if id(r) not in seen]
    return sorted(found, key=lambda r: (r[0] or dt.date.min, r[1]), reverse=True)


def named_records(portal, entry) -> list:
    """The published items and documents a 事项 names by id (one not published yet is not counted)."""
    items = {i.id: i for i in portal.items}
    return [r for rid in dict.fromkeys(entry.records) if (r := items.get(rid) or portal.documents.get(rid))]


def period_months(entry) -> int | None:
    """The months a periodic 公开时限 allows between two records (None: not periodic, e.g. 20个工作日内)."""
    text = re.sub(r"\s", "", entry.deadline)
    for word, months in PERIODS:
        if word in text:
            return months
    return None


def time_limit(entry) -> tuple[int, bool] | None:
    """A 公开时限 counted from the day the information is formed: (N, working days?) for “N个工作日内” or “N日内”."""
    text = re.sub(r"\s", "", entry.deadline)
    found = re.search(r"(\d+)个?工作日", text)
    if found:
        return int(found.group(1)), True
    found = re.search(r"(\d+)(?:日|天)内", text)
    return (int(found.group(1)), False) if found else None


def formed_on(record) -> dt.date | None:
    """The day a record's information was formed: an item's ``formed``, a document's 成文日期."""
    return getattr(record, "formed", None) or getattr(record, "written", None)


def late_by(entry, record) -> tuple[int, int] | None:
    """(days it took, the limit) when a record was published after its 事项's 公开时限, else None."""
    limit, formed = time_limit(entry), formed_on(record)
    if limit is None or formed is None or record.published is None:
        return None
    n, working = limit
    took = workdays_between(formed, record.published).days if working else (record.published - formed).days
    return (took, n) if took > n else None


def catalogue_problems(records) -> list[Problem]:
    """A catalogue for a column that does not exist, a 事项 published under one that does not, or naming a record
    that does not exist (or, in a unit's catalogue, is another unit's)."""
    columns = {c.id for c in records.columns}
    known = {i.id: i for i in records.items} | records.normative
    found = []
    for catalogue in records.catalogues.values():
        if catalogue.id not in columns:
            folder = f"units/{catalogue.unit}/catalogues" if catalogue.unit else "catalogues"
            found.append(Problem(catalogue.file, 1, 1, f"标准目录“{catalogue.id}”不是 columns.yml 中的重点领域栏目",
                                 f"标准目录以它所属的重点领域栏目标识命名，如 {folder}/czyjs.yml；可选："
                                 + "、".join(sorted(columns))))
        for entry in catalogue.entries:
            if entry.column and entry.column not in columns and entry.column not in CATEGORIES:
                line, col = where(entry, "column")
                found.append(Problem(catalogue.file, line, col,
                                     f"栏目“{entry.column}”不在 columns.yml 中，也不是法定主动公开内容的类别",
                                     "填写发布这一事项的重点领域栏目标识，或不填（本目录的栏目）"))
            for record_id in entry.records:
                record = known.get(record_id)
                if record is not None and (not catalogue.unit or (record.unit or "") == catalogue.unit):
                    continue
                line, col = where(entry, "records")
                message = (f"没有标识为“{record_id}”的重点领域信息或规范性文件" if record is None
                           else f"“{record_id}”不是本单位发布的信息，单位的标准目录只用本单位的信息核对")
                found.append(Problem(catalogue.file, line, col, message,
                                     "填写落实这一事项的信息的文件名（不含 .yml），如 items/shjz/ 下的 dbdt-2026-q3"))
    return found
