// The document view: the page with every record's boxes over it, the text with every record's
// span, the record list, and the decisions. All by keyboard as well (the keys are in the footer).
"use strict";

const DOC_ID = decodeURIComponent(location.pathname.split("/").pop());
const FIELDS = {  // what an archivist edits, per kind: [field, type, choices]
  section: [["heading", "text"], ["level", "int"]],
  recommendation: [["number", "int"], ["list_heading", "text"]],
  region: [["nuts_code", "nuts"], ["name", "text"], ["country", "country"],
           ["level", "choice", ["country", "nuts1", "nuts2", "nuts3", "city"]]],
  date: [["start", "date"], ["end", "date"], ["granularity", "choice", ["day", "month", "quarter", "half", "year"]]],
  link: [["url", "text"]],
  good_practice: [["title", "text"], ["institution", "text"], ["start", "date"], ["end", "date"]],
};

const state = {
  doc: null, page: 1, selected: null, filters: {kind: "", page: "", status: "", warnings: false},
  pending: null,      // {span, boxes} for an edit's new span or a record being added
  editing: null,      // "edit" | "add"
  drawing: false,
};

const $ = (id) => document.getElementById(id);

async function load() {
  try {
    state.doc = await api(`/api/documents/${encodeURIComponent(DOC_ID)}`);
  } catch (e) { say(e.message, true); return; }
  render();
}

function isPdf() { return !!(state.doc.page_sizes && state.doc.page_sizes.length); }

function visible() {
  const f = state.filters, warned = new Set(state.doc.warnings.map((w) => w.page));
  return state.doc.records.filter((r) =>
    (!f.kind || r.kind === f.kind) && (!f.page || String(r.page) === f.page) &&
    (!f.status || r.review === f.status) && (!f.warnings || warned.has(r.page)));
}

function record(id) { return state.doc.records.find((r) => r.id === id) || null; }

// --- rendering -------------------------------------------------------------------------------

function render() {
  const doc = state.doc;
  document.title = `${doc.source.path} · intra-extract review`;
  $("title").textContent = doc.title || doc.source.path;
  $("path").textContent = `${doc.source.path} · ${doc.doc_id}`;
  const reviewed = doc.records.filter((r) => r.review !== "unreviewed").length;
  $("progress").textContent = `${reviewed}/${doc.records.length} reviewed`;
  document.body.classList.toggle("pdf", isPdf());
  fillFilters();
  renderWarnings();
  renderList();
  renderText();
  renderPage();
  highlight();
}

function fillFilters() {
  const kinds = [...new Set(state.doc.records.map((r) => r.kind))];
  const pages = [...new Set(state.doc.records.map((r) => r.page).filter((p) => p))].sort((a, b) => a - b);
  for (const [id, values] of [["f-kind", kinds], ["f-page", pages]]) {
    const select = $(id), keep = select.value;
    select.replaceChildren(el("option", {value: ""}, "all"), ...values.map((v) => el("option", {value: v}, v)));
    select.value = keep;
  }
}

function renderWarnings() {
  const items = state.doc.warnings.map((w) =>
    el("li", {class: "warning"}, w.page ? `p. ${w.page}: ` : "", `${w.code}: ${w.message}`));
  const orphaned = state.doc.corrections.filter((c) => c.status === "orphaned").map((c) =>
    el("li", {class: "warning"}, `correction ${c.id} orphaned: ${c.reason}`));
  $("warnings").replaceChildren(...items, ...orphaned);
}

function summary(r) {
  switch (r.kind) {
    case "region": return `${r.name} · ${r.nuts_code || "no NUTS"} · ${r.country} · ${r.level}`;
    case "date": return `${r.start} – ${r.end} (${r.granularity})`;
    case "recommendation": return `no. ${r.number}`;
    case "section": return `level ${r.level}`;
    case "link": return r.url;
    case "good_practice": return r.title || "";
    default: return "";
  }
}

function renderList() {
  const list = visible().map((r) => el("li", {
    class: `record kind-${r.kind} review-${r.review}`, dataset: {id: r.id}, tabindex: -1,
    onclick: () => select(r.id, true),
  },
    el("span", {class: `chip kind-${r.kind}`}, r.kind),
    el("span", {class: `chip review review-${r.review}`}, r.review),
    r.page ? el("span", {class: "muted"}, ` p. ${r.page}`) : null,
    el("div", {class: "record-text"}, r.text),
    el("div", {class: "record-fields muted"}, summary(r)),
    r.machine ? el("div", {class: "record-machine muted"},
      "machine: " + Object.entries(r.machine).filter(([k]) => !["span", "bbox", "boxes", "page"].includes(k))
        .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ")) : null));
  $("records").replaceChildren(...list);
}

function renderText() {
  // The text cut at every record boundary; each piece knows its offset and the records over it.
  const text = state.doc.text, records = state.doc.records;
  const cuts = new Set([0, text.length]);
  for (const r of records) { cuts.add(r.span.start); cuts.add(r.span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const pane = $("doc-text");
  pane.lang = state.doc.language;
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const over = records.filter((r) => r.span.start <= a && b <= r.span.end);
    const attrs = {dataset: {start: a}};
    if (over.length) {
      const inner = over.reduce((x, y) => (y.span.end - y.span.start < x.span.end - x.span.start ? y : x));
      attrs.class = `hl kind-${inner.kind} review-${inner.review}`;
      attrs.dataset.ids = over.map((r) => r.id).join(" ");
      attrs.onclick = () => { if (!window.getSelection().toString()) select(inner.id, false); };
    }
    pieces.push(el("span", attrs, text.slice(a, b)));
  }
  pane.replaceChildren(...pieces);
}

function renderPage() {
  const sizes = state.doc.page_sizes;
  $("viewer").hidden = !isPdf();
  $("pager").hidden = !isPdf();
  if (!isPdf()) {
    $("viewer-note").textContent = state.doc.source_missing ? "The source PDF is not found: give --sources." : "";
    if (state.doc.source_missing) $("viewer").hidden = false;
    return;
  }
  state.page = Math.max(1, Math.min(sizes.length, state.page));
  const [w, h] = sizes[state.page - 1];
  const img = $("page-image");
  const src = `/page/${encodeURIComponent(DOC_ID)}/${state.page}.png`;
  if (img.getAttribute("src") !== src) img.src = src;
  img.alt = `Page ${state.page} of ${state.doc.source.path}`;
  $("page").style.aspectRatio = `${w} / ${h}`;
  $("page-label").textContent = `page ${state.page} / ${sizes.length}`;
  $("viewer-note").textContent = state.doc.source_changed
    ? "The source file differs from the one this document was made from: run again." : "";
  const boxes = [];
  const shown = new Set(visible().map((r) => r.id));
  for (const r of state.doc.records) {
    if (!shown.has(r.id)) continue;
    r.boxes.forEach((b, n) => {
      if (b[0] !== state.page) return;
      boxes.push(el("div", {
        class: `box kind-${r.kind} review-${r.review}`, dataset: {id: r.id, n}, title: `${r.kind}: ${r.text}`,
        style: `left:${100 * b[1] / w}%;top:${100 * b[2] / h}%;width:${100 * (b[3] - b[1]) / w}%;height:${100 * (b[4] - b[2]) / h}%`,
        onclick: (e) => { e.stopPropagation(); select(r.id, false); },
      }));
    });
  }
  if (state.pending && state.pending.boxes) {
    for (const b of state.pending.boxes.filter((b) => b[0] === state.page)) {
      boxes.push(el("div", {class: "box pending",
        style: `left:${100 * b[1] / w}%;top:${100 * b[2] / h}%;width:${100 * (b[3] - b[1]) / w}%;height:${100 * (b[4] - b[2]) / h}%`}));
    }
  }
  $("overlay").replaceChildren(...boxes);
}

function highlight() {
  const id = state.selected;
  for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
  if (!id) return;
  for (const node of document.querySelectorAll(`#records [data-id="${CSS.escape(id)}"], #overlay [data-id="${CSS.escape(id)}"]`)) {
    node.classList.add("selected");
  }
  for (const node of $("doc-text").children) {
    if ((node.dataset.ids || "").split(" ").includes(id)) node.classList.add("selected");
  }
}

function select(id, fromList) {
  const r = record(id);
  if (!r) return;
  state.selected = id;
  if (isPdf() && r.page && r.page !== state.page) { state.page = r.page; renderPage(); }
  highlight();
  const item = document.querySelector(`#records [data-id="${CSS.escape(id)}"]`);
  item?.scrollIntoView({block: "nearest"});
  const piece = document.querySelector("#doc-text .selected");
  piece?.scrollIntoView({block: "center"});
  const box = document.querySelector("#overlay .selected");
  if (box && !fromList) box.scrollIntoView({block: "nearest"});
}

function step(delta) {
  const list = visible();
  if (!list.length) return;
  const i = list.findIndex((r) => r.id === state.selected);
  const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + delta));
  select(list[next].id, true);
}

// --- decisions -------------------------------------------------------------------------------

async function decide(body, message) {
  try {
    await api(`/api/documents/${encodeURIComponent(DOC_ID)}/decisions`, body);
  } catch (e) { say(e.message, true); return false; }
  const keep = state.selected;
  await load();
  state.selected = record(keep) ? keep : state.selected;
  highlight();
  say(message);
  return true;
}

async function quick(action) {
  const r = record(state.selected);
  if (!r) { say("Select a record first (j / k).", true); return; }
  const list = visible(), i = list.findIndex((x) => x.id === r.id);
  const next = list[i + 1]?.id;
  if (await decide({action, record_id: r.id}, `${action === "accept" ? "Accepted" : "Rejected"} ${r.kind} “${r.text.slice(0, 60)}”`)) {
    if (next && record(next)) select(next, true);
  }
}

function textSelection() {
  // The selected text in the text pane as offsets into document.text.
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0), pane = $("doc-text");
  if (!pane.contains(range.startContainer) || !pane.contains(range.endContainer)) return null;
  const offset = (node, off) => {
    const piece = node.nodeType === Node.TEXT_NODE ? node.parentElement : node.childNodes[off] || node;
    if (piece === pane) return off === 0 ? 0 : state.doc.text.length;
    return Number(piece.dataset.start) + (node.nodeType === Node.TEXT_NODE ? off : 0);
  };
  let start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
  const text = state.doc.text;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? {start, end} : null;
}

function openEditor(mode) {
  const form = $("editor");
  let kind, values;
  if (mode === "edit") {
    const r = record(state.selected);
    if (!r) { say("Select a record first (j / k).", true); return; }
    kind = r.kind; values = r;
  } else {
    if (!state.pending) {
      const span = textSelection();
      if (!span) { say("Select the missed text in the text pane first, or draw a box (b).", true); return; }
      state.pending = {span, boxes: null};
    }
    kind = form.dataset.kind && FIELDS[form.dataset.kind] ? form.dataset.kind : "region";
    values = {};
  }
  state.editing = mode;
  form.dataset.kind = kind;
  form.dataset.mode = mode;
  const rows = [];
  if (mode === "add") {
    rows.push(el("label", {}, "Kind ", el("select", {name: "kind", onchange: (e) => { form.dataset.kind = e.target.value; openEditor("add"); }},
      Object.keys(FIELDS).map((k) => el("option", {value: k, selected: k === kind}, k)))));
  }
  const span = state.pending?.span || values.span;
  rows.push(el("div", {class: "span-line"}, "Text: ",
    el("q", {id: "editor-text"}, span ? state.doc.text.slice(span.start, span.end) : ""),
    el("button", {type: "button", onclick: useSelection, title: "s"}, "Use selected text")));
  for (const [name, type, choices] of FIELDS[kind]) {
    const value = values[name] ?? "";
    let input;
    if (type === "choice") {
      input = el("select", {name}, choices.map((c) => el("option", {value: c, selected: c === value}, c)));
    } else {
      input = el("input", {name, value, type: type === "int" ? "number" : "text",
        placeholder: type === "date" ? "YYYY-MM-DD" : type === "nuts" ? "code or name" : null,
        list: type === "nuts" || type === "country" ? "places" : null,
        oninput: type === "nuts" || type === "country" ? (e) => complete(e.target, type) : null,
        onchange: type === "nuts" ? (e) => fillPlace(e.target) : null});
    }
    rows.push(el("label", {}, name.replace("_", " ") + " ", input));
  }
  rows.push(el("div", {class: "buttons"},
    el("button", {type: "submit"}, mode === "add" ? "Add record (Enter)" : "Save (Enter)"),
    el("button", {type: "button", onclick: closeEditor}, "Cancel (Esc)")));
  form.replaceChildren(el("h2", {}, mode === "add" ? "Add a missed record" : `Edit ${kind}`), ...rows);
  form.hidden = false;
  renderPage();
  form.querySelector("input, select")?.focus();
}

function closeEditor() {
  state.editing = null; state.pending = null;
  $("editor").hidden = true;
  renderPage();
}

function useSelection() {
  const span = textSelection();
  if (!span) { say("Select text in the text pane first.", true); return; }
  state.pending = {span, boxes: state.pending?.boxes || null};
  const q = document.getElementById("editor-text");
  if (q) q.textContent = state.doc.text.slice(span.start, span.end);
  say(`Span set to “${state.doc.text.slice(span.start, span.end).slice(0, 60)}”`);
}

let placesTimer = null;
function complete(input, type) {
  clearTimeout(placesTimer);
  placesTimer = setTimeout(async () => {
    const q = input.value.trim();
    if (!q) return;
    const found = await api(`/api/places?q=${encodeURIComponent(q)}`).catch(() => []);
    const list = type === "country" ? found.filter((p) => p.level === "country") : found;
    $("places").replaceChildren(...list.map((p) => el("option",
      {value: type === "country" ? p.country : (p.nuts_code || p.name)}, `${p.nuts_code || "—"} ${p.name} (${p.country}, ${p.level})`)));
    state.places = list;
  }, 120);
}

function fillPlace(input) {
  const form = $("editor"), v = input.value.trim();
  const place = (state.places || []).find((p) => p.nuts_code === v.toUpperCase() || p.name === v);
  if (!place) return;
  input.value = place.nuts_code || "";
  for (const k of ["name", "country", "level"]) if (form.elements[k]) form.elements[k].value = place[k];
}

async function submitEditor(event) {
  event.preventDefault();
  const form = $("editor"), kind = form.dataset.kind, fields = {};
  for (const [name, type] of FIELDS[kind]) {
    let v = form.elements[name].value.trim();
    if (type === "int") v = v === "" ? null : Number(v);
    else if (v === "" && name !== "name") v = null;
    fields[name] = v;
  }
  if (state.editing === "add") {
    if (state.pending.boxes) fields.boxes = state.pending.boxes;
    const ok = await decide({action: "add", kind, span: state.pending.span, fields},
      `Added ${kind} “${state.doc.text.slice(state.pending.span.start, state.pending.span.end).slice(0, 60)}”`);
    if (ok) {
      const added = state.doc.records.filter((r) => r.review === "added" && r.span.start === state.pending.span.start);
      closeEditor();
      if (added.length) select(added[added.length - 1].id, true);
    }
  } else {
    const r = record(state.selected), body = {action: "edit", record_id: r.id, fields};
    if (state.pending) body.span = state.pending.span;
    if (await decide(body, `Corrected ${kind} “${r.text.slice(0, 60)}”`)) closeEditor();
  }
}

// --- drawing a box ---------------------------------------------------------------------------

function startDrawing() {
  if (!isPdf()) { say("Boxes are drawn on PDF pages; select text instead.", true); return; }
  state.drawing = true;
  $("page").classList.add("drawing");
  say("Drag a box around the missed text on the page (Esc cancels).");
}

function pagePoint(event) {
  const rect = $("page").getBoundingClientRect(), [w, h] = state.doc.page_sizes[state.page - 1];
  return [(event.clientX - rect.left) / rect.width * w, (event.clientY - rect.top) / rect.height * h];
}

function setupDrawing() {
  const page = $("page");
  let origin = null, ghost = null;
  page.addEventListener("mousedown", (e) => {
    if (!state.drawing) return;
    e.preventDefault();
    origin = pagePoint(e);
    ghost = el("div", {class: "box pending"});
    $("overlay").append(ghost);
  });
  page.addEventListener("mousemove", (e) => {
    if (!origin) return;
    const [x, y] = pagePoint(e), [w, h] = state.doc.page_sizes[state.page - 1];
    const x0 = Math.min(x, origin[0]), y0 = Math.min(y, origin[1]);
    ghost.style.cssText = `left:${100 * x0 / w}%;top:${100 * y0 / h}%;width:${100 * Math.abs(x - origin[0]) / w}%;height:${100 * Math.abs(y - origin[1]) / h}%`;
  });
  page.addEventListener("mouseup", async (e) => {
    if (!origin) return;
    const [x, y] = pagePoint(e);
    const box = [Math.min(x, origin[0]), Math.min(y, origin[1]), Math.max(x, origin[0]), Math.max(y, origin[1])]
      .map((v) => Math.round(v * 100) / 100);
    origin = null; state.drawing = false; page.classList.remove("drawing");
    try {
      const found = await api(`/api/documents/${encodeURIComponent(DOC_ID)}/box-text`, {page: state.page, box});
      state.pending = {span: found.span, boxes: [[state.page, ...box]]};
      openEditor("add");
    } catch (err) { say(err.message, true); renderPage(); }
  });
}

// --- keys ------------------------------------------------------------------------------------

function onKey(event) {
  if (event.key === "Escape") {
    if (state.drawing) { state.drawing = false; $("page").classList.remove("drawing"); renderPage(); }
    if (state.editing) closeEditor();
    document.activeElement?.blur();
    return;
  }
  if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
    a: () => quick("accept"), r: () => quick("reject"), e: () => openEditor("edit"),
    n: () => { state.pending = null; openEditor("add"); }, b: startDrawing,
    s: () => (state.editing ? useSelection() : (state.pending = null, openEditor("edit"), useSelection())),
    u: () => decide({action: "undo"}, "Undone"),
    "[": () => { state.page--; renderPage(); highlight(); }, "]": () => { state.page++; renderPage(); highlight(); },
  };
  const act = actions[event.key];
  if (act) { event.preventDefault(); act(); }
}

function setup() {
  document.addEventListener("keydown", onKey);
  $("editor").addEventListener("submit", submitEditor);
  for (const [id, key] of [["f-kind", "kind"], ["f-page", "page"], ["f-status", "status"]]) {
    $(id).addEventListener("change", (e) => {
      state.filters[key] = e.target.value;
      if (key === "page" && e.target.value) state.page = Number(e.target.value);
      renderList(); renderPage(); highlight(); e.target.blur();
    });
  }
  $("f-warnings").addEventListener("change", (e) => { state.filters.warnings = e.target.checked; renderList(); renderPage(); highlight(); e.target.blur(); });
  $("prev-page").addEventListener("click", () => { state.page--; renderPage(); highlight(); });
  $("next-page").addEventListener("click", () => { state.page++; renderPage(); highlight(); });
  setupDrawing();
  load();
}

setup();
