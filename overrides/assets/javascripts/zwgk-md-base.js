// Material for MkDocs' inline globals (partials/javascripts/base.html), as a file so that the
// Content-Security-Policy can say script-src 'self' without 'unsafe-inline'.
(function (scope) {
  window.__md_scope = new URL(scope, location);
  window.__md_hash = (s) => [...s].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
  window.__md_get = (key, storage = localStorage, base = window.__md_scope) =>
    JSON.parse(storage.getItem(base.pathname + "." + key));
  window.__md_set = (key, value, storage = localStorage, base = window.__md_scope) => {
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) {}
  };
})(document.currentScript.dataset.scope || ".");

// Without ResizeObserver (Safari before 13.1) Material would load a polyfill from a public CDN,
// a request to another host. This stand-in reports sizes on window resize, which is all
// Material uses it for (sidebar heights and the header on resize).
if (typeof window.ResizeObserver === "undefined") {
  window.ResizeObserver = class {
    constructor(callback) {
      this.callback = callback;
      this.targets = new Set();
      this.notify = () => this.callback([...this.targets].map((target) => ({ target })), this);
    }
    observe(target) {
      if (!this.targets.size) window.addEventListener("resize", this.notify);
      this.targets.add(target);
      requestAnimationFrame(this.notify);
    }
    unobserve(target) {
      this.targets.delete(target);
    }
    disconnect() {
      this.targets.clear();
      window.removeEventListener("resize", this.notify);
    }
  };
}
