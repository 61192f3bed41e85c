"use strict";
(async function () {
  const tbody = document.querySelector("#documents tbody");
  let data;
  try { data = await api("/api/documents"); } catch (e) { say(e.message, true); return; }
  document.getElementById("dataset").textContent =
    `${data.dataset} · reviewer ${data.reviewer} · sources ${data.sources || "unknown (give --sources)"}`;
  for (const d of data.documents) {
    const kinds = Object.entries(d.kinds).map(([k, n]) => el("span", {class: `chip kind-${k}`}, `${k} ${n}`));
    const link = el("a", {href: `/doc/${encodeURIComponent(d.doc_id)}`}, d.path);
    const done = d.records ? Math.round(100 * d.reviewed / d.records) : 100;
    tbody.append(el("tr", {dataset: {docId: d.doc_id}},
      el("td", {}, link), el("td", {}, d.title || ""), el("td", {class: "num"}, d.pages ?? "text"),
      el("td", {}, kinds),
      el("td", {class: "num"}, el("meter", {min: 0, max: 100, value: done}), ` ${d.reviewed}/${d.records}`,
         d.orphaned ? el("span", {class: "chip orphaned"}, `${d.orphaned} orphaned`) : null),
      el("td", {class: "num"}, d.warnings || "")));
  }
  let row = -1;
  const rows = () => [...tbody.rows];
  document.addEventListener("keydown", (event) => {
    if (typing(event)) return;
    if (event.key === "j" || event.key === "k") {
      row = Math.max(0, Math.min(rows().length - 1, row + (event.key === "j" ? 1 : -1)));
      rows().forEach((r, i) => r.classList.toggle("selected", i === row));
      rows()[row]?.scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter" && row >= 0) {
      rows()[row].querySelector("a").click();
    }
  });
})();
