"""Putting a finished build in place of site/: one atomic step, under a lock, cleaning up after dead builds.

A build writes to ``.site.building-<pid>`` beside ``site/``. When it is complete, the two folders are
exchanged in one ``renameat2(RENAME_EXCHANGE)`` call (Linux 3.15+, glibc 2.28+): there is no moment without a
``site/``, whenever the process is killed. The old site, now under the building name, is removed after.
Where the exchange is not available the swap falls back to two renames, and the next build puts the old
site back if a build died between them.

Builds of the same site take ``.site.lock`` (flock) for their whole length, so two cannot interleave; the
second waits. At the start, leftovers of builds whose process is gone are removed: ``.site.building-*``,
``.site.old-*`` and the search step's ``zwgk-search-<pid>-*`` folders in the temporary directory.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BuildError

FAULT_ENV = "ZWGK_FAULT"  # tests: the stage at which the build kills itself (SIGKILL), as a power cut would
SEARCH_PREFIX = "zwgk-search-"
_LEFTOVER = re.compile(r"^\.(?P<site>.+)\.(?P<kind>building|old)-(?P<pid>\d+)$")
_SEARCH_LEFTOVER = re.compile(rf"^{SEARCH_PREFIX}(?P<pid>\d+)-")


def fault_point(stage: str) -> None:
    """Die here, without any clean-up, when the tests ask for it (ZWGK_FAULT=stage)."""
    if os.environ.get(FAULT_ENV) == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def building_dir(target: Path) -> Path:
    return target.with_name(f".{target.name}.building-{os.getpid()}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(target: Path) -> list[Path]:
    """Remove what dead builds left beside target and in the temporary directory; put back a site/ that a
    build killed between the two renames of the fallback swap left only as .site.old-<pid>. Returns what
    was removed."""
    removed: list[Path] = []
    parent = target.parent
    if parent.is_dir():
        leftovers = []
        for entry in parent.iterdir():
            m = _LEFTOVER.match(entry.name)
            if m and m["site"] == target.name and not _alive(int(m["pid"])):
                leftovers.append((m["kind"], entry))
        if not target.exists():
            olds = sorted((e for kind, e in leftovers if kind == "old"), key=lambda e: e.stat().st_mtime)
            if olds:
                olds[-1].rename(target)
                leftovers = [(k, e) for k, e in leftovers if e != olds[-1]]
        for _kind, entry in leftovers:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    tmp = Path(tempfile.gettempdir())
    for entry in tmp.glob(f"{SEARCH_PREFIX}*"):
        m = _SEARCH_LEFTOVER.match(entry.name)
        if m and not _alive(int(m["pid"])):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def locked(target: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold .site.lock beside target; call waiting() once if another build holds it, then wait."""
    lock_path = target.with_name(f".{target.name}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"无法在 {target.parent} 中创建锁文件（{exc.strerror}）：请检查该目录的写权限。") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (renameat2 RENAME_EXCHANGE); False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def put_in_place(building: Path, target: Path) -> None:
    """Make the finished build the site: one atomic exchange when target exists, then remove the old one."""
    try:
        if not target.exists():
            building.rename(target)
            return
        if _exchange(building, target):
            fault_point("swap")
            shutil.rmtree(building, ignore_errors=True)  # holds the old site now
            return
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
        fault_point("swap")
        try:
            building.rename(target)
        except OSError:
            old.rename(target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise BuildError(
            f"无法替换 {target.name}/（{exc.strerror}），原有网站保持不变：请检查 {target} 及其上级目录的写权限，"
            "或是否有其他程序正占用它。"
        ) from None
