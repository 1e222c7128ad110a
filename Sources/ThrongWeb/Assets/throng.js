// Throng's views: the network map, a station's day against its typical day, tables.
// Shared by the live dashboard (served at /) and the self-contained report
// (`throng report`). Plain DOM and SVG; no libraries, nothing fetched from elsewhere.
"use strict";

const Throng = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const LEVEL_COLOURS = { "quiet": "#2e9e5b", "busy": "#f0a30a", "very busy": "#d7301f" };
  const NO_DATA = "#b8b8b8";

  function el(tag, attrs, parent) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  function svg(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v; else e.setAttribute(k, String(v));
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function fmt(v, digits) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    return Number(v).toLocaleString("en-GB", { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function pct(v) { return v === null || v === undefined ? "–" : Math.round(v * 100) + "%"; }

  function levelColour(level) { return LEVEL_COLOURS[level] || NO_DATA; }

  /// The network map: every link drawn in its line's colour (one segment per station pair and
  /// line), every station a circle coloured by its level. `crowding` maps NaPTAN to
  /// {level, percentageOfBaseline, people}; `onStation(naptan)` is called on a click.
  function renderMap(container, geometry, crowding, onStation) {
    clear(container);
    const root = svg("svg", {
      viewBox: `0 0 ${geometry.width} ${geometry.height}`, class: "network-map", role: "img",
      "aria-label": "Map of the network's stations coloured by busyness",
    }, container);
    const lines = svg("g", { class: "lines" }, root);
    const seen = new Set();
    for (const link of geometry.links) {
      const a = Math.min(link.from, link.to), b = Math.max(link.from, link.to);
      const key = `${link.line}:${a}:${b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const s = geometry.stations[link.from], t = geometry.stations[link.to];
      svg("line", {
        x1: s.x, y1: s.y, x2: t.x, y2: t.y, stroke: geometry.lines[link.line].colour,
        "stroke-width": 2.5, "stroke-linecap": "round", opacity: 0.75,
      }, lines);
    }
    const dots = svg("g", { class: "stations" }, root);
    for (const s of geometry.stations) {
      const c = crowding ? crowding[s.naptan] : null;
      const r = c && c.percentageOfBaseline != null ? 3 + 5 * Math.min(1.2, c.percentageOfBaseline) : 3.5;
      const dot = svg("circle", {
        cx: s.x, cy: s.y, r: r.toFixed(1), class: "station", "data-naptan": s.naptan,
        fill: c && c.dataAvailable ? levelColour(c.level) : NO_DATA, stroke: "#222", "stroke-width": 0.6,
      }, dots);
      const title = c && c.dataAvailable
        ? `${s.name}: ${c.level || "–"}, ${pct(c.percentageOfBaseline)} of baseline, ~${fmt(c.people)} people`
        : `${s.name}: no data`;
      svg("title", { text: title }, dot);
      if (onStation) dot.addEventListener("click", () => onStation(s.naptan));
    }
    return root;
  }

  /// A legend for the map's colours.
  function renderLegend(container) {
    clear(container);
    for (const [name, colour] of [...Object.entries(LEVEL_COLOURS), ["no data", NO_DATA]]) {
      const item = el("span", { class: "legend-item" }, container);
      el("span", { class: "swatch", style: `background:${colour}` }, item);
      item.appendChild(document.createTextNode(name));
    }
  }

  /// A day chart: the typical day's 96 bands (area, share of baseline) and the observed bins of
  /// one day (line with its 95% people interval as a band), on one time axis 04:30–04:30.
  /// `typical`: {timeBands:[{timeBand, percentageOfBaseline, people}]}; `observed`: [{start:{local}, minutes,
  /// percentageOfBaseline, people, lower95, upper95}].
  function renderDayChart(container, typical, observed, options) {
    clear(container);
    const opts = Object.assign({ width: 720, height: 260, measure: "percentageOfBaseline" }, options || {});
    const W = opts.width, H = opts.height, L = 44, R = 10, T = 12, B = 28;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "day-chart", role: "img", "aria-label": "Busyness through the day" }, container);
    const minuteOf = (label) => { const [h, m] = label.split(":").map(Number); return h * 60 + m; };
    const x = (minute) => { const m = (minute - 270 + 1440) % 1440; return L + (W - L - R) * m / 1440; };
    const values = [];
    const bands = (typical && typical.timeBands) || [];
    for (const b of bands) if (b.percentageOfBaseline != null) values.push(b.percentageOfBaseline);
    for (const o of observed || []) if (o.percentageOfBaseline != null) values.push(o.percentageOfBaseline);
    const top = Math.max(1, ...values);
    const y = (v) => T + (H - T - B) * (1 - v / top);
    // Axes and grid.
    for (const v of [0, 0.4, 0.7, 1]) {
      if (v > top) continue;
      svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid" }, root);
      svg("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", class: "tick", text: pct(v) }, root);
    }
    for (const h of [6, 9, 12, 15, 18, 21, 0]) {
      svg("text", { x: x(h * 60), y: H - 8, "text-anchor": "middle", class: "tick", text: `${String(h).padStart(2, "0")}:00` }, root);
    }
    // Typical day: an area.
    const pts = bands.filter(b => b.percentageOfBaseline != null)
      .map(b => [minuteOf(b.timeBand.slice(0, 5)), b.percentageOfBaseline])
      .sort((a, b) => ((a[0] - 270 + 1440) % 1440) - ((b[0] - 270 + 1440) % 1440));
    if (pts.length > 1) {
      const d = pts.map((p, i) => `${i ? "L" : "M"}${x(p[0] + 7.5).toFixed(1)},${y(p[1]).toFixed(1)}`).join("");
      svg("path", { d: d + `L${x(pts[pts.length - 1][0] + 7.5).toFixed(1)},${y(0)}L${x(pts[0][0] + 7.5).toFixed(1)},${y(0)}Z`, class: "typical-area" }, root);
      svg("path", { d, class: "typical-line" }, root);
    }
    // Observed: interval band and line.
    const obs = (observed || []).filter(o => o.percentageOfBaseline != null && o.start && o.start.local)
      .map(o => {
        const minute = minuteOf(o.start.local.slice(11, 16)) + (o.minutes || 15) / 2;
        const f = o.people ? o.percentageOfBaseline / o.people : 0;
        return { m: minute, v: o.percentageOfBaseline, lo: o.lower95 != null ? o.lower95 * f : null, hi: o.upper95 != null ? o.upper95 * f : null };
      });
    if (obs.length) {
      const band = obs.filter(o => o.lo != null && o.hi != null);
      if (band.length > 1) {
        const up = band.map((o, i) => `${i ? "L" : "M"}${x(o.m).toFixed(1)},${y(Math.min(top, o.hi)).toFixed(1)}`).join("");
        const down = band.slice().reverse().map(o => `L${x(o.m).toFixed(1)},${y(o.lo).toFixed(1)}`).join("");
        svg("path", { d: up + down + "Z", class: "observed-band" }, root);
      }
      svg("path", { d: obs.map((o, i) => `${i ? "L" : "M"}${x(o.m).toFixed(1)},${y(o.v).toFixed(1)}`).join(""), class: "observed-line" }, root);
      const last = obs[obs.length - 1];
      svg("circle", { cx: x(last.m), cy: y(last.v), r: 3.5, class: "observed-now" }, root);
    }
    const legend = svg("g", { class: "chart-legend" }, root);
    svg("rect", { x: W - R - 230, y: T, width: 12, height: 8, class: "typical-area" }, legend);
    svg("text", { x: W - R - 214, y: T + 8, class: "tick", text: "typical" }, legend);
    svg("line", { x1: W - R - 160, x2: W - R - 146, y1: T + 4, y2: T + 4, class: "observed-line" }, legend);
    svg("text", { x: W - R - 142, y: T + 8, class: "tick", text: "observed (95% band)" }, legend);
    return root;
  }

  /// A table from rows and column definitions [{title, value(row), numeric}].
  function renderTable(container, rows, columns, options) {
    clear(container);
    const table = el("table", { class: "data" }, container);
    const head = el("tr", {}, el("thead", {}, table));
    for (const c of columns) el("th", { text: c.title, class: c.numeric ? "num" : "" }, head);
    const body = el("tbody", {}, table);
    for (const row of rows) {
      const tr = el("tr", {}, body);
      if (options && options.onRow) { tr.classList.add("clickable"); tr.addEventListener("click", () => options.onRow(row)); }
      for (const c of columns) el("td", { text: c.value(row), class: c.numeric ? "num" : "" }, tr);
    }
    if (!rows.length) el("td", { text: "no data", colspan: columns.length }, el("tr", {}, body));
    return table;
  }

  return { el, svg, clear, fmt, pct, levelColour, renderMap, renderLegend, renderDayChart, renderTable };
})();

// The live dashboard (only on the page that has #dashboard).
(() => {
  const root = document.getElementById("dashboard");
  if (!root) return;
  const main = document.getElementById("view");
  const status = document.getElementById("status");
  let geometry = null, timer = null;

  // With API keys on /v1/, open the dashboard as /?app_key=KEY: the key is passed on.
  const key = new URLSearchParams(location.search).get("app_key");

  async function get(path) {
    const url = key ? path + (path.includes("?") ? "&" : "?") + "app_key=" + encodeURIComponent(key) : path;
    const r = await fetch(url, { headers: { "Accept": "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
    return body;
  }

  function schedule(fn, ms) { if (timer) clearTimeout(timer); timer = setTimeout(fn, ms); }

  async function refreshStatus() {
    try {
      const s = await get("/v1/live/status");
      status.textContent = s.live
        ? `live · watermark ${s.watermark ? s.watermark.slice(11, 19) : "–"} UTC · lag ${Throng.fmt(s.watermarkLagSeconds, 0)} s · ${Throng.fmt(s.acceptedEvents)} events · ${Throng.fmt(s.lateEvents)} late · ${Throng.fmt(s.rejectedLines)} rejected`
        : "snapshot figures (no live feed)";
    } catch (e) { status.textContent = "status unavailable: " + e.message; }
  }

  // An instant in the hash (`#/?time=2019-11-12 08:30`, `#/links?time=…`) shows that time, not now.
  function timeQuery() {
    const q = (location.hash.split("?")[1] || "");
    const t = new URLSearchParams(q).get("time");
    return t ? "time=" + encodeURIComponent(t) : "";
  }

  // The service date of the hash's instant, when it names one (`2019-11-12 08:30`).
  function dayQuery() {
    const t = new URLSearchParams(location.hash.split("?")[1] || "").get("time") || "";
    const m = t.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/);
    if (!m) return "";
    // Before 04:30 an instant belongs to the service day that began the evening before.
    if (Number(m[2]) * 60 + Number(m[3]) < 270) { const d = new Date(m[1] + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() - 1); return "?date=" + d.toISOString().slice(0, 10); }
    return "?date=" + m[1];
  }

  function withTime(path) { const q = timeQuery(); return q ? path + (path.includes("?") ? "&" : "?") + q : path; }

  async function showMap() {
    const data = await get(withTime("/v1/stations/crowding"));
    const byNaptan = {};
    for (const s of data.stations) byNaptan[s.naptan] = s;
    Throng.clear(main);
    Throng.el("h2", { text: `Stations · ${data.time && data.time.local ? data.time.local : ""} ${data.live ? "(live)" : "(typical)"}` }, main);
    const legend = Throng.el("div", { class: "legend" }, main);
    Throng.renderLegend(legend);
    const map = Throng.el("div", { class: "map", id: "map" }, main);
    Throng.renderMap(map, geometry, byNaptan, (naptan) => { location.hash = "#/station/" + naptan; });
    const busiest = data.stations.filter(s => s.percentageOfBaseline != null)
      .sort((a, b) => b.percentageOfBaseline - a.percentageOfBaseline).slice(0, 10);
    Throng.el("h3", { text: "Busiest stations now" }, main);
    const names = {};
    for (const s of geometry.stations) names[s.naptan] = s.name;
    Throng.renderTable(Throng.el("div", {}, main), busiest, [
      { title: "Station", value: s => names[s.naptan] || s.naptan },
      { title: "Level", value: s => s.level || "–" },
      { title: "% of baseline", value: s => Throng.pct(s.percentageOfBaseline), numeric: true },
      { title: "People (95%)", value: s => `${Throng.fmt(s.people)} (${Throng.fmt(s.lower95)}–${Throng.fmt(s.upper95)})`, numeric: true },
    ], { onRow: s => { location.hash = "#/station/" + s.naptan; } });
    schedule(route, 5000);
  }

  async function showStation(naptan) {
    const [info, day, now] = await Promise.all([
      get(`/v1/stations/${encodeURIComponent(naptan)}`),
      get(`/v1/stations/${encodeURIComponent(naptan)}/day${dayQuery()}`),
      get(withTime(`/v1/stations/${encodeURIComponent(naptan)}/crowding`)),
    ]);
    Throng.clear(main);
    Throng.el("h2", { text: info.displayName }, main);
    const facts = Throng.el("div", { class: "facts" }, main);
    const p = now.people;
    const fact = (label, value) => { const d = Throng.el("div", { class: "fact" }, facts); Throng.el("span", { class: "label", text: label }, d); Throng.el("span", { class: "value", text: value }, d); };
    fact("Now", now.level || "no data");
    fact("% of baseline", Throng.pct(now.percentageOfBaseline));
    fact("vs usual", now.relativeToUsual != null ? Throng.fmt(now.relativeToUsual, 2) + "×" : "–");
    fact("People", p ? `${Throng.fmt(p.estimate)} (95%: ${Throng.fmt(p.lower95)}–${Throng.fmt(p.upper95)})` : "–");
    fact("Source", `${now.source || "–"} · ${now.start && now.start.local ? now.start.local.slice(11) : ""}`);
    Throng.el("h3", { text: `${day.date} (${day.dayOfWeek}) against a typical ${day.dayOfWeek}` }, main);
    const chart = Throng.el("div", { class: "chart", id: "station-chart" }, main);
    Throng.renderDayChart(chart, day.typical, day.observed);
    const lines = Throng.el("p", { class: "muted", text: `Lines: ${info.lines.join(", ")}${info.isAlwaysQuiet ? " · always quiet" : ""}` }, main);
    lines.appendChild(document.createTextNode(" · "));
    Throng.el("a", { href: "#/", text: "back to the map" }, lines);
    schedule(route, 10000);
  }

  async function showLinks() {
    const data = await get(withTime("/v1/links?limit=25"));
    Throng.clear(main);
    Throng.el("h2", { text: `Busiest links · ${data.time && data.time.local ? data.time.local : ""}` }, main);
    Throng.renderTable(Throng.el("div", {}, main), data.links, [
      { title: "Line", value: l => l.link.line },
      { title: "From", value: l => l.link.from.displayName },
      { title: "To", value: l => l.link.to.displayName },
      { title: "People", value: l => Throng.fmt(l.people && l.people.estimate), numeric: true },
      { title: "% of baseline", value: l => Throng.pct(l.percentageOfBaseline), numeric: true },
      { title: "Level", value: l => l.level || "–" },
    ]);
    schedule(route, 5000);
  }

  async function route() {
    refreshStatus();
    const hash = (location.hash || "#/").split("?")[0];
    try {
      if (!geometry) geometry = await get("/v1/network");
      const station = hash.match(/^#\/station\/(.+)$/);
      if (station) await showStation(decodeURIComponent(station[1]));
      else if (hash === "#/links") await showLinks();
      else await showMap();
    } catch (e) {
      Throng.clear(main);
      Throng.el("p", { class: "error", text: "Could not load: " + e.message }, main);
      schedule(route, 5000);
    }
  }

  window.addEventListener("hashchange", route);
  route();
})();

// The analyst report (only in a page that carries window.THRONG_REPORT).
(() => {
  const data = window.THRONG_REPORT;
  const root = document.getElementById("report");
  if (!data || !root) return;
  const el = Throng.el;
  const names = {};
  for (const s of data.geometry.stations) names[s.naptan] = s.name;
  const section = (title, note) => {
    const s = el("section", {}, root);
    el("h2", { text: title }, s);
    if (note) el("p", { class: "muted", text: note }, s);
    return s;
  };

  const head = section(data.title, `${data.snapshot} · ${data.coverage.from || "–"} to ${data.coverage.to || "–"} (${data.coverage.days} service days) · ${data.coverage.observedStations} of ${data.coverage.stations} stations with wifi data`);
  head.classList.add("report-head");

  const maps = section("Network by busyness", "Each station coloured by its busyness at the time: people relative to its busiest typical quarter hour (observed where the snapshot covers the time, else typical).");
  const legend = el("div", { class: "legend" }, maps);
  Throng.renderLegend(legend);
  const grid = el("div", { class: "grid-2" }, maps);
  for (const m of data.maps) {
    const fig = el("figure", { class: "map-figure" }, grid);
    const box = el("div", { class: "map" }, fig);
    Throng.renderMap(box, data.geometry, m.stations, null);
    el("figcaption", { text: `${m.label} (${m.source})` }, fig);
  }

  const stations = section("Busiest stations", "Ranked by their busiest typical quarter hour (people).");
  Throng.renderTable(el("div", {}, stations), data.topStations, [
    { title: "Station", value: r => names[r.naptan] || r.naptan },
    { title: "Peak people", value: r => Throng.fmt(r.baselinePeople), numeric: true },
    { title: "Busiest band", value: r => `${r.busiestDay || "–"} ${r.busiestBand || ""}` },
    { title: "AM peak", value: r => r.amPeak || "–" },
    { title: "PM peak", value: r => r.pmPeak || "–" },
  ]);

  const charts = section("Typical days", "The first service day's observed busyness (line, 95% band) against the typical day of its category (area).");
  const chartGrid = el("div", { class: "grid-2" }, charts);
  for (const c of data.charts) {
    const fig = el("figure", { class: "chart-figure" }, chartGrid);
    const box = el("div", { class: "chart" }, fig);
    Throng.renderDayChart(box, c.typical, c.observed, { width: 520, height: 220 });
    el("figcaption", { text: `${names[c.naptan] || c.naptan} · ${c.date} (${c.dayOfWeek})` }, fig);
  }

  const links = section("Busiest links", "Expected people on each directed link at the chosen times (inferred from reconstructed journeys).");
  for (const group of data.topLinks) {
    el("h3", { text: `${group.label} (${group.source})` }, links);
    Throng.renderTable(el("div", {}, links), group.links, [
      { title: "Line", value: l => l.line },
      { title: "From", value: l => names[l.from] || l.from },
      { title: "To", value: l => names[l.to] || l.to },
      { title: "People", value: l => Throng.fmt(l.people), numeric: true },
      { title: "% of baseline", value: l => Throng.pct(l.percentageOfBaseline), numeric: true },
    ]);
  }

  const od = section("Top origin–destination pairs", "Journeys observed at both ends, summed over the snapshot's days (suppressed cells left out).");
  Throng.renderTable(el("div", {}, od), data.topOD, [
    { title: "Origin", value: r => names[r.origin] || r.origin },
    { title: "Destination", value: r => names[r.destination] || r.destination },
    { title: "Journeys", value: r => Throng.fmt(r.journeys), numeric: true },
    { title: "Days", value: r => Throng.fmt(r.days), numeric: true },
  ]);
  for (const s of data.splits) {
    el("h3", { text: `Route split: ${names[s.origin] || s.origin} → ${names[s.destination] || s.destination}` }, od);
    Throng.renderTable(el("div", {}, od), s.routes, [
      { title: "Route", value: r => r.route },
      { title: "Expected journeys", value: r => Throng.fmt(r.expectedJourneys, 1), numeric: true },
      { title: "Share", value: r => Throng.pct(r.share), numeric: true },
      { title: "Suppressed days", value: r => Throng.fmt(r.suppressedDays), numeric: true },
    ]);
  }

  const quality = section("Data quality", "Every input line is either accepted or rejected with a reason; the totals reconcile.");
  Throng.renderTable(el("div", {}, quality), data.quality, [
    { title: "Measure", value: r => r.name },
    { title: "Value", value: r => Throng.fmt(r.value), numeric: true },
  ]);
  if (data.rejections.length) {
    el("h3", { text: "Rejected lines by reason" }, quality);
    Throng.renderTable(el("div", {}, quality), data.rejections, [
      { title: "Reason", value: r => r.reason },
      { title: "Lines", value: r => Throng.fmt(r.lines), numeric: true },
    ]);
  }
  el("p", { class: "muted", text: `${data.inputs.files} input files, ${data.inputs.problems} with problems${data.inputs.problemList.length ? ": " + data.inputs.problemList.join("; ") : ""}.` }, quality);
})();
