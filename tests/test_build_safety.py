"""Builds killed at every stage, interrupted, run twice at once or blocked: the previous site stays whole,
and the next build leaves no leftovers (zwgk.swap)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import project_copy

from zwgk import swap
from zwgk.errors import BuildError

AS_OF = "2026-11-22"


@pytest.fixture
def project(tmp_path):
    project = project_copy(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站", encoding="utf-8")
    return project


def build(project: Path, *args: str, fault: str | None = None, wait: bool = True):
    env = {**os.environ}
    env.pop(swap.FAULT_ENV, None)
    if fault:
        env[swap.FAULT_ENV] = fault
    cmd = [sys.executable, "-m", "zwgk.cli", "build", "--as-of", AS_OF, *args]
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not wait:
        return proc
    out, err = proc.communicate(timeout=600)
    proc.stderr_text = err
    return proc


def leftovers(project: Path) -> list[str]:
    kept = {".site.lock", ".site.cache"}  # the lock and the cache of page keys (zwgk.mkdocs_build) stay
    names = [p.name for p in project.iterdir() if p.name.startswith(".site.") and p.name not in kept]
    tmp = Path(tempfile.gettempdir())
    for p in tmp.glob(f"{swap.SEARCH_PREFIX}*"):  # another process's, still running (tests run side by side), is not
        m = re.match(rf"{swap.SEARCH_PREFIX}(\d+)-", p.name)
        if not (m and swap._alive(int(m[1]))):
            names.append(p.name)
    return sorted(names)


def site_state(project: Path) -> str:
    index = project / "site" / "index.html"
    text = index.read_text(encoding="utf-8")
    if text == "上一次的网站":
        return "previous"
    assert "测试县" in text and (project / "site" / "gfxwj" / "index.html").is_file()
    return "new"


@pytest.mark.parametrize(
    "stage, search, expected",
    [
        ("pages", True, "previous"),     # pages written, search not started
        ("indexing", True, "previous"),  # inside the search step, its temporary folder in use
        ("search", True, "previous"),    # search done, not yet swapped
        ("built", False, "previous"),    # build complete, just before the swap
        ("swap", False, "new"),          # inside the swap: exchanged, old site not yet removed
    ],
)
def test_a_build_killed_at_any_stage_leaves_a_whole_site_and_the_next_build_cleans_up(
    project, stage, search, expected
):
    args = [] if search else ["--no-search"]
    killed = build(project, *args, fault=stage)
    assert killed.returncode == -signal.SIGKILL, killed.stderr_text
    assert site_state(project) == expected
    assert leftovers(project), "the kill should leave something to clean up"

    again = build(project, "--no-search")
    assert again.returncode == 0, again.stderr_text
    assert site_state(project) == "new"
    assert leftovers(project) == []


def test_fallback_swap_killed_between_its_two_renames_is_put_back_by_the_next_build(project):
    building = project / f".site.building-{os.getpid()}"
    building.mkdir()
    (building / "index.html").write_text("新网站", encoding="utf-8")
    code = (
        "import os, sys; from pathlib import Path; import zwgk.swap as s;"
        "s._exchange = lambda a, b: False;"
        f"os.environ[s.FAULT_ENV] = 'swap'; s.put_in_place(Path({str(building)!r}), Path({str(project / 'site')!r}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert not (project / "site").exists()  # what two renames risk: killed in between
    swap.sweep(project / "site")
    assert site_state(project) == "previous"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.old")] == []


def test_sigterm_is_handled_like_ctrl_c(project):
    proc = build(project, wait=False)
    deadline = time.time() + 120
    while time.time() < deadline and not list(project.glob(".site.building-*/index.html")):
        time.sleep(0.05)
    assert list(project.glob(".site.building-*")), "the build never started writing"
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err
    assert site_state(project) == "previous"
    assert leftovers(project) == []


def test_two_builds_at_once_do_not_interleave(project):
    first = build(project, "--no-search", wait=False)
    second = build(project, "--no-search", wait=False)
    results = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert all("Traceback" not in err for _out, err in results)
    assert site_state(project) == "new"
    assert leftovers(project) == []


def test_a_site_that_cannot_be_replaced_is_a_chinese_error_and_stays(project, monkeypatch):
    target = project / "site"
    building = swap.building_dir(target)
    building.mkdir()
    (building / "index.html").write_text("新网站", encoding="utf-8")

    def refuse(*args):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(swap, "_exchange", refuse)
    with pytest.raises(BuildError) as info:
        swap.put_in_place(building, target)
    assert "无法替换 site/" in str(info.value) and "原有网站保持不变" in str(info.value)
    assert site_state(project) == "previous" and not building.exists()


def test_a_build_into_a_missing_folder_is_a_chinese_error(project):
    proc = build(project, "--no-search", "--site-dir", str(project / "nowhere" / "site"))
    assert proc.returncode != 0 and "不存在" in proc.stderr_text and "Traceback" not in proc.stderr_text
