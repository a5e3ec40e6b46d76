"""Build docker/neodash/dashboard.json from the saved queries (``queries/*.cypher``, Neo4j texts).

Why generated: the dashboard must show exactly the saved queries analysts run with ``kg query
--saved``; a test (tests/analyst/test_docker.py) fails if the committed JSON drifts from them.
NeoDash names its parameters ``$neodash_*``, so each query's ``$param`` is renamed, a free-text
selector is added per parameter and the header examples become the dashboard's defaults.

Run: ``python docker/neodash/build_dashboard.py`` (from the repo root, with kg installed).
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from pathlib import Path

from kg.queries import SavedQuery, list_saved

OUT = Path(__file__).resolve().parent / "dashboard.json"
GRAPH = {"recruitment-training-support-network", "co-mention-network", "shortest-connection"}
PAGES = [
    ("Claims", ["claims-by-speaker", "allegations-about", "contradictions", "denials", "top-speakers"]),
    ("Entities", ["articles-mentioning", "entity-timeline", "relation-evidence", "co-mention-network",
                  "shortest-connection"]),
    ("Networks", ["recruitment-training-support-network", "foreign-involvement", "most-mentioned-per-country"]),
    ("Places", ["near-place"]),
]
MAP_QUERY = ("MATCH (p:Place) WHERE p.location IS NOT NULL\n"
             "RETURN p ORDER BY coalesce(p.article_count, 0) DESC LIMIT 500")


def _id(*parts: str) -> str:
    """Stable report ids, so rebuilding gives the same file."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "kg-dashboard/" + "/".join(parts)))


def neodash_text(query: SavedQuery) -> str:
    body = "\n".join(ln for ln in query.text_for("neo4j").splitlines() if not ln.startswith("//")).strip()
    for name, _example, _meaning in query.params:
        body = re.sub(rf"\${name}\b", f"$neodash_{name}", body)
    return body


def _report(page: str, title: str, query: str, kind: str, x: int, y: int, width: int = 12, height: int = 4,
            settings: dict | None = None) -> dict:
    return {"id": _id(page, title), "title": title, "query": query, "width": width, "height": height, "x": x,
            "y": y, "type": kind, "selection": {}, "settings": settings or {}}


def build() -> dict:
    saved = {q.name: q for q in list_saved()}
    defaults: dict[str, object] = {}
    pages = []
    for page_title, names in PAGES:
        reports, y = [], 0
        params = sorted({p for n in names for p, _, _ in saved[n].params})
        for i, p in enumerate(params):
            reports.append(_report(page_title, f"Set {p}", "RETURN true", "select", x=(i % 4) * 6, y=0, width=6,
                                   height=2, settings={"type": "Free Text", "entityType": p,
                                                       "parameterName": f"neodash_{p}"}))
        y = 2 if params else 0
        for n in names:
            q = saved[n]
            for p, _example, _ in q.params:
                defaults[f"neodash_{p}"] = q.example_params()[p]
            kind = "graph" if n in GRAPH else "table"
            reports.append(_report(page_title, f"{n}: {q.description}", neodash_text(q), kind, x=0, y=y,
                                   height=5 if kind == "graph" else 4))
            y += 5
        if page_title == "Places":
            reports.append(_report(page_title, "Places by mentions", MAP_QUERY, "map", x=0, y=y, height=6))
        pages.append({"title": page_title, "reports": reports})
    return {"title": "kg: sourced news knowledge graph", "version": "2.4",
            "settings": {"pagenumber": 0, "editable": True, "fullscreenEnabled": True, "parameters": defaults},
            "pages": pages, "parameters": {}, "extensions": {}}


def main() -> int:
    OUT.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
