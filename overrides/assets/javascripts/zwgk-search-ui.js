/*
 * zwgk-search-ui.js — the search page (content/search.md, markup in
 * overrides/partials/zwgk-search-page.html) on top of window.zwgkSearch (zwgk-search.js).
 *
 * - The state is in the address: ?q=低保&有效性=已废止&发布单位=…&sort=date-desc, so a result
 *   list can be linked, reloaded and reached with the back button.
 * - A query runs when the form is submitted (Enter or the button), never on each key: every
 *   run announces its count in the live status line ("找到 N 条结果"), which must not chatter.
 * - Filters and the sort order run at once when changed; focus stays where it is.
 * - "更多结果" appends the next results and moves focus to the first new one.
 * - Everyday words are also searched as the formal term (低保 ↔ 最低生活保障): the groups come
 *   from the records (tasks_yaml/search_terms.yml, built to search/terms.json beside this page).
 * - A question with few exact matches also lists the pages holding its meaningful parts, below
 *   them and marked as partial (低保怎么申请 -> 低保; the engine's partial option).
 * - A document number lists its own document first however it is typed (isNumberQuery).
 * - Filter values in the address that the index does not have are reported and left out.
 * - Nothing is written as HTML except the engine's excerpt (escaped text with <mark>).
 */
(function () {
  "use strict";

  var root = document.getElementById("zwgk-sp");
  if (!root) return;
  var noScript = document.getElementById("zwgk-sp-nojs"); // what the page says without JavaScript
  if (noScript) noScript.hidden = true;

  var PAGE_SIZE = 10;
  // Filter groups, in the order shown. Long value lists are selects; 有效性 is checkboxes.
  var GROUPS = [
    { name: "栏目", kind: "select" },
    { name: "有效性", kind: "checkbox", note: "（规范性文件）",
      order: ["现行有效", "尚未生效", "已修改", "已废止", "已失效"] },
    { name: "征集状态", kind: "checkbox", note: "（意见征集）",
      order: ["征集中", "即将开始", "已截止待反馈", "已反馈", "反馈逾期"] },
    { name: "发布单位", kind: "select" },
    { name: "发布机构", kind: "select" },
    { name: "年份", kind: "select", newestFirst: true },
    { name: "主题分类", kind: "select" },
  ];
  var COLUMN_ORDER = ["规范性文件库", "政策解读", "政策问答", "重点工作任务"];
  var SORTS = {
    "": { label: "相关度", sort: null },
    "date-desc": { label: "发布日期（新→旧）", sort: { date: "desc" } },
    "date-asc": { label: "发布日期（旧→新）", sort: { date: "asc" } },
  };
  var VALIDITY_SLUGS = {
    "现行有效": "valid", "尚未生效": "pending", "已修改": "amended", "已废止": "repealed", "已失效": "expired",
  };

  var form = document.getElementById("zwgk-sp-form");
  var input = document.getElementById("zwgk-sp-q");
  var filterBox = document.getElementById("zwgk-sp-filters");
  var status = document.getElementById("zwgk-sp-status");
  var list = document.getElementById("zwgk-sp-list");
  var more = document.getElementById("zwgk-sp-more");
  var pageTitle = document.title;

  var controls = {}; // group name -> select or [checkbox]
  var sortSelect = null;
  var current = null; // {sources, state, also, total, seen (ids read), items (loaded), shown}
  var runId = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  // --- state <-> address -----------------------------------------------------------------
  function readAddress() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    GROUPS.forEach(function (g) {
      var values = params.getAll(g.name).filter(Boolean);
      if (values.length) filters[g.name] = values;
    });
    var sort = params.get("sort") || "";
    return { q: (params.get("q") || "").trim(), filters: filters, sort: SORTS[sort] ? sort : "" };
  }

  function writeAddress(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    GROUPS.forEach(function (g) {
      (state.filters[g.name] || []).forEach(function (v) { params.append(g.name, v); });
    });
    if (state.sort) params.append("sort", state.sort);
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function readControls() {
    var filters = {};
    GROUPS.forEach(function (g) {
      var c = controls[g.name];
      if (!c) return;
      var values = g.kind === "select"
        ? (c.value ? [c.value] : [])
        : c.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      if (values.length) filters[g.name] = values;
    });
    return { q: input.value.trim(), filters: filters, sort: sortSelect ? sortSelect.value : "" };
  }

  function showState(state) {
    input.value = state.q;
    GROUPS.forEach(function (g) {
      var c = controls[g.name];
      if (!c) return;
      var chosen = state.filters[g.name] || [];
      if (g.kind === "select") {
        if (chosen[0] && !Array.prototype.some.call(c.options, function (o) { return o.value === chosen[0]; })) {
          c.appendChild(el("option", { value: chosen[0] }, chosen[0]));
        }
        c.value = chosen[0] || "";
      } else {
        c.forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
      }
    });
    if (sortSelect) sortSelect.value = state.sort;
  }

  // --- filter controls from the index's values ---------------------------------------------
  function orderedValues(group, counts) {
    var values = Object.keys(counts || {});
    if (group.order) {
      return group.order.filter(function (v) { return values.indexOf(v) >= 0; })
        .concat(values.filter(function (v) { return group.order.indexOf(v) < 0; }).sort());
    }
    if (group.newestFirst) return values.sort().reverse();
    if (group.name === "栏目") {
      var first = COLUMN_ORDER.filter(function (v) { return values.indexOf(v) >= 0; });
      return first.concat(values.filter(function (v) { return first.indexOf(v) < 0; })
        .sort(function (a, b) { return a.localeCompare(b, "zh-CN"); }));
    }
    return values.sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
  }

  function buildFilters(all, state) {
    var selects = el("div", { class: "zwgk-sp__groups" });
    GROUPS.forEach(function (g, i) {
      var values = orderedValues(g, all[g.name]);
      if (!values.length) return;
      var id = "zwgk-sp-f" + i;
      if (g.kind === "select") {
        var field = el("div", { class: "zwgk-sp__field" });
        field.appendChild(el("label", { for: id }, g.name));
        var select = el("select", { id: id, name: g.name });
        select.appendChild(el("option", { value: "" }, "全部"));
        values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
        select.addEventListener("change", onFilterChange);
        field.appendChild(select);
        selects.appendChild(field);
        controls[g.name] = select;
      } else {
        var set = el("fieldset", { class: "zwgk-sp__group zwgk-sp__group--checks" });
        set.appendChild(el("legend", {}, g.name + (g.note || "")));
        controls[g.name] = values.map(function (v, k) {
          var row = el("div", { class: "zwgk-sp__check" });
          var box = el("input", { type: "checkbox", id: id + "-" + k, name: g.name, value: v });
          box.addEventListener("change", onFilterChange);
          row.appendChild(box);
          row.appendChild(el("label", { for: id + "-" + k }, v));
          set.appendChild(row);
          return box;
        });
        selects.appendChild(set);
      }
    });
    filterBox.appendChild(selects);

    var sortField = el("div", { class: "zwgk-sp__field zwgk-sp__field--sort" });
    sortField.appendChild(el("label", { for: "zwgk-sp-sort" }, "排序"));
    sortSelect = el("select", { id: "zwgk-sp-sort", name: "sort" });
    Object.keys(SORTS).forEach(function (k) { sortSelect.appendChild(el("option", { value: k }, SORTS[k].label)); });
    sortSelect.addEventListener("change", onFilterChange);
    sortField.appendChild(sortSelect);
    filterBox.appendChild(sortField);

    var clear = el("button", { type: "button", class: "zwgk-sp__clear" }, "清除筛选条件");
    clear.addEventListener("click", function () {
      var state = readControls();
      state.filters = {};
      showState(state);
      run(state, false);
    });
    filterBox.appendChild(clear);
    // Open beside the results on wide screens; on phones folded above them unless in use.
    filterBox.open = window.matchMedia("(min-width: 60em)").matches || hasFilters(state) || !!state.sort;
    filterBox.hidden = false;
  }

  // --- results -----------------------------------------------------------------------------
  function hasFilters(state) { return Object.keys(state.filters).length > 0; }

  function engineFilters(state) {
    var out = {};
    Object.keys(state.filters).forEach(function (name) {
      var values = state.filters[name];
      out[name] = values.length === 1 ? values[0] : { any: values };
    });
    return out;
  }

  function cnDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : "";
  }

  function first(value) { return Array.isArray(value) ? value[0] : value; }

  // An excerpt that starts with the page's title (the first match was in its heading) says
  // the title twice: the repeated words are taken off the front, marks and all.
  function dropLeading(node, title) {
    var text = node.textContent;
    var start = text.charAt(0) === "…" ? 1 : 0;
    if (!title || text.slice(start, start + title.length) !== title) return;
    var left = start + title.length;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (t) {
      var cut = Math.min(left, t.data.length);
      t.data = t.data.slice(cut);
      left -= cut;
    });
    Array.prototype.slice.call(node.querySelectorAll("mark")).forEach(function (m) {
      if (!m.textContent) m.remove();
    });
    node.normalize();
    if (node.firstChild && node.firstChild.nodeType === 3) node.firstChild.data = node.firstChild.data.replace(/^\s+/, "");
  }

  function renderResult(item) {
    var meta = item.meta || {};
    var filters = item.filters || {};
    var li = el("li", { class: "zwgk-sp__result" });
    var heading = el("h3", { class: "zwgk-sp__title" });
    heading.appendChild(el("a", { href: item.url }, meta.title || item.title || item.url));
    li.appendChild(heading);

    var facts = el("p", { class: "zwgk-sp__facts" });
    var column = meta.column || first(filters["栏目"]);
    if (column) facts.appendChild(el("span", { class: "zwgk-sp__fact" }, "栏目：" + column));
    var unit = first(filters["发布单位"]);
    if (unit) facts.appendChild(el("span", { class: "zwgk-sp__fact" }, "发布单位：" + unit));
    var date = cnDate(meta.date);
    if (date) facts.appendChild(el("span", { class: "zwgk-sp__fact" }, "发布日期：" + date));
    var validity = meta.validity || first(filters["有效性"]);
    if (validity) {
      var v = el("span", { class: "zwgk-sp__fact" }, "有效性：");
      v.appendChild(el("span", {
        class: "zwgk-validity zwgk-validity--" + (VALIDITY_SLUGS[validity] || "other"),
      }, validity));
      facts.appendChild(v);
    }
    if (meta.version) facts.appendChild(el("span", { class: "zwgk-sp__fact" }, "文本：" + meta.version));
    if (item.partial) {
      facts.appendChild(el("span", { class: "zwgk-sp__fact zwgk-sp__partial" }, "部分匹配"));
    }
    if (facts.childNodes.length) li.appendChild(facts);

    if (item.excerpt) {
      var excerpt = el("p", { class: "zwgk-sp__excerpt" });
      excerpt.innerHTML = item.excerpt; // the engine's escaped text, matches in <mark>
      dropLeading(excerpt, meta.title || "");
      if (excerpt.textContent.trim()) li.appendChild(excerpt);
    }
    return li;
  }

  var announceTimer = null;
  function announce(text) {
    // Emptied first, so the same words (the same count after a filter change) are read again.
    clearTimeout(announceTimer);
    status.textContent = "";
    announceTimer = setTimeout(function () { status.textContent = text; }, 60);
  }

  function quoted(words) {
    return words.map(function (w) { return "“" + w + "”"; }).join("");
  }

  function countMessage(mine) {
    var state = mine.state;
    var unknown = mine.unknown.length
      ? "地址中的筛选条件" + mine.unknown.map(function (u) { return "“" + u[0] + "：" + u[1] + "”"; }).join("、") +
        "在本站不存在，已忽略。"
      : "";
    if (mine.empty) return unknown + "没有可以搜索的文字：请输入要查找的文字或数字（只有标点符号无法搜索）。";
    if (!mine.total) {
      var words = state.q ? "没有找到与“" + state.q + "”相关的结果。" : "没有符合筛选条件的信息。";
      var tips = [];
      if (hasFilters(state)) tips.push("取消部分筛选条件");
      if (state.q) tips.push("检查是否有错别字", "换用更短或更常用的词（如“低保”“就业”）");
      return unknown + words + (tips.length ? "可以" + tips.join("、") + "后再试。" : "");
    }
    var text = state.q ? "找到 " + mine.total + " 条结果" : "共 " + mine.total + " 条信息符合筛选条件";
    if (mine.also.length) text += "（包括" + quoted(mine.also) + "的结果）";
    if (mine.partial) {
      text += mine.exact
        ? "，其中 " + mine.exact + " 条完全匹配“" + state.q + "”，其余 " + mine.partial + " 条为部分匹配"
        : "，都是部分匹配：没有完全匹配“" + state.q + "”的结果";
      if (mine.parts.length) text += "，包含" + quoted(mine.parts) + "等词";
    }
    if (mine.shown < mine.total) text += "，显示前 " + mine.shown + " 条";
    return unknown + text + "。";
  }

  // Equivalent terms (search/terms.json, from tasks_yaml/search_terms.yml): [[低保, 最低生活保障], …].
  var synonyms = null;
  function loadSynonyms() {
    if (!synonyms) {
      synonyms = fetch(new URL("terms.json", location.href).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (groups) { return Array.isArray(groups) ? groups.filter(Array.isArray) : []; },
          function () { return []; });
    }
    return synonyms;
  }

  // A query that is a document number lists that document first even when others cite it more
  // often, however it is typed: 示府办发〔2023〕12号, 示府办发[2023]12, 示府办发（２０２３）12号,
  // 11511722MB00000003/2023-00012.  Its docno/indexno meta is compared among the first
  // NUMBER_WINDOW results (the index already weighs the own number highest).
  var NUMBER_WINDOW = 30;
  function numberKey(text) {
    return String(text || "").normalize("NFKC")
      .replace(/[\s〔〕\[\]()【】〈〉<>{}（）［］]/g, "").replace(/号$/, "").toLowerCase();
  }
  function isNumberQuery(q) {
    return /\d/.test(q.normalize("NFKC")) && !/\s/.test(q) && (/[号\/]/.test(q) || /^\D+\d{4}\D*\d+号?$/.test(numberKey(q)));
  }

  // One engine result set being read: its results fetched a page at a time, pos = next to show.
  function source(set) { return { set: set, items: [], pages: 0, pos: 0 }; }

  function itemAt(src, i) {
    if (i < src.items.length) return Promise.resolve(src.items[i]);
    return src.set.page(src.pages++, PAGE_SIZE).then(function (items) {
      if (!items.length) return null;
      src.items = src.items.concat(items);
      return itemAt(src, i);
    });
  }

  // The next result of the merged sources (each already in order: by score, or by date when
  // sorting by date), each page once; null when none is left.
  function nextResult(mine) {
    var live = mine.sources.filter(function (src) {
      var res = src.set.results;
      while (src.pos < res.length && mine.seen.has(res[src.pos].id)) src.pos++;
      return src.pos < res.length;
    });
    if (!live.length) return Promise.resolve(null);
    var dir = SORTS[mine.state.sort].sort ? (mine.state.sort === "date-asc" ? 1 : -1) : 0;
    var heads = dir ? Promise.all(live.map(function (src) { return itemAt(src, src.pos); })) : Promise.resolve([]);
    return heads.then(function (items) {
      var best = 0;
      for (var k = 1; k < live.length; k++) {
        if (dir) {
          var a = (items[k] && items[k].meta.date) || "", b = (items[best] && items[best].meta.date) || "";
          if ((a < b ? 1 : a > b ? -1 : 0) === dir) best = k; // dir: 1 oldest first, -1 newest first
        } else if (live[k].set.results[live[k].pos].score > live[best].set.results[live[best].pos].score) {
          best = k;
        }
      }
      var src = live[best];
      var at = src.pos++;
      mine.seen.add(src.set.results[at].id);
      return itemAt(src, at);
    });
  }

  // Reads merged results until `upTo` are loaded (or all of them).
  function loadUpTo(mine, upTo) {
    if (mine.items.length >= Math.min(upTo, mine.total)) return Promise.resolve();
    return nextResult(mine).then(function (item) {
      if (!item) { mine.total = mine.items.length; return; }
      mine.items.push(item);
      return loadUpTo(mine, upTo);
    });
  }

  function promoteNumber(mine) {
    var key = numberKey(mine.state.q);
    var exact = function (item) {
      var m = item.meta || {};
      return numberKey(m.docno) === key || numberKey(m.indexno) === key;
    };
    mine.items = mine.items.filter(exact).concat(mine.items.filter(function (i) { return !exact(i); }));
  }

  function showMore(moveFocus) {
    var mine = current;
    return loadUpTo(mine, mine.shown + PAGE_SIZE).then(function () {
      if (mine !== current) return;
      var firstLink = null;
      mine.items.slice(mine.shown, mine.shown + PAGE_SIZE).forEach(function (item) {
        var li = renderResult(item);
        list.appendChild(li);
        firstLink = firstLink || li.querySelector("a");
      });
      mine.shown = Math.min(mine.items.length, mine.shown + PAGE_SIZE);
      more.hidden = mine.shown >= mine.total;
      if (moveFocus && firstLink) firstLink.focus();
    });
  }

  function fail() {
    list.textContent = "";
    more.hidden = true;
    root.removeAttribute("aria-busy");
    announce("搜索暂时无法使用，请稍后再试，或从首页进入各栏目查找。");
  }

  function run(state, push) {
    var id = ++runId;
    writeAddress(state, push);
    document.title = state.q ? "“" + state.q + "”的搜索结果 - " + pageTitle : pageTitle;
    if (!state.q && !hasFilters(state)) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      announce("请输入关键词，或选择筛选条件。");
      return Promise.resolve();
    }
    root.setAttribute("aria-busy", "true");
    var slow = setTimeout(function () { if (id === runId) status.textContent = "正在搜索……"; }, 400);
    var unknown = unknownFilters(state);
    var known = { q: state.q, filters: {}, sort: state.sort };
    Object.keys(state.filters).forEach(function (name) {
      var values = state.filters[name].filter(function (v) {
        return !unknown.some(function (u) { return u[0] === name && u[1] === v; });
      });
      if (values.length) known.filters[name] = values;
    });
    var opts = { filters: engineFilters(known), partial: true };
    if (SORTS[state.sort].sort) opts.sort = SORTS[state.sort].sort;
    return loadSynonyms().then(function (groups) {
      opts.synonyms = groups;
      return window.zwgkSearch.search(state.q, opts);
    }).then(function (set) {
      if (id !== runId) return;
      var mine = current = {
        sources: [source(set)], state: state, also: set.also || [], parts: set.parts || [],
        exact: set.exact, partial: set.total - set.exact, unknown: unknown,
        empty: !!state.q && set.id === -1 && !hasFilters(known),
        total: set.total, seen: new Set(), items: [], shown: 0,
      };
      var byNumber = !state.sort && isNumberQuery(state.q);
      return loadUpTo(mine, byNumber ? NUMBER_WINDOW : PAGE_SIZE).then(function () {
        if (mine !== current) return;
        if (byNumber) promoteNumber(mine);
        list.textContent = "";
        return showMore(false);
      }).then(function () {
        if (id !== runId) return;
        clearTimeout(slow);
        root.removeAttribute("aria-busy");
        announce(countMessage(mine));
      });
    }).catch(function () {
      clearTimeout(slow);
      if (id === runId) fail();
    });
  }

  function onFilterChange() { run(readControls(), false); }

  // Values in the address that no page has (a mistyped or old link): [[name, value], …].  Before
  // the filter list has come, nothing is known to be missing.
  var filterValues = null;
  function unknownFilters(state) {
    var out = [];
    if (!filterValues) return out;
    Object.keys(state.filters).forEach(function (name) {
      var have = filterValues[name];
      state.filters[name].forEach(function (v) {
        if (!have || !Object.prototype.hasOwnProperty.call(have, v)) out.push([name, v]);
      });
    });
    return out;
  }

  var searchedEarly = false; // a search started before the filter list came
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    searchedEarly = true;
    var state = readControlsOr(readAddress());
    state.q = input.value.trim();
    run(state, true);
  });

  more.addEventListener("click", function () {
    if (!current) return;
    more.disabled = true;
    showMore(true).then(function () {
      more.disabled = false;
      if (current) announce("已显示 " + current.shown + " 条，共 " + current.total + " 条。");
    }, function () { more.disabled = false; fail(); });
  });

  window.addEventListener("popstate", function () {
    var state = readAddress();
    showState(state);
    run(state, false);
  });

  // --- start -------------------------------------------------------------------------------
  var initial = readAddress();
  showState(initial);
  if (!window.zwgkSearch) {
    fail();
    return;
  }
  window.zwgkSearch.filters().then(function (all) {
    filterValues = all || {};
    // What the visitor has typed meanwhile is kept; the controls take the address's state.
    var typed = input.value;
    var state = readAddress();
    buildFilters(all || {}, state);
    showState(state);
    input.value = typed;
  }, function () { /* the filters stay hidden; a query can still run */ })
    .then(function () {
      if (!searchedEarly && (initial.q || hasFilters(initial))) return run(readControlsOr(initial), false);
    });

  // Before the filter controls exist, the address is the state.
  function readControlsOr(state) {
    return Object.keys(controls).length ? readControls() : state;
  }
})();
