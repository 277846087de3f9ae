"""Chinese full-text search for the built site: Pagefind over build-time bigram words.

Public API (MkDocs-independent):

* :func:`prepare_site` writes the copy of the site's pages that Pagefind reads
  (text replaced by index words, see :mod:`zwgk.search.terms`); the published
  pages are never changed.
* :func:`index_site` does that in a temporary folder and runs the extended
  Pagefind binary (from the ``pagefind[extended]==1.5.2`` package) with the
  options the browser side (``assets/javascripts/zwgk-search.js``) expects.
  It writes ``<site>/pagefind/`` and returns counts; on failure it raises
  :class:`~zwgk.errors.BuildError` with a Chinese message.

Why not Pagefind's own Chinese support: it cuts pages with jieba but queries
with the browser's ``Intl.Segmenter``; the two disagree and most pages are
missed (低保 found 40 of 485 pages; upstream issue #1237).  The browser does
not run Pagefind's runtime either: ``zwgk-search.js`` reads the bundle's
files itself (see :mod:`zwgk.search.bundle`), which saves the 80 KB of
pagefind.js and WebAssembly every first query would otherwise download.

What pages should carry (all standard Pagefind attributes, kept as written):
``data-pagefind-body`` on the record's main content; ``data-pagefind-ignore``
on repeated chrome inside it; ``data-pagefind-filter`` for 栏目, 有效性, 发布机构,
年份, 主题分类 (element text or ``key:value``; both stay readable);
``data-pagefind-weight`` (e.g. 5) on the 文号 and 索引号 cells so a document
number lists its document first; ``data-pagefind-sort``/``-meta`` as needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import timings
from ..errors import BuildError
from ..swap import SEARCH_PREFIX, fault_point
from .bundle import PAGEFIND_VERSION, FormatError, compact_bundle
from .rewrite import rewrite_html
from .terms import PAD, decode, encode_block, encode_text, phrase_terms, query_phrases

__all__ = [
    "INDEX_LANGUAGE",
    "PAD",
    "decode",
    "encode_block",
    "encode_text",
    "index_copies",
    "index_site",
    "phrase_terms",
    "prepare_site",
    "query_phrases",
    "rewrite_html",
]

# Pagefind neither segments nor stems this language, so index keys are our words.
# (Any "zh*" would make Pagefind run jieba on the words and Intl.Segmenter on queries.)
INDEX_LANGUAGE = "und"
# Positions per index chunk (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE).  Pagefind's default,
# 20,000, makes every chunk a query needs large.  Smaller chunks cost more chunk groups
# (bundle.py) to list.  benchmarks/search_recall.py --chunk-size, first query median/max KB
# at 5,000 pages with chunk groups: 2,000 -> 33/66, 3,500 -> 36/66; with 5,000-character
# pages (--sentences 60-240) 2,000 -> 49/189 once frequent words are split off.
INDEX_CHUNK_SIZE = 2000
BUNDLE_DIR = "pagefind"
# Pages per Pagefind run: a larger site is indexed in parts joined into one bundle (bundle.py). Pagefind
# holds a part's pages and words in memory, about 0.13 MB a page of index copies (2.5 GB at 19,000 pages);
# 8,000 pages keep a run near 1 GB. A site of this size or less is indexed in one run, as before.
PART_PAGES = 8000


def _pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]
    except ImportError:
        raise BuildError(
            "未找到 Pagefind 扩展版（pagefind_bin_extended）。请安装 pagefind[extended]==1.5.2"
            "（pip install -e . 会自动安装）。"
        ) from None
    exe = Path(get_executable())
    if not exe.is_file():
        raise BuildError(f"Pagefind 扩展版可执行文件不存在：{exe}")
    return exe


def _prepare_page(job: tuple[Path, Path]) -> str | None:
    source, dest = job
    try:
        html = source.read_text(encoding="utf-8", errors="replace")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(rewrite_html(html), encoding="utf-8")
    except OSError as exc:
        return str(exc)
    return None


def prepare_site(site_dir: Path | str, out_dir: Path | str, glob: str = "**/*.html") -> int:
    """Write the index copy of every page of site_dir into out_dir; return the page count.

    Pages under site_dir/pagefind/ are skipped; large sites use every core.
    Raises BuildError if a page cannot be read or written.
    """
    site, out = Path(site_dir), Path(out_dir)
    jobs = [
        (path, out / path.relative_to(site))
        for path in sorted(site.glob(glob))
        if path.is_file() and path.relative_to(site).parts[0] != BUNDLE_DIR
    ]
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) >= 400 and workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            errors = list(pool.map(_prepare_page, jobs, chunksize=64))
    else:
        errors = [_prepare_page(job) for job in jobs]
    for (source, _), error in zip(jobs, errors):
        if error:
            raise BuildError(f"建立搜索索引时无法处理页面 {source.relative_to(site)}：{error}")
    return len(jobs)


_COUNTS = {
    "pages": re.compile(r"Indexed (\d+) pages?"),
    "words": re.compile(r"Indexed (\d+) words?"),
    "filters": re.compile(r"Indexed (\d+) filters?"),
    "sorts": re.compile(r"Indexed (\d+) sorts?"),
}


def search_settings_key() -> str:
    """What, besides the index copies, decides the bundle (a kept bundle must have been built the same way)."""
    return f"pagefind {PAGEFIND_VERSION}, {INDEX_LANGUAGE}, chunks {INDEX_CHUNK_SIZE}"


def index_site(
    site_dir: Path | str,
    *,
    output_dir: Path | str | None = None,
    chunk_size: int = INDEX_CHUNK_SIZE,
    timeout: float = 1800,
    part_pages: int = PART_PAGES,
) -> dict:
    """Index the built site for the Chinese search; return counts.

    Writes the Pagefind bundle to output_dir (default site_dir/pagefind/,
    replaced whole).  Returns {"pages", "words", "filters", "sorts",
    "bundle_bytes", "language"}.  Raises BuildError (Chinese message) when
    the site has no page to index or Pagefind fails.
    """
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise BuildError(f"建立搜索索引失败：网站目录不存在：{site}")
    bundle = Path(output_dir).resolve() if output_dir else site / BUNDLE_DIR
    # the process id in the name lets a later build remove what a killed one left (zwgk.swap.sweep)
    with tempfile.TemporaryDirectory(prefix=f"{SEARCH_PREFIX}{os.getpid()}-") as tmp:
        staging = Path(tmp) / "site"
        pages = prepare_site(site, staging)
        if pages == 0:
            raise BuildError(f"建立搜索索引失败：{site} 中没有 HTML 页面。")
        return index_copies(staging, bundle, pages=pages, chunk_size=chunk_size, timeout=timeout,
                            part_pages=part_pages)


def _parts(copies: Path, part_pages: int, files: list[str] | None = None) -> list[list[Path]]:
    """The copies (paths under copies, in order; files: those paths when the caller knows them) in about
    equal parts of at most part_pages pages."""
    files = sorted(Path(f) for f in files) if files is not None else sorted(
        p.relative_to(copies) for p in copies.rglob("*.html"))
    count = max(1, -(-len(files) // part_pages))
    size = -(-len(files) // count)
    return [files[k : k + size] for k in range(0, len(files), size)] or [[]]


def _run_pagefind(exe: Path, site: Path, out: Path, chunk_size: int, timeout: float) -> str:
    """Pagefind over one folder of copies into out; its output. Raises BuildError."""
    cmd = [str(exe), "--site", str(site), "--output-path", str(out), "--force-language", INDEX_LANGUAGE]
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunk_size)}
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    except OSError as exc:
        raise BuildError(f"无法运行 Pagefind：{exc}") from None
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise BuildError(f"建立搜索索引超时（超过 {timeout:.0f} 秒）。") from None
    if proc.returncode != 0:
        raise BuildError(
            f"建立搜索索引失败（Pagefind 退出码 {proc.returncode}）：\n{output[-2000:]}"
        )
    return output


def index_copies(
    copies: Path | str,
    bundle: Path | str,
    *,
    pages: int,
    chunk_size: int = INDEX_CHUNK_SIZE,
    timeout: float = 1800,
    part_pages: int = PART_PAGES,
    files: list[str] | None = None,
) -> dict:
    """Run Pagefind over a folder of index copies (prepare_site, rewrite.index_copy) into bundle (replaced
    whole), then compact the bundle for zwgk-search.js; return counts as index_site does.

    More than part_pages copies are indexed in parts, one Pagefind run each (its memory grows with the
    pages it holds), joined into one bundle by compact_bundle. files: the copies' paths under copies, when
    known."""
    copies, bundle = Path(copies), Path(bundle).resolve()
    exe = _pagefind_executable()
    fault_point("indexing")
    if bundle.exists():
        shutil.rmtree(bundle)
    parts = _parts(copies, part_pages, files) if pages > part_pages else [None]
    work = bundle.with_name(bundle.name + ".parts")  # beside the bundle: one file system for the links
    shutil.rmtree(work, ignore_errors=True)
    outputs, raws = [], []
    try:
        with timings.stage("pagefind", pages=pages, parts=len(parts)):
            for k, part in enumerate(parts):
                site, out = copies, bundle
                if part is not None:
                    site, out = work / f"site-{k}", work / f"bundle-{k}" if k else bundle
                    for rel in part:
                        (site / rel).parent.mkdir(parents=True, exist_ok=True)
                        os.link(copies / rel, site / rel)
                outputs.append(_run_pagefind(exe, site, out, chunk_size, timeout))
                raws.append(out)
                if part is not None:
                    shutil.rmtree(site)
        stats: dict = {"language": INDEX_LANGUAGE, "prepared_pages": pages, "parts": len(parts)}
        for key, pattern in _COUNTS.items():
            stats[key] = sum(int(m.group(1)) for m in (pattern.search(o) for o in outputs) if m)
        if stats["pages"] == 0:
            raise BuildError(
                "建立搜索索引失败：Pagefind 没有索引到任何页面。"
                "请检查页面是否带有 data-pagefind-body，或是否被 data-pagefind-ignore 排除。\n"
                + outputs[-1][-1000:]
            )
        try:
            with timings.stage("bundle"):
                stats.update(compact_bundle(bundle, parts=raws[1:]))
        except (FormatError, OSError, ValueError) as exc:
            raise BuildError(
                f"搜索索引后处理失败（需要 Pagefind {PAGEFIND_VERSION}，请检查 pagefind 版本）：{exc}"
            ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stats["bundle_bytes"] = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return stats
