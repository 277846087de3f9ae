"""An imported task list → a ``tasks/<year>.yml`` record that loads and checks.

Tables write 完成情况 and 完成时限 freely; the record allows five statuses and deadlines
zwgk.dates can read. What does not fit is not dropped: the original words go to 备注, and
each change is reported.
"""

from __future__ import annotations

import datetime as dt
import re
import typing

import yaml

from ..dates import DateFormatError, parse_deadline
from ..records import TaskStatus
from .office import PlacedWarning
from .table import ImportResult

STATUSES = typing.get_args(TaskStatus)
_STATUS_RULES = [
    (re.compile(r"未开始|未启动|尚未"), "未开始"),
    (re.compile(r"已完成.*持续|完成并持续"), "持续推进"),
    (re.compile(r"(?<!未)完成"), "已完成"),
    (re.compile(r"优化|完善|整改|改进"), "需优化完善"),
    (re.compile(r"持续|常态|长期"), "持续推进"),
    (re.compile(r"推进|进行|正在|落实中|办理中|实施中|开展中"), "推进中"),
]


def status_of(text: str) -> str | None:
    """One of the five statuses for a 完成情况 text, or None when it says none of them."""
    text = text.strip()
    if text in STATUSES:
        return text
    return next((status for pattern, status in _STATUS_RULES if pattern.search(text)), None)


def _tasks(data: dict):
    for section in data["sections"]:
        yield from section.get("tasks", [])
        for sub in section.get("subsections", []):
            yield from sub["tasks"]


def _note(task: dict, label: str, text: str) -> None:
    task["remarks"] = "；".join(t for t in (task.get("remarks", ""), f"{label}：{text}") if t)


def finish(result: ImportResult) -> ImportResult:
    """Statuses and deadlines made valid (originals kept in 备注), a title, empty keys dropped."""
    data = result.tasks
    warnings = list(result.warnings)
    year = data["year"]
    if not data.get("title"):
        data["title"] = f"{year}年政务公开重点工作任务分工"
        warnings = [w for w in warnings if not w.message.startswith("未找到任务分工的标题")]
        warnings.append(PlacedWarning(0, f"未找到分工表标题，已写作“{data['title']}”，请核对", "标题"))
    regrouped = 0
    for task in _tasks(data):
        where = f"任务{task.get('no') or ''}（{task['requirement'][:12]}…）"
        raw = task.get("status", "")
        if raw:
            status = status_of(raw)
            if status is None:
                del task["status"]
                _note(task, "完成情况", raw)
                warnings.append(PlacedWarning(0, f"完成情况“{raw}”不是可选值，已写入备注", where))
            elif status != raw:
                task["status"] = status
                _note(task, "完成情况", raw)
                regrouped += 1
        deadline = task.get("deadline", "")
        if deadline and year:
            try:
                parse_deadline(deadline, year)
            except DateFormatError:
                task["deadline"] = ""
                task.get("_comments", {}).pop("deadline", None)
                _note(task, "完成时限", deadline)
                warnings.append(PlacedWarning(0, f"完成时限“{deadline}”无法识别，已写入备注", where))
        if not task.get("guide"):
            task.pop("guide", None)
    if regrouped:
        warnings.append(PlacedWarning(0, f"{regrouped}项任务的完成情况已归并为可选值（{'、'.join(STATUSES)}），"
                                         "原文写入备注", "完成情况"))
    for section in data["sections"]:
        for key in ("tasks", "subsections"):
            if not section.get(key):
                section.pop(key, None)
    return ImportResult(data, warnings)


def summary(data: dict) -> dict[str, int]:
    """What a person checks first after an import: counts of tasks, parts, and tasks missing a field."""
    tasks = list(_tasks(data))
    return {
        "tasks": len(tasks),
        "sections": len(data["sections"]),
        "subsections": sum(len(s.get("subsections", [])) for s in data["sections"]),
        "without_units": sum(1 for t in tasks if not (t.get("lead") or t.get("responsible") or t.get("guide"))),
        "without_deadline": sum(1 for t in tasks if not t.get("deadline")),
        "without_no": sum(1 for t in tasks if t.get("no") in (None, "")),
        "deadline_from_text": sum(1 for t in tasks if t.get("deadline") and "deadline" in t.get("_comments", {})),
    }


def _public(value):
    """``value`` without the importer's own keys (``_comments``), which are not record fields."""
    if isinstance(value, dict):
        return {k: _public(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_public(v) for v in value]
    return value


def _task_comments(body: str, data: dict) -> str:
    """Each task's ``_comments`` written as YAML comments after its fields (``deadline: 6月底前  # …``)."""
    comments = [t.get("_comments", {}) for t in _tasks(data)]
    if not any(comments):
        return body
    lines, index = body.split("\n"), -1
    for n, line in enumerate(lines):
        if re.match(r"^\s*- no:", line):  # every task starts with its no
            index += 1
            continue
        m = re.match(r"^\s+(\w+):", line)
        if m and 0 <= index < len(comments) and m.group(1) in comments[index]:
            lines[n] = f"{line}  # {comments[index][m.group(1)]}"
    return "\n".join(lines)


def to_yaml(data: dict, *, source: str, warnings: list, schema: str | None = None,
            today: dt.date | None = None) -> str:
    """The record as YAML, headed by where it came from and what needs checking."""
    ordered = {k: _public(data[k]) for k in ("year", "title", "source", "sections") if data.get(k) not in (None, "")}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=None)
    body = re.sub(r"^(\s*(?:- )?)'no':", r"\1no:", body, flags=re.M)  # YAML 1.1 would quote the key no
    body = _task_comments(body, data)
    head = [f"# yaml-language-server: $schema={schema}"] if schema else []
    head.append(f"# {data['title']}")
    head.append(f"# 由 zwgk import-tasks 从 {source} 导入（{(today or dt.date.today()).isoformat()}）。")
    if warnings:
        head.append(f"# 导入时有 {len(warnings)} 条提示，请逐条核对后删除这段注释：")
        head += [f"#   {w}" for w in warnings]
    return "\n".join(head) + "\n" + body
