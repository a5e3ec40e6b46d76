"""``kg store|schema|stats|query`` through click's runner, on the real embedded store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.store import parse_param
from kg.store.falkor import FalkorStore

from .sample import TEXT, batch, extraction


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_parse_param_types() -> None:
    assert parse_param("n=5") == ("n", 5)
    assert parse_param("x=2.5") == ("x", 2.5)
    assert parse_param("b=true") == ("b", True) and parse_param("b=False") == ("b", False)
    assert parse_param("v=null") == ("v", None)
    assert parse_param("name=Kyiv=city") == ("name", "Kyiv=city")


def test_query_json_csv_table(store: FalkorStore) -> None:
    store.write(batch(extraction("a1", TEXT)))
    code, out = _run("query", "MATCH (p:Place) RETURN p.name AS name, p.geonames_id AS gid, p.location AS loc",
                     "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert rows[0]["name"] == "Kyiv" and rows[0]["gid"] == 703448
    assert rows[0]["loc"]["latitude"] == pytest.approx(50.45, abs=1e-4)
    code, out = _run("query", "MATCH (c:Country) WHERE c.name = $n RETURN c.name AS name", "--param", "n=Russia",
                     "--format", "csv")
    assert code == 0 and list(csv.reader(io.StringIO(out))) == [["name"], ["Russia"]]
    code, out = _run("query", "MATCH (a:Article) RETURN a.id AS id")
    assert code == 0 and "a1" in out


def test_query_is_read_only_unless_write(store: FalkorStore) -> None:
    code, out = _run("query", "CREATE (:Source {id: 'x'})")
    assert code == 1 and "read-only" in out and "Traceback" not in out
    assert store.read("MATCH (n) RETURN count(n)").rows == [[0]]
    code, out = _run("query", "CREATE (s:Source {id: 'x'}) RETURN s.id AS id", "--write", "--format", "json")
    assert code == 0 and json.loads(out) == [{"id": "x"}]


def test_usage_and_library_errors(store: FalkorStore) -> None:
    assert _run("query")[0] == 2
    assert _run("query", "RETURN 1", "--param", "novalue")[0] == 2
    code, out = _run("query", "RETURN 1", "--store", "nosuch")
    assert code == 1 and "embedded" in out and "neo4j" in out
    code, out = _run("query", "MATCH (n RETURN n")
    assert code == 1 and "Error" in out and "Traceback" not in out


def test_stats_and_schema(store: FalkorStore) -> None:
    store.write(batch(extraction("a1", TEXT)))
    code, out = _run("stats", "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert stats["nodes"]["Place"] == 1 and stats["node_total"] == 7
    code, out = _run("stats")
    assert code == 0 and "MENTIONS" in out
    code, out = _run("schema", "apply")
    assert code == 0 and "embedded" in out
    code, out = _run("schema", "show", "--format", "cypher-neo4j")
    assert code == 0 and "CREATE CONSTRAINT article_id_unique IF NOT EXISTS" in out
    code, out = _run("schema", "show", "--format", "cypher-falkordb")
    assert code == 0 and "GRAPH.CONSTRAINT CREATE" in out
    code, out = _run("schema", "show")
    assert code == 0 and "entity_label: Entity" in out


def test_store_start_status_stop(kg_home: Path) -> None:
    code, out = _run("store", "status", "--format", "json")
    assert code == 0 and json.loads(out)["running"] is False
    code, out = _run("store", "start")
    assert code == 0 and out.startswith("started")
    assert _run("store", "start")[1].startswith("already running")
    code, out = _run("store", "status", "--format", "json")
    status = json.loads(out)
    assert status["running"] is True and status["state"] == "running" and status["pid"]
    assert status["uptime_seconds"] is not None and status["data_bytes"] > 0
    assert any(".base." in name for name in status["files"])
    code, out = _run("store", "check", "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["state"] == "running"
    code, out = _run("store", "stop")  # (a spinner line may precede it on a busy machine: stderr)
    assert code == 0 and out.splitlines()[-1] == "stopped"
    assert _run("store", "stop") == (0, "not running\n")
    code, out = _run("store", "status", "--format", "json")
    assert json.loads(out)["state"] == "stopped" and json.loads(out)["pid"] is None
    code, out = _run("store", "check")
    assert code == 0 and "All AOF files and manifest are valid" in out  # Redis's own checker, read-only


def test_store_check_names_a_damaged_file_and_changes_nothing(kg_home: Path) -> None:
    assert _run("query", "CREATE (:Source {id: 'x'})", "--write")[0] == 0
    assert _run("store", "stop")[0] == 0
    from kg.store.embedded import EmbeddedServer

    incr = next(p for p in EmbeddedServer().aof_dir.iterdir() if ".incr." in p.name)
    incr.write_bytes(b"*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\nnot a command")
    damaged = incr.read_bytes()
    code, out = _run("store", "check")
    assert code == 1 and incr.name in out and "Traceback" not in out
    assert incr.read_bytes() == damaged
    code, out = _run("query", "RETURN 1")
    assert code == 1 and "Bad file format" in out and "kg store check" in out and "Traceback" not in out
    code, out = _run("store", "check", "--repair", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert (Path(report["copy"]) / incr.name).read_bytes() == damaged  # the damaged files were kept aside
    code, out = _run("query", "MATCH (s:Source) RETURN s.id AS id", "--format", "json")
    assert code == 0 and json.loads(out) == [{"id": "x"}]  # the write compacted by 'stop' is intact


def test_store_backup_and_restore_commands(kg_home: Path, tmp_path: Path) -> None:
    assert _run("query", "CREATE (:Source {id: 'kept'})", "--write")[0] == 0
    backup = tmp_path / "b.rdb"
    code, out = _run("store", "backup", str(backup))
    assert code == 0 and "backup written" in out and backup.stat().st_size > 0
    assert _run("query", "CREATE (:Source {id: 'later'})", "--write")[0] == 0
    code, out = _run("store", "restore", str(backup))
    assert code == 1 and "--force" in out
    code, out = _run("store", "restore", str(backup), "--force")
    assert code == 0 and "moved to" in out
    code, out = _run("query", "MATCH (s:Source) RETURN s.id AS id", "--format", "json")
    assert json.loads(out) == [{"id": "kept"}]


def test_saved_query_with_params(store: FalkorStore) -> None:
    store.write(batch(extraction("a1", TEXT)))
    code, out = _run("query", "--saved", "articles-mentioning", "--param", "name=kyiv", "--format", "json")
    assert code == 0, out
    assert [row["entity"] for row in json.loads(out)] == ["Kyiv"]
    code, out = _run("query", "--saved", "no-such-query")
    assert code == 1 and "no saved query" in out


def test_reading_a_graph_never_written(kg_home: Path) -> None:
    code, out = _run("query", "MATCH (n) RETURN count(n) AS n", "--format", "json")
    assert code == 0 and json.loads(out) == [{"n": 0}]
    code, out = _run("query", "CREATE (:Source {id: 'x'})")
    assert code == 1 and "read-only" in out
    code, out = _run("stats", "--format", "json")
    assert code == 0 and json.loads(out)["node_total"] == 0
