"""How page text and queries are cut into the terms Pagefind indexes.

Pagefind 1.5.2 (extended) cuts Chinese pages with jieba at build time but cuts
the query with the browser's ``Intl.Segmenter``; the two disagree, so most
pages are missed (upstream issue #1237).  Here both sides use one rule that
needs no dictionary and that the browser reproduces exactly:

* every Han character becomes one word, the *bigram* of itself and the next
  Han character (``城乡低保`` → ``城乡 乡低 低保 保ꙮ``); the last one of a run
  is padded with :data:`PAD`, a letter nobody types, so no index key is ever a
  shorter prefix of another one (Pagefind falls back to the longest such
  prefix when a word is missing, which would turn a miss into false hits);
* a run of other letters or digits (``2023``, ``MB0000000X``, ``G318``) is one
  word, NFKC-normalised and padded the same way;
* everything else (punctuation, spaces) is kept for display but written as
  ASCII escapes glued to a neighbouring word: Pagefind strips ASCII
  punctuation from index keys, so the keys stay clean and positions are not
  spent on punctuation;
* the end of a block element is marked with :data:`BLOCK_END`.

The page is indexed with a forced language that Pagefind neither segments nor
stems, so a key is exactly the word.  One word per character keeps positions
aligned with the text: a query phrase is a set of keys at known offsets, and
the browser checks the offsets (``zwgk-search.js``), so 城乡低保 does not match
a page that has 城乡 and 低保 apart.  The excerpt is decoded back to the
original text by :func:`decode` (and its JavaScript twin).

``overrides/assets/javascripts/zwgk-search.js`` implements the same rules;
``tests/test_search_recall.py`` checks that both sides agree.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

PAD = "\ua66e"  # ꙮ: a letter (so Pagefind keeps it in keys) that no query contains
ESC = "`"
BLOCK_END = ESC + "|"
SPACE_CODE = "~"

# One-symbol escapes for the characters government text is made of.  Codes are
# ASCII punctuation only (never ` _ " \ | { }), which Pagefind drops from keys.
_SHORT = {
    " ": SPACE_CODE, "，": ",", "。": ".", "、": "/", "；": ";", "：": ":", "？": "?", "！": "!",
    "“": "<", "”": ">", "（": "(", "）": ")", "《": "[", "》": "]", "〔": "#", "〕": "$",
    "【": "@", "】": "&", "—": "-", "…": "^", "·": "*", "%": "%", "-": "=", "/": "+",
    ".": "'",
}
_LONG_OPEN, _LONG_CLOSE = "{", "}"
_HEX = "!#$%()*+,-./:;=?"  # 16 punctuation "digits" for any other character
_UNSHORT = {v: k for k, v in _SHORT.items()}
assert len(_UNSHORT) == len(_SHORT)

# Han characters (all of them letters or numbers in Unicode, so Pagefind keeps them).
_HAN_RANGES = (
    (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF),
)

HAN, WORD, OTHER = "H", "W", "O"


def char_class(c: str) -> str:
    """HAN, WORD (any other letter or digit) or OTHER (punctuation, space, symbol)."""
    if c == PAD or not c.isalnum():
        return OTHER
    cp = ord(c)
    for lo, hi in _HAN_RANGES:
        if lo <= cp <= hi:
            return HAN
    return WORD


def escape(c: str) -> str:
    """The ASCII-punctuation spelling of a non-word character."""
    short = _SHORT.get(c)
    if short is not None:
        return ESC + short
    return ESC + _LONG_OPEN + "".join(_HEX[int(d, 16)] for d in f"{ord(c):x}") + _LONG_CLOSE


def normalize_word(run: str) -> str:
    """NFKC (full-width digits and letters become ASCII) unless that leaves the word class."""
    norm = unicodedata.normalize("NFKC", run)
    return norm if norm.isalnum() and all(char_class(c) == WORD for c in norm) else run


@dataclass
class _Unit:
    core: str  # the index word without escapes
    start: int  # index in the block text where the unit's own text starts
    pre: str = ""
    post: str = ""


def _units(text: str) -> tuple[list[_Unit], str]:
    """Cut a block's text into index words; returns the words and any escapes left with no word."""
    units: list[_Unit] = []
    pending = ""  # escapes seen before the first word of the block
    space = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        cls = char_class(c)
        if cls == OTHER:
            if c.isspace():
                space = True
                i += 1
                continue
            esc = escape(c)
        else:
            esc = ""
        if space:
            space = False
            if units or pending:
                if units:
                    units[-1].post += ESC + SPACE_CODE
                else:
                    pending += ESC + SPACE_CODE
        if cls == OTHER:
            if units:
                units[-1].post += esc
            else:
                pending += esc
            i += 1
        elif cls == HAN:
            nxt = text[i + 1] if i + 1 < n else ""
            units.append(_Unit(c + (nxt if nxt and char_class(nxt) == HAN else PAD), i))
            i += 1
        else:
            j = i + 1
            while j < n and char_class(text[j]) == WORD:
                j += 1
            units.append(_Unit(normalize_word(text[i:j]) + PAD, i))
            i = j
    if units and pending:
        units[0].pre = pending
        pending = ""
    return units, pending


def encode_block(segments: list[str]) -> list[str]:
    """Encode the text nodes of one block element (inline markup does not break words).

    Returns one string per segment: the index words whose text starts in that
    segment, separated by spaces.  The last word carries :data:`BLOCK_END`.
    """
    text = "".join(segments)
    bounds = []
    pos = 0
    for s in segments:
        bounds.append(pos)
        pos += len(s)
    units, orphan = _units(text)
    out = [[] for _ in segments]
    seg = 0
    for u in units:
        while seg + 1 < len(segments) and u.start >= bounds[seg + 1]:
            seg += 1
        out[seg].append(u.pre + u.core + u.post)
    if units:
        last = max(k for k, words in enumerate(out) if words)
        out[last][-1] += BLOCK_END
    elif orphan:
        out[0].append(orphan + BLOCK_END)
    return [(" " + " ".join(words) + " ") if words else (" " if s.strip() == "" and s else "") for s, words in zip(segments, out)]


def encode_text(text: str) -> str:
    """Encode a standalone string (an attribute or a meta value): one block."""
    return encode_block([text])[0].strip()


def decode(encoded: str) -> str:
    """Turn encoded text (a Pagefind excerpt or meta value) back into the original text."""
    return "".join(w for _, w in decode_words(encoded)).strip()


def decode_words(encoded: str) -> list[tuple[bool, str]]:
    """(is_index_word, display text) for each whitespace-separated word of encoded text."""
    result = []
    for word in encoded.split():
        result.append((True, _decode_word(word)))
    return result


def _decode_word(word: str) -> str:
    out = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c == ESC and i + 1 < n:
            code = word[i + 1]
            if code == "|":
                out.append(" ")
                i += 2
            elif code == _LONG_OPEN:
                j = word.find(_LONG_CLOSE, i + 2)
                if j < 0:
                    break
                digits = word[i + 2 : j]
                try:
                    out.append(chr(int("".join(f"{_HEX.index(d):x}" for d in digits), 16)))
                except ValueError:
                    pass
                i = j + 1
            else:
                out.append(_UNSHORT.get(code, ""))
                i += 2
        elif char_class(c) == HAN:
            out.append(c)
            i += 2 if i + 1 < n and (char_class(word[i + 1]) == HAN or word[i + 1] == PAD) else 1
        elif c == PAD:
            i += 1
        elif char_class(c) == WORD:
            j = i
            while j < n and char_class(word[j]) == WORD:
                j += 1
            out.append(word[i:j])
            i = j
        else:
            i += 1  # punctuation Pagefind added (the "." after a block)
    return "".join(out)


# --- queries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One index key to look up and where it must sit relative to the phrase start.

    ``prefix`` is true for the last key of a phrase when the phrase may end
    inside a longer word (``低保`` in 低保金, ``2023`` in 20231); every other
    key must match a whole index word.
    """

    key: str
    offset: int
    prefix: bool = False


def query_phrases(query: str) -> list[list[Term]]:
    """The phrases of a query (whitespace separates phrases; all must match)."""
    phrases = []
    for part in query.split():
        terms = phrase_terms(part)
        if terms:
            phrases.append(terms)
    return phrases


def phrase_terms(phrase: str) -> list[Term]:
    """Keys that find a phrase: the fewest bigrams covering it, at their offsets."""
    runs: list[tuple[str, str]] = []  # (class, text)
    for c in phrase:
        cls = char_class(c)
        if cls == OTHER:
            runs.append((OTHER, ""))
        elif runs and runs[-1][0] == cls:
            runs[-1] = (cls, runs[-1][1] + c)
        else:
            runs.append((cls, c))
    runs = [r for r in runs if r[0] != OTHER]
    terms: list[Term] = []
    pos = 0
    for k, (cls, run) in enumerate(runs):
        last = k == len(runs) - 1
        if cls == WORD:
            key = normalize_word(run).lower()
            terms.append(Term(key, pos, prefix=True) if last else Term(key + PAD, pos))
            pos += 1
            continue
        m = len(run)
        if m == 1:
            terms.append(Term(run, pos, prefix=True) if last else Term(run + PAD, pos))
        else:
            # Bigrams at offsets 0, 2, 4, ... cover all but maybe the last character; a
            # run the phrase goes on after must also end in the page (its padded last word).
            starts = list(range(0, m - 1, 2))
            if last and starts[-1] != m - 2:
                starts.append(m - 2)
            terms.extend(Term(run[s : s + 2], pos + s) for s in starts)
            if not last:
                terms.append(Term(run[-1] + PAD, pos + m - 1))
        pos += m
    return terms
