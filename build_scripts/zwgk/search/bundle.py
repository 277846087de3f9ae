"""Post-processing of the Pagefind 1.5.2 bundle, to cut what a first query downloads.

The browser reads the bundle with zwgk-search.js, not with Pagefind's runtime
(pagefind.js and its WebAssembly, about 80 KB before any index data), so:

* **runtime files** Pagefind writes for its own UI and runtime are removed
  (:data:`RUNTIME_FILES`).  ``pagefind-entry.json``, the metadata, the index,
  filter and fragment files stay, in Pagefind's encodings; what changes in
  their content is listed below.
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
* **frequent words alone**: Pagefind fills index chunks by position count, so
  a rare word can share a chunk with a word found on every page (``2022ꙮ年``,
  ``示例县``) and a query for it downloads both.  Large chunks are split so
  that each such word has a chunk of its own (:func:`split_chunk`).
* **letter/digit runs**: ``index/<prefix>-runs.pf_runs`` lists every
  distinct run of letters or digits the index words start with, one a line
  (``"zwgk": {"runs": …}`` names it), so the browser finds the middle of a
  run (a 索引号's MB00000003) without reading every index chunk.
* **chunk groups**: the metadata lists one entry per group of
  :data:`CHUNK_GROUP` index chunks (``index/<id>.pf_group``, each a CBOR list
  of ``[from, to, chunk id]`` as Pagefind wrote them) instead of every chunk,
  so the list a first query must load stays small when chunks are small.
* **page ids**: Pagefind names each page by a random 7-hex hash, and the
  metadata file every first query downloads lists all of them (about 37 KB
  of 49 KB at 5,000 pages).  The ids are blanked in the metadata (where
  ``"d"`` marks a document in force and ``"x"`` one that is not, see
  :func:`standing`) and the
  fragment of page n is named ``<prefix><n>`` (n in base 36), the prefix
  being written to ``pagefind-entry.json`` as ``"zwgk": {"fragments": …}``.
  It comes from the metadata's content digest, so a rebuild with other
  content never reuses a name a browser may have cached.
* **index parts**: a large site is indexed by several Pagefind runs (``search.PART_PAGES`` pages
  each, to bound Pagefind's memory); :func:`compact_bundle` joins them into one bundle: pages in
  part order, filters and the date order merged, each part's index chunks listed in chunk groups of
  their own with the number of pages before the part (``[from, to, id, offset]``), so a word found
  in several parts has its postings joined in the browser and ranks as in one index.
* **same input, same bundle**: Pagefind writes filter chunks in hash-map
  order, different on every run; they are rewritten sorted and named by
  their content (:func:`normalise_filters`), and the metadata file is named
  by its digest, so two builds of the same records are identical byte for
  byte.

The formats are Pagefind 1.5.2's: gzip of ``pagefind_dcd`` + CBOR (metadata)
or JSON (fragments).  Anything unexpected raises :class:`FormatError`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .rewrite import RAW_META_KEYS
from .terms import PAD, WORD, char_class, decode, decode_counted, han_between, unit_count, units

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
FILTER_SUMMARY = "zwgk-filters.json"
# An index chunk file larger than this is split so that each very frequent word in it
# (one holding a third of the chunk or more) sits alone; see split_chunk.
SPLIT_CHUNK_BYTES = 16 * 1024
# Index chunks listed per group file (see the module docstring).
CHUNK_GROUP = 64
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


# What a page is as a normative document, from its filters: the mark it carries in place of
# its id in the metadata, by which the browser ranks documents in force above those no longer
# or not yet in force of comparable relevance (zwgk-search.js STANDING).
VALIDITY_FILTER = "有效性"
IN_FORCE = frozenset({"现行有效", "已修改"})  # an amended document is in force, as amended
OUT_OF_FORCE = frozenset({"已废止", "已失效", "尚未生效"})
VERSION_FILTER, EARLIER_TEXT = "文本版本", "历史文本"  # a document's earlier text (its own page)
IN_FORCE_MARK, OUT_OF_FORCE_MARK = "d", "x"


def standing(fragment: dict) -> str:
    """IN_FORCE_MARK, OUT_OF_FORCE_MARK or "" (not a normative document) for a Pagefind fragment."""
    filters = fragment.get("filters") or {}
    validity = set(filters.get(VALIDITY_FILTER) or [])
    if EARLIER_TEXT in (filters.get(VERSION_FILTER) or []) or (validity and validity <= OUT_OF_FORCE):
        return OUT_OF_FORCE_MARK
    return IN_FORCE_MARK if validity and validity <= IN_FORCE else ""


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
        out.extend(_encode_head(major, arg))

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


def split_pieces(content: str, size: int = PIECE_WORDS, words: int | None = None) -> list[tuple[str, int]]:
    """Plain page text (blocks joined by newlines) cut into pieces of about ``size`` words.

    Returns [(text, end)]: ``end`` is the index position just after the piece's
    last word (positions count words as :func:`~zwgk.search.terms.units` does,
    which is how Pagefind numbered them).  Pieces end with a block where they
    can; a block of more than ``size`` words is cut before a word.  ``words``: the text's word count
    when known (:func:`~zwgk.search.terms.decode_counted`), which spares cutting a short text again.
    """
    if words is not None and words < size:
        return [(content, words)]
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
        n = unit_count(block)
        words = None  # the block's words, made only for a block cut in two
        start = offset = 0  # first word and first character of what is left of the block
        while count + n - start > size and n - start > size // 2:
            take = size - count
            if take <= 0:
                close()
                continue
            words = words or units(block)
            cut = words[start + take][1]
            current.append(block[offset:cut])
            count += take
            close()
            start, offset = start + take, cut
        current.append(block[offset:])
        count += n - start
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
    text, words = decode_counted(fragment.get("content", ""), block="\n")
    pieces = split_pieces(text, words=words)
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


_INT_BYTES = [0] * 24 + [1, 2, 4, 8, 0, 0, 0, 0]


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    """(major type, argument, position after) of the CBOR item head at pos."""
    first = data[pos]
    info = first & 31
    if info < 24:
        return first >> 5, info, pos + 1
    size = _INT_BYTES[info]
    if not size:
        raise FormatError("unexpected CBOR head in an index chunk")
    return first >> 5, int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def chunk_words(payload: bytes) -> list[tuple[str, int, int]]:
    """(word, start, end) byte spans of the word entries of an index chunk's CBOR payload.

    The payload is ``[[[word, [pages …], [..]], …]]``; each entry's bytes are kept
    whole, so entries can be regrouped without decoding their pages.
    """
    major, count, pos = _head(payload, 0)
    if (major, count) != (4, 1):
        raise FormatError("unexpected index chunk layout")
    major, words, pos = _head(payload, pos)
    if major != 4:
        raise FormatError("unexpected index chunk layout")
    out = []
    for _ in range(words):
        start = pos
        major, arity, pos = _head(payload, pos)
        major_w, length, pos = _head(payload, pos)
        if major != 4 or arity < 2 or major_w != 3:
            raise FormatError("unexpected word entry in an index chunk")
        word = payload[pos : pos + length].decode("utf-8")
        pos += length
        todo = arity - 1  # skip the rest of the entry, however deep
        while todo:
            major, arg, pos = _head(payload, pos)
            todo -= 1
            if major == 4:
                todo += arg
            elif major in (2, 3):
                pos += arg
            elif major not in (0, 1):
                raise FormatError("unexpected CBOR item in an index chunk")
        out.append((word, start, pos))
    if pos != len(payload):
        raise FormatError("trailing bytes in an index chunk")
    return out


def _encode_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for size, info in ((1, 24), (2, 25), (4, 26), (8, 27)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise FormatError("CBOR argument too large")


def split_chunk(payload: bytes) -> list[tuple[str, str, bytes]]:
    """An index chunk cut so that every word holding a third of it or more is alone.

    Returns [(first word, last word, payload)] in order; a chunk with no such
    word, or with one word only, comes back as one piece.
    """
    words = chunk_words(payload)
    big = len(payload) // 3
    runs: list[list[tuple[str, int, int]]] = []
    for entry in words:
        alone = entry[2] - entry[1] >= big
        if alone or not runs or runs[-1][-1][2] - runs[-1][-1][1] >= big:
            runs.append([entry])
        else:
            runs[-1].append(entry)
    return [
        (
            run[0][0],
            run[-1][0],
            _encode_head(4, 1)
            + _encode_head(4, len(run))
            + b"".join(payload[s:e] for _, s, e in run),
        )
        for run in runs
    ]


def _split_large_chunks(index: Path, chunks: list) -> list:
    """The chunk list with every chunk over SPLIT_CHUNK_BYTES split (see split_chunk)."""
    out = []
    for chunk in chunks:
        if not (isinstance(chunk, list) and len(chunk) == 3 and isinstance(chunk[2], str)):
            raise FormatError("unexpected index chunk entry in metadata")
        path = index / f"{chunk[2]}.pf_index"
        if path.stat().st_size <= SPLIT_CHUNK_BYTES:
            out.append(chunk)
            continue
        payload = read_pagefind_file(path)
        pos = _head(payload, 0)[2]
        if _head(payload, pos)[1] < 2:  # one word: nothing to split, no need to walk it
            out.append(chunk)
            continue
        pieces = split_chunk(payload)
        if len(pieces) == 1:
            out.append(chunk)
            continue
        path.unlink()
        for k, (first, last, payload) in enumerate(pieces):
            piece_id = f"{chunk[2]}-{k}"
            write_pagefind_file(index / f"{piece_id}.pf_index", payload)
            out.append(
                [chunk[0] if k == 0 else first, chunk[1] if k == len(pieces) - 1 else last, piece_id]
            )
    return out


def letter_digit_runs(index: Path, chunks: list) -> list[str]:
    """Every distinct letter/digit run the index words start with (11511722mb00000003, 2023 …), sorted.

    The browser looks in this list for the middle of a run (MB00000003) and then looks the runs
    that hold it up as words: the list is a fraction of the index chunks it would otherwise read.
    chunks: the metadata's [first word, last word, id] of every index chunk, in word order; a chunk
    whose words all start with Han characters (most of them) is not read.
    """
    runs = set()
    for first, last, chunk_id, *_offset in chunks:
        if first and last and han_between(first[0], last[0]):
            continue
        for word, _, _ in chunk_words(read_pagefind_file(index / f"{chunk_id}.pf_index")):
            if char_class(word[0]) == WORD:
                runs.add(word.split(PAD, 1)[0])
    return sorted(runs)


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


def normalise_filters(parts: list[tuple[Path, list, int]], bundle: Path, language: str) -> list:
    """Filter chunks with their values (and each value's pages) in sorted order, named by their content,
    and listed by name: Pagefind writes them in an order that changes from run to run.  parts: each
    Pagefind bundle's folder, its metadata's filter list and the number of pages before it; the merged
    chunks are written to bundle."""
    merged: dict[str, dict[str, list[int]]] = {}
    for folder, filters, offset in parts:
        for entry in filters:
            if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
                raise FormatError("unexpected filter entry in metadata")
            name, chunk = entry
            old = folder / "filter" / f"{chunk}.pf_filter"
            data = cbor_decode(read_pagefind_file(old))
            if not (isinstance(data, list) and len(data) == 2 and data[0] == name and isinstance(data[1], list)):
                raise FormatError(f"unexpected filter chunk for {name}")
            values = merged.setdefault(name, {})
            for value, pages in data[1]:
                values.setdefault(value, []).extend(page + offset for page in pages)
            old.unlink()
    out = []
    for name, values in merged.items():
        payload = cbor_encode([name, sorted(([v, sorted(pages)] for v, pages in values.items()), key=lambda v: v[0])])
        new_id = f"{language}_{hashlib.sha256(payload).hexdigest()[:7]}"
        write_pagefind_file(bundle / "filter" / f"{new_id}.pf_filter", payload)
        out.append([name, new_id])
    return sorted(out)


def _sort_key(value: str):
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def merge_sorts(sorts: list[tuple[list, int]], metas: list[dict]) -> list:
    """The parts' sort orders ([name, [page, …]] each, pages numbered within the part) as one order over
    all pages. A value is read from the page's meta of the same name (zwgk-search-meta.html writes the date
    both ways); equal values keep part and part order."""
    names = sorted({name for part, _ in sorts for name, _order in part})
    out = []
    for name in names:
        ranked = []
        for part, (entries, offset) in enumerate(sorts):
            for name_here, order in entries:
                if name_here != name:
                    continue
                for rank, page in enumerate(order):
                    value = metas[page + offset].get(name)
                    if value is None:
                        raise FormatError(f"sort {name} needs a meta of the same name to join index parts")
                    ranked.append((_sort_key(value), part, rank, page + offset))
        out.append([name, [page for *_, page in sorted(ranked)]])
    return out


def _compact_fragment(job: tuple[Path, str, Path, str]):
    """One page's fragment made readable and split (plain_fragment) under its new id in out; its standing
    and its decoded meta."""
    fragments, old_id, out, new_id = job
    old = fragments / f"{old_id}.pf_fragment"
    fragment = json.loads(read_pagefind_file(old))
    plain, rest = plain_fragment(fragment)
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    # written over Pagefind's file and moved under its new name: no file made and none deleted (making a
    # file costs more the more were deleted just before, on a file system that avoids reusing them at once)
    write_pagefind_file(old, text.encode("utf-8"))
    old.rename(out / f"{new_id}.pf_fragment")
    for k, piece in enumerate(rest, 1):
        write_pagefind_file(out / f"{new_id}-{k}.pf_text", piece.encode("utf-8"))
    return standing(fragment), plain["meta"]


def _read_bundle(bundle: Path) -> tuple[dict, Path, list]:
    """A Pagefind bundle's entry, metadata file and metadata, checked."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if entry.get("version") != PAGEFIND_VERSION:
        raise FormatError(
            f"Pagefind {entry.get('version')} wrote the bundle; this code reads {PAGEFIND_VERSION}"
        )
    languages = entry.get("languages") or {}
    if len(languages) != 1:
        raise FormatError(f"expected one language index, found {len(languages)}")
    meta_path = bundle / f"pagefind.{next(iter(languages.values()))['hash']}.pf_meta"
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
    for page in meta[1]:
        if not (isinstance(page, list) and len(page) == 2 and isinstance(page[0], str) and isinstance(page[1], int)):
            raise FormatError("unexpected page entry in metadata")
    return entry, meta_path, meta


def compact_bundle(bundle: Path, parts: list[Path] = ()) -> dict:
    """Rewrite fragments, page and chunk ids in a Pagefind bundle (see module docstring).

    parts: more bundles Pagefind wrote of other pages of the same site (search/__init__.py indexes a large
    site in parts, to bound its memory), joined into bundle as one index: their pages follow bundle's, and
    their index chunks, listed in chunk groups of their own, carry the number of pages before them."""
    entry, meta_path, meta = _read_bundle(bundle)
    others = [_read_bundle(Path(part)) for part in parts]
    language = meta_path.name.split(".")[1].rsplit("_", 1)[0]
    for _entry, other_path, _meta in others:
        if other_path.name.split(".")[1].rsplit("_", 1)[0] != language:
            raise FormatError("index parts of different languages")
    folders = [bundle, *map(Path, parts)]
    metas = [meta, *(m for _e, _p, m in others)]
    offsets = [sum(len(m[1]) for m in metas[:k]) for k in range(len(metas))]
    meta[3] = normalise_filters([(f, m[3], o) for f, m, o in zip(folders, metas, offsets)], bundle, language)
    own_pages, own_chunks, own_sorts = [m[1] for m in metas], [m[2] for m in metas], [m[4] for m in metas]
    if others:  # one metadata for all: pages in part order; their meta keys; each part's chunks for now
        meta[1] = [page for pages in own_pages for page in pages]
        meta[5] = sorted({key for m in metas for key in m[5]})
        meta[2] = [chunk for chunks in own_chunks for chunk in chunks]
    # Pagefind names pages and chunks by their content, but writes filters in hash-map order: with those
    # sorted, the metadata's own digest names this build the same way each time the input is the same.
    build = hashlib.sha256(cbor_encode(meta)).hexdigest()[:4]
    fragments, index = bundle / "fragment", bundle / "index"
    sizes_before = {
        name: sum(p.stat().st_size for f in folders for p in (f / name).iterdir()) for name in ("fragment", "index")
    }
    meta_before = meta_path.stat().st_size + sum(p.stat().st_size for _e, p, _m in others)
    jobs = []
    for folder, pages, offset in zip(folders, own_pages, offsets):
        for n, page in enumerate(pages):
            jobs.append((folder / "fragment", page[0], fragments, f"{build}{base36(offset + n)}"))
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) >= 400 and workers > 1:  # decoding every page's text back: the bulk of this step
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_compact_fragment, jobs, chunksize=64))
    else:
        done = [_compact_fragment(job) for job in jobs]
    for page, (value, _page_meta) in zip(meta[1], done):
        page[0] = value
        page[1] = _rounded_count(page[1])
    if others:
        meta[4] = merge_sorts(list(zip(own_sorts, offsets)), [page_meta for _v, page_meta in done])
    chunks, groups = [], []
    for folder, part_chunks, offset in zip(folders, own_chunks, offsets):
        own = _split_large_chunks(folder / "index", part_chunks)
        for chunk in own:
            new_id = f"{build}{base36(len(chunks))}"
            (folder / "index" / f"{chunk[2]}.pf_index").rename(index / f"{new_id}.pf_index")
            chunk[2] = new_id
            if offset:
                chunk.append(offset)
            chunks.append(chunk)
        for k in range(0, len(own), CHUNK_GROUP):  # a group never spans two parts: its words are in order
            part = own[k : k + CHUNK_GROUP]
            group_id = f"{build}{base36(len(groups))}"
            write_pagefind_file(index / f"{group_id}.pf_group", cbor_encode(part))
            groups.append([part[0][0], part[-1][1], group_id])
    before_split = sum(len(chunks) for chunks in own_chunks)
    meta[2] = groups
    runs = f"{build}-runs.pf_runs"
    write_pagefind_file(index / runs, "\n".join(letter_digit_runs(index, chunks)).encode("utf-8"))
    payload = cbor_encode(meta)
    meta_hash = f"{language}_{hashlib.sha256(payload).hexdigest()[:11]}"
    meta_path.unlink()
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    write_pagefind_file(meta_path, payload)
    language_entry = next(iter(entry["languages"].values()))
    language_entry["hash"] = meta_hash
    if others:
        language_entry["page_count"] = len(meta[1])
    entry["zwgk"] = {"fragments": build, "chunk_groups": CHUNK_GROUP, "runs": runs}
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
            sizes_before["fragment"],
            sum(p.stat().st_size for p in fragments.iterdir()),
        ),
        "index_bytes": sizes_before["index"],
        "index_chunks": len(chunks),
        "chunks_added_by_splitting": len(chunks) - before_split,
    }
