"""Every saved query's Neo4j text runs on a live Bolt server (tests/bolt_server.py) over the sample
graph and returns what its FalkorDB text returns on the embedded store (whose rows
tests/analyst/test_queries.py checks against the known facts)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from kg.queries import list_saved
from kg.store.falkor import FalkorStore
from kg.store.neo4j import Neo4jStore
from tests.analyst.conftest import sample_batch
from tests.bolt_server import BoltServer
from tests.conftest import emptied_neo4j


@pytest.fixture(scope="module")
def neo4j_sample(bolt_server: BoltServer) -> Iterator[Neo4jStore]:
    """The sample graph, written into the Bolt server through Neo4jStore's own write path."""
    with pytest.MonkeyPatch.context() as mp, emptied_neo4j(bolt_server, mp) as st:
        st.write(sample_batch())
        yield st


def _norm(value: Any) -> Any:
    """Order-free and float-tolerant: collect() order is unspecified on both stores."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items()) if k not in ("imported_at",)}
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def _rows(store: Any, text: str, params: dict[str, Any]) -> list[Any]:
    return _norm(store.read(text, params).records())


@pytest.mark.parametrize("name", [q.name for q in list_saved()])
def test_saved_query_neo4j_text_matches_embedded(name: str, neo4j_sample: Neo4jStore,
                                                  sample_store: FalkorStore) -> None:
    query = next(q for q in list_saved() if q.name == name)
    params = query.example_params()
    expected = _rows(sample_store, query.text_for("embedded"), params)
    got = _rows(neo4j_sample, query.text_for("neo4j"), params)
    assert got == expected
    assert got, f"{name} found nothing in the sample graph with its example parameters"
