"""Recovery: a killed server is restarted by the next command with its data intact, and a corrupted
data file gives a clear message and a non-zero exit, never a Python traceback.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    LEDGER,
    Homes,
    kg,
    outcome,
    server_pid,
    snapshot,
    wait_for,
    write_handmade,
)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


@pytest.fixture(scope="module")
def imported_home(homes: Homes) -> Path:
    """A home whose graph was written through the library (no spaCy needed to test the store)."""
    home = homes.new("kgr-rec-")
    write_handmade(home, 6)
    return home


def test_killed_server_restarts_with_data_intact(imported_home: Path) -> None:
    before = snapshot(imported_home)
    assert len(before.articles()) == 6
    pid = server_pid(imported_home)
    assert pid and "redis" in Path(f"/proc/{pid}/comm").read_text()
    os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: _gone(pid), timeout=30)
    proc = kg(imported_home, "stats")
    assert proc.returncode == 0, outcome(proc)
    assert server_pid(imported_home) != pid
    after = snapshot(imported_home)
    assert after.nodes == before.nodes
    assert sorted(map(repr, after.rels)) == sorted(map(repr, before.rels))
    LEDGER.record("recovery (kill -9 server)", 6, len(after.articles()))


def test_corrupted_data_file_gives_clear_error(imported_home: Path) -> None:
    stop = kg(imported_home, "store", "stop")
    assert stop.returncode == 0, outcome(stop)
    store_dir = imported_home / "store"
    data = [p for p in store_dir.rglob("*") if p.is_file() and (p.suffix in (".rdb", ".aof") or ".aof." in p.name)
            and "manifest" not in p.name]
    assert data, f"no data files under {store_dir}: {sorted(p.name for p in store_dir.rglob('*'))}"
    for path in data:
        path.write_bytes(b"GARBAGE\x00\xff" * 4096)
    for _ in range(2):  # and again: a failed start must not leave a state that hangs or crashes
        proc = kg(imported_home, "stats", timeout=120)
        assert proc.returncode != 0, outcome(proc)
        assert "Traceback" not in proc.stderr, outcome(proc)
        message = proc.stderr.lower()
        assert "store" in message and ("start" in message or "corrupt" in message or "load" in message), outcome(proc)
