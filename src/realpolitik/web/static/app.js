// realpolitik dashboard: plain JavaScript over the JSON API; Cytoscape draws the network, Chart.js the dyads.
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const api = async (path, options) => {
  const response = await fetch(path, options);
  if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
  return response.json();
};
const params = (form) => {
  const out = new URLSearchParams();
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") out.set(el.name, el.checked ? "true" : "false");
    else if (el.value) out.set(el.name, el.value);
  }
  return out;
};

// The confidence threshold in force: events scored below it are left out of every view. The server's
// default (settings.toml [events] min_confidence) is read from /api/stats; the slider changes it.
let minConfidence = null;
const thresholdText = (t) => `min. confidence ${t.toFixed(2)}${t === 0 ? " (all events)" : ""}`;
const withThreshold = (query) => {
  if (minConfidence !== null) query.set("min_confidence", minConfidence.toFixed(2));
  return query;
};
function setThreshold(value) {
  minConfidence = Math.max(0, Math.min(1, Number(value)));
  $("#min-confidence").value = String(minConfidence);
  $("#threshold-label").textContent = thresholdText(minConfidence);
}

function show(view) {
  document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${view}`));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.view === view));
  if (view === "documents") loadDocuments();
}
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));

// Goldstein -10..10 to a red-to-green colour.
function tone(score) {
  const t = Math.max(-1, Math.min(1, score / 10));
  const red = [215, 48, 39], grey = [180, 180, 180], green = [26, 152, 80];
  const [a, b, f] = t < 0 ? [grey, red, -t] : [grey, green, t];
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * f)).join(",")})`;
}

let cy = null;
async function loadNetwork() {
  const data = await api(`/api/network?${withThreshold(params($("#network-filters")))}`);
  const maxEvents = Math.max(1, ...data.nodes.map((n) => n.events));
  const elements = [
    ...data.nodes.map((n) => ({data: {id: n.id, label: n.id, size: 20 + 40 * n.events / maxEvents}})),
    ...data.edges.map((e) => ({data: {id: `${e.source}>${e.target}`, source: e.source, target: e.target,
      colour: tone(e.weight / e.count), width: 1 + Math.min(8, e.count)}})),
  ];
  if (typeof cytoscape === "undefined") {
    $("#graph").textContent = "Front-end assets missing: run 'make install'.";
    return;
  }
  cy = cytoscape({container: $("#graph"), elements, layout: {name: "cose", animate: false, randomize: false},
    style: [
      {selector: "node", style: {label: "data(label)", width: "data(size)", height: "data(size)",
        "background-color": "#4a6fa5", color: "#111", "font-size": 12, "text-valign": "center"}},
      {selector: "edge", style: {width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier"}},
    ]});
  cy.on("tap", "edge", (evt) => {
    const form = $("#dyad-form");
    form.a.value = evt.target.data("source");
    form.b.value = evt.target.data("target");
    show("dyad");
    loadDyad();
  });
  window.graphReady = true;
  $("#blocs").innerHTML = "<b>Blocs:</b> " + data.blocs.map((b) => esc(b.join(", "))).join(" | ");
}
$("#network-filters").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });

let chart = null;
let dyadShown = false;
function eventRows(events) {
  return "<tr><th>date</th><th>source</th><th>target</th><th>type</th><th>status</th><th>confidence</th><th>sentence</th></tr>" +
    events.map((e) => `<tr><td>${esc(e.date)}</td><td>${esc(e.source_code)}</td><td>${esc(e.target_code)}</td>
      <td>${esc(e.plover)} (${esc(e.cameo)})</td>
      <td class="${e.factual ? "" : "notfact"}">${e.factual ? "fact" : esc(e.polarity === "negated" ? "negated" : e.modality)}</td>
      <td>${e.confidence == null ? "" : Number(e.confidence).toFixed(2)}</td>
      <td>${esc(e.sentence_text)}</td></tr>`).join("");
}
async function loadDyad() {
  dyadShown = true;
  const data = await api(`/api/dyad?${withThreshold(params($("#dyad-form")))}`);
  const labels = data.series.map((r) => r.period);
  const datasets = [
    {label: "cooperation", data: data.series.map((r) => r.verbal_coop + r.material_coop), borderColor: "#1a9850", backgroundColor: "#1a9850"},
    {label: "conflict", data: data.series.map((r) => r.verbal_conflict + r.material_conflict), borderColor: "#d73027", backgroundColor: "#d73027"},
  ];
  if (chart) chart.destroy();
  if (typeof Chart !== "undefined") chart = new Chart($("#dyad-chart"), {type: "bar", data: {labels, datasets}});
  $("#dyad-events").innerHTML = eventRows(data.events);
}
$("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadDyad(); });

async function loadDocuments() {
  const docs = await api("/api/documents");
  $("#doc-list").innerHTML = docs.map((d) => `<li data-hash="${esc(d.doc_hash)}">${esc(d.title || d.doc_id)}<br><small>${esc(d.date || "")}</small></li>`).join("");
  document.querySelectorAll("#doc-list li").forEach((li) => li.addEventListener("click", () => loadDocument(li.dataset.hash)));
}

// The server counts characters in Unicode code points (Python), JavaScript strings in UTF-16 units:
// an emoji is one of the first and two of the second. unitsAt[i] is where code point i starts.
function codePointUnits(text) {
  const unitsAt = [];
  let unit = 0;
  for (const ch of text) { unitsAt.push(unit); unit += ch.length; }
  unitsAt.push(unit);
  return unitsAt;
}

// Mark actors and event triggers in the text; non-facts get their own style and label.
function highlight(doc) {
  const unitsAt = codePointUnits(doc.text);
  const at = (i) => unitsAt[Math.max(0, Math.min(i, unitsAt.length - 1))];
  const marks = [];
  for (const a of doc.actors) marks.push({start: at(a.start_char), end: at(a.end_char), open: `<span class="actor" title="${esc(a.code)}">`, close: `</span><span class="tag">${esc(a.code)}</span>`});
  for (const e of doc.events) {
    const label = e.factual ? e.plover : `${e.plover}: ${e.polarity === "negated" ? "negated" : e.modality}`;
    marks.push({start: at(e.event_start), end: at(e.event_end), open: `<span class="${e.factual ? "event-fact" : "event-not"}" title="${esc(label)}">`, close: `</span><span class="tag">${esc(label)}</span>`});
  }
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  let out = "", pos = 0;
  for (const m of marks) {
    if (m.start < pos) continue;  // overlapping marks: keep the first
    out += esc(doc.text.slice(pos, m.start)) + m.open + esc(doc.text.slice(m.start, m.end)) + m.close;
    pos = m.end;
  }
  return out + esc(doc.text.slice(pos));
}
let currentDoc = null;
async function loadDocument(hash) {
  currentDoc = hash;
  const doc = await api(`/api/documents/${encodeURIComponent(hash)}?${withThreshold(new URLSearchParams())}`);
  const facts = doc.events.filter((e) => e.factual), others = doc.events.filter((e) => !e.factual);
  const hidden = doc.hidden_events === 1 ? "1 event is" : `${doc.hidden_events} events are`;
  const note = doc.min_confidence > 0
    ? `${hidden} hidden by the confidence threshold (below ${doc.min_confidence.toFixed(2)}).`
    : "No confidence threshold: every event is shown.";
  $("#doc-view").innerHTML = `<h2>${esc(doc.title || doc.doc_id)}</h2><p class="hidden-note" id="doc-hidden">${esc(note)}</p><p>${highlight(doc)}</p>
    <h3>Facts</h3><table class="events">${eventRows(facts)}</table>
    <h3 class="notfact">Not facts: wished, feared, planned, denied</h3><table class="events">${eventRows(others)}</table>`;
}

$("#search-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const data = await api(`/api/search?${withThreshold(params(e.target))}`);
  $("#search-results").innerHTML = `<h3>Documents</h3><ul>${data.documents.map((d) => `<li>${esc(d.title || d.doc_id)}</li>`).join("")}</ul>
    <h3>Events</h3><table class="events">${eventRows(data.events)}</table>`;
});

$("#add-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  try {
    const result = await api("/api/documents", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text: form.text.value, title: form.title.value || null, date: form.date.value || null})});
    $("#add-result").textContent = `Added: ${result.added} new document, ${result.events} events.`;
    loadNetwork();
  } catch (err) { $("#add-result").textContent = `Error: ${err.message}`; }
});
$("#upload").addEventListener("change", async (e) => {
  const body = new FormData();
  body.append("file", e.target.files[0]);
  try {
    const result = await api("/api/upload", {method: "POST", body});
    $("#add-result").textContent = `Added: ${result.added} new document, ${result.events} events.`;
  } catch (err) { $("#add-result").textContent = `Error: ${err.message}`; }
});

// Moving the slider updates its label at once; letting go reloads the views that show events.
$("#min-confidence").addEventListener("input", (e) => setThreshold(e.target.value));
$("#min-confidence").addEventListener("change", (e) => {
  setThreshold(e.target.value);
  loadNetwork();
  if (dyadShown) loadDyad();
  if (currentDoc) loadDocument(currentDoc);
});

(async () => {
  const stats = await api("/api/stats");
  setThreshold(stats.min_confidence);
  $("#stats").textContent = `${stats.documents} documents, ${stats.events} events${stats.read_only ? " (read-only)" : ""}`;
  if (stats.read_only) $("#nav-add").style.display = "none";
  await loadNetwork();
})();
