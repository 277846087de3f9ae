"""Units as data: the registry under units/<id>/unit.yml, its checks, records filed under a unit, `zwgk new --unit`."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import REVIEW, records_copy, write
from zwgk.creditcode import check_character, credit_code_problem
from zwgk.errors import RecordError
from zwgk.portal import load_portal
from zwgk.scaffold import ScaffoldError, new_record

AS_OF = dt.date(2026, 11, 22)
FGJ_CODE = "11510000MB1234567" + check_character("11510000MB1234567")
CGZ_CODE = "11510000MB7654321" + check_character("11510000MB7654321")


def unit_yml(name="测试县发展和改革局", kind="部门", code=FGJ_CODE, short="县发改局") -> str:
    return f"name: {name}\nkind: {kind}\ncredit_code: {code}\nshort_name: {short}\nphone: 0000-1111111\n"


def doc(number="测发改发〔2025〕1号", index=f"{FGJ_CODE}/2025-00001") -> str:
    return (f"title: 测试县发改局关于印发乙办法的通知\ndoc_number: {number}\nindex_number: {index}\n"
            "issuer: 测试县发展和改革局\ntopic: 综合政务\nwritten: 2025-01-01\npublished: 2025-01-05\n"
            "effective: 2025-02-01\n" + REVIEW)


@pytest.fixture
def root(tmp_path):
    root = records_copy(tmp_path)
    write(root, "units/fgj/unit.yml", unit_yml())
    write(root, "units/fgj/normative/fgf-2025-1.yml", doc())
    write(root, "units/cgz/unit.yml", unit_yml("测试县城关镇人民政府", "乡镇", CGZ_CODE, "城关镇"))
    write(root, "units/cgz/items/czyjs/cgz-ys-2025.yml",
          "title: 城关镇2025年部门预算\npublished: 2025-02-01\nissuer: 测试县城关镇人民政府\n" + REVIEW)
    return root


def problems(root) -> list[str]:
    with pytest.raises(RecordError) as info:
        load_portal(root, AS_OF)
    return [f"{p.path}:{p.line}: {p.severity}: {p.message}" for p in info.value.problems]


def test_gb32100_check_character():
    assert credit_code_problem("91350100M000100Y43") is None  # a published, real code
    assert credit_code_problem("91350100M000100Y44") == "末位校验码应为 3，这里是 4（GB 32100—2015）"
    assert "应为 18 位" in credit_code_problem("9135010")
    assert "“I”" in credit_code_problem("9135010IM000100Y43")


def test_units_and_their_records_load_and_belong_to_their_unit(root):
    portal = load_portal(root, AS_OF)
    assert list(portal.units) == ["", "cgz", "fgj"]
    assert portal.units[""].name == "测试县人民政府" and portal.units[""].kind == "县政府"
    assert portal.units["fgj"].label == "县发改局"
    assert portal.documents["fgf-2025-1"].unit == "fgj"
    assert portal.unit_of(portal.documents["a-2023-1"]).id == ""
    (item,) = [i for i in portal.items if i.id == "cgz-ys-2025"]
    assert (item.unit, item.column) == ("cgz", "czyjs")
    assert not [w for w in portal.warnings if "units/" in w.path]


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda r: write(r, "units/fgj/unit.yml", unit_yml(code=FGJ_CODE[:-1] + ("0" if FGJ_CODE[-1] != "0" else "1"))),
         "tasks_yaml/units/fgj/unit.yml:3: 错误: 统一社会信用代码"),
        (lambda r: write(r, "units/Bad_ID/unit.yml", unit_yml("测试县教育体育局", code=CGZ_CODE)),
         "tasks_yaml/units/Bad_ID:1: 错误: 目录名“Bad_ID”不能用作单位标识"),
        (lambda r: write(r, "units/jtj/normative/jtf-2025-1.yml", doc(index=f"{FGJ_CODE}/2025-00002")),
         "tasks_yaml/units/jtj:1: 错误: 单位“jtj”没有 unit.yml，这个目录中的记录属于一个不存在的单位"),
        (lambda r: write(r, "units/fgj2/unit.yml", unit_yml(short="发改局二", code=CGZ_CODE.replace("7", "8"))),
         "tasks_yaml/units/fgj2/unit.yml:1: 错误: 名称“测试县发展和改革局”与 tasks_yaml/units/fgj/unit.yml 重复"),
        (lambda r: write(r, "units/xx/unit.yml", unit_yml("测试县信访局", code=FGJ_CODE, short="县信访局")),
         "tasks_yaml/units/xx/unit.yml:3: 错误: 统一社会信用代码“" + FGJ_CODE + "”与 tasks_yaml/units/fgj/unit.yml 重复"),
        (lambda r: write(r, "units/cgz/normative/a-2023-1.yml", doc(index=f"{CGZ_CODE}/2025-00001")),
         "tasks_yaml/units/cgz/normative/a-2023-1.yml:1: 错误: 标识“a-2023-1”与 tasks_yaml/normative/a-2023-1.yml 重复"),
        (lambda r: write(r, "units/fgj/unit.yml", unit_yml(kind="委办局")), "tasks_yaml/units/fgj/unit.yml:2: 错误: “类型”的值“委办局”无效"),
        (lambda r: write(r, "portal.yml", (r / "portal.yml").read_text(encoding="utf-8").replace(
            "11510000MB0000000N", "11510000MB0000000X")), "tasks_yaml/portal.yml:5: 错误: 统一社会信用代码“11510000MB0000000X”末位校验码应为 N"),
    ],
    ids=["credit-code", "bad-id", "unknown-unit", "duplicate-name", "duplicate-code", "duplicate-record-id", "bad-kind",
         "portal-credit-code"],
)
def test_unit_problems_are_located_errors(root, change, expected):
    change(root)
    found = problems(root)
    assert any(p.startswith(expected) for p in found), found


def test_an_index_number_not_under_its_units_code_is_a_warning(root):
    write(root, "units/fgj/normative/fgf-2025-1.yml", doc(index="11510000MB0000000N/2025-00001"))
    portal = load_portal(root, AS_OF)
    (warning,) = [w for w in portal.warnings if w.path.endswith("fgf-2025-1.yml")]
    assert warning.line == 3 and f"不是发布单位县发改局的统一社会信用代码 {FGJ_CODE}" in warning.message


def test_new_with_unit_numbers_per_unit_and_names_the_unit(root):
    created = new_record(root, "normative", dt.date(2025, 6, 1), unit="fgj")
    assert created.path == root / "units" / "fgj" / "normative" / "fgf-2025-2.yml"  # 测发改发〔2025〕2号
    text = created.path.read_text(encoding="utf-8")
    assert f"index_number: {FGJ_CODE}/2025-00002" in text and "issuer: 测试县发展和改革局" in text
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/normative.schema.json\n")
    county = new_record(root, "normative", dt.date(2025, 6, 1))
    assert county.path.parent == root / "normative"
    assert "index_number: 11510000MB0000000N/2025-" in county.path.read_text(encoding="utf-8")
    unit = new_record(root, "unit", dt.date(2025, 6, 1), unit="jtj")
    assert unit.path == root / "units" / "jtj" / "unit.yml"
    with pytest.raises(ScaffoldError, match="单位“nope”不存在"):
        new_record(root, "qa", dt.date(2025, 6, 1), unit="nope")
    qa = new_record(root, "qa", dt.date(2025, 6, 1), unit="cgz")
    assert qa.path.parent == root / "units" / "cgz" / "qa" and qa.path.stem == "qa-002"  # qa-001 is the county's


def test_new_item_can_go_straight_under_a_category(root):
    created = new_record(root, "item", dt.date(2025, 6, 1), unit="fgj", column="xzxk")
    assert created.path.parent == root / "units" / "fgj" / "items" / "xzxk"
    assert "issuer: 测试县发展和改革局" in created.path.read_text(encoding="utf-8")


def test_personal_data_in_a_units_registry_entry_is_caught_but_its_office_phone_is_not(root):
    write(root, "units/fgj/unit.yml", unit_yml() + "functions: 联系人张某，手机13912345678。\n")
    found = problems(root)
    assert any(p.startswith("tasks_yaml/units/fgj/unit.yml:6: 错误:") and "139****5678" in p for p in found), found
    assert not any("1111111" in p for p in found)  # phone: 0000-1111111 is the unit's office number


def test_an_empty_note_for_a_category_that_does_not_exist_is_an_error(root):
    write(root, "units/fgj/unit.yml", unit_yml() + "empty_notes:\n  - {category: xzxx, note: 无}\n")
    assert any(p.startswith("tasks_yaml/units/fgj/unit.yml:7: 错误: 法定主动公开内容没有“xzxx”这一类") for p in problems(root))


def test_a_key_area_column_may_not_take_a_category_id(root):
    text = (root / "columns.yml").read_text(encoding="utf-8")
    write(root, "columns.yml", text + "  - {id: xzxk, title: 行政许可专栏}\n")
    assert any("栏目标识“xzxk”与法定主动公开内容的类别“行政许可和对外管理服务”相同" in p for p in problems(root))
