// Material for MkDocs' inline content script (partials/javascripts/content.html), as a file.
(function (script) {
  if (script.hasAttribute("data-tabs-link")) {
    const tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      outer: for (const set of document.querySelectorAll(".tabbed-set")) {
        const labels = set.querySelector(".tabbed-labels");
        for (const tab of tabs) {
          for (const label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              continue outer;
            }
          }
        }
      }
    }
  }
  const target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})(document.currentScript);
