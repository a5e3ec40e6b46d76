"""Analyst fixtures: the hand-built sample graph, written once per module through the real write path.

Built on the shared session server (``embedded_server`` in tests/conftest.py) with a graph of its
own, so the saved queries, profile, viz and export tests read the same known facts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.graph import GraphBatch
from kg.schema import load_schema
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore
from tests.analyst.sample import extractions
from tests.conftest import falkor_graph, point_cli_at


def sample_batch() -> GraphBatch:
    batch = GraphBatch(load_schema())
    for ex in extractions():
        batch.add(ex)
    return batch


@pytest.fixture(scope="module")
def sample_store(embedded_server: EmbeddedServer) -> Iterator[FalkorStore]:
    """A FalkorStore holding the sample graph; KG_HOME/KG_GRAPH point at it so CLI commands see it too."""
    with pytest.MonkeyPatch.context() as mp, falkor_graph(embedded_server, "an", sample_batch()) as st:
        point_cli_at(embedded_server, st.graph_name, mp)
        yield st
