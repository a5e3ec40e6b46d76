"""Places on a world map (``kg map``): an inline-SVG page, sized by mentions, relations as lines.

Why inline SVG: it needs no tile server, no CDN and no script to draw, so the page renders from a
file:// URL on a machine without network; a few lines of script only add pan and zoom.
Every entity with coordinates (Place, Country) is a circle whose area follows its mentions;
domain relations between two located entities are lines styled by status like ``kg viz``.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

from kg.store.base import Store
from kg.viz.basemap import HEIGHT, WIDTH, country_paths, project

STATUS_STYLE = {"denied": ("#d62728", "5,4"), "alleged": ("#e67e22", "5,4")}

PLACES = ("MATCH (p:Entity) WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
          "OPTIONAL MATCH (:Article)-[m:MENTIONS]->(p) "
          "RETURN p.id AS id, p.name AS name, [l IN labels(p) WHERE l <> 'Entity'][0] AS label, p.lat AS lat, "
          "p.lon AS lon, p.country_code AS country, toInteger(coalesce(sum(m.count), 0)) AS mentions")
LINKS = ("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.status IS NOT NULL AND a.lat IS NOT NULL AND b.lat IS NOT NULL "
         "RETURN a.id AS source, b.id AS target, a.name AS source_name, b.name AS target_name, type(r) AS type, "
         "r.status AS status, size(coalesce(r.evidence, [])) AS sentences")


def map_data(store: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return store.read(PLACES).records(), store.read(LINKS).records()


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
    for ln in links:
        if ln["source"] not in where or ln["target"] not in where:
            continue
        (x1, y1), (x2, y2) = where[ln["source"]], where[ln["target"]]
        colour, dash = STATUS_STYLE.get(ln["status"], ("#333", ""))
        width = 0.8 + min(3.0, math.log1p(ln["sentences"] or 0))
        tip = f'{ln["source_name"]} -[{ln["type"]}]-> {ln["target_name"]} ({ln["status"]}, {ln["sentences"]} sentence(s))'
        out.append(f'<line class="rel" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="{width:.1f}" stroke-dasharray="{dash}" opacity="0.8"><title>{esc(tip)}</title></line>')
    out.append("</g><g>")
    for p in sorted(places, key=lambda p: -(p["mentions"] or 0)):  # big circles below small ones
        x, y = where[p["id"]]
        radius = 2.0 + 2.0 * math.sqrt(p["mentions"] or 0)
        fill = "#edc948" if p["label"] == "Country" else "#4e79a7"
        tip = f'{p["name"]} ({p["label"]}, {p["country"] or "?"}): {p["mentions"]} mention(s)'
        out.append(f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" '
                   f'fill-opacity="0.75" stroke="#223" stroke-width="0.4"><title>{esc(tip)}</title></circle>')
        out.append(f'<text x="{x + radius + 1:.1f}" y="{y + 2:.1f}" font-size="6" fill="#223">{esc(p["name"])}</text>')
    out.append("</g></g></svg>")
    return "\n".join(out)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{margin:0;overflow:hidden;font:13px system-ui,sans-serif}} #map{{width:100vw;height:calc(100vh - 28px);display:block}}
header{{height:28px;line-height:28px;padding:0 10px;background:#fff;border-bottom:1px solid #ccc}}
header span{{margin-left:14px}}</style></head>
<body><header><b>{title}</b><span>{n_places} located entities, {n_links} relations</span>
<span>circle area = mentions; line: solid asserted, <span style="color:#e67e22">dashed orange alleged</span>,
<span style="color:#d62728">dashed red denied</span>; wheel to zoom, drag to pan</span></header>
{svg}
<script>
const svg = document.getElementById("map"); let vb = [0, 0, {w}, {h}], drag = null;
function set() {{ svg.setAttribute("viewBox", vb.join(" ")); }}
svg.addEventListener("wheel", e => {{ e.preventDefault(); const f = e.deltaY < 0 ? 0.8 : 1.25, r = svg.getBoundingClientRect();
  const mx = vb[0] + (e.clientX - r.left) / r.width * vb[2], my = vb[1] + (e.clientY - r.top) / r.height * vb[3];
  vb = [mx - (mx - vb[0]) * f, my - (my - vb[1]) * f, vb[2] * f, vb[3] * f]; set(); }}, {{passive: false}});
svg.addEventListener("mousedown", e => {{ drag = [e.clientX, e.clientY]; }});
window.addEventListener("mouseup", () => {{ drag = null; }});
window.addEventListener("mousemove", e => {{ if (!drag) return; const r = svg.getBoundingClientRect();
  vb[0] -= (e.clientX - drag[0]) / r.width * vb[2]; vb[1] -= (e.clientY - drag[1]) / r.height * vb[3];
  drag = [e.clientX, e.clientY]; set(); }});
</script></body></html>
"""


def render_map_html(places: list[dict[str, Any]], links: list[dict[str, Any]], title: str = "kg map") -> str:
    return PAGE.format(title=html.escape(title), svg=render_map_svg(places, links), n_places=len(places),
                       n_links=len(links), w=f"{WIDTH:.0f}", h=f"{HEIGHT:.0f}")


def write_map(store: Store, path: Path, title: str = "kg map") -> Path:
    places, links = map_data(store)
    path.parent.mkdir(parents=True, exist_ok=True)  # "-o out/graph.html" in a fresh checkout
    path.write_text(render_map_html(places, links, title), encoding="utf-8")
    return path
