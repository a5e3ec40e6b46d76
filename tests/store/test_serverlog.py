"""What the embedded server's log says (kg/store/serverlog.py): loading vs ready, and damage only in
Redis's own words. Log lines written here in Redis's format."""

from __future__ import annotations

from pathlib import Path

from kg.store import serverlog

_START = "1:C 30 Nov 2026 02:00:00.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n"
_LOADING = "1:M 30 Nov 2026 02:00:00.100 * DB loaded from incr file appendonly.aof.1.incr.aof\n"
_READY = "1:M 30 Nov 2026 02:00:01.000 * Ready to accept connections unix\n"


def test_latest_start_is_loading_until_it_says_ready(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text(_START + _LOADING + _READY + _START + _LOADING, encoding="utf-8")
    assert not serverlog.ready_logged(log)
    log.write_text(_START + _LOADING + _READY + _START + _LOADING + _READY, encoding="utf-8")
    assert serverlog.ready_logged(log)


def test_a_tail_without_any_start_is_not_taken_for_loading(tmp_path: Path) -> None:
    """A long-running server's log tail may hold no start line at all: a waiter must then treat a
    silent server as silent (and report it), not wait for a load that is not happening."""
    log = tmp_path / "server.log"
    log.write_text("1:M 30 Nov 2026 02:00:00.000 * Background append only file rewriting started\n" * 50,
                   encoding="utf-8")
    assert serverlog.ready_logged(log)
    # the starter, who knows where its own start begins, still waits for it to say so
    assert not serverlog.ready_logged(log, since=log.stat().st_size)


def test_damage_only_in_redis_words(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text(_START + "1:M 30 Nov 2026 02:00:00.200 # Error: Constraint already exists "
                   "(AOF-loading-client)\n", encoding="utf-8")
    assert "could not read its data files" not in serverlog.why(log, 0, "", tmp_path)
    log.write_text(_START + "1:M 30 Nov 2026 02:00:00.200 # Bad file format reading the append only file "
                   "appendonly.aof.1.incr.aof\n", encoding="utf-8")
    assert "could not read its data files" in serverlog.why(log, 0, "", tmp_path)
