"""Query results -> an interactive, self-contained HTML graph (``kg viz``).

Why our own page and not neo4j-viz: neo4j-viz does inline its JavaScript bundle (so it works
offline), but it pulls IPython/anywidget/pydantic, writes ~4 MB per page and cannot draw a
relationship dashed by its status. An analyst must see at a glance which relations are only
alleged or denied, and read the sentence and source behind each edge; a ~150-line inline script
does that with no CDN and no network.

Relationship dicts from the store carry no endpoints, so they are resolved by their ``id``
property (every kg relationship has one) in one extra read.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.schema import load_schema, own_label
from kg.store.base import QueryResult, Store
from kg.viz.template import GRAPH_PAGE

COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Group": "#b07aa1", "Event": "#59a14f",
           "Place": "#76b7b2", "Country": "#edc948", "Article": "#bab0ac", "Claim": "#ff9da7", "Source": "#9c755f"}
MAX_EVIDENCE = 3
MAX_NODES = 300  # a force layout of more is a hairball; the page says what it left out
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\b", re.I)


@dataclass
class GraphData:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> node dict
    rels: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> relationship dict
    notes: list[str] = field(default_factory=list)  # what was capped or left out, shown on the page

    def collect(self, value: Any) -> None:
        """Walk a result value (node, relationship, path dict, list, map) and keep graph elements."""
        if isinstance(value, list):
            for v in value:
                self.collect(v)
        elif isinstance(value, dict):
            if "_labels" in value and value.get("id") is not None:
                self.nodes[str(value["id"])] = value
            elif "_type" in value and value.get("id") is not None:
                self.rels[str(value["id"])] = value
            else:
                for v in value.values():
                    self.collect(v)


def graph_from_result(store: Store, result: QueryResult, text: str = "") -> GraphData:
    """The graph elements of a query result; a result as long as one of the query's LIMITs was
    probably cut short, and the page says so."""
    data = GraphData()
    for row in result.rows:
        data.collect(row)
    if not result.rows:
        raise QueryError("the query returned nothing to draw (no rows); check its parameters (--param)")
    if not data.nodes and not data.rels:
        raise QueryError("the query returned no nodes or relationships to draw; return them, e.g. "
                         "RETURN a, r, b (saved: recruitment-training-support-network, co-mention-network, "
                         "shortest-connection)")
    limits = {int(n) for n in _LIMIT.findall(text)}
    if result.rows and len(result.rows) in limits:
        data.notes.append(f"the query stopped at its LIMIT {len(result.rows)}: there may be more")
    resolve_endpoints(store, data)
    return data


def resolve_endpoints(store: Store, data: GraphData) -> None:
    """Ends of relationships the result did not return with both their nodes (one typed scan per
    relationship type; most results name their ends already, see the stores' ``to_plain``)."""
    missing: dict[str, list[str]] = {}
    for rid, r in data.rels.items():
        if "_start" not in r:
            missing.setdefault(r["_type"], []).append(rid)
    schema = load_schema()
    for rtype, ids in missing.items():
        res = store.read(f"MATCH (a)-[r:{schema.rel_type(rtype)}]->(b) WHERE r.id IN $ids RETURN r.id, a, b",
                         {"ids": ids})
        for rid, a, b in res.rows:
            rel = data.rels[rid]
            rel["_start"], rel["_end"] = str(a["id"]), str(b["id"])
            data.nodes.setdefault(str(a["id"]), a)
            data.nodes.setdefault(str(b["id"]), b)
    data.rels = {rid: r for rid, r in data.rels.items() if "_start" in r}


def _split_evidence(ev: str) -> tuple[str, int, int] | None:
    """``article_id:start:end`` where the article id may itself contain colons."""
    parts = ev.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return parts[0], int(parts[1]), int(parts[2])


def evidence_sentences(store: Store, data: GraphData) -> dict[str, list[dict[str, Any]]]:
    """Up to MAX_EVIDENCE sentences per relationship, each with its article's title and source."""
    wanted = []
    for rid, rel in data.rels.items():
        for ev in (rel.get("evidence") or [])[:MAX_EVIDENCE]:
            parsed = _split_evidence(str(ev))
            if parsed:
                wanted.append({"rel": rid, "article": parsed[0], "start": parsed[1], "end": parsed[2]})
    out: dict[str, list[dict[str, Any]]] = {}
    if not wanted:
        return out
    res = store.read("UNWIND $ev AS ev MATCH (a:Article {id: ev.article}) RETURN ev.rel, "
                     "substring(a.text, ev.start, ev.end - ev.start), a.title, a.source, a.published",
                     {"ev": wanted})
    for rid, sentence, title, source, published in res.rows:
        out.setdefault(rid, []).append({"sentence": sentence, "title": title, "source": source,
                                        "published": published})
    return out


def _node_label(node: dict[str, Any]) -> str:
    return own_label(node.get("_labels", []))


def _cap_nodes(data: GraphData, limit: int) -> None:
    """Keep the ``limit`` best connected nodes (and relationships between kept nodes)."""
    degree = dict.fromkeys(data.nodes, 0)
    for r in data.rels.values():
        for end in (r["_start"], r["_end"]):
            if end in degree:
                degree[end] += 1
    keep = set(sorted(degree, key=lambda n: -degree[n])[:limit])
    data.notes.append(f"drawing the {limit} best connected of {len(data.nodes)} nodes")
    data.nodes = {k: v for k, v in data.nodes.items() if k in keep}


def page_data(store: Store, data: GraphData) -> dict[str, Any]:
    if len(data.nodes) > MAX_NODES:
        _cap_nodes(data, MAX_NODES)
    evidence = evidence_sentences(store, data)
    nodes = []
    for nid, n in data.nodes.items():
        label = _node_label(n)
        caption = str(n.get("name") or n.get("title") or n.get("cue") or nid)
        info = {k: v for k, v in n.items() if k not in ("_labels", "text", "norm", "keys") and v not in (None, [], "")}
        short = caption if len(caption) <= 32 else caption[:31] + "\u2026"
        nodes.append({"id": nid, "label": label, "caption": caption[:120], "short": short,
                      "colour": COLOURS.get(label, "#999"), "info": info})
    rels = []
    for rid, r in data.rels.items():
        if r["_start"] not in data.nodes or r["_end"] not in data.nodes:
            continue
        info = {k: v for k, v in r.items() if k not in ("_type", "_start", "_end", "evidence")
                and v not in (None, [], "")}
        rels.append({"id": rid, "source": r["_start"], "target": r["_end"], "type": r["_type"],
                     "status": r.get("status") or "", "mode": r.get("mode") or "", "info": info,
                     "evidence": evidence.get(rid, [])})
    legend = sorted({(n["label"], n["colour"]) for n in nodes})
    return {"nodes": nodes, "rels": rels, "legend": legend, "notes": data.notes}


def render_graph_html(store: Store, data: GraphData, title: str = "kg graph") -> str:
    """One HTML file: data as inline JSON, script and style inline; nothing is fetched."""
    payload = json.dumps(page_data(store, data), ensure_ascii=False, default=str)
    payload = payload.replace("</", "<\\/")  # a sentence containing "</script>" must not end the script
    return GRAPH_PAGE.replace("__TITLE__", html.escape(title)).replace("__DATA__", payload)


def write_graph(store: Store, data: GraphData, path: Path, title: str = "kg graph") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)  # "-o out/graph.html" in a fresh checkout
    path.write_text(render_graph_html(store, data, title), encoding="utf-8")
    return path
