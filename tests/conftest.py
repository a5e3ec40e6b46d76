"""Shared fixtures: a private KG_HOME, one embedded store server per test session, a fresh graph per test.

The session server lives in its own temporary KG_HOME, so a developer's own store is never touched,
and it is stopped at the end even when no server was running before the tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kg.schema import load_schema
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore
from kg.store.neo4j import Neo4jStore
from tests.bolt_server import BoltServer, package_dir


def _short_tmpdir(prefix: str) -> Path:
    """A short path: the unix socket inside it must fit in 108 bytes, pytest's tmp_path may not."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


@pytest.fixture
def kg_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty KG_HOME for one test (a server started in it must be stopped by the test)."""
    home = _short_tmpdir("kgh-")
    monkeypatch.setenv("KG_HOME", str(home))
    yield home
    server = EmbeddedServer(home)
    if server.pid() and server.is_running():
        server.stop()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[EmbeddedServer]:
    """One embedded FalkorDB server for the whole session, in a temporary KG_HOME."""
    home = _short_tmpdir("kgs-")
    server = EmbeddedServer(home)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


def point_cli_at(server: EmbeddedServer, graph: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """KG_HOME, KG_GRAPH and KG_STORE name this graph, so CLI commands run in the test (CliRunner) see it."""
    monkeypatch.setenv("KG_HOME", str(server.home))
    monkeypatch.setenv("KG_GRAPH", graph)
    monkeypatch.setenv("KG_STORE", "embedded")


@contextmanager
def falkor_graph(server: EmbeddedServer, prefix: str, batch: Any = None) -> Iterator[FalkorStore]:
    """A FalkorStore on a fresh uniquely named graph, schema applied (and ``batch`` written), dropped after."""
    st = FalkorStore(graph=f"{prefix}_{uuid.uuid4().hex[:12]}", server=server)
    st.apply_schema(load_schema())
    if batch is not None:
        st.write(batch)
    try:
        yield st
    finally:
        st.drop()
        st.close()


@pytest.fixture
def store(embedded_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[FalkorStore]:
    """A FalkorStore on a fresh graph with the schema applied.

    KG_HOME, KG_GRAPH and KG_STORE point at it too, so CLI commands run in the test
    (click's CliRunner) see the same graph.
    """
    with falkor_graph(embedded_server, "t") as st:
        point_cli_at(embedded_server, st.graph_name, monkeypatch)
        yield st


# ---- Neo4j: a live Bolt server (tests/bolt_server.py) -------------------------------------------
def _neo4j_required() -> bool:
    """In CI (and wherever KG_REQUIRE_NEO4J=1, as .ci/run sets) a missing server fails, never skips."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("KG_REQUIRE_NEO4J") == "1"


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """One Neo4j-compatible Bolt server (ArcadeDB) for the session, on loopback, with a fresh database."""
    if package_dir() is None:
        message = "the arcadedb-embedded wheel is not installed (pip install -e '.[dev]'): no Bolt server"
        if _neo4j_required():
            pytest.fail(message)
        pytest.skip(message)
    server = BoltServer(_short_tmpdir("kgb-"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@contextmanager
def emptied_neo4j(bolt_server: BoltServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    """A Neo4jStore on the session server's database, emptied before and after use, schema applied.
    NEO4J_* point at it (through ``monkeypatch``), so CLI commands run meanwhile reach it too."""
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    st = Neo4jStore()
    st.write_query("MATCH (n) DETACH DELETE n")
    st.apply_schema(load_schema())
    try:
        yield st
    finally:
        st.write_query("MATCH (n) DETACH DELETE n")
        st.close()


@pytest.fixture
def neo4j_store(bolt_server: BoltServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    """``emptied_neo4j`` for one test."""
    with emptied_neo4j(bolt_server, monkeypatch) as st:
        yield st
