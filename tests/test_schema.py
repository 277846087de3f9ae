"""The editor JSON Schemas: generated from records.py, committed, referenced, and in step with the loader."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import run_zwgk
from test_load import REVIEW, doc
from zwgk.errors import Problem
from zwgk.schema import (
    KINDS,
    kind_of,
    modeline,
    modeline_fixes,
    record_yaml_files,
    schema_for,
    schema_path,
    stale_schemas,
)
from zwgk.yamlnodes import INVALID, NodeReader, compose

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "tasks_yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def yaml12(node):
    """A composed node as an editor reads it (YAML 1.2 core schema: dates stay strings, `no` is a string)."""
    if isinstance(node, yaml.MappingNode):
        return {yaml12(k): yaml12(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [yaml12(v) for v in node.value]
    value = node.value
    if not node.style:  # plain (None from PyYAML's Python parser, "" from libyaml)
        if value in ("", "~", "null", "Null", "NULL"):
            return None
        if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value.lower() == "true"
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def validator(kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(schema_path(RECORDS, kind).read_text(encoding="utf-8")))


def test_committed_schemas_match_the_model():
    stale = stale_schemas(RECORDS)
    assert not stale, f"records.py changed: run `zwgk schema` to regenerate {[p.name for p in stale]}"


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_valid_draft7_with_chinese_help(kind):
    schema = schema_for(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    assert CJK.search(schema["title"])
    objects = [schema, *schema.get("definitions", {}).values()]
    for obj in objects:
        for name, prop in obj["properties"].items():
            assert CJK.search(prop["title"]), (kind, name)
            assert CJK.search(prop["description"]) and f"`{name}`" in prop["markdownDescription"], (kind, name)

    def patterned(node):
        if isinstance(node, dict):
            if "pattern" in node:
                yield node
            for value in node.values():
                yield from patterned(value)
        elif isinstance(node, list):
            for value in node:
                yield from patterned(value)

    # the editor shows patternErrorMessage instead of the regular expression
    assert all(CJK.search(n.get("patternErrorMessage", "")) for n in patterned(schema))


def test_every_record_file_references_its_schema():
    files = record_yaml_files(RECORDS)
    assert len(files) > 40
    assert not modeline_fixes(RECORDS), "run `zwgk schema` to add the first-line schema comment"
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (path.parent / target).resolve() == schema_path(RECORDS, kind_of(RECORDS, path)).resolve()


def test_modeline_depth_per_folder():
    def line(rel):
        return modeline(RECORDS, RECORDS / rel)

    assert line("portal.yml").endswith("=schemas/portal.schema.json")
    assert line("normative/x.yml").endswith("=../schemas/normative.schema.json")
    assert line("tasks/2023.yml").endswith("=../schemas/tasks.schema.json")
    assert line("items/czyjs/x.yml").endswith("=../../schemas/item.schema.json")
    assert line("files/x.yml") is None


def test_vscode_settings_map_every_schema_to_its_files():
    """Files without the first-line comment (a new file made by hand) still get completion in VS Code."""
    import fnmatch

    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = {Path(k).name: v for k, v in settings["yaml.schemas"].items()}
    assert set(mapping) == {schema_path(RECORDS, kind).name for kind in KINDS}
    for path in record_yaml_files(RECORDS):
        rel = path.relative_to(REPO).as_posix()
        globs = mapping[f"{kind_of(RECORDS, path)}.schema.json"]
        assert any(fnmatch.fnmatch(rel, g) for g in ([globs] if isinstance(globs, str) else globs)), rel
    assert settings["[yaml]"]["editor.insertSpaces"] and settings["files.encoding"] == "utf8"


def test_demo_records_validate_against_their_schema():
    files = record_yaml_files(RECORDS)
    kinds = {kind_of(RECORDS, p) for p in files}
    assert {"portal", "columns", "normative", "interpretation", "tasks"} <= kinds
    for path in files:
        data = yaml12(yaml.compose(path.read_text(encoding="utf-8")))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator(kind_of(RECORDS, path)).iter_errors(data)]
        assert not errors, f"{path.relative_to(REPO)}: {errors[:3]}"


# The schema accepts exactly what the loader accepts ------------------------------------

TASKS = "year: {year}\ntitle: 分工\nsections:\n  - title: 一、公开\n    tasks:\n      - requirement: 做好。\n{task}"


def normative(**changes) -> str:
    """test_load's valid document; a value None removes the field, "null" leaves it empty."""
    return doc(**changes)


def task(year="2023", **fields) -> str:
    return TASKS.format(year=year, task="".join(f"        {k}: {v}\n" for k, v in fields.items()))


AGREEMENT = [
    ("normative", normative(), True),
    ("normative", normative(published="2025年1月5日"), True),
    ("normative", normative(published="２０２５-０１-０５"), True),
    ("normative", normative(published="2025/1/5"), True),
    ("normative", normative(published="2025.1.5"), True),
    ("normative", normative(published="2025年1月5号"), True),
    ("normative", normative(published="二〇二五年一月五日"), True),
    ("normative", normative(published="二〇二五年一月"), False),
    ("normative", normative(published="1月5日"), False),
    ("normative", normative(published="昨天"), False),
    ("normative", normative(published="null"), False),
    ("normative", normative(published=None), False),
    ("normative", normative(expires="null"), True),
    ("normative", normative(expires="长期"), False),
    ("normative", normative(validity="现行有效"), True),
    ("normative", normative(validity="有效"), False),
    ("normative", normative(amends="[sfbf-2023-12]"), True),
    ("normative", normative(amends="sfbf-2023-12"), False),
    ("normative", normative(repealed_by="null"), True),
    ("normative", normative(keywords="低保"), False),
    ("normative", normative(body="null"), True),
    ("normative", normative(body="|\n  第一条 ……"), True),
    ("normative", normative(attachments="[{path: files/x.pdf}]"), True),
    ("normative", normative(attachments="[{path: ../x.pdf}]"), False),
    ("normative", normative(attachments="[{path: /etc/x.pdf}]"), False),
    ("normative", normative(attachments="[{title: 正式文本}]"), False),
    ("normative", normative(titel="错字"), False),
    ("normative", normative(doc_number="测府发[2025]9号"), True),
    ("normative", normative(title="2025"), True),
    ("normative", doc().replace(REVIEW, "review: {first: 甲某}\n"), True),
    ("normative", doc().replace(REVIEW, "review:\n"), False),
    ("normative", doc().replace(REVIEW, "review: {first: 甲某, fourth: 乙某}\n"), False),
    ("tasks", task(), True),
    ("tasks", task(year='"２０２３"'), True),
    ("tasks", task(year="二〇二三"), False),
    ("tasks", task(lead="县财政局、县民政局"), True),
    ("tasks", task(lead="[县财政局]"), True),
    ("tasks", task(lead="{县财政局: 牵头}"), False),
    ("tasks", task(no="1"), True),
    ("tasks", task(no="1.1"), True),
    ("tasks", task(deadline="年底前", status="推进中"), True),
    ("tasks", task(status="差不多"), False),
    ("tasks", task(evidence="[gfxwj/]"), True),
    ("tasks", task(evidence="[http://example.com/]"), False),
    ("tasks", task(evidence="[/gfxwj/]"), False),
    ("tasks", task(evidence="[../x/]"), False),
    ("tasks", "year: 2023\ntitle: 分工\n", False),
    ("qa", "question: 问？\nanswer: 答。\ntopic: 养老\nupdated: 2024-1-5\n", True),
    ("qa", "question: 问？\nanswer:\ntopic: 养老\nupdated: 2024-01-05\n", True),
    ("qa", "question: 问？\nanswer: 答。\ntopic: 旅游\nupdated: 2024-01-05\n", False),
    ("interpretation", "of: a-1\ntitle: 解读\npublished: 2024-01-05\nforms: [图解, 视频]\n", True),
    ("interpretation", "of: a-1\ntitle: 解读\npublished: 2024-01-05\nforms: [漫画]\n", False),
    ("interpretation", "of: a-1\ntitle: 解读\npublished: 2024-01-05\ncontact: {person: 刘某某}\n", False),
    ("portal", "name: 县\nagency: 办\naudit: {similarity_max: 0.6, veto_empty_columns: '5'}\n", True),
    ("portal", "name: 县\nagency: 办\naudit: {similarity_max: 高}\n", False),
    ("portal", "name: 县\nagency: 办\nannual_report: [{year: 2025, normative_valid: 27}]\n", True),
    ("columns", "columns:\n  - {id: czyjs, title: 财政预决算, kind: 政策文件, interval_days: 365}\n", True),
    ("columns", "columns:\n  - {id: czyjs, title: 财政预决算, kind: 专题}\n", False),
    ("item", "title: 预算公开\npublished: 2026-02-10\n", True),
    ("item", "title: 预算公开\npublished:\n", True),
]


@pytest.mark.parametrize("kind, text, accepted", AGREEMENT)
def test_schema_and_loader_agree(kind, text, accepted):
    problems: list[Problem] = []
    node = compose(text, "x.yml", problems)
    record = NodeReader("x.yml", problems).read(node, KINDS[kind][0], kind)
    errors = [p.format() for p in problems if p.severity == "错误"]
    assert (record is not INVALID and not errors) == accepted, errors
    schema_errors = [e.message for e in validator(kind).iter_errors(yaml12(node))]
    assert (not schema_errors) == accepted, schema_errors


# zwgk schema -----------------------------------------------------------------------------


def test_zwgk_schema_check_and_regenerate(tmp_path):
    root = tmp_path / "tasks_yaml"
    shutil.copytree(RECORDS, root, ignore=shutil.ignore_patterns("files"))
    run_zwgk("schema", "--records", str(root), cwd=tmp_path)
    proc = run_zwgk("schema", "--check", "--records", str(root), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr

    schema_path(root, "qa").write_text("{}", encoding="utf-8")
    doc = root / "normative" / "sfbf-2023-12.yml"
    doc.write_text(doc.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    proc = run_zwgk("schema", "--check", "--records", str(root), cwd=tmp_path)
    assert proc.returncode == 2
    assert "qa.schema.json" in proc.stderr and "sfbf-2023-12.yml:1:1" in proc.stderr

    proc = run_zwgk("schema", "--records", str(root), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not stale_schemas(root) and not modeline_fixes(root)
    assert doc.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/normative.schema.json\ntitle: ")
