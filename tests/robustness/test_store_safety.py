"""Store safety: the embedded server is reachable only through its unix socket (or 127.0.0.1), its
secrets are private files, and the password never shows in any kg output, error or help text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from kg.store.embedded import EmbeddedServer
from tests.robustness.helpers import Homes, kg, outcome, server_pid


@pytest.fixture(scope="module")
def running_home(homes: Homes) -> Path:
    home = homes.new()
    proc = kg(home, "stats")
    assert proc.returncode == 0, outcome(proc)
    assert server_pid(home), "kg stats did not start the embedded store"
    return home


def _listening_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _tcp_listeners() -> list[tuple[str, str]]:
    """(local address hex, inode) of every listening TCP socket in this network namespace."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] == "0A":  # LISTEN
                out.append((cols[1], cols[9]))
    return out


def test_server_listens_on_unix_socket_only(running_home: Path) -> None:
    server = EmbeddedServer(running_home)
    conn = server.client()
    try:
        port = conn.config_get("port")["port"]
        bind = conn.config_get("bind")["bind"]
    finally:
        conn.close()
    loopback = {"127.0.0.1", "::1", "-::1"}
    assert port == "0" or set(bind.split()) <= loopback, f"port={port} bind={bind}"
    pid = server_pid(running_home)
    assert pid
    mine = _listening_inodes(pid)
    exposed = [addr for addr, inode in _tcp_listeners() if inode in mine]
    local = ("0100007F:", "00000000000000000000000001000000:")
    assert all(addr.startswith(local) for addr in exposed), f"redis-server listens on {exposed}"
    assert stat.S_ISSOCK(server.socket.stat().st_mode)


def test_secret_files_are_private(running_home: Path) -> None:
    server = EmbeddedServer(running_home)
    for path in (server.password_file, server.config_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path} is {oct(path.stat().st_mode)}"
    assert stat.S_IMODE(server.dir.stat().st_mode) & 0o077 == 0


def test_password_not_on_the_server_command_line(running_home: Path) -> None:
    password = EmbeddedServer(running_home).password()
    pid = server_pid(running_home)
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    assert password not in cmdline


COMMANDS: list[tuple[str, ...]] = [
    ("--help",), ("import", "--help"), ("query", "--help"), ("stats", "--help"), ("store", "--help"),
    ("store", "status"), ("stats",), ("query", "MATCH (n) RETURN count(n) AS n"),
    ("query", "CREATE (n:X)"), ("query", "THIS IS NOT CYPHER"), ("import", "/nonexistent/path.txt"),
    ("query", "RETURN $nope"),
]


def test_password_never_printed(running_home: Path) -> None:
    password = EmbeddedServer(running_home).password()
    assert len(password) >= 16
    failures = 0
    for args in COMMANDS:
        proc = kg(running_home, *args)
        failures += proc.returncode != 0
        assert password not in proc.stdout + proc.stderr, f"kg {' '.join(args)} printed the password"
        assert "Traceback" not in proc.stderr, f"kg {' '.join(args)}\n{outcome(proc)}"
    assert failures >= 3, "the failing commands did not fail; the error paths were not exercised"


def test_password_not_in_wrong_password_error(running_home: Path, tmp_path: Path) -> None:
    """A client with a stale password file gets a clear error that does not echo either secret."""
    server = EmbeddedServer(running_home)
    real = server.password()
    other: Any = EmbeddedServer(running_home)
    other.password = lambda: "not-the-password-0123456789"  # type: ignore[method-assign]
    with pytest.raises(Exception) as info:
        other.is_running()
    assert real not in str(info.value) and "not-the-password" not in str(info.value)
