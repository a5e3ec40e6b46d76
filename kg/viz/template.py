"""The HTML page of ``kg viz``: inline CSS and JavaScript, no external resource of any kind.

The layout is a plain force simulation run to rest before the first paint (so a static
screenshot or a slow machine shows a finished drawing), then nodes can be dragged, the view
panned and zoomed. Relationship status drives the stroke: asserted/confirmed solid, alleged
dashed orange, denied dashed red, an event that did not (yet) happen (``mode``: threatened,
planned ...) dotted and labelled with its mode, structural (no status) thin grey.

Readability: positions live in layout units, but circles, strokes and labels are drawn at a fixed
screen size, so zooming spreads the graph out instead of scaling 4-px text. Labels are placed
greedily (best connected nodes first, then relationship labels): each takes the first of four spots
around its node that stays inside the drawing and clear of every placed label and every circle,
or stays hidden until the view changes (its name is in the tooltip). The title, legend and notes
sit in a header above the drawing area, never over it.
"""

GRAPH_PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
 html,body{margin:0;height:100%;overflow:hidden}
 body{font:13px system-ui,sans-serif;background:#fafafa;color:#222;display:flex}
 #main{flex:1;display:flex;flex-direction:column;min-width:0}
 #top{flex:none;padding:6px 10px;border-bottom:1px solid #ddd;background:#fff}
 #top h1{font-size:15px;margin:0 0 4px}
 #legend span{display:inline-block;margin-right:12px}
 #legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;vertical-align:-1px}
 #legend b{display:inline-block;width:26px;border-top:2px solid #444;margin:0 4px 3px 0}
 #notes{color:#8a4b00;font-weight:600}
 #notes:empty{display:none}
 svg{flex:1;width:100%;min-height:200px;display:block;cursor:grab}
 #panel{flex:none;width:310px;height:100%;overflow:auto;background:#fff;border-left:1px solid #ddd;padding:10px;
  box-sizing:border-box}
 #panel h2{font-size:14px;margin:0 0 6px}
 #panel table{border-collapse:collapse;width:100%}
 #panel td{vertical-align:top;padding:2px 4px;border-bottom:1px solid #eee;word-break:break-word}
 .ev{margin:6px 0;padding:6px;background:#f4f4f4;border-left:3px solid #888}
 .ev small{color:#666;display:block;margin-top:3px}
 text{pointer-events:none;font-size:12px;fill:#222;paint-order:stroke;stroke:#fafafa;stroke-width:3px}
 text.rl{font-size:10px;fill:#555}
 line{vector-effect:non-scaling-stroke}
 #tip{position:absolute;pointer-events:none;background:#222;color:#fff;padding:5px 7px;border-radius:4px;
  max-width:360px;font-size:12px;display:none}
</style></head>
<body>
<div id="main"><div id="top"><h1>__TITLE__</h1><div id="legend"></div><div id="notes"></div></div>
<svg id="g"><defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7"
 markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#666"/></marker></defs>
 <g id="edges"></g><g id="nodes"></g><g id="labels"></g></svg></div>
<div id="panel"><h2>Details</h2><p>Hover a node or relationship; click to keep its details here.
 Drag nodes, drag the background to pan, wheel to zoom (more labels appear as the graph spreads).</p></div>
<div id="tip"></div>
<script>
const DATA = __DATA__;
const NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("g"), gE = document.getElementById("edges"), gN = document.getElementById("nodes"),
  gL = document.getElementById("labels");
const tip = document.getElementById("tip"), panel = document.getElementById("panel");
function esc(s) { return String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c])); }
document.getElementById("legend").innerHTML = DATA.legend.map(([l, c]) =>
  "<span><i style='background:" + c + "'></i>" + esc(l) + "</span>").join("") +
  "<span><b></b>asserted</span><span><b style='border-top:2px dashed #e67e22'></b>alleged</span>" +
  "<span><b style='border-top:2px dashed #d62728'></b>denied</span>" +
  "<span>" + DATA.nodes.length + " nodes, " + DATA.rels.length + " relationships</span>";
document.getElementById("notes").textContent = (DATA.notes || []).join("; ");
const box = svg.getBoundingClientRect();
const W = Math.max(300, box.width), H = Math.max(200, box.height);
const byId = {};
DATA.nodes.forEach((n, i) => {
  const a = 2 * Math.PI * i / Math.max(1, DATA.nodes.length);
  n.x = W / 2 + Math.cos(a) * W / 4; n.y = H / 2 + Math.sin(a) * H / 4; n.vx = 0; n.vy = 0; n.deg = 0; byId[n.id] = n;
});
const rels = DATA.rels.filter(r => byId[r.source] && byId[r.target]);
rels.forEach(r => { byId[r.source].deg++; byId[r.target].deg++; });
DATA.nodes.forEach(n => { n.r = Math.min(16, 6 + 2 * Math.sqrt(n.deg)); });
function style(r) {
  if (r.status === "denied") return {c: "#d62728", d: "6,4", w: 2.2};
  if (r.status === "alleged") return {c: "#e67e22", d: "6,4", w: 2};
  if (r.status && r.mode) return {c: "#333", d: "2,3", w: 1.6};  // threatened, planned ...: not (yet) happened
  if (r.status) return {c: "#333", d: "", w: 2};
  return {c: "#aaa", d: "", w: 1};
}
function layout(steps) {
  const k = Math.sqrt(W * H / Math.max(1, DATA.nodes.length)) * 0.6;
  for (let s = 0; s < steps; s++) {
    const t = 1 - s / steps;
    for (const a of DATA.nodes) for (const b of DATA.nodes) {
      if (a === b) continue;
      let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      if (d2 > 6 * k * k) continue;  // short-range repulsion: separate components do not drift apart
      const f = k * k / d2; a.vx += dx * f * 0.05; a.vy += dy * f * 0.05;
    }
    for (const r of rels) {
      const a = byId[r.source], b = byId[r.target];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - k) / d * 0.05;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const n of DATA.nodes) {
      n.vx += (W / 2 - n.x) * 0.02; n.vy += (H / 2 - n.y) * 0.02;  // keeps components near each other
      const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy), m = Math.min(v, 30 * t + 1) / (v || 1);
      n.x += n.vx * m; n.y += n.vy * m; n.vx *= 0.5; n.vy *= 0.5;
    }
  }
}
layout(DATA.nodes.length > 150 ? 250 : 400);
function mk(tag, attrs, parent) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  parent.appendChild(e); return e;
}
function table(info) {
  return "<table>" + Object.entries(info).map(([k, v]) =>
    "<tr><td>" + esc(k) + "</td><td>" + esc(Array.isArray(v) ? v.join(", ") : (typeof v === "object" ? JSON.stringify(v) : v)) +
    "</td></tr>").join("") + "</table>";
}
function relHtml(r) {
  const ev = r.evidence.map(e => "<div class='ev'>" + esc(e.sentence) + "<small>" + esc(e.title || "") +
    " — " + esc(e.source || "?") + " " + esc(e.published || "") + "</small></div>").join("");
  return "<h2>" + esc(byId[r.source].caption) + " -[" + esc(r.type) + "]-> " + esc(byId[r.target].caption) +
    "</h2>" + (r.status ? "<p>status: <b>" + esc(r.status) + "</b></p>" : "") + ev + table(r.info);
}
function nodeHtml(n) { return "<h2>" + esc(n.caption) + " <small>(" + esc(n.label) + ")</small></h2>" + table(n.info); }
function showTip(ev, h) { tip.innerHTML = h; tip.style.display = "block";
  tip.style.left = Math.min(ev.pageX + 12, window.innerWidth - 370) + "px"; tip.style.top = (ev.pageY + 12) + "px"; }
function hideTip() { tip.style.display = "none"; }
// denied and alleged relations are drawn last, so they lie on top of asserted ones
const rank = {"": 0, asserted: 1, confirmed: 1, alleged: 2, denied: 3};
const relEls = rels.slice().sort((a, b) => (rank[a.status] || 0) - (rank[b.status] || 0)).map(r => {
  const s = style(r);
  const line = mk("line", {class: "rel", stroke: s.c, "stroke-width": s.w, "stroke-dasharray": s.d,
    "marker-end": "url(#arr)", "data-status": r.status}, gE);
  const lab = mk("text", {class: "rl", "text-anchor": "middle"}, gL);  // co-mentions go unlabelled
  lab.textContent = r.type === "CO_MENTIONED" ? "" : r.type + (r.mode ? " [" + r.mode + "]" : "") +
    (r.status ? " (" + r.status + ")" : "");
  line.addEventListener("mousemove", e => showTip(e, relHtml(r)));
  line.addEventListener("mouseleave", hideTip);
  line.addEventListener("click", () => { panel.innerHTML = relHtml(r); });
  line.style.cursor = "pointer";
  return {r, line, lab, weight: r.evidence.length};
});
const pairs = {};  // parallel relationships between one pair are drawn side by side, not on top
relEls.forEach(e => { const k = [e.r.source, e.r.target].sort().join("|"); (pairs[k] = pairs[k] || []).push(e); });
Object.values(pairs).forEach(list => list.forEach((e, i) => { e.off = (i - (list.length - 1) / 2) * 8; }));
const nodeEls = DATA.nodes.map(n => {
  const c = mk("circle", {class: "node", r: n.r, fill: n.colour, stroke: "#fff", "stroke-width": 1.5}, gN);
  const t = mk("text", {class: "nl"}, gL); t.textContent = n.short;
  c.addEventListener("mousemove", e => showTip(e, nodeHtml(n)));
  c.addEventListener("mouseleave", hideTip);
  c.addEventListener("click", () => { panel.innerHTML = nodeHtml(n); });
  c.addEventListener("mousedown", e => { drag = n; e.stopPropagation(); });
  return {n, c, t};
});
nodeEls.forEach(e => { e.w = e.t.getComputedTextLength(); });
relEls.forEach(e => { e.w = e.lab.getComputedTextLength(); });
let view = {x: 0, y: 0, s: 1}, drag = null, pan = null;
const sx = n => n.x * view.s + view.x, sy = n => n.y * view.s + view.y;
function fit() {
  if (!DATA.nodes.length) return;
  const xs = DATA.nodes.map(n => n.x), ys = DATA.nodes.map(n => n.y), pad = 40;
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  view.s = Math.min(3, (W - 2 * pad - 120) / Math.max(1, x1 - x0), (H - 2 * pad) / Math.max(1, y1 - y0));
  view.x = (W - (x1 - x0) * view.s) / 2 - x0 * view.s; view.y = (H - (y1 - y0) * view.s) / 2 - y0 * view.s;
}
const LH = 14;  // label line box in px
function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
function placeLabels() {
  const placed = [], discs = nodeEls.map(e => ({e, x0: sx(e.n) - e.n.r, x1: sx(e.n) + e.n.r,
    y0: sy(e.n) - e.n.r, y1: sy(e.n) + e.n.r}));
  const free = (b, owner) => b.x0 >= 2 && b.y0 >= 2 && b.x1 <= W - 2 && b.y1 <= H - 2 &&
    !placed.some(p => overlaps(p, b)) && !discs.some(d => d.e !== owner && overlaps(d, b));
  const order = nodeEls.slice().sort((a, b) => b.n.deg - a.n.deg || a.n.short.localeCompare(b.n.short));
  for (const e of order) {
    const x = sx(e.n), y = sy(e.n), r = e.n.r, w = e.w;
    const spots = [[x + r + 3, y - LH / 2], [x - r - 3 - w, y - LH / 2], [x - w / 2, y - r - 2 - LH], [x - w / 2, y + r + 2]];
    let shown = false;
    for (const [bx, by] of spots) {
      const b = {x0: bx, y0: by, x1: bx + w, y1: by + LH};
      if (free(b, e)) { e.t.setAttribute("x", bx); e.t.setAttribute("y", by + LH - 3); placed.push(b); shown = true; break; }
    }
    e.t.style.visibility = shown ? "visible" : "hidden";
  }
  for (const e of relEls.slice().sort((a, b) => b.weight - a.weight)) {
    if (!e.w) { e.lab.style.visibility = "hidden"; continue; }
    const b = {x0: e.mx - e.w / 2, y0: e.my - 11, x1: e.mx + e.w / 2, y1: e.my + 1};
    const shown = free(b, null);
    if (shown) { e.lab.setAttribute("x", e.mx); e.lab.setAttribute("y", e.my - 2); placed.push(b); }
    e.lab.style.visibility = shown ? "visible" : "hidden";
  }
}
function draw() {
  for (const e of relEls) {
    const a = byId[e.r.source], b = byId[e.r.target];
    const ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b);
    const dx = bx - ax, dy = by - ay, d = Math.sqrt(dx * dx + dy * dy) || 1;
    const sgn = e.r.source < e.r.target ? 1 : -1, ox = -dy / d * e.off * sgn, oy = dx / d * e.off * sgn;
    e.line.setAttribute("x1", ax + dx / d * a.r + ox); e.line.setAttribute("y1", ay + dy / d * a.r + oy);
    e.line.setAttribute("x2", bx - dx / d * (b.r + 1) + ox); e.line.setAttribute("y2", by - dy / d * (b.r + 1) + oy);
    e.mx = (ax + bx) / 2 + ox * 1.6; e.my = (ay + by) / 2 + oy * 1.6;
  }
  for (const {n, c} of nodeEls) { c.setAttribute("cx", sx(n)); c.setAttribute("cy", sy(n)); }
  placeLabels();
}
function toGraph(e) { const b = svg.getBoundingClientRect();
  return {x: (e.clientX - b.left - view.x) / view.s, y: (e.clientY - b.top - view.y) / view.s}; }
svg.addEventListener("mousedown", e => { if (!drag) pan = {x: e.clientX - view.x, y: e.clientY - view.y}; });
window.addEventListener("mousemove", e => {
  if (drag) { const p = toGraph(e); drag.x = p.x; drag.y = p.y; draw(); }
  else if (pan) { view.x = e.clientX - pan.x; view.y = e.clientY - pan.y; draw(); }
});
window.addEventListener("mouseup", () => { drag = null; pan = null; });
svg.addEventListener("wheel", e => { e.preventDefault(); const f = e.deltaY < 0 ? 1.15 : 1 / 1.15;
  const b = svg.getBoundingClientRect(), mx = e.clientX - b.left, my = e.clientY - b.top;
  view.x = mx - (mx - view.x) * f; view.y = my - (my - view.y) * f; view.s *= f; draw(); }, {passive: false});
function separate() {  // circles never overlap on screen: push apart any two closer than their radii allow
  for (let round = 0; round < 4; round++) {
    fit();
    let moved = false;
    for (let it = 0; it < 40; it++) {
      for (let i = 0; i < DATA.nodes.length; i++) for (let j = i + 1; j < DATA.nodes.length; j++) {
        const a = DATA.nodes[i], b = DATA.nodes[j], want = (a.r + b.r + 6) / view.s;
        let dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy);
        if (d >= want) continue;
        if (d < 1e-6) { dx = 1; dy = 0; d = 1; }
        const push = (want - d) / 2 / d; a.x -= dx * push; a.y -= dy * push; b.x += dx * push; b.y += dy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  fit();
}
separate();
draw();
</script></body></html>
"""
