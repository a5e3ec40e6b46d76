"""``kg export --format geojson``: located entities and the relations between them as GeoJSON.

Why GeoJSON: it is what QGIS, kepler.gl, geojson.io and most GIS tools open directly. One
FeatureCollection (RFC 7946: WGS 84, ``[longitude, latitude]``) holds a Point per entity with
coordinates (places and countries: name, type, country, GeoNames id, mentions) and a LineString
per relation with a status whose two ends are located (type, status, sentences, first and last
seen, the source and target names and ids), so one layer styles points and another lines by
``status``. The same reads as ``kg map`` (``kg.viz.map``), so the file and the map agree.
A Scope (``--since/--until/--source``) keeps the places its articles mention and the relations
with evidence from them, with mentions and sentences counted in those articles only: the same rule
as the other export formats (kg/scope.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.scope import Scope, evidence_in
from kg.store.base import Store

PLACES = ("MATCH (p:Entity) WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
          "OPTIONAL MATCH (:Article)-[m:MENTIONS]->(p) "
          "RETURN p.id AS id, p.name AS name, [l IN labels(p) WHERE l <> 'Entity'][0] AS label, p.lat AS lat, "
          "p.lon AS lon, p.country_code AS country, p.geonames_id AS geonames_id, p.feature_code AS feature_code, "
          "toInteger(coalesce(sum(m.count), 0)) AS mentions, coalesce(p.article_count, 0) AS articles "
          "ORDER BY id")
LINKS = ("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.status IS NOT NULL AND a.lat IS NOT NULL AND b.lat IS NOT NULL "
         "RETURN r.id AS id, type(r) AS type, r.status AS status, a.id AS source, a.name AS source_name, "
         "b.id AS target, b.name AS target_name, a.lat AS source_lat, a.lon AS source_lon, b.lat AS target_lat, "
         "b.lon AS target_lon, size(coalesce(r.evidence, [])) AS sentences, coalesce(r.count, 0) AS count, "
         "r.first_seen AS first_seen, r.last_seen AS last_seen, r.cross_border AS cross_border, "
         "r.articles AS articles, r.evidence AS evidence ORDER BY id")
SCOPED_MENTIONS = ("UNWIND $ids AS aid MATCH (:Article {id: aid})-[m:MENTIONS]->(p:Entity) WHERE p.lat IS NOT NULL "
                   "RETURN p.id, toInteger(sum(coalesce(m.count, 1))), count(m)")


def _in_scope(link: dict[str, Any], articles: frozenset[str]) -> bool:
    """Keep a relation with evidence from a kept article (trimming its counts to them), or structure."""
    if link["articles"] is None:
        return True
    evidence = evidence_in(link["evidence"] or [], articles)
    if not any(a in articles for a in link["articles"]):
        return False
    link["sentences"] = link["count"] = len(evidence)
    return True


def features(store: Store, scope: Scope | None = None) -> dict[str, Any]:
    """The FeatureCollection as a dict, restricted to ``scope`` when one is active."""
    out: list[dict[str, Any]] = []
    kept = scope.selection(store) if scope is not None else None
    counts: dict[str, tuple[int, int]] = {}
    if kept is not None:
        counts = {r[0]: (r[1], r[2]) for r in store.read(SCOPED_MENTIONS, {"ids": sorted(kept.articles)}).rows}
    for p in store.read(PLACES).records():
        if kept is not None:
            if p["id"] not in kept.entities:
                continue
            p["mentions"], p["articles"] = counts.get(p["id"], (0, 0))
        props = {k: v for k, v in p.items() if k not in ("lat", "lon")}
        out.append({"type": "Feature", "id": p["id"], "geometry": {"type": "Point",
                    "coordinates": [float(p["lon"]), float(p["lat"])]}, "properties": {"kind": "entity", **props}})
    for ln in store.read(LINKS).records():
        if kept is not None and (ln["source"] not in kept.entities or ln["target"] not in kept.entities
                                 or not _in_scope(ln, kept.articles)):
            continue
        ln.pop("articles"), ln.pop("evidence")
        coords = [[float(ln["source_lon"]), float(ln["source_lat"])], [float(ln["target_lon"]), float(ln["target_lat"])]]
        props = {k: v for k, v in ln.items() if not k.endswith(("_lat", "_lon"))}
        out.append({"type": "Feature", "id": ln["id"], "geometry": {"type": "LineString", "coordinates": coords},
                    "properties": {"kind": "relation", **props}})
    return {"type": "FeatureCollection", "features": out}


def write_geojson(store: Store, path: Path, scope: Scope | None = None) -> Path:
    path.write_text(json.dumps(features(store, scope), ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path
