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
import re
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
_HEX_DIGITS = "0123456789abcdef"
# _HEX back to hex digits; a real hex digit in an escape is no digit of it ("g" spoils the number)
_FROM_HEX = str.maketrans({**{d: "g" for d in _HEX_DIGITS}, **dict(zip(_HEX, _HEX_DIGITS))})
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


def han_between(first: str, last: str) -> bool:
    """Whether every character from first to last (in code point order) is a Han character."""
    lo, hi = ord(first), ord(last)
    return any(a <= lo <= hi <= b for a, b in _HAN_ALNUM)


@functools.cache  # punctuation recurs: a page's commas and full stops are escaped once per process
def escape(c: str) -> str:
    """The ASCII-punctuation spelling of a non-word character."""
    short = _SHORT.get(c)
    if short is not None:
        return ESC + short
    return ESC + _LONG_OPEN + "".join(_HEX[int(d, 16)] for d in f"{ord(c):x}") + _LONG_CLOSE


def lookahead(word: str) -> str:
    """The character a run-ending word carries for the word after it."""
    return word[0].lower()


@functools.lru_cache(maxsize=1 << 16)  # numbers and codes recur across pages
def normalize_word(run: str) -> str:
    """NFKC (full-width digits and letters become ASCII) unless that leaves the word class."""
    norm = unicodedata.normalize("NFKC", run)
    return norm if norm.isalnum() and all(char_class(c) == WORD for c in norm) else run


def _ranges(codepoints) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) runs."""
    out: list[tuple[int, int]] = []
    for cp in codepoints:
        if out and cp == out[-1][1] + 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


# The same classes as char_class, as runs a regular expression finds (char_class per character was the
# indexing step's largest cost): Python's \w is exactly isalnum() or "_", \s exactly isspace().
_HAN_ALNUM = _ranges(cp for lo, hi in _HAN_RANGES for cp in range(lo, hi + 1) if chr(cp).isalnum())
_HAN_CLASS = "".join(
    re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in _HAN_ALNUM
)
_RUNS = re.compile(
    rf"(?P<han>[{_HAN_CLASS}]+)|(?P<word>[^\W_{re.escape(PAD)}{_HAN_CLASS}]+)|(?P<space>\s+)"
    rf"|(?P<other>(?:[^\w\s]|[_{re.escape(PAD)}])+)",
    re.S,
)


class _Words:
    """A block's index words in order: core (without escapes), where its text starts, where its run
    ends, and the escapes after it; pre holds the escapes before the first word."""

    __slots__ = ("cores", "starts", "ends", "posts", "pre")

    def __init__(self) -> None:
        self.cores: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.posts: list[str] = []
        self.pre = ""


def _units(text: str) -> tuple[_Words, str]:
    """Cut a block's text into index words; returns the words and any escapes left with no word."""
    w = _Words()
    cores, starts, ends, posts = w.cores, w.starts, w.ends, w.posts
    runs: list[int] = []  # index of each run's first word
    pending = ""  # escapes seen before the first word of the block
    space = False
    for m in _RUNS.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            space = True
            continue
        if space:
            space = False
            if cores:
                posts[-1] += ESC + SPACE_CODE
            elif pending:
                pending += ESC + SPACE_CODE
        i, end = m.span()
        if kind == "other":  # a run of punctuation: escapes glued to the word before (or held for the first)
            escaped = "".join(map(escape, text[i:end]))
            if cores:
                posts[-1] += escaped
            else:
                pending += escaped
            continue
        runs.append(len(cores))
        if kind == "han":
            run = text[i:end]
            n = end - i
            cores.extend([run[k : k + NGRAM] for k in range(n - NGRAM + 1)])
            cores.extend([run[k:] + PAD for k in range(max(n - NGRAM + 1, 0), n)])
            starts.extend(range(i, end))
            ends.extend([end] * n)
            posts.extend([""] * n)
        else:
            cores.append(normalize_word(text[i:end]) + PAD)
            starts.append(i)
            ends.append(end)
            posts.append("")
    # A word that ends its run also carries the first character of the next word (PAD
    # when none): 2023ꙮ年 is far rarer than 2023ꙮ, and it already says what follows.
    runs.append(len(cores))
    for r in range(len(runs) - 1):
        nxt = lookahead(cores[runs[r + 1]]) if r + 2 < len(runs) else PAD
        for k in range(max(runs[r], runs[r + 1] - NGRAM + 1), runs[r + 1]):
            if cores[k].endswith(PAD):
                cores[k] += nxt
    if cores and pending:
        w.pre = pending
        pending = ""
    return w, pending


_ENCODED: dict[tuple[str, ...], list[str]] = {}  # labels, headings and table heads recur on every page
_ENCODED_MAX = 100_000


def encode_block(segments: list[str]) -> list[str]:
    """Encode the text nodes of one block element (inline markup does not break words).

    Returns one string per segment: the index words whose text starts in that
    segment, separated by spaces.  The last word carries :data:`BLOCK_END`.
    """
    key = tuple(segments)
    done = _ENCODED.get(key)
    if done is None:
        if len(_ENCODED) >= _ENCODED_MAX:
            _ENCODED.clear()
        done = _ENCODED[key] = _encode_block(segments)
    return done[:]


def _encode_block(segments: list[str]) -> list[str]:
    words, orphan = _units("".join(segments))
    cores, posts = words.cores, words.posts
    if cores:
        full = [c + p for c, p in zip(cores, posts)] if any(posts) else cores[:]
        full[0] = words.pre + full[0]
        full[-1] += BLOCK_END
    else:
        full = []
    if len(segments) == 1:
        s = segments[0]
        if full:
            return [" " + " ".join(full) + " "]
        if orphan:
            return [" " + orphan + BLOCK_END + " "]
        return [" " if s.strip() == "" and s else ""]
    out: list[list[str]] = [[] for _ in segments]
    bounds = []
    pos = 0
    for s in segments:
        bounds.append(pos)
        pos += len(s)
    seg = 0
    for word, start in zip(full, words.starts):
        while seg + 1 < len(segments) and start >= bounds[seg + 1]:
            seg += 1
        out[seg].append(word)
    if not full and orphan:
        out[0].append(orphan + BLOCK_END)
    return [
        (" " + " ".join(ws) + " ") if ws else (" " if s.strip() == "" and s else "")
        for s, ws in zip(segments, out)
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
    return decode_counted(encoded, block)[0]


def decode_counted(encoded: str, block: str = " ") -> tuple[str, int]:
    """decode, and how many index words the text holds (as :func:`units` counts them)."""
    memo = _DECODED.setdefault(block, {})
    if len(memo) > _ENCODED_MAX:
        memo.clear()
    out = []
    count = 0
    for word in encoded.split():
        done = memo.get(word)
        if done is None:
            done = memo[word] = _decode_word(word, block)
        out.append(done[0])
        count += done[1]
    return "".join(out).strip(), count


_DECODED: dict[str, dict[str, str]] = {}  # by block separator: index words recur across pages


def _decode_word(word: str, block: str) -> tuple[str, int]:
    """One index word's text, and 1 if it is an index word (0 for escapes alone)."""
    out = []
    found = 0
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
                digits = word[i + 2 : j].translate(_FROM_HEX)
                if digits and not digits.strip(_HEX_DIGITS):
                    try:
                        out.append(chr(int(digits, 16)))
                    except ValueError:  # beyond U+10FFFF
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
        if cls != OTHER:
            found = 1
        if cls == HAN:
            out.append(core[0])  # the rest of the n-gram belongs to the next words
        elif cls == WORD:
            out.append(core.split(PAD, 1)[0])
        # else: punctuation Pagefind added (the "." after a block)
    return "".join(out), found


# One match per index word: a Han character, or a run of other letters and digits (as _RUNS cuts them).
_COUNTED = re.compile(rf"[{_HAN_CLASS}]|[^\W_{re.escape(PAD)}{_HAN_CLASS}]+")


def unit_count(text: str) -> int:
    """len(units(text)), without making the words."""
    return len(_COUNTED.findall(text))


def units(text: str) -> list[tuple[str, int, int]]:
    """(index key, start, end) of each word of a block of plain text, as Pagefind indexed it."""
    words = _units(text)[0]
    return [
        (core.lower(), start, start + 1 if char_class(core[0]) == HAN else end)
        for core, start, end in zip(words.cores, words.starts, words.ends)
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
