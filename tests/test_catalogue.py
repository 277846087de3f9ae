"""The 基层政务公开标准目录 as data (catalogues/<column>.yml): loading, the page of each area, and rule 15 (a 事项
with nothing published — "两张皮" — and one overdue by its own periodic 公开时限), on tests/test_audit.py's base.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
from pathlib import Path

import pytest
import yaml
from htmldom import main_content, parse
from test_audit import AS_OF, _both, _set, audit, base, ids, write_records
from zwgk.audit import audit_portal
from zwgk.creditcode import check_character
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.portal import load_portal
from zwgk.standards import period_months

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue" / "czyjs.yml"


def entry(**changes) -> dict:
    data = {"first": "预算公开", "second": "政府预算", "content": "一般公共预算", "basis": "《中华人民共和国预算法》第十四条",
            "deadline": "每年", "subject": "县财政局", "keywords": ["预算"]}
    return {**data, **changes}


def _catalogue(*entries):
    def change(spec):
        spec["catalogues/czyjs.yml"] = {"title": "测试县财政预决算领域基层政务公开标准目录", "entries": list(entries)}

    return change


CATALOGUE_CASES = [
    ("R15.1", _catalogue(entry(keywords=["决算"])), _catalogue(entry(keywords=["决算", "预算"]))),
    ("R15.1", _both(_catalogue(entry(keywords=[])), _set("items/czyjs/ys-2026.yml", review={"first": "甲某"})),
     _both(_catalogue(entry(keywords=[], mode="依申请")), _set("items/czyjs/ys-2026.yml", review={"first": "甲某"}))),
    ("R15.2", _catalogue(entry(deadline="每月")), _catalogue(entry(deadline="每季度"))),
    ("R15.2", _catalogue(entry(deadline="每月")), _catalogue(entry(deadline="信息形成或者变更之日起20个工作日内"))),
    # ys-2026 published 1 October 2026; 1–7 October are holidays: 21 working days from 1 September, 20 from 2 September
    ("R15.3", _both(_catalogue(entry(deadline="信息形成或者变更之日起20个工作日内")),
                    _set("items/czyjs/ys-2026.yml", formed=dt.date(2026, 9, 1))),
     _both(_catalogue(entry(deadline="信息形成或者变更之日起20个工作日内")),
           _set("items/czyjs/ys-2026.yml", formed=dt.date(2026, 9, 2)))),
    ("R15.3", _both(_catalogue(entry(deadline="形成后15日内")), _set("items/czyjs/ys-2026.yml", formed=dt.date(2026, 9, 15))),
     _both(_catalogue(entry(deadline="形成后15日内")), _set("items/czyjs/ys-2026.yml", formed=dt.date(2026, 9, 16)))),
]


@pytest.mark.parametrize("rule_id, triggers, near_miss", CATALOGUE_CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CATALOGUE_CASES)])
def test_rule_triggers_and_near_miss_does_not(tmp_path, rule_id, triggers, near_miss):
    hit = base()
    triggers(hit)
    assert rule_id in ids(audit(tmp_path / "hit", hit))
    miss = base()
    near_miss(miss)
    assert [f.message for f in audit(tmp_path / "miss", miss).findings if f.rule.id.startswith("R15.")] == []


def test_fixture_unfulfilled_and_overdue_counted_by_hand(tmp_path):
    root = write_records(tmp_path / "tasks_yaml", base())
    (root / "catalogues").mkdir()
    shutil.copy(FIXTURE, root / "catalogues" / "czyjs.yml")
    found = [f for f in audit_portal(load_portal(root, AS_OF)).findings if f.rule.id.startswith("R15.")]
    assert sorted((f.rule.id, f.target.label) for f in found) == [
        ("R15.1", "测试县财政预决算领域基层政务公开标准目录：决算公开—政府决算"),
        ("R15.1", "测试县财政预决算领域基层政务公开标准目录：政府债务"),
        ("R15.2", "测试县财政预决算领域基层政务公开标准目录：预算公开—政府预算（月度执行）"),
    ]
    overdue = next(f for f in found if f.rule.id == "R15.2")
    assert overdue.message == ("标准目录“测试县财政预决算领域基层政务公开标准目录”的事项“预算公开—政府预算（月度执行）”"
                               "公开时限为“每月”，最近一条信息发布于2026年10月1日，已超过1个月")
    lines = (root / "catalogues" / "czyjs.yml").read_text(encoding="utf-8").splitlines()
    for f in found:  # each at its 事项's line in the catalogue, counted against the column
        assert f.target.file == "tasks_yaml/catalogues/czyjs.yml" and lines[f.target.line - 1].startswith("  - first:")
        assert f.column == "czyjs" and f.target.page == "zdly/czyjs/bzml.md"


@pytest.mark.parametrize("text, message", [
    ("每季度", 3), ("每年3月底前", 12), ("每半年", 6), ("每 月", 1), ("信息形成或者变更之日起20个工作日内", None),
])
def test_periodic_deadlines(text, message):
    class E:
        deadline = text

    assert period_months(E) == message


@pytest.mark.parametrize("name, data, message", [
    ("nothing.yml", {"title": "目录", "entries": [entry()]}, "标准目录“nothing”不是 columns.yml 中的重点领域栏目"),
    ("czyjs.yml", {"title": "目录", "entries": [entry(column="nowhere")]}, "栏目“nowhere”不在 columns.yml 中"),
    ("czyjs.yml", {"title": "目录", "entries": [entry(mode="公开")]}, "czyjs.yml:"),
])
def test_bad_catalogues_are_located_errors(tmp_path, name, data, message):
    root = write_records(tmp_path / "tasks_yaml", base())
    (root / "catalogues").mkdir()
    (root / "catalogues" / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_portal(load_records(root).root, AS_OF)
    assert f"tasks_yaml/catalogues/{name}" in str(caught.value) and message in str(caught.value)


def test_catalogue_page_of_the_demo(built_site):
    page = main_content(parse((built_site / "zdly/shjz/bzml/index.html").read_text(encoding="utf-8")))
    table = page.find("table")
    heads = [th.text() for th in table.find("thead").find_all("th")]
    assert heads == ["序号", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象",
                     "公开方式", "公开层级", "本网站已公开", "一级事项", "二级事项", "全社会", "特定群体", "主动", "依申请",
                     "县级", "乡级"]
    first = [td.text() for td in table.find("tbody").find_all("tr")[0].find_all("td")]
    assert first[:6] == ["1", "最低生活保障", "审核确认结果和资金发放", "保障对象人数、保障金发放情况（不含个人隐私）",
                         "《社会救助暂行办法》第十二条；《最低生活保障审核确认办法》", "每季度"]
    assert first[8:14] == ["√", "", "√", "", "√", "√"]
    assert first[14].startswith("11 条；最近：城关镇2026年第三季度最低生活保障")  # 低保 or 最低生活保障 in a title
    area = main_content(parse((built_site / "zdly/shjz/index.html").read_text(encoding="utf-8")))
    assert "bzml/" in [x.get("href") for x in area.find_all("a")]
    assert not (built_site / "zdly/aqsc/bzml/index.html").exists()  # no catalogue, no page


def test_demo_catalogues_are_fulfilled_but_one_of_the_townships():
    from helpers import REPO

    portal = load_portal(REPO / "tasks_yaml", dt.date(2026, 11, 22))
    assert len([key for key in portal.records.catalogues if key[0] == ""]) >= 5
    report = audit_portal(portal)
    assert [(f.rule.id, f.target.file, f.target.page) for f in report.findings if f.rule.id.startswith("R15.")] == [
        ("R15.1", "tasks_yaml/units/cgz/catalogues/shjz.yml", "xz/cgz/bzml/shjz.md")]  # 临时救助: nothing published


# --- a unit's own catalogue (units/<id>/catalogues/<column>.yml) ----------------------------------------------------

CGZ_CODE = "11510000MB7654321" + check_character("11510000MB7654321")


def _township(spec):
    spec["units/cgz/unit.yml"] = {"name": "测试县城关镇人民政府", "kind": "乡镇", "credit_code": CGZ_CODE,
                                  "short_name": "城关镇"}
    spec["units/cgz/catalogues/czyjs.yml"] = {"title": "测试县城关镇财政预决算领域基层政务公开标准目录",
                                              "entries": [entry(subject="城关镇人民政府", levels=["乡级"])]}


def _townships_budget(spec):
    spec["units/cgz/items/czyjs/cgz-ys-2026.yml"] = {**spec["items/czyjs/ys-2026.yml"], "title": "城关镇2026年预算公开",
                                                     "issuer": "测试县城关镇人民政府"}


def test_a_units_catalogue_is_judged_against_its_own_records(tmp_path):
    spec = base()  # the county's 测试县2026年预算公开 holds 预算, but it is not the township's
    _township(spec)
    found = [f for f in audit(tmp_path / "hit", spec).findings if f.rule.id.startswith("R15.")]
    assert [(f.rule.id, f.target.file, f.target.line, f.target.page, f.target.unit) for f in found] == [
        ("R15.1", "tasks_yaml/units/cgz/catalogues/czyjs.yml", 3, "xz/cgz/bzml/czyjs.md", "cgz")]  # the unit's
    assert found[0].message == ("标准目录“测试县城关镇财政预决算领域基层政务公开标准目录”的事项“预算公开—政府预算”"
                                "在“czyjs”栏目中没有测试县城关镇人民政府已发布的信息（两张皮）")
    _townships_budget(spec)
    assert [f for f in audit(tmp_path / "miss", spec).findings if f.rule.id.startswith("R15.")] == []


def test_the_countys_catalogue_still_counts_every_units_records(tmp_path):
    spec = base()
    _township(spec)
    _townships_budget(spec)
    spec["catalogues/czyjs.yml"] = {"title": "目录", "entries": [entry(keywords=["城关镇"])]}
    assert [f for f in audit(tmp_path, spec).findings if f.rule.id.startswith("R15.")] == []


@pytest.mark.parametrize("name, message", [
    ("units/cgz/catalogues/nothing.yml", "tasks_yaml/units/cgz/catalogues/nothing.yml:1:1: 错误: 标准目录“nothing”不是 "
                                         "columns.yml 中的重点领域栏目"),
    ("units/zz/catalogues/czyjs.yml", "tasks_yaml/units/zz:1:1: 错误: 单位“zz”没有 unit.yml"),
])
def test_a_units_catalogue_for_an_unknown_column_or_unit_is_a_located_error(tmp_path, name, message):
    spec = base()
    _township(spec)
    spec[name] = {"title": "目录", "entries": [entry()]}
    with pytest.raises(RecordError) as caught:
        load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    assert message in str(caught.value)


# --- 事项 tied by record id ----------------------------------------------------------------------------------------

def test_named_records_fulfil_a_matter_wherever_they_are(tmp_path):
    # the document a is not in czyjs and its title has no keyword: only naming it ties it
    hit, miss = base(), base()
    _catalogue(entry(keywords=["决算"]))(hit)
    _catalogue(entry(keywords=["决算"], records=["a"]))(miss)
    assert "R15.1" in ids(audit(tmp_path / "hit", hit))
    assert [f for f in audit(tmp_path / "miss", miss).findings if f.rule.id.startswith("R15.")] == []


def test_naming_records_without_keywords_counts_only_them(tmp_path):
    # with records and no keywords, the column's own ys-2026 no longer counts: b is named, published 2025-06-03
    spec = base()
    _catalogue(entry(keywords=[], records=["b"], deadline="每年"))(spec)
    found = [f for f in audit(tmp_path, spec).findings if f.rule.id.startswith("R15.")]
    assert [f.rule.id for f in found] == ["R15.2"] and "最近一条信息发布于2025年6月3日" in found[0].message


def test_a_named_record_is_held_to_its_matters_time_limit(tmp_path):
    # a: 成文 2026-08-30, published 2026-09-01 (tests/test_audit.py's doc()): 2 days, over 1 and not over 2
    spec = base()
    _catalogue(entry(keywords=["决算"], records=["a"], deadline="形成后1日内"))(spec)
    assert "R15.3" in ids(audit(tmp_path / "hit", spec))
    _catalogue(entry(keywords=["决算"], records=["a"], deadline="形成后2日内"))(spec)
    assert "R15.3" not in ids(audit(tmp_path / "miss", spec))


@pytest.mark.parametrize("records, message", [
    (["nosuch"], "tasks_yaml/catalogues/czyjs.yml:4:3: 错误: 没有标识为“nosuch”的重点领域信息或规范性文件"),
])
def test_an_unknown_record_id_is_a_located_error(tmp_path, records, message):
    spec = base()
    spec["catalogues/czyjs.yml"] = {"title": "目录", "entries": [{"records": records, **entry()}]}
    with pytest.raises(RecordError) as caught:
        load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    assert message in str(caught.value)


def test_a_units_catalogue_may_not_name_another_units_record(tmp_path):
    spec = base()
    _township(spec)
    spec["units/cgz/catalogues/czyjs.yml"]["entries"][0]["records"] = ["ys-2026"]  # the county's
    with pytest.raises(RecordError) as caught:
        load_portal(write_records(tmp_path / "tasks_yaml", spec), AS_OF)
    assert "tasks_yaml/units/cgz/catalogues/czyjs.yml" in str(caught.value)
    assert "“ys-2026”不是本单位发布的信息" in str(caught.value)
    _townships_budget(spec)
    spec["units/cgz/catalogues/czyjs.yml"]["entries"][0]["records"] = ["cgz-ys-2026"]
    load_portal(write_records(tmp_path / "ok" / "tasks_yaml", spec), AS_OF)


def test_the_demo_page_links_the_named_records(built_site):
    page = main_content(parse((built_site / "zdly/shjz/bzml/index.html").read_text(encoding="utf-8")))
    last = page.find("table").find("tbody").find_all("tr")[-1]
    assert last.find_all("td")[1].text() == "政策法规文件"
    hrefs = [x.get("href") for x in last.find_all("td")[-1].find_all("a")]
    assert hrefs[0].endswith("gfxwj/sfbf-2026-15/")  # the newest
    assert [h.rsplit("/", 2)[-2] for h in hrefs[1:]] == ["sfbf-2023-12", "sfbf-2026-11", "sfbf-2026-15"]


def test_a_townships_catalogue_page_in_the_demo(built_site):
    page = main_content(parse((built_site / "xz/cgz/bzml/shjz/index.html").read_text(encoding="utf-8")))
    rows = [[td.text() for td in tr.find_all("td")] for tr in page.find("table").find("tbody").find_all("tr")]
    assert [r[1] for r in rows] == ["最低生活保障", "最低生活保障", "临时救助"]
    assert rows[0][14].startswith("1 条；最近：城关镇2026年第三季度最低生活保障")  # its own, not the county's 11
    assert rows[2][14] == "暂无信息"
    for linking in ("xz/cgz/index.html", "zdly/shjz/bzml/index.html"):
        html = main_content(parse((built_site / linking).read_text(encoding="utf-8")))
        hrefs = {posixpath.normpath(posixpath.join(posixpath.dirname(linking), x.get("href")))
                 for x in html.find_all("a") if x.get("href")}
        assert "xz/cgz/bzml/shjz" in hrefs, linking


@pytest.mark.browser
def test_axe_on_a_catalogue_page(browser, built_site):
    from webtools import (
        AXE_TAGS,
        axe_source,
        format_violations,
        guard_hosts,
        origin,
        run_axe,
        serve,
        serve_axe,
    )

    with serve(built_site, "/zwgk/demo/") as base_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = guard_hosts(context, origin(base_url))
        serve_axe(context, base_url, axe_source())
        page = context.new_page()
        found = {}
        for url in ("zdly/shjz/bzml/", "zdly/czyjs/bzml/", "xz/cgz/bzml/shjz/"):
            assert page.goto(base_url + url).status == 200
            violations = run_axe(page, base_url, {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                                  "resultTypes": ["violations"]})
            if violations:
                found[url] = violations
        context.close()
    assert found == {}, "\n" + format_violations(found)
    assert blocked == []


def test_new_catalogue_for_a_unit(tmp_path):
    from zwgk.scaffold import new_record

    spec = base()
    _township(spec)
    del spec["units/cgz/catalogues/czyjs.yml"]
    root = write_records(tmp_path / "tasks_yaml", spec)
    created = new_record(root, "catalogue", AS_OF, unit="cgz", column="czyjs")
    assert created.path == root / "units" / "cgz" / "catalogues" / "czyjs.yml"
    text = created.path.read_text(encoding="utf-8")
    assert "title: 测试县城关镇财政预决算领域基层政务公开标准目录" in text
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/catalogue.schema.json")
    assert any("bzml/czyjs/" in note for note in created.notes)
