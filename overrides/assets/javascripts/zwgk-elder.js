// 长者模式 (elderly mode): large text, high contrast, large targets, no motion.
// Loaded synchronously in <head> so the mode applies before the first paint (no flash, no
// jump); the switch is a real <button aria-pressed> in the header of every page, and the
// choice is remembered in localStorage for every page of the site.
(function () {
  const KEY = "zwgk-elder";
  const root = document.documentElement;

  function stored() {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch (e) {
      return false; // storage blocked: the mode still works on this page
    }
  }

  function store(on) {
    try {
      if (on) localStorage.setItem(KEY, "1");
      else localStorage.removeItem(KEY);
    } catch (e) {}
  }

  function apply(on) {
    root.classList.toggle("zwgk-elder", on);
    for (const button of document.querySelectorAll(".zwgk-elder-toggle")) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  root.classList.add("zwgk-js");
  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    apply(root.classList.contains("zwgk-elder"));
    for (const button of document.querySelectorAll(".zwgk-elder-toggle")) {
      button.addEventListener("click", function () {
        const on = !root.classList.contains("zwgk-elder");
        apply(on);
        store(on);
      });
    }
  });
})();
