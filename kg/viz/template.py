"""The HTML page of ``kg viz``: inline CSS and JavaScript, no external resource of any kind.

The layout is a plain force simulation run to rest before the first paint (so a static
screenshot or a slow machine shows a finished drawing), then nodes can be dragged, the view
panned and zoomed. Relationship status drives the stroke: asserted/confirmed solid, alleged
dashed orange, denied dashed red, structural (no status) thin grey.
"""

GRAPH_PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
 body{margin:0;font:13px system-ui,sans-serif;background:#fafafa;color:#222}
 #top{position:absolute;left:10px;top:8px;right:330px}
 #top h1{font-size:15px;margin:0 0 4px}
 #legend span{display:inline-block;margin-right:12px}
 #legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;vertical-align:-1px}
 #legend b{display:inline-block;width:26px;border-top:2px solid #444;margin:0 4px 3px 0}
 svg{width:calc(100vw - 320px);height:100vh;cursor:grab}
 #panel{position:absolute;right:0;top:0;width:310px;height:100vh;overflow:auto;background:#fff;
  border-left:1px solid #ddd;padding:10px;box-sizing:border-box}
 #panel h2{font-size:14px;margin:0 0 6px}
 #panel table{border-collapse:collapse;width:100%}
 #panel td{vertical-align:top;padding:2px 4px;border-bottom:1px solid #eee;word-break:break-word}
 .ev{margin:6px 0;padding:6px;background:#f4f4f4;border-left:3px solid #888}
 .ev small{color:#666;display:block;margin-top:3px}
 text{pointer-events:none;font-size:11px;fill:#222;paint-order:stroke;stroke:#fafafa;stroke-width:3px}
 text.rl{font-size:9px;fill:#555}
 #tip{position:absolute;pointer-events:none;background:#222;color:#fff;padding:5px 7px;border-radius:4px;
  max-width:360px;font-size:12px;display:none}
</style></head>
<body>
<div id="top"><h1>__TITLE__</h1><div id="legend"></div></div>
<svg id="g"><defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7"
 orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#666"/></marker></defs><g id="vp"></g></svg>
<div id="panel"><h2>Details</h2><p>Hover a node or relationship; click to keep its details here.
 Drag nodes, drag the background to pan, wheel to zoom.</p></div>
<div id="tip"></div>
<script>
const DATA = __DATA__;
const NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("g"), vp = document.getElementById("vp");
const tip = document.getElementById("tip"), panel = document.getElementById("panel");
const W = Math.max(400, window.innerWidth - 320), H = Math.max(300, window.innerHeight);
const byId = {};
DATA.nodes.forEach((n, i) => {
  const a = 2 * Math.PI * i / Math.max(1, DATA.nodes.length);
  n.x = W / 2 + Math.cos(a) * W / 4; n.y = H / 2 + Math.sin(a) * H / 4; n.vx = 0; n.vy = 0; byId[n.id] = n;
});
const rels = DATA.rels.filter(r => byId[r.source] && byId[r.target]);
function style(r) {
  if (r.status === "denied") return {c: "#d62728", d: "6,4", w: 2.2};
  if (r.status === "alleged") return {c: "#e67e22", d: "6,4", w: 2};
  if (r.status) return {c: "#333", d: "", w: 2};
  return {c: "#aaa", d: "", w: 1};
}
function esc(s) { return String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c])); }
function layout(steps) {
  const k = Math.sqrt(W * H / Math.max(1, DATA.nodes.length)) * 0.6;
  for (let s = 0; s < steps; s++) {
    const t = 1 - s / steps;
    for (const a of DATA.nodes) for (const b of DATA.nodes) {
      if (a === b) continue;
      let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      const f = k * k / d2; a.vx += dx * f * 0.05; a.vy += dy * f * 0.05;
    }
    for (const r of rels) {
      const a = byId[r.source], b = byId[r.target];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - k) / d * 0.05;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const n of DATA.nodes) {
      n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
      const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy), m = Math.min(v, 30 * t + 1) / (v || 1);
      n.x += n.vx * m; n.y += n.vy * m; n.vx *= 0.5; n.vy *= 0.5;
    }
  }
}
layout(400);
function mk(tag, attrs, parent) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  (parent || vp).appendChild(e); return e;
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
  tip.style.left = (ev.pageX + 12) + "px"; tip.style.top = (ev.pageY + 12) + "px"; }
function hideTip() { tip.style.display = "none"; }
const relEls = rels.map(r => {
  const s = style(r);
  const line = mk("line", {stroke: s.c, "stroke-width": s.w, "stroke-dasharray": s.d, "marker-end": "url(#arr)"});
  const lab = mk("text", {class: "rl", "text-anchor": "middle"}); lab.textContent = r.type + (r.status ? " (" + r.status + ")" : "");
  line.addEventListener("mousemove", e => showTip(e, relHtml(r)));
  line.addEventListener("mouseleave", hideTip);
  line.addEventListener("click", () => { panel.innerHTML = relHtml(r); });
  line.style.cursor = "pointer";
  return {r, line, lab};
});
const pairs = {};  // parallel relationships between one pair are drawn side by side, not on top
relEls.forEach(e => { const k = [e.r.source, e.r.target].sort().join("|"); (pairs[k] = pairs[k] || []).push(e); });
Object.values(pairs).forEach(list => list.forEach((e, i) => { e.off = (i - (list.length - 1) / 2) * 10; }));
const nodeEls = DATA.nodes.map(n => {
  const c = mk("circle", {r: 9, fill: n.colour, stroke: "#fff", "stroke-width": 1.5});
  const t = mk("text", {dx: 12, dy: 4}); t.textContent = n.caption;
  c.addEventListener("mousemove", e => showTip(e, nodeHtml(n)));
  c.addEventListener("mouseleave", hideTip);
  c.addEventListener("click", () => { panel.innerHTML = nodeHtml(n); });
  c.addEventListener("mousedown", e => { drag = n; e.stopPropagation(); });
  return {n, c, t};
});
function draw() {
  for (const {r, line, lab, off} of relEls) {
    const a = byId[r.source], b = byId[r.target];
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    const sgn = r.source < r.target ? 1 : -1, ox = -dy / d * off * sgn, oy = dx / d * off * sgn;
    line.setAttribute("x1", a.x + ox); line.setAttribute("y1", a.y + oy);
    line.setAttribute("x2", b.x - dx / d * 11 + ox); line.setAttribute("y2", b.y - dy / d * 11 + oy);
    lab.setAttribute("x", (a.x + b.x) / 2 + ox * 1.6); lab.setAttribute("y", (a.y + b.y) / 2 - 3 + oy * 1.6);
  }
  for (const {n, c, t} of nodeEls) { c.setAttribute("cx", n.x); c.setAttribute("cy", n.y);
    t.setAttribute("x", n.x); t.setAttribute("y", n.y); }
}
let view = {x: 0, y: 0, s: 1}, drag = null, pan = null;
function applyView() { vp.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.s + ")"); }
function toGraph(e) { const b = svg.getBoundingClientRect();
  return {x: (e.clientX - b.left - view.x) / view.s, y: (e.clientY - b.top - view.y) / view.s}; }
svg.addEventListener("mousedown", e => { if (!drag) pan = {x: e.clientX - view.x, y: e.clientY - view.y}; });
window.addEventListener("mousemove", e => {
  if (drag) { const p = toGraph(e); drag.x = p.x; drag.y = p.y; draw(); }
  else if (pan) { view.x = e.clientX - pan.x; view.y = e.clientY - pan.y; applyView(); }
});
window.addEventListener("mouseup", () => { drag = null; pan = null; });
svg.addEventListener("wheel", e => { e.preventDefault(); const f = e.deltaY < 0 ? 1.15 : 1 / 1.15;
  const b = svg.getBoundingClientRect(), mx = e.clientX - b.left, my = e.clientY - b.top;
  view.x = mx - (mx - view.x) * f; view.y = my - (my - view.y) * f; view.s *= f; applyView(); }, {passive: false});
function fit() {
  if (!DATA.nodes.length) return;
  const xs = DATA.nodes.map(n => n.x), ys = DATA.nodes.map(n => n.y);
  const x0 = Math.min(...xs) - 40, x1 = Math.max(...xs) + 160, y0 = Math.min(...ys) - 70, y1 = Math.max(...ys) + 40;
  view.s = Math.min(2, W / Math.max(1, x1 - x0), H / Math.max(1, y1 - y0));
  view.x = (W - (x1 - x0) * view.s) / 2 - x0 * view.s; view.y = (H - (y1 - y0) * view.s) / 2 - y0 * view.s + 20;
  applyView();
}
fit();
document.getElementById("legend").innerHTML = DATA.legend.map(([l, c]) =>
  "<span><i style='background:" + c + "'></i>" + esc(l) + "</span>").join("") +
  "<span><b></b>asserted</span><span><b style='border-top:2px dashed #e67e22'></b>alleged</span>" +
  "<span><b style='border-top:2px dashed #d62728'></b>denied</span>" +
  "<span>" + DATA.nodes.length + " nodes, " + rels.length + " relationships</span>";
draw();
</script></body></html>
"""
