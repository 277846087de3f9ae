"""Documentation as a test: the staff guide (content/bzzn/) names every record field and CLI option,
is in the navigation, and the outputs it quotes are what zwgk really prints."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml
from zwgk import records
from zwgk.cli import build_parser, main
from zwgk.yamlnodes import yaml_fields

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "content" / "bzzn"
PAGES = sorted(GUIDE.glob("*.md"))


def guide_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PAGES)


def sections(page: Path) -> list[str]:
    """A page cut at its ## and ### headings."""
    return re.split(r"\n(?=#{2,3} )", page.read_text(encoding="utf-8"))


RECORD_CLASSES = sorted(
    {obj for obj in vars(records).values() if dataclasses.is_dataclass(obj) and yaml_fields(obj)},
    key=lambda c: c.__name__,
)


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_every_record_field_is_in_the_field_reference(cls):
    """One section of 记录字段一览 documents all the fields of each record kind together."""
    names = [f"`{fl.name}`" for fl in yaml_fields(cls)]
    best = max(sections(GUIDE / "zdyl.md"), key=lambda s: sum(n in s for n in names))
    missing = [n for n in names if n not in best]
    assert not missing, f"{cls.__name__}: add {missing} to content/bzzn/zdyl.md"


def _subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


@pytest.mark.parametrize("command", list(_subcommands()))
def test_every_command_and_option_is_documented(command):
    docs = guide_text() + (REPO / "README.md").read_text(encoding="utf-8")
    assert f"zwgk {command}" in docs, f"document `zwgk {command}` in content/bzzn/index.md"
    sub = _subcommands()[command]
    options = [o for a in sub._actions for o in a.option_strings if o not in ("-h", "--help")]
    missing = [o for o in options if not re.search(rf"`[^`\n]*{re.escape(o)}(?![\w-])[^`\n]*`", docs)]
    assert not missing, f"zwgk {command}: document {missing} in content/bzzn/ or README.md"


def test_guide_pages_are_in_the_navigation():
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    listed = set(re.findall(r"bzzn/[\w-]+\.md", str(nav)))
    assert listed == {f"bzzn/{p.name}" for p in PAGES}
    titles = [re.search(r"^title: (.+)$", p.read_text(encoding="utf-8"), re.M).group(1) for p in PAGES]
    for topic in ("新增一份规范性文件", "废止或修改一份文件", "新增一篇政策解读", "预览网站", "看懂错误信息"):
        assert topic in titles


# The outputs quoted in the guide are real ---------------------------------------------------

PROBLEM_LINE = re.compile(r"^(tasks_yaml/\S+?):\d+:\d+: (错误|警告): (.+)$")


def problems_in(lines: list[str]) -> list[str]:
    """Problem lines and the hint under each, without line:col (the demo may grow)."""
    out = []
    for i, line in enumerate(lines):
        m = PROBLEM_LINE.match(line)
        if m:
            hint = lines[i + 1].strip() if i + 1 < len(lines) and "提示:" in lines[i + 1] else ""
            out.append(f"{m.group(1)} {m.group(2)}: {m.group(3)} {hint}".strip())
    return out


def quoted_problems(*pages: str) -> list[str]:
    return [q for name in pages for q in problems_in((GUIDE / name).read_text(encoding="utf-8").splitlines())]


def printed_problems(stderr: str) -> list[str]:
    return problems_in(stderr.splitlines())


@pytest.fixture
def demo(tmp_path, monkeypatch):
    shutil.copytree(REPO / "tasks_yaml", tmp_path / "tasks_yaml", ignore=shutil.ignore_patterns("files"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "tasks_yaml"


def edit(root: Path, rel: str, old: str, new: str, encoding: str = "utf-8") -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the demo changed: {rel} no longer has {old!r}; update the guide's example"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


def zwgk(capsys, *args: str) -> str:
    capsys.readouterr()
    main(list(args))
    return capsys.readouterr().err


def test_error_examples_in_the_guide_are_real(demo, capsys):
    printed = []
    edit(demo, "normative/sfbf-2023-12.yml", "title: 示例县", "titel: 示例县")
    edit(demo, "normative/sfbf-2023-12.yml", "published: 2023-03-06", "published: 2023-02-30")
    edit(demo, "normative/sfbf-2019-18.yml", "validity: 已废止", "validity: 已废止", encoding="gbk")
    printed += printed_problems(zwgk(capsys, "check", "--as-of", "2026-11-22"))
    shutil.rmtree(demo)

    shutil.copytree(REPO / "tasks_yaml", demo, ignore=shutil.ignore_patterns("files"))
    edit(demo, "normative/sfbf-2023-12.yml", "sfbf-2026-15]", "sfbf-2026-51]")
    printed += printed_problems(zwgk(capsys, "check", "--as-of", "2026-11-22"))
    edit(demo, "normative/sfbf-2023-12.yml", "sfbf-2026-51]", "sfbf-2026-15]")
    edit(demo, "normative/sfbf-2019-18.yml", "validity: 已废止", "validity: 现行有效")
    printed += printed_problems(zwgk(capsys, "check", "--as-of", "2026-11-22"))
    path = demo / "normative" / "sfbf-2024-6.yml"
    path.write_text(path.read_text(encoding="utf-8") + "keywords:\n  - 低保\n\t- 救助\n", encoding="utf-8")
    printed += printed_problems(zwgk(capsys, "check", "--as-of", "2026-11-22"))

    quoted = quoted_problems("cw.md", "fzwj.md")
    assert len(quoted) >= 7
    missing = [q for q in quoted if q not in printed]
    assert not missing, "the guide quotes messages zwgk no longer prints:\n" + "\n".join(missing)


def test_new_normative_output_in_the_guide_is_real(demo, capsys):
    page = (GUIDE / "xzwj.md").read_text(encoding="utf-8")
    quoted = re.search(r"输出：\n\n```\n(.*?)```", page, re.S).group(1)
    printed = zwgk(capsys, "new", "normative", "--date", "2026-11-22")
    assert printed == quoted
