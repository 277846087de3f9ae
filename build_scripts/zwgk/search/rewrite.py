"""The copy of a page that Pagefind reads: same markup, text replaced by index words.

Only Pagefind sees this copy; the published page is never changed.  Besides
encoding every text node (see :mod:`.terms`), it keeps the values that
Pagefind takes from element text readable: a ``data-pagefind-filter`` or
``data-pagefind-sort`` read from the element's text becomes an explicit
``key:原文`` value (filters must show and match the original words).  Meta
values (the title from the first ``<h1>``, ``data-pagefind-meta``, image alt
text, ``<title>``) are written in escapes only (:func:`.terms.escape_text`):
Pagefind 1.5 indexes meta values too, which would store the title's words a
second time; escaped, they add no index key and still decode to the text.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import attrfind_tolerant, locatestarttagend_tolerant, tagfind_tolerant

from .terms import encode_block, encode_text, escape_text

# Elements whose text runs on into the next text node, as Pagefind treats them.
INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark q rp rt ruby "
    "s samp small span strike strong sub sup time tt u var wbr".split()
)
VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr param keygen".split()
)
RAW_TEXT = frozenset("script style template textarea xmp iframe noembed noframes".split())
# Meta values shown as they are (URLs), never encoded or decoded.
RAW_META_KEYS = frozenset({"image"})

_VALUE_ATTRS = frozenset(
    (
        "data-pagefind-filter",
        "data-pagefind-sort",
        "data-pagefind-meta",
        "data-pagefind-default-meta",
    )
)
_ATTRIBUTE_ENTRY = re.compile(r"^\s*(?P<name>[^:\[\]]+)\[(?P<attr>.+)\]\s*$")
_SPACES = re.compile(r"\s+")


def _entries(value: str) -> list[tuple[str, str, str]] | None:
    """Parse a data-pagefind-* value like Pagefind does: (name, kind, source) per entry.

    kind is "text" (the element's text), "attr" (source = attribute name) or
    "literal" (source = the value).  None for forms left as they are.
    """
    literal = None
    if ":" in value:
        value, literal = value.split(":", 1)
    result = []
    for chunk in value.split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        m = _ATTRIBUTE_ENTRY.match(chunk)
        if m:
            result.append((m.group("name").strip(), "attr", m.group("attr")))
        else:
            result.append((chunk, "text", ""))
    if literal is not None:
        if not result or result[-1][1] != "text":
            return None
        result[-1] = (result[-1][0], "literal", literal)
    return result


def _join(entries: list[tuple[str, str, str]]) -> str:
    parts = []
    for name, kind, source in entries:
        if kind == "text":
            parts.append(name)
        elif kind == "attr":
            parts.append(f"{name}[{source}]")
        else:
            parts.append(f"{name}:{source}")
    return ", ".join(parts)


def _helper(attr: str, name: str, value: str) -> str:
    return f'<span {attr}="{html.escape(name + ":" + value)}"></span>'


_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_CDATA = ("script", "style")  # content not parsed (as html.parser treats it)


def _attributes(raw: str) -> tuple[str, list[tuple[str, str | None]]]:
    """A start tag's name and attributes, read as html.parser reads them (values unescaped)."""
    m = tagfind_tolerant.match(raw, 1)
    tag = m.group(1).lower()
    attrs = []
    k, end = m.end(), len(raw)
    while k < end:
        a = attrfind_tolerant.match(raw, k)
        if not a:
            break
        name, rest, value = a.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = html.unescape(value)
        attrs.append((name.lower(), value))
        k = a.end()
    return tag, attrs


# What must stay in an ignored element for its contents to be skipped unread: nothing Pagefind reads even
# there (its attributes, a heading that could be the title), no markup whose text could hide a tag.
_SKIP_BLOCKERS = ("data-pagefind", "<h1", "<!--", "<script", "<style", "<template", "<textarea", "<![")


def _ignored_end(src: str, pos: int, tag: str) -> int:
    """Where the contents of the element marked data-pagefind-ignore, open at pos, end (its end tag), when
    Pagefind would find nothing in them (see _SKIP_BLOCKERS); else pos. Block elements only: the text of an
    inline one runs on into the words around it."""
    if tag in INLINE or tag in VOID or tag in RAW_TEXT:
        return pos
    end = _end_tag(src, pos, tag)
    if end is None or any(b in src[pos:end.start()] for b in _SKIP_BLOCKERS):
        return pos
    return end.start()


def _end_tag(src: str, pos: int, tag: str) -> re.Match | None:
    """The end tag of the tag element whose start tag ends at pos (same-named elements inside counted)."""
    depth = 1
    for m in _tags(tag).finditer(src, pos):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m
        elif not m.group(0).endswith("/>"):
            depth += 1
    return None


@functools.lru_cache(maxsize=None)
def _tags(tag: str) -> re.Pattern:
    return re.compile(rf"<(/?){tag}\b[^>]*>", re.I)


class _Rewriter:
    """Walks a page's markup once (a tokenizer for the well-formed HTML MkDocs writes; it reads tags,
    attributes, entities and script/style content as html.parser does, at a fraction of its cost)."""

    def __init__(self) -> None:
        self.out: list[str | None] = []
        self.block: list[tuple[int, str]] = []  # (slot in out, text) of the open block
        self.stack: list[str] = []
        self.collectors: list[dict] = []  # open elements whose text a filter/sort needs
        self.raw_depth = 0
        self.in_head = False
        self.in_title = False
        self.title_done = False  # the page has its title meta (first <h1> or explicit)

    # -- text ------------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.block:
            return
        encoded = encode_block([t for _, t in self.block])
        for (slot, _), text in zip(self.block, encoded):
            self.out[slot] = html.escape(text, quote=False)
        self.block = []

    def handle_data(self, data: str) -> None:
        for c in self.collectors:
            c["text"].append(data)
        if self.raw_depth or self.in_title or self.in_head:
            if self.in_title and not self.raw_depth:
                data = escape_text(data)
            self.out.append(data if self.raw_depth else html.escape(data, quote=False))
            return
        self.out.append(None)
        self.block.append((len(self.out) - 1, data))

    def feed(self, src: str) -> None:
        pos, n = 0, len(src)
        while pos < n:
            lt = src.find("<", pos)
            if lt < 0:
                lt = n
            if lt > pos:
                text = src[pos:lt]
                self.handle_data(html.unescape(text) if "&" in text else text)
            if lt >= n:
                break
            if src.startswith("<!--", lt):
                end = src.find("-->", lt + 4)
                end = n if end < 0 else end + 3
                self.out.append(src[lt:end])
                pos = end
            elif src.startswith("</", lt):
                m = _END_TAG.match(src, lt)
                if m is None:
                    self.handle_data("<")
                    pos = lt + 1
                else:
                    self.handle_endtag(m.group(1).lower())
                    pos = m.end()
            elif src.startswith("<!", lt) or src.startswith("<?", lt):
                end = src.find(">", lt)
                end = n if end < 0 else end + 1
                self.out.append(src[lt:end])
                pos = end
            else:
                m = locatestarttagend_tolerant.match(src, lt) if lt + 1 < n and src[lt + 1].isascii() and src[lt + 1].isalpha() else None
                end = m.end() if m else -1
                if m and src.startswith(">", end):
                    end += 1
                elif m and src.startswith("/>", end):
                    end += 2
                else:
                    self.handle_data("<")
                    pos = lt + 1
                    continue
                raw = src[lt:end]
                closed = raw.endswith("/>")
                if "data-pagefind" in raw or "alt" in raw:
                    tag, attrs = _attributes(raw)
                else:
                    tag, attrs = tagfind_tolerant.match(raw, 1).group(1).lower(), []
                self._start(tag, attrs, raw, closed)
                pos = end
                if not closed and not self.collectors and any(k == "data-pagefind-ignore" for k, _ in attrs):
                    pos = _ignored_end(src, pos, tag)
                if tag in _CDATA and not closed:
                    close = re.compile(rf"</{tag}\s*>", re.I).search(src, pos)
                    stop = close.start() if close else n
                    if stop > pos:
                        self.handle_data(src[pos:stop])
                    pos = stop

    # -- tags ------------------------------------------------------------------------------
    def _start(self, tag: str, attrs, raw: str, closed: bool) -> None:
        if tag not in INLINE:
            self.flush()
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title = True
        if not attrs and (tag != "h1" or self.title_done):  # most tags: nothing of it changes
            self.out.append(raw)
            if not (tag in VOID or closed):
                self.stack.append(tag)
                if tag in RAW_TEXT:
                    self.raw_depth += 1
            return
        values = {k: (v or "") for k, v in attrs}
        encoded_attrs = {a.strip() for a in values.get("data-pagefind-index-attrs", "").split(",")}
        after: list[str] = []  # helper elements placed right after the start tag
        at_end: list[
            tuple[str, str, bool]
        ] = []  # (attribute, name, escaped) from the element's text
        if tag == "h1" and not self.title_done:
            self.title_done = True
            at_end.append(("data-pagefind-meta", "title", True))
        new_attrs = []
        for key, value in values.items():
            entries = _entries(value) if key in _VALUE_ATTRS else None
            if key in ("data-pagefind-filter", "data-pagefind-sort") and entries is not None:
                at_end.extend((key, name, False) for name, kind, _ in entries if kind == "text")
                value = _join([e for e in entries if e[1] != "text"])
            elif (
                key in ("data-pagefind-meta", "data-pagefind-default-meta") and entries is not None
            ):
                kept = []
                for name, kind, source in entries:
                    self.title_done = self.title_done or name == "title"
                    if name in RAW_META_KEYS:
                        kept.append((name, kind, source))
                    elif kind == "text":
                        at_end.append((key, name, True))
                    elif kind == "literal":
                        kept.append((name, kind, escape_text(source)))
                    else:
                        after.append(_helper(key, name, escape_text(values.get(source, ""))))
                value = _join(kept)
            elif key == "alt" and tag == "img" and value:
                value = escape_text(value)  # Pagefind's image_alt meta
            elif key in encoded_attrs and value:
                value = encode_text(value)
            if value or entries is None:
                new_attrs.append((key, value))
        if new_attrs != [(k, v or "") for k, v in attrs]:
            body = "".join(f' {k}="{html.escape(v)}"' for k, v in new_attrs)
            raw = f"<{tag}{body}{' /' if closed else ''}>"
        self.out.append(raw)
        self.out.extend(after)
        if tag in VOID or closed:
            return
        self.stack.append(tag)
        if tag in RAW_TEXT:
            self.raw_depth += 1
        if at_end:
            self.collectors.append({"depth": len(self.stack), "text": [], "want": at_end})

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.flush()
        if tag == "title":
            self.in_title = False
        elif tag == "head":
            self.in_head = False
        stack = self.stack
        if stack and stack[-1] == tag and not (self.collectors and self.collectors[-1]["depth"] >= len(stack)):
            stack.pop()  # the element open last, with no text wanted from it: most end tags
            if tag in RAW_TEXT:
                self.raw_depth -= 1
        elif tag in stack:
            while self.stack:
                open_tag = self.stack.pop()
                depth = len(self.stack) + 1
                if open_tag in RAW_TEXT:
                    self.raw_depth -= 1
                while self.collectors and self.collectors[-1]["depth"] >= depth:
                    c = self.collectors.pop()
                    text = _SPACES.sub(" ", "".join(c["text"])).strip()
                    for attr, name, escaped in c["want"]:
                        if text:
                            self.out.append(
                                _helper(attr, name, escape_text(text) if escaped else text)
                            )
                if open_tag == tag:
                    break
        self.out.append(f"</{tag}>")

    def result(self) -> str:
        self.flush()
        return "".join(s for s in self.out if s is not None)


def rewrite_html(source: str) -> str:
    """The index copy of one HTML page (see the module docstring)."""
    parser = _Rewriter()
    parser.feed(source)
    return parser.result()


_BODY = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")


def body_region(page: str) -> str | None:
    """The element marked data-pagefind-body, start tag to matching end tag; None if the page has none.

    Pagefind reads nothing else of a page once any page of the site has such an element (every record
    page has), so the index copy leaves out the theme's header, navigation and footer: a fraction of the
    text to rewrite and to parse again.
    """
    first = page.find("data-pagefind-body")
    if first < 0:
        return None
    # the element's start tag holds no ">" before the mark: no match can begin before the last ">" ahead of it
    m = _BODY.search(page, page.rfind(">", 0, first) + 1)
    if not m:
        return None
    end = _end_tag(page, m.end(), m.group(1))
    return page[m.start(): end.end()] if end else page[m.start():]


def index_copy(page: str) -> str | None:
    """What Pagefind indexes of a built page: its data-pagefind-body element, rewritten (rewrite_html) in a
    document of its own; None for a page the search leaves out."""
    region = body_region(page)
    if region is None:
        return None
    return rewrite_html(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{region}</body></html>')
