"""Shared test helpers: copy a records fixture and change files in it."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# A reviewed record's 三审 line, and a normative document of the minimal fixture's county without it
REVIEW = "review: {first: 甲某, second: 乙某, final: 丙某}\n"
DOC = (
    "title: 测试县丁办法\ndoc_number: 测府发〔2025〕9号\nindex_number: 11510000MB0000000N/2025-00009\n"
    "issuer: 测试县人民政府\ntopic: 综合政务\nwritten: 2025-01-01\npublished: 2025-01-05\n"
    "effective: 2025-02-01\n"
)
REPO = Path(__file__).resolve().parents[1]


def records_copy(tmp_path: Path, name: str = "minimal") -> Path:
    """A fresh copy of a records fixture, named tasks_yaml like the real one."""
    target = tmp_path / "tasks_yaml"
    shutil.copytree(FIXTURES / name, target)
    return target


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def project_copy(tmp_path: Path, records: str = "minimal") -> Path:
    """A project folder in tmp_path: a records fixture plus an mkdocs.yml using the repo's content and theme."""
    import yaml

    records_copy(tmp_path, records)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "content")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return tmp_path


def run_zwgk(*args: str, cwd: Path):
    """Run the zwgk CLI as a user would; returns the CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True, cwd=cwd)
