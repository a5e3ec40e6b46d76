"""FalkorStore: the Store contract on the embedded FalkorDB server, over its unix socket.

The native protocol (``GRAPH.QUERY``) is used, not Bolt: FalkorDB's Bolt endpoint is experimental
and crashed on large parameter lists. A batch is written as ONE ``GRAPH.QUERY`` (segments chained
with ``WITH count(*) AS _``) because FalkorDB runs each query atomically and undoes all of it on a
runtime error (probed on 4.16: a failing later clause leaves no node of an earlier one), while
separate queries could leave half a batch behind.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node, Path
from falkordb.helpers import stringify_param_value

from kg import settings
from kg.errors import QueryError, StoreError
from kg.graph import GraphBatch
from kg.schema import Schema, load_schema
from kg.store.base import QueryResult, Stats
from kg.store.cypher import batch_segments, chain, count_segments
from kg.store.ddl import falkordb_constraint, falkordb_statements, unique_keys
from kg.store.embedded import EmbeddedServer
from kg.store.readonly import refuse_writes

log = logging.getLogger(__name__)


def to_plain(value: Any, ids: dict[int, Any] | None = None) -> Any:
    """Client objects to plain Python: nodes and edges become dicts, paths dicts of lists. ``ids``
    (the store's internal node id -> kg ``id`` of the nodes in the same result) lets an edge name
    its ends (``_start``/``_end``) without another query."""
    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **{k: to_plain(v, ids) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        out = {"_type": value.relation, **{k: to_plain(v, ids) for k, v in value.properties.items()}}
        start, end = (ids or {}).get(_node_id(value.src_node)), (ids or {}).get(_node_id(value.dest_node))
        if start is not None and end is not None:
            out["_start"], out["_end"] = start, end
        return out
    if isinstance(value, Path):
        return {"nodes": [to_plain(n, ids) for n in value.nodes()],
                "relationships": [to_plain(e, ids) for e in value.edges()]}
    if isinstance(value, list):
        return [to_plain(v, ids) for v in value]
    if isinstance(value, dict):  # maps and points ({latitude, longitude}) already are dicts
        return {k: to_plain(v, ids) for k, v in value.items()}
    return value


def _node_id(node: Any) -> Any:
    return node.id if isinstance(node, Node) else node


def _node_ids(value: Any, found: dict[int, Any]) -> dict[int, Any]:
    """Internal id -> kg ``id`` of every node in a result value."""
    if isinstance(value, Node) and value.id is not None and "id" in (value.properties or {}):
        found[value.id] = value.properties["id"]
    elif isinstance(value, Path):
        for n in value.nodes():
            _node_ids(n, found)
    elif isinstance(value, list):
        for v in value:
            _node_ids(v, found)
    elif isinstance(value, dict):
        for v in value.values():
            _node_ids(v, found)
    return found


def params_header(params: dict[str, Any]) -> str:
    """``CYPHER name=value ...`` as the falkordb client prefixes a query (values as Cypher literals,
    never spliced into the query itself); needed where commands are sent raw, as in a pipeline."""
    return "CYPHER " + " ".join(f"{name}={stringify_param_value(value)}" for name, value in params.items()) + " " \
        if params else ""


def _result(res: Any) -> QueryResult:
    columns = [str(col[1]) if isinstance(col, (list, tuple)) else str(col) for col in (res.header or [])]
    rows = res.result_set or []
    ids = _node_ids(rows, {})
    return QueryResult(columns=columns, rows=[[to_plain(v, ids) for v in row] for row in rows])


class FalkorStore:
    """The embedded store. Starts (or reuses) the server of ``KG_HOME`` on first use."""

    name = "embedded"

    def __init__(self, graph: str | None = None, server: EmbeddedServer | None = None, start: bool = True) -> None:
        self.server = server or EmbeddedServer()
        self.graph_name = graph or settings.graph_name()
        self._db: FalkorDB | None = None
        self._graph: Any = None  # kept: the client caches label/property names per graph object
        self._start = start

    def __repr__(self) -> str:
        return f"FalkorStore(graph={self.graph_name!r}, home={str(self.server.home)!r})"

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- connection -----------------------------------------------------------------------
    @property
    def graph(self) -> Any:
        if self._db is None:
            if self._start:
                self.server.start()
            elif not self.server.is_running():
                raise StoreError(f"the embedded store is not running ({self.server.socket}); run 'kg store start'")
            try:
                self._db = FalkorDB(unix_socket_path=str(self.server.socket), password=self.server.password())
            except redis.RedisError as exc:
                raise StoreError(f"cannot connect to the embedded store: {exc}") from exc
            self._graph = self._db.select_graph(self.graph_name)
        return self._graph

    def close(self) -> None:
        if self._db is not None:
            self._db.connection.close()
            self._db = None
            self._graph = None

    def _run(self, cypher: str, params: dict[str, Any] | None, read_only: bool) -> Any:
        graph = self.graph
        try:
            try:
                return graph.ro_query(cypher, params) if read_only else graph.query(cypher, params)
            except redis.ResponseError as exc:
                if not (read_only and "empty key" in str(exc)):
                    raise
                # reading a graph nothing was written to yet: create it empty, so reads behave as on any empty graph
                graph.query("RETURN 1")
                return graph.ro_query(cypher, params)
        except redis.ResponseError as exc:
            message = str(exc)
            if read_only and "read-only" in message:
                raise QueryError("this query writes to the graph; reads are read-only (use --write to allow "
                                 "writes)") from exc
            raise QueryError(f"query failed: {message}") from exc
        except redis.RedisError as exc:
            raise StoreError(f"the embedded store failed: {exc}") from exc

    # ---- contract -------------------------------------------------------------------------
    def read(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        refuse_writes(cypher)  # kg's own check besides GRAPH.RO_QUERY's (kg.store.readonly)
        return _result(self._run(cypher, params or {}, read_only=True))

    def write_query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return _result(self._run(cypher, params or {}, read_only=False))

    def write(self, batch: GraphBatch) -> None:
        """The batch as ONE query (atomic: FalkorDB undoes all of it on an error), then the entity
        recount, sent together in one pipeline so they run back to back.

        Not MULTI/EXEC: FalkorDB 4.x with Redis 8 aborts (``'!server.in_exec'``) when it replays a
        MULTI/EXEC of graph writes from the append-only file at start-up and a client command arrives
        meanwhile (reproduced here: 1 start in 3 with kg's own readiness polling). A client killed
        between the two commands leaves the recount undone; the counts are recomputed from the edges
        whenever those entities are written again."""
        segments = batch_segments(batch)
        if not segments:
            return
        statements = [chain(segments), *count_segments(batch)]
        graph = self.graph  # connects (and starts the server) first
        pipe = self._db.connection.pipeline(transaction=False) if self._db is not None else None
        if pipe is None or len(statements) == 1:
            try:
                self._run(*statements[0], read_only=False)
            except QueryError as exc:
                raise StoreError(f"batch not written (nothing was kept): {exc}") from exc
            return
        for text, params in statements:
            pipe.execute_command("GRAPH.QUERY", graph.name, params_header(params) + text, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except redis.RedisError as exc:
            raise StoreError(f"the embedded store failed: {exc}") from exc
        if isinstance(replies[0], Exception):
            raise StoreError(f"batch not written (nothing was kept): query failed: {replies[0]}")
        failed = next((r for r in replies[1:] if isinstance(r, Exception)), None)
        if failed is not None:  # the batch is in; its entities' counts were not recomputed
            raise StoreError(f"batch written but its recount failed: {failed}")

    def article_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        res = self.read("UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id, a.content_hash", {"ids": list(ids)})
        return {row[0]: row[1] for row in res.rows if row[1] is not None}

    def apply_schema(self, schema: Schema) -> list[str]:
        """Range, point and full-text indexes, then unique constraints; re-running changes nothing.

        Returns the statements that created something (an empty list when all existed already).
        Constraints that exist are not sent again (each was a round trip and an error to swallow). FalkorDB
        logs a successful ``GRAPH.CONSTRAINT CREATE`` twice (probed on 4.16), so replaying an uncompacted
        log prints a harmless "Constraint already exists" per constraint; when something was created, the
        log is compacted (in the background) so the next start reads a snapshot instead.
        """
        applied: list[str] = []
        graph = self.graph
        commands: list[tuple[str, list[str | int] | None]] = [(s, None) for s in falkordb_statements(schema)]
        existing = self._constraints()
        for label, prop in unique_keys(schema):
            if (label, prop) in existing:
                continue
            constraint = falkordb_constraint(self.graph_name, label, prop)
            commands.append((" ".join(str(w) for w in constraint), constraint))
        for text, command in commands:
            try:
                if command is None:
                    graph.query(text)
                else:
                    graph.execute_command(*command)
            except redis.ResponseError as exc:
                if "already" in str(exc).lower():
                    continue
                raise StoreError(f"schema statement failed: {text}: {exc}") from exc
            applied.append(text)
        self._wait_constraints()
        if applied:
            self.server.compact(wait=False)
        return applied

    def _constraints(self) -> set[tuple[str, str]]:
        """(label, property) of the unique node constraints that exist (any status)."""
        try:
            rows = self.graph.ro_query("CALL db.constraints() YIELD type, label, properties, entitytype "
                                       "RETURN type, label, properties, entitytype").result_set
        except redis.ResponseError as exc:
            if "empty key" in str(exc):
                return set()  # a graph nothing was written to yet
            raise StoreError(f"cannot list the store's constraints: {exc}") from exc
        return {(label, props[0]) for type_, label, props, kind in rows
                if type_ == "UNIQUE" and kind == "NODE" and len(props) == 1}

    def _wait_constraints(self, timeout: float = 30.0) -> None:
        """Constraints are built in the background; wait so the next write is checked against them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.graph.ro_query("CALL db.constraints() YIELD status RETURN status").result_set
            statuses = [r[0] for r in rows]
            if "FAILED" in statuses:
                raise StoreError("a unique constraint failed to build: the graph holds duplicate ids")
            if all(s == "OPERATIONAL" for s in statuses):
                return
            time.sleep(0.05)
        raise StoreError("unique constraints still pending after 30s")

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

    def drop(self) -> None:
        """Delete the whole graph (tests use a fresh graph each)."""
        try:
            self.graph.delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc):
                raise StoreError(f"cannot delete graph {self.graph_name!r}: {exc}") from exc


def _ident(name: str) -> str:
    """Labels read back from the store are quoted; a backtick in one could end the quote, so refuse it."""
    if "`" in name:
        raise StoreError(f"unexpected label name {name!r}")
    return name
