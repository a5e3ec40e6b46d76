"""``kg push --to neo4j`` and ``kg export --format cypher`` replayed, both into a live Bolt server
(tests/bolt_server.py): the Neo4j graph must hold the embedded graph's nodes, relationships and ids."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import dump
from kg.store.falkor import FalkorStore
from kg.store.neo4j import Neo4jStore


def _graph(store: Any) -> list[str]:
    """Every record as JSON; a point is compared with the lat/lon it was built from (FalkorDB keeps
    32-bit coordinates, Neo4j 64-bit), then left out."""
    out = []
    for rec in dump(store):
        props = rec["properties"]
        if "location" in props:
            point = props.pop("location")
            assert (point["latitude"], point["longitude"]) == (pytest.approx(props["lat"], abs=1e-4),
                                                               pytest.approx(props["lon"], abs=1e-4))
        out.append(json.dumps(rec, sort_keys=True))
    return sorted(out)


def test_push_copies_the_embedded_graph_into_neo4j(sample_store: FalkorStore, neo4j_store: Neo4jStore) -> None:
    res = CliRunner().invoke(main, ["push", "--to", "neo4j", "--batch-size", "7"])
    assert res.exit_code == 0, res.output
    stats = sample_store.stats()
    assert f"pushed {stats.node_total} nodes and {stats.relationship_total} relationships" in res.output
    assert "rows/s" in res.output
    assert neo4j_store.stats() == stats
    ids = sorted(r[0] for r in neo4j_store.read("MATCH (n) RETURN n.id").rows)
    assert ids == sorted(r[0] for r in sample_store.read("MATCH (n) RETURN n.id").rows)
    assert _graph(neo4j_store) == _graph(sample_store)
    again = CliRunner().invoke(main, ["push", "--to", "neo4j"])  # MERGE on ids: a second push changes nothing
    assert again.exit_code == 0 and _graph(neo4j_store) == _graph(sample_store)


def test_cypher_export_replays_into_neo4j(sample_store: FalkorStore, neo4j_store: Neo4jStore, tmp_path) -> None:
    out = tmp_path / "graph.cypher"
    res = CliRunner().invoke(main, ["export", "--format", "cypher", "-o", str(out)])
    assert res.exit_code == 0, res.output
    statements = [ln[:-1] for ln in out.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("//")]
    assert statements
    for statement in statements:  # what cypher-shell would send, one statement at a time
        neo4j_store.write_query(statement)
    assert neo4j_store.stats() == sample_store.stats()
    assert _graph(neo4j_store) == _graph(sample_store)
