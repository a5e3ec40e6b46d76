"""Durability of the embedded store against the real server: restarts, crashes, races, old stores.

The graphs are made by ``tests.store.synth`` (no spaCy) and written through the real FalkorStore, so
a few thousand articles take seconds. No timing is asserted: what is checked is that every committed
article comes back, that one server runs per KG_HOME, and what the store says about itself.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from kg.schema import load_schema
from kg.store import maintenance
from kg.store.embedded import EmbeddedServer
from kg.store.falkor import FalkorStore

from .synth import batches


def _write(home: Path, n: int, start: int = 0) -> None:
    with FalkorStore(graph="kg", server=EmbeddedServer(home)) as store:
        store.apply_schema(load_schema())
        for batch in batches(n, start=start):
            store.write(batch)


def _snapshot(home: Path) -> tuple[dict[str, int], dict[str, int], list[str], list[str]]:
    """Counts per label and type, and every article and entity id."""
    with FalkorStore(graph="kg", server=EmbeddedServer(home)) as store:
        stats = store.stats()
        articles = sorted(r[0] for r in store.read("MATCH (a:Article) RETURN a.id").rows)
        entities = sorted(r[0] for r in store.read("MATCH (e:Entity) RETURN e.id").rows)
    return stats.nodes, stats.relationships, articles, entities


def _kill(server: EmbeddedServer) -> int:
    pid = server.pid()
    assert pid
    os.kill(pid, signal.SIGKILL)
    for _ in range(400):
        if not server._pid_alive(pid):
            break
        time.sleep(0.05)
    return pid


def _servers_of(server: EmbeddedServer) -> list[int]:
    """Live redis-server processes (not rewrite children) serving this home's socket."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if str(server.socket) in cmdline and cmdline.split(" ")[0].endswith("redis-server") and server._pid_alive(int(proc.name)):
            found.append(int(proc.name))
    return found


def test_restart_after_stop_and_after_kill_returns_the_same_graph(kg_home: Path) -> None:
    _write(kg_home, 3000)
    before = _snapshot(kg_home)
    assert len(before[2]) == 3000 and len(before[3]) > 1000
    server = EmbeddedServer()
    assert server.stop() is True
    files = server.data_files()
    assert not any(size for name, size in files.items() if ".incr." in name)  # stop compacted the log
    assert _snapshot(kg_home) == before

    _write(kg_home, 500, start=3000)  # then a crash: the new writes are only in the incremental log
    grown = _snapshot(kg_home)
    assert len(grown[2]) == 3500
    _kill(server)
    assert _snapshot(kg_home) == grown
    assert server.stop() is True


def test_kill_during_compaction_loses_no_committed_article(kg_home: Path) -> None:
    _write(kg_home, 2000)
    server = EmbeddedServer()
    before = _snapshot(kg_home)
    conn = server.client()
    for attempt in range(20):  # kill the server while its rewrite child is writing the new base
        try:
            conn.bgrewriteaof()
        except redis.ResponseError as exc:  # Redis's own automatic rewrite already runs: the state wanted
            if "in progress" not in str(exc):
                raise
        if conn.info("persistence")["aof_rewrite_in_progress"]:
            break
        _write(kg_home, 50, start=2000 + 50 * attempt)
        before = _snapshot(kg_home)
    assert conn.info("persistence")["aof_rewrite_in_progress"]
    conn.close()
    _kill(server)
    for _ in range(600):  # the orphaned child ends its rewrite on its own and lets go of the lock
        if not server._held():
            break
        time.sleep(0.05)
    orphaned = maintenance.leftovers(server)
    assert orphaned and all(name.startswith("temp-rewriteaof-") for name in orphaned)
    assert _snapshot(kg_home) == before  # nothing committed was lost
    assert not set(orphaned) & set(maintenance.leftovers(server))  # the lock holder removed them
    assert len(_servers_of(server)) == 1
    assert server.stop() is True


def _old_store(home: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store as kg wrote it before compaction: queries (not effects) in a log never compacted, and a
    server that was killed, not stopped. FalkorDB logged each constraint's creation twice, so its
    replay prints "Constraint already exists ... AOF-loading-client" lines, which are harmless."""
    new_config = EmbeddedServer._write_config

    def old_config(self: EmbeddedServer) -> None:
        new_config(self)
        text = self.config_file.read_text().replace(" EFFECTS_THRESHOLD 0", "")
        self.config_file.write_text(text.replace("auto-aof-rewrite-percentage 100", "auto-aof-rewrite-percentage 0"))

    with monkeypatch.context() as patch:
        patch.setattr(EmbeddedServer, "_write_config", old_config)
        patch.setattr(EmbeddedServer, "compact", lambda self, wait=True, only_if_grown=False: None)
        _write(home, n)
        _kill(EmbeddedServer(home))


@pytest.fixture
def old_store(kg_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    _old_store(kg_home, 1000, monkeypatch)
    server = EmbeddedServer(kg_home)
    incr = sum(size for name, size in server.data_files().items() if ".incr." in name)
    assert incr > 1 << 20  # the whole history is in the log
    yield kg_home


def test_old_store_opens_says_loading_then_is_compacted(old_store: Path) -> None:
    server = EmbeddedServer()
    assert server.status()["state"] == "stopped"
    seen: list[str] = []
    starter = threading.Thread(target=server.start)
    starter.start()
    while starter.is_alive():
        seen.append(str(server.status()["state"]))
        time.sleep(0.05)
    starter.join()
    assert "loading" in seen and server.status()["state"] == "running"
    assert "stopped" not in seen[seen.index("loading"):]
    assert len(_snapshot(old_store)[2]) == 1000
    # harmless "Constraint already exists ... AOF-loading-client" lines were replayed, and ignored
    assert "AOF-loading-client" in server.logfile.read_text()
    deadline = time.monotonic() + 120
    while any(".incr." in n and s > 1 << 20 for n, s in server.data_files().items()) and time.monotonic() < deadline:
        time.sleep(0.1)  # start-up compacts the old log in the background
    assert not any(".incr." in n and s > 1 << 20 for n, s in server.data_files().items())
    assert server.stop() is True


def _kg(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_commands_racing_while_the_store_loads_share_one_server(old_store: Path) -> None:
    server = EmbeddedServer()
    log_mark = server.logfile.stat().st_size
    first = _kg("query", "MATCH (a:Article) RETURN count(a) AS n", "--format", "json")
    time.sleep(0.3)  # the first has taken the lock and the server is reading its log
    second = _kg("stats", "--format", "json")
    states = []
    while first.poll() is None or second.poll() is None:
        states.append(server.state())
        assert len(_servers_of(server)) <= 1
        time.sleep(0.1)
    out1, err1 = first.communicate()
    out2, err2 = second.communicate()
    assert first.returncode == 0 and second.returncode == 0, err1 + err2
    assert json.loads(out1) == [{"n": 1000}]  # stdout is pure JSON: the spinner went to stderr
    assert json.loads(out2)["nodes"]["Article"] == 1000
    assert len(_servers_of(server)) == 1
    with open(server.logfile, "rb") as fh:
        fh.seek(log_mark)
        assert fh.read().decode().count("Server initialized") == 1  # one start, no second server
    assert "loading" in states or "loading" in err1 + err2
    assert "damaged" not in err1 + err2
    assert server.stop() is True


def test_backup_and_restore_round_trip(kg_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(kg_home, 600)
    before = _snapshot(kg_home)
    backup = tmp_path / "kg.rdb"
    assert maintenance.backup(EmbeddedServer(), backup)["bytes"] > 0
    _write(kg_home, 100, start=600)  # written after the backup: not in it
    other = Path(str(kg_home) + "-r")
    try:
        assert maintenance.restore(EmbeddedServer(other), backup)["moved_aside"] is None
        assert _snapshot(other) == before
        with pytest.raises(Exception, match="already holds a store"):
            maintenance.restore(EmbeddedServer(other), backup)
    finally:
        EmbeddedServer(other).stop()
        shutil.rmtree(other, ignore_errors=True)
    # --force into the home that has moved on: the newer files are kept aside, the backup comes back
    report = maintenance.restore(EmbeddedServer(), backup, force=True)
    assert report["moved_aside"] and any(Path(report["moved_aside"]).iterdir())
    assert _snapshot(kg_home) == before
    assert EmbeddedServer().stop() is True
    with pytest.raises(Exception, match="not a backup"):
        maintenance.restore(EmbeddedServer(other), Path(__file__), force=True)


def test_two_backups_at_once_both_succeed(kg_home: Path, tmp_path: Path) -> None:
    """Every snapshot goes to the one dump file Redis writes: backups take turns instead of racing."""
    _write(kg_home, 200)
    results: dict[str, object] = {}

    def run(name: str) -> None:
        try:
            results[name] = maintenance.backup(EmbeddedServer(), tmp_path / f"{name}.rdb")
        except Exception as exc:  # reported below with the other's result
            results[name] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for name in ("one", "two"):
        report = results[name]
        assert isinstance(report, dict), results
        assert (tmp_path / f"{name}.rdb").read_bytes()[:5] == b"REDIS"
    assert EmbeddedServer().stop() is True
