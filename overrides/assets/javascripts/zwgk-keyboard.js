// Keyboard access to what Material for MkDocs only offers to the mouse
// (squidfunk/mkdocs-material#4101): the navigation drawer gets a real <button>, Escape closes
// it, focus goes in and comes back; collapsed navigation sections toggle with Space as well as
// Enter; and Material's single-letter shortcuts (n / p / , / .) are disabled (WCAG 2.1.4).
(function () {
  // Material's n/p shortcuts follow <link rel=next/prev>; without them the keys do nothing.
  for (const link of document.querySelectorAll("link[rel=prev], link[rel=next]")) link.remove();

  const drawer = document.getElementById("__drawer");
  const button = document.querySelector(".zwgk-menu-button");
  const sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && button && sidebar) {
    sidebar.id = sidebar.id || "zwgk-drawer";
    button.setAttribute("aria-controls", sidebar.id);

    const isOpen = () => drawer.checked;
    const sync = () => button.setAttribute("aria-expanded", isOpen() ? "true" : "false");
    const setOpen = (open) => {
      if (drawer.checked !== open) {
        drawer.checked = open;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
      }
      sync();
    };

    button.addEventListener("click", function () {
      const open = !isOpen();
      setOpen(open);
      if (open) {
        const first = sidebar.querySelector(".md-nav--primary a[href], .md-nav--primary [tabindex='0']");
        if (first) first.focus();
      }
    });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        setOpen(false);
        button.focus();
      }
    });
    // Leaving the open drawer by Tab closes it, so focus never sits behind the overlay.
    document.addEventListener("focusin", function (event) {
      if (isOpen() && !sidebar.contains(event.target) && event.target !== button) setOpen(false);
    });
    sync();
  }

  // The current page's entry opens its table of contents; Material leaves that label unfocusable.
  for (const label of document.querySelectorAll("label.md-nav__link[for='__toc']")) label.tabIndex = 0;

  // Collapsed sections in the navigation are <label tabindex=0>; Material handles Enter only.
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.key === " " && target instanceof HTMLLabelElement && target.tabIndex === 0) {
      event.preventDefault();
      target.click();
    }
  });
})();
