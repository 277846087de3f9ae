"""Shared test helpers: copy a records fixture and change files in it."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
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
