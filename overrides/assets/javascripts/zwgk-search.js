/*
 * zwgk-search.js — the browser half of the portal's Chinese search.
 *
 * The index is built by build_scripts/zwgk/search: Pagefind 1.5.2 indexes words made at build
 * time (one trigram per Han character, see terms.py).  This file turns a query into the same
 * words, reads the index chunks that hold them straight from Pagefind's bundle, keeps only
 * pages where the words sit at the offsets they have in the query, ranks them as Pagefind
 * does, and cuts excerpts from the page text (stored plain, see bundle.py).
 *
 * API (window.zwgkSearch):
 *   search(query, {filters, sort, synonyms, partial}) -> Promise<ResultSet>
 *       ResultSet: {query, total, exact, results: [{id, score, partial}], filters, totalFilters,
 *                   countsExact, also, parts, page(n = 0, size = 10) -> Promise<[Result]>}
 *       Result:    {id, url, title, excerpt (HTML, matches in <mark>), plainExcerpt,
 *                   meta, filters, partial}
 *       An empty query with filters lists every page that has them.  Whitespace and list
 *       punctuation (、，；：…) separate phrases; every phrase must match.
 *       synonyms: [[低保, 最低生活保障], …]: a phrase holding one word of a group also matches
 *       with each other word instead (also: the alternatives that found pages).
 *       partial: when fewer than PARTIAL_BELOW pages match exactly, pages holding at least
 *       half of the query's meaningful parts (parts: the words found) follow them, marked
 *       partial (低保怎么申请 -> 低保; 创业贷款 -> 创业 … 贷款).  Exact results are always first.
 *       Documents in force rank first: see STANDING.
 *   filters() -> Promise<{name: {value: count}}>   every filter value in the index (a summary
 *                                                  file; no filter chunk is fetched)
 *   preload() -> Promise                           load the index metadata (e.g. on focus)
 *   configure({root, bundle, worker})              defaults: site root from this script's URL
 *   terms(query), units(text)                      the shared rules, for tests and tools
 *
 * The engine runs in a worker started from this same file (in the page where there are no
 * workers).  Files read: pagefind-entry.json, the metadata (pf_meta), the chunk groups
 * (pf_group) and index chunks a query's words fall in, the filter chunks a query filters on, zwgk-filters.json for
 * filters(), and per result shown its fragment (title, meta and the first piece of text)
 * and, when the first match lies further on, the piece of text that holds it.
 */
(function (global) {
  "use strict";

  // --- terms: keep in step with build_scripts/zwgk/search/terms.py --------------------------
  var NGRAM = 3;
  var PAD = "\ua66e";
  var HAN = "H", WORD = "W", OTHER = "O";
  var HAN_RANGES = [
    [0x3005, 0x3005], [0x3007, 0x3007], [0x3021, 0x3029], [0x3038, 0x303b],
    [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x323af],
  ];
  var ALNUM = /^[\p{L}\p{N}]$/u;

  function charClass(c) {
    if (c === PAD || !ALNUM.test(c)) return OTHER;
    var cp = c.codePointAt(0);
    for (var i = 0; i < HAN_RANGES.length; i++) {
      if (cp >= HAN_RANGES[i][0] && cp <= HAN_RANGES[i][1]) return HAN;
    }
    return WORD;
  }

  function normalizeWord(run) {
    var norm = run.normalize("NFKC");
    for (var c of norm) if (charClass(c) !== WORD) return run;
    return norm;
  }

  function lookahead(word) {
    return Array.from(word)[0].toLowerCase();
  }

  // Keys that find one phrase: [{key, offset, prefix}], plus span (positions it covers).
  function phraseTerms(phrase) {
    var runs = [];
    for (var c of phrase) {
      var cls = charClass(c);
      var top = runs[runs.length - 1];
      if (cls === OTHER) runs.push([OTHER, ""]);
      else if (top && top[0] === cls) top[1] += c;
      else runs.push([cls, c]);
    }
    // Punctuation after the last run (（一）, 《办法》, 〔2023〕) says the run ends there in the page too.
    var closed = runs.length > 0 && runs[runs.length - 1][0] === OTHER;
    runs = runs.filter(function (r) { return r[0] !== OTHER; }).map(function (r) {
      return r[0] === WORD ? [WORD, normalizeWord(r[1])] : r;
    });
    var terms = [];
    var pos = 0;
    runs.forEach(function (r, k) {
      var last = k === runs.length - 1;
      var run = r[1];
      var chars = Array.from(run);
      var end = last && closed ? PAD : last ? "" : PAD + lookahead(runs[k + 1][1]);
      var openEnd = last && !closed;
      var m = r[0] === WORD ? 1 : chars.length;
      if (openEnd && k > 0 && chars.length === 1) {
        // a one-character last run is the previous run's lookahead already
      } else if (r[0] === WORD) {
        terms.push({ key: run.toLowerCase() + end, offset: pos, prefix: last });
      } else if (m < NGRAM) {
        terms.push({ key: run + end, offset: pos, prefix: last });
      } else {
        var s;
        for (s = 0; s + NGRAM <= m; s += NGRAM) {
          terms.push({ key: chars.slice(s, s + NGRAM).join(""), offset: pos + s, prefix: false });
        }
        if (!openEnd) {
          terms.push({ key: chars.slice(m - NGRAM + 1).join("") + end, offset: pos + m - NGRAM + 1, prefix: last });
        } else if (s < m) {
          terms.push({ key: chars.slice(m - NGRAM).join(""), offset: pos + m - NGRAM, prefix: false });
        }
      }
      pos += m;
    });
    terms.span = pos;
    return terms;
  }

  // Whitespace and list punctuation separate phrases (terms.py SEPARATORS); a page must
  // contain every phrase.
  var SEPARATORS = /[\s，、；：。！？,;:!?]+/;
  function queryParts(query) {
    return String(query || "").split(SEPARATORS).filter(Boolean);
  }
  function queryPhrases(query) {
    return queryParts(query).map(phraseTerms).filter(function (t) { return t.length; });
  }

  // Index key and [start, end) (UTF-16 offsets) of each word of a block of plain text,
  // as the page was indexed: the text the result fragments carry (see bundle.py).
  function units(text) {
    var chars = Array.from(text);
    var offsets = [];
    var off = 0;
    chars.forEach(function (c) { offsets.push(off); off += c.length; });
    offsets.push(off);
    var classes = chars.map(charClass);
    var out = [];
    for (var i = 0; i < chars.length;) {
      if (classes[i] === HAN) {
        var e = i + 1, runEnd;
        while (e < chars.length && e < i + NGRAM && classes[e] === HAN) e++;
        for (runEnd = e; runEnd < chars.length && classes[runEnd] === HAN;) runEnd++;
        out.push({ key: chars.slice(i, e).join(""), padded: e - i < NGRAM, start: offsets[i], end: offsets[i + 1], runEnd: runEnd });
        i += 1;
      } else if (classes[i] === WORD) {
        var j = i;
        while (j < chars.length && classes[j] === WORD) j++;
        out.push({ key: normalizeWord(chars.slice(i, j).join("")).toLowerCase(), padded: true, start: offsets[i], end: offsets[j], runEnd: j });
        i = j;
      } else i += 1;
    }
    // A word that ends its run carries PAD and the next word's first character (terms.py).
    var nxt = PAD;
    for (var k = out.length - 1; k >= 0; k--) {
      var u = out[k];
      if (u.padded) u.key += PAD + nxt;
      if (k === 0 || out[k - 1].runEnd !== u.runEnd) nxt = lookahead(u.key);
      delete u.padded; delete u.runEnd;
    }
    return out;
  }

  function termMatches(term, key) {
    return term.prefix ? key.startsWith(term.key) : key === term.key;
  }

  // --- reading the Pagefind bundle -----------------------------------------------------------
  // Pagefind 1.5.2 writes every file as gzip("pagefind_dcd" + payload): CBOR for the
  // metadata (pf_meta), the word index chunks (pf_index) and the filter chunks (pf_filter),
  // JSON for the page fragments (pf_fragment).  The build checks the version and adds, in
  // the same envelope, chunk groups (pf_group) and text pieces (pf_text): see bundle.py.
  // Pagefind's own runtime (pagefind.js and its WebAssembly, about 80 KB before any index
  // data) is not used: it cuts Chinese queries with Intl.Segmenter, and its size alone is
  // more than half of what a first query may download (see benchmarks/search_recall.py).
  var SIGNATURE = "pagefind_dcd";

  async function inflate(bytes) {
    if (typeof DecompressionStream !== "undefined") {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    }
    var pako = await fallbackInflater();
    return pako.ungzip(bytes);
  }

  async function unpack(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await inflate(bytes);
    if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
      throw new Error("搜索索引文件格式不对");
    }
    return bytes.subarray(SIGNATURE.length);
  }

  // Just enough CBOR (RFC 8949) for Pagefind's files.
  function cbor(bytes) {
    var pos = 0;
    var text = new TextDecoder();
    function uint(info) {
      if (info < 24) return info;
      var n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 8, v = 0;
      for (var i = 0; i < n; i++) v = v * 256 + bytes[pos++];
      return v;
    }
    function item() {
      var head = bytes[pos++], major = head >> 5, info = head & 31;
      if (major === 7) {
        if (info === 25) pos += 2; else if (info === 26) pos += 4; else if (info === 27) pos += 8;
        return info === 21 ? true : info === 20 ? false : null;
      }
      var len = uint(info);
      if (major === 0) return len;
      if (major === 1) return -1 - len;
      if (major === 2) { pos += len; return null; }
      if (major === 3) { var s = text.decode(bytes.subarray(pos, pos + len)); pos += len; return s; }
      if (major === 4) { var a = new Array(len); for (var i = 0; i < len; i++) a[i] = item(); return a; }
      if (major === 5) { var m = Object.create(null); for (var j = 0; j < len; j++) { var k = item(); m[k] = item(); } return m; }
      return item(); // tag
    }
    return item();
  }

  function cmpCodePoints(a, b) {
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
      var d = x.value.codePointAt(0) - y.value.codePointAt(0);
      if (d) return d;
    }
  }

  // Index chunks that may hold words equal to key (exact) or starting with it (prefix).
  // Pagefind writes chunk boundaries cut to the shortest prefix that tells neighbouring
  // chunks apart (九 … 乡低 holds 乡低保), so a word is compared cut to each boundary's length.
  function cut(word, like) {
    return Array.from(word).slice(0, Array.from(like).length).join("");
  }

  // A large site's index is built in parts (search/__init__.py PART_PAGES): their chunks' word
  // ranges overlap, so every chunk whose range may hold the key is taken.
  function chunksFor(chunks, key, prefix) {
    var highest = prefix ? key + "\u{10FFFF}" : key;
    return chunks.filter(function (c) {
      return cmpCodePoints(cut(highest, c.from), c.from) >= 0 && cmpCodePoints(cut(key, c.to), c.to) <= 0;
    });
  }

  // A chunk's words: word -> [{page, locs: [[weight, position], ...]}].  Pages and positions
  // are stored as differences; a weight marker (-1 - weight) starts positions afresh.  offset:
  // the number of pages in the parts before the chunk's own (0 for a site indexed whole).
  function readIndexChunk(bytes, offset) {
    var words = new Map();
    cbor(bytes)[0].forEach(function (entry) {
      var page = offset || 0;
      words.set(entry[0], entry[1].map(function (p) {
        page += p[0];
        var weight = 25, at = 0, locs = [];
        p[1].forEach(function (v) {
          if (v < 0) { weight = Math.min(-1 - v, 255); at = 0; } else { at += v; locs.push([weight, at]); }
        });
        return { page: page, locs: locs };
      }));
    });
    return words;
  }

  // Ranking: BM25 with Pagefind 1.5.2's defaults, one term per query word.  A short query
  // word stands for every index word it starts (补贴 -> 补贴资, 补贴标 ...): their positions
  // count together as one term, so a page is not ranked up for using it in many phrases.
  // Weights from data-pagefind-weight are kept (24 = weight 1).
  var RANKING = { pageLength: 0.75, termSaturation: 1.4 };

  function bm25(weightedTf, pageLength, averageLength, totalPages, pagesWithTerm) {
    var k1 = RANKING.termSaturation, b = RANKING.pageLength;
    var idf = Math.log((totalPages - pagesWithTerm + 0.5) / (pagesWithTerm + 0.5) + 1);
    return (idf * (k1 + 1) * weightedTf) / (k1 * (1 - b + (b * pageLength) / averageLength) + weightedTf);
  }

  // --- the engine ----------------------------------------------------------------------------
  function createEngine(bundleUrl) {
    var meta = null;
    var chunkCache = new Map(); // chunk id -> Promise<Map word -> postings>
    var groupCache = new Map(); // group id -> Promise<[{from, to, id}]>
    var filterCache = new Map(); // filter name -> Promise<{value: [page, ...]}>
    var sets = new Map(); // search id -> {results, phrases}
    var nextSet = 0;

    async function fetchFile(path) {
      var response = await fetch(bundleUrl + path);
      if (!response.ok) throw new Error("搜索索引文件无法加载（" + response.status + "）：" + path);
      return unpack(await response.arrayBuffer());
    }

    var prefix = "", runsFile = null;
    function load() {
      if (!meta) {
        meta = fetch(bundleUrl + "pagefind-entry.json")
          .then(function (r) {
            if (!r.ok) throw new Error("搜索索引无法加载（" + r.status + "）");
            return r.json();
          })
          .then(function (entry) {
            var langs = Object.keys(entry.languages || {});
            if (langs.length !== 1 || !entry.zwgk || !entry.zwgk.chunk_groups) throw new Error("搜索索引格式不对");
            prefix = entry.zwgk.fragments;
            runsFile = entry.zwgk.runs || null;
            return fetchFile("pagefind." + entry.languages[langs[0]].hash + ".pf_meta");
          })
          .then(function (bytes) {
            var m = cbor(bytes);
            // page n's fragment is <prefix><n in base 36>; in place of its hash, "d" marks a
            // document in force, "x" one not in force or an earlier text (bundle.py standing)
            var pages = m[1].map(function (p, n) { return { id: prefix + n.toString(36), words: p[1], standing: p[0] }; });
            var total = pages.reduce(function (s, p) { return s + p.words; }, 0);
            var sorts = Object.create(null);
            (m[4] || []).forEach(function (s) { sorts[s[0]] = s[1]; });
            return {
              pages: pages,
              averageLength: pages.length ? total / pages.length : 1,
              groups: m[2].map(function (c) { return { from: c[0], to: c[1], id: c[2] }; }),
              filterChunks: new Map((m[3] || []).map(function (f) { return [f[0], f[1]]; })),
              sorts: sorts,
              runsFile: runsFile,
            };
          });
        meta.catch(function () { meta = null; });
      }
      return meta;
    }

    function indexChunk(chunk) {
      var id = chunk.id;
      if (!chunkCache.has(id)) {
        var p = fetchFile("index/" + id + ".pf_index").then(function (bytes) { return readIndexChunk(bytes, chunk.offset); });
        p.catch(function () { chunkCache.delete(id); });
        chunkCache.set(id, p);
      }
      return chunkCache.get(id);
    }

    function filterChunk(m, name) {
      if (!filterCache.has(name)) {
        var id = m.filterChunks.get(name);
        var p = id === undefined ? Promise.resolve(Object.create(null)) : fetchFile("filter/" + id + ".pf_filter").then(function (bytes) {
          var values = Object.create(null); // values are data: __proto__ is a value like any other
          cbor(bytes)[1].forEach(function (v) { values[v[0]] = v[1]; });
          return values;
        });
        p.catch(function () { filterCache.delete(name); });
        filterCache.set(name, p);
      }
      return filterCache.get(name);
    }

    // The metadata lists groups of index chunks; a group file lists its chunks (bundle.py).
    function chunkGroup(id) {
      if (!groupCache.has(id)) {
        var p = fetchFile("index/" + id + ".pf_group").then(function (bytes) {
          return cbor(bytes).map(function (c) { return { from: c[0], to: c[1], id: c[2], offset: c[3] || 0 }; });
        });
        p.catch(function () { groupCache.delete(id); });
        groupCache.set(id, p);
      }
      return groupCache.get(id);
    }

    async function chunksOf(m, term) {
      var groups = chunksFor(m.groups, term.key, term.prefix).map(function (g) { return g.id; });
      var lists = await Promise.all(groups.map(chunkGroup));
      var chunks = [];
      lists.forEach(function (list) { chunks = chunks.concat(chunksFor(list, term.key, term.prefix)); });
      return chunks;
    }

    // The words a term stands for, each with its postings: [{word, postings}] (a word found in
    // several parts of the index has its postings joined).
    async function termWords(m, term) {
      var maps = await Promise.all((await chunksOf(m, term)).map(indexChunk));
      var byWord = new Map();
      function add(word, postings) {
        byWord.set(word, byWord.has(word) ? byWord.get(word).concat(postings) : postings);
      }
      maps.forEach(function (words) {
        if (!term.prefix) {
          if (words.has(term.key)) add(term.key, words.get(term.key));
          return;
        }
        words.forEach(function (postings, word) {
          if (word.startsWith(term.key)) add(word, postings);
        });
      });
      var out = [];
      byWord.forEach(function (postings, word) { out.push({ word: word, postings: postings }); });
      return out;
    }

    // --- filters: Pagefind's filter object ({name: value | [values] | {any|all|none|not: …}})
    function filterNames(filters, out) {
      Object.keys(filters || {}).forEach(function (k) {
        var v = filters[k];
        if (/^(any|all|none|not)$/.test(k) && v && typeof v === "object") {
          (Array.isArray(v) ? v : [v]).forEach(function (x) { if (x && typeof x === "object") filterNames(x, out); });
        } else out.add(k);
      });
      return out;
    }

    function pageSet(n, pages) {
      var s = new Uint8Array(n);
      (pages || []).forEach(function (p) { if (p < n) s[p] = 1; });
      return s;
    }

    function collapse(sets, any, n) {
      if (!sets.length) return null;
      var out = sets[0].slice();
      for (var i = 1; i < sets.length; i++) {
        for (var p = 0; p < n; p++) out[p] = any ? out[p] | sets[i][p] : out[p] & sets[i][p];
      }
      return out;
    }

    function invert(s) {
      for (var p = 0; p < s.length; p++) s[p] ^= 1;
      return s;
    }

    function filterValue(values, v, any, n) {
      var sets = [];
      if (typeof v === "string") sets.push(pageSet(n, values[v]));
      else if (Array.isArray(v)) {
        v.forEach(function (x) {
          if (typeof x === "string") sets.push(pageSet(n, values[x]));
          else if (x && typeof x === "object") { var s = filterValue(values, x, false, n); if (s) sets.push(s); }
        });
      } else if (v && typeof v === "object") {
        Object.keys(v).forEach(function (k) {
          if (!/^(any|all|none|not)$/.test(k)) return;
          var s = filterValue(values, v[k], k === "any" || k === "none", n);
          if (s) sets.push(/^(none|not)$/.test(k) ? invert(s) : s);
        });
      }
      return collapse(sets, any, n);
    }

    function filterObject(loaded, filters, any, n) {
      var sets = [];
      Object.keys(filters).forEach(function (k) {
        var v = filters[k], s;
        if (/^(any|all|none|not)$/.test(k) && v && typeof v === "object") {
          var inner = (Array.isArray(v) ? v : [v]).filter(function (x) { return x && typeof x === "object"; })
            .map(function (x) { return filterObject(loaded, x, false, n); }).filter(Boolean);
          s = Array.isArray(v) ? collapse(inner, k === "any" || k === "none", n) : inner[0];
          if (s && /^(none|not)$/.test(k)) s = invert(s);
        } else {
          s = filterValue(loaded[k] || Object.create(null), v, false, n);
        }
        if (s) sets.push(s);
      });
      return collapse(sets, any, n);
    }

    function counts(loaded, inSet) {
      var out = Object.create(null);
      Object.keys(loaded).forEach(function (name) {
        out[name] = Object.create(null);
        Object.keys(loaded[name]).forEach(function (value) {
          var pages = loaded[name][value], c = 0;
          for (var i = 0; i < pages.length; i++) if (inSet[pages[i]]) c++;
          out[name][value] = c;
        });
      });
      return out;
    }

    async function loadedFilters(m, names) {
      var list = Array.from(names);
      var values = await Promise.all(list.map(function (name) { return filterChunk(m, name); }));
      var loaded = Object.create(null);
      list.forEach(function (name, i) { if (m.filterChunks.has(name)) loaded[name] = values[i]; });
      // counts are given for every filter loaded so far, as Pagefind does
      for (var entry of filterCache) {
        if (!(entry[0] in loaded) && m.filterChunks.has(entry[0])) loaded[entry[0]] = await entry[1];
      }
      return loaded;
    }

    // --- search ---------------------------------------------------------------------------
    // Pages where a phrase's words sit at the offsets they have in the query:
    // {pages: Uint8Array, starts: Map page -> first position where the phrase starts}.
    function phrasePages(phrase, found, n) {
      var pages = new Uint8Array(n), starts = new Map();
      if (phrase.length === 1) {
        found.get(phrase[0].key).forEach(function (w) {
          w.postings.forEach(function (p) {
            pages[p.page] = 1;
            p.locs.forEach(function (l) {
              if (!(starts.get(p.page) <= l[1])) starts.set(p.page, l[1]);
            });
          });
        });
        return { pages: pages, starts: starts };
      }
      var positions = phrase.map(function (term) {
        var byPage = new Map();
        found.get(term.key).forEach(function (w) {
          w.postings.forEach(function (p) {
            var s = byPage.get(p.page);
            if (!s) byPage.set(p.page, (s = new Set()));
            p.locs.forEach(function (l) { s.add(l[1]); });
          });
        });
        return byPage;
      });
      positions[0].forEach(function (first, page) {
        if (!positions.every(function (m) { return m.has(page); })) return;
        for (var at of first) {
          var ok = true;
          for (var t = 1; t < phrase.length && ok; t++) {
            ok = positions[t].get(page).has(at + phrase[t].offset - phrase[0].offset);
          }
          var start = at - phrase[0].offset;
          if (ok && !(starts.get(page) <= start)) { pages[page] = 1; starts.set(page, start); }
        }
      });
      return { pages: pages, starts: starts };
    }

    // Each page's score: the sum over the query's terms of BM25 (see RANKING).
    function scores(m, keys, found, matched) {
      var out = new Map();
      keys.forEach(function (key) {
        var perPage = new Map(); // page -> weighted count
        found.get(key).forEach(function (w) {
          w.postings.forEach(function (p) {
            var sum = 0;
            p.locs.forEach(function (l) { sum += l[0] / 24; });
            perPage.set(p.page, (perPage.get(p.page) || 0) + sum);
          });
        });
        perPage.forEach(function (tf, page) {
          if (!matched[page]) return;
          var s = bm25(tf, m.pages[page].words, m.averageLength, m.pages.length, perPage.size);
          out.set(page, (out.get(page) || 0) + s);
        });
      });
      return out;
    }

    // Phrases stand for themselves and for their equivalent terms (opts.synonyms, a list of
    // groups such as ["低保", "最低生活保障"], from the records: search/terms.json): a phrase
    // matches a page when one of its alternatives does.
    var MAX_ALTERNATIVES = 8;
    function alternatives(text, groups) {
      var out = [text];
      (groups || []).forEach(function (group) {
        var words = group.filter(function (w) { return typeof w === "string" && w; })
          .sort(function (a, b) { return b.length - a.length; });
        var present = words.find(function (w) { return text.indexOf(w) >= 0; });
        if (!present) return;
        words.forEach(function (w) {
          if (w === present || w.indexOf(present) >= 0 && text.indexOf(w) >= 0) return;
          var alt = text.split(present).join(w);
          if (out.length < MAX_ALTERNATIVES && out.indexOf(alt) < 0) out.push(alt);
        });
      });
      return out.map(function (t) { return { text: t, terms: phraseTerms(t) }; })
        .filter(function (a) { return a.terms.length; });
    }

    // A question's meaningful parts: words that only say what the visitor wants done with
    // something (怎么, 如何, 申请, 办理 …) are taken out, and so are single characters such as
    // 的, 吗, 领 at the edges of what is left.  低保怎么申请 -> [低保], 怎么领育儿补贴 -> [育儿补贴].
    var STOP_WORDS = ["需不需要", "能不能", "有没有", "怎么样", "怎么办", "为什么", "在哪里", "在哪儿", "有哪些",
      "怎么", "怎样", "如何", "什么", "哪里", "哪儿", "哪些", "哪个", "在哪", "多少", "多久", "是否", "可以", "能否",
      "需要", "申请", "办理", "领取", "请问", "咨询", "查询", "我想", "我要", "我们", "的话", "一下", "相关", "有关"];
    var EDGE_CHARS = "的了吗呢啊吧么领办要想我去在给和及与或能会该找";
    function meaningfulParts(query, removed) {
      var out = [];
      queryParts(query).forEach(function (part) {
        var s = part;
        STOP_WORDS.forEach(function (w) {
          if (s.indexOf(w) >= 0 && removed && removed.indexOf(w) < 0) removed.push(w);
          s = s.split(w).join(" ");
        });
        s.split("的").join(" ").split(/\s+/).forEach(function (seg) {
          var chars = Array.from(seg);
          while (chars.length && EDGE_CHARS.indexOf(chars[0]) >= 0) chars.shift();
          while (chars.length && EDGE_CHARS.indexOf(chars[chars.length - 1]) >= 0) chars.pop();
          var word = chars.filter(function (c) { return charClass(c) !== OTHER; });
          if (word.length >= 2 || word.some(function (c) { return charClass(c) === WORD; })) out.push(chars.join(""));
        });
      });
      return out;
    }

    // A phrase as shown in a message: without the punctuation around it (“低保” -> 低保).
    function bare(text) {
      var chars = Array.from(text);
      while (chars.length && charClass(chars[0]) === OTHER) chars.shift();
      while (chars.length && charClass(chars[chars.length - 1]) === OTHER) chars.pop();
      return chars.join("");
    }

    // The pieces a part with no match of its own is looked for by: its Han runs cut into
    // overlapping pairs (创业贷款 -> 创业 业贷 贷款), its letter/digit runs whole.
    function pieces(text) {
      var out = [], run = [], cls = null;
      function flush() {
        if (cls === WORD) out.push(run.join(""));
        else if (cls === HAN && run.length === 2) out.push(run.join(""));
        else if (cls === HAN) for (var i = 0; i + 2 <= run.length; i++) out.push(run[i] + run[i + 1]);
        run = [];
      }
      for (var c of text) {
        var k = charClass(c);
        if (k !== cls) { flush(); cls = k; }
        if (k !== OTHER) run.push(c);
      }
      flush();
      return out;
    }

    // Index words of every term of these phrases, loaded into found (key -> words).
    async function loadTerms(m, phraseList, found) {
      var todo = new Map();
      phraseList.forEach(function (ph) {
        ph.forEach(function (t) { if (!found.has(t.key) && !todo.has(t.key)) todo.set(t.key, t); });
      });
      await Promise.all(Array.from(todo.values()).map(function (t) {
        return termWords(m, t).then(function (w) { found.set(t.key, w); });
      }));
      // The middle of a letter/digit run (MB00000003 in 11511722MB00000003): a phrase's first
      // word, found nowhere as the start of a word, is looked for inside the words of its kind.
      await Promise.all(phraseList.map(function (ph) {
        var t = ph[0];
        if (!t || t.offset !== 0 || charClass(Array.from(t.key)[0]) !== WORD || found.get(t.key).length) return null;
        return wordsContaining(m, t).then(function (w) { found.set(t.key, w); });
      }));
    }

    // Every index word with the term's key inside (anywhere when the term may end inside a
    // word, else at the word's end).  The bundle lists every letter/digit run of the site
    // (bundle.py RUNS, about 20 KB at 5,000 pages); the runs holding the key are looked up as
    // words.  Only run when nothing else was found.
    var runsList = null;
    async function wordsContaining(m, term) {
      if (!m.runsFile) return [];
      if (!runsList) {
        runsList = fetchFile("index/" + m.runsFile).then(function (bytes) { return new TextDecoder().decode(bytes).split("\n"); });
        runsList.catch(function () { runsList = null; });
      }
      var runs = await runsList;
      var core = term.key.split(PAD)[0], tail = term.key.slice(core.length); // tail: "", PAD or PAD + next
      var atEnd = !term.prefix || tail.length > 0; // the query's run ends where the page's run ends
      var keys = [];
      runs.forEach(function (run) {
        if (atEnd ? run.length > core.length && run.endsWith(core) : run.indexOf(core, 1) > 0) {
          keys.push(term.prefix ? { key: run + PAD, prefix: true } : { key: run + tail, prefix: false });
        }
      });
      var lists = await Promise.all(keys.map(function (k) { return termWords(m, k); }));
      return [].concat.apply([], lists);
    }

    // Pages matching one of a phrase's alternatives, with where the match starts.
    function alternativesPages(alts, found, n) {
      var pages = new Uint8Array(n), starts = new Map();
      alts.forEach(function (a) {
        var hit = phrasePages(a.terms, found, n);
        for (var p = 0; p < n; p++) pages[p] |= hit.pages[p];
        hit.starts.forEach(function (at, page) { if (!(starts.get(page) <= at)) starts.set(page, at); });
      });
      return { pages: pages, starts: starts };
    }

    function keysOf(phraseList) {
      var keys = new Set();
      phraseList.forEach(function (ph) { ph.forEach(function (t) { keys.add(t.key); }); });
      return Array.from(keys);
    }

    // Documents in force first: a normative document in force has its score multiplied by 1.5,
    // one no longer or not yet in force (and a document's earlier text) by 0.5, so it ranks
    // below one in force of comparable relevance.  The metadata marks them (bundle.py standing).
    var STANDING = { d: 1.5, x: 0.5 };
    // A query with fewer exact results than this also lists partial matches below them.
    var PARTIAL_BELOW = 10;
    // A partial match holds at least this share of the query's meaningful parts.
    var PARTIAL_SHARE = 0.5;
    // Weight of the words taken out of a question (怎么, 申请 …) in a partial match's score.
    var ASKED = 1;

    async function search(query, opts) {
      opts = opts || {};
      var m = await load();
      var n = m.pages.length;
      var groups = opts.synonyms || [];
      var parts = queryParts(query).map(function (p) { return alternatives(p, groups); })
        .filter(function (alts) { return alts.length; });
      var filters = opts.filters && Object.keys(opts.filters).length ? opts.filters : null;
      if (!parts.length && !filters) {
        return { id: -1, total: 0, exact: 0, results: [], filters: {}, totalFilters: {}, countsExact: true, also: [], parts: [] };
      }
      var exactPhrases = [];
      parts.forEach(function (alts) { alts.forEach(function (a) { exactPhrases.push(a.terms); }); });
      var found = new Map();
      var loadingFilters = loadedFilters(m, filters ? filterNames(filters, new Set()) : new Set());
      await loadTerms(m, exactPhrases, found);
      var loaded = await loadingFilters;

      var exact = new Uint8Array(n).fill(1);
      var firstAt = new Map(); // page -> position of its first match, to pick the text piece
      var also = [];
      parts.forEach(function (alts) {
        var hit = alternativesPages(alts, found, n);
        for (var p = 0; p < n; p++) exact[p] &= hit.pages[p];
        hit.starts.forEach(function (at, page) { if (!(firstAt.get(page) <= at)) firstAt.set(page, at); });
        alts.slice(1).forEach(function (a) {
          if (phrasePages(a.terms, found, n).starts.size) also.push(bare(a.text));
        });
      });
      if (!parts.length) exact.fill(1);
      var exactCount = 0;
      for (var e = 0; e < n; e++) exactCount += exact[e];

      // Partial matches: pages holding at least PARTIAL_SHARE of the meaningful parts (a part
      // with no match of its own counts by the share of its pieces the page has).
      var coverage = null, partialPhrases = [], used = [];
      if (opts.partial && parts.length && exactCount < PARTIAL_BELOW) {
        var removed = [];
        var segs = meaningfulParts(query, removed).map(function (s) { return { text: s, alts: alternatives(s, groups) }; })
          .filter(function (s) { return s.alts.length; });
        await loadTerms(m, [].concat.apply([], segs.map(function (s) { return s.alts.map(function (a) { return a.terms; }); })), found);
        // Each part counts by its length: wholly where the page has it, else by the share of its
        // pieces the page has (a part found on few pages is looked for by its pieces as well).
        var units = segs.map(function (s) {
          var hit = alternativesPages(s.alts, found, n);
          var few = hit.starts.size < PARTIAL_BELOW;
          var ps = few ? pieces(s.text).map(function (t) { return alternatives(t, groups); }).filter(function (a) { return a.length; }) : [];
          if (ps.length === 1 && ps[0][0].text === s.text) ps = [];
          return { weight: Array.from(s.text).length, seg: s, hit: hit, alts: ps, text: hit.starts.size ? [bare(s.text)] : [] };
        });
        await loadTerms(m, [].concat.apply([], units.map(function (u) {
          return [].concat.apply([], u.alts.map(function (alts) { return alts.map(function (a) { return a.terms; }); }));
        })), found);
        var totalWeight = 0;
        coverage = new Float64Array(n);
        units.forEach(function (u) {
          totalWeight += u.weight;
          var share = new Float64Array(n);
          u.hit.starts.forEach(function (at, page) {
            share[page] = 1;
            if (!exact[page] && !(firstAt.get(page) <= at)) firstAt.set(page, at);
          });
          u.alts.forEach(function (alts) {
            var hit = alternativesPages(alts, found, n);
            if (hit.starts.size && !u.hit.starts.size) u.text.push(bare(alts[0].text));
            hit.starts.forEach(function (at, page) {
              if (u.hit.starts.has(page)) return;
              share[page] += 1 / u.alts.length;
              if (!exact[page] && !(firstAt.get(page) <= at)) firstAt.set(page, at);
            });
            alts.forEach(function (a) { partialPhrases.push(a.terms); });
          });
          for (var p = 0; p < n; p++) coverage[p] += u.weight * share[p];
          u.seg.alts.forEach(function (a) { partialPhrases.push(a.terms); });
          used = used.concat(u.text);
        });
        for (var c = 0; c < n; c++) coverage[c] = totalWeight ? coverage[c] / totalWeight : 0;
      }
      var unfiltered = exact.slice();
      if (coverage) for (var u2 = 0; u2 < n; u2++) if (coverage[u2] >= PARTIAL_SHARE - 1e-9) unfiltered[u2] = 1;
      var matched = unfiltered;
      if (filters) {
        var f = filterObject(loaded, filters, false, n);
        if (f) {
          matched = unfiltered.slice();
          for (var q = 0; q < n; q++) matched[q] &= f[q];
        }
      }
      // an exact match is scored by the query's words, a partial one by the parts it holds
      var score = scores(m, keysOf(exactPhrases), found, exact);
      if (coverage) {
        var partialOnly = matched.map(function (v, p) { return v && !exact[p] ? 1 : 0; });
        scores(m, keysOf(partialPhrases), found, partialOnly).forEach(function (v, p) { score.set(p, v); });
        // the words taken out of the question still tell pages apart a little (怎么申请低保)
        var asked = removed.map(phraseTerms).filter(function (t) { return t.length; });
        await loadTerms(m, asked, found);
        asked.forEach(function (ph) {
          var hit = phrasePages(ph, found, n);
          scores(m, keysOf([ph]), found, partialOnly).forEach(function (v, p) {
            if (hit.pages[p]) score.set(p, (score.get(p) || 0) + ASKED * v);
          });
        });
      }
      var results = [];
      for (var page = 0; page < n; page++) {
        if (!matched[page]) continue;
        var s = (score.get(page) || 0) * (STANDING[m.pages[page].standing] || 1);
        results.push({
          page: page, id: m.pages[page].id, score: s, at: firstAt.get(page),
          partial: !exact[page], share: exact[page] ? 1 : Math.round(coverage[page] * 100) / 100,
        });
      }
      var sortBy = opts.sort && Object.keys(opts.sort)[0];
      var order = sortBy && m.sorts[sortBy];
      if (order) {
        var rank = new Map();
        order.forEach(function (p, i) { rank.set(p, i); });
        var asc = String(opts.sort[sortBy]).toLowerCase() === "asc";
        results = results.filter(function (r) { return rank.has(r.page); });
        results.sort(function (a, b) { return asc ? rank.get(a.page) - rank.get(b.page) : rank.get(b.page) - rank.get(a.page); });
      } else {
        // exact matches first, then partial ones by the share of the question they hold
        results.sort(function (a, b) { return a.partial - b.partial || b.share - a.share || b.score - a.score || a.page - b.page; });
      }
      var id = nextSet++;
      sets.set(id, { results: results, phrases: exactPhrases.concat(partialPhrases) });
      if (sets.size > 8) sets.delete(sets.keys().next().value);
      return {
        id: id,
        total: results.length,
        exact: results.filter(function (r) { return !r.partial; }).length,
        results: results.map(function (r) { return { id: r.id, score: r.score, partial: r.partial }; }),
        filters: counts(loaded, matched),
        totalFilters: counts(loaded, unfiltered),
        countsExact: true,
        also: also,
        parts: used,
      };
    }

    // Excerpt of plain text around the first match, matches in <mark>.
    function excerpt(content, phrases, maxChars) {
      var blocks = String(content || "").split("\n");
      var words = []; // {key, start, end} with offsets into the joined display text
      var display = "";
      blocks.forEach(function (b) {
        var base = display.length;
        units(b).forEach(function (u) { words.push({ key: u.key, start: base + u.start, end: base + u.end }); });
        display += b + " ";
      });
      var spans = [];
      phrases.forEach(function (ph) {
        for (var p = 0; p + ph.span <= words.length; p++) {
          var ok = true;
          for (var t = 0; t < ph.length && ok; t++) ok = termMatches(ph[t], words[p + ph[t].offset].key);
          if (ok) spans.push([words[p].start, words[p + ph.span - 1].end]);
        }
      });
      spans.sort(function (a, b) { return a[0] - b[0]; });
      var from = 0;
      if (spans.length) {
        from = Math.max(0, spans[0][0] - Math.floor(maxChars / 4));
        var cut = display.lastIndexOf(" ", spans[0][0]);
        if (cut >= from - maxChars / 8 && cut < spans[0][0]) from = cut + 1;
      }
      var to = Math.min(display.length, from + maxChars);
      var html = "", plain = display.slice(from, to), at = from;
      spans.forEach(function (sp) {
        var a = Math.max(sp[0], at), b = Math.min(sp[1], to);
        if (b <= a) return;
        html += esc(display.slice(at, a)) + "<mark>" + esc(display.slice(a, b)) + "</mark>";
        at = b;
      });
      html += esc(display.slice(at, to));
      var pre = from > 0 ? "…" : "", post = to < display.trimEnd().length ? "…" : "";
      return { html: pre + html.trim() + post, plain: pre + plain.trim() + post, found: spans.length > 0 };
    }

    // A result's fragment holds the first piece of the page text; the piece holding the
    // first match (by its index position) is fetched when it is another (bundle.py).
    async function resultText(res) {
      var f = JSON.parse(new TextDecoder().decode(await fetchFile("fragment/" + res.id + ".pf_fragment")));
      var ends = (f.zwgk && f.zwgk.pieces) || [];
      var k = 0;
      if (res.at !== undefined) while (k < ends.length - 1 && res.at >= ends[k]) k++;
      var text = f.content;
      if (k) {
        try {
          text = new TextDecoder().decode(await fetchFile("fragment/" + res.id + "-" + k + ".pf_text"));
        } catch (err) { /* the first piece still gives title and text */ }
      }
      return { fragment: f, text: text };
    }

    async function page(setId, from, size) {
      if (setId === -1) return []; // a query with nothing to look for (punctuation alone)
      var set = sets.get(setId);
      if (!set) throw new Error("搜索结果已过期，请重新搜索");
      var slice = set.results.slice(from, from + size);
      var got = await Promise.all(slice.map(resultText));
      return got.map(function (g, k) {
        var f = g.fragment;
        var ex = excerpt(g.text, set.phrases, 90);
        if (!ex.found && g.text !== f.content) ex = excerpt(f.content, set.phrases, 90);
        return {
          id: slice[k].id,
          rawUrl: f.raw_url || f.url,
          title: (f.meta && f.meta.title) || "",
          excerpt: ex.html,
          plainExcerpt: ex.plain,
          meta: f.meta || {},
          filters: f.filters || {},
          partial: !!slice[k].partial,
        };
      });
    }

    // Every filter value with its page count, from the summary the build writes (bundle.py).
    var summary = null;
    function filters() {
      if (!summary) {
        summary = fetch(bundleUrl + "zwgk-filters.json").then(function (r) {
          if (!r.ok) throw new Error("搜索筛选项无法加载（" + r.status + "）");
          return r.json();
        });
        summary.catch(function () { summary = null; });
      }
      return summary;
    }

    return { load: function () { return load().then(function () { return true; }); }, search: search, page: page, filters: filters };
  }

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { terms: queryPhrases, units: units, charClass: charClass, readIndexChunk: readIndexChunk, cbor: cbor };
    return;
  }

  // Browsers without DecompressionStream (Safari before 16.4, Firefox before 113) get pako's
  // inflate, shipped beside this file and fetched only by them.
  var inWorker = typeof document === "undefined" && typeof self !== "undefined" && typeof self.postMessage === "function";
  var scriptUrl = inWorker ? self.location.href : document.currentScript && document.currentScript.src;
  var pakoLoading = null;

  function fallbackInflater() {
    if (global.pako) return Promise.resolve(global.pako);
    if (!pakoLoading) {
      var url = new URL("vendor/pako_inflate.min.js", scriptUrl || location.href).href;
      pakoLoading = new Promise(function (resolve, reject) {
        if (inWorker) {
          importScripts(url);
          return resolve(self.pako);
        }
        var tag = document.createElement("script");
        tag.src = url;
        tag.onload = function () { resolve(global.pako); };
        tag.onerror = function () { reject(new Error("无法加载解压缩脚本")); };
        document.head.appendChild(tag);
      });
      pakoLoading.catch(function () { pakoLoading = null; });
    }
    return pakoLoading;
  }

  // --- worker side: the same engine, off the page's thread ------------------------------------
  if (inWorker) {
    var engine = null;
    self.onmessage = function (event) {
      var msg = event.data || {};
      var reply = function (result, error) { self.postMessage({ id: msg.id, result: result, error: error }); };
      Promise.resolve()
        .then(function () {
          if (msg.method === "init") {
            engine = engine || createEngine(msg.args[0]);
            return engine.load();
          }
          if (!engine) throw new Error("search engine not initialised");
          return engine[msg.method].apply(null, msg.args);
        })
        .then(function (result) { reply(result, null); }, function (err) { reply(null, String((err && err.message) || err)); });
    };
    return;
  }

  // --- page side -----------------------------------------------------------------------------
  var config = { root: null, bundle: null, worker: typeof Worker !== "undefined" };
  var enginePromise = null;

  function siteRoot() {
    if (config.root) return new URL(config.root, location.href).href;
    if (global.__md_scope) return new URL(".", global.__md_scope).href;
    if (scriptUrl) return new URL("../../", scriptUrl).href;
    return new URL("/", location.href).href;
  }

  function bundleUrl() {
    return config.bundle ? new URL(config.bundle, location.href).href : new URL("pagefind/", siteRoot()).href;
  }

  function workerEngine() {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(scriptUrl);
      var pending = new Map();
      var next = 0;
      function call(method, args) {
        return new Promise(function (res, rej) {
          var id = next++;
          pending.set(id, [res, rej]);
          worker.postMessage({ id: id, method: method, args: args });
        });
      }
      worker.onmessage = function (event) {
        var msg = event.data;
        var p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.error) p[1](new Error(msg.error));
        else p[0](msg.result);
      };
      worker.onerror = function (e) {
        e.preventDefault();
        pending.forEach(function (p) { p[1](new Error("worker failed")); });
        pending.clear();
        reject(new Error("worker failed"));
      };
      call("init", [bundleUrl()]).then(function () {
        resolve({
          search: function (q, o) { return call("search", [q, o]); },
          page: function (s, f, n) { return call("page", [s, f, n]); },
          filters: function () { return call("filters", []); },
        });
      }, function (err) { worker.terminate(); reject(err); });
    });
  }

  function pageEngine() {
    var engine = createEngine(bundleUrl());
    return engine.load().then(function () { return engine; });
  }

  function getEngine() {
    if (!enginePromise) {
      var useWorker = config.worker && scriptUrl;
      enginePromise = (useWorker ? workerEngine().catch(pageEngine) : pageEngine());
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function search(query, opts) {
    opts = opts || {};
    return getEngine().then(function (engine) {
      var engineOpts = { filters: opts.filters || {}, sort: opts.sort || {}, synonyms: opts.synonyms || [], partial: !!opts.partial };
      return engine.search(String(query || ""), engineOpts).then(function (set) {
        var root = siteRoot();
        set.query = String(query || "");
        set.page = function (n, size) {
          size = size || 10;
          return engine.page(set.id, (n || 0) * size, size).then(function (items) {
            return items.map(function (item) {
              item.url = new URL(String(item.rawUrl).replace(/^\/+/, ""), root).href;
              return item;
            });
          });
        };
        return set;
      });
    });
  }

  global.zwgkSearch = {
    search: search,
    filters: function () { return getEngine().then(function (e) { return e.filters(); }); },
    preload: function () { return getEngine().then(function () {}); },
    configure: function (opts) {
      opts = opts || {};
      ["root", "bundle", "worker"].forEach(function (k) { if (k in opts) config[k] = opts[k]; });
      enginePromise = null;
    },
    terms: queryPhrases,
    units: units,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
