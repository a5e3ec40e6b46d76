"""Saved queries that branch per domain type are generated from the schema (kg.schema_queries):
they are current, and a type added to the schema appears in them without a hand edit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kg.schema import RelType, load_schema
from kg.schema_queries import render, stale

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def test_saved_queries_are_current() -> None:
    assert stale(QUERIES) == [], "run: python -m kg.schema_queries"


def test_a_new_domain_type_reaches_every_generated_query() -> None:
    schema = load_schema()
    new = RelType("EVACUATES", ("Country",), ("Place",), domain=True, sourced=True, plover="RETREAT")
    grown = dataclasses.replace(schema, relationships={**schema.relationships, "EVACUATES": new})
    for name in ("denials", "contradictions", "foreign-involvement"):
        text = render((QUERIES / f"{name}.cypher").read_text(encoding="utf-8"), grown)
        assert "[r:EVACUATES]" in text and text.count("UNION ALL") == len(grown.domain_types) - 1
    network = render((QUERIES / "recruitment-training-support-network.cypher").read_text(encoding="utf-8"), grown)
    assert "EVACUATES" not in network and "[r:AIDS]" in network and "[r:RECRUITS_FOR]" in network
