"""Rewriting a staff file in place, safely: a backup copy first, then an atomic replace.

Backups go to .zwgk-backup/<what>-<time>/ beside the records folder (git ignores it), keeping the file's path,
so a person can always get the original back and nothing under the records folder changes but the file itself.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

BACKUP_DIR = ".zwgk-backup"


def backup_folder(base: Path, what: str, now: dt.datetime | None = None) -> Path:
    """A new folder for this run's backups: base/.zwgk-backup/<what>-<YYYYmmdd-HHMMSS>."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(base) / BACKUP_DIR / f"{what}-{stamp}"


def replace_with_backup(path: Path, data: bytes, backups: Path, base: Path) -> Path:
    """Copy path into backups (keeping its path below base), then atomically replace it with data.

    Returns the backup's path. The file is never left half-written: the new content goes to a temporary
    file in the same folder, which is renamed over the original."""
    path = Path(path)
    try:
        rel = path.resolve().relative_to(Path(base).resolve())
    except ValueError:
        rel = Path(path.name)
    backup = Path(backups) / rel
    backup.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, backup)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return backup
