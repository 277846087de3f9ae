"""Pagefind indexing of a built site (placeholder until the Chinese-recall work lands)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import BuildError


def index_site(site_dir: Path) -> dict:
    """Run the extended Pagefind binary over site_dir; raise BuildError on failure."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"搜索索引建立失败（pagefind 退出码 {proc.returncode}）：\n{proc.stderr[-2000:]}")
    return {"output": proc.stdout}
