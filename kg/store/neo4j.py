"""Neo4jStore: the Store contract on Neo4j 5 through the official driver (production backend).

Kept thin on purpose: the Cypher comes from ``kg.store.cypher`` and the DDL from ``kg.store.ddl``,
shared with the embedded store, so what is tested against FalkorDB here is what Neo4j runs. A batch
runs as the same segments inside ONE managed write transaction; reads run in READ access mode so the
server refuses write clauses. Distances differ by dialect (``point.distance``), see the docs.
"""

from __future__ import annotations

from typing import Any

from kg import settings
from kg.errors import QueryError, StoreError
from kg.graph import GraphBatch
from kg.schema import Schema, load_schema
from kg.store.base import QueryResult, Stats
from kg.store.cypher import Segment, batch_segments, count_segments
from kg.store.ddl import neo4j_ddl


def to_plain(value: Any) -> Any:
    """Driver objects to the same plain shapes FalkorStore returns."""
    from neo4j.graph import Node, Path, Relationship
    from neo4j.spatial import Point

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        out = {"_type": value.type, **{k: to_plain(v) for k, v in value.items()}}
        start, end = value.start_node, value.end_node
        if start is not None and end is not None and start.get("id") is not None and end.get("id") is not None:
            out["_start"], out["_end"] = start.get("id"), end.get("id")  # both ends came in the same record
        return out
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, Point):
        return {"latitude": float(value.y), "longitude": float(value.x)}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def _run_segments(tx: Any, segments: list[Segment]) -> None:
    for text, params in segments:
        tx.run(text, params).consume()


class Neo4jStore:
    name = "neo4j"

    def __init__(self, driver: Any | None = None, database: str | None = None) -> None:
        self._settings = settings.neo4j_settings()
        self._driver = driver
        self.database = database or self._settings.database

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self._settings.uri!r}, database={self.database!r})"

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def driver(self) -> Any:
        if self._driver is None:
            from neo4j import GraphDatabase

            s = self._settings
            auth = (s.username, s.password) if s.password is not None else None
            try:
                self._driver = GraphDatabase.driver(s.uri, auth=auth)
                self._driver.verify_connectivity()
            except Exception as exc:  # the driver raises many kinds; none may leak the password
                self._driver = None
                raise StoreError(_safe(f"cannot connect to Neo4j at {s.uri} as {s.username}: "
                                       f"{type(exc).__name__}: {exc}", s.password)) from None
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self, read: bool) -> Any:
        from neo4j import READ_ACCESS, WRITE_ACCESS

        return self.driver.session(database=self.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def _query(self, cypher: str, params: dict[str, Any] | None, read: bool) -> QueryResult:
        from neo4j.exceptions import ClientError, Neo4jError

        def work(tx: Any) -> QueryResult:
            res = tx.run(cypher, params or {})
            keys = list(res.keys())
            return QueryResult(columns=keys, rows=[[to_plain(rec[k]) for k in keys] for rec in res])

        try:
            with self._session(read) as session:
                return session.execute_read(work) if read else session.execute_write(work)
        except ClientError as exc:
            if read and "AccessMode" in (exc.code or ""):
                raise QueryError("this query writes to the graph; reads are read-only (use --write)") from exc
            raise QueryError(f"query failed: {exc.message}") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j failed: {exc.message}") from exc

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._query(cypher, params, read=True)

    def write_query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._query(cypher, params, read=False)

    def write(self, batch: GraphBatch) -> None:
        from neo4j.exceptions import Neo4jError

        segments = batch_segments(batch)
        if not segments:
            return
        segments += count_segments(batch, "neo4j")  # Neo4j sees the transaction's own writes
        try:
            with self._session(read=False) as session:
                session.execute_write(_run_segments, segments)
        except Neo4jError as exc:
            raise StoreError(f"batch not written (nothing was kept): {exc.message}") from exc

    def article_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        res = self.read("UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id, a.content_hash", {"ids": list(ids)})
        return {row[0]: row[1] for row in res.rows if row[1] is not None}

    def apply_schema(self, schema: Schema) -> list[str]:
        statements = neo4j_ddl(schema)
        for statement in statements:
            self.write_query(statement)
        self.write_query("CALL db.awaitIndexes(300)")
        return statements

    def stats(self) -> Stats:
        out = Stats()
        for (label,) in self.read("CALL db.labels() YIELD label RETURN label").rows:
            if label == load_schema().entity_label:
                continue  # every entity also has its own label; counting both would double the total
            out.nodes[label] = self.read(f"MATCH (n:`{_ident(label)}`) RETURN count(n)").rows[0][0]
        for (rtype,) in self.read("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType").rows:
            out.relationships[rtype] = self.read(f"MATCH ()-[r:`{_ident(rtype)}`]->() RETURN count(r)").rows[0][0]
        out.nodes = {k: v for k, v in out.nodes.items() if v}
        out.relationships = {k: v for k, v in out.relationships.items() if v}
        return out


def _ident(name: str) -> str:
    if "`" in name:
        raise StoreError(f"unexpected label name {name!r}")
    return name


def _safe(message: str, password: str | None) -> str:
    return message.replace(password, "***") if password else message
