"""A readable comparison of two texts of a document (difflib): paragraphs aligned, then sentences, then characters.

Changes are marked with <ins> and <del>, each opened and closed by visually hidden words (［新增］…［新增结束］),
so a screen reader says what changed and colour is never the only sign (underline and strike-through too).
Paragraphs that did not change are left out and counted, so a phone shows only what changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .common import esc, safe_html

_BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "dt", "dd"}
_SENTENCE = re.compile(r"[^。；！？!?;]*[。；！？!?;]?")
PAIR_MIN = 0.35  # paragraphs this similar are one paragraph changed, not one removed and one added
CHARS_MIN = 0.5  # sentences this similar are compared character by character


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.current = [], []

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.found.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def paragraphs(markdown_text: str) -> list[str]:
    """The text of a Markdown body as plain paragraphs (what a reader sees, without the markup)."""
    parser = _Paragraphs()
    parser.feed(safe_html(markdown_text))
    parser.close()
    parser._flush()
    return parser.found


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


@dataclass
class DiffStats:
    changed: int = 0
    added: int = 0
    removed: int = 0

    def summary(self) -> str:
        parts = [f"{label} {n} 段" for label, n in (("修改", self.changed), ("新增", self.added),
                                                    ("删除", self.removed)) if n]
        return "，".join(parts) if parts else "文字没有变化"


def ins(text: str) -> str:
    return (f'<ins><span class="zwgk-visually-hidden">［新增］</span>{esc(text)}'
            f'<span class="zwgk-visually-hidden">［新增结束］</span></ins>')


def dele(text: str) -> str:
    return (f'<del><span class="zwgk-visually-hidden">［删除］</span>{esc(text)}'
            f'<span class="zwgk-visually-hidden">［删除结束］</span></del>')


_TOKEN = re.compile(r"[0-9A-Za-z.%‰％]+|.", re.S)  # a number or a Latin word stays whole: 7[20→80] never splits


def _merged(opcodes):
    """Opcodes with a one-token equal run between two changes folded into one change (fewer, longer marks read
    better than many small ones)."""
    merged = []
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        after_change = merged and merged[-1][0] != "equal"
        bridge = tag == "equal" and i2 - i1 <= 1 and k + 1 < len(opcodes)
        if after_change and (tag != "equal" or bridge):
            _, p1, _, q1, _ = merged[-1]
            merged[-1] = ("replace", p1, i2, q1, j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _chars(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    html = []
    for tag, i1, i2, j1, j2 in _merged(matcher.get_opcodes()):
        if tag == "equal":
            html.append(esc("".join(a[i1:i2])))
            continue
        if i2 > i1:
            html.append(dele("".join(a[i1:i2])))
        if j2 > j1:
            html.append(ins("".join(b[j1:j2])))
    return "".join(html)


def inline(old: str, new: str) -> str:
    """One paragraph changed: unchanged sentences as they are, changed ones compared by character when they are
    close, otherwise the old sentence removed and the new one added."""
    a, b = sentences(old), sentences(new)
    html = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            html.append(esc("".join(a[i1:i2])))
        elif tag == "delete":
            html.append(dele("".join(a[i1:i2])))
        elif tag == "insert":
            html.append(ins("".join(b[j1:j2])))
        else:
            before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
            if difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() >= CHARS_MIN:
                html.append(_chars(before, after))
            else:
                html.append(dele(before) + ins(after))
    return "".join(html)


SEARCH_MAX = 400  # a replaced run larger than this (old × new paragraphs) is paired by position: a rewrite stays fast


def _pairs(old: list[str], new: list[str]):
    """Within a replaced run of paragraphs: (old, new) pairs in order, None on the side that has none."""
    if len(old) * len(new) > SEARCH_MAX:
        out = []
        for before, after in zip(old, new):
            close = difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() >= PAIR_MIN
            out += [(before, after)] if close else [(before, None), (None, after)]
        return out + [(p, None) for p in old[len(new):]] + [(None, p) for p in new[len(old):]]
    out, j = [], 0
    for para in old:
        best, best_ratio = None, PAIR_MIN
        for k in range(j, len(new)):
            m = difflib.SequenceMatcher(None, para, new[k], autojunk=False)
            if m.quick_ratio() >= best_ratio and m.ratio() >= best_ratio:
                best, best_ratio = k, m.ratio()
        if best is None:
            out.append((para, None))
            continue
        out += [(None, p) for p in new[j:best]]
        out.append((para, new[best]))
        j = best + 1
    out += [(None, p) for p in new[j:]]
    return out


def compare(old_markdown: str, new_markdown: str) -> tuple[str, DiffStats]:
    """The comparison as HTML (an ordered list of changed paragraphs and counts of those left out) and its counts."""
    a, b = paragraphs(old_markdown), paragraphs(new_markdown)
    stats, items = DiffStats(), []

    def skipped(n):
        if n:
            items.append(f'<li class="zwgk-diff__same">（此处 {n} 段未修改，从略）</li>')

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            skipped(i2 - i1)
            continue
        for before, after in _pairs(a[i1:i2], b[j1:j2]):
            if before is None:
                stats.added += 1
                items.append(f'<li class="zwgk-diff__para zwgk-diff__para--added"><p><strong class="zwgk-diff__kind">'
                             f'新增段落</strong>{ins(after)}</p></li>')
            elif after is None:
                stats.removed += 1
                items.append(f'<li class="zwgk-diff__para zwgk-diff__para--removed"><p><strong class="zwgk-diff__kind">'
                             f'删除段落</strong>{dele(before)}</p></li>')
            else:
                stats.changed += 1
                items.append(f'<li class="zwgk-diff__para zwgk-diff__para--changed"><p><strong class="zwgk-diff__kind">'
                             f'修改段落</strong>{inline(before, after)}</p></li>')
    return f'<ol class="zwgk-diff" role="list">{"".join(items)}</ol>', stats
