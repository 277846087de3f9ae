"""How page text and queries are cut into the words Pagefind indexes.

Pagefind 1.5.2 (extended) cuts Chinese pages with jieba at build time but cuts
the query with the browser's ``Intl.Segmenter``; the two disagree, so most
pages are missed (upstream issue #1237).  Here both sides use one rule that
needs no dictionary and that the browser reproduces exactly.  Every index
word stands at the position of one character (or one run of letters/digits),
so a query phrase becomes a few keys at known offsets:

* a Han character's word is the *trigram* that starts with it
  (``城乡低保`` → ``城乡低 乡低保 低保ꙮ… 保ꙮ…``).  Near the end of a run the
  word is shorter and is closed by :data:`PAD` (ꙮ, a letter nobody types)
  plus the first character of the next word, or a second PAD at the end of a
  block.  No key is then ever a shorter prefix of another key: Pagefind falls
  back to the longest such prefix when a word is missing, which would turn a
  miss into false hits.
* a run of other letters or digits (``2023``, ``MB0000000X``, ``G318``) is one
  word, NFKC-normalised and closed the same way (``2023ꙮ年``, ``12ꙮ号``).
* everything else (punctuation, spaces) is kept for display but written as
  ASCII escapes glued to a neighbouring word: Pagefind strips ASCII
  punctuation from keys, so keys stay clean and punctuation takes no position.
  The end of a block element is marked with :data:`BLOCK_END`.

A query (:func:`query_phrases`) is cut into phrases at whitespace and at list
punctuation (:data:`SEPARATORS`: 低保、特困 is two words); other punctuation
inside a phrase takes no position, as in the page, and punctuation after its
last run closes that run (``（一）`` looks for ``一ꙮ``: 一 at the end of a run).

A query phrase (:func:`phrase_terms`) is covered by whole trigrams at offsets
0, 3, 6 … plus the last trigram, or by a short prefix (``低保`` matches every
word starting with 低保).  A run that the phrase continues after must end in
the page too, so it is looked up by its closed word (``2023ꙮ年``), which also
checks the next character.  The browser (``zwgk-search.js``) reads every key
from the index chunks Pagefind wrote and keeps pages where the keys sit at the
right offsets, so 城乡低保 does not match a page that has 城乡 and 低保 apart.

The site is indexed with a forced language that Pagefind neither segments nor
stems, so a key is exactly the word.  Pagefind stores the words as the page
text; :func:`decode` turns them back into the original (see ``bundle.py``).

``overrides/assets/javascripts/zwgk-search.js`` implements the same rules;
``tests/test_search_recall.py`` checks that both sides agree.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

NGRAM = 3  # Han characters per index word
PAD = "\ua66e"  # ꙮ: a letter (so Pagefind keeps it in keys) that no query contains
ESC = "`"
BLOCK_END = ESC + "|"
SPACE_CODE = "~"

# One-symbol escapes for the characters government text is made of.  Codes are
# ASCII punctuation only (never ` _ " \ | { }), which Pagefind drops from keys.
_SHORT = {
    " ": SPACE_CODE,
    "，": ",",
    "。": ".",
    "、": "/",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "“": "<",
    "”": ">",
    "（": "(",
    "）": ")",
    "《": "[",
    "》": "]",
    "〔": "#",
    "〕": "$",
    "【": "@",
    "】": "&",
    "—": "-",
    "…": "^",
    "·": "*",
    "%": "%",
    "-": "=",
    "/": "+",
    ".": "'",
}
_LONG_OPEN, _LONG_CLOSE = "{", "}"
_HEX = "!#$%()*+,-./:;=?"  # 16 punctuation "digits" for any other character
_UNSHORT = {v: k for k, v in _SHORT.items()}
assert len(_UNSHORT) == len(_SHORT)

# Han characters (all of them letters or numbers in Unicode, so Pagefind keeps them).
_HAN_RANGES = (
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)

HAN, WORD, OTHER = "H", "W", "O"


@functools.cache  # called for every character of every page: a text uses a few thousand distinct ones
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


def lookahead(word: str) -> str:
    """The character a run-ending word carries for the word after it."""
    return word[0].lower()


def normalize_word(run: str) -> str:
    """NFKC (full-width digits and letters become ASCII) unless that leaves the word class."""
    norm = unicodedata.normalize("NFKC", run)
    return norm if norm.isalnum() and all(char_class(c) == WORD for c in norm) else run


@dataclass
class _Unit:
    core: str  # the index word without escapes
    start: int  # index in the block text where the unit's own text starts
    run_end: int  # index in the block text just after the unit's run
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
            j = i + 1
            while j < n and j < i + NGRAM and char_class(text[j]) == HAN:
                j += 1
            end = j
            while end < n and char_class(text[end]) == HAN:
                end += 1
            units.append(_Unit(text[i:j] + ("" if j - i == NGRAM else PAD), i, end))
            i += 1
        else:
            j = i + 1
            while j < n and char_class(text[j]) == WORD:
                j += 1
            units.append(_Unit(normalize_word(text[i:j]) + PAD, i, j))
            i = j
    # A word that ends its run also carries the first character of the next word (PAD
    # when none): 2023ꙮ年 is far rarer than 2023ꙮ, and it already says what follows.
    nxt = PAD
    for k in range(len(units) - 1, -1, -1):
        u = units[k]
        if u.core.endswith(PAD):
            u.core += nxt
        if k == 0 or units[k - 1].run_end != u.run_end:  # the first word of its run
            nxt = lookahead(u.core)
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
    return [
        (" " + " ".join(words) + " ") if words else (" " if s.strip() == "" and s else "")
        for s, words in zip(segments, out)
    ]


def escape_text(text: str) -> str:
    """Text spelled in escapes only: readable after :func:`decode`, but no index key at all.

    Used for meta values (the title …): they are shown, and their words are on
    the page already, so indexing them again would only make the index bigger.
    """
    return "".join(ESC + SPACE_CODE if c == " " else escape(c) for c in " ".join(text.split()))


def encode_text(text: str) -> str:
    """Encode a standalone string (an attribute or a meta value): one block."""
    return encode_block([text])[0].strip()


def decode(encoded: str, block: str = " ") -> str:
    """Turn encoded text (Pagefind's stored content or a meta value) back into the original.

    Block ends become ``block`` (a space, or a newline to keep blocks apart).
    """
    text = "".join(_decode_word(word, block) for word in encoded.split())
    return text.strip()


def _decode_word(word: str, block: str) -> str:
    out = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c == ESC and i + 1 < n:
            code = word[i + 1]
            if code == "|":
                out.append(block)
                i += 2
            elif code == _LONG_OPEN:
                j = word.find(_LONG_CLOSE, i + 2)
                if j < 0:
                    break
                try:
                    out.append(chr(int("".join(f"{_HEX.index(d):x}" for d in word[i + 2 : j]), 16)))
                except ValueError:
                    pass
                i = j + 1
            else:
                out.append(_UNSHORT.get(code, ""))
                i += 2
            continue
        j = word.find(ESC, i)
        core = word[i:] if j < 0 else word[i:j]
        i = n if j < 0 else j
        cls = char_class(core[0])
        if cls == HAN:
            out.append(core[0])  # the rest of the n-gram belongs to the next words
        elif cls == WORD:
            out.append(core.split(PAD, 1)[0])
        # else: punctuation Pagefind added (the "." after a block)
    return "".join(out)


def units(text: str) -> list[tuple[str, int, int]]:
    """(index key, start, end) of each word of a block of plain text, as Pagefind indexed it."""
    return [
        (u.core.lower(), u.start, u.start + 1 if char_class(u.core[0]) == HAN else u.run_end)
        for u in _units(text)[0]
    ]


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


# Punctuation that separates the items of a list or the parts of a sentence: in a query it
# parts phrases as a space does (低保、特困 is two words, not the text 低保特困).  Brackets and
# quotes do not: 示府办发〔2023〕12号 and 《办法》 stay one phrase each.
SEPARATORS = "，、；：。！？,;:!?"


def query_parts(query: str) -> list[str]:
    """A query's phrases as typed: cut at whitespace and at :data:`SEPARATORS`."""
    for c in SEPARATORS:
        query = query.replace(c, " ")
    return query.split()


def query_phrases(query: str) -> list[list[Term]]:
    """The phrases of a query (whitespace and list punctuation separate phrases; all must match)."""
    phrases = []
    for part in query_parts(query):
        terms = phrase_terms(part)
        if terms:
            phrases.append(terms)
    return phrases


def phrase_terms(phrase: str) -> list[Term]:
    """Keys that find a phrase, at their offsets (see the module docstring)."""
    runs: list[tuple[str, str]] = []  # (class, text)
    for c in phrase:
        cls = char_class(c)
        if cls == OTHER:
            runs.append((OTHER, ""))
        elif runs and runs[-1][0] == cls:
            runs[-1] = (cls, runs[-1][1] + c)
        else:
            runs.append((cls, c))
    # Punctuation after the last run (（一）, 《办法》, 〔2023〕) says the run ends there in the page too.
    closed = bool(runs) and runs[-1][0] == OTHER
    runs = [(cls, normalize_word(run) if cls == WORD else run) for cls, run in runs if cls != OTHER]
    terms: list[Term] = []
    pos = 0
    for k, (cls, run) in enumerate(runs):
        last = k == len(runs) - 1
        # A run the phrase goes on after ends in the page too: its last word is padded and
        # carries the next run's first character (any character, when punctuation closes it).
        end = PAD if last and closed else "" if last else PAD + lookahead(runs[k + 1][1])
        open_end = last and not closed  # the page may go on with more of the same run
        m = 1 if cls == WORD else len(run)
        if open_end and k > 0 and len(run) == 1:
            pass  # a one-character last run is the previous run's lookahead already
        elif cls == WORD:
            terms.append(Term(run.lower() + end, pos, prefix=last))
        elif m < NGRAM:
            terms.append(Term(run + end, pos, prefix=last))
        else:
            # Whole n-grams at 0, N, 2N, ... then the run's end: the last n-gram (overlapping)
            # if the phrase may go on in the page, else the padded word that ends the run.
            starts = list(range(0, m - NGRAM + 1, NGRAM))
            terms.extend(Term(run[s : s + NGRAM], pos + s) for s in starts)
            if not open_end:
                terms.append(Term(run[m - NGRAM + 1 :] + end, pos + m - NGRAM + 1, prefix=last))
            elif starts[-1] + NGRAM < m:
                terms.append(Term(run[m - NGRAM :], pos + m - NGRAM))
        pos += m
    return terms
