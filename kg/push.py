"""Copy a graph from one store to another (``kg push --to neo4j``) through the shared MERGE builders.

Why rebuild GraphBatches instead of copying rows: ``kg/store/cypher.py`` already knows how to
write a batch idempotently on both stores (MERGE on ids, lists unioned, first/last seen widened,
points built from lat/lon). Turning the dumped graph back into batches means a push is exactly an
import: running it twice changes nothing, and a push onto a graph that already holds some of the
articles merges rather than duplicates.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.graph import GraphBatch
from kg.schema import Schema, load_schema
from kg.store.base import Store
from kg.store.cypher import batch_segments

Record = dict[str, Any]
_DERIVED = {"first_seen", "last_seen", "location"}  # rebuilt by the builder from other values


def primary_label(labels: Iterable[str], schema: Schema) -> str:
    """The schema label of a node (entities also carry the entity label, which is not their type)."""
    own = [lb for lb in labels if lb != schema.entity_label and lb in schema.nodes]
    if not own:
        raise ValueError(f"node labels {sorted(labels)} name no schema label")
    return sorted(own)[0]


def _split(props: dict[str, Any], list_types: set[str]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    scalars, lists = {}, {}
    for key, value in props.items():
        if key == "id" or key in _DERIVED or (key == "count" and "evidence" in props):
            continue  # a domain relation's count is size(evidence), recomputed on write
        if isinstance(value, list) or key in list_types:
            lists[key] = list(value or [])
        else:
            scalars[key] = value
    return scalars, lists


def _list_props(schema: Schema) -> set[str]:
    names = {p for n in schema.nodes.values() for p, t in n.properties.items() if t.endswith("[]")}
    names |= {p for r in schema.relationships.values() for p, t in r.properties.items() if t.endswith("[]")}
    return names | {p for p, t in schema.domain_relation_properties.items() if t.endswith("[]")}


@dataclass
class BatchBuilder:
    """Feeds dumped records (see ``kg.export.dump``) into GraphBatches of at most ``size`` rows."""

    schema: Schema
    size: int = 2000

    def batches(self, records: Iterable[Record]) -> Iterator[GraphBatch]:
        list_types = _list_props(self.schema)
        labels: dict[str, str] = {}
        batch, rows = GraphBatch(self.schema), 0
        for rec in records:
            props = dict(rec.get("properties") or {})
            first, last = props.get("first_seen"), props.get("last_seen")
            scalars, lists = _split(props, list_types)
            if rec["type"] == "node":
                label = primary_label(rec["labels"], self.schema)
                labels[rec["id"]] = label
                batch.add_node(label, rec["id"], scalars, lists, seen=first)
                row = batch.nodes[label][rec["id"]]
            else:
                if rec["start"] not in labels or rec["end"] not in labels:
                    raise ValueError(f"relationship {rec['id']} ends at a node not seen before it")
                src, dst = (labels[rec["start"]], rec["start"]), (labels[rec["end"]], rec["end"])
                if not batch.add_rel(rec["label"], src, dst, scalars, lists, seen=first, id_=rec["id"]):
                    continue
                row = batch.rels[(rec["label"], src[0], dst[0])][rec["id"]]
            row["last"] = last or first
            rows += 1
            if rows >= self.size:
                yield batch
                batch, rows = GraphBatch(self.schema), 0
        if rows:
            yield batch


def push_statements(records: Iterable[Record], schema: Schema | None = None,
                    size: int = 2000) -> list[tuple[str, dict[str, Any]]]:
    """The Cypher segments a push would run, without a target (for review and tests)."""
    builder = BatchBuilder(schema or load_schema(), size)
    return [seg for batch in builder.batches(records) for seg in batch_segments(batch)]


def push(source: Store, target: Store, schema: Schema | None = None, size: int = 2000,
         progress: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Copy every node and relationship of ``source`` into ``target`` in batches of ``size`` rows, each
    one write transaction. Returns what was sent, the seconds it took and the rows per second
    (``progress`` is called with the same figures after every batch)."""
    from kg.export import dump

    schema = schema or load_schema()
    target.apply_schema(schema)
    sent: dict[str, Any] = {"nodes": 0, "relationships": 0, "batches": 0, "seconds": 0.0, "rows_per_s": 0.0}
    start = time.perf_counter()
    for batch in BatchBuilder(schema, size).batches(dump(source)):
        target.write(batch)
        sent["nodes"] += batch.node_count()
        sent["relationships"] += sum(batch.rel_counts().values())
        sent["batches"] += 1
        sent["seconds"] = time.perf_counter() - start
        sent["rows_per_s"] = (sent["nodes"] + sent["relationships"]) / sent["seconds"] if sent["seconds"] else 0.0
        if progress is not None:
            progress(sent)
    return sent
