"""The text importer against the three real seeds, small fixtures, and the demo 2023 list.

Task counts were counted by hand from the seed files, not from the importer's output:
- county-2023: part 一 rows at lines 10/16/22, part 二 at 30/36/42, part 三 numbered 1–40
  (lines 52 … 375) → 3 + 3 + 40 = 46 tasks; part 三 has six 一、… areas with four
  （一）–（四） each → 24 subsections.
- suixi-2021: tasks numbered 1–43; subsections 4 + 4 + 2 + 3 + 3 + 4 = 20 under 一、–六、.
- xuanhan-2023: table rows carrying a requirement: lines 74–77 (4), 80–86 (7), 89–95 (7),
  98–104 (7), 107–109 (3), 112–113 (2), 116–120 and 122 (6; line 121 is only the name
  全面完成基层政务公开标准化规范化任务), 125–130 (6), 133–137 (5), 140–145 (6) → 53 tasks in
  5 sections; 19 subsections (the prose has 20: （八）规范高效办理依申请公开 has no row).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from zwgk.importers import TaskImportError, parse_text, parse_text_file, split_units

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
TASKS_2023 = ROOT / "tasks_yaml" / "tasks" / "2023.yml"



def all_tasks(tasks: dict) -> list[dict]:
    out = []
    for section in tasks["sections"]:
        out += section.get("tasks", [])
        for sub in section.get("subsections", []):
            out += sub["tasks"]
    return out


def find(tasks: dict, requirement_prefix: str) -> dict:
    found = [t for t in all_tasks(tasks) if t["requirement"].startswith(requirement_prefix)]
    assert len(found) == 1, requirement_prefix
    return found[0]


@pytest.fixture(scope="module")
def county():
    return parse_text_file(SEEDS / "county-2023-task-status.txt")


@pytest.fixture(scope="module")
def suixi():
    return parse_text_file(SEEDS / "suixi-2021-task-breakdown.txt")


@pytest.fixture(scope="module")
def xuanhan():
    return parse_text_file(SEEDS / "xuanhan-2023-key-points.txt")


# county-2023 ---------------------------------------------------------------------------


def test_county_counts(county):
    tasks = county.tasks
    assert tasks["year"] == 2023  # from the file name: the export has no title line
    assert tasks["title"] is None
    assert len(all_tasks(tasks)) == 46
    assert [s["title"] for s in tasks["sections"]] == [
        "一、年底前专项工作任务",
        "二、需整改的重点问题",
        "三、年度重点工作任务（持续做好信息发布，部分栏目需进一步优化完善）",
    ]
    assert [len(s["tasks"]) for s in tasks["sections"]] == [3, 3, 0]
    part3 = tasks["sections"][2]["subsections"]
    assert len(part3) == 24
    assert [len(s["tasks"]) for s in part3] == [
        2,
        3,
        1,
        1,
        2,
        1,
        1,
        1,
        1,
        2,
        2,
        4,
        1,
        1,
        1,
        1,
        2,
        1,
        1,
        2,
        3,
        1,
        2,
        3,
    ]
    assert (
        part3[0]["title"]
        == "一、加强经济领域信息公开，全力营造平稳健康的经济环境／（一）加强经济发展政策的信息公开"
    )
    # the repeated 一、/（三） rows at lines 66 and 349 join the subsection already open
    assert (
        part3[-2]["title"] == "六、严格落实主体责任，确保任务按时保质完成／（三）认真抓好工作落实"
    )
    assert [t["no"] for t in part3[-2]["tasks"]] == [36, 37]
    # numbering restarts in each part
    assert [t["no"] for t in all_tasks(tasks)] == [1, 2, 3, 1, 2, 3, *range(1, 41)]


def test_county_tasks(county):
    first = county.tasks["sections"][0]["tasks"][0]
    assert first["no"] == 1
    assert first["title"] == "行政规范性文件集中公开"
    assert first["requirement"].startswith("1.开展行政规范性文件清理")
    assert first["lead"] == []
    assert first["responsible"] == ["县政府各部门", "各乡镇（街道）政府"]
    assert first["deadline"] == "12月底前"  # 备注 “12月底前完成”
    assert first["status"] == "推进中"
    assert "remarks" not in first

    major = find(county.tasks, "1.按照批准、招投标")
    assert major["lead"] == ["县发改委"]
    assert major["responsible"] == ["县直有关单位（住建局、交通运输局、水利局等）"]
    assert major["deadline"] == ""

    t5 = find(county.tasks, "持续推进反垄断和反不正当竞争执法")
    assert t5["responsible"] == ["县市场监管局", "各县、市、区政府"]

    t10 = find(county.tasks, "加强政策宣讲和推送工作")  # a stray no-break-space line in the row
    assert t10["responsible"] == ["县人社局", "各乡镇（街道）政府"]
    assert t10["status"] == "持续推进"
    assert t10["remarks"] == "需加强对基层执行机关开展稳岗就业政策培训信息公开"

    t26 = find(county.tasks, "在公开工作中增强规范意识")  # status cell continued on the next line
    assert t26["status"] == "已完成并持续推进"

    t32 = find(county.tasks, "推动落实信息发布、政策解读")
    assert t32["status"] == "需优化完善"
    assert (
        t32["remarks"] == "1.文字解读数量较少、质量不高。2.解读材料于政策文件公开后3个工作日发布。"
    )

    t23 = find(county.tasks, "及时公开涉农补贴项目表")
    assert t23["lead"] == ["县财政局", "县民政局", "县农业农村局"]
    assert t23["responsible"] == ["各乡镇（街道）政府"]


def test_county_warnings(county):
    # no 时限 column: five requirements name their own deadline (tasks 12, 14, 18, 23 and 30 of part 三,
    # counted by hand: lines 140, 156, 187, 227, 287); it is proposed and reported, the other 38 have none
    assert [str(w) for w in county.warnings] == [
        "第1行：未找到任务分工的标题，请指定标题",
        "第30行：表格没有完成时限列，自此行起38项任务没有完成时限，需人工补充",
        "第140行：完成时限“年底前”取自具体要求原文（表格没有完成时限列），请核对：深入推进公共企事业单位信息公开，认真落实…",
        "第156行：完成时限“年底前”取自具体要求原文（表格没有完成时限列），请核对：各部门年底前对行政规范性文件进行全面清理…",
        "第187行：完成时限“年底前”取自具体要求原文（表格没有完成时限列），请核对：县、乡政务服务中心年底前全面开设政策咨询…",
        "第227行：完成时限“年底前”取自具体要求原文（表格没有完成时限列），请核对：及时公开涉农补贴项目表及涉农补贴申报信息…",
        "第287行：完成时限“2023年底前”取自具体要求原文（表格没有完成时限列），请核对：严格落实网络意识形态责任制，确保政府网站…",
    ]
    part3 = all_tasks(county.tasks)[6:]
    assert [(t["no"], t["deadline"]) for t in part3 if t["deadline"]] == [
        (12, "年底前"), (14, "年底前"), (18, "年底前"), (23, "年底前"), (30, "2023年底前")]
    assert part3[29]["_comments"] == {"deadline": "取自具体要求原文，请核对"}


# suixi-2021 ----------------------------------------------------------------------------


def test_suixi_counts(suixi):
    tasks = suixi.tasks
    assert tasks["year"] == 2021
    assert tasks["title"] == "濉溪县2021年政务公开重点工作任务分工（征求意见稿）"
    assert len(all_tasks(tasks)) == 43
    assert [t["no"] for t in all_tasks(tasks)] == list(range(1, 44))
    assert len(tasks["sections"]) == 6
    assert [len(s["subsections"]) for s in tasks["sections"]] == [4, 4, 2, 3, 3, 4]
    assert all(not s["tasks"] for s in tasks["sections"])
    second = tasks["sections"][1]
    # （三）着力完善政策解读方式 repeats at line 120 and keeps tasks 15–18 together
    assert [s["title"] for s in second["subsections"]][2] == "（三）着力完善政策解读方式"
    assert [t["no"] for t in second["subsections"][2]["tasks"]] == [15, 16, 17, 18]


def test_suixi_tasks(suixi):
    t1 = find(suixi.tasks, "主动公开国民经济和社会发展第十四个五年规划纲要")
    assert t1["no"] == 1
    assert t1["lead"] == ["县政府办公室", "县发改委", "县自然资源和规划局"]
    assert t1["responsible"] == ["县政府有关部门"]
    assert t1["deadline"] == "年底前"
    assert "status" not in t1

    t2 = find(suixi.tasks, "归集整理全县各类主动公开的规划")
    assert (t2["lead"], t2["responsible"]) == ([], ["县政府办公室"])

    t12 = find(suixi.tasks, "推进对企信息公开")
    assert t12["lead"] == ["县政府办公室"]
    assert t12["responsible"] == [
        "县发改委",
        "县经信局",
        "县商务局",
        "县开发区会",
        "濉芜产业园等部门",
        "县直各单位",
    ]

    t40 = find(suixi.tasks, "对2020年度政务公开重点任务落实情况开展回头看")
    assert t40["deadline"] == "6月底前"
    assert find(suixi.tasks, "完成县级基层政务公开示范区")["deadline"] == "9月底前"
    assert find(suixi.tasks, "继续开展政务公开常态化测评")["deadline"] == "持续推进"


def test_suixi_warnings(suixi):
    assert suixi.warnings == []


# xuanhan-2023 --------------------------------------------------------------------------


def test_xuanhan_counts(xuanhan):
    tasks = xuanhan.tasks
    assert tasks["year"] == 2023
    assert tasks["title"] == "2023 年全县政务公开工作要点分工表"
    assert len(all_tasks(tasks)) == 53
    assert [t["no"] for t in all_tasks(tasks)] == list(
        range(1, 54)
    )  # the table numbers sections only
    assert [s["title"] for s in tasks["sections"]] == [
        "一、加大主动公开力度",
        "二、推进政务公开提质增效",
        "三、深化政务公开促进基层政府治理能力提升",
        "四、加强平台载体信息化建设",
        "五、夯实工作基础",
    ]
    assert [len(s["subsections"]) for s in tasks["sections"]] == [4, 5, 2, 3, 5]
    assert [sum(len(sub["tasks"]) for sub in s["subsections"]) for s in tasks["sections"]] == [
        18,
        12,
        6,
        9,
        8,
    ]
    fourth = [s["title"] for s in tasks["sections"][3]["subsections"]]
    # line 128 repeats the subsection name in the 工作任务 column: still a subsection of 四、
    assert fourth == [
        "大力提升政府网站信息化建管水平",
        "优化完善政务新媒体运维管理机制",
        "增强政府公报服务社会的权威性便捷性",
    ]
    third = tasks["sections"][2]["subsections"]
    assert third[1]["title"] == "全面完成基层政务公开标准化规范化任务"  # line 121, a name-only row
    assert len(third[1]["tasks"]) == 1


def test_xuanhan_tasks(xuanhan):
    t2 = find(xuanhan.tasks, "及时发布提振内需促进消费恢复")  # merged no/section/subsection cells
    assert t2["lead"] == ["县发改局", "县经信局", "县农业农村局", "县商务局", "县乡村振兴局"]
    assert t2["responsible"] == ["县投资促进服务中心等部门（单位）", "各乡镇人民政府", "街道办事处"]
    assert t2["deadline"] == "及时公开"

    t14 = find(xuanhan.tasks, "决策过程中公开征求群众意见结束后")  # shifted left with a stray blank
    assert (t14["lead"], t14["deadline"]) == (["县司法局"], "及时公开")

    t20 = find(xuanhan.tasks, "及时公布行政规范性文件清理结果")
    assert (t20["lead"], t20["responsible"], t20["deadline"]) == (
        ["县司法局"],
        ["县政府信息公开办"],
        "8月31日",
    )

    t26 = find(
        xuanhan.tasks, "行政机关主要负责人作为“第一解读人”"
    )  # <p>name</p> <p>requirement</p>
    section2 = xuanhan.tasks["sections"][1]["subsections"]
    assert t26 in section2[2]["tasks"] and section2[2]["title"] == "提高政策解读质量"

    assert find(xuanhan.tasks, "加强政府网站日常监管")["deadline"] == "适时办理"
    t35 = find(xuanhan.tasks, "县级有关部门（单位）要结合自身职责")
    assert (t35["lead"], t35["responsible"], t35["deadline"]) == (
        [],
        ["县级有关部门（单位）"],
        "9月30日",
    )
    t48 = find(xuanhan.tasks, "保密行政管理部门要把政务公开中的保密审查")
    assert (t48["lead"], t48["responsible"], t48["deadline"]) == (["县保密机要局"], [], "长期坚持")
    t50 = find(xuanhan.tasks, "县政府办公室将适时对各乡镇")
    assert (t50["lead"], t50["responsible"], t50["deadline"]) == (["县政府办"], [], "")


def test_xuanhan_warnings(xuanhan):
    assert [str(w) for w in xuanhan.warnings] == [
        "第3行：表格前的34段正文（第3–69行）未作为任务导入，任务只从分工表读取",
        "第27行：正文中的“（八）规范高效办理依申请公开”在分工表中没有对应的重点工作任务，其任务可能并入了上一项",
        "第141行：任务没有完成时限：县政府办公室将适时对各乡镇（街道）各部门…",
    ]


# fixtures ------------------------------------------------------------------------------


def test_fixture_cells_labelled_units():
    result = parse_text_file(FIXTURES / "cells-labelled-units.txt")
    tasks = result.tasks
    assert (tasks["year"], tasks["title"]) == (2024, "示例县2024年政务公开重点工作任务分工")
    t1, t2, t3 = all_tasks(tasks)
    assert (t1["lead"], t1["responsible"], t1["guide"]) == (
        ["县政府办公室"],
        ["县司法局", "各乡镇（街道）政府"],
        ["县政务公开办"],
    )
    assert t1["status"] == "已完成并持续推进"
    assert t1["deadline"] == "6月底前" and "remarks" not in t1
    assert t2["responsible"] == ["县市场监管局", "各县、市、区政府"]
    assert t2["remarks"] == "1.栏目需优化。2.需补充图解。"
    assert (t3["no"], t3["title"], t3["responsible"]) == (
        3,
        "政府信息公开年报编制",
        ["县政府各部门"],
    )
    assert tasks["sections"][1]["title"] == "二、夯实工作基础"
    assert tasks["sections"][1]["tasks"] == [t3]
    assert t3["deadline"] == "年底前"  # “按规范格式编制年报，年底前公开。”: the table has no 时限 column
    assert [str(w) for w in result.warnings] == [
        "第19行：表格没有完成时限列，自此行起1项任务没有完成时限，需人工补充",
        "第30行：完成时限“年底前”取自具体要求原文（表格没有完成时限列），请核对：按规范格式编制年报，年底前公开。…",
        "第36行：无法识别的行（找不到具体要求），未导入：县政府办公室｜推进中",
    ]


def test_fixture_rows_shifted():
    result = parse_text_file(FIXTURES / "rows-shifted.txt", year=2024)
    tasks = result.tasks
    assert tasks["year"] == 2024
    assert len(all_tasks(tasks)) == 6
    first, second = tasks["sections"]
    assert first["title"] == "一、加大主动公开力度"
    assert [len(s["tasks"]) for s in first["subsections"]] == [3]
    t3 = first["subsections"][0]["tasks"][2]
    assert (t3["lead"], t3["responsible"], t3["deadline"]) == (
        ["县农业农村局"],
        ["各乡镇人民政府"],
        "长期坚持",
    )
    assert [s["title"] for s in second["subsections"]] == ["强化保密审查", "建设政策文件库"]
    t5 = second["subsections"][1]["tasks"][0]
    assert (t5["deadline"], t5["remarks"]) == ("8月31日", "县政务公开办督办")
    assert [str(w) for w in result.warnings] == [
        "第1行：未找到任务分工的标题，请指定标题",
        "第8行：该行只有“建设政策文件库”，没有具体要求和单位，已按小标题（重点工作任务）处理",
        "第9行：行尾多出的单元格已放入备注：县政务公开办督办",
        "第10行：任务没有完成时限：按月通报网站检查结果。…",
    ]


def test_fixture_without_header_raises():
    with pytest.raises(TaskImportError, match="表头"):
        parse_text_file(FIXTURES / "no-header.txt")


def test_year_and_title_arguments_win():
    text = "\t\n\t具体要求\n\t责任单位\n\t时限要求\n\n\t一、公开\n\n\t1\n\t做好公开。\n\t县政府办\n\t年底前完成\n"
    result = parse_text(text, year=2025, title="示例县2025年任务分工")
    assert (result.tasks["year"], result.tasks["title"]) == (2025, "示例县2025年任务分工")
    (task,) = all_tasks(result.tasks)
    assert (task["no"], task["responsible"], task["deadline"]) == (1, ["县政府办"], "年底前")
    assert result.warnings == []


@pytest.mark.parametrize(
    "cell, lead, responsible, guide",
    [
        ("县发改委牵头，县直有关单位负责落实", ["县发改委"], ["县直有关单位"], []),
        (
            "县政府办公室、县发改委、县自然资源和规划局牵头，县政府有关部门负责落实",
            ["县政府办公室", "县发改委", "县自然资源和规划局"],
            ["县政府有关部门"],
            [],
        ),
        ("县政府各部门，各乡镇（街道）政府", [], ["县政府各部门", "各乡镇（街道）政府"], []),
        ("县政府办公室负责落实", [], ["县政府办公室"], []),
        ("县市场监管局，各县、市、区政府", [], ["县市场监管局", "各县、市、区政府"], []),
        (
            "县发改委牵头，县直有关单位（住建局、交通运输局、水利局等）负责落实",
            ["县发改委"],
            ["县直有关单位（住建局、交通运输局、水利局等）"],
            [],
        ),
        (
            "牵头单位：县政府办／责任单位：县司法局、县财政局／指导单位：县政务公开办",
            ["县政府办"],
            ["县司法局", "县财政局"],
            ["县政务公开办"],
        ),
        (
            "牵头单位: 县政府办；责任单位: 各乡镇人民政府、街道办事处。",
            ["县政府办"],
            ["各乡镇人民政府", "街道办事处"],
            [],
        ),
        ("县卫健委牵头", ["县卫健委"], [], []),
        ("牵头：县发改局；配合：县直各部门", ["县发改局"], ["县直各部门"], []),
        ("县政府办、加强业务指导：县司法局", [], ["县政府办", "加强业务指导：县司法局"], []),  # no label inside a word
        ("主办单位：县政府办，协办单位：县财政局、县审计局", ["县政府办"], ["县财政局", "县审计局"], []),
        ("", [], [], []),
    ],
)
def test_split_units(cell, lead, responsible, guide):
    units = split_units(cell)
    assert (units.lead, units.responsible, units.guide) == (lead, responsible, guide)


# the demo county's 2023 list -------------------------------------------------------------


def _load_2023() -> dict:
    # BaseLoader keeps every scalar a string: YAML 1.1 would read the key “no” as false.
    return yaml.load(TASKS_2023.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_tasks_2023_file_shape():
    text = TASKS_2023.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/tasks.schema.json\n")
    data = _load_2023()
    assert (data["year"], data["title"]) == ("2023", "示例县2023年政务公开重点工作任务分工")
    tasks = all_tasks(data)
    assert len(tasks) == 46
    assert all(t["deadline"] and t["status"] in {"推进中", "持续推进", "需优化完善"} for t in tasks)
    evidence = [e for t in tasks for e in t.get("evidence", [])]
    for path in (
        "gfxwj/",
        "gfxwj/xxyx/",
        "zcjd/",
        "zcwd/",
        "zdly/snbt/",
        "zdly/zdjsxm/",
        "zdly/czyjs/",
        "xxgk/ndbg/",
        "zdly/not-a-column/",
    ):
        assert path in evidence


def test_tasks_2023_keeps_every_seed_task(county):
    data = _load_2023()
    demo = all_tasks(data)
    seed = all_tasks(county.tasks)
    assert [str(t["no"]) for t in demo] == [str(t["no"]) for t in seed]
    for ours, theirs in zip(demo, seed):
        assert ours["requirement"][-12:] == theirs["requirement"][-12:]
        assert ours["lead"] == theirs["lead"] and ours["responsible"] == theirs["responsible"]
        assert ours.get("remarks", "") == theirs.get("remarks", "")
