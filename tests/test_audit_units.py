"""Rule 13 and the platform table: each unit's own column checked and scored like a department's sub-site.

The fixture is test_audit's clean base plus units with known gaps: a complete department (wz), a township with
one empty category (kg), a department without 指南 data (zn), a stale department (jj), a department past the
empty-column veto (hp) and a public enterprise (gs). Every rule-13 rule also has a failing and a passing case
(UNIT_CASES, counted by test_audit.test_every_rule_has_a_case).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from helpers import run_zwgk
from htmldom import parse
from test_audit import AS_OF, REVIEW, audit, base, doc, interp, write_records
from zwgk.audit import units as unit_rules
from zwgk.audit.export import to_csv, to_json, units_csv, units_json
from zwgk.disclosure import CATEGORIES
from zwgk.pages import report as report_page
from zwgk.portal import load_portal

CODES = {
    "wz": "11510000MB0100010A",
    "kg": "11510000MB0100020B",
    "zn": "11510000MB0100030C",
    "jj": "11510000MB0100040D",
    "hp": "11510000MB0100050E",
    "gs": "11510000MB0100060F",
}
WITH_RECORDS = (
    "gfxwj",
    "czzj",
    "qtxx",
)  # what a complete unit files; every other category gets a note
GUIDE = {"address": "测试县人民路1号", "phone": "0818-6230000", "hours": "工作日 9:00—17:30"}


def unit_spec(
    uid: str,
    name: str,
    kind: str = "部门",
    *,
    guide: bool = True,
    functions: bool = True,
    annual: tuple[int, ...] = (2025,),
    unnoted: tuple[str, ...] = (),
    dates: dict | None = None,
    n: int = 10,
) -> dict:
    """A unit as {path: mapping}: unit.yml, one document with its interpretation, a budget item and the annual
    report (an item with the PDF), notes for every other category except `unnoted`. dates overrides when its
    document, budget and report were published."""
    dates = {"gfxwj": "2026-09-01", "czzj": "2026-10-01", "qtxx": "2026-01-20", **(dates or {})}
    code = CODES[uid]
    spec: dict = {}
    data = {
        "name": name,
        "kind": kind,
        "credit_code": code,
        "short_name": name.removeprefix("测试县"),
    }
    if guide:
        data.update(GUIDE)
    if functions:
        data["functions"] = "负责本行业的政策制定和监督管理。"
    data["annual_reports"] = [{"year": y, "path": f"files/{uid}-ndbg-{y}.pdf"} for y in annual]
    skip = set(WITH_RECORDS) | set(unnoted) | {"jgzn"}
    data["empty_notes"] = [
        {"category": c.id, "note": f"本单位无{c.title}类信息。"}
        for c in CATEGORIES
        if c.id not in skip
    ]
    spec[f"units/{uid}/unit.yml"] = data
    year = int(dates["gfxwj"][:4])
    spec[f"units/{uid}/normative/{uid}-1.yml"] = doc(
        n,
        year,
        dates["gfxwj"],
        doc_number=f"测{uid}发〔{year}〕{n}号",
        index_number=f"{code}/{year}-{n:05d}",
        issuer=name,
    )
    published = dt.date.fromisoformat(dates["gfxwj"]) + dt.timedelta(days=1)
    while published.weekday() >= 5:
        published += dt.timedelta(days=1)
    spec[f"units/{uid}/interpretations/jd-{uid}-1.yml"] = interp(f"{uid}-1", published.isoformat())
    spec[f"units/{uid}/items/czzj/{uid}-ys.yml"] = {
        "title": f"{name}部门预算",
        "published": dt.date.fromisoformat(dates["czzj"]),
        "review": REVIEW,
    }
    for y in annual:
        spec[f"units/{uid}/items/qtxx/{uid}-ndbg-{y}.yml"] = {
            "title": f"{name}{y}年政府信息公开工作年度报告",
            "published": dt.date.fromisoformat(dates["qtxx"]),
            "attachments": [{"title": "年度报告", "path": f"files/{uid}-ndbg-{y}.pdf"}],
            "review": REVIEW,
        }
        spec[f"files/{uid}-ndbg-{y}.pdf"] = b"%PDF-1.4\n"
    spec.update({f"files/d{n}.{ext}": b"%PDF-1.4\n" for ext in ("docx", "pdf")})
    return spec


def complete(uid="wz", name="测试县卫生健康局", kind="部门", **extra) -> dict:
    return unit_spec(uid, name, kind, **extra)


def platform() -> dict:
    """The clean base with six units, each with a known set of gaps."""
    spec = base()
    spec.update(complete())
    spec.update(unit_spec("kg", "测试县孔岗镇人民政府", "乡镇", unnoted=("msbz",), n=11))
    spec.update(unit_spec("zn", "测试县自然资源局", guide=False, n=12))
    spec.update(
        unit_spec(
            "jj", "测试县交通运输局", n=13, dates={"gfxwj": "2025-03-03", "czzj": "2025-06-01"}
        )
    )
    spec.update(
        unit_spec("hp", "测试县环境保护局", n=14, unnoted=("ghjh", "tjxx", "xzxk", "xzcf", "xzsf"))
    )
    gs = unit_spec("gs", "测试县供水公司", "公共企事业单位", annual=(), n=15)
    gs = {k: v for k, v in gs.items() if k.endswith("unit.yml")}  # no records at all
    gs["units/gs/unit.yml"]["empty_notes"] = []
    spec.update(gs)
    return spec


def found(report, unit: str) -> list[tuple[str, str]]:
    return [(f.rule.id, f.column) for f in report.findings if f.target.unit == unit]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return audit(tmp_path_factory.mktemp("platform"), platform())


# ---- exactly the findings and scores expected per unit -------------------------------------------------


def test_each_unit_has_exactly_its_known_gaps(report):
    assert found(report, "wz") == []
    assert found(report, "kg") == [("R13.1", "msbz")]
    assert found(report, "zn") == [("R13.7", "xxgkzn")]
    assert found(report, "jj") == [("R13.4", "czzj"), ("R13.4", "gfxwj"), ("R13.5", "")]
    assert found(report, "hp") == [
        ("R13.1", c) for c in ("ghjh", "tjxx", "xzcf", "xzsf", "xzxk")
    ] + [("R13.3", "")]
    # a public enterprise answers for 机构职能 only (条例第五十五条), owes no annual report, but published nothing
    assert found(report, "gs") == [("R13.5", "")]
    assert [
        f for f in report.findings if not f.target.unit
    ] == []  # the county government's base stays clean


def test_messages_name_the_unit_and_what_to_fix(report):
    by_rule = {f.rule.id: f for f in report.findings}
    assert (
        by_rule["R13.1"].message
        == "孔岗镇人民政府的法定主动公开内容“民生保障”没有任何信息，也没有无内容说明"
    )
    assert "empty_notes" in by_rule["R13.1"].hint and "msbz" in by_rule["R13.1"].hint
    assert (
        by_rule["R13.7"].message == "自然资源局的政府信息公开指南缺少办公地址、联系电话、办公时间"
    )
    assert by_rule["R13.7"].target.file == "tasks_yaml/units/zn/unit.yml"
    stale = [f.message for f in report.findings if f.rule.id == "R13.4"]
    assert stale == [
        "交通运输局的“财政预算决算”最近更新：2025年6月1日，超过 12 个月未更新",
        "交通运输局的“规范性文件”最近更新：2025年3月3日，超过 6 个月未更新",
    ]
    assert by_rule["R13.5"].message.startswith(
        "交通运输局的政府信息公开栏目最近更新：2026年1月20日"
    )
    assert by_rule["R13.3"].message == (
        "环境保护局的空白栏目 5 个，达到单项否决线（5 个）：规划计划、统计信息、行政许可和对外管理服务、行政处罚和行政强制、行政事业性收费"
    )


def test_unit_scores(report):
    rows = {row.unit.id: row for row in report.units}
    assert set(rows) == {"", "wz", "kg", "zn", "jj", "hp", "gs"}
    scores = {uid: row.score for uid, row in rows.items()}
    # 15 categories; an empty one scores 0; findings outside a category come off the mean
    assert scores["wz"] == 100
    assert scores["kg"] == round(1400 / 15)  # 93
    assert scores["zn"] == 100 - 10  # 指南 is no category
    assert (
        scores["jj"] == round((1500 - 3 - 3) / 15) - 3
    )  # two stale categories, the whole column stale
    assert scores["hp"] == round(1000 / 15) - 10  # five empty categories, the veto
    assert scores["gs"] == 100 - 3  # 机构职能 only, and nothing ever published
    assert scores[""] == report.site_score == 100
    assert [v.rule.id for v in rows["hp"].vetoes] == ["R13.3"] and not rows["kg"].vetoes
    assert [f.rule.id for f in report.unit_vetoes] == ["R13.3"] and report.veto == []
    assert [s.column.key for s in rows["gs"].columns] == ["jgzn"]
    assert (
        len(rows["kg"].columns) == 15
        and {s.column.key: s.score for s in rows["kg"].columns}["msbz"] == 0
    )


def test_platform_order_is_worst_first(report):
    # a veto first, then the lowest score, then the most errors and warnings
    assert [row.unit.id for row in report.units] == ["hp", "zn", "kg", "jj", "gs", "", "wz"]


def test_record_findings_carry_their_unit_and_count_in_its_category(tmp_path):
    spec = platform()
    spec["units/wz/normative/wz-1.yml"]["attachments"] = spec["units/wz/normative/wz-1.yml"][
        "attachments"
    ][:1]
    spec["units/wz/interpretations/jd-wz-1.yml"]["forms"] = ["文字解读"]
    report = audit(tmp_path, spec)
    assert found(report, "wz") == [("R3.5", "gfxwj"), ("R6.3", "zcjd")]
    row = next(r for r in report.units if r.unit.id == "wz")
    assert {s.column.key: s.score for s in row.columns}[
        "gfxwj"
    ] == 90  # the document's error in 规范性文件
    assert (
        row.score == round((1500 - 10) / 15) - 3
    )  # the interpretation's warning: no category, the unit's
    # the platform's 规范性文件库 holds the unit's document too: the site column counts it as before
    assert {s.column.key: s.score for s in report.columns}["gfxwj"] == 90


def test_rule_13_never_touches_the_site_score(report):
    assert report.site_score == 100 and all(s.score == 100 for s in report.columns)


def test_a_unit_before_its_first_annual_report_is_due(tmp_path):
    spec = platform()
    january = audit(tmp_path / "jan", spec, as_of=dt.date(2027, 1, 31))
    february = audit(tmp_path / "feb", spec, as_of=dt.date(2027, 2, 1))
    missing = lambda r: sorted(f.target.unit for f in r.findings if f.rule.id == "R13.8")
    assert missing(january) == []  # 2026's report is due by 31 January 2027
    assert missing(february) == ["hp", "jj", "kg", "wz", "zn"]  # not the public enterprise
    (f,) = [f for f in february.findings if f.rule.id == "R13.8" and f.target.unit == "kg"]
    assert (
        f.message == "孔岗镇人民政府没有2026年政府信息公开工作年度报告（应于2027年1月31日前公布）"
    )


def test_unit_documents_stay_out_of_the_county_annual_figures(report):
    rows = {(r.year, r.kind): (r.issued, r.repealed, r.valid) for r in report.annual}
    assert rows[(2025, "行政规范性文件")] == (
        1,
        0,
        1,
    )  # the base's own document; jj's 2025 one is jj's
    assert not [f for f in report.findings if f.rule.family == 5]


# ---- a single-agency portal: the report it always had ----------------------------------------------------


def test_single_agency_portal_report_is_unchanged(tmp_path):
    report = audit(tmp_path, base())
    assert report.units == [] and not [r for r in report.rules if r.family == 13]
    data = json.loads(to_json(report))
    assert "unit" not in json.dumps(data["findings"]) and not [
        r for r in data["rules"] if r["id"].startswith("R13")
    ]
    header = to_csv(report)[1:].split("\r\n", 1)[0]
    assert header == "规则编号,规则名称,级别,栏目,对象,页面地址,记录文件,行,问题,修改方法,依据"
    body = report_page.pages(load_portal(tmp_path / "tasks_yaml", AS_OF))[0].body
    assert "各单位" not in body and "zwgk-sort.js" not in body and "R13." not in body


def test_single_agency_cli_writes_only_the_report_files(tmp_path):
    write_records(tmp_path / "tasks_yaml", base())
    proc = run_zwgk("audit", "--as-of", "2026-11-22", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.csv", "report.json"]


# ---- the platform table: page, CSV, JSON -------------------------------------------------------------------


def _platform_page(tmp_path):
    root = write_records(tmp_path / "tasks_yaml", platform())
    portal = load_portal(root, AS_OF)
    from zwgk.audit.export import report_for

    report_for(portal)  # the page shows the cached run, as in a build
    return parse(_html(report_page.pages(portal)[0].body))


def _html(markdown_body: str) -> str:
    import markdown

    return markdown.markdown(markdown_body, extensions=["attr_list", "tables"])


def test_platform_table_on_the_report_page(tmp_path):
    page = _platform_page(tmp_path)
    table = next(t for t in page.find_all("table") if "zwgk-sortable" in (t.get("class") or ""))
    heads = [th.text().strip() for th in table.find_all("th")]
    assert heads == ["单位", "类型", "得分", "单项否决", "错误", "警告", "最近更新", "主要问题"]
    rows = [
        [td.text().strip() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")
    ]
    assert [r[0] for r in rows] == [
        "测试县环境保护局",
        "测试县自然资源局",
        "测试县孔岗镇人民政府",
        "测试县交通运输局",
        "测试县供水公司",
        "测试县人民政府（本级，按全站栏目评分）",
        "测试县卫生健康局",
    ]
    assert [r[2] for r in rows] == ["57", "90", "93", "97", "97", "100", "100"]
    assert (
        rows[0][3].startswith("是：单位空白栏目单项否决") and [r[3] for r in rows[1:]] == ["否"] * 6
    )
    assert rows[-1][7] == "未发现问题" and "R13.1" in rows[0][7] and "另有 3 项" in rows[0][7]
    sort_keys = [td.get("data-sort") for td in table.find("tbody").find_all("tr")[0].find_all("td")]
    assert sort_keys[:6] == ["测试县环境保护局", "部门", "57", "1", "6", "0"]
    scripts = [s.get("src") for s in page.find_all("script")]
    assert scripts == ["../assets/javascripts/zwgk-sort.js"]
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    links = [a.get("href") for a in table.find_all("a")]
    assert all(h.lstrip("#") in ids for h in links), (
        links
    )  # every unit links to its details (or the columns)


def test_findings_tables_name_the_unit(tmp_path):
    page = _platform_page(tmp_path)
    table = next(t for t in page.find_all("table") if t.find("caption").text().startswith("R13.1 "))
    assert [th.text() for th in table.find_all("th")][:3] == ["序号", "单位", "对象"]
    units = [tr.find_all("td")[1].text() for tr in table.find("tbody").find_all("tr")]
    assert units == ["环境保护局"] * 5 + ["孔岗镇人民政府"]


def test_units_csv_and_json(report):
    data = json.loads(units_json(report))
    assert [u["id"] for u in data["units"]] == ["hp", "zn", "kg", "jj", "gs", "", "wz"]
    hp = data["units"][0]
    assert (hp["score"], hp["veto"], hp["errors"], hp["warnings"]) == (57, True, 6, 0)
    assert [w["rule"] for w in hp["worst"]] == ["R13.3", "R13.1", "R13.1"]
    assert len(hp["columns"]) == 15 and hp["columns"][0] == {
        "key": "jgzn",
        "title": "机构职能",
        "entries": 1,
        "note": "",
        "errors": 0,
        "warnings": 0,
        "score": 100,
    }
    text = units_csv(report)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == [
        "单位",
        "类型",
        "得分",
        "单项否决",
        "错误",
        "警告",
        "最近更新",
        "主要问题",
        "栏目地址",
        "单位标识",
    ]
    assert [(r["单位标识"], r["得分"]) for r in rows] == [
        ("hp", "57"),
        ("zn", "90"),
        ("kg", "93"),
        ("jj", "97"),
        ("gs", "97"),
        ("", "100"),
        ("wz", "100"),
    ]
    assert rows[2]["主要问题"].startswith("R13.1 孔岗镇人民政府的法定主动公开内容“民生保障”")
    assert rows[3]["最近更新"] == "2026-01-20" and rows[6]["单项否决"] == "否"


def test_findings_csv_and_json_carry_the_unit(report):
    data = json.loads(to_json(report))
    kg = [f for f in data["findings"] if f["unit_id"] == "kg"]
    assert [(f["unit"], f["column"], f["rule"]) for f in kg] == [
        ("测试县孔岗镇人民政府", "民生保障", "R13.1")
    ]
    assert [r["id"] for r in data["rules"] if r["id"].startswith("R13.")] == [f"R13.{n}" for n in range(1, 10)]
    rows = list(csv.DictReader(io.StringIO(to_csv(report)[1:])))
    assert list(rows[0])[:5] == ["规则编号", "规则名称", "级别", "单位", "栏目"]
    assert {r["单位"] for r in rows} == {
        "测试县孔岗镇人民政府",
        "测试县自然资源局",
        "测试县交通运输局",
        "测试县环境保护局",
        "测试县供水公司",
    }
    assert {r["栏目"] for r in rows if r["规则编号"] == "R13.7"} == {"政府信息公开指南"}


def test_units_csv_cells_are_never_formulas(tmp_path):
    spec = platform()
    spec["units/kg/unit.yml"]["short_name"] = '=HYPERLINK("http://x")镇'
    rows = list(csv.DictReader(io.StringIO(units_csv(audit(tmp_path, spec))[1:])))
    assert [r["单位"] for r in rows if r["单位标识"] == "kg"] == ['\'=HYPERLINK("http://x")镇']


def test_cli_out_writes_the_platform_table(tmp_path):
    write_records(tmp_path / "tasks_yaml", platform())
    proc = run_zwgk("audit", "--as-of", "2026-11-22", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "report.csv",
        "report.json",
        "units.csv",
        "units.json",
    ]
    assert json.loads((out / "units.json").read_text(encoding="utf-8"))["units"][0]["id"] == "hp"
    assert (out / "units.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# ---- every rule 13 rule: a case that triggers it and a near miss that does not ----------------------------


def _unit(uid="wz", **extra):
    """Add the complete unit wz (or another) built with unit_spec's options to the clean base."""

    def change(spec):
        spec.update(unit_spec(uid, "测试县卫生健康局", extra.pop("kind", "部门"), **extra))

    return change


def _then(first, edit):
    def change(spec):
        first(spec)
        edit(spec["units/wz/unit.yml"])

    return change


def _no_documents(noted: bool):
    """A township (wz, as 乡镇) without 规范性文件: no note makes an empty column, a note does not."""

    def change(spec):
        _unit(kind="乡镇", unnoted=() if noted else ("gfxwj",))(spec)
        del spec["units/wz/normative/wz-1.yml"], spec["units/wz/interpretations/jd-wz-1.yml"]
        if noted:
            notes = spec["units/wz/unit.yml"]["empty_notes"]
            notes.append({"category": "gfxwj", "note": "本镇未制发行政规范性文件。"})

    return change


def _old_items(*categories):
    """wz with every dated category stale (3) and one old item in each of `categories` instead of its note."""

    def change(spec):
        _unit(dates=STALE_ALL)(spec)
        unit = spec["units/wz/unit.yml"]
        unit["empty_notes"] = [n for n in unit["empty_notes"] if n["category"] not in categories]
        for c in categories:
            spec[f"units/wz/items/{c}/wz-{c}.yml"] = {
                "title": "一条旧信息",
                "published": dt.date(2025, 1, 5),
                "review": REVIEW,
            }

    return change


STALE_ALL = {"gfxwj": "2025-03-03", "czzj": "2025-06-01", "qtxx": "2025-06-01"}
UNIT_CASES = [
    ("R13.1", _unit(unnoted=("msbz",)), _unit()),
    (
        "R13.1",
        _no_documents(noted=False),
        _no_documents(noted=True),
    ),  # a township may have none, if it says so
    ("R13.2", _unit(functions=False), _unit()),
    (
        "R13.3",
        _unit(unnoted=("ghjh", "tjxx", "xzxk", "xzcf", "xzsf")),
        _unit(unnoted=("ghjh", "tjxx", "xzxk", "xzcf")),
    ),
    ("R13.4", _unit(dates={"gfxwj": "2026-05-21"}), _unit(dates={"gfxwj": "2026-05-22"})),
    ("R13.5", _unit(dates=STALE_ALL), _unit(dates={**STALE_ALL, "qtxx": "2026-05-22"})),
    ("R13.6", _old_items("msbz", "yjgl"), _old_items("msbz")),  # 3 + 2 stale categories, then 3 + 1
    ("R13.7", _then(_unit(), lambda u: u.pop("hours")), _unit()),
    ("R13.8", _unit(annual=()), _unit(annual=(2025,))),
    ("R13.8", _unit(annual=(2024,)), _unit(annual=(2024, 2025))),
    (
        "R13.9",
        _then(
            _unit(),
            lambda u: u.update(annual_reports=[{"year": 2025, "path": "files/nothing.pdf"}]),
        ),
        _then(_unit(), lambda u: u.update(annual_reports=[{"year": 2025, "path": "gfxwj/"}])),
    ),
]


@pytest.mark.parametrize(
    "rule_id, triggers, near_miss",
    UNIT_CASES,
    ids=[f"{c[0]}-{n}" for n, c in enumerate(UNIT_CASES)],
)
def test_unit_rule_triggers_and_near_miss_does_not(tmp_path, rule_id, triggers, near_miss):
    hit = base()
    triggers(hit)
    assert rule_id in [f.rule.id for f in audit(tmp_path / "hit", hit).findings]
    miss = base()
    near_miss(miss)
    assert rule_id not in [f.rule.id for f in audit(tmp_path / "miss", miss).findings]


def test_every_unit_rule_has_a_case():
    assert {r.id for r in unit_rules.RULES} == {c[0] for c in UNIT_CASES}


def test_rule_13_cites_the_national_documents():
    text = {r.id: r.source.text() for r in unit_rules.RULES}
    assert "国办公开办函〔2019〕61号" in text["R13.1"] and "国办秘函〔2019〕19号" in text["R13.3"]
    assert (
        "第四十九条" in text["R13.8"]
        and "第十二条" in text["R13.7"]
        and "国办函〔2018〕71号" in text["R13.4"]
    )


def test_sort_script_sorts_the_platform_table_by_any_column(report, tmp_path):
    """In Chromium: headers become buttons; 得分 sorts by number both ways, ties keep the page order."""
    import shutil

    from helpers import REPO
    from webtools import chromium, serve

    page_dir = tmp_path / "jcbg"
    page_dir.mkdir()
    (page_dir / "index.html").write_text(
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="../zwgk-pages.css"><body><div class="md-typeset">'
        + _html(report_page.platform_table(report))
        + "</div></body></html>",
        encoding="utf-8",
    )
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    shutil.copy(REPO / "overrides/assets/javascripts/zwgk-sort.js", scripts)
    shutil.copy(REPO / "overrides/assets/stylesheets/zwgk-pages.css", tmp_path)
    first_cells = "Array.from(document.querySelectorAll('tbody tr td:first-child')).map(td => td.dataset.sort)"
    with serve(tmp_path) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "jcbg/")
        written = page.evaluate(first_cells)
        assert written[0] == "测试县环境保护局"  # the page's own order until a header is clicked
        page.get_by_role(
            "button", name="得分", exact=True
        ).click()  # the arrows are no part of its name
        scores = page.evaluate(
            "Array.from(document.querySelectorAll('tbody tr td:nth-child(3)')).map(td => td.dataset.sort)"
        )
        assert scores == ["57", "90", "93", "97", "97", "100", "100"]
        assert page.evaluate(first_cells)[3:5] == written[3:5]  # equal scores: the page's order
        assert page.locator("th[aria-sort=ascending]").inner_text().startswith("得分")
        page.get_by_role("button", name="得分").press("Enter")  # a keyboard works too
        assert page.locator("th[aria-sort=descending]").count() == 1
        assert page.evaluate(first_cells)[-1] == "测试县环境保护局"
        assert "点击列标题" in page.locator("caption").inner_text()
