"""The files under files/ that the site publishes: regular files inside the folder that a published record names.

Nothing else under the records folder reaches the site: a symbolic link is an error (it could point anywhere on
the build machine), and a file no record names is listed as a warning and left out.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from pathlib import Path, PurePosixPath

from .derived import per_record
from .errors import Problem
from .records import ProjectFile, SitePath

FOLDER = "files"
# files/… written in a record: an attachment path, a task's evidence, or a link in a Markdown body (../../files/…)
_REFERENCE = re.compile(r"(?<![\w.-])(?:\.\./|\./|/)*files/([^\s)\"'<>#?]+)")


def scan(root: Path) -> tuple[dict[str, int], list[Problem]]:
    """{'files/…': size} of every regular file under root/files, and an error for each symbolic link there."""
    folder = Path(root) / FOLDER
    found: dict[str, int] = {}
    problems: list[Problem] = []
    if not folder.is_dir() or folder.is_symlink():
        return found, problems
    for dirpath, dirnames, filenames in os.walk(folder):  # never follows links
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = base / name
            rel = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                problems.append(Problem(f"{Path(root).name}/{rel}", 1, 1, "附件目录中有符号链接，不予发布",
                                        "把文件本身（而不是链接）放进 files/；链接可能指向服务器上的任何文件"))
            elif name in filenames and path.is_file() and not name.startswith("."):
                found[rel] = path.stat().st_size
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return found, problems


def references(records) -> set[str]:
    """Every 'files/…' path the given records name, in any text field at any depth."""
    found: set[str] = set()
    for record in records:
        found |= per_record(record, "files", lambda: _references(record))
    return found


def _references(record) -> frozenset[str]:
    found: set[str] = set()

    def walk(value):
        if isinstance(value, (ProjectFile, SitePath)):  # a path field: the whole value, whatever it holds
            path = PurePosixPath(value.split("#", 1)[0] if isinstance(value, SitePath) else value).as_posix()
            if path.startswith(FOLDER + "/"):
                found.add(path)
        elif isinstance(value, str):
            if "files/" in value:
                found.update(FOLDER + "/" + m.group(1).rstrip(".,;，。；") for m in _REFERENCE.finditer(value))
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif (names := _field_names(type(value))) is not None:
            for name in names:
                walk(getattr(value, name))

    walk(record)
    return frozenset(found)


@functools.cache
def _field_names(cls) -> tuple[str, ...] | None:
    """The fields of a record class (a dataclass), or None for any other type."""
    return tuple(fl.name for fl in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def unreferenced(root: Path, present: dict[str, int], named: set[str]) -> list[Problem]:
    """A warning for each file in files/ that no record names: it is not published."""
    return [
        Problem(f"{Path(root).name}/{path}", 1, 1, "没有任何记录引用这个附件，不会发布到网站",
                "在记录的 attachments 中列出它；不再需要的文件请删除", "警告")
        for path in sorted(set(present) - named)
    ]
