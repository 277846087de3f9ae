// Sortable tables (the platform table of the /jcbg/ report): every column header becomes a button that
// sorts the rows by that column, ascending then descending. A cell's data-sort holds the value compared
// (numbers as numbers, dates as ISO text); ties keep the page's own order. Without this script the table
// keeps the order the page was written in (worst first), so nothing depends on it.
(function () {
  for (const table of document.querySelectorAll("table.zwgk-sortable")) {
    const body = table.tBodies[0];
    const heads = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    const original = Array.from(body.rows);
    const value = (row, index) => {
      const cell = row.cells[index];
      return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    };
    heads.forEach((th, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "zwgk-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = original.every((row) => value(row, index) !== "" && !isNaN(Number(value(row, index))));
        const rows = original.slice().sort((a, b) => {
          const x = value(a, index);
          const y = value(b, index);
          const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh-CN");
          return (ascending ? order : -order) || original.indexOf(a) - original.indexOf(b);
        });
        body.append(...rows);
      });
    });
    if (table.caption) {
      const note = document.createElement("span");
      note.textContent = "（点击列标题可按该列排序，再点一次反向排序）";
      table.caption.appendChild(note);
    }
  }
})();
