/*
 * zwgk-search.js — the browser half of the portal's Chinese search.
 *
 * The index is built by build_scripts/zwgk/search (Pagefind 1.5.2 over words made at build
 * time: one bigram per Han character, see terms.py).  This file turns a query into the same
 * words, asks Pagefind for them, keeps only pages where the words sit next to each other as
 * in the query, and decodes Pagefind's stored text back into readable excerpts.
 *
 * API (window.zwgkSearch):
 *   search(query, {filters, sort}) -> Promise<ResultSet>
 *       ResultSet: {query, total, results: [{id, score}], filters, totalFilters,
 *                   countsExact, page(n = 0, size = 10) -> Promise<[Result]>}
 *       Result:    {id, url, title, excerpt (HTML, matches in <mark>), plainExcerpt,
 *                   meta (decoded), filters}
 *       An empty query with filters lists every page that has them.
 *   filters() -> Promise<{name: {value: count}}>   every filter value in the index
 *   preload() -> Promise                           fetch the engine (e.g. on focus)
 *   configure({root, bundle, worker})              defaults: site root from this script's URL
 *   terms(query), decode(text)                     the shared rules, for tests and tools
 *
 * Pagefind runs in a worker started from this same file: the worker has no <html lang>, so
 * Pagefind does not cut the query with Intl.Segmenter, and its own worker script need not be
 * fetched.  Without workers it runs in the page.
 */
(function (global) {
  "use strict";

  // --- terms: keep in step with build_scripts/zwgk/search/terms.py --------------------------
  var PAD = "\ua66e";
  var ESC = "`";
  var HAN = "H", WORD = "W", OTHER = "O";
  var HAN_RANGES = [
    [0x3005, 0x3005], [0x3007, 0x3007], [0x3021, 0x3029], [0x3038, 0x303b],
    [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x323af],
  ];
  var SHORT = {
    " ": "~", "，": ",", "。": ".", "、": "/", "；": ";", "：": ":", "？": "?", "！": "!",
    "“": "<", "”": ">", "（": "(", "）": ")", "《": "[", "》": "]", "〔": "#", "〕": "$",
    "【": "@", "】": "&", "—": "-", "…": "^", "·": "*", "%": "%", "-": "=", "/": "+",
    ".": "'",
  };
  var UNSHORT = {};
  Object.keys(SHORT).forEach(function (k) { UNSHORT[SHORT[k]] = k; });
  var HEX = "!#$%()*+,-./:;=?";
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
    runs = runs.filter(function (r) { return r[0] !== OTHER; });
    var terms = [];
    var pos = 0;
    runs.forEach(function (r, k) {
      var last = k === runs.length - 1;
      var run = r[1];
      if (r[0] === WORD) {
        var key = normalizeWord(run).toLowerCase();
        terms.push(last ? { key: key, offset: pos, prefix: true } : { key: key + PAD, offset: pos, prefix: false });
        pos += 1;
        return;
      }
      var chars = Array.from(run);
      var m = chars.length;
      if (m === 1) {
        terms.push(last ? { key: run, offset: pos, prefix: true } : { key: run + PAD, offset: pos, prefix: false });
      } else {
        var starts = [];
        for (var s = 0; s < m - 1; s += 2) starts.push(s);
        if (last && starts[starts.length - 1] !== m - 2) starts.push(m - 2);
        starts.forEach(function (s) {
          terms.push({ key: chars[s] + chars[s + 1], offset: pos + s, prefix: false });
        });
        if (!last) terms.push({ key: chars[m - 1] + PAD, offset: pos + m - 1, prefix: false });
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

  // One stored word -> {text, start, end, key}: its display text, where the word's own
  // characters sit in it (for <mark>), and the key Pagefind indexed it under.
  function decodeWord(word) {
    var out = "", start = -1, end = -1, key = "";
    var chars = Array.from(word);
    var i = 0, n = chars.length;
    while (i < n) {
      var c = chars[i];
      if (c === ESC && i + 1 < n) {
        var code = chars[i + 1];
        if (code === "|") { out += " "; i += 2; }
        else if (code === "{") {
          var j = chars.indexOf("}", i + 2);
          if (j < 0) break;
          var hex = "";
          for (var h = i + 2; h < j; h++) hex += HEX.indexOf(chars[h]).toString(16);
          var cp = parseInt(hex, 16);
          if (!isNaN(cp)) out += String.fromCodePoint(cp);
          i = j + 1;
        } else { out += UNSHORT[code] || ""; i += 2; }
        continue;
      }
      var cls = charClass(c);
      if (cls === HAN) {
        start = out.length; out += c; end = out.length;
        var next = chars[i + 1];
        if (next !== undefined && (next === PAD || charClass(next) === HAN)) {
          key = c + next; i += 2;
        } else { key = c; i += 1; }
      } else if (cls === WORD) {
        var k = i;
        while (k < n && charClass(chars[k]) === WORD) k++;
        start = out.length; out += chars.slice(i, k).join(""); end = out.length;
        key = chars.slice(i, k).join("").toLowerCase();
        if (chars[k] === PAD) { key += PAD; k++; }
        i = k;
      } else i += 1; // the "." Pagefind adds after a block
    }
    return { text: out, start: start, end: end, key: key };
  }

  function decode(text) {
    return String(text || "").split(/\s+/).map(function (w) { return decodeWord(w).text; }).join("").trim();
  }

  function termMatches(term, key) {
    return term.prefix ? key.startsWith(term.key) : key === term.key;
  }

  // --- the engine: wherever Pagefind runs ----------------------------------------------------
  function createEngine(bundleUrl) {
    var pf = null;
    var sets = new Map(); // search id -> {results, phrases}
    var nextSet = 0;

    function load() {
      if (!pf) {
        pf = import(bundleUrl + "pagefind.js").then(function (mod) {
          return Promise.resolve(mod.options({ excerptLength: 16 })).then(function () {
            return Promise.resolve(mod.init()).then(function () { return mod; });
          });
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

    function excerpt(words, phrases, maxChars) {
      var decoded = words.map(decodeWord);
      var marked = new Array(decoded.length).fill(false);
      var firstHit = -1;
      phrases.forEach(function (ph) {
        var span = ph.span;
        for (var p = 0; p + span <= decoded.length; p++) {
          var ok = true;
          for (var t = 0; t < ph.length && ok; t++) {
            ok = termMatches(ph[t], decoded[p + ph[t].offset - ph[0].offset].key);
          }
          if (!ok) continue;
          for (var q = p; q < p + span; q++) marked[q] = true;
          if (firstHit < 0 || p < firstHit) firstHit = p;
        }
      });
      // Start a little before the first match, stop after maxChars characters.
      var start = 0;
      if (firstHit > 0) {
        var before = 0;
        start = firstHit;
        while (start > 0 && before + decoded[start - 1].text.length <= maxChars / 4) {
          start--; before += decoded[start].text.length;
        }
      }
      var html = "", plain = "", count = 0, i = start;
      for (; i < decoded.length && count < maxChars; i++) {
        var d = decoded[i];
        var text = d.text;
        if (!text) continue;
        count += text.length;
        plain += text;
        if (marked[i] && d.start >= 0) {
          html += esc(text.slice(0, d.start)) + "<mark>" + esc(text.slice(d.start, d.end)) + "</mark>" + esc(text.slice(d.end));
        } else html += esc(text);
      }
      html = html.replace(/<\/mark><mark>/g, "");
      var pre = start > 0 ? "…" : "", post = i < decoded.length ? "…" : "";
      return { html: pre + html.trim() + post, plain: pre + plain.trim() + post };
    }

    async function page(setId, from, size) {
      var set = sets.get(setId);
      if (!set) throw new Error("搜索结果已过期，请重新搜索");
      var slice = set.results.slice(from, from + size);
      var frags = await Promise.all(slice.map(function (res) { return res.data(); }));
      return frags.map(function (f, k) {
        var meta = {};
        Object.keys(f.meta || {}).forEach(function (name) {
          meta[name] = name === "image" ? f.meta[name] : decode(f.meta[name]);
        });
        var ex = excerpt(f.content.split(/\s+/).filter(Boolean), set.phrases, 90);
        return {
          id: slice[k].id,
          rawUrl: f.raw_url || f.url,
          title: meta.title || "",
          excerpt: ex.html,
          plainExcerpt: ex.plain,
          meta: meta,
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

  // --- worker side ---------------------------------------------------------------------------
  var inWorker = typeof document === "undefined" && typeof self !== "undefined" && typeof self.postMessage === "function";
  if (inWorker) {
    var engine = null;
    self.onmessage = function (event) {
      var msg = event.data || {};
      var reply = function (result, error) { self.postMessage({ id: msg.id, result: result, error: error }); };
      Promise.resolve()
        .then(function () {
          if (msg.method === "init") {
            engine = engine || createEngine(msg.args[0]);
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
    // Pagefind reads <html lang> when it starts; a "zh" language would make it cut the
    // query with Intl.Segmenter, so it is shown a neutral language for that moment.
    var engine = createEngine(bundleUrl());
    var html = document.documentElement;
    var lang = html.getAttribute("lang");
    html.setAttribute("lang", "und");
    var loading = engine.load();
    if (lang === null) html.removeAttribute("lang");
    else html.setAttribute("lang", lang);
    return loading.then(function () { return engine; });
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
    decode: decode,
    decodeWord: decodeWord,
  };
})(typeof window !== "undefined" ? window : self);
