"""`zwgk new <kind>`: templates from the model, today's date, the next free 索引号, and records that check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from zwgk.portal import load_portal
from zwgk.records import RECORD_KINDS
from zwgk.scaffold import next_serial
from zwgk.yamlnodes import yaml_fields

REPO = Path(__file__).resolve().parents[1]
DAY = "2026-11-22"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the demo county's records (without the large attachment files) in tmp_path/tasks_yaml."""
    shutil.copytree(REPO / "tasks_yaml", tmp_path / "tasks_yaml", ignore=shutil.ignore_patterns("files"))
    return tmp_path


class Result:
    def __init__(self, returncode: int, stderr: str):
        self.returncode, self.stderr = returncode, stderr


@pytest.fixture
def zwgk(project, capsys, monkeypatch):
    """Run the zwgk CLI in-process from the project folder (as `zwgk …` typed there)."""
    from zwgk.cli import main

    monkeypatch.chdir(project)

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        return Result(code, capsys.readouterr().err)

    return run


def new(zwgk, *args: str) -> Result:
    return zwgk("new", *args)


def check(zwgk) -> Result:
    return zwgk("check", "--as-of", DAY)


def only_placeholder_errors(stderr: str) -> bool:
    """Every error line is about a template placeholder, and there is at least one."""
    errors = [line for line in stderr.splitlines() if ": 错误: " in line]
    return bool(errors) and all("还是模板中的“待填写”内容" in line for line in errors)


def data(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_new_normative_has_next_serial_doc_number_and_today(project, zwgk):
    proc = new(zwgk, "normative", "--date", DAY)
    assert proc.returncode == 0, proc.stderr
    path = project / "tasks_yaml" / "normative" / "sfbf-2026-16.yml"
    assert f"已创建 {path.relative_to(project)}" in proc.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/normative.schema.json\n")
    assert "# 文号（必填）：如 示府办发〔2023〕12号" in text and "# 有效期至（选填）：不填表示长期有效\n# expires:\n" in text
    record = data(path)
    # the demo's last 示府办发 of 2026 is 〔2026〕15号 with 索引号 …/2026-00015
    assert record["doc_number"] == "示府办发〔2026〕16号"
    assert record["index_number"] == "11511722MB00000003/2026-00016"
    assert record["issuer"] == "示例县人民政府办公室"
    assert record["written"] == record["published"] == record["effective"] == DAY
    assert record["review"] == {"first": "", "second": "", "final": ""}

    assert "# 三审（发布前必填）：" in text  # it loads without review, but is not published

    proc = check(zwgk)
    assert proc.returncode == 2, proc.stderr  # a placeholder can never reach the public
    assert "normative/sfbf-2026-16.yml:6:8: 错误: “名称”还是模板中的“待填写”内容" in proc.stderr
    assert only_placeholder_errors(proc.stderr)

    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站", encoding="utf-8")
    proc = zwgk("build", "--as-of", DAY)  # built as is
    assert proc.returncode == 2 and "“名称”还是模板中的“待填写”内容" in proc.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次的网站"


def test_second_new_document_takes_the_next_number(project, zwgk):
    new(zwgk, "normative", "--date", DAY)
    new(zwgk, "normative", "--date", DAY, "--issuer", "示例县民政局")
    proc = new(zwgk, "normative", "--date", DAY)
    assert proc.returncode == 0, proc.stderr
    second = data(project / "tasks_yaml" / "normative" / "sfbf-2026-17.yml")
    assert (second["doc_number"], second["index_number"][-5:]) == ("示府办发〔2026〕17号", "00017")
    civil = data(project / "tasks_yaml" / "normative" / "smf-2026-15.yml")  # demo: 示民发〔2026〕14号, 01014
    assert (civil["doc_number"], civil["index_number"][-5:]) == ("示民发〔2026〕15号", "01015")


def test_filled_in_template_is_published(project, zwgk):
    new(zwgk, "normative", "--date", DAY)
    path = project / "tasks_yaml" / "normative" / "sfbf-2026-16.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("待填写：文件标题，如 示例县人民政府办公室关于印发《……》的通知",
                        "示例县人民政府办公室关于印发《示例县养老服务补贴办法》的通知")
    text = text.replace("待填写：主题分类，如 民政、扶贫、救灾", "民政、扶贫、救灾")
    text = text.replace("待填写：正文（Markdown）。", "各乡镇人民政府：")
    text = text.replace('first: ""', "first: 王某某").replace('second: ""', "second: 李某某")
    text = text.replace('final: ""', "final: 张某某")
    path.write_text(text, encoding="utf-8")
    (project / "tasks_yaml" / "files").mkdir()
    for suffix in ("docx", "pdf"):
        (project / "tasks_yaml" / "files" / f"sfbf-2026-16.{suffix}").write_bytes(b"x")
    portal = load_portal(project / "tasks_yaml", dt.date(2026, 11, 22))
    assert portal.documents["sfbf-2026-16"].title.endswith("《示例县养老服务补贴办法》的通知")
    assert not [w for w in portal.warnings if "sfbf-2026-16.yml" in w.path]


@pytest.mark.parametrize("kind", list(RECORD_KINDS))
def test_template_lists_every_field_of_the_model(project, zwgk, kind):
    args = {"decisions": ["--year", "2027"], "item": ["--column", "czyjs"], "tasks": ["--year", "2027"], "unit": ["--unit", "tjj"],
            "annual-report": ["--year", "2026"], "catalogue": ["--column", "ylws"]}.get(kind, [])
    proc = new(zwgk, kind, "--date", DAY, *args)
    assert proc.returncode == 0, proc.stderr
    path = Path(project / proc.stderr.split("已创建 ", 1)[1].splitlines()[0])
    text = path.read_text(encoding="utf-8")
    for field in yaml_fields(RECORD_KINDS[kind]):
        assert f"\n{field.name}:" in text or f"\n# {field.name}:" in text, field.name
        assert f"# {field.metadata['label']}（" in text
    proc = check(zwgk)
    assert proc.returncode == 2 and only_placeholder_errors(proc.stderr)


def test_today_is_the_default_date(project, zwgk):
    proc = new(zwgk, "qa")
    assert proc.returncode == 0, proc.stderr
    assert data(project / "tasks_yaml" / "qa" / "qa-059.yml")["updated"] == dt.date.today().isoformat()  # qa-054…qa-058 are the units' (units/*/qa/)


def test_interpretation_defaults_to_newest_document_without_one(project, zwgk):
    new(zwgk, "normative", "--date", DAY)
    proc = new(zwgk, "interpretation", "--date", DAY)
    assert proc.returncode == 0, proc.stderr
    record = data(project / "tasks_yaml" / "interpretations" / "jd-sfbf-2026-16.yml")
    assert (record["of"], record["forms"]) == ("sfbf-2026-16", ["文字解读"])
    assert record["contact"]["department"] == "示例县人民政府办公室"

    proc = new(zwgk, "interpretation", "--of", "sfbf-2023-12", "--date", DAY)
    assert proc.returncode == 0, proc.stderr
    record = data(project / "tasks_yaml" / "interpretations" / "jd-sfbf-2023-12-2.yml")  # jd-sfbf-2023-12 exists
    assert record["title"] == "《示例县最低生活保障审核确认办法》政策解读"


def test_chinese_kind_names_and_other_kinds(project, zwgk):
    assert new(zwgk, "问答", "--basis", "sfbf-2023-12", "--date", DAY).returncode == 0
    assert data(project / "tasks_yaml" / "qa" / "qa-059.yml")["basis"] == ["sfbf-2023-12"]
    assert new(zwgk, "重点领域", "--column", "czyjs", "--date", DAY).returncode == 0
    assert (project / "tasks_yaml" / "items" / "czyjs" / "2026-1122.yml").is_file()
    assert new(zwgk, "任务分工", "--year", "2027", "--date", DAY).returncode == 0
    assert data(project / "tasks_yaml" / "tasks" / "2027.yml")["title"] == "示例县2027年政务公开重点工作任务分工"
    proc = check(zwgk)
    assert proc.returncode == 2 and only_placeholder_errors(proc.stderr)


@pytest.mark.parametrize("args, message", [
    (["normative", "Bad_ID"], "标识“Bad_ID”不能用作文件名和网址"),
    (["tasks", "--year", "2023"], "2023.yml 已存在，未覆盖"),
    (["item", "--column", "czyj"], "栏目“czyj”不在 columns.yml 中，也不是法定主动公开类别，是不是“czyjs”？"),
    (["item"], "用 --column 指定重点领域栏目或法定主动公开类别的标识"),
    (["interpretation", "--of", "no-such"], "规范性文件“no-such”不存在"),
    (["notice"], "不认识的记录类型“notice”"),
    (["qa", "--date", "2026-02-30"], "--date 的值有误"),
])
def test_refusals_are_explained(project, zwgk, args, message):
    proc = new(zwgk, *args)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("issuer, year, expected", [
    ("办", 2026, 16),      # the issuer's last serial this year + 1
    ("民政", 2026, 1015),
    ("民政", 2027, 1001),  # first of the year: the issuer's block
    ("林业", 2026, 1015),  # unknown issuer: the year's last serial + 1
    ("林业", 2030, 1),
    ("办", 2025, 3),       # 00002 is taken by another issuer: skipped
])
def test_next_serial(issuer, year, expected):
    documents = [
        {"issuer": "办", "index_number": "X/2026-00015"},
        {"issuer": "办", "index_number": "X/2025-00001"},
        {"issuer": "府", "index_number": "X/2025-00002"},
        {"issuer": "民政", "index_number": "X/2026-01014"},
        {"issuer": "民政", "index_number": "X/2024-01005"},
        {"issuer": "坏", "index_number": "不是索引号"},
    ]
    assert next_serial(documents, issuer, year) == expected
