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

// Every view has a URL (hash route), so a view can be bookmarked and shared:
//   #/network?since=&until=&type=&factual=   #/dyad?a=RUS&b=PRK&by=month   #/documents?q=&since=&until=&page=
//   #/document/<hash>   #/search?q=words   #/add
function show(view) {
  document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${view}`));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.view === view));
}
const lastRoute = {};
function go(view, query) {
  const qs = query && query.toString();
  const hash = view === "document" ? `#/document/${encodeURIComponent(query)}` : `#/${view}${qs ? "?" + qs : ""}`;
  if (location.hash === hash) route(); else location.hash = hash;
}
const formQuery = (form) => {
  const q = params(form);
  for (const [k, v] of [...q.entries()]) if (v === "") q.delete(k);
  return q;
};
function fill(form, query) {
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") el.checked = query.has(el.name) ? query.get(el.name) !== "false" : el.defaultChecked;
    else el.value = query.has(el.name) ? query.get(el.name) : el.defaultValue;
  }
}
async function route() {
  const raw = location.hash.replace(/^#\/?/, "") || "network";
  const [path, qs] = raw.split("?");
  const query = new URLSearchParams(qs || "");
  const [view, arg] = path.split("/");
  lastRoute[view === "document" ? "documents" : view] = location.hash;
  try {
    if (view === "dyad") { show("dyad"); fill($("#dyad-form"), query); await loadDyad(); }
    else if (view === "documents") { show("documents"); fill($("#doc-filters"), query); await loadDocuments(Number(query.get("page") || 1)); }
    else if (view === "document") { show("documents"); if (!docsLoaded) await loadDocuments(1); await loadDocument(decodeURIComponent(arg || "")); }
    else if (view === "search") { show("search"); fill($("#search-form"), query); if (query.get("q")) await runSearch(); }
    else if (view === "alerts") { show("alerts"); await loadAlerts(); }
    else if (view === "add") show("add");
    else { show("network"); fill($("#network-filters"), query); await loadNetwork(); }
  } catch (err) { showError(err); }
  window.routed = location.hash;
}
function showError(err) { $("#error").textContent = err.message; $("#error").hidden = false; }
window.addEventListener("hashchange", () => { $("#error").hidden = true; route(); });
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => {
  const view = b.dataset.view;
  if (lastRoute[view]) location.hash = lastRoute[view]; else go(view);
}));

// Goldstein -10..10 to a red-to-green colour.
function tone(score) {
  const t = Math.max(-1, Math.min(1, score / 10));
  const red = [215, 48, 39], grey = [180, 180, 180], green = [26, 152, 80];
  const [a, b, f] = t < 0 ? [grey, red, -t] : [grey, green, t];
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * f)).join(",")})`;
}

// Bloc colours: every bloc of cooperating actors gets one; the legend lists the blocs with names.
const BLOC_COLOURS = ["#4a6fa5", "#d9822b", "#5b9a68", "#9b59b6", "#c0392b", "#16a085", "#8d6e63", "#7f8c8d"];
const blocColour = (i) => (i < BLOC_COLOURS.length ? BLOC_COLOURS[i] : "#95a5a6");
let cy = null;
async function loadNetwork() {
  const data = await api(`/api/network?${withThreshold(params($("#network-filters")))}`);
  const maxEvents = Math.max(1, ...data.nodes.map((n) => n.events));
  const blocOf = {};
  data.blocs.forEach((bloc, i) => bloc.forEach((id) => { blocOf[id] = i; }));
  const elements = [
    ...data.nodes.map((n) => ({data: {id: n.id, name: n.name || n.id, bloc: blocOf[n.id] ?? -1,
      label: n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id, colour: blocColour(blocOf[n.id] ?? 99),
      size: 20 + 40 * n.events / maxEvents}})),
    ...data.edges.map((e) => ({data: {id: `${e.source}>${e.target}`, source: e.source, target: e.target,
      colour: tone(e.weight / e.count), width: 1 + Math.min(8, e.count)}})),
  ];
  if (typeof cytoscape === "undefined") {
    $("#graph").textContent = "Front-end assets missing: run 'make install'.";
    return;
  }
  // Labels sit under their node on a white backing; the layout counts them as part of the node, and a
  // last pass nudges apart any labels that still overlap.
  cy = cytoscape({container: $("#graph"), elements,
    layout: {name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 400000, idealEdgeLength: () => 120, padding: 30},
    style: [
      {selector: "node", style: {label: "data(label)", width: "data(size)", height: "data(size)",
        "background-color": "data(colour)", color: "#111", "font-size": 12, "text-valign": "bottom",
        "text-margin-y": 3, "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": 2}},
      {selector: "edge", style: {width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier"}},
    ]});
  separateLabels(cy);
  cy.fit(undefined, 30);
  cy.on("tap", "edge", (evt) => {
    go("dyad", new URLSearchParams({a: evt.target.data("source"), b: evt.target.data("target"), by: "month"}));
  });
  window.graphReady = true;
  const names = data.bloc_names || data.blocs;
  $("#blocs").innerHTML = data.blocs.length ? "<h3>Blocs (actors that cooperate with each other)</h3><ol>" + data.blocs.map((b, i) =>
    `<li><span class="swatch" style="background:${blocColour(i)}"></span>${b.map((id, k) =>
      names[i][k] && names[i][k] !== id ? `${esc(names[i][k])} <small>(${esc(id)})</small>` : esc(id)).join(", ")}</li>`).join("") + "</ol>" : "";
}
// Move nodes apart until no two labelled boxes overlap (a few passes; small graphs settle at once).
function labelBox(n) { return n.boundingBox({includeLabels: true, includeOverlays: false}); }
function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }
function separateLabels(graph) {
  const nodes = graph.nodes().toArray();
  for (let pass = 0; pass < 60; pass++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = labelBox(nodes[i]), b = labelBox(nodes[j]);
        if (!overlaps(a, b)) continue;
        const pa = nodes[i].position(), pb = nodes[j].position();
        const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 4;
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + 4;
        if (dy <= dx) { const s = pa.y <= pb.y ? -1 : 1; nodes[i].position({x: pa.x, y: pa.y + s * dy / 2}); nodes[j].position({x: pb.x, y: pb.y - s * dy / 2}); }
        else { const s = pa.x <= pb.x ? -1 : 1; nodes[i].position({x: pa.x + s * dx / 2, y: pa.y}); nodes[j].position({x: pb.x - s * dx / 2, y: pb.y}); }
        moved = true;
      }
    }
    if (!moved) break;
  }
}
window.labelsOverlap = () => {
  if (!cy) return null;
  const nodes = cy.nodes().toArray();
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) if (overlaps(labelBox(nodes[i]), labelBox(nodes[j]))) return [nodes[i].id(), nodes[j].id()];
  return false;
};
$("#network-filters").addEventListener("submit", (e) => { e.preventDefault(); go("network", formQuery(e.target)); });

let chart = null;
let dyadShown = false;
// Each row links to its document's view; a date taken from the document (not the sentence) is marked.
function eventDate(e) {
  if (e.date && !e.dated_by_document) return esc(e.date);
  if (e.date || e.doc_date) return `${esc(e.date || e.doc_date)} <small title="no date in the sentence: the article's date">(article)</small>`;
  return "<small>undated</small>";
}
function eventRows(events) {
  return "<tr><th>date</th><th>source</th><th>target</th><th>type</th><th>status</th><th>confidence</th><th>sentence</th><th>document</th></tr>" +
    events.map((e) => `<tr><td>${eventDate(e)}</td><td>${esc(e.source_code)}</td><td>${esc(e.target_code)}</td>
      <td>${esc(e.plover)} (${esc(e.cameo)})</td>
      <td class="${e.factual ? "" : "notfact"}">${e.factual ? "fact" : esc(e.polarity === "negated" ? "negated" : e.modality)}</td>
      <td>${e.confidence == null ? "" : Number(e.confidence).toFixed(2)}</td>
      <td>${esc(e.sentence_text)}</td>
      <td>${e.doc_hash ? `<a class="doc-link" href="#/document/${encodeURIComponent(e.doc_hash)}">${esc(e.title || e.doc_id || "open")}</a>` : ""}</td></tr>`).join("");
}
async function loadDyad() {
  dyadShown = true;
  const data = await api(`/api/dyad?${withThreshold(params($("#dyad-form")))}`);
  const names = data.names || {};
  const form = $("#dyad-form");
  $("#dyad-title").textContent = `${names[form.a.value] || form.a.value} (${form.a.value}) and ${names[form.b.value] || form.b.value} (${form.b.value})`;
  const labels = data.series.map((r) => r.period);
  const datasets = [
    {label: "cooperation", data: data.series.map((r) => r.verbal_coop + r.material_coop), borderColor: "#1a9850", backgroundColor: "#1a9850"},
    {label: "conflict", data: data.series.map((r) => r.verbal_conflict + r.material_conflict), borderColor: "#d73027", backgroundColor: "#d73027"},
  ];
  if (chart) chart.destroy();
  if (typeof Chart !== "undefined") chart = new Chart($("#dyad-chart"), {type: "bar", data: {labels, datasets}});
  $("#dyad-events").innerHTML = eventRows(data.events);
}
$("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); go("dyad", formQuery(e.target)); });

// The document list: filtered by words and dates, 25 a page, newest first.
const PAGE = 25;
let docsLoaded = false;
async function loadDocuments(page = 1) {
  const query = formQuery($("#doc-filters"));
  query.set("limit", PAGE);
  query.set("offset", (page - 1) * PAGE);
  const response = await fetch(`/api/documents?${query}`);
  if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
  const docs = await response.json();
  const total = Number(response.headers.get("X-Total-Count") || docs.length);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  $("#doc-list").innerHTML = docs.map((d) => `<li data-hash="${esc(d.doc_hash)}"${d.doc_hash === currentDoc ? ' class="current"' : ""}>
    <a href="#/document/${encodeURIComponent(d.doc_hash)}">${esc(d.title || d.doc_id)}</a><br><small>${esc(d.date || "undated")}</small></li>`).join("")
    || "<li class='hint'>No document matches.</li>";
  const base = formQuery($("#doc-filters"));
  const link = (p, text) => { const q = new URLSearchParams(base); q.set("page", p); return `<a href="#/documents?${q}">${text}</a>`; };
  $("#doc-pages").innerHTML = `${total} document(s); page ${Math.min(page, pages)} of ${pages} ` +
    (page > 1 ? link(page - 1, "‹ newer") : "") + " " + (page < pages ? link(page + 1, "older ›") : "");
  document.querySelectorAll("#doc-list li[data-hash]").forEach((li) => li.addEventListener("click", (ev) => {
    if (ev.target.tagName !== "A") go("document", li.dataset.hash);
  }));
  docsLoaded = true;
}
$("#doc-filters").addEventListener("submit", (e) => { e.preventDefault(); go("documents", formQuery(e.target)); });

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
  document.querySelectorAll("#doc-list li").forEach((li) => li.classList.toggle("current", li.dataset.hash === hash));
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

// Search results open what they found: a document, or an event's document.
async function runSearch() {
  const data = await api(`/api/search?${withThreshold(params($("#search-form")))}`);
  $("#search-results").innerHTML = `<h3>Documents (${data.documents.length})</h3><ul class="results">${data.documents.map((d) =>
    `<li><a href="#/document/${encodeURIComponent(d.doc_hash)}">${esc(d.title || d.doc_id)}</a> <small>${esc(d.date || "")}</small></li>`).join("")}</ul>
    <h3>Events (${data.events.length})</h3><table class="events">${eventRows(data.events)}</table>`;
}
$("#search-form").addEventListener("submit", (e) => { e.preventDefault(); go("search", formQuery(e.target)); });

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
    $("#add-result").textContent = `Added: ${result.added} new document(s) of ${result.documents.length} read, ${result.events} events.`;
  } catch (err) { $("#add-result").textContent = `Error: ${err.message}`; }
});

// Alerts fired by `realpolitik watch`: the view lists them with their evidence; the badge on the tab
// counts those fired after the newest one shown here (remembered in localStorage), polled every 20 s.
const ALERTS_SEEN = "realpolitik.alerts.seen";
const ALERT_POLL_MS = 20000;
let alertsShown = false;
function alertCard(a) {
  const e = a.event || {};
  const kind = e.factual ? "fact" : esc(e.modality || "not a fact");
  const shift = a.shift ? `<p class="shift">mean Goldstein ${a.shift.previous_mean} → ${a.shift.mean}
    (${a.shift.change > 0 ? "+" : ""}${a.shift.change}) in ${esc(a.shift.window[0])} – ${esc(a.shift.window[1])}</p>` : "";
  const mentions = (a.mentions || []).map((m) => `<li>“${esc(m.sentence_text)}” —
    ${m.doc_hash ? `<a class="doc-link" href="#/document/${encodeURIComponent(m.doc_hash)}">${esc(m.title || m.doc_id || "document")}</a>` : ""}
    ${m.url ? `<a class="source-url" href="${esc(m.url)}" rel="noopener noreferrer" target="_blank">source</a>` : ""}</li>`).join("");
  return `<article class="alert" data-alert="${esc(a.alert_id)}">
    <h3><span class="rule">${esc(a.rule)}</span> ${esc(e.source_code || "?")} → ${esc(e.target_code || "?")}
      ${esc(e.plover)} <small>(CAMEO ${esc(e.cameo)}, ${kind}, confidence ${Number(e.confidence ?? 0).toFixed(2)})</small></h3>
    <p class="when">${esc(e.date || a.doc_date || "undated")}; fired ${esc(String(a.fired_at).replace("T", " ").slice(0, 19))} UTC</p>
    ${a.rule_description ? `<p class="hint">${esc(a.rule_description)}</p>` : ""}${shift}
    <blockquote>${esc(a.sentence)}</blockquote>
    <ul class="mentions">${mentions}</ul></article>`;
}
function setBadge(count) {
  const badge = $("#alerts-badge");
  badge.textContent = count ? String(count) : "";
  badge.hidden = !count;
}
async function checkAlerts() {
  const seen = localStorage.getItem(ALERTS_SEEN);
  const query = new URLSearchParams({limit: "1000"});
  if (seen) query.set("since", seen);
  const data = await api(`/api/alerts?${query}`);
  if (alertsShown && data.alerts.length) { await loadAlerts(); return; }
  setBadge(data.alerts.length);
}
async function loadAlerts() {
  const data = await api("/api/alerts?limit=200");
  alertsShown = true;
  $("#alerts-list").innerHTML = data.alerts.length ? data.alerts.map(alertCard).join("")
    : '<p class="hint">No alert has fired yet.</p>';
  if (data.latest) localStorage.setItem(ALERTS_SEEN, data.latest);
  setBadge(0);
}
window.addEventListener("hashchange", () => { if (!location.hash.startsWith("#/alerts")) alertsShown = false; });
setInterval(() => checkAlerts().catch(() => {}), ALERT_POLL_MS);

// Moving the slider updates its label at once; letting go reloads the views that show events.
$("#min-confidence").addEventListener("input", (e) => setThreshold(e.target.value));
$("#min-confidence").addEventListener("change", (e) => {
  setThreshold(e.target.value);
  loadNetwork().catch(showError);
  if (dyadShown) loadDyad().catch(showError);
  if (currentDoc) loadDocument(currentDoc).catch(showError);
});

(async () => {
  const stats = await api("/api/stats");
  setThreshold(stats.min_confidence);
  $("#stats").textContent = `${stats.documents} documents, ${stats.events} events${stats.read_only ? " (read-only)" : ""}`;
  if (stats.read_only) $("#nav-add").style.display = "none";
  await route();
  await checkAlerts().catch(() => {});
})();
