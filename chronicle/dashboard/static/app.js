// The chronicle dashboard: filters drive one query that the map, the timeline and the table all show.
// Article text is data: every node is built with createElement/textContent, never innerHTML.

const SVG = "http://www.w3.org/2000/svg";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOURS = { 1: "#4e9ad0", 2: "#3a9a5b", 3: "#e8a33d", 4: "#d1432f" };
const FILTERS = ["country", "type", "status", "since", "until", "actor", "text"];
const PAGE = 500; // events per request: the map and the table show the same ones
const W = 960, H = 480; // map viewBox: equirectangular, 960/360 units per degree

const $ = (id) => document.getElementById(id);
const state = { events: [], cursor: null, selected: null, request: 0 };

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

// --- filters <-> URL -------------------------------------------------------------------------------

function currentFilters() {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(`f-${name}`).value.trim();
    if (value) out.set(name, value);
  }
  return out;
}

function restoreFilters() {
  // Every field from the address: one the address does not name is cleared (Back to an unfiltered view).
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of FILTERS) {
    const field = $(`f-${name}`);
    const value = saved.get(name) || "";
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", { value }, value)); // a value the menu lacks still filters (and shows)
    }
    field.value = value;
  }
}

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

function showError(err) {
  const box = $("error");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

// --- facets: the filter menus ----------------------------------------------------------------------

// Each menu counts the events the table would show on picking that value: the other filters apply,
// merged events count once (GET /stats/facets with the same filters).
async function loadFacets(filters) {
  const found = await api("/stats/facets", filters);
  const fill = (select, items) => {
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "" }, "any"));
    for (const item of items) select.append(el("option", { value: item.value }, `${item.value} (${item.events})`));
    if (chosen && !items.some((i) => String(i.value) === chosen)) select.append(el("option", { value: chosen }, `${chosen} (0)`));
    select.value = chosen;
  };
  fill($("f-country"), found.countries);
  fill($("f-type"), found.types);
  fill($("f-status"), found.statuses);
  return found;
}

// --- dates and places as the record says they were found ------------------------------------------

const FILLED_DATE = { published: "article date", context: "nearby" };
const FILLED_PLACE = { article: "article place", dateline: "dateline", context: "nearby" };

function dateLabel(date) {
  if (!date || !date.start) return "";
  let text = date.start.slice(0, 10);
  if (date.precision === "year") text = date.start.slice(0, 4);
  else if (date.precision === "month") text = date.start.slice(0, 7);
  else if (date.precision === "week") text = `week of ${text}`;
  const filled = FILLED_DATE[date.basis];
  return filled ? `${text} (${filled})` : text;
}

function placeLabel(place) {
  if (!place) return "";
  const filled = FILLED_PLACE[place.basis]; // absent in stores whose places carry no basis
  const name = place.name || place.text;
  return filled ? `${name} (${filled})` : name;
}

// --- map -------------------------------------------------------------------------------------------

const project = (lon, lat) => [((lon + 180) * W) / 360, ((90 - lat) * H) / 180];

function ringPath(ring) {
  // Unwrap longitudes so a ring crossing the antimeridian stays in one piece; copies shifted by 360°
  // are drawn by the caller when the ring runs off the edge.
  let prev = null, shift = 0, d = "", min = Infinity, max = -Infinity;
  for (const [lon0, lat] of ring) {
    if (prev !== null && Math.abs(lon0 + shift - prev) > 180) shift += lon0 + shift > prev ? -360 : 360;
    const lon = lon0 + shift;
    prev = lon;
    const [x, y] = project(lon, lat);
    d += `${d ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    min = Math.min(min, lon); max = Math.max(max, lon);
  }
  return { d: d + "Z", min, max };
}

async function drawCountries() {
  const world = await (await fetch("/static/vendor/countries-110m.json")).json();
  const land = window.topojson.feature(world, world.objects.countries);
  const group = $("countries");
  for (const feature of land.features) {
    if (feature.id === "010" || !feature.geometry) continue; // Antarctica: no events, much space
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    let d = "";
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const path = ringPath(ring);
        d += path.d;
        if (path.min < -180) d += ringPath(ring.map(([x, y]) => [x + 360, y])).d;
        if (path.max > 180) d += ringPath(ring.map(([x, y]) => [x - 360, y])).d;
      }
    }
    const node = svg("path", { d, class: "country", "fill-rule": "evenodd" });
    const title = svg("title");
    title.textContent = feature.properties && feature.properties.name ? feature.properties.name : "";
    node.append(title);
    group.append(node);
  }
}

function drawMarkers() {
  const group = $("markers");
  group.replaceChildren();
  // Biggest first, so small markers stay clickable on top of big ones.
  const placed = state.events.filter((e) => e.place && e.place.lat !== null && e.place.lon !== null);
  placed.sort((a, b) => b.mentions.length - a.mentions.length);
  for (const event of placed) {
    const [x, y] = project(event.place.lon, event.place.lat);
    const r = 3 + 2 * Math.sqrt(1 + event.mentions.length); // sized by the sentences that report it
    const dot = svg("circle", { cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2), class: "marker",
      fill: QUAD_COLOURS[event.quad] || "#777", "data-id": event.id });
    const title = svg("title");
    title.textContent = `${event.type} — ${event.place.name || event.place.text} ${event.date.start || ""}`;
    dot.append(title);
    dot.addEventListener("click", (ev) => pickAt(ev, event));
    group.append(dot);
  }
  $("map-panel").dataset.markers = String(placed.length);
}

// Markers at one place lie on top of each other: a click there lists every event of the place to pick from.
function pickAt(ev, event) {
  const key = (e) => `${e.place.lat.toFixed(3)},${e.place.lon.toFixed(3)}`;
  const here = state.events.filter((e) => e.place && e.place.lat !== null && e.place.lon !== null && key(e) === key(event));
  if (here.length < 2) { openEvent(event.id); return; }
  const picker = $("picker");
  const list = el("ul");
  for (const e of here) {
    const button = el("button", { type: "button", "data-id": e.id },
      `${dateLabel(e.date) || "undated"} · ${e.type} · ${partyNames(e.actor) || "?"}`);
    button.addEventListener("click", () => { picker.hidden = true; openEvent(e.id); });
    const item = el("li");
    item.append(button);
    list.append(item);
  }
  picker.replaceChildren(el("p", {}, `${here.length} events at ${placeLabel(event.place)} — pick one:`), list);
  picker.hidden = false;
  const box = picker.getBoundingClientRect();
  picker.style.left = `${Math.max(4, Math.min(ev.clientX, window.innerWidth - box.width - 4))}px`;
  picker.style.top = `${Math.max(4, Math.min(ev.clientY, window.innerHeight - box.height - 4))}px`;
}

function enableZoom() {
  const map = $("map");
  let view = [0, 0, W, H], drag = null;
  const apply = () => map.setAttribute("viewBox", view.map((v) => v.toFixed(1)).join(" "));
  map.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = map.getBoundingClientRect();
    const fx = (ev.clientX - box.left) / box.width, fy = (ev.clientY - box.top) / box.height;
    const k = Math.min(Math.max(ev.deltaY > 0 ? 1.2 : 1 / 1.2, W / 16 / view[2]), W / view[2]);
    const [x, y, w, h] = view;
    view = [x + fx * w * (1 - k), y + fy * h * (1 - k), w * k, h * k];
    apply();
  }, { passive: false });
  map.addEventListener("pointerdown", (ev) => { if (ev.target.tagName !== "circle") drag = [ev.clientX, ev.clientY]; });
  map.addEventListener("pointerup", () => { drag = null; });
  map.addEventListener("pointerleave", () => { drag = null; });
  map.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const box = map.getBoundingClientRect();
    view[0] -= ((ev.clientX - drag[0]) * view[2]) / box.width;
    view[1] -= ((ev.clientY - drag[1]) * view[3]) / box.height;
    drag = [ev.clientX, ev.clientY];
    apply();
  });
  map.addEventListener("dblclick", () => { view = [0, 0, W, H]; apply(); });
}

function drawLegend() {
  const legend = $("legend");
  for (const [quad, name] of Object.entries(QUADS)) {
    const item = el("li", {}, name);
    item.style.setProperty("--c", QUAD_COLOURS[quad]);
    legend.append(item);
  }
  legend.append(el("li", { class: "note" }, "size: sentences reporting the event · scroll to zoom, drag to pan"));
}

// --- timeline --------------------------------------------------------------------------------------

function pickInterval(facets, filters) {
  const first = filters.get("since") || facets.first_date, last = filters.get("until") || facets.last_date;
  if (!first || !last) return "day";
  const days = (Date.parse(last) - Date.parse(first)) / 864e5;
  return days > 1100 ? "month" : days > 120 ? "week" : "day";
}

function bucketEnd(start, interval) {
  const d = new Date(`${start}T00:00:00Z`);
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 864e5;
const time = (iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

// Axis ticks at round dates (years, else months, else days) few enough that their labels never overlap.
function ticks(t0, t1, maxTicks) {
  const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
  for (const step of [1, 2, 5, 10, 20, 50, 100]) {
    if ((y1 - y0) / step + 1 <= maxTicks && y1 - y0 >= 2) {
      const out = [];
      for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
        const t = Date.UTC(y, 0, 1);
        if (t >= t0 && t <= t1) out.push([t, String(y)]);
      }
      if (out.length >= 2) return out;
    }
  }
  for (const step of [1, 2, 3, 6]) {
    const out = [];
    const d = new Date(t0);
    let m = d.getUTCFullYear() * 12 + d.getUTCMonth() + 1;
    m = Math.ceil(m / step) * step;
    for (; ; m += step) {
      const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (t > t1) break;
      out.push([t, new Date(t).toISOString().slice(0, 7)]);
    }
    if (out.length <= maxTicks && out.length >= 2) return out;
  }
  const days = Math.max(1, Math.ceil((t1 - t0) / DAY_MS / maxTicks));
  const out = [];
  for (let t = t0; t <= t1; t += days * DAY_MS) out.push([t, new Date(t).toISOString().slice(0, 10)]);
  return out;
}

function drawTimeline(data) {
  // A true time axis: each bar spans its day, week or month on a scale from the first to the last
  // bucket, so empty stretches show as gaps and far-apart years sit far apart.
  const chart = $("timeline");
  chart.replaceChildren();
  const buckets = data.buckets;
  const caption = $("timeline-caption");
  if (!buckets.length) {
    caption.textContent = `No dated events${data.undated ? ` (${data.undated} undated)` : ""}.`;
    return;
  }
  const top = Math.max(...buckets.map((b) => b.count));
  const t0 = time(buckets[0].date);
  const t1 = time(bucketEnd(buckets[buckets.length - 1].date, data.interval)) + DAY_MS;
  // Drawn in the chart's own pixels (the viewBox follows its width), so labels keep their size on a phone.
  const width = Math.max(Math.round(chart.getBoundingClientRect().width) || 960, 200), height = 112, pad = 8;
  chart.setAttribute("viewBox", `0 0 ${width} 140`);
  const x = (t) => pad + ((t - t0) / Math.max(t1 - t0, DAY_MS)) * (width - 2 * pad);
  chart.dataset.start = new Date(t0).toISOString().slice(0, 10);
  chart.dataset.end = new Date(t1 - DAY_MS).toISOString().slice(0, 10);
  for (const bucket of buckets) {
    const left = x(time(bucket.date)), right = x(time(bucketEnd(bucket.date, data.interval)) + DAY_MS);
    const barWidth = Math.max((right - left) * 0.9, 1.5); // a bar stays visible however long the axis
    let y = height;
    for (const quad of [1, 2, 3, 4]) {
      const n = (bucket.by && bucket.by[String(quad)]) || 0;
      if (!n) continue;
      const h = (n / top) * (height - 4);
      y -= h;
      const bar = svg("rect", { x: left.toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2), height: h.toFixed(2),
        fill: QUAD_COLOURS[quad], class: "bar", "data-date": bucket.date });
      const title = svg("title");
      title.textContent = `${bucket.date} (${data.interval}): ${bucket.count} events, ${n} ${QUADS[quad]}`;
      bar.append(title);
      bar.addEventListener("click", () => {
        $("f-since").value = bucket.date;
        $("f-until").value = bucketEnd(bucket.date, data.interval);
        refresh();
      });
      chart.append(bar);
    }
  }
  chart.append(svg("line", { x1: pad, x2: width - pad, y1: height + 0.5, y2: height + 0.5, class: "axis-line" }));
  // Labels 10 characters wide at most, about 7 px a character: at most one per 90 px of the axis.
  for (const [t, label] of ticks(t0, t1, Math.floor((width - 2 * pad) / 90))) {
    const tx = x(t);
    chart.append(svg("line", { x1: tx, x2: tx, y1: height, y2: height + 5, class: "axis-line" }));
    const text = svg("text", { x: tx.toFixed(1), y: 132, class: "axis",
      "text-anchor": tx < 40 ? "start" : tx > width - 40 ? "end" : "middle" });
    text.textContent = label;
    chart.append(text);
  }
  caption.textContent = `Events per ${data.interval}, by quad, on a time axis (gaps are periods without events); ` +
    `peak ${top}. Click a bar to filter to it.` + (data.undated ? ` ${data.undated} matching events have no date.` : "");
}

// --- table -----------------------------------------------------------------------------------------

const partyNames = (parties) => parties.map((p) => p.name || p.text).join(", ");

function appendRows(events) {
  const body = $("events").tBodies[0];
  for (const event of events) {
    const row = el("tr", { "data-id": event.id });
    row.append(el("td", { class: event.date.basis === "published" ? "filled" : "" }, dateLabel(event.date) || "—"));
    const type = el("td");
    type.append(el("span", { class: `quad q${event.quad}`, title: QUADS[event.quad] || "" }), event.type);
    row.append(type);
    const who = partyNames(event.actor) || "—";
    row.append(el("td", {}, event.recipient.length ? `${who} → ${partyNames(event.recipient)}` : who));
    row.append(el("td", {}, placeLabel(event.place) || "—"));
    row.append(el("td", {}, event.status));
    row.append(el("td", {}, event.confidence.toFixed(2)));
    row.append(el("td", { class: "evidence" }, event.evidence.text));
    row.addEventListener("click", () => openEvent(event.id));
    body.append(row);
  }
}

// --- the one refresh: map, timeline and table from the same filters ---------------------------------

let facets = null;

// Filters -> address: a change the user makes is a new history entry (Back returns to the previous view);
// a view reached from the address (Back, Forward, an edited hash) replaces nothing.
function syncAddress(fromAddress) {
  const hash = `#${currentFilters()}`;
  if ((location.hash || "#") === hash) return;
  if (fromAddress) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
}

function explainEmpty(total, filters) {
  const box = $("empty");
  if (total) { box.hidden = true; return; }
  const named = [...filters].map(([k, v]) => `${k} = ${v}`);
  box.textContent = named.length
    ? `No events match ${named.join(", ")}. Widen the search: remove a filter, pick "any" in a menu, ` +
      "shorten the text or actor words, or widen the dates (Clear removes every filter)."
    : "The store holds no events yet: ingest some (chronicle ingest --sample).";
  box.hidden = false;
}

async function refresh(fromAddress = false) {
  const filters = currentFilters();
  syncAddress(fromAddress);
  $("csv-link").href = `/export?format=csv${[...filters].length ? `&${filters}` : ""}`; // the view's events
  const request = ++state.request;
  showError(null);
  $("picker").hidden = true;
  try {
    const page = new URLSearchParams(filters);
    page.set("limit", String(PAGE));
    const timelineParams = new URLSearchParams(filters);
    timelineParams.set("interval", pickInterval(facets, filters));
    timelineParams.set("by", "quad");
    const [events, counts] = await Promise.all([api("/events", page), api("/stats/timeline", timelineParams),
      loadFacets(filters)]);
    if (request !== state.request) return; // a newer refresh started meanwhile
    state.events = events.events;
    state.cursor = events.next_cursor;
    $("events").tBodies[0].replaceChildren();
    appendRows(state.events);
    drawMarkers();
    drawTimeline(counts);
    $("more").hidden = !state.cursor;
    $("summary").textContent = `${events.total.toLocaleString()} events match · showing ${state.events.length}`;
    explainEmpty(events.total, filters);
    document.body.dataset.ready = "true";
  } catch (err) {
    showError(err);
  }
}

async function more() {
  if (!state.cursor) return;
  const params = currentFilters();
  params.set("limit", String(PAGE));
  params.set("cursor", state.cursor);
  try {
    const page = await api("/events", params);
    state.events.push(...page.events);
    state.cursor = page.next_cursor;
    appendRows(page.events);
    drawMarkers();
    $("more").hidden = !state.cursor;
  } catch (err) {
    showError(err);
  }
}

// --- the event drawer ------------------------------------------------------------------------------

function fact(list, term, value) {
  if (value === null || value === undefined || value === "") return;
  list.append(el("dt", {}, term), el("dd", {}, value));
}

function sizeText(size) {
  const parts = [];
  for (const key of ["killed", "injured", "arrested", "count"]) if (size[key] !== null) parts.push(`${size[key]} ${key}`);
  return parts.join(", ");
}

function highlighted(text, ranges) {
  // Cut the text at every range boundary; each piece gets the classes of the ranges that cover it.
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const classes = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.cls);
    if (!classes.length) { out.append(document.createTextNode(piece)); continue; }
    out.append(el("mark", { class: [...new Set(classes)].join(" ") }, piece));
  }
  return out;
}

async function openEvent(id) {
  showError(null);
  try {
    const event = await api(`/events/${encodeURIComponent(id)}`);
    const article = await api(`/articles/${encodeURIComponent(event.article_id)}`);
    state.selected = id;
    for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
    for (const node of document.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) node.classList.add("selected");

    const title = $("drawer-title");
    const type = el("span", { class: "type" }, event.type);
    type.style.background = QUAD_COLOURS[event.quad] || "#777"; // CSSOM: the CSP refuses style attributes
    title.replaceChildren(
      el("span", { class: "actor-name" }, partyNames(event.actor) || "(unknown actor)"), " → ", type, " → ",
      el("span", { class: "recipient-name" }, partyNames(event.recipient) || "(no recipient)"));
    const facts = $("drawer-facts");
    facts.replaceChildren();
    fact(facts, "Place", event.place ? [placeLabel(event.place), event.place.country].filter(Boolean).join(", ") : "unknown");
    fact(facts, "Date", event.date.start ? `${dateLabel(event.date)} · ${event.date.precision}` +
      (event.date.text ? ` · read from “${event.date.text}”` : "") : "unknown");
    fact(facts, "Mode", event.mode);
    fact(facts, "Quad", `${event.quad} — ${QUADS[event.quad] || ""}`);
    fact(facts, "Size", sizeText(event.size));
    fact(facts, "Status", event.status);
    fact(facts, "Confidence", event.confidence.toFixed(2));
    fact(facts, "Trigger", event.trigger.text);
    fact(facts, "Event id", event.id);

    $("drawer-article-title").textContent = article.title || "(untitled article)";
    const source = $("drawer-source");
    source.replaceChildren();
    const meta = [article.source, article.published].filter(Boolean).join(" · ");
    if (meta) source.append(meta + " ");
    if (article.url && /^https?:\/\//i.test(article.url)) { // never a javascript: or data: link
      source.append(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "original"));
    }
    const ranges = [{ start: event.evidence.start, end: event.evidence.end, cls: "evidence" }];
    for (const m of event.mentions) ranges.push({ start: m.start, end: m.end, cls: "other-mention" });
    for (const p of event.actor) if (p.start !== null) ranges.push({ start: p.start, end: p.end, cls: "actor" });
    for (const p of event.recipient) if (p.start !== null) ranges.push({ start: p.start, end: p.end, cls: "recipient" });
    ranges.push({ start: event.trigger.start, end: event.trigger.end, cls: "trigger" });
    const body = $("drawer-text");
    body.replaceChildren(highlighted(article.text, ranges));
    $("drawer").hidden = false;
    const evidence = body.querySelector("mark.evidence");
    if (evidence) { // scroll the drawer only (scrollIntoView would move the page behind it too)
      const drawer = $("drawer");
      const offset = evidence.getBoundingClientRect().top - drawer.getBoundingClientRect().top;
      drawer.scrollTop += offset - drawer.clientHeight / 3;
    }
  } catch (err) {
    showError(err);
  }
}

// --- start -----------------------------------------------------------------------------------------

async function start() {
  restoreFilters();
  drawLegend();
  enableZoom();
  $("filters").addEventListener("change", () => refresh());
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  for (const name of ["actor", "text"]) {
    let timer = null;
    $(`f-${name}`).addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => refresh(), 350); });
  }
  $("filters").addEventListener("reset", () => setTimeout(() => refresh(), 0));
  $("more").addEventListener("click", more);
  $("drawer-close").addEventListener("click", () => { $("drawer").hidden = true; });
  // The address -> the view: Back/Forward and a hash typed or pasted in the same tab.
  const fromAddress = () => {
    if ((location.hash || "#") === `#${currentFilters()}`) return;
    restoreFilters();
    refresh(true);
  };
  window.addEventListener("popstate", fromAddress);
  window.addEventListener("hashchange", fromAddress);
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { $("drawer").hidden = true; $("picker").hidden = true; }
  });
  try {
    [facets] = await Promise.all([loadFacets(new URLSearchParams()), drawCountries()]);
    restoreFilters();
  } catch (err) {
    showError(err);
    return;
  }
  await refresh(true);
}

start();
