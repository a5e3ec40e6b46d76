"""The embedded server's life cycle: private files, socket only, reuse, restart after a crash, stop.

Each test runs its own server in its own KG_HOME (the ``kg_home`` fixture stops what is left).
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import time
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _wait_gone(pid: int) -> None:
    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def test_secrets_are_private_and_never_shown(kg_home: Path) -> None:
    server = EmbeddedServer()
    assert server.start() is True
    password = server.password()
    assert _mode(server.password_file) == 0o600
    assert _mode(server.config_file) == 0o600
    assert _mode(server.dir) == 0o700
    cmdline = Path(f"/proc/{server.pid()}/cmdline").read_bytes().decode()
    assert password not in cmdline and "redis-server" in cmdline  # redis retitles itself "unixsocket:..."
    assert password not in repr(server) and password not in repr(FalkorStore(server=server))
    assert password not in server.logfile.read_text()


def test_socket_only_no_tcp_port(kg_home: Path) -> None:
    server = EmbeddedServer()
    server.start()
    conn = server.client()
    assert conn.config_get("port") == {"port": "0"}
    assert server.socket.is_socket() and _mode(server.socket) == 0o700


def test_running_server_is_reused(kg_home: Path) -> None:
    server = EmbeddedServer()
    assert server.start() is True
    pid = server.pid()
    assert EmbeddedServer().start() is False
    assert EmbeddedServer().pid() == pid


def test_concurrent_starts_start_one_server(kg_home: Path) -> None:
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(EmbeddedServer().start())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, True]


def _write_marker(home: Path) -> None:
    with FalkorStore(graph="g", server=EmbeddedServer(home)) as st:
        st.write_query("CREATE (:Source {id: 'kept', name: $n})", {"n": "survives"})


def _read_marker(home: Path) -> list[list[object]]:
    with FalkorStore(graph="g", server=EmbeddedServer(home)) as st:
        return st.read("MATCH (s:Source {id: 'kept'}) RETURN s.name").rows


def test_restart_after_kill_keeps_data(kg_home: Path) -> None:
    _write_marker(kg_home)
    server = EmbeddedServer()
    pid = server.pid()
    assert pid
    os.kill(pid, signal.SIGKILL)
    _wait_gone(pid)
    assert server.is_running() is False
    assert server.socket.exists()  # stale socket left behind by the killed server
    assert server.start() is True
    assert server.pid() != pid
    assert _read_marker(kg_home) == [["survives"]]


def test_stop_persists_and_start_again(kg_home: Path) -> None:
    _write_marker(kg_home)
    server = EmbeddedServer()
    assert server.stop() is True
    assert server.is_running() is False and not server.socket.exists()
    assert server.stop() is False
    with pytest.raises(StoreError, match="not running"):
        FalkorStore(graph="g", server=server, start=False).read("RETURN 1")
    assert _read_marker(kg_home) == [["survives"]]


def test_corrupt_data_file_is_a_clear_error(kg_home: Path) -> None:
    _write_marker(kg_home)
    server = EmbeddedServer()
    server.stop()
    files = [p for p in (server.dir / "appendonlydir").iterdir() if ".base." in p.name or ".incr." in p.name]
    assert files
    for path in files:
        path.write_bytes(b"*3\r\n$3\r\nSET\r\ngarbage that is not a valid command stream")
    with pytest.raises(StoreError) as info:
        server.start()
    message = str(info.value)
    assert "did not start" in message and str(server.logfile) in message
    assert "Bad file format" in message and "appendonly.aof" in message  # names the file, says what Redis said
    assert "kg store check" in message and "Nothing was changed" in message
    assert "move them aside" not in message and "start empty" not in message and "delete" not in message.lower()
    assert server.password() not in message
    assert server.state() == "stopped"


def test_harmless_replay_errors_are_not_called_damage(kg_home: Path) -> None:
    """Old stores replay "Constraint already exists" errors at every start: they mention AOF, are logged as
    CRITICAL, and mean nothing is wrong. Only Redis's own words for unreadable files count as damage."""
    server = EmbeddedServer()
    server.dir.mkdir(parents=True)
    server.logfile.write_text(
        "4242:M 30 Nov 2026 00:51:40.722 # == CRITICAL == This server is sending an error to its "
        "AOF-loading-client: '-Constraint already exists' after processing the command 'graph.CONSTRAINT'\n"
        "4242:M 30 Nov 2026 00:51:41.000 # Fatal: some other failure\n")
    message = server._why(0, b"")
    assert "Constraint already exists" not in message and "some other failure" in message
    assert "could not read its data files" not in message


def test_server_outlives_the_command_that_started_it(kg_home: Path) -> None:
    import subprocess
    import sys

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args],
                              capture_output=True, text=True, timeout=120, check=False)

    first = kg("query", "CREATE (s:Source {id: 'x'}) RETURN s.id AS id", "--write", "--format", "json")
    assert first.returncode == 0, first.stderr
    server = EmbeddedServer()
    assert server.is_running()
    pid = server.pid()
    second = kg("query", "MATCH (s:Source) RETURN s.id AS id", "--format", "csv")
    assert second.returncode == 0 and second.stdout.splitlines() == ["id", "x"]
    assert server.pid() == pid


def test_batch_writes_leave_no_multi_exec_in_the_append_only_file(kg_home: Path) -> None:
    """FalkorDB 4.x on Redis 8 aborts ('!server.in_exec') when it replays a MULTI/EXEC of graph
    writes from the append-only file at start-up while a client (kg's own readiness check) talks to
    it; reproduced on this machine in 1 start of 3. Batch writes must therefore never be MULTI/EXEC."""
    from tests.store.sample import many

    store = FalkorStore(graph="g")
    for _ in range(3):
        store.write(many(5))
    store.close()
    server = EmbeddedServer()
    logged = b"".join(p.read_bytes() for p in (server.dir / "appendonlydir").glob("*.incr.aof"))
    assert b"GRAPH.QUERY" in logged or b"GRAPH.EFFECT" in logged  # the writes are in the file
    assert b"\r\nMULTI\r\n" not in logged and b"\r\nEXEC\r\n" not in logged
    assert server.stop() is True and server.start() is True  # and it comes back with the graph
    assert FalkorStore(graph="g").read("MATCH (a:Article) RETURN count(a)").rows[0][0] == 5
