"""The store contract, run on every backend (the nomenklatura pattern).

``embedded`` is a real FalkorDB server from conftest; ``neo4j`` a live Neo4j-5-compatible Bolt server
(ArcadeDB from the ``arcadedb-embedded`` wheel, tests/bolt_server.py), its database emptied around
each test. In CI the Neo4j side never skips (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.errors import QueryError, StoreError
from kg.schema import load_schema
from kg.store.base import Store

from .sample import HOSTILE, TEXT, batch, extraction


@pytest.fixture(params=["embedded", "neo4j"])
def backend(request: pytest.FixtureRequest) -> Iterator[Store]:
    yield request.getfixturevalue("store" if request.param == "embedded" else "neo4j_store")


def _index_count(st: Store) -> int:
    query = "SHOW INDEXES" if st.name == "neo4j" else "CALL db.indexes()"
    return len(st.read(query).rows)


def _snapshot(st: Store) -> dict[str, Any]:
    """Every node and relationship with its properties, minus the import time (it changes on purpose)."""
    nodes = st.read("MATCH (n) RETURN n ORDER BY n.id").records()
    rels = st.read("MATCH ()-[r]->() RETURN r ORDER BY r.id").records()
    for rec in nodes:
        rec["n"].pop("imported_at", None)
        rec["n"]["_labels"] = sorted(rec["n"]["_labels"])
    return {"nodes": nodes, "rels": rels}


def test_apply_schema_is_idempotent(backend: Store) -> None:
    before = _index_count(backend)
    assert before > 0
    backend.apply_schema(load_schema())
    assert _index_count(backend) == before


def test_write_twice_changes_nothing(backend: Store) -> None:
    ex = extraction("a1", TEXT)
    backend.write(batch(ex))
    first, stats = _snapshot(backend), backend.stats()
    backend.write(batch(ex))
    assert backend.stats() == stats
    assert _snapshot(backend) == first
    assert stats.nodes == {"Article": 1, "Source": 1, "Place": 1, "Country": 2, "Person": 1, "Claim": 1}
    assert stats.relationships["ATTACKS"] == 1 and stats.relationships["MENTIONS"] == 3


def test_properties_points_and_entity_label(backend: Store) -> None:
    backend.write(batch(extraction("a1", TEXT)))
    place = backend.read("MATCH (p:Place) RETURN p").rows[0][0]
    assert sorted(place["_labels"]) == ["Entity", "Place"]
    assert place["geonames_id"] == 703448 and place["name"] == "Kyiv"
    assert place["location"]["latitude"] == pytest.approx(50.45, abs=1e-4)
    assert place["location"]["longitude"] == pytest.approx(30.52, abs=1e-4)
    rows = backend.read("MATCH (e:Entity) RETURN count(e)").rows
    assert rows == [[4]]
    claim = backend.read("MATCH (:Person)-[:ASSERTS]->(c:Claim)-[:IN_ARTICLE]->(:Article {id: 'a1'}) "
                         "RETURN c.status, c.text").rows
    assert claim == [["alleged", "Russia attacks Kyiv"]]


def test_lists_are_unioned_and_seen_widened(backend: Store) -> None:
    backend.write(batch(extraction("a1", TEXT, published="2023-06-20", alias="Kiev")))
    backend.write(batch(extraction("a2", TEXT + " Second.", published="2022-01-05", alias="Kyiv city")))
    backend.write(batch(extraction("a1", TEXT, published="2023-06-20", alias="Kiev")))
    place = backend.read("MATCH (p:Place) RETURN p.aliases, p.first_seen, p.last_seen").rows[0]
    assert sorted(place[0]) == ["Kiev", "Kyiv", "Kyiv city"]
    assert place[1:] == ["2022-01-05", "2023-06-20"]
    rel = backend.read("MATCH (:Country)-[r:ATTACKS]->(:Place) RETURN r").rows[0][0]
    assert sorted(rel["articles"]) == ["a1", "a2"]
    assert rel["count"] == 2 == len(rel["evidence"])
    assert (rel["first_seen"], rel["last_seen"]) == ("2022-01-05", "2023-06-20")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_stored_literally(backend: Store, hostile: str) -> None:
    text = f"Ivan Petrov said Russia attacks Kyiv. {hostile}"
    backend.write(batch(extraction("a1", text, title=hostile)))
    assert backend.read("MATCH (a:Article) RETURN a.title, a.text").rows == [[hostile, text]]
    assert backend.read("MATCH (a:Article {title: $t}) RETURN count(a)", {"t": hostile}).rows == [[1]]
    assert backend.stats().node_total == 7


def test_read_refuses_writes(backend: Store) -> None:
    with pytest.raises(QueryError, match="read-only"):
        backend.read("CREATE (:Article {id: 'x'})")
    with pytest.raises(QueryError):
        backend.read("MATCH (n) DETACH DELETE n")
    assert backend.read("MATCH (n) RETURN count(n)").rows == [[0]]
    assert backend.write_query("CREATE (a:Source {id: 's'}) RETURN a.id AS id").records() == [{"id": "s"}]


def test_failing_batch_leaves_nothing(backend: Store) -> None:
    b = batch(extraction("a1", TEXT))
    b.add_node("Claim", None, {"text": "a claim without an id cannot be merged"})  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        backend.write(b)
    assert backend.read("MATCH (n) RETURN count(n)").rows == [[0]]
    assert backend.stats().node_total == 0


def test_article_hashes(backend: Store) -> None:
    ex = extraction("a1", TEXT)
    backend.write(batch(ex))
    assert backend.article_hashes(["a1", "missing"]) == {"a1": ex.article.content_hash}
    assert backend.article_hashes([]) == {}


def test_changed_article_replaces_its_claims_and_mentions(backend: Store) -> None:
    backend.write(batch(extraction("a1", TEXT)))
    changed = extraction("a1", "Ivan Petrov said Russia attacks Kyiv. The text was edited.")
    changed.claims[0].id = "claim:a1-v2"
    changed.entities = changed.entities[:2]  # the edited article no longer mentions the person
    changed.claims[0].speaker = None
    backend.write(batch(changed))
    claims = backend.read("MATCH (c:Claim {article_id: 'a1'}) RETURN c.id").rows
    assert claims == [["claim:a1-v2"]]
    assert backend.read("MATCH (:Article {id: 'a1'})-[m:MENTIONS]->() RETURN count(m)").rows == [[2]]
    assert backend.article_hashes(["a1"]) == {"a1": changed.article.content_hash}


def test_read_results_are_plain(backend: Store) -> None:
    backend.write(batch(extraction("a1", TEXT)))
    res = backend.read("MATCH p = (a:Article)-[:PUBLISHED_BY]->(s:Source) RETURN p, s.name AS name")
    assert res.columns == ["p", "name"]
    path, name = res.rows[0]
    assert name == "Example News"
    assert [n["_labels"] for n in path["nodes"]] == [["Article"], ["Source"]]
    assert path["relationships"][0]["_type"] == "PUBLISHED_BY"
