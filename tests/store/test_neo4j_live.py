"""Neo4jStore on a live Bolt server (tests/bolt_server.py): the errors a user can act on, what kg
detects about the server, kg's own guarantees on a server that lacks Neo4j's, and ``kg import``."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ConfigError, QueryError, StoreError
from kg.export import dump
from kg.graph import GraphBatch
from kg.schema import load_schema
from kg.store import neo4j as neo4j_module
from kg.store.falkor import FalkorStore
from kg.store.neo4j import Neo4jStore, check_keys, check_uri
from kg.store.readonly import write_clause
from tests.bolt_server import BoltServer, free_port

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _env(server: BoltServer, **changes: str) -> dict[str, str]:
    return {**server.env(), "KG_STORE": "neo4j", **changes}


def _kg(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(main, list(args), env=env)


# ---- errors a user can act on ------------------------------------------------------------------
def test_no_server_says_where_it_looked_and_nothing_else() -> None:
    """A separate process, so any line the driver logs by itself would show on stderr."""
    port = free_port()  # nothing listens there
    for uri in (f"bolt://127.0.0.1:{port}", f"neo4j://127.0.0.1:{port}"):
        env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "secret-password", "PATH": "/usr/bin:/bin"}
        proc = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "stats", "--store", "neo4j"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1
        assert proc.stderr.strip().splitlines() == [
            f"Error: cannot reach Neo4j at {uri}: is it running? set NEO4J_URI to its Bolt address, "
            "e.g. neo4j://localhost:7687 (see docker/README.md)"]
        assert proc.stdout == ""


def test_wrong_password_names_the_user_never_the_password(bolt_server: BoltServer) -> None:
    res = _kg(_env(bolt_server, NEO4J_PASSWORD="not-the-password"), "stats")
    assert res.exit_code == 1
    assert "refused the login of user 'root'" in res.output and "NEO4J_PASSWORD" in res.output
    assert "not-the-password" not in res.output and "Traceback" not in res.output


def test_unknown_database_says_how_to_choose_one(bolt_server: BoltServer) -> None:
    res = _kg(_env(bolt_server, NEO4J_DATABASE="nosuchdb"), "stats")
    assert res.exit_code == 1
    assert "has no database 'nosuchdb': set NEO4J_DATABASE" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://example.org", "localhost:7687"])
def test_non_bolt_uri_lists_the_schemes_that_work(bolt_server: BoltServer, uri: str) -> None:
    res = _kg(_env(bolt_server, NEO4J_URI=uri), "stats")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "kg connects over Bolt: use neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://" \
        in res.output
    with pytest.raises(ConfigError, match="no scheme" if "://" not in uri else f"a {uri.split(':')[0]}:// URI"):
        check_uri(uri)
    check_uri("neo4j+s://abc.databases.neo4j.io")  # Aura's form is accepted


# ---- what kg detects, what it guarantees anyway --------------------------------------------------
def test_capabilities_are_probed_and_the_probe_keeps_nothing(neo4j_store: Neo4jStore,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="kg.store.neo4j")
    neo4j_module._warned.clear()
    caps = neo4j_store.capabilities
    genuine = "ArcadeDB" not in caps.agent  # a real Neo4j 5 has all three; the stand-in none
    assert caps.agent.startswith("Neo4j/5")
    assert caps.fulltext is genuine and caps.await_indexes is genuine
    assert neo4j_store.read_access_enforced() is genuine
    assert neo4j_store.read("MATCH (s:Source) RETURN count(s)").rows == [[0]]  # the probe was rolled back
    neo4j_store.apply_schema(load_schema())
    neo4j_store.read("RETURN 1")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == (0 if genuine else 1)  # the fulltext one was said in the fixture's apply_schema
    assert all("READ access" in w for w in warnings)


def test_kg_query_refuses_writes_without_write_flag(neo4j_store: Neo4jStore, bolt_server: BoltServer) -> None:
    env = _env(bolt_server)
    for text in ("CREATE (:Source {id: 'x'})", "MATCH (n) DETACH DELETE n",
                 "MATCH (s:Source) SET s.name = 'y'", "merge (s:Source {id: 'x'}) RETURN s"):
        res = _kg(env, "query", text)
        assert res.exit_code == 1 and "read-only (use --write" in res.output, text
    assert neo4j_store.read("MATCH (n) RETURN count(n)").rows == [[0]]
    res = _kg(env, "query", "--write", "--format", "json", "CREATE (s:Source {id: 'x'}) RETURN s.id AS id")
    assert res.exit_code == 0 and json.loads(res.output) == [{"id": "x"}]
    res = _kg(env, "query", "--format", "json", "MATCH (s:Source) WHERE s.id = 'CREATE (x)' RETURN s.id AS set")
    assert res.exit_code == 0 and json.loads(res.output) == []


def test_write_clause_check_reads_past_strings_names_and_properties() -> None:
    assert write_clause("MATCH (n) WHERE n.text = 'we CREATE things' // DELETE\nRETURN n.set, $merge") is None
    assert write_clause("MATCH (n:`DELETE`) RETURN {set: 1, create: n.remove}") is None
    assert write_clause("MATCH (n) /* CREATE */ SET n.x = 1") == "SET"
    assert write_clause("UNWIND [1] AS x\nforeach (y IN [x] | create ())") == "FOREACH"
    assert write_clause("MATCH (n) RETURN n") is None


def test_keys_are_checked_before_anything_is_sent(neo4j_store: Neo4jStore) -> None:
    batch = GraphBatch(load_schema())
    batch.add_node("Source", "s1", {"name": "Example"})
    batch.add_node("Article", "a1", {"title": "t"})
    batch.add_rel("PUBLISHED_BY", ("Article", "a1"), ("Source", "s1"))
    next(iter(batch.rels.values()))["x"] = {"id": "r2", "src": None, "dst": "s1"}
    with pytest.raises(StoreError, match="PUBLISHED_BY relationship has no src"):
        check_keys(batch)
    with pytest.raises(StoreError, match="nothing was kept"):
        neo4j_store.write(batch)
    assert neo4j_store.read("MATCH (n) RETURN count(n)").rows == [[0]]
    with pytest.raises(QueryError, match="read-only"):
        neo4j_store.read("MERGE (n:Source {id: $id})", {"id": None})


# ---- kg import --store neo4j ---------------------------------------------------------------------------
def _graph(store: Any) -> list[str]:
    """Every record; FalkorDB keeps a point's coordinates as 32-bit floats, Neo4j as 64-bit."""
    out = []
    for rec in dump(store):
        rec["properties"].pop("imported_at", None)
        props = rec["properties"]
        if "location" in props:  # compared with the lat/lon it was built from, then left out
            point = props.pop("location")
            assert (point["latitude"], point["longitude"]) == (pytest.approx(props["lat"], abs=1e-4),
                                                               pytest.approx(props["lon"], abs=1e-4))
        out.append(json.dumps(rec, sort_keys=True))
    return sorted(out)


def test_kg_import_into_neo4j_gives_the_embedded_graph(neo4j_store: Neo4jStore, store: FalkorStore,
                                                       bolt_server: BoltServer, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [str(EXAMPLES / n) for n in ("02_tripoli_lebanon_recruitment.txt", "04_moscow_rejects_mali_report.txt",
                                         "06_alexandria_egypt_talks.html")]
    args = ["import", *files, "--workers", "1", "--batch-size", "2", "--quiet"]
    res = CliRunner().invoke(main, [*args, "--store", "neo4j"], env=_env(bolt_server))
    assert res.exit_code == 0, res.output
    assert CliRunner().invoke(main, [*args, "--store", "embedded"]).exit_code == 0
    stats = neo4j_store.stats()
    assert stats == store.stats() and stats.nodes["Article"] == 3 and stats.relationship_total > 20
    assert _graph(neo4j_store) == _graph(store)
    again = CliRunner().invoke(main, [*args, "--store", "neo4j"], env=_env(bolt_server))
    assert again.exit_code == 0 and neo4j_store.stats() == stats  # unchanged articles are skipped
