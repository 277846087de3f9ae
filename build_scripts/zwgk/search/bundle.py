"""Post-processing of the Pagefind 1.5.2 bundle, to cut what a first query downloads.

The browser reads the bundle with zwgk-search.js, not with Pagefind's runtime
(pagefind.js and its WebAssembly, about 80 KB before any index data), so:

* **runtime files** Pagefind writes for its own UI and runtime are removed
  (:data:`RUNTIME_FILES`); ``pagefind-entry.json``, the metadata, the index,
  filter and fragment files stay, in Pagefind's formats.
* **filter summary**: ``zwgk-filters.json`` lists every filter value with its
  page count, so the search page builds its filter controls from a 1 KB file
  instead of downloading every filter chunk.

* **fragments** (one per page, fetched for each result shown) get back the
  original text: Pagefind stored the index words (bigram soup, twice the
  size); the browser re-cuts the plain text with the same rules to highlight
  matches.  Meta values are decoded too.  A fragment keeps the first
  :data:`PIECE_WORDS` words of text; the rest is written beside it in pieces
  (``<id>-<k>.pf_text``), and ``"zwgk": {"pieces": [end, ...]}`` gives the
  index position where each piece ends, so a result whose first match lies
  further on fetches that piece only.
* **page ids**: Pagefind names each page by a random 7-hex hash, and the
  metadata file every first query downloads lists all of them (about 37 KB
  of 49 KB at 5,000 pages).  The ids are blanked in the metadata and the
  fragment of page n is named ``<prefix><n>`` (n in base 36), the prefix
  being written to ``pagefind-entry.json`` as ``"zwgk": {"fragments": …}``.
  It comes from the metadata file's own content hash, so a rebuild with
  other content never reuses a name a browser may have cached.

The formats are Pagefind 1.5.2's: gzip of ``pagefind_dcd`` + CBOR (metadata)
or JSON (fragments).  Anything unexpected raises :class:`FormatError`.
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

from .rewrite import RAW_META_KEYS
from .terms import decode, units

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
FILTER_SUMMARY = "zwgk-filters.json"
# Index words (positions) per piece of page text; see split_pieces.
PIECE_WORDS = 500
# What Pagefind writes for its own runtime and UIs; nothing of the site loads them.
RUNTIME_FILES = (
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-highlight.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "wasm.*.pagefind",
)


class FormatError(ValueError):
    """Raised when a Pagefind file is not in the 1.5.2 format this module rewrites."""


# --- files ----------------------------------------------------------------------------------


def read_pagefind_file(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name}: no pagefind_dcd signature")
    return data[len(SIGNATURE) :]


def write_pagefind_file(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + payload, 9, mtime=0))


# --- CBOR (the subset Pagefind's metadata uses) ---------------------------------------------


def cbor_decode(data: bytes):
    pos = 0

    def head() -> tuple[int, int]:
        nonlocal pos
        first = data[pos]
        pos += 1
        major, info = first >> 5, first & 31
        if info < 24:
            return major, info
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
        if size is None:
            raise FormatError("indefinite-length CBOR")
        value = int.from_bytes(data[pos : pos + size], "big")
        pos += size
        return major, value

    def item():
        nonlocal pos
        major, arg = head()
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg
        if major == 3:
            text = data[pos : pos + arg].decode("utf-8")
            pos += arg
            return text
        if major == 4:
            return [item() for _ in range(arg)]
        raise FormatError(f"unexpected CBOR major type {major}")

    value = item()
    if pos != len(data):
        raise FormatError("trailing bytes after CBOR item")
    return value


def cbor_encode(value) -> bytes:
    out = bytearray()

    def head(major: int, arg: int) -> None:
        if arg < 24:
            out.append(major << 5 | arg)
        elif arg < 1 << 8:
            out.extend((major << 5 | 24, arg))
        elif arg < 1 << 16:
            out.append(major << 5 | 25)
            out.extend(arg.to_bytes(2, "big"))
        elif arg < 1 << 32:
            out.append(major << 5 | 26)
            out.extend(arg.to_bytes(4, "big"))
        else:
            out.append(major << 5 | 27)
            out.extend(arg.to_bytes(8, "big"))

    def item(v) -> None:
        if isinstance(v, bool) or v is None:
            raise FormatError("unexpected CBOR value")
        if isinstance(v, int):
            head(0, v) if v >= 0 else head(1, -1 - v)
        elif isinstance(v, str):
            raw = v.encode("utf-8")
            head(3, len(raw))
            out.extend(raw)
        elif isinstance(v, list):
            head(4, len(v))
            for x in v:
                item(x)
        else:
            raise FormatError(f"unexpected CBOR value {type(v)}")

    item(value)
    return bytes(out)


# --- the rewrite ----------------------------------------------------------------------------


def base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if n == 0:
            return s


def split_pieces(content: str, size: int = PIECE_WORDS) -> list[tuple[str, int]]:
    """Plain page text (blocks joined by newlines) cut into pieces of about ``size`` words.

    Returns [(text, end)]: ``end`` is the index position just after the piece's
    last word (positions count words as :func:`~zwgk.search.terms.units` does,
    which is how Pagefind numbered them).  Pieces end with a block where they
    can; a block of more than ``size`` words is cut before a word.
    """
    pieces: list[tuple[str, int]] = []
    current: list[str] = []  # texts of the piece being filled
    count = 0  # its words
    done = 0  # words in the pieces closed so far

    def close() -> None:
        nonlocal current, count, done
        if current:
            done += count
            pieces.append(("\n".join(current), done))
        current, count = [], 0

    for block in content.split("\n"):
        words = units(block)
        start = offset = 0  # first word and first character of what is left of the block
        while count + len(words) - start > size and len(words) - start > size // 2:
            take = size - count
            if take <= 0:
                close()
                continue
            cut = words[start + take][1]
            current.append(block[offset:cut])
            count += take
            close()
            start, offset = start + take, cut
        current.append(block[offset:])
        count += len(words) - start
        if count >= size:
            close()
    close()
    return pieces or [("", 0)]


def plain_fragment(fragment: dict) -> tuple[dict, list[str]]:
    """A fragment with its text and meta decoded, and the rest of its text in pieces.

    The fragment keeps the first piece of the text (blocks separated by
    newlines) and ``"zwgk": {"pieces": [end, ...]}``; the other pieces are
    returned, to be written beside it (see :func:`split_pieces`).
    """
    fragment = dict(fragment)
    pieces = split_pieces(decode(fragment.get("content", ""), block="\n"))
    fragment["content"] = pieces[0][0]
    fragment["meta"] = {
        k: (v if k in RAW_META_KEYS else decode(v)) for k, v in fragment.get("meta", {}).items()
    }
    fragment["anchors"] = [
        {**a, "text": decode(a.get("text", ""))} for a in fragment.get("anchors", [])
    ]
    fragment["zwgk"] = {"pieces": [end for _, end in pieces]}
    return fragment, [text for text, _ in pieces[1:]]


def _rounded_count(count: int) -> int:
    """A page's word count to about 3% (BM25 only needs the length roughly; this compresses)."""
    if count < 32:
        return count
    step = math.log(1.06)
    return round(math.exp(round(math.log(count) / step) * step))


def filter_summary(bundle: Path, filters: list) -> dict[str, dict[str, int]]:
    """{filter name: {value: number of pages}} read from the bundle's filter chunks."""
    out: dict[str, dict[str, int]] = {}
    for entry in filters:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise FormatError("unexpected filter entry in metadata")
        name, chunk = entry
        data = cbor_decode(read_pagefind_file(bundle / "filter" / f"{chunk}.pf_filter"))
        if not (isinstance(data, list) and len(data) == 2 and data[0] == name):
            raise FormatError(f"unexpected filter chunk for {name}")
        out[name] = {}
        for value in data[1]:
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
                raise FormatError(f"unexpected filter value in {name}")
            out[name][value[0]] = len(value[1])
    return out


def compact_bundle(bundle: Path) -> dict:
    """Rewrite fragments, page and chunk ids in a Pagefind bundle (see module docstring)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if entry.get("version") != PAGEFIND_VERSION:
        raise FormatError(
            f"Pagefind {entry.get('version')} wrote the bundle; this code reads {PAGEFIND_VERSION}"
        )
    languages = entry.get("languages") or {}
    if len(languages) != 1:
        raise FormatError(f"expected one language index, found {len(languages)}")
    meta_hash = next(iter(languages.values()))["hash"]
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    raw = read_pagefind_file(meta_path)
    meta = cbor_decode(raw)
    if cbor_encode(meta) != raw:
        raise FormatError("metadata does not round-trip")
    if not (
        isinstance(meta, list)
        and len(meta) == 6
        and isinstance(meta[1], list)
        and isinstance(meta[2], list)
        and isinstance(meta[3], list)
    ):
        raise FormatError("unexpected metadata layout")
    build = meta_hash.rsplit("_", 1)[-1][:4]
    fragments, index = bundle / "fragment", bundle / "index"
    sizes_before = {d: sum(p.stat().st_size for p in d.iterdir()) for d in (fragments, index)}
    meta_before = meta_path.stat().st_size
    for n, page in enumerate(meta[1]):
        if not (
            isinstance(page, list)
            and len(page) == 2
            and isinstance(page[0], str)
            and isinstance(page[1], int)
        ):
            raise FormatError("unexpected page entry in metadata")
        old = fragments / f"{page[0]}.pf_fragment"
        fragment = json.loads(read_pagefind_file(old))
        new_id = f"{build}{base36(n)}"
        plain, rest = plain_fragment(fragment)
        text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
        write_pagefind_file(fragments / f"{new_id}.pf_fragment", text.encode("utf-8"))
        for k, piece in enumerate(rest, 1):
            write_pagefind_file(fragments / f"{new_id}-{k}.pf_text", piece.encode("utf-8"))
        old.unlink()
        page[0] = ""
        page[1] = _rounded_count(page[1])
    for n, chunk in enumerate(meta[2]):
        if not (isinstance(chunk, list) and len(chunk) == 3 and isinstance(chunk[2], str)):
            raise FormatError("unexpected index chunk entry in metadata")
        new_id = f"{build}{base36(n)}"
        (index / f"{chunk[2]}.pf_index").rename(index / f"{new_id}.pf_index")
        chunk[2] = new_id
    write_pagefind_file(meta_path, cbor_encode(meta))
    entry["zwgk"] = {"fragments": build}
    (bundle / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    summary = filter_summary(bundle, meta[3])
    (bundle / FILTER_SUMMARY).write_text(
        json.dumps(summary, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        encoding="utf-8",
    )
    for pattern in RUNTIME_FILES:
        for path in bundle.glob(pattern):
            path.unlink()
    return {
        "meta_bytes": (meta_before, meta_path.stat().st_size),
        "fragment_bytes": (
            sizes_before[fragments],
            sum(p.stat().st_size for p in fragments.iterdir()),
        ),
        "index_bytes": sizes_before[index],
        "index_chunks": len(meta[2]),
    }
