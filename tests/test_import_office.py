"""Importing task tables from Word (.docx) and Excel (.xlsx) files generated here, and `zwgk import-tasks`.

The Word and Excel readers only turn a document into rows of cells; the rules that place
rows (headings, numbering, units, deadlines) are the text importer's, tested on the seeds
in test_import_seeds.py. These tests cover what only documents have: merged cells (down and
across), paragraphs in a cell, several tables, prose around them, sheets and Excel values.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from helpers import run_zwgk
from test_import_seeds import all_tasks
from zwgk.importers import TaskImportError, import_tasks, parse_docx, parse_xlsx
from zwgk.dates import parse_deadline
from zwgk.importers.finish import finish, status_of, to_yaml
from zwgk.load import load_records
from zwgk.records import TaskList
from zwgk.yamlnodes import NodeReader, compose

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "tests" / "fixtures" / "seeds"
HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限", "完成情况", "备注"]
UNITS_CELL = "牵头单位：县政府办／责任单位：县司法局、各乡镇（街道）政府／指导单位：县政务公开办"


def by_no(data: dict) -> dict:
    return {t["no"]: t for t in all_tasks(data)}


# Word --------------------------------------------------------------------------------------

# (序号, 工作任务, 具体要求, 责任单位, 完成时限, 完成情况, 备注); None = merged with the cell above
DOCX_ROWS = [
    ("一、加大主动公开力度",),
    ("（一）做好政策文件公开",),
    ("1", "行政规范性文件集中公开", "开展行政规范性文件清理，形成现行有效的规范性文件目录。", UNITS_CELL,
     "年底前", "推进中", ""),
    ("2", "政策解读", "文件与解读同步起草、同步审签、同步发布。", "县司法局", "12月底前", "已完成并持续推进",
     "需补充图解"),
    (None, None, "解读形式不少于3种，注明咨询部门和电话。", None, None, "推进中", ""),  # 序号/工作任务/单位/时限 merged down
    ("（二）做好重点领域公开",),
    ("5", "", "公开涉农补贴项目表及申报信息。", ["县财政局", "县农业农村局"], "2024年6月底前", "推进中", ""),
    ("6", "", "公开重大建设项目批准和实施信息。", "县发改委牵头，县直有关单位负责落实", "8月31日", "", ""),
    ("说明：标注★的任务纳入年度考核。",),  # a note spanning the table: not a task, reported
]
DOCX_ROWS_2 = [  # a second table after a heading paragraph, with the header repeated
    ("（一）加强平台建设",),
    ("7", "", "按期完成政府网站IPv6改造。", "县大数据中心", "持续推进", "", ""),
    ("8", "", "做好适老化与无障碍改造。", "县大数据中心", "长期坚持", "推进中", ""),
    ("9", "", "做好政务新媒体信息发布。", "各乡镇（街道）政府", "及时公开", "", ""),
]


def _fill_table(document, rows):
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, 1):
        if len(row) == 1:  # a heading or a note across the whole table
            merged = table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1))
            merged.text = row[0]
            continue
        for c, value in enumerate(row):
            if value is None:
                table.cell(r - 1, c).merge(table.cell(r, c))
            elif isinstance(value, list):  # one unit per paragraph
                cell = table.cell(r, c)
                cell.text = value[0]
                for more in value[1:]:
                    cell.add_paragraph(more)
            else:
                table.cell(r, c).text = value
    return table


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("示例县2024年政务公开重点工作任务分工")
    document.add_paragraph("为做好2024年政务公开工作，现将重点工作任务分工如下，请认真抓好落实。")
    _fill_table(document, DOCX_ROWS)
    document.add_paragraph("二、加强平台建设")
    _fill_table(document, DOCX_ROWS_2)
    document.add_paragraph("示例县人民政府办公室")
    document.add_paragraph("2024年3月1日")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def docx_result(tmp_path_factory):
    return parse_docx(make_docx(tmp_path_factory.mktemp("docx") / "分工.docx"))


def test_docx_structure(docx_result):
    data = docx_result.tasks
    assert (data["year"], data["title"]) == (2024, "示例县2024年政务公开重点工作任务分工")
    assert [s["title"] for s in data["sections"]] == ["一、加大主动公开力度", "二、加强平台建设"]
    first, second = data["sections"]
    assert [s["title"] for s in first["subsections"]] == ["（一）做好政策文件公开", "（二）做好重点领域公开"]
    assert [s["title"] for s in second["subsections"]] == ["（一）加强平台建设"]
    # every row is there: numbering gaps (no 3, no 4) kept as written; the 说明 row is kept and reported
    assert [t["no"] for t in all_tasks(data)] == [1, 2, 2, 5, 6, "", 7, 8, 9]


def test_docx_single_cell_units_and_status(docx_result):
    t1 = all_tasks(docx_result.tasks)[0]
    assert (t1["title"], t1["lead"], t1["responsible"], t1["guide"]) == (
        "行政规范性文件集中公开", ["县政府办"], ["县司法局", "各乡镇（街道）政府"], ["县政务公开办"])
    assert (t1["deadline"], t1["status"]) == ("年底前", "推进中")


def test_docx_cells_merged_down_are_inherited(docx_result):
    upper, lower = all_tasks(docx_result.tasks)[1:3]
    assert lower["requirement"] == "解读形式不少于3种，注明咨询部门和电话。"
    assert (lower["no"], lower.get("title")) == (2, "政策解读")
    assert (lower["responsible"], lower["deadline"]) == (["县司法局"], "12月底前")
    assert (upper["status"], upper["remarks"], lower["status"]) == ("已完成并持续推进", "需补充图解", "推进中")
    assert "remarks" not in lower  # 备注 was not merged: it is not inherited


def test_docx_units_in_paragraphs_and_deadline_phrases(docx_result):
    tasks = by_no(docx_result.tasks)
    assert tasks[5]["responsible"] == ["县财政局", "县农业农村局"]
    assert (tasks[6]["lead"], tasks[6]["responsible"]) == (["县发改委"], ["县直有关单位"])
    assert [tasks[n]["deadline"] for n in (5, 6, 7, 8, 9)] == ["2024年6月底前", "8月31日", "持续推进", "长期坚持", "及时公开"]


def test_docx_reports_what_it_could_not_place(docx_result):
    messages = [str(w) for w in docx_result.warnings]
    assert any(m.startswith("第2段：表格前的1段正文") for m in messages), messages
    assert "表1第10行：任务没有序号：说明：标注★的任务纳入年度考核。…" in messages
    assert any(m.startswith("第4段：表格之后的2段文字未导入") for m in messages), messages


# Excel -------------------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "填表说明"
    notes.append(["本表由各单位于每月5日前报送。"])
    ws = workbook.create_sheet("分工")
    ws.append(["示例县2025年政务公开重点工作任务分工"])                         # 1
    ws.merge_cells("A1:G1")
    ws.append(HEADER)                                                           # 2
    ws.append(["一、推进政务公开提质增效"])                                     # 3
    ws.merge_cells("A3:G3")
    ws.append(["（一）提高政策解读质量"])                                       # 4
    ws.merge_cells("A4:G4")
    ws.append([1.0, "第一解读人", "主要负责人履行政策解读职责。", UNITS_CELL, "年底前", "推进中", None])  # 5
    ws.append([2.0, None, "解读形式不少于3种。", None, dt.datetime(2025, 6, 30), "按计划推进", "需增加视频"])  # 6
    ws.append([3.0, None, "建设政策咨询库。", "县财政局\n县民政局", "9月中旬", "完成", None])  # 7
    ws.merge_cells("D5:D6")  # 责任单位 merged down over tasks 1 and 2
    ws.merge_cells("B5:B7")  # 工作任务 merged down over all three
    ws.append(["（二）规范依申请公开"])                                         # 8
    ws.merge_cells("A8:G8")
    ws.append([5.0, None, "及时更新政府信息公开指南。", "县政府办", "适时办理", "差不多", None])  # 9
    ws.append([None, None, None, None, None, None, None])                        # 10: blank
    ws.append(["填报单位：县政务公开办"])                                      # 11
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def xlsx_result(tmp_path_factory):
    return parse_xlsx(make_xlsx(tmp_path_factory.mktemp("xlsx") / "tasks.xlsx"))


def test_xlsx_structure_and_values(xlsx_result):
    data = xlsx_result.tasks
    assert (data["year"], data["title"]) == (2025, "示例县2025年政务公开重点工作任务分工")
    (section,) = data["sections"]
    assert [s["title"] for s in section["subsections"]] == ["（一）提高政策解读质量", "（二）规范依申请公开"]
    tasks = by_no(data)
    assert sorted(tasks) == [1, 2, 3, 5]  # 1.0 → 1; the gap at 4 is kept
    assert tasks[1]["lead"] == ["县政府办"] and tasks[1]["guide"] == ["县政务公开办"]
    assert tasks[2]["lead"] == ["县政府办"]  # merged down from row 5
    assert [tasks[n].get("title") for n in (1, 2, 3)] == ["第一解读人"] * 3
    assert tasks[2]["deadline"] == "2025年6月30日"  # an Excel date
    assert tasks[3]["responsible"] == ["县财政局", "县民政局"]  # Alt+Enter lines
    assert tasks[2]["remarks"] == "需增加视频"


def test_xlsx_warnings_use_excel_row_numbers(xlsx_result):
    messages = [str(w) for w in xlsx_result.warnings]
    assert any(m.startswith("第11行：") and "填报单位" in m for m in messages), messages


def test_finish_makes_statuses_and_deadlines_loadable(xlsx_result):
    data = finish(xlsx_result).tasks
    tasks = by_no(data)
    assert (tasks[2]["status"], tasks[2]["remarks"]) == ("推进中", "需增加视频；完成情况：按计划推进")
    assert tasks[3]["status"] == "已完成" and tasks[3]["deadline"] == "9月中旬"
    assert "status" not in tasks[5] and tasks[5]["remarks"] == "完成情况：差不多"


@pytest.mark.parametrize("text, status", [
    ("推进中", "推进中"), ("已完成", "已完成"), ("已完成并持续推进", "持续推进"), ("正在推进", "推进中"),
    ("按时序推进", "推进中"), ("未完成", None), ("未启动", "未开始"), ("需进一步优化完善", "需优化完善"),
    ("常态化开展", "持续推进"), ("差不多", None),
])
def test_status_of(text, status):
    assert status_of(text) == status


# dispatch and the command ------------------------------------------------------------------


def test_dispatch_by_suffix_and_encodings(tmp_path):
    text = (SEEDS / "suixi-2021-task-breakdown.txt").read_text(encoding="utf-8")
    for name, data in (("gbk-2021.txt", text.encode("gb18030")), ("utf16-2021.txt", text.encode("utf-16"))):
        (tmp_path / name).write_bytes(data)
        assert len(all_tasks(import_tasks(tmp_path / name).tasks)) == 43, name
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TaskImportError, match="另存为"):
        import_tasks(tmp_path / "old.xls")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(TaskImportError, match="无法作为 Word 文档"):
        import_tasks(tmp_path / "broken.docx")


# hand counts, see the docstring of test_import_seeds.py
SEED_COUNTS = {"county-2023-task-status.txt": 46, "suixi-2021-task-breakdown.txt": 43, "xuanhan-2023-key-points.txt": 53}


@pytest.mark.parametrize("name, count", SEED_COUNTS.items())
def test_every_seed_becomes_a_record_that_loads(name, count):
    result = finish(import_tasks(SEEDS / name))
    assert len(all_tasks(result.tasks)) == count
    text = to_yaml(result.tasks, source=name, warnings=result.warnings, schema="../schemas/tasks.schema.json")
    problems = []
    record = NodeReader("x.yml", problems).read(compose(text, "x.yml", problems), TaskList, "任务分工")
    assert not [p.format() for p in problems if p.severity == "错误"]
    tasks = [t for s in record.sections for t in s.tasks + [t for u in s.subsections for t in u.tasks]]
    assert len(tasks) == count
    for task in tasks:
        if task.deadline:
            parse_deadline(task.deadline, record.year)  # zwgk check reads every deadline the importer keeps


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(REPO / "tasks_yaml", tmp_path / "tasks_yaml", ignore=shutil.ignore_patterns("files"))
    return tmp_path


def test_import_tasks_command_on_a_seed(project):
    proc = run_zwgk("import-tasks", str(SEEDS / "suixi-2021-task-breakdown.txt"), cwd=project)
    assert proc.returncode == 0, proc.stderr
    out = project / "tasks_yaml" / "tasks" / "2021.yml"
    assert "已写入 tasks_yaml/tasks/2021.yml：6 个部分，20 个小节，43 项任务" in proc.stderr
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/tasks.schema.json\n")
    records = load_records(project / "tasks_yaml")
    tasklist = records.tasks[2021]
    assert tasklist.title == "濉溪县2021年政务公开重点工作任务分工（征求意见稿）"
    assert sum(len(s.tasks) + sum(len(u.tasks) for u in s.subsections) for s in tasklist.sections) == 43
    check = run_zwgk("check", "--as-of", "2026-11-22", str(out), cwd=project)
    assert check.returncode == 0, check.stderr

    again = run_zwgk("import-tasks", str(SEEDS / "suixi-2021-task-breakdown.txt"), cwd=project)
    assert again.returncode == 2 and "2021.yml 已存在，未覆盖" in again.stderr


def test_import_tasks_command_on_docx_and_xlsx(project):
    source = make_docx(project / "分工2024.docx")
    proc = run_zwgk("import-tasks", str(source), cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "表1第10行：任务没有序号" in proc.stderr  # what needs a person's eye is printed
    written = (project / "tasks_yaml" / "tasks" / "2024.yml").read_text(encoding="utf-8")
    assert "#   表1第10行：任务没有序号" in written  # and kept at the top of the file

    xlsx = make_xlsx(project / "tasks.xlsx")
    out = project / "elsewhere" / "t.yml"
    proc = run_zwgk("import-tasks", str(xlsx), "-o", str(out), "--year", "2026", "--title", "示例县2026年分工", cwd=project)
    assert proc.returncode == 0, proc.stderr
    data = yaml.load(out.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert (data["year"], data["title"]) == ("2026", "示例县2026年分工")

    check = run_zwgk("check", "--as-of", "2026-11-22", cwd=project)
    assert check.returncode == 0, check.stderr
    assert "任务分工 2 份" in check.stderr  # the demo's 2023 and the imported 2024


def test_import_tasks_without_a_year_asks_for_one(project):
    source = project / "table.txt"
    source.write_text("\t序号\n\t具体要求\n\t责任单位\n\n\t1\n\t做好公开。\n\t县政府办\n", encoding="utf-8")
    proc = run_zwgk("import-tasks", str(source), cwd=project)
    assert proc.returncode == 2 and "--year" in proc.stderr and "Traceback" not in proc.stderr


# layouts from other counties -----------------------------------------------------------------


def xlsx_rows(tmp_path: Path, rows: list, merges=()) -> dict:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    for cells in merges:
        workbook.active.merge_cells(cells)
    path = tmp_path / "2024年分工.xlsx"
    workbook.save(path)
    return finish(import_tasks(path)).tasks


def test_layout_lead_and_partner_columns_bracketed_numbers(tmp_path):
    data = xlsx_rows(tmp_path, [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
        ["一、深化决策公开"],
        ["（1）", "决策预公开", "重大行政决策事项目录向社会公布，征求意见不少于30日。", "县司法局", "县直各部门", "全年"],
        ["（2）", "意见反馈", "公开意见采纳情况。", "县政府办", "", "2024年底"],
    ], merges=["A2:F2"])
    t1, t2 = all_tasks(data)
    assert (t1["no"], t1["title"], t1["lead"], t1["responsible"], t1["deadline"]) == (
        1, "决策预公开", ["县司法局"], ["县直各部门"], "全年")
    assert (t2["no"], t2["lead"], t2["deadline"]) == (2, ["县政府办"], "2024年底")


def test_layout_without_a_requirement_column(tmp_path):
    data = xlsx_rows(tmp_path, [
        ["序号", "工作任务", "责任单位", "完成时间"],
        ["一", "加大主动公开力度", "", ""],          # a heading split over two cells
        [1, "做好政府信息公开年报编制和发布工作", "县政府办公室（牵头），县直各部门", "1月31日前"],
        ["（一）", "加强解读", "", ""],
        [2, "做好财政预决算公开", "县财政局", "按规定时限"],
    ])
    (section,) = data["sections"]
    assert section["title"] == "一、加大主动公开力度"
    assert [s["title"] for s in section["subsections"]] == ["（一）加强解读"]
    t1, t2 = all_tasks(data)
    assert t1["requirement"] == "做好政府信息公开年报编制和发布工作"
    assert (t1["lead"], t1["responsible"], t1["deadline"]) == (["县政府办公室"], ["县直各部门"], "1月31日前")
    assert (t2["deadline"], t2["remarks"]) == ("", "完成时限：按规定时限")  # kept, not dropped


def test_docx_two_row_header(tmp_path):
    document = docx.Document()
    document.add_paragraph("示例县2024年政务公开工作要点任务分工")
    table = document.add_table(rows=4, cols=6)
    for c, text in enumerate(["序号", "具体要求", "责任单位", "", "完成时限", "备注"]):
        table.cell(0, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))
    for c in (0, 1, 4, 5):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(1, 2).text, table.cell(1, 3).text = "牵头单位", "配合单位"
    table.cell(2, 0).merge(table.cell(2, 5)).text = "一、加强政策解读"
    for c, text in enumerate(["1", "做好政策解读，解读形式不少于3种。", "县司法局", "县直各部门", "及时公开", ""]):
        table.cell(3, c).text = text
    path = tmp_path / "two-row-header.docx"
    document.save(path)
    (task,) = all_tasks(import_tasks(path).tasks)
    assert (task["lead"], task["responsible"], task["deadline"]) == (["县司法局"], ["县直各部门"], "及时公开")


def test_docx_automatic_numbering_is_written_out(tmp_path):
    """序号 and 一、 headings numbered by Word itself: the numbers are not in the text."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for abstract_id, fmt, text in (("90", "decimal", "%1"), ("91", "chineseCounting", "%1、")):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))

    def numbered(cell, num_id, text=""):
        cell.text = text
        cell.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    document.add_paragraph("示例县2024年政务公开重点工作任务分工")
    rows = [("加大主动公开力度",), ("做好规划公开。", "县发改委"), ("做好统计公开。", "县统计局"),
            ("夯实工作基础",), ("加强培训。", "县政府办"), ("强化考核。", "县政府办")]
    table = document.add_table(rows=1 + len(rows), cols=3)
    for c, text in enumerate(["序号", "具体要求", "责任单位"]):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, 1):
        if len(row) == 1:
            numbered(table.cell(r, 0).merge(table.cell(r, 2)), "91", row[0])
        else:
            numbered(table.cell(r, 0), "90")
            table.cell(r, 1).text, table.cell(r, 2).text = row
    path = tmp_path / "numbered.docx"
    document.save(path)
    data = import_tasks(path).tasks
    assert [s["title"] for s in data["sections"]] == ["一、加大主动公开力度", "二、夯实工作基础"]
    assert [t["no"] for t in all_tasks(data)] == [1, 2, 3, 4]
