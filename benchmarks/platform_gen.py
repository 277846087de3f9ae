"""A generated county platform of any size, for benchmarks/build_scale.py: deterministic (same size, same files).

The mix, in shares of the records asked for:
  - 30 % normative documents (the county government and its departments): mostly 现行有效, with 已修改
    (amended by a later document), 已废止 (repealed by a later one, or on a clean-up day), 已失效 (expired)
    and a few 尚未生效 (effective after the build date);
  - 8 % interpretations of those documents, 7 % Q&A citing them;
  - 50 % items, filed under the 26 key-area columns of the demo and under 法定主动公开 categories;
  - 5 % tasks, in one task list per year.
The records belong to the county government (a third or more) and to generated units, one per 250 records,
at least 4 and at most 60 (a county has 30–60): half departments (which alone issue documents, with the
government), townships, sub-districts and public enterprises.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from helpers import REVIEW, project_copy  # noqa: E402
from zwgk.creditcode import check_character  # noqa: E402

AS_OF = "2026-11-22"
EXPLAIN = "本文件明确了申请条件、办理流程和保障标准，群众可就近到乡镇便民服务中心提出申请，材料齐全的当场受理。"
PARA = "为进一步规范城乡低保审核确认工作，保障困难群众基本生活，结合本县实际，制定本条。申请人应当如实提供材料。"
KINDS = ["部门", "乡镇", "部门", "街道", "部门", "乡镇", "部门", "部门", "乡镇", "公共企事业单位"]  # half departments
CATEGORIES = ["xzxk", "tjxx", "zfcg", "msbz", "zdxm", "xzcf", "ghjh", "yjgl", "jdjc", "qtxx"]
TOPICS = ["救助", "就业", "教育", "养老", "医疗", "社保", "住房", "农业"]
STATUSES = ["已完成", "推进中", "持续推进", "已完成", "需优化完善"]


def _code(n: int) -> str:
    first17 = f"11510000MB{n:07d}"
    return first17 + check_character(first17)


def _body(n: int, paragraphs: int) -> str:
    return "".join(f"  第{k}条 {PARA}（{n}）\n\n" for k in range(1, paragraphs + 1))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _shares(count: int) -> dict[str, int]:
    shares = {"normative": int(count * 0.30), "interpretations": int(count * 0.08), "qa": int(count * 0.07),
              "tasks": int(count * 0.05)}
    shares["items"] = count - sum(shares.values())
    return shares


def _units(count: int) -> list[tuple[str, str, str]]:
    """(id, kind, short name) of each generated unit."""
    out = []
    for k in range(1, min(60, max(4, count // 250)) + 1):
        kind = KINDS[(k - 1) % len(KINDS)]
        suffix = {"部门": "局", "乡镇": "镇", "街道": "街道", "公共企事业单位": "公司"}[kind]
        out.append((f"u{k}", kind, f"第{k}{suffix}"))
    return out


def generate(project: Path, count: int) -> dict:
    """Write count records into project/tasks_yaml (a copy of the minimal fixture plus the demo's columns);
    returns what was written (counts by kind, unit kinds, the record files the benchmark edits)."""
    root = project / "tasks_yaml"
    shutil.copy(REPO / "tasks_yaml" / "columns.yml", root / "columns.yml")
    columns = [line.split(":", 1)[1].strip() for line in (root / "columns.yml").read_text(encoding="utf-8")
               .splitlines() if line.startswith("  - id:")]
    units = _units(count)
    for k, (uid, kind, short) in enumerate(units, 1):
        _write(root / "units" / uid / "unit.yml",
               f"name: 测试县{short}\nkind: {kind}\ncredit_code: {_code(k)}\nshort_name: {short}\n"
               "department: 办公室\naddress: 测试县人民路1号\nphone: 0000-1234567\nhours: 工作日\n"
               "functions: 负责本单位职能。\n")
    issuers = [("", "测试县人民政府", "测府发", "11510000MB0000000N")] + [
        (uid, f"测试县{short}", f"测{k}发", _code(k)) for k, (uid, kind, short) in enumerate(units, 1)
        if kind == "部门"]
    owners = [""] * (len(units) // 2 + 1) + [uid for uid, _, _ in units]  # a third to the county government

    def folder(unit: str) -> Path:
        return root / "units" / unit if unit else root

    shares = _shares(count)
    step = len(issuers)  # documents n and n - k * step share an issuer
    docs = []
    for n in range(shares["normative"]):
        unit, issuer, prefix, code = issuers[n % step]
        year = 2016 + (n * 7) % 11
        written = dt.date(year, 1 + n % (10 if year == 2026 else 12), 1 + n % 27)
        effective = written + dt.timedelta(days=30)
        extra = ""
        if year == 2026 and n % 3 == 0:
            written, effective = dt.date(2026, 11, 1), dt.date(2027, 1, 1)  # 尚未生效
        elif n % 10 == 3:
            extra = f"expires: {year + 2}-12-31\n"  # 已失效 when year + 2 < 2026
        elif n % 25 == 7 and year < 2024:
            extra = f"repealed_on: {year + 3}-06-30\n"  # repealed at a clean-up
        docs.append({"id": f"g{n}", "unit": unit, "issuer": issuer, "prefix": prefix, "code": code, "n": n,
                     "written": written, "effective": effective, "extra": extra})
    for doc in docs:  # later documents amend or repeal the nearest older one of the same issuer left alone
        n = doc["n"]
        key = "amends" if n % 6 == 5 else "repealed_by" if n % 12 == 9 else None
        old = next((docs[m] for m in range(n - step, -1, -step)
                    if docs[m]["written"] < doc["written"] and not docs[m]["extra"] and not docs[m].get("changed")),
                   None) if key else None
        if old is None:
            continue
        if key == "amends":
            doc["extra"] += f"amends: [{old['id']}]\n"
            old["changed"] = True  # amended once
        else:
            old["extra"] = f"repealed_by: {doc['id']}\n"
    for doc in docs:
        n, written = doc["n"], doc["written"]
        _write(folder(doc["unit"]) / "normative" / f"{doc['id']}.yml",
               f"title: {doc['issuer']}关于第{n}项工作的通知\n"
               f"doc_number: {doc['prefix']}〔{written.year}〕{n + 100}号\n"
               f"index_number: {doc['code']}/{written.year}-{n + 100:05d}\nissuer: {doc['issuer']}\n"
               f"topic: 综合政务\nwritten: {written}\npublished: {written + dt.timedelta(days=4)}\n"
               f"effective: {doc['effective']}\n{doc['extra']}body: |\n{_body(n, 6)}{REVIEW}")
    for n in range(shares["interpretations"]):
        doc = docs[(n * 3) % len(docs)]
        _write(folder(doc["unit"]) / "interpretations" / f"jd-{doc['id']}.yml",
               f"of: {doc['id']}\ntitle: 《{doc['issuer']}关于第{doc['n']}项工作的通知》解读\n"
               f"published: {doc['written'] + dt.timedelta(days=5)}\nforms: [文字解读, 图解, 简明问答]\n"
               "contact: {department: 办公室, person: 王某, phone: 0000-1234567}\nbody: |\n"
               + "".join(f"  {k}、{EXPLAIN}（{n}）\n\n" for k in "一二三") + REVIEW)
    for n in range(shares["qa"]):
        doc = docs[(n * 5) % len(docs)]
        _write(folder(owners[n % len(owners)]) / "qa" / f"qa-g{n}.yml",
               f"question: 第{n}项补贴怎么申请？\nanswer: |\n{_body(n, 2)}topic: {TOPICS[n % len(TOPICS)]}\n"
               f"basis: [{doc['id']}]\nupdated: {dt.date(2025, 1 + n % 12, 1 + n % 28)}\n{REVIEW}")
    places = columns + CATEGORIES
    for n in range(shares["items"]):
        day = min(dt.date(2016, 1, 1) + dt.timedelta(days=(n * 37) % 3970), dt.date(2026, 11, 20))
        _write(folder(owners[n % len(owners)]) / "items" / places[n % len(places)] / f"i{n}.yml",
               f"title: 第{n}条公开信息\npublished: {day}\nissuer: 测试县人民政府\nbody: |\n"
               + _body(n, 3) + REVIEW)
    names = [short for _, _, short in units]
    tasks_per_year = -(-shares["tasks"] // 11) if shares["tasks"] else 0
    for year in range(2016, 2027):
        first = (year - 2016) * tasks_per_year
        todo = range(first, min(first + tasks_per_year, shares["tasks"]))
        if not todo:
            continue
        half = (len(todo) + 1) // 2
        text = f"year: {year}\ntitle: 测试县{year}年政务公开重点工作任务分工\nsections:\n"
        for title, part in (("一、重点任务", todo[:half]), ("二、日常工作", todo[half:])):
            if not part:
                continue
            text += f"  - title: {title}\n    tasks:\n"
            for k, n in enumerate(part, 1):
                text += (f"      - no: {k}\n        title: 第{n}项任务\n        requirement: {PARA}\n"
                         f"        lead: [{names[n % len(names)]}]\n"
                         f"        responsible: [{names[(n + 1) % len(names)]}, {names[(n + 7) % len(names)]}]\n"
                         f"        deadline: 12月底前\n        status: {STATUSES[n % len(STATUSES)]}\n")
        _write(root / "tasks" / f"{year}.yml", text)
    kinds = Counter(kind for _, kind, _ in units)
    edit = next(d for d in docs if not d["unit"] and d["n"] > 0)
    return {"records": shares, "units": dict(kinds),
            "edit": root / f"normative/{edit['id']}.yml", "edit_page": f"gfxwj/{edit['id']}/",
            "preview": root / "normative/g0.yml", "preview_page": "gfxwj/g0/"}


def edit_title(path: Path, mark: str) -> str:
    """Add mark to a record's title (its first line); returns the new title."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("title: "), path
    lines[0] += mark
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[0][len("title: "):]


USAGE = "用法：python benchmarks/platform_gen.py 目录 记录数（目录须不存在），如 platform_gen.py /tmp/p20k 20000"


def main() -> None:
    """Write a platform: platform_gen.py FOLDER COUNT (FOLDER must not exist)."""
    args = sys.argv[1:]
    if len(args) != 2 or not args[1].isdigit() or int(args[1]) < 1:
        sys.exit(USAGE)
    if Path(args[0]).exists():
        sys.exit(f"{args[0]} 已存在：换一个不存在的目录\n{USAGE}")
    project = project_copy(Path(args[0]))
    print(generate(project, int(args[1])))


if __name__ == "__main__":
    main()
