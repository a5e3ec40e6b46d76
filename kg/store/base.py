"""The store contract: one interface, two backends (embedded FalkorDB, Neo4j).

Every backend passes the same contract test suite (``tests/store/test_contract.py``), the
nomenklatura pattern. Writers take a batch, never build a connection of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kg.graph import GraphBatch
from kg.schema import Schema


@dataclass
class QueryResult:
    """Rows of plain Python values: nodes/relationships become dicts, points ``{latitude, longitude}``."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]


@dataclass
class Stats:
    nodes: dict[str, int] = field(default_factory=dict)  # label -> count
    relationships: dict[str, int] = field(default_factory=dict)  # type -> count

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())


@runtime_checkable
class Store(Protocol):
    name: str

    def apply_schema(self, schema: Schema) -> list[str]:
        """Create indexes/constraints (idempotent). Returns the statements applied."""

    def write(self, batch: GraphBatch) -> None:
        """Write the whole batch in one transaction: all of it or nothing."""

    def article_hashes(self, ids: list[str]) -> dict[str, str]:
        """``{article id: content_hash}`` for those of ``ids`` already stored (to skip re-imports)."""

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a read-only query; write clauses are refused by the store itself."""

    def write_query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a query that may write."""

    def stats(self) -> Stats: ...

    def close(self) -> None: ...
