"""Idempotency: importing the same articles again changes no node, relationship or property
(timestamps aside), whether the re-import is skipped by content hash (the CLI) or the very same
batches are MERGEd a second time (the store), and however the articles are split into batches.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.graph import GraphBatch
from kg.model import Article, Extraction
from kg.schema import load_schema
from tests.robustness.helpers import (
    CORPUS_SIZE,
    LEDGER,
    Reference,
    Snapshot,
    article_text,
    kg,
    outcome,
    snapshot,
    snapshot_of,
)


def sorted_lists(props: dict[str, Any]) -> dict[str, Any]:
    return {k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in props.items()}


def comparable(snap: Snapshot, order_free: bool = False) -> tuple[dict[Any, Any], list[Any]]:
    fix = sorted_lists if order_free else dict
    nodes = {k: fix(v) for k, v in snap.nodes.items()}
    rels = sorted(((t, s, d, repr(sorted(fix(p).items()))) for t, s, d, p in snap.rels))
    return nodes, rels


def test_cli_reimport_changes_nothing(reference: Reference) -> None:
    proc = kg(reference.home, "import", "--batch-size", "4", "-q", str(reference.corpus))
    assert proc.returncode == 0, outcome(proc)
    again = snapshot(reference.home)
    assert comparable(again) == comparable(reference.snap)
    assert not again.duplicate_node_ids
    LEDGER.record("idempotency (CLI re-import)", CORPUS_SIZE, len(set(again.articles()) & set(reference.snap.articles())))


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from kg.extract import Extractor

    articles = [Article(id=f"idem-{i}", text=article_text(i), title=f"Idempotency {i}", source="Test Wire",
                        published=f"2024-06-{i + 1:02d}", origin=f"idem-{i}") for i in range(12)]
    return list(Extractor().extract_many(articles))


def write(store: Any, extractions: list[Extraction]) -> None:
    batch = GraphBatch(load_schema())
    for ex in extractions:
        batch.add(ex)
    store.write(batch)


def test_same_batches_written_twice_change_nothing(store: Any, extractions: list[Extraction]) -> None:
    write(store, extractions)
    first = snapshot_of(store)
    assert first.rels, "the extraction produced no relationships; the test would prove nothing"
    write(store, extractions)
    second = snapshot_of(store)
    assert comparable(second) == comparable(first)
    assert max(second.rel_multiplicity().values()) == 1 and not second.duplicate_node_ids


def test_batch_split_does_not_matter(store: Any, extractions: list[Extraction]) -> None:
    """Overlapping batches give the graph of one batch (list order aside).

    The batches keep the article order: scalar properties are last-writer-wins (a Place's
    ``geo_confidence`` differs between articles), so a different *order* may change them.
    """
    write(store, extractions)
    whole = snapshot_of(store)
    store.write_query("MATCH (n) DETACH DELETE n")
    write(store, extractions[:5])
    write(store, extractions[3:9])
    write(store, extractions[6:])
    split = snapshot_of(store)
    assert comparable(split, order_free=True) == comparable(whole, order_free=True)



