"""Places on a world map (``kg map``): an inline-SVG page, sized by mentions, relations as lines.

Why inline SVG: it needs no tile server, no CDN and no script to draw, so the page renders from a
file:// URL on a machine without network; a short script adds pan, zoom and label placement.
Every entity with coordinates (Place, Country) is a circle whose area follows its mentions;
relations with a status between two located entities are lines styled by status like ``kg viz``,
denied drawn over alleged over asserted, so a denial is never hidden under the claim it denies.

What is drawn can be narrowed (``MapFilter``): to the articles of a time span or publisher
(``kg.scope``) and that mention an entity — places are then sized by their mentions in those
articles and only relations stated in them are drawn — or to what a saved query returns.
At hundreds of places, circles and labels keep a fixed screen size while the map zooms, and the
page shows only the labels that fit (most mentioned first); zooming in reveals the rest.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.schema import own_label
from kg.scope import Scope
from kg.store.base import Store
from kg.viz.basemap import HEIGHT, WIDTH, country_paths, project

STATUS_STYLE = {"denied": ("#d62728", "5,4"), "alleged": ("#e67e22", "5,4")}
STATUS_ORDER = {"denied": 3, "alleged": 2}  # drawn last = on top; asserted/confirmed/others first
MAX_PLACES = 3000
MAX_LINKS = 2000

_PLACE_FIELDS = ("p.id AS id, p.name AS name, [l IN labels(p) WHERE l <> 'Entity'][0] AS label, p.lat AS lat, "
                 "p.lon AS lon, p.country_code AS country")
PLACES = ("MATCH (p:Entity) WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
          "OPTIONAL MATCH (:Article)-[m:MENTIONS]->(p) "
          f"RETURN {_PLACE_FIELDS}, toInteger(coalesce(sum(m.count), 0)) AS mentions")
_LINK_FIELDS = ("a.id AS source, b.id AS target, a.name AS source_name, b.name AS target_name, type(r) AS type, "
                "r.status AS status, r.mode AS mode, size(coalesce(r.evidence, [])) AS sentences")
LINKS = ("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.status IS NOT NULL AND a.lat IS NOT NULL AND b.lat IS NOT NULL "
         f"RETURN {_LINK_FIELDS}")


@dataclass
class MapFilter:
    scope: Scope = field(default_factory=Scope)
    entity: str | None = None  # only articles that mention it
    query: str | None = None  # a saved query's text: draw the located nodes and relations it returns
    params: dict[str, Any] | None = None

    def __bool__(self) -> bool:
        return bool(self.scope.active or self.entity or self.query)


def _articles(store: Store, filt: MapFilter) -> tuple[str, dict[str, Any], list[str]]:
    """A MATCH of the in-scope articles ``art`` and its parameters."""
    where, params = filt.scope.where("art")
    notes = [f"articles {filt.scope.describe()}"] if filt.scope.active else []
    match = f"MATCH (art:Article) WHERE {where} "
    if filt.entity:
        from kg.profile import find_entity

        node = find_entity(store, filt.entity)
        match = f"MATCH (art:Article)-[:MENTIONS]->(:Entity {{id: $entity}}) WHERE {where} "
        params = {**params, "entity": node["id"]}
        notes.insert(0, f"articles that mention {node.get('name')}")
    return match, params, notes


def map_data(store: Store, filt: MapFilter | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Located entities, relations between them, and notes on what was filtered or capped."""
    filt = filt or MapFilter()
    if filt.query:
        places, links, notes = _from_query(store, filt.query, filt.params or {})
    elif not filt:
        places, links, notes = store.read(PLACES).records(), store.read(LINKS).records(), []
    else:
        match, params, notes = _articles(store, filt)
        places = store.read(f"{match}MATCH (art)-[m:MENTIONS]->(p:Entity) WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
                            f"RETURN {_PLACE_FIELDS}, toInteger(sum(m.count)) AS mentions", params).records()
        links = store.read(f"{match}WITH collect(art.id) AS scope "
                           "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.status IS NOT NULL AND a.lat IS NOT NULL "
                           "AND b.lat IS NOT NULL AND any(x IN coalesce(r.articles, []) WHERE x IN scope) "
                           f"RETURN {_LINK_FIELDS}", params).records()
        if not places:
            raise QueryError(f"no located entities in {' and '.join(notes)}")
    if len(places) > MAX_PLACES:
        notes.append(f"the {MAX_PLACES} most mentioned of {len(places)} places")
        places = sorted(places, key=lambda p: -(p["mentions"] or 0))[:MAX_PLACES]
    if len(links) > MAX_LINKS:
        notes.append(f"the {MAX_LINKS} most evidenced of {len(links)} relations")
        links = sorted(links, key=lambda ln: -(ln["sentences"] or 0))[:MAX_LINKS]
    return places, links, notes


def _from_query(store: Store, text: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    from kg.viz.graph import graph_from_result

    data = graph_from_result(store, store.read(text, params), text)
    places = []
    for nid, n in data.nodes.items():
        if n.get("lat") is not None and n.get("lon") is not None:
            places.append({"id": nid, "name": n.get("name") or nid, "label": own_label(n.get("_labels", [])),
                           "lat": n["lat"], "lon": n["lon"], "country": n.get("country_code"),
                           "mentions": int(n.get("article_count") or 0)})
    names = {nid: n.get("name") or nid for nid, n in data.nodes.items()}
    located = {p["id"] for p in places}
    links = [{"source": r["_start"], "target": r["_end"], "source_name": names.get(r["_start"]),
              "target_name": names.get(r["_end"]), "type": r["_type"], "status": r.get("status"),
              "mode": r.get("mode"),
              "sentences": len(r.get("evidence") or [])}
             for r in data.rels.values() if r.get("status") and r["_start"] in located and r["_end"] in located]
    notes = list(data.notes)
    if not places:
        raise QueryError("the query returned no entities with coordinates to put on a map")
    unlocated = len(data.nodes) - len(places)
    if unlocated:
        notes.append(f"{unlocated} of the query's entities have no coordinates and are not drawn")
    return places, links, notes


def render_map_svg(places: list[dict[str, Any]], links: list[dict[str, Any]], step: float = 0.5) -> str:
    esc = html.escape
    out = [f'<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}">',
           f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="#dceefb"/>', '<g id="vp">',
           '<g fill="#f3f1ea" stroke="#b9b4a6" stroke-width="0.3">']
    for iso, name, d in country_paths(step):
        out.append(f'<path d="{d}"><title>{esc(name)} ({esc(iso)})</title></path>')
    out.append("</g>")
    where = {p["id"]: project(p["lat"], p["lon"]) for p in places}
    out.append('<g fill="none">')
    pair_count: dict[tuple[str, str], int] = {}
    for ln in sorted(links, key=lambda ln: (STATUS_ORDER.get(ln["status"], 0), -(ln["sentences"] or 0))):
        if ln["source"] not in where or ln["target"] not in where:
            continue
        (x1, y1), (x2, y2) = where[ln["source"]], where[ln["target"]]
        pair = (min(ln["source"], ln["target"]), max(ln["source"], ln["target"]))
        nth = pair_count[pair] = pair_count.get(pair, -1) + 1
        if nth:  # a second relation between one pair runs beside the first, not under it
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            nx, ny = -(y2 - y1) / length, (x2 - x1) / length
            off = 1.2 * ((nth + 1) // 2) * (1 if nth % 2 else -1)
            x1, y1, x2, y2 = x1 + nx * off, y1 + ny * off, x2 + nx * off, y2 + ny * off
        colour, dash = STATUS_STYLE.get(ln["status"], ("#333", "1.5,2" if ln.get("mode") else ""))
        width = 0.8 + min(3.0, math.log1p(ln["sentences"] or 0))
        mode = f' [{ln["mode"]}]' if ln.get("mode") else ""  # threatened, planned ...: not (yet) happened
        tip = (f'{ln["source_name"]} -[{ln["type"]}{mode}]-> {ln["target_name"]} '
               f'({ln["status"]}, {ln["sentences"]} sentence(s))')
        out.append(f'<line class="rel" data-status="{esc(ln["status"] or "")}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="{width:.1f}" stroke-dasharray="{dash}" opacity="0.8"><title>{esc(tip)}</title></line>')
    out.append("</g><g>")
    top = max([p["mentions"] or 0 for p in places] + [1])
    labels = []
    for p in sorted(places, key=lambda p: -(p["mentions"] or 0)):  # big circles below small ones
        x, y = where[p["id"]]
        # px at any zoom (the script keeps it); a corpus where everything is named once keeps small dots
        radius = 3.0 + 8.0 * math.sqrt((p["mentions"] or 0) / max(top, 10))
        fill = "#edc948" if p["label"] == "Country" else "#4e79a7"
        tip = f'{p["name"]} ({p["label"]}, {p["country"] or "?"}): {p["mentions"]} mention(s)'
        out.append(f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" data-r="{radius:.1f}" '
                   f'fill="{fill}" fill-opacity="0.7" stroke="#223" stroke-width="0.4">'
                   f'<title>{esc(tip)}</title></circle>')
        labels.append(f'<text class="pl" x="{x + radius + 1:.1f}" y="{y + 2:.1f}" data-x="{x:.1f}" data-y="{y:.1f}" '
                      f'data-r="{radius:.1f}" font-size="6" fill="#223">{esc(p["name"])}</text>')
    out.append('</g></g><g id="pl">')  # labels outside the zoomed group: placed in screen units
    out += labels
    out.append("</g></svg>")
    return "\n".join(out)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>html,body{{margin:0;height:100%;overflow:hidden}} body{{font:13px system-ui,sans-serif;display:flex;flex-direction:column}}
#map{{flex:1;width:100%;min-height:200px;display:block}}
header{{flex:none;padding:5px 10px;background:#fff;border-bottom:1px solid #ccc;line-height:18px}}
header span{{margin-right:14px}} #notes{{color:#8a4b00;font-weight:600}} #notes:empty{{display:none}}
text.pl{{pointer-events:none;paint-order:stroke;stroke:#fff;stroke-width:0.25em;stroke-opacity:0.85}}
line.rel{{vector-effect:non-scaling-stroke}}</style></head>
<body><header><span><b>{title}</b></span><span>{n_places} located entities, {n_links} relations</span>
<span>circle area = mentions; line: solid asserted, <span style="color:#e67e22">dashed orange alleged</span>,
<span style="color:#d62728">dashed red denied</span> (drawn on top); wheel to zoom, drag to pan;
labels that do not fit appear as you zoom</span><div id="notes">{notes}</div></header>
{svg}
<script>
const svg = document.getElementById("map"); let vb = [{view}], drag = null;
const circles = Array.from(svg.querySelectorAll("circle.place")), labels = Array.from(svg.querySelectorAll("text.pl"));
const FONT = 11, GAP = 2;  // label size and spacing in screen px
function frame() {{  // viewBox units per px and where the viewBox starts on screen (preserveAspectRatio meet)
  const r = svg.getBoundingClientRect(), k = Math.max(vb[2] / r.width, vb[3] / r.height);
  return {{k, ox: (r.width - vb[2] / k) / 2, oy: (r.height - vb[3] / k) / 2, w: r.width, h: r.height}};
}}
let widths = null;
function place() {{
  const f = frame();
  circles.forEach(c => c.setAttribute("r", c.dataset.r * f.k));
  labels.forEach(t => t.setAttribute("font-size", FONT * f.k));
  if (!widths) widths = labels.map(t => t.getComputedTextLength() / f.k);
  const taken = [];
  labels.forEach((t, i) => {{
    const px = (t.dataset.x - vb[0]) / f.k + f.ox, py = (t.dataset.y - vb[1]) / f.k + f.oy, r = +t.dataset.r;
    const w = widths[i], h = FONT + 2;
    let shown = false;
    for (const x0 of [px + r + GAP, px - r - GAP - w]) {{
      const b = [x0, py - h / 2, x0 + w, py + h / 2];
      if (b[0] < 2 || b[1] < 2 || b[2] > f.w - 2 || b[3] > f.h - 2) continue;
      if (taken.some(o => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])) continue;
      taken.push(b); shown = true;
      t.setAttribute("x", vb[0] + (x0 - f.ox) * f.k); t.setAttribute("y", vb[1] + (py + FONT * 0.35 - f.oy) * f.k);
      break;
    }}
    t.style.visibility = shown ? "visible" : "hidden";
  }});
}}
function set() {{ svg.setAttribute("viewBox", vb.join(" ")); place(); }}
svg.addEventListener("wheel", e => {{ e.preventDefault(); const f = e.deltaY < 0 ? 0.8 : 1.25, r = svg.getBoundingClientRect();
  const mx = vb[0] + (e.clientX - r.left) / r.width * vb[2], my = vb[1] + (e.clientY - r.top) / r.height * vb[3];
  vb = [mx - (mx - vb[0]) * f, my - (my - vb[1]) * f, vb[2] * f, vb[3] * f]; set(); }}, {{passive: false}});
svg.addEventListener("mousedown", e => {{ drag = [e.clientX, e.clientY]; }});
window.addEventListener("mouseup", () => {{ drag = null; }});
window.addEventListener("mousemove", e => {{ if (!drag) return; const r = svg.getBoundingClientRect();
  vb[0] -= (e.clientX - drag[0]) / r.width * vb[2]; vb[1] -= (e.clientY - drag[1]) / r.height * vb[3];
  drag = [e.clientX, e.clientY]; set(); }});
window.addEventListener("resize", place);
set();
</script></body></html>
"""


def render_map_html(places: list[dict[str, Any]], links: list[dict[str, Any]], title: str = "kg map",
                    notes: list[str] | None = None) -> str:
    return PAGE.format(title=html.escape(title), svg=render_map_svg(places, links), n_places=len(places),
                       n_links=len(links), view=", ".join(f"{v:.1f}" for v in initial_view(places)),
                       notes=html.escape("; ".join(notes or [])))


def initial_view(places: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """The viewBox the page opens on: the places with a margin, never closer than a region's
    width, in the world's 2:1 shape (the whole world when the places span most of it)."""
    if not places:
        return 0.0, 0.0, WIDTH, HEIGHT
    xy = [project(p["lat"], p["lon"]) for p in places]
    x0, x1 = min(x for x, _ in xy), max(x for x, _ in xy)
    y0, y1 = min(y for _, y in xy), max(y for _, y in xy)
    w = max(80.0, (x1 - x0) * 1.3, (y1 - y0) * 1.3 * WIDTH / HEIGHT)
    w = min(w, WIDTH)
    h = w * HEIGHT / WIDTH
    cx = min(max((x0 + x1) / 2, w / 2), WIDTH - w / 2)
    cy = min(max((y0 + y1) / 2, h / 2), HEIGHT - h / 2)
    return cx - w / 2, cy - h / 2, w, h


def write_map(store: Store, path: Path, filt: MapFilter | None = None, title: str = "kg map") -> list[str]:
    """Write the page; returns the notes it shows (what was filtered or capped)."""
    places, links, notes = map_data(store, filt)
    path.parent.mkdir(parents=True, exist_ok=True)  # "-o out/graph.html" in a fresh checkout
    path.write_text(render_map_html(places, links, title, notes), encoding="utf-8")
    return notes
