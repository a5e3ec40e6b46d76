"""Indexes and constraints for both stores, generated from ``schema/`` (never written by hand).

Pure functions: the text is what ``kg schema show --format cypher-neo4j|cypher-falkordb`` prints, what
Neo4jStore runs, and (for FalkorDB) what FalkorStore runs, so the three cannot drift apart.
Index names are derived from label and property so ``IF NOT EXISTS`` makes Neo4j DDL idempotent.
"""

from __future__ import annotations

from kg.schema import Schema
from kg.store.cypher import _prop

# (label, property) pairs; a label's key comes first
IndexList = list[tuple[str, str]]


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def range_indexes(schema: Schema) -> IndexList:
    """Every label's key and ``indexes``, plus the entity label's id/name/norm (find any entity fast)."""
    pairs: IndexList = []
    for node in schema.nodes.values():
        for prop in (node.key, *node.indexes):
            if (node.label, prop) not in pairs:
                pairs.append((schema.label(node.label), _prop(prop)))
    entity = schema.label(schema.entity_label)
    for prop in ("id", "name", "norm", "keys"):
        pairs.append((entity, prop))
    return pairs


def relationship_indexes(schema: Schema) -> IndexList:
    """(type, property) range indexes on relationships (``status`` of every domain relation)."""
    return [(schema.rel_type(r.type), _prop(p)) for r in schema.relationships.values() for p in r.indexes]


def point_indexes(schema: Schema) -> IndexList:
    return [(schema.label(n.label), _prop(n.point_index)) for n in schema.nodes.values() if n.point_index]


def fulltext_indexes(schema: Schema) -> list[tuple[str, tuple[str, ...]]]:
    return [(schema.label(n.label), tuple(_prop(p) for p in n.fulltext)) for n in schema.nodes.values() if n.fulltext]


def unique_keys(schema: Schema) -> IndexList:
    return [(schema.label(n.label), _prop(n.key)) for n in schema.nodes.values()]


def fulltext_index_name(label: str) -> str:
    """Neo4j full-text index name of a label (FalkorDB's full-text indexes are addressed by label)."""
    return f"{_snake(label)}_fulltext"


def neo4j_ddl(schema: Schema) -> list[str]:
    """Neo4j 5 statements; constraints first (each also backs a range index on the key)."""
    out = [f"CREATE CONSTRAINT {_snake(label)}_{prop}_unique IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
           for label, prop in unique_keys(schema)]
    keys = set(unique_keys(schema))
    out += [f"CREATE INDEX {_snake(label)}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
            for label, prop in range_indexes(schema) if (label, prop) not in keys]
    out += [f"CREATE INDEX {type_.lower()}_{prop} IF NOT EXISTS FOR ()-[r:{type_}]-() ON (r.{prop})"
            for type_, prop in relationship_indexes(schema)]
    out += [f"CREATE POINT INDEX {_snake(label)}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
            for label, prop in point_indexes(schema)]
    out += [f"CREATE FULLTEXT INDEX {fulltext_index_name(label)} IF NOT EXISTS FOR (n:{label}) "
            f"ON EACH [{', '.join(f'n.{p}' for p in props)}]" for label, props in fulltext_indexes(schema)]
    return out


def falkordb_statements(schema: Schema) -> list[str]:
    """FalkorDB Cypher for range, point and full-text indexes (run before the constraints)."""
    out = [f"CREATE INDEX FOR (n:{label}) ON (n.{prop})" for label, prop in range_indexes(schema)]
    out += [f"CREATE INDEX FOR ()-[r:{type_}]-() ON (r.{prop})" for type_, prop in relationship_indexes(schema)]
    out += [f"CREATE INDEX FOR (n:{label}) ON (n.{prop})" for label, prop in point_indexes(schema)]
    out += [f"CALL db.idx.fulltext.createNodeIndex('{label}', {', '.join(repr(p) for p in props)})"
            for label, props in fulltext_indexes(schema)]
    return out


def falkordb_constraint(graph: str, label: str, prop: str) -> list[str | int]:
    """The ``GRAPH.CONSTRAINT CREATE`` redis command (not Cypher); needs the key's range index first."""
    return ["GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop]


def falkordb_ddl(schema: Schema, graph: str = "kg") -> list[str]:
    """Everything FalkorStore.apply_schema runs, as text (constraints as the redis commands they are)."""
    return falkordb_statements(schema) + [" ".join(str(w) for w in falkordb_constraint(graph, label, prop))
                                          for label, prop in unique_keys(schema)]
