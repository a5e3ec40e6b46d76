"""DDL and write Cypher as text: checked without a server (Neo4j cannot run here)."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError, SchemaError
from kg.model import Extraction
from kg.schema import load_schema
from kg.store import get_store, store_names
from kg.store.cypher import batch_segments, chain, count_segments
from kg.store.ddl import falkordb_ddl, neo4j_ddl

from .sample import HOSTILE, TEXT, batch, extraction


def test_neo4j_ddl_text() -> None:
    ddl = neo4j_ddl(load_schema())
    assert "CREATE CONSTRAINT place_id_unique IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE" in ddl
    assert "CREATE INDEX claim_article_id IF NOT EXISTS FOR (n:Claim) ON (n.article_id)" in ddl
    assert "CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location)" in ddl
    assert "CREATE FULLTEXT INDEX article_fulltext IF NOT EXISTS FOR (n:Article) ON EACH [n.title]" in ddl
    assert "CREATE INDEX entity_keys IF NOT EXISTS FOR (n:Entity) ON (n.keys)" in ddl
    assert "CREATE INDEX attacks_status IF NOT EXISTS FOR ()-[r:ATTACKS]-() ON (r.status)" in ddl
    # an entity's own label indexes only its key: lookups by name go through the shared Entity label
    assert not [s for s in ddl if "(n:Person) ON (n.name)" in s]
    assert all("IF NOT EXISTS" in s for s in ddl)
    assert len(ddl) == len(set(ddl))
    assert ddl.index(next(s for s in ddl if "CONSTRAINT" in s)) == 0


def test_falkordb_ddl_text() -> None:
    ddl = falkordb_ddl(load_schema(), graph="kg")
    assert "CREATE INDEX FOR (n:Place) ON (n.location)" in ddl
    assert "CALL db.idx.fulltext.createNodeIndex('Article', 'title')" in ddl
    assert "GRAPH.CONSTRAINT CREATE kg UNIQUE NODE Person PROPERTIES 1 id" in ddl
    first_constraint = next(i for i, s in enumerate(ddl) if s.startswith("GRAPH.CONSTRAINT"))
    assert "CREATE INDEX FOR (n:Person) ON (n.id)" in ddl[:first_constraint]


def test_segments_keep_values_out_of_the_text() -> None:
    ex = extraction("a1", f"Ivan Petrov said Russia attacks Kyiv. {' '.join(HOSTILE)}", title=HOSTILE[1])
    segments = batch_segments(batch(ex))
    text, params = chain(segments)
    for hostile in HOSTILE:
        assert hostile not in text
    assert "Ivan Petrov" not in text and "a1" not in text
    assert text.startswith("UNWIND $stale AS art")
    assert text.count(" WITH count(*) AS _ ") == len(segments) - 1
    assert len(params) == len(segments)
    recount = count_segments(batch(ex))  # further statements of the same transaction
    # articles are counted by story (near-duplicates once), claims off the adjacency
    assert "count(DISTINCT coalesce(a.story_id, a.id))" in recount[0][0] and "outdegree(e, 'ASSERTS')" in recount[0][0]
    assert "Ivan Petrov" not in " ".join(t for t, _ in recount)
    assert all(i.startswith(("person:", "country:", "place:")) for i in recount[0][1]["counted"])
    assert "COUNT { (e)-[:ASSERTS]->() }" in count_segments(batch(ex), "neo4j")[0][0]
    place_rows = next(v for k, v in params.items() if k.endswith("_pt"))
    assert place_rows[0]["props"]["lat"] == 50.45 and set(place_rows[0]) >= {"id", "props", "lists", "seen"}
    assert "MERGE (n:Place:Entity {id: row.id})" in text and "point({latitude: row.props.lat" in text
    rel = next(t for t, _ in segments if ":ATTACKS" in t)
    assert "r.count = size(l_evidence)" in rel and "MATCH (a:Entity {id: row.src})" in rel
    # one statement per relationship type and end label, however many pairs of kinds it joins
    assert len([t for t, _ in segments if ":ABOUT " in t]) == 1 and "MATCH (a:Claim {id: row.src})" in \
        next(t for t, _ in segments if ":ABOUT " in t)


def test_unknown_label_is_refused() -> None:
    b = batch()
    with pytest.raises(SchemaError):
        b.add_node("Person`) DETACH DELETE (n", "x", {})
    assert batch_segments(b) == []


def test_registry() -> None:
    assert store_names() == ["embedded", "falkordb", "neo4j"]
    with pytest.raises(ConfigError, match="embedded, falkordb, neo4j"):
        get_store("sqlite")
    assert get_store("falkordb").name == "embedded"
    assert get_store("neo4j").name == "neo4j"


def test_neo4j_connection_failure_hides_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import StoreError

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")
    st = get_store("neo4j")
    assert "s3cret-pw" not in repr(st)
    with pytest.raises(StoreError) as info:
        st.read("RETURN 1")
    assert "s3cret-pw" not in str(info.value) and "127.0.0.1:1" in str(info.value)


def test_empty_extraction_writes_article_only() -> None:
    ex = Extraction(article=extraction("a1", TEXT).article)
    names = [t.split(" AS ")[0] for t, _ in batch_segments(batch(ex))]
    assert any("$n0" in n for n in names)


def test_neo4j_texts_pass_neo4j_parser() -> None:
    """Neo4j cannot run here, but its own parser can: lint every DDL and write text it would run."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    lint = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"
    if not shutil.which("node") or not (lint / "node_modules" / "@neo4j-cypher").is_dir():
        pytest.skip("tools/cypher-lint is not installed (npm ci in tools/cypher-lint)")
    queries = [{"name": f"ddl {i}", "text": t} for i, t in enumerate(neo4j_ddl(load_schema()))]
    queries += [{"name": f"segment {i}", "text": t, "params": p}
                for i, (t, p) in enumerate(batch_segments(batch(extraction("a1", TEXT))))]
    queries.append({"name": "broken on purpose", "text": "MATCH (n RETURN n"})
    proc = subprocess.run(["node", str(lint / "lint.mjs"), "--json", "-"], input=json.dumps({"queries": queries}),
                          capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(proc.stdout)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert report["checked"] == len(queries)
    assert {d["name"] for d in errors} == {"broken on purpose"}, errors
