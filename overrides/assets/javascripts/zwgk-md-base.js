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
