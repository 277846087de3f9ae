"""Session fixtures shared by every test file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-22"


def zwgk_build(site_dir: Path, *args: str, search: bool = True, cwd: Path = REPO) -> Path:
    """Run `zwgk build --as-of 2026-11-22 --site-dir site_dir [args]` in cwd (a project); fail the test on error."""
    cmd = [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, "--site-dir", str(site_dir), *args]
    if not search:
        cmd.append("--no-search")
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"zwgk build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return site_dir


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The demo county's site (tasks_yaml/), built once per session with search, as of 2026-11-22."""
    return zwgk_build(tmp_path_factory.mktemp("demo") / "site")


@pytest.fixture(scope="session")
def staff_site(tmp_path_factory) -> Path:
    """The demo's staff build (zwgk build --staff: audit report, guides; a few seconds), as of 2026-11-22."""
    return zwgk_build(tmp_path_factory.mktemp("demo-staff") / "site-staff", "--staff")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The records in tests/fixtures/hostile/ (HTML and JavaScript in every text field), built with search."""
    from helpers import project_copy

    project = project_copy(tmp_path_factory.mktemp("hostile"), "hostile")
    return zwgk_build(project / "site", cwd=project)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium for one test module (webtools.chromium: skips when absent)."""
    from webtools import chromium

    with chromium() as b:
        yield b
