"""Neo4jStore: the Store contract on Neo4j 5 through the official driver (production backend).

Kept thin on purpose: the Cypher comes from ``kg.store.cypher`` and the DDL from ``kg.store.ddl``,
shared with the embedded store, so what is tested against FalkorDB is what Neo4j runs. A batch runs
as the same segments inside ONE managed write transaction; reads run in READ access mode.

Why capability detection: the suite runs live against a Neo4j-5-compatible Bolt server (ArcadeDB,
docs/neo4j.md) that lacks full-text indexes and ``db.awaitIndexes`` and does not enforce READ
access. kg probes what the server does rather than trusting its version string (ArcadeDB reports
"Neo4j/5.26.0"), degrades with one warning per missing feature, and keeps its own guarantees on any
server: keys are checked before a batch is sent (a MERGE on a null key must fail, not create a
node), and reads are checked for write clauses by kg before the server sees them.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from kg import settings
from kg.errors import ConfigError, QueryError, StoreError
from kg.graph import GraphBatch
from kg.schema import Schema, load_schema
from kg.store.base import QueryResult, Stats
from kg.store.cypher import Segment, batch_segments, count_segments
from kg.store.ddl import neo4j_ddl
from kg.store.readonly import refuse_writes

log = logging.getLogger(__name__)
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
_HELP = "see docker/README.md"
_PROBE_ID = "kg:probe:read-access"  # written in a READ transaction that is always rolled back
_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    """A missing server feature is said once per process, not once per query."""
    if key not in _warned:
        _warned.add(key)
        log.warning("warning: %s", message)


@dataclass
class Capabilities:
    """What the server behind NEO4J_URI was seen to do (None: not probed yet)."""

    agent: str = ""
    fulltext: bool | None = None
    read_enforced: bool | None = None
    await_indexes: bool | None = None


def check_uri(uri: str) -> None:
    """Refuse what the Bolt driver would misread: kg talks Bolt, never Neo4j's HTTP API."""
    scheme = urlsplit(uri).scheme.lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        got = f"a {scheme}:// URI" if scheme else "no scheme"
        raise ConfigError(f"NEO4J_URI={uri!r} has {got}; kg connects over Bolt: use "
                          f"{', '.join(s + '://' for s in SCHEMES)} with the Bolt port (7687 by default, not "
                          f"the HTTP port 7474; {_HELP})")


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


def check_keys(batch: GraphBatch) -> None:
    """Every row must carry its key (and a relationship both ends) before anything is sent.

    Neo4j fails a MERGE on a null key, but not every Bolt server does (ArcadeDB creates a node
    without one), and a keyless node could never be merged again."""
    for label, rows in batch.nodes.items():
        for row in rows.values():
            if not isinstance(row.get("id"), str) or not row["id"]:
                raise StoreError(f"batch not written (nothing was kept): a {label} node has no id")
    for (type_, _src, _dst), rows in batch.rels.items():
        for row in rows.values():
            missing = [k for k in ("id", "src", "dst") if not isinstance(row.get(k), str) or not row[k]]
            if missing:
                raise StoreError(f"batch not written (nothing was kept): a {type_} relationship has no "
                                 f"{' or '.join(missing)}")


class Neo4jStore:
    name = "neo4j"

    def __init__(self, driver: Any | None = None, database: str | None = None) -> None:
        self._settings = settings.neo4j_settings()
        self._driver = driver
        self.database = database or self._settings.database
        self.capabilities = Capabilities()

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self._settings.uri!r}, database={self.database!r})"

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- connection and errors ------------------------------------------------------------
    @property
    def driver(self) -> Any:
        if self._driver is None:
            from neo4j import GraphDatabase

            s = self._settings
            check_uri(s.uri)
            # the driver logs its own lines ("Unable to retrieve routing information") besides raising;
            # kg says it once, in its own words. An application that configures logging still sees them.
            logging.getLogger("neo4j").addHandler(logging.NullHandler())
            auth = (s.username, s.password) if s.password is not None else None
            try:
                driver = GraphDatabase.driver(s.uri, auth=auth)
                driver.verify_connectivity()
                self.capabilities.agent = driver.get_server_info().agent or ""
            except Exception as exc:  # the driver raises many kinds; none may leak the password
                raise self._error(exc) from None
            self._driver = driver
        return self._driver

    def _error(self, exc: Exception, read: bool = False) -> Exception:
        """A driver or server error as a KgError a user can act on."""
        from neo4j.exceptions import (
            AuthError,
            ClientError,
            ConfigurationError,
            DriverError,
            Neo4jError,
            ServiceUnavailable,
            SessionExpired,
        )

        s = self._settings
        code = getattr(exc, "code", None) or ""
        if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
            unset = " (NEO4J_PASSWORD is not set)" if s.password is None else ""
            return StoreError(f"Neo4j at {s.uri} refused the login of user {s.username!r}{unset}: check "
                              f"NEO4J_USERNAME and NEO4J_PASSWORD ({_HELP})")
        if isinstance(exc, ServiceUnavailable | SessionExpired | OSError):
            return StoreError(f"cannot reach Neo4j at {s.uri}: is it running? set NEO4J_URI to its Bolt "
                              f"address, e.g. neo4j://localhost:7687 ({_HELP})")
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"Neo4j at {s.uri} has no database {self.database!r}: set NEO4J_DATABASE to one "
                              "that exists (SHOW DATABASES lists them) or unset it for the server's default")
        if isinstance(exc, ConfigurationError):
            return ConfigError(_safe(f"NEO4J_URI={s.uri!r}: {exc}", s.password))
        if isinstance(exc, ClientError):
            if read and "AccessMode" in code:
                return QueryError("this query writes to the graph; reads are read-only (use --write to allow "
                                  "writes)")
            return QueryError(_safe(f"query failed: {exc.message}", s.password))
        if isinstance(exc, Neo4jError):
            return StoreError(_safe(f"Neo4j failed: {exc.message}", s.password))
        if isinstance(exc, DriverError):
            return StoreError(_safe(f"Neo4j driver failed: {type(exc).__name__}: {exc}", s.password))
        return StoreError(_safe(f"cannot use Neo4j at {s.uri}: {type(exc).__name__}: {exc}", s.password))

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self, read: bool) -> Any:
        from neo4j import READ_ACCESS, WRITE_ACCESS

        return self.driver.session(database=self.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def _query(self, cypher: str, params: dict[str, Any] | None, read: bool) -> QueryResult:
        from neo4j.exceptions import DriverError, Neo4jError

        def work(tx: Any) -> QueryResult:
            res = tx.run(cypher, params or {})
            keys = list(res.keys())
            return QueryResult(columns=keys, rows=[[to_plain(rec[k]) for k in keys] for rec in res])

        try:
            with self._session(read) as session:
                return session.execute_read(work) if read else session.execute_write(work)
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._error(exc, read) from exc

    # ---- capabilities ---------------------------------------------------------------------
    def read_access_enforced(self) -> bool:
        """Does the server refuse a write in a READ transaction? Probed once, in a transaction that is
        always rolled back, so nothing is kept whatever the answer."""
        if self.capabilities.read_enforced is None:
            from neo4j.exceptions import ClientError, DriverError, Neo4jError

            try:
                with self._session(read=True) as session:
                    tx = session.begin_transaction()
                    try:
                        tx.run(f"CREATE (n:{load_schema().label('Source')} {{id: $id}}) RETURN n.id",
                               {"id": _PROBE_ID}).consume()
                        enforced = False
                    except ClientError:
                        enforced = True
                    finally:
                        if not tx.closed():
                            tx.rollback()
            except (Neo4jError, DriverError, OSError) as exc:
                raise self._error(exc, read=True) from exc
            self.capabilities.read_enforced = enforced
            if not enforced:
                _warn_once("read", f"the server at {self._settings.uri} ({self.capabilities.agent}) does not "
                                   "enforce READ access: kg refuses write clauses in reads itself, but a procedure "
                                   "called from a read (CALL ...) is not checked")
        return self.capabilities.read_enforced

    # ---- contract -------------------------------------------------------------------------
    def read(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        refuse_writes(cypher)
        self.read_access_enforced()
        return self._query(cypher, params, read=True)

    def write_query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._query(cypher, params, read=False)

    def write(self, batch: GraphBatch) -> None:
        from neo4j.exceptions import DriverError, Neo4jError

        segments = batch_segments(batch)
        if not segments:
            return
        check_keys(batch)
        segments += count_segments(batch, "neo4j")  # Neo4j sees the transaction's own writes
        try:
            with self._session(read=False) as session:
                session.execute_write(_run_segments, segments)
        except Neo4jError as exc:
            err = self._error(exc)
            if isinstance(err, QueryError) or str(err).startswith("Neo4j failed"):  # refused: none of it was kept
                raise StoreError(_safe(f"batch not written (nothing was kept): {exc.message}",
                                       self._settings.password)) from exc
            raise err from exc
        except (DriverError, OSError) as exc:
            raise self._error(exc) from exc

    def article_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        res = self.read("UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id, a.content_hash", {"ids": list(ids)})
        return {row[0]: row[1] for row in res.rows if row[1] is not None}

    def apply_schema(self, schema: Schema) -> list[str]:
        """Constraints and indexes (``IF NOT EXISTS``: safe to repeat), then wait until they are online.

        A full-text index the server cannot build is left out with one warning: no saved query needs
        it (it serves full-text search in Neo4j Browser and NeoDash)."""
        from neo4j.exceptions import Neo4jError

        applied: list[str] = []
        for statement in neo4j_ddl(schema):
            if statement.startswith("CREATE FULLTEXT INDEX"):
                if self.capabilities.fulltext is False:
                    continue
                try:
                    self.write_query(statement)
                except (QueryError, StoreError) as exc:
                    self.capabilities.fulltext = False
                    _warn_once("fulltext", f"the server at {self._settings.uri} ({self.capabilities.agent}) "
                                           f"did not create a full-text index ({exc}); kg works without it, "
                                           "full-text search in Neo4j Browser does not")
                    continue
                self.capabilities.fulltext = True
            else:
                self.write_query(statement)
            applied.append(statement)
        try:
            with self._session(read=False) as session:
                session.run("CALL db.awaitIndexes(300)").consume()
            self.capabilities.await_indexes = True
        except Neo4jError as exc:
            if "awaitIndexes" not in (exc.message or ""):
                raise self._error(exc) from exc
            self.capabilities.await_indexes = False
            self._poll_indexes()
        return applied

    def _poll_indexes(self, timeout: float = 300.0) -> None:
        """Without ``db.awaitIndexes``: wait until SHOW INDEXES reports every index ONLINE."""
        deadline = time.monotonic() + timeout
        while True:
            states = [row[0] for row in self._query("SHOW INDEXES YIELD state RETURN state", None, read=True).rows]
            if "FAILED" in states:
                raise StoreError(f"an index failed to build on Neo4j at {self._settings.uri} (SHOW INDEXES)")
            if all(state == "ONLINE" for state in states):
                return
            if time.monotonic() > deadline:
                raise StoreError(f"indexes still not online after {timeout:.0f} s (SHOW INDEXES)")
            time.sleep(0.2)

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
    """Hide the password should a server echo it (a short one is not searched for: it would blank
    ordinary words of the message)."""
    return message.replace(password, "***") if password and len(password) >= 6 else message
