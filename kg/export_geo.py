"""``kg export --format geojson``: located entities and the relations between them as GeoJSON.

Why GeoJSON: it is what QGIS, kepler.gl, geojson.io and most GIS tools open directly. One
FeatureCollection (RFC 7946: WGS 84, ``[longitude, latitude]``) holds a Point per entity with
coordinates (places and countries: name, type, country, GeoNames id, mentions) and a LineString
per relation with a status whose two ends are located (type, status, sentences, first and last
seen, the source and target names and ids), so one layer styles points and another lines by
``status``. The same reads as ``kg map`` (``kg.viz.map``), so the file and the map agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
         "r.first_seen AS first_seen, r.last_seen AS last_seen, r.cross_border AS cross_border ORDER BY id")


def features(store: Store) -> dict[str, Any]:
    """The FeatureCollection as a dict."""
    out: list[dict[str, Any]] = []
    for p in store.read(PLACES).records():
        props = {k: v for k, v in p.items() if k not in ("lat", "lon")}
        out.append({"type": "Feature", "id": p["id"], "geometry": {"type": "Point",
                    "coordinates": [float(p["lon"]), float(p["lat"])]}, "properties": {"kind": "entity", **props}})
    for ln in store.read(LINKS).records():
        coords = [[float(ln["source_lon"]), float(ln["source_lat"])], [float(ln["target_lon"]), float(ln["target_lat"])]]
        props = {k: v for k, v in ln.items() if not k.endswith(("_lat", "_lon"))}
        out.append({"type": "Feature", "id": ln["id"], "geometry": {"type": "LineString", "coordinates": coords},
                    "properties": {"kind": "relation", **props}})
    return {"type": "FeatureCollection", "features": out}


def write_geojson(store: Store, path: Path) -> Path:
    path.write_text(json.dumps(features(store), ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path
