// Article pages: text size 大/中/小 and 【打印】 (overrides/partials/zwgk-article-tools.html).
// Loaded synchronously in <head> like zwgk-elder.js, so a remembered size applies before the first
// paint; the size is remembered in localStorage for every article page, and works with 长者模式
// (zwgk-article.css: in 长者模式 小 never goes below its 20 px). The change is announced in a status
// region. Printing fills in the page's address (when portal.yml has no domain) and today's date.
(function () {
  const KEY = "zwgk-size";
  const SIZES = { l: "大", m: "中", s: "小" };
  const root = document.documentElement;

  function stored() {
    try {
      const v = localStorage.getItem(KEY);
      return v in SIZES ? v : "m";
    } catch (e) {
      return "m";
    }
  }

  function store(size) {
    try {
      if (size === "m") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, size);
    } catch (e) {}
  }

  function apply(size) {
    root.classList.toggle("zwgk-size-l", size === "l");
    root.classList.toggle("zwgk-size-s", size === "s");
    for (const button of document.querySelectorAll(".zwgk-size")) {
      button.setAttribute("aria-pressed", button.dataset.size === size ? "true" : "false");
    }
  }

  function today() {
    const d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function fillPrintMeta() {
    for (const el of document.querySelectorAll(".zwgk-print-url")) {
      if (!el.textContent.trim()) el.textContent = location.href.split("#")[0];
    }
    for (const el of document.querySelectorAll(".zwgk-print-date")) el.textContent = today();
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    fillPrintMeta();
    for (const button of document.querySelectorAll(".zwgk-size")) {
      button.addEventListener("click", function () {
        const size = button.dataset.size;
        apply(size);
        store(size);
        for (const status of document.querySelectorAll(".zwgk-size-status")) {
          status.textContent = "字号已改为" + SIZES[size];
        }
      });
    }
    for (const button of document.querySelectorAll(".zwgk-print")) {
      button.addEventListener("click", function () {
        fillPrintMeta();
        window.print();
      });
    }
  });
  window.addEventListener("beforeprint", fillPrintMeta);
})();
