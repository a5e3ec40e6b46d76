"""docker/: the compose file, the NeoDash dashboard (in sync with queries/) and the Browser style."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import yaml

from kg.queries import list_saved
from kg.schema import load_schema

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def _builder():
    spec = importlib.util.spec_from_file_location("build_dashboard", DOCKER / "neodash" / "build_dashboard.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dashboard_is_in_sync_with_saved_queries():
    committed = json.loads((DOCKER / "neodash" / "dashboard.json").read_text(encoding="utf-8"))
    assert committed == _builder().build(), "run: python docker/neodash/build_dashboard.py"
    titles = [r["title"] for p in committed["pages"] for r in p["reports"]]
    for q in list_saved():
        assert any(t.startswith(f"{q.name}:") for t in titles), q.name
    queries = [r["query"] for p in committed["pages"] for r in p["reports"]]
    assert not any(re.search(r"\$(?!neodash_)\w", q) for q in queries), "every parameter is a NeoDash one"
    assert committed["settings"]["parameters"]["neodash_km"] == 100


def test_compose_file():
    compose = yaml.safe_load((DOCKER / "compose.yml").read_text(encoding="utf-8"))
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and neo4j["image"].endswith("-community")
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert "apoc" in neo4j["environment"]["NEO4J_PLUGINS"]
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert compose["services"]["neodash"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_grass_styles_every_label():
    grass = (DOCKER / "browser" / "style.grass").read_text(encoding="utf-8")
    schema = load_schema()
    for label in schema.nodes:
        assert f"node.{label} {{" in grass, label
    for rel in schema.domain_types:
        assert f"relationship.{rel} {{" in grass, rel
    assert grass.count("{") == grass.count("}")
