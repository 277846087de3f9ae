"""搜索同义词 (tasks_yaml/search_terms.yml): data staff edit, checked with file and line, built to search/terms.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import records_copy, write
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.schema import kind_of, stale_schemas
from zwgk.synonyms import DEFAULT_GROUPS, TERMS_URI

REPO = Path(__file__).resolve().parents[1]


def test_without_the_file_the_common_abbreviations_are_used(tmp_path):
    root = records_copy(tmp_path)
    assert not (root / "search_terms.yml").exists()
    groups = load_records(root).search_terms
    assert ["低保", "最低生活保障"] in groups and ["公租房", "公共租赁住房"] in groups
    assert groups == [list(g) for g in DEFAULT_GROUPS]
    for group in DEFAULT_GROUPS:  # no word holds another of its group: it would add nothing
        assert not [(a, b) for a in group for b in group if a != b and a in b], group


def test_the_file_replaces_the_defaults(tmp_path):
    root = records_copy(tmp_path)
    write(root, "search_terms.yml", "groups:\n  - words: [一件事, 一件事一次办]\n  - words: [低保, 最低生活保障, 12345]\n")
    assert load_records(root).search_terms == [["一件事", "一件事一次办"], ["低保", "最低生活保障", "12345"]]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("groups:\n  - words: [低保]\n", 2, "同义词组至少要有两个不同的词"),
        ("groups:\n  - words: [低保, 低保]\n", 2, "同义词组至少要有两个不同的词"),
        ("groups:\n  - words: [低保, 最低生活保障]\n  - words: [医保, 低保]\n", 3, "“低保”已在第 2 行的同义词组中"),
        ("groups:\n  - words: [低保, '城乡低保、特困']\n", 2, "含有空格、逗号、顿号等标点"),
        ("groups:\n  - words: 低保\n", 2, ""),
        ("groups:\n  - word: [低保, 最低生活保障]\n", 2, ""),
    ],
)
def test_mistakes_are_errors_with_file_and_line(tmp_path, text, line, message):
    root = records_copy(tmp_path)
    write(root, "search_terms.yml", text)
    with pytest.raises(RecordError) as info:
        load_records(root)
    found = [p for p in info.value.problems if p.path == "tasks_yaml/search_terms.yml" and p.severity == "错误"]
    assert found and found[0].line == line and message in found[0].message, [p.format() for p in found]


def test_the_demo_file_has_its_schema_and_the_schema_is_current():
    root = REPO / "tasks_yaml"
    assert kind_of(root, root / "search_terms.yml") == "search_terms"
    assert (root / "search_terms.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/search_terms.schema.json\n"
    )
    assert root / "schemas" / "search_terms.schema.json" not in stale_schemas(root)
    schema = json.loads((root / "schemas" / "search_terms.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["groups"]["title"] == "同义词组"


def test_the_built_site_carries_the_groups_for_the_search_page(built_site):
    groups = json.loads((built_site / TERMS_URI).read_text(encoding="utf-8"))
    assert groups == load_records(REPO / "tasks_yaml").search_terms
    assert ["低保", "最低生活保障"] in groups
