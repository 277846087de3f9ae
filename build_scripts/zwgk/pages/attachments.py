"""Attachments (Word, PDF, 图解 …) listed with their type and size (portal.files: what the site publishes)."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from .common import esc, rel

FILE_TYPES = {
    ".doc": "Word",
    ".docx": "Word",
    ".wps": "WPS",
    ".pdf": "PDF",
    ".ofd": "OFD",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".et": "WPS表格",
    ".png": "图片",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".gif": "图片",
    ".mp4": "视频",
    ".zip": "压缩包",
    ".txt": "文本",
}
def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def attachment_list(portal, from_path: str, attachments) -> str:
    """Attachments with type and size; a file not in files/ is named but not linked."""
    items = []
    for att in attachments:
        path = PurePosixPath(att.path).as_posix()
        kind = FILE_TYPES.get(
            PurePosixPath(path).suffix.lower(), PurePosixPath(path).suffix.lstrip(".").upper()
        )
        title = att.title or PurePosixPath(path).name
        size = portal.files.get(path)
        if size is None:
            items.append(
                f'<li>{esc(title)}<span class="zwgk-attachment__meta">（{esc(kind)}，文件暂未上传）</span></li>'
            )
        else:
            items.append(
                f'<li><a href="{esc(quote(rel(from_path, path)))}">{esc(title)}</a>'
                f'<span class="zwgk-attachment__meta">（{esc(kind)}，{human_size(size)}）</span></li>'
            )
    return f'<ul class="zwgk-attachments">{"".join(items)}</ul>'
