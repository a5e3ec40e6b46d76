"""``kg export`` in every format, the JSON Lines round trip, and the push statements."""

from __future__ import annotations

import csv
import json
import uuid
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import cypher_literal, dump, import_jsonl_export
from kg.push import push, push_statements
from kg.schema import load_schema
from kg.store.falkor import FalkorStore


def _norm(records):
    return sorted(json.dumps(r, sort_keys=True) for r in records)


@pytest.fixture
def fresh_store(embedded_server):
    st = FalkorStore(graph=f"rt_{uuid.uuid4().hex[:12]}", server=embedded_server)
    try:
        yield st
    finally:
        st.drop()
        st.close()


def test_cypher_literals_are_escaped():
    assert cypher_literal("it's a \\ test\n") == "'it\\'s a \\\\ test\\n'"
    assert cypher_literal(["a", 1, 2.5, True, None]) == "['a', 1, 2.5, true, null]"
    assert cypher_literal({"latitude": 50.0, "longitude": 30.5}) == "point({latitude: 50.0, longitude: 30.5})"
    assert cypher_literal({"we`ird": "x"}) == "{`we``ird`: 'x'}"


def test_cypher_script_replays_into_a_fresh_graph(sample_store, fresh_store, tmp_path):
    out = tmp_path / "exports" / "graph.cypher"  # the folder is created
    assert CliRunner().invoke(main, ["export", "--format", "cypher", "-o", str(out)]).exit_code == 0
    statements = [ln for ln in out.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("//")]
    assert all(s.endswith(";") and "$" not in s.split("{id:")[0] for s in statements)
    for s in statements:
        fresh_store.write_query(s[:-1])
    assert fresh_store.stats() == sample_store.stats()
    assert _norm(dump(fresh_store)) == _norm(dump(sample_store))


def test_csv_layout_for_neo4j_admin(sample_store, tmp_path):
    folder = tmp_path / "csv"
    assert CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(folder)]).exit_code == 0
    with (folder / "nodes_Place.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:2] == ["id:ID", ":LABEL"] and "geonames_id:long" in header and "aliases:string[]" in header
    assert {r[1] for r in rows[1:]} == {"Entity;Place"} and len(rows) == 4
    with (folder / "rels_TRAINS.csv").open(encoding="utf-8") as fh:
        rel_rows = list(csv.reader(fh))
    assert rel_rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and len(rel_rows) == 3
    assert {p.name for p in folder.iterdir()} >= {"nodes_Article.csv", "nodes_Claim.csv", "rels_MENTIONS.csv"}


def test_graphml_parses(sample_store, tmp_path):
    out = tmp_path / "graph.graphml"
    assert CliRunner().invoke(main, ["export", "--format", "graphml", "-o", str(out)]).exit_code == 0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    stats = sample_store.stats()
    assert len(root.findall(".//g:node", ns)) == stats.node_total
    assert len(root.findall(".//g:edge", ns)) == stats.relationship_total


def test_jsonl_round_trip_keeps_counts_and_values(sample_store, fresh_store, tmp_path):
    out = tmp_path / "graph.jsonl"
    assert CliRunner().invoke(main, ["export", "--format", "jsonl", "-o", str(out)]).exit_code == 0
    import_jsonl_export(fresh_store, out)
    assert fresh_store.stats() == sample_store.stats()
    assert _norm(dump(fresh_store)) == _norm(dump(sample_store))
    import_jsonl_export(fresh_store, out)  # idempotent: MERGE on ids, lists unioned
    assert _norm(dump(fresh_store)) == _norm(dump(sample_store))


def test_push_statements_use_the_shared_merge_builders(sample_store):
    statements = push_statements(dump(sample_store), load_schema(), size=10)
    texts = " ".join(t for t, _ in statements)
    assert "MERGE (n:Person:Entity {id: row.id})" in texts
    assert "MERGE (a)-[r:TRAINS {id: row.id}]->(b)" in texts
    assert "point({latitude: row.props.lat, longitude: row.props.lon})" in texts
    ids = {row["id"] for _, params in statements for rows in params.values() for row in rows}
    assert len(ids) == sample_store.stats().node_total + sample_store.stats().relationship_total


def test_push_copies_into_another_store(sample_store, fresh_store):
    # Neo4j cannot run here; the same push code runs against a second embedded graph instead.
    sent = push(sample_store, fresh_store, size=7)
    assert sent["nodes"] == sample_store.stats().node_total and sent["batches"] > 1
    assert _norm(dump(fresh_store)) == _norm(dump(sample_store))
