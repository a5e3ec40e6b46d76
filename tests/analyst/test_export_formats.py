"""Exports analysts' tools read (GeoJSON for QGIS/kepler.gl, GraphML labels for Gephi), and
existing outputs refused with a clear message instead of a traceback."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kg.cli import main

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def _export(*args: str) -> object:
    return CliRunner().invoke(main, ["export", *args])


def test_geojson_places_and_located_relations(sample_store, tmp_path):
    out = tmp_path / "graph.geojson"
    res = _export("--format", "geojson", "-o", str(out))
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    points = {f["properties"]["name"]: f for f in doc["features"] if f["geometry"]["type"] == "Point"}
    assert set(points) == {"Kyiv", "Bucha", "Moscow", "Ukraine", "Russia", "Sweden"}
    kyiv = points["Kyiv"]
    assert kyiv["geometry"]["coordinates"] == [30.5234, 50.4501]  # RFC 7946: longitude first
    assert kyiv["properties"]["label"] == "Place" and kyiv["properties"]["country"] == "UA"
    assert kyiv["properties"]["geonames_id"] == 703448 and kyiv["properties"]["mentions"] == 2
    lines = {(f["properties"]["source_name"], f["properties"]["type"], f["properties"]["target_name"]): f
             for f in doc["features"] if f["geometry"]["type"] == "LineString"}
    assert set(lines) == {("Russia", "ATTACKS", "Kyiv"), ("Sweden", "SUPPORTS", "Ukraine")}
    attack = lines[("Russia", "ATTACKS", "Kyiv")]
    assert attack["geometry"]["coordinates"] == [[100.0, 60.0], [30.5234, 50.4501]]
    assert attack["properties"]["status"] == "asserted" and attack["properties"]["sentences"] == 1
    assert attack["properties"]["first_seen"] == "2023-07-01"


def test_geojson_keeps_only_what_the_scope_keeps(sample_store, tmp_path):
    out = tmp_path / "kyiv-independent.geojson"
    assert _export("--format", "geojson", "-o", str(out), "--source", "Kyiv Independent").exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    points = {f["properties"]["name"] for f in doc["features"] if f["geometry"]["type"] == "Point"}
    lines = {(f["properties"]["source_name"], f["properties"]["type"], f["properties"]["target_name"])
             for f in doc["features"] if f["geometry"]["type"] == "LineString"}
    assert not {"Bucha", "Moscow"} & points and {"Kyiv", "Sweden", "Ukraine"} <= points
    assert lines == {("Sweden", "SUPPORTS", "Ukraine")}
    july = tmp_path / "july.geojson"
    assert _export("--format", "geojson", "-o", str(july), "--since", "2023-07").exit_code == 0
    doc = json.loads(july.read_text(encoding="utf-8"))
    kyiv = next(f for f in doc["features"] if f["properties"]["name"] == "Kyiv")
    assert kyiv["properties"]["articles"] == 1 and kyiv["properties"]["mentions"] >= 1
    assert {f["properties"]["type"] for f in doc["features"] if f["geometry"]["type"] == "LineString"} == {"ATTACKS"}


def test_graphml_has_labels_gephi_shows(sample_store, tmp_path):
    out = tmp_path / "graph.graphml"
    assert _export("--format", "graphml", "-o", str(out)).exit_code == 0
    root = ET.parse(out).getroot()
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.findall("g:key", NS)}
    node_label, edge_label = keys[("node", "label")], keys[("edge", "label")]
    names = {}
    for node in root.iter(f"{{{NS['g']}}}node"):
        data = {d.get("key"): d.text for d in node.findall("g:data", NS)}
        names[node.get("id")] = data[node_label]  # every node has a label
    assert {"Kyiv", "Nikolai Patrushev", "Swedish mercenaries", "Zelensky denies"} <= set(names.values())
    edges = [(names[e.get("source")], {d.get("key"): d.text for d in e.findall("g:data", NS)}[edge_label],
              names[e.get("target")]) for e in root.iter(f"{{{NS['g']}}}edge")]
    assert ("Russia", "ATTACKS", "Kyiv") in edges


@pytest.mark.parametrize("fmt", ["cypher", "graphml", "jsonl", "geojson"])
def test_file_formats_refuse_a_folder_and_an_existing_file_without_force(sample_store, tmp_path, fmt):
    res = _export("--format", fmt, "-o", str(tmp_path))
    # an output of the wrong kind or one that exists is a usage error (exit 2), said in one line
    assert res.exit_code == 2 and isinstance(res.exception, SystemExit)
    assert "is a folder" in res.output and "Traceback" not in res.output
    out = tmp_path / f"graph.{fmt}"
    out.write_text("keep me", encoding="utf-8")
    res = _export("--format", fmt, "-o", str(out))
    assert res.exit_code == 2 and "--force" in res.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert _export("--format", fmt, "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") != "keep me"


def test_csv_refuses_a_file_and_a_used_folder_without_force(sample_store, tmp_path):
    file = tmp_path / "graph.csv"
    file.write_text("x", encoding="utf-8")
    res = _export("--format", "csv", "-o", str(file))
    assert res.exit_code == 2 and "is a file" in res.output and "Traceback" not in res.output
    folder = tmp_path / "csv"
    assert _export("--format", "csv", "-o", str(folder)).exit_code == 0
    stale = folder / "nodes_Stale.csv"
    stale.write_text("old", encoding="utf-8")
    res = _export("--format", "csv", "-o", str(folder))
    assert res.exit_code == 2 and "--force" in res.output and stale.exists()
    assert _export("--format", "csv", "-o", str(folder), "--force").exit_code == 0
    assert not stale.exists() and (folder / "nodes_Article.csv").exists()
