"""Every Cypher text kg sends to Neo4j passes Neo4j's own parser and semantic check.

Runs tools/cypher-lint (npm ``@neo4j-cypher/language-support``, ``lintCypherQuery``) on the saved
queries' Neo4j texts, the Neo4j DDL, the shared MERGE builders' write statements and the export
script. Labels and relationship types must exist in ``schema/`` (``--strict``). Install the linter
with ``npm ci --prefix tools/cypher-lint``; the test installs it itself when node_modules is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.export import cypher_statements, dump
from kg.queries import list_saved
from kg.schema import load_schema
from kg.store.cypher import batch_segments, count_segments
from kg.store.ddl import neo4j_ddl
from tests.analyst.conftest import sample_batch

TOOL = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"
pytestmark = pytest.mark.skipif(not (shutil.which("node") and shutil.which("npm")),
                                reason="node and npm are needed to run Neo4j's Cypher linter (tools/cypher-lint)")


@pytest.fixture(scope="module")
def linter() -> Path:
    if not (TOOL / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(TOOL)],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm ci --prefix tools/cypher-lint failed:\n{done.stderr[-2000:]}"
    return TOOL / "lint.mjs"


def lint(linter: Path, queries: list[dict]) -> dict:
    schema = load_schema()
    db_schema = {"labels": [*schema.nodes, schema.entity_label], "relationshipTypes": list(schema.relationships)}
    done = subprocess.run(["node", str(linter), "--strict", "--json", "-"], capture_output=True, text=True,
                          input=json.dumps({"schema": db_schema, "queries": queries}, default=str), timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _errors(report: dict) -> list[str]:
    return [f"{d['name']}:{d['line']}:{d['column']}: {d['message']}" for d in report["diagnostics"]
            if d["severity"] == "error"]


def test_linter_catches_mistakes(linter):
    report = lint(linter, [{"name": "undefined", "text": "MATCH (a:Person) RETURN b"},
                           {"name": "typo", "text": "MATCH (a:Persn) RETURN a"},
                           {"name": "ok", "text": "MATCH (a:Person {id: $id}) RETURN a", "params": {"id": "x"}}])
    names = {d["name"] for d in report["diagnostics"] if d["severity"] == "error"}
    assert names == {"undefined", "typo"}


def test_saved_queries_neo4j_texts(linter):
    saved = list_saved()
    queries = [{"name": q.name, "text": q.text_for("neo4j"), "params": q.example_params()} for q in saved]
    report = lint(linter, queries)
    assert report["checked"] == len(saved)
    assert _errors(report) == []


def test_neo4j_ddl(linter):
    ddl = neo4j_ddl(load_schema())
    report = lint(linter, [{"name": f"ddl {i}", "text": s} for i, s in enumerate(ddl)])
    assert report["checked"] == len(ddl) > 10
    assert _errors(report) == []


def test_shared_write_builders(linter):
    segments = batch_segments(sample_batch()) + count_segments(sample_batch(), "neo4j")
    report = lint(linter, [{"name": f"write {i}", "text": text, "params": params}
                           for i, (text, params) in enumerate(segments)])
    assert report["checked"] == len(segments) > 10
    assert _errors(report) == []


def test_export_script(linter, sample_store):
    kinds: dict[str, str] = {}  # one statement per label set / relationship type: linting costs ~0.2 s each
    for s in cypher_statements(dump(sample_store), load_schema()):
        kinds.setdefault(s.split("{id:")[0] + s.split("]->")[0][-40:], s)
    statements = list(kinds.values())
    report = lint(linter, [{"name": f"export {i}", "text": s} for i, s in enumerate(statements)])
    assert report["checked"] == len(statements)
    assert _errors(report) == []


def test_neodash_dashboard_queries(linter):
    dashboard = json.loads((TOOL.parents[1] / "docker" / "neodash" / "dashboard.json").read_text(encoding="utf-8"))
    params = dashboard["settings"]["parameters"]
    reports = [r for p in dashboard["pages"] for r in p["reports"] if r["type"] != "select"]
    report = lint(linter, [{"name": r["title"][:40], "text": r["query"], "params": params} for r in reports])
    assert report["checked"] == len(reports)
    assert _errors(report) == []

