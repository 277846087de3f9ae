/*
 * zwgk-search.js — the browser half of the portal's Chinese search.
 *
 * The index is built by build_scripts/zwgk/search (Pagefind 1.5.2 over words made at build
 * time: one trigram per Han character, see terms.py).  This file turns a query into the same
 * words, asks Pagefind for them, keeps only pages where the words sit at the offsets they have
 * in the query, and cuts excerpts from the page text (stored plain, see bundle.py).
 *
 * API (window.zwgkSearch):
 *   search(query, {filters, sort}) -> Promise<ResultSet>
 *       ResultSet: {query, total, results: [{id, score}], filters, totalFilters,
 *                   countsExact, page(n = 0, size = 10) -> Promise<[Result]>}
 *       Result:    {id, url, title, excerpt (HTML, matches in <mark>), plainExcerpt,
 *                   meta, filters}
 *       An empty query with filters lists every page that has them.
 *   filters() -> Promise<{name: {value: count}}>   every filter value in the index
 *   preload() -> Promise                           fetch the engine (e.g. on focus)
 *   configure({root, bundle, worker})              defaults: site root from this script's URL
 *   terms(query), units(text)                      the shared rules, for tests and tools
 *
 * Pagefind runs in a worker started from this same file: the worker has no <html lang>, so
 * Pagefind does not cut the query with Intl.Segmenter, and its own worker script need not be
 * fetched.  Without workers it runs in the page.
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
    runs = runs.filter(function (r) { return r[0] !== OTHER; }).map(function (r) {
      return r[0] === WORD ? [WORD, normalizeWord(r[1])] : r;
    });
    var terms = [];
    var pos = 0;
    runs.forEach(function (r, k) {
      var last = k === runs.length - 1;
      var run = r[1];
      var chars = Array.from(run);
      var end = last ? "" : PAD + lookahead(runs[k + 1][1]);
      var m = r[0] === WORD ? 1 : chars.length;
      if (last && k > 0 && chars.length === 1) {
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
        if (!last) {
          terms.push({ key: chars.slice(m - NGRAM + 1).join("") + end, offset: pos + m - NGRAM + 1, prefix: false });
        } else if (s < m) {
          terms.push({ key: chars.slice(m - NGRAM).join(""), offset: pos + m - NGRAM, prefix: false });
        }
      }
      pos += m;
    });
    terms.span = pos;
    return terms;
  }

  // Whitespace separates phrases; a page must contain every phrase.
  function queryPhrases(query) {
    return String(query || "").split(/\s+/).map(phraseTerms).filter(function (t) { return t.length; });
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

  // --- the engine: wherever Pagefind runs ----------------------------------------------------
  // Pagefind loads only one index chunk for a term, even when the words that start with
  // it (年 -> 年度, 年ꙮ ...) run on into the next chunks.  For a prefix term we read the
  // chunk list from Pagefind's metadata file and have every chunk it needs loaded.
  function cmpCodePoints(a, b) {
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
      var d = x.value.codePointAt(0) - y.value.codePointAt(0);
      if (d) return d;
    }
  }

  function chunksFor(chunks, prefix) {
    var upper = prefix + "\u{10FFFF}";
    var out = [];
    for (var i = 0; i < chunks.length; i++) {
      var next = chunks[i + 1];
      if (cmpCodePoints(chunks[i][0], upper) <= 0 && (!next || cmpCodePoints(next[0], prefix) > 0)) out.push(chunks[i][0]);
    }
    return out;
  }

  async function gunzip(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return bytes.subarray(12); // "pagefind_dcd"
  }

  // Just enough CBOR (RFC 8949) for Pagefind's metadata file.
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
      if (major === 4) { var a = []; for (var i = 0; i < len; i++) a.push(item()); return a; }
      if (major === 5) { var m = {}; for (var j = 0; j < len; j++) { var k = item(); m[k] = item(); } return m; }
      return item(); // tag
    }
    return item();
  }

  function createEngine(bundleUrl, metaSource) {
    var pf = null;
    var chunkList = null;

    function indexChunks() {
      if (!chunkList) {
        chunkList = metaSource()
          .then(function (buffer) { return buffer && typeof DecompressionStream !== "undefined" ? gunzip(buffer) : null; })
          .then(function (bytes) { return bytes ? cbor(bytes)[2] || [] : []; })
          .catch(function () { return []; });
      }
      return chunkList;
    }

    async function loadPrefixChunks(mod, keys) {
      var chunks = await indexChunks();
      var froms = new Set();
      keys.forEach(function (key) { chunksFor(chunks, key).forEach(function (f) { froms.add(f); }); });
      await Promise.all(Array.from(froms).map(function (f) { return mod.preload(f); }));
    }
    var sets = new Map(); // search id -> {results, phrases}
    var nextSet = 0;

    function load() {
      if (!pf) {
        pf = import(bundleUrl + "pagefind.js").then(function (mod) {
          // Pagefind reads <html lang> as it starts: a "zh" language would make it cut the
          // query with Intl.Segmenter, so it is shown a neutral one for that moment.
          var html = typeof document !== "undefined" ? document.documentElement : null;
          var lang = html && html.getAttribute("lang");
          if (html) html.setAttribute("lang", "und");
          var started;
          try {
            started = mod.init();
          } finally {
            if (html && lang === null) html.removeAttribute("lang");
            else if (html) html.setAttribute("lang", lang);
          }
          return Promise.resolve(started).then(function () { return mod; });
        });
      }
      return pf;
    }

    function verified(phrase, positions, id) {
      var first = positions.get(phrase[0].key).get(id);
      if (!first) return false;
      for (var p of first) {
        var ok = true;
        for (var t = 1; t < phrase.length && ok; t++) {
          var at = positions.get(phrase[t].key).get(id);
          ok = !!at && at.has(p + phrase[t].offset - phrase[0].offset);
        }
        if (ok) return true;
      }
      return false;
    }

    async function search(query, opts) {
      opts = opts || {};
      var mod = await load();
      var phrases = queryPhrases(query);
      var options = {};
      if (opts.filters && Object.keys(opts.filters).length) options.filters = opts.filters;
      if (opts.sort && Object.keys(opts.sort).length) options.sort = opts.sort;
      var keys = [];
      phrases.forEach(function (ph) {
        ph.forEach(function (t) { if (keys.indexOf(t.key) < 0) keys.push(t.key); });
      });
      var prefixKeys = [];
      phrases.forEach(function (ph) { ph.forEach(function (t) { if (t.prefix) prefixKeys.push(t.key); }); });
      if (prefixKeys.length) await loadPrefixChunks(mod, prefixKeys);
      var r;
      if (!keys.length) {
        if (!options.filters) return { id: -1, total: 0, results: [], filters: {}, totalFilters: {}, countsExact: true };
        r = await mod.search(null, options);
      } else {
        r = await mod.search(keys.join(" "), options);
      }
      var results = r.results;
      var dropped = 0;
      var multi = phrases.filter(function (ph) { return ph.length > 1; });
      if (multi.length && results.length) {
        // Where each key sits on each page (one Pagefind call per key; its chunks are loaded).
        var positions = new Map();
        for (var ph of multi) {
          for (var t of ph) {
            if (positions.has(t.key)) continue;
            var one = await mod.search(t.key);
            var byPage = new Map();
            one.results.forEach(function (res) { byPage.set(res.id, new Set(res.words)); });
            positions.set(t.key, byPage);
          }
        }
        var kept = results.filter(function (res) {
          return multi.every(function (ph) { return verified(ph, positions, res.id); });
        });
        dropped = results.length - kept.length;
        results = kept;
      }
      var id = nextSet++;
      sets.set(id, { results: results, phrases: phrases });
      if (sets.size > 8) sets.delete(sets.keys().next().value);
      return {
        id: id,
        total: results.length,
        results: results.map(function (res) { return { id: res.id, score: res.score }; }),
        filters: r.filters,
        totalFilters: r.totalFilters,
        countsExact: dropped === 0,
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
      return { html: pre + html.trim() + post, plain: pre + plain.trim() + post };
    }

    async function page(setId, from, size) {
      var set = sets.get(setId);
      if (!set) throw new Error("搜索结果已过期，请重新搜索");
      var slice = set.results.slice(from, from + size);
      var frags = await Promise.all(slice.map(function (res) { return res.data(); }));
      return frags.map(function (f, k) {
        var ex = excerpt(f.content, set.phrases, 90);
        return {
          id: slice[k].id,
          rawUrl: f.raw_url || f.url,
          title: (f.meta && f.meta.title) || "",
          excerpt: ex.html,
          plainExcerpt: ex.plain,
          meta: f.meta || {},
          filters: f.filters || {},
        };
      });
    }

    async function filters() {
      var mod = await load();
      return mod.filters();
    }

    return { load: load, search: search, page: page, filters: filters };
  }

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { terms: queryPhrases, units: units, charClass: charClass };
    return;
  }

  // --- worker side ---------------------------------------------------------------------------
  var inWorker = typeof document === "undefined" && typeof self !== "undefined" && typeof self.postMessage === "function";
  if (inWorker) {
    var engine = null;
    var metaSeen = null;
    var metaResolve;
    var metaBytes = new Promise(function (resolve) { metaResolve = resolve; });
    var originalFetch = self.fetch;
    self.fetch = function (input) {
      var response = originalFetch.apply(this, arguments);
      var url = String((input && input.url) || input);
      if (!metaSeen && /\.pf_meta(\?|$)/.test(url)) {
        metaSeen = response
          .then(function (r) { return r.clone().arrayBuffer(); })
          .then(metaResolve, function () { metaResolve(null); });
      }
      return response;
    };
    self.onmessage = function (event) {
      var msg = event.data || {};
      var reply = function (result, error) { self.postMessage({ id: msg.id, result: result, error: error }); };
      Promise.resolve()
        .then(function () {
          if (msg.method === "init") {
            engine = engine || createEngine(msg.args[0], function () { return metaBytes; });
            return engine.load().then(function () { return true; });
          }
          if (!engine) throw new Error("search engine not initialised");
          return engine[msg.method].apply(null, msg.args);
        })
        .then(function (result) { reply(result, null); }, function (err) { reply(null, String((err && err.message) || err)); });
    };
    return;
  }

  // --- page side -----------------------------------------------------------------------------
  var script = document.currentScript;
  var config = { root: null, bundle: null, worker: typeof Worker !== "undefined" };
  var enginePromise = null;

  function siteRoot() {
    if (config.root) return new URL(config.root, location.href).href;
    if (global.__md_scope) return new URL(".", global.__md_scope).href;
    if (script && script.src) return new URL("../../", script.src).href;
    return new URL("/", location.href).href;
  }

  function bundleUrl() {
    return config.bundle ? new URL(config.bundle, location.href).href : new URL("pagefind/", siteRoot()).href;
  }

  function workerEngine() {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(script.src);
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
    var bundle = bundleUrl();
    var engine = createEngine(bundle, function () {
      return fetch(bundle + "pagefind-entry.json")
        .then(function (r) { return r.json(); })
        .then(function (entry) {
          var langs = Object.keys(entry.languages || {});
          return langs.length ? fetch(bundle + "pagefind." + entry.languages[langs[0]].hash + ".pf_meta") : null;
        })
        .then(function (r) { return r ? r.arrayBuffer() : null; });
    });
    return engine.load().then(function () { return engine; });
  }

  function getEngine() {
    if (!enginePromise) {
      var useWorker = config.worker && script && script.src;
      enginePromise = (useWorker ? workerEngine().catch(pageEngine) : pageEngine());
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function search(query, opts) {
    opts = opts || {};
    return getEngine().then(function (engine) {
      return engine.search(String(query || ""), { filters: opts.filters || {}, sort: opts.sort || {} }).then(function (set) {
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
