"""Text encodings staff files arrive in: UTF-8 (with or without BOM), UTF-16 from Notepad, GBK/GB18030.

Records are UTF-8. A byte-order mark makes UTF-8 and UTF-16 unambiguous, so those are read.
GBK is only a guess (almost any bytes decode as GB18030), so the loader explains it and
`zwgk fix-encoding` converts it when the decoded text reads as Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Chinese characters and what Chinese text uses beside them: “”—…·×①○ and full-width forms
_CHINESE = re.compile(r"[\u00b7\u00d7\u2010-\u206f\u2460-\u24ff\u25a0-\u25ff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
NAMES = {"utf-8": "UTF-8", "utf-8-bom": "UTF-8（带 BOM）", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
         "gb18030": "GBK/GB18030"}


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was found in (``text`` is None when unknown)."""

    text: str | None
    encoding: str | None
    bad_line: int = 1  # where UTF-8 decoding failed, for the message


def looks_chinese(text: str) -> bool:
    """Most non-ASCII characters are Chinese characters or Chinese punctuation."""
    wide = [ch for ch in text if ord(ch) > 127]
    return not wide or sum(1 for ch in wide if _CHINESE.match(ch)) >= 0.9 * len(wide)


def decode(data: bytes, *, guess_gbk: bool = False) -> Decoded:
    """UTF-8 or BOM-marked text; GB18030 only with ``guess_gbk`` and when it reads as Chinese."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), "utf-8-bom" if codec == "utf-8" else codec)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return Decoded(None, None, line)
    if looks_chinese(text):
        return Decoded(text if guess_gbk else None, "gb18030", line)
    return Decoded(None, None, line)


# Files that are never text, whatever their name: Office (zip and OLE), PDF, images, archives
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
                 b"Rar!", b"7z\xbc\xaf", b"\x7fELF")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def is_text(data: bytes, found: Decoded) -> bool:
    """Whether decoded bytes are a text file: no binary signature and no control characters in the text."""
    if data.startswith(_BINARY_MAGIC):
        return False
    return found.text is None or not _CONTROL.search(found.text)


def convert_to_utf8(path: Path, backups: Path, base: Path) -> Decoded:
    """Rewrite a text file as UTF-8 without BOM (line endings kept) when its encoding is known.

    Returns what was found; the file is only written when it was not plain UTF-8 already, after a copy of
    the original is put in backups (zwgk.safewrite). A file that is not text is never written (encoding None).
    """
    from .safewrite import replace_with_backup

    data = path.read_bytes()
    found = decode(data, guess_gbk=True)
    if not is_text(data, found):
        return Decoded(None, "binary")
    if found.text is not None and found.encoding != "utf-8":
        replace_with_backup(path, found.text.encode("utf-8"), backups, base)
    return found
