"""Shapes of other counties' task tables, each as a text export, a Word and an Excel file.

Each shape has a hand-written text export in tests/fixtures/import/ (Word's "save as text":
a cell starts with a tab, a row ends at an empty line) and the same table as Python data
below, from which the .docx and .xlsx are made here. The expected values are counted by
hand from the fixture, not taken from the importer, and hold for all three formats:

- units-labelled-lines: 落实单位 / 牵头部门 cells of labelled lines (牵头单位：… / 责任单位：…)
  and unit lines that do not end like a unit name (各镇街, 各村（社区）).
- blank-lines-in-cells: a deadline ``2023年`` / empty line / ``12月底前``; a section cell
  going on after an empty line; a row cut by an empty paragraph after its name cell.
- numbers-in-requirements: no 序号 column, the number opens the requirement.
- lines-below-table: 公开方式、分送、抄送、落款 and date below the table.
- repeated-merged-text: merged cells whose text Word kept two or three times.
- deadlines-in-requirements: no 时限 column, the requirement names the deadline.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from helpers import run_zwgk
from openpyxl.utils import get_column_letter
from test_import_seeds import all_tasks
from zwgk.dates import parse_deadline
from zwgk.importers import import_tasks
from zwgk.importers.finish import finish, summary, to_yaml
from zwgk.records import TaskList
from zwgk.yamlnodes import NodeReader, compose

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "import"
FORMATS = ("txt", "docx", "xlsx")


@dataclass
class Across:
    """A row of one cell merged across the table; ``copies``: cells that held the text before the merge."""

    text: str
    copies: int = 1


@dataclass
class Down:
    """A cell merged with the one above it after both held ``text`` (Word keeps it twice)."""

    text: str


@dataclass
class Table:
    header: list[str]
    rows: list  # Across, or a list of cells: str (paragraphs split by \n), None (merged down), Down


@dataclass
class Document:
    before: list[str]  # paragraphs above the first table
    tables: list[Table]
    after: list[str] = ()  # paragraphs below the last table


def _paragraphs(cell, text: str) -> None:
    paras = text.split("\n")
    cell.text = paras[0]
    for para in paras[1:]:
        cell.add_paragraph(para)


def write_docx(doc: Document, path: Path) -> Path:
    document = docx.Document()
    for para in doc.before:
        document.add_paragraph(para)
    for table in doc.tables:
        width = len(table.header)
        grid = document.add_table(rows=1 + len(table.rows), cols=width)
        for c, text in enumerate(table.header):
            grid.cell(0, c).text = text
        for r, row in enumerate(table.rows, 1):
            if isinstance(row, Across):
                for c in range(row.copies):
                    _paragraphs(grid.cell(r, c), row.text)
                grid.cell(r, 0).merge(
                    grid.cell(r, width - 1)
                )  # python-docx, like Word, keeps every copy
                continue
            for c, value in enumerate(row):
                if isinstance(value, Down):
                    _paragraphs(grid.cell(r, c), value.text)
                if value is None or isinstance(value, Down):
                    grid.cell(r - 1, c).merge(grid.cell(r, c))
                else:
                    _paragraphs(grid.cell(r, c), value)
    for para in doc.after:
        document.add_paragraph(para)
    document.save(path)
    return path


def write_xlsx(doc: Document, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    for para in doc.before:
        ws.append([para])
    for table in doc.tables:
        last = get_column_letter(len(table.header))
        ws.append(table.header)
        for row in table.rows:
            if isinstance(row, Across):  # a cell pasted from Word keeps the copies in one value
                ws.append(["".join([row.text] * row.copies)])
                ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
                continue
            ws.append([value if isinstance(value, str) else None for value in row])
            for c, value in enumerate(row, 1):
                if value is None or isinstance(value, Down):
                    column = get_column_letter(c)
                    ws.merge_cells(f"{column}{ws.max_row - 1}:{column}{ws.max_row}")
    for para in doc.after:
        ws.append([para])
    workbook.save(path)
    return path


def load(name: str, doc: Document, fmt: str, tmp_path: Path):
    """The import of fixture ``name`` in format ``fmt`` (the text export is the file itself)."""
    if fmt == "txt":
        return import_tasks(FIXTURES / f"{name}.txt")
    writer = write_docx if fmt == "docx" else write_xlsx
    return import_tasks(writer(doc, tmp_path / f"{name}.{fmt}"))


def fields(task: dict) -> tuple:
    return (
        task["no"],
        task.get("title"),
        task["requirement"],
        task["lead"],
        task["responsible"],
        task["guide"],
        task["deadline"],
    )


def messages(result) -> list[str]:
    return [w.message for w in result.warnings]


# 落实单位 / 牵头部门 with labelled lines; unit lines that do not end like a unit ---------------

UNITS = Document(
    ["青禾县2024年政务公开重点工作任务分工"],
    [
        Table(
            ["序号", "重点任务", "具体要求", "落实单位", "完成时限"],
            [
                Across("一、加强政策发布解读"),
                [
                    "1",
                    "规范性文件公开",
                    "开展行政规范性文件清理，在政府门户网站集中公开现行有效的规范性文件目录。",
                    "牵头单位：县司法局\n责任单位：县政府办公室、县财政局\n指导单位：县政务公开办",
                    "6月底前",
                ],
                [
                    "2",
                    "政策解读",
                    "文件与解读材料同步起草、同步审签、同步发布，解读形式不少于3种。",
                    "牵头单位：县政府办公室\n责任单位：各镇街\n各村（社区）",
                    "持续推进",
                ],
                [
                    "3",
                    "涉农补贴公开",
                    "及时公开涉农补贴项目清单及资金发放结果。",
                    "县农业农村局\n各镇街\n县直各单位",
                    "12月底前",
                ],
                [
                    "4",
                    "政务新媒体管理",
                    "加强政务新媒体内容管理，严格落实“三审”制度。",
                    "县委网信办牵头，\n县直有关单位配合",
                    "长期坚持",
                ],
            ],
        ),
        Table(
            ["序号", "具体要求", "牵头部门", "责任部门", "完成时间"],
            [
                Across("二、夯实工作基础"),
                [
                    "5",
                    "加强政务公开培训，全年至少组织1次专题培训。",
                    "县政府办公室",
                    "各镇街\n县直各单位",
                    "11月底前",
                ],
                [
                    "6",
                    "将政务公开工作纳入年度绩效考核，强化结果运用。",
                    "牵头单位：县委督查室\n责任单位：县政府督查室",
                    "",
                    "12月31日",
                ],
            ],
        ),
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unit_columns_with_labelled_lines(fmt, tmp_path):
    result = load("units-labelled-lines", UNITS, fmt, tmp_path)
    data = result.tasks
    assert [s["title"] for s in data["sections"]] == ["一、加强政策发布解读", "二、夯实工作基础"]
    assert [
        (t["no"], t["lead"], t["responsible"], t["guide"], t["deadline"]) for t in all_tasks(data)
    ] == [
        (1, ["县司法局"], ["县政府办公室", "县财政局"], ["县政务公开办"], "6月底前"),
        (2, ["县政府办公室"], ["各镇街", "各村（社区）"], [], "持续推进"),
        (
            3,
            [],
            ["县农业农村局", "各镇街", "县直各单位"],
            [],
            "12月底前",
        ),  # no label under 落实单位: responsible
        (4, ["县委网信办"], ["县直有关单位"], [], "长期坚持"),  # a line ending on ， goes on
        (
            5,
            ["县政府办公室"],
            ["各镇街", "县直各单位"],
            [],
            "11月底前",
        ),  # no label under 牵头部门: lead
        (6, ["县委督查室"], ["县政府督查室"], [], "12月31日"),  # labels in the 牵头部门 column
    ]
    assert [t.get("title") for t in all_tasks(data)] == [
        "规范性文件公开",
        "政策解读",
        "涉农补贴公开",
        "政务新媒体管理",
        None,
        None,
    ]
    assert result.warnings == []


# empty lines inside cells ------------------------------------------------------------------

BLANKS = Document(
    ["石桥县2023年政务公开重点工作任务分工"],
    [
        Table(
            ["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
            [
                Across("一、加大主动公开力度\n"),
                [
                    "1",
                    "规范性文件公开",
                    "开展行政规范性文件清理，集中公开现行有效的规范性文件目录。",
                    "县司法局",
                    "2023年\n\n12月底前",
                ],
                [
                    "2",
                    "政策解读\n",
                    "文件与解读材料同步起草、同步审签、同步发布。",
                    "县政府办公室",
                    "6月底前",
                ],
                [
                    "3",
                    "重点领域公开",
                    "公开涉农补贴项目表及资金发放结果。\n\n公开重大建设项目批准和实施信息。",
                    "县财政局\n县发改局",
                    "2023年\n\n9月30日",
                ],
                Across("二、强化平台建设\n\n（持续推进网站集约化）"),
                [
                    "4",
                    "网站建设",
                    "按期完成政府网站适老化与无障碍改造。",
                    "县大数据中心",
                    "持续推进",
                ],
            ],
        )
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_lines_inside_cells(fmt, tmp_path):
    result = load("blank-lines-in-cells", BLANKS, fmt, tmp_path)
    data = result.tasks
    assert [s["title"] for s in data["sections"]] == [
        "一、加大主动公开力度",
        "二、强化平台建设（持续推进网站集约化）",
    ]
    assert all(not s["subsections"] for s in data["sections"])
    assert [fields(t) for t in all_tasks(data)] == [
        (
            1,
            "规范性文件公开",
            "开展行政规范性文件清理，集中公开现行有效的规范性文件目录。",
            [],
            ["县司法局"],
            [],
            "2023年12月底前",
        ),
        (
            2,
            "政策解读",
            "文件与解读材料同步起草、同步审签、同步发布。",
            [],
            ["县政府办公室"],
            [],
            "6月底前",
        ),
        (
            3,
            "重点领域公开",
            "公开涉农补贴项目表及资金发放结果。公开重大建设项目批准和实施信息。",
            [],
            ["县财政局", "县发改局"],
            [],
            "2023年9月30日",
        ),
        (
            4,
            "网站建设",
            "按期完成政府网站适老化与无障碍改造。",
            [],
            ["县大数据中心"],
            [],
            "持续推进",
        ),
    ]
    assert result.warnings == []


def test_row_per_line_export_with_a_line_break_in_a_cell():
    """The other text layout: a row a line; a cell's line break splits its row over two lines."""
    from zwgk.importers import parse_text

    text = (
        "序号\t工作任务\t具体要求\t责任单位\t完成时限\n"
        "一、加大主动公开力度\n"
        "1\t规范性文件公开\t集中公开现行有效的规范性文件目录。\t县司法局\t2023年\n"
        "\n"
        "12月底前\n"
        "2\t政策解读\t文件与解读材料同步发布。\t县政府办公室\n"
        "各镇街\t6月底前\n"
        "3\t政务新媒体\t严格落实“三审”制度。\t县委网信办\t长期坚持\n"
        "\n"
        "石桥县2023年政务公开重点工作任务分工（续）\n"  # a caption above the next page's header
        "序号\t工作任务\t具体要求\t责任单位\t完成时限\n"
        "4\t培训\t全年组织专题培训不少于1次。\t县政府办公室\t11月底前\n"
    )
    result = parse_text(text, year=2023, title="石桥县2023年分工")
    assert [(t["no"], t["responsible"], t["deadline"]) for t in all_tasks(result.tasks)] == [
        (1, ["县司法局"], "2023年12月底前"),
        (2, ["县政府办公室", "各镇街"], "6月底前"),
        (3, ["县委网信办"], "长期坚持"),
        (4, ["县政府办公室"], "11月底前"),
    ]
    assert all(not s["subsections"] for s in result.tasks["sections"])
    assert [str(w) for w in result.warnings] == [
        "第10行：表头前的一行文字（表格标题）未作为任务导入：石桥县2023年政务公开重点工作任务分工（续）"
    ]


def test_text_export_a_caption_between_tables_is_no_part_of_a_cell():
    """After an empty line a line without a tab goes on with the cell above, unless a header follows it."""
    from zwgk.importers import parse_text

    header = "\t序号\n\t具体要求\n\t责任单位\n\t完成时限\n\n"
    text = (
        f"{header}\t一、加强政策解读\n\n\t1\n\t做好政策解读。\n\t县政府办\n\t长期坚持\n\n"
        f"石桥县2023年政务公开重点工作任务分工（续）\n\n{header}"
        "\t2\n\t做好培训。\n\t县政府办\n\t年底前\n\n"
    )
    result = parse_text(text, year=2023, title="石桥县2023年分工")
    assert [(t["no"], t["deadline"]) for t in all_tasks(result.tasks)] == [
        (1, "长期坚持"),
        (2, "年底前"),
    ]
    assert [str(w) for w in result.warnings] == [
        "第13行：表头前的一行文字（表格标题）未作为任务导入：石桥县2023年政务公开重点工作任务分工（续）"
    ]


# the number at the start of the requirement ------------------------------------------------

NUMBERS = Document(
    ["云台县2024年政务公开工作要点任务分工"],
    [
        Table(
            ["重点任务", "工作措施", "责任单位", "完成时限"],
            [
                Across("一、深化重点领域信息公开"),
                [
                    "财政信息公开",
                    "1. 做好政府预决算和部门预决算公开，细化到功能分类项级科目。",
                    "县财政局",
                    "年底前",
                ],
                ["", "2．推进乡镇财政预决算公开，实现全覆盖。", "各镇人民政府", "年底前"],
                [
                    "就业信息公开",
                    "（3）及时发布就业创业扶持政策和招聘信息。",
                    "县人社局",
                    "及时公开",
                ],
                ["", "4.\u00a0公开高校毕业生就业见习岗位信息。", "县人社局", "6月底前"],
                Across("二、加强政策解读"),
                [
                    "",
                    "5、文件与解读同步发布，解读形式包括：（1）图文解读；（2）视频解读。",
                    "县政府办公室",
                    "持续推进",
                ],
                [
                    "",
                    "6.做好政策问答库建设：1.梳理高频问题；2.定期更新答复。",
                    "县政府办公室",
                    "9月底前",
                ],
                Across("三、夯实工作基础"),
                [
                    "",
                    "1.健全公开前保密审查机制。2.严格落实信息发布“三审”制度。",
                    "县政府办公室",
                    "长期坚持",
                ],
            ],
        )
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_number_at_the_start_of_the_requirement(fmt, tmp_path):
    result = load("numbers-in-requirements", NUMBERS, fmt, tmp_path)
    tasks = all_tasks(result.tasks)
    assert [(t["no"], t["requirement"]) for t in tasks] == [
        (1, "做好政府预决算和部门预决算公开，细化到功能分类项级科目。"),
        (2, "推进乡镇财政预决算公开，实现全覆盖。"),
        (3, "及时发布就业创业扶持政策和招聘信息。"),
        (4, "公开高校毕业生就业见习岗位信息。"),
        (5, "文件与解读同步发布，解读形式包括：（1）图文解读；（2）视频解读。"),
        (6, "做好政策问答库建设：1.梳理高频问题；2.定期更新答复。"),
        # 1.…。2.… is a list inside one task, not its number: kept as written, and reported
        ("", "1.健全公开前保密审查机制。2.严格落实信息发布“三审”制度。"),
    ]
    assert [t.get("title") for t in tasks[:4]] == ["财政信息公开", None, "就业信息公开", None]
    assert messages(result) == ["任务没有序号：1.健全公开前保密审查机制。2.严格落实…"]


# lines below the table -----------------------------------------------------------------------

BELOW = [
    "公开方式：主动公开",
    "分送：县委办公室，县人大常委会办公室，县政协办公室。",
    "抄送：市政府办公室。",
    "临江县人民政府办公室",
    "2023年3月1日印发",
]
LINES_BELOW = Document(
    ["临江县2023年政务公开重点工作任务分工"],
    [
        Table(
            ["序号", "具体要求", "责任单位", "完成时限"],
            [
                Across("一、加大主动公开力度"),
                ["1", "做好规划信息公开，集中公开现行有效的各类规划。", "县发改局", "年底前"],
                ["2", "做好统计信息公开，按月发布主要经济指标。", "县统计局", "年底前"],
                Across(BELOW[0]),  # Word: the first line typed into a last merged row of the table
            ],
        )
    ],
    BELOW[1:],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_lines_below_the_table_are_no_tasks(fmt, tmp_path):
    result = load("lines-below-table", LINES_BELOW, fmt, tmp_path)
    tasks = all_tasks(result.tasks)
    assert [(t["no"], t["responsible"], t["deadline"]) for t in tasks] == [
        (1, ["县发改局"], "年底前"),
        (2, ["县统计局"], "年底前"),
    ]
    assert [s["title"] for s in result.tasks["sections"]] == ["一、加大主动公开力度"]
    assert all(not s["subsections"] for s in result.tasks["sections"])
    if fmt == "docx":  # a row in the table, then paragraphs below it
        assert messages(result) == [
            "表格之后的1行文字未导入（公开方式、抄送、落款、日期等）：公开方式：主动公开",
            "表格之后的4段文字未导入（公开方式、抄送、落款、日期等）：分送：县委办公室，县人大常委会办公室，县政协办公室。",
        ]
    else:
        assert messages(result) == [
            "表格之后的5行文字未导入（公开方式、抄送、落款、日期等）：公开方式：主动公开"
        ]


def test_a_last_row_that_is_only_a_date_or_a_signature_is_cut_with_the_lines_below():
    from zwgk.importers.table import trailer_start

    assert trailer_start(["做好培训。", "临江县人民政府办公室", "二〇二三年三月一日"]) == 1
    assert trailer_start(["（此件公开发布）"]) == 0
    assert trailer_start(["县政府办公室", "做好培训"]) is None  # nothing says the table is over


# text repeated by a merge --------------------------------------------------------------------

REPEATS = Document(
    ["北岭县2024年政务公开重点工作任务分工"],
    [
        Table(
            ["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
            [
                Across("一、加大主动公开力度", copies=2),
                Across("（一）做好政策文件公开", copies=3),
                [
                    "1",
                    "规范性文件公开",
                    "集中公开现行有效的行政规范性文件目录。",
                    "县司法局",
                    "年底前",
                ],
                [
                    "2",
                    Down("规范性文件公开"),
                    "文件与解读材料同步发布，解读形式不少于3种。",
                    "县政府办公室",
                    "6月底前",
                ],
                Across("二、夯实工作基础", copies=2),
                ["3", "培训", "全年组织政务公开专题培训不少于1次。", "县政府办公室", "11月底前"],
            ],
        )
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_repeated_by_a_merge_is_read_once(fmt, tmp_path):
    result = load("repeated-merged-text", REPEATS, fmt, tmp_path)
    data = result.tasks
    assert [s["title"] for s in data["sections"]] == ["一、加大主动公开力度", "二、夯实工作基础"]
    assert [s["title"] for s in data["sections"][0]["subsections"]] == ["（一）做好政策文件公开"]
    tasks = all_tasks(data)
    assert [(t["no"], t["responsible"], t["deadline"]) for t in tasks] == [
        (1, ["县司法局"], "年底前"),
        (2, ["县政府办公室"], "6月底前"),
        (3, ["县政府办公室"], "11月底前"),
    ]
    assert tasks[0]["title"] == "规范性文件公开"
    note = "单元格中同一段文字重复了{}遍（合并单元格时留下），已只保留一遍：{}".format
    expected = [
        note(2, "一、加大主动公开力度"),
        note(3, "（一）做好政策文件公开"),
        note(2, "规范性文件公开"),
        note(2, "二、夯实工作基础"),
    ]
    if fmt == "docx":  # the merged 工作任务 cell reaches both its rows, and is reported in each
        expected.insert(3, note(2, "规范性文件公开"))
        assert tasks[1]["title"] == "规范性文件公开"
    if fmt == "xlsx":  # Excel keeps only the text of a merged range's first cell
        expected.remove(note(2, "规范性文件公开"))
    assert messages(result) == expected


# deadlines inside the requirement --------------------------------------------------------------

DEADLINES = Document(
    ["松溪县2023年政务公开重点工作任务分工"],
    [
        Table(
            ["序号", "具体要求", "责任单位", "备注"],
            [
                Across("一、推进基层政务公开标准化规范化"),
                [
                    "1",
                    "全面梳理政务公开事项，2022年底前完成标准目录编制并在政府门户网站公开。",
                    "县政府办公室",
                    "",
                ],
                ["2", "各镇街于本文印发30日内完成政务公开专区标识更新。", "各镇街", ""],
                ["3", "县级部门6月底前完成政府信息公开指南修订。", "县直各单位", ""],
                [
                    "4",
                    "于2023年6月底前完成基层公开标准目录摸底，12月底前全部公开到位。",
                    "县政务公开办",
                    "",
                ],
                ["5", "持续做好政策解读工作，不断提升解读质量。", "县政府办公室", "需增加图解"],
            ],
        )
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_deadline_written_in_the_requirement(fmt, tmp_path):
    result = load("deadlines-in-requirements", DEADLINES, fmt, tmp_path)
    tasks = all_tasks(result.tasks)
    assert [(t["no"], t["deadline"]) for t in tasks] == [
        (1, "2022年底前"),
        (2, ""),
        (3, "6月底前"),
        (4, "12月底前"),
        (5, ""),
    ]
    assert tasks[4]["remarks"] == "需增加图解"
    assert messages(result) == [
        "完成时限“2022年底前”取自具体要求原文（表格没有完成时限列），请核对：全面梳理政务公开事项，2022年底前完成…",
        "具体要求写有“于本文印发30日内”，完成时限需按印发日期换算后填写：各镇街于本文印发30日内完成政务公开专区…",
        "表格没有完成时限列，自此行起2项任务没有完成时限，需人工补充",
        "完成时限“6月底前”取自具体要求原文（表格没有完成时限列），请核对：县级部门6月底前完成政府信息公开指南修订…",
        (
            "完成时限“12月底前”取自具体要求原文（表格没有完成时限列；原文另有2023年6月底前），请核对："
            "于2023年6月底前完成基层公开标准目录…"
        ),
    ]


def test_deadline_from_the_text_is_marked_in_the_yaml_and_passes_the_check():
    result = finish(import_tasks(FIXTURES / "deadlines-in-requirements.txt"))
    text = to_yaml(result.tasks, source="x.txt", warnings=result.warnings)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("deadline:")]
    assert lines == [
        "deadline: 2022年底前  # 取自具体要求原文，请核对",
        "deadline: ''  # 具体要求写有“于本文印发30日内”，请按印发日期换算后填写",
        "deadline: 6月底前  # 取自具体要求原文，请核对",
        "deadline: 12月底前  # 取自具体要求原文；原文另有2023年6月底前，请核对",
        "deadline: ''",
    ]
    assert "_comments" not in text
    problems = []
    record = NodeReader("x.yml", problems).read(
        compose(text, "x.yml", problems), TaskList, "任务分工"
    )
    assert not [p.format() for p in problems if p.severity == "错误"]
    deadlines = [t.deadline for s in record.sections for t in s.tasks]
    assert deadlines == ["2022年底前", "", "6月底前", "12月底前", ""]
    assert [parse_deadline(d, 2023).date.isoformat() for d in deadlines if d] == [
        "2022-12-31",
        "2023-06-30",
        "2023-12-31",
    ]
    assert summary(result.tasks) == {
        "tasks": 5,
        "sections": 1,
        "subsections": 0,
        "without_units": 0,
        "without_deadline": 2,
        "without_no": 0,
        "deadline_from_text": 3,
    }


# an unseen county: several shapes in one table -------------------------------------------------

UNSEEN = Document(
    [
        "桐溪县人民政府办公室",
        "关于印发桐溪县2024年政务公开工作要点任务分工的通知",
        "各镇人民政府、街道办事处，县政府各部门：",
        "现将《桐溪县2024年政务公开工作要点任务分工》印发给你们，请结合实际认真抓好落实。",
        "桐溪县2024年政务公开工作要点任务分工",
    ],
    [
        Table(
            ["工作任务", "具体措施", "责任部门", "时间节点"],
            [
                Across("一、以政务公开助力经济平稳运行", copies=2),
                [
                    "（一）稳经济政策公开",
                    "1. 及时公开稳增长、扩内需、促消费等政策措施及实施情况。",
                    "牵头单位：县发改局\n责任单位：县商务局、县财政局",
                    "持续推进",
                ],
                [
                    None,
                    "2．围绕重大项目建设，全流程公开项目批准和实施信息。",
                    "牵头单位：县发改局\n责任单位：各镇街\n县直有关部门",
                    "2024年\n\n6月底前",
                ],
                [
                    "（二）优化营商环境公开",
                    "3.公开涉企收费目录清单，做好惠企政策精准推送。",
                    "县市场监管局\n县工信局",
                    "9月底前",
                ],
                Across("二、以政务公开提升基层治理水平\n\n（重点推进基层标准目录应用）"),
                [
                    "（一）深化基层政务公开",
                    "4.\u00a0动态调整基层政务公开标准目录，推进目录与公开内容一致。",
                    "牵头单位：县政府办公室\n责任单位：各镇街\n各村（社区）\n指导单位：县政务公开办",
                    "年底前",
                ],
                [None, "5、推进村（居）务公开与政务公开有效衔接。", "各镇街", ""],
                [
                    "（二）加强公开平台建设",
                    "6.加强政府网站和政务新媒体内容保障，严格落实“三审”制度。",
                    "县委网信办牵头，\n县直各单位配合",
                    "长期坚持",
                ],
                [
                    None,
                    "7.按月开展政府网站和政务新媒体检查，通报检查结果。",
                    "县政务公开办",
                    "每月",
                ],
            ],
        )
    ],
    ["公开方式：主动公开", "抄送：市政府办公室。", "桐溪县人民政府办公室", "2024年2月28日印发"],
)

# counted by hand from tests/fixtures/import/unseen-county-2024.txt: (section, subsection, 序号,
# requirement, 牵头, 责任, 指导, 时限)
UNSEEN_TASKS = [
    ("一、以政务公开助力经济平稳运行", "（一）稳经济政策公开", 1,
     "及时公开稳增长、扩内需、促消费等政策措施及实施情况。", ["县发改局"], ["县商务局", "县财政局"], [], "持续推进"),
    ("一、以政务公开助力经济平稳运行", "（一）稳经济政策公开", 2,
     "围绕重大项目建设，全流程公开项目批准和实施信息。", ["县发改局"], ["各镇街", "县直有关部门"], [],
     "2024年6月底前"),
    ("一、以政务公开助力经济平稳运行", "（二）优化营商环境公开", 3,
     "公开涉企收费目录清单，做好惠企政策精准推送。", [], ["县市场监管局", "县工信局"], [], "9月底前"),
    ("二、以政务公开提升基层治理水平（重点推进基层标准目录应用）", "（一）深化基层政务公开", 4,
     "动态调整基层政务公开标准目录，推进目录与公开内容一致。", ["县政府办公室"], ["各镇街", "各村（社区）"],
     ["县政务公开办"], "年底前"),
    ("二、以政务公开提升基层治理水平（重点推进基层标准目录应用）", "（一）深化基层政务公开", 5,
     "推进村（居）务公开与政务公开有效衔接。", [], ["各镇街"], [], ""),
    ("二、以政务公开提升基层治理水平（重点推进基层标准目录应用）", "（二）加强公开平台建设", 6,
     "加强政府网站和政务新媒体内容保障，严格落实“三审”制度。", ["县委网信办"], ["县直各单位"], [], "长期坚持"),
    ("二、以政务公开提升基层治理水平（重点推进基层标准目录应用）", "（二）加强公开平台建设", 7,
     "按月开展政府网站和政务新媒体检查，通报检查结果。", [], ["县政务公开办"], [], "每月"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unseen_county_field_by_field(fmt, tmp_path):
    result = load("unseen-county-2024", UNSEEN, fmt, tmp_path)
    data = result.tasks
    assert (data["year"], data["title"]) == (2024, "桐溪县2024年政务公开工作要点任务分工")
    got = [
        (section["title"], sub["title"], t["no"], t["requirement"], t["lead"], t["responsible"], t["guide"],
         t["deadline"])
        for section in data["sections"]
        for sub in section["subsections"]
        for t in sub["tasks"]
    ]  # fmt: skip
    assert got == UNSEEN_TASKS
    assert all(not s["tasks"] for s in data["sections"])
    assert summary(finish(result).tasks) == {
        "tasks": 7, "sections": 2, "subsections": 4, "without_units": 0, "without_deadline": 1, "without_no": 0,
        "deadline_from_text": 0,
    }  # fmt: skip
    below = (
        "段" if fmt == "docx" else "行"
    )  # Word: paragraphs below the table; text and Excel: lines, rows
    assert messages(result) == [
        "表格前的4段正文（第1–4行）未作为任务导入，任务只从分工表读取",
        "单元格中同一段文字重复了2遍（合并单元格时留下），已只保留一遍：一、以政务公开助力经济平稳运行",
        "任务没有完成时限：推进村（居）务公开与政务公开有效衔接。…",
        f"表格之后的4{below}文字未导入（公开方式、抄送、落款、日期等）：公开方式：主动公开",
    ]


def test_import_command_prints_a_summary(tmp_path):
    shutil.copytree(
        REPO / "tasks_yaml", tmp_path / "tasks_yaml", ignore=shutil.ignore_patterns("files")
    )
    proc = run_zwgk("import-tasks", str(FIXTURES / "unseen-county-2024.txt"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (
        "导入结果：7 项任务，2 个部分，4 个小节；没有牵头或责任单位的任务 0 项，没有完成时限的 1 项，"
        "没有序号的 0 项。请与原表核对任务数和各部分标题。"
    ) in proc.stderr
    assert "已写入 tasks_yaml/tasks/2024.yml：2 个部分，4 个小节，7 项任务" in proc.stderr

    # the demo project has a 2023 list already
    proc = run_zwgk(
        "import-tasks",
        str(FIXTURES / "deadlines-in-requirements.txt"),
        "--year",
        "2025",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        "没有完成时限的 2 项（另有 3 项的完成时限取自具体要求原文），没有序号的 0 项" in proc.stderr
    )
    written = (tmp_path / "tasks_yaml" / "tasks" / "2025.yml").read_text(encoding="utf-8")
    assert "deadline: 2022年底前  # 取自具体要求原文，请核对" in written
    check = run_zwgk("check", "--as-of", "2026-11-22", cwd=tmp_path)
    assert check.returncode == 0, check.stderr


def test_deadlines_as_other_counties_write_them_are_kept(tmp_path):
    workbook = openpyxl.Workbook()
    for row in (
        ["序号", "具体要求", "责任单位", "完成时限"],
        ["一、加大主动公开力度"],
        [1, "做好规划信息公开。", "县发改局", "2023年12月"],
        [2, "做好统计信息公开。", "县统计局", "9月"],
        [3, "做好财政信息公开。", "县财政局", "年内完成"],
        [4, "做好政策解读。", "县政府办", "即时"],
    ):
        workbook.active.append(row)
    workbook.save(tmp_path / "2023年分工.xlsx")
    result = finish(import_tasks(tmp_path / "2023年分工.xlsx"))
    deadlines = [t["deadline"] for t in all_tasks(result.tasks)]
    assert deadlines == ["2023年12月", "9月", "年内完成", "即时"]
    assert not [w for w in result.warnings if "完成时限" in w.message]


def test_header_names_by_their_make_up_and_a_row_of_lines_below_the_table(tmp_path):
    workbook = openpyxl.Workbook()
    for row in (
        ["序号", "工作内容", "主办部门", "协同部门", "办结时限"],
        ["一、加大主动公开力度"],
        [1, "做好规划信息公开。", "县发改局", "县直各单位", "9月"],
        [2, "做好统计信息公开。", "县统计局", "各镇街", "年底前"],
        ["填报单位：县政务公开办", None, "填报人：李明", "联系电话：0000-1234567"],
        ["填报日期：2023年3月1日"],
    ):
        workbook.active.append(row)
    workbook.save(tmp_path / "2023年分工.xlsx")
    result = import_tasks(tmp_path / "2023年分工.xlsx")
    assert [
        (t["no"], t["lead"], t["responsible"], t["deadline"]) for t in all_tasks(result.tasks)
    ] == [
        (1, ["县发改局"], ["县直各单位"], "9月"),
        (2, ["县统计局"], ["各镇街"], "年底前"),
    ]
    assert [str(w) for w in result.warnings] == [
        "第1行：未找到任务分工的标题，请指定标题",  # the year is the file name's
        "第5行：表格之后的2行文字未导入（公开方式、抄送、落款、日期等）：填报单位：县政务公开办",
    ]
