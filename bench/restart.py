"""Restart-to-ready of the embedded store, against loading the same graph from a fresh snapshot.

Why: start-up used to replay every query ever written (quadratic in the graph: 12 s for 2,000
synthetic articles, 797 s for 1,700 real ones), which made a user believe the data was damaged. The
store now keeps a snapshot base plus a short log, so a restart should cost about what loading a fresh
snapshot of the same graph costs. Measured three ways, each the median of ``rounds`` starts:

- ``after_stop``: ``kg store stop`` (compacts) then start: what a user sees day to day;
- ``after_kill``: the server killed with -9, then start: the log holds whatever was written since the
  last compaction (Redis compacts on its own once the log outgrows the base);
- ``snapshot``: a ``kg store backup`` of the graph restored into an empty home, then start: the floor.

Also the data-file bytes per article, as the import left them and after ``stop``.

``run.py`` calls ``measure()`` on the store its real ``kg import`` wrote. Standalone, this file builds
synthetic graphs without spaCy (``tests/store/synth.py``), which is quick and can compare the settings
kg used before (``--legacy``: no EFFECTS_THRESHOLD, Redis's 64 MB compaction threshold, no compaction
on stop or after the schema): ``python bench/restart.py --sizes 1000,10000 [--legacy]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 10.0  # restart of a 10k-article store on this machine
TARGET_VS_SNAPSHOT = 1.5


def _timed_start(home: Path) -> float:
    from kg.store.embedded import EmbeddedServer

    start = time.perf_counter()
    EmbeddedServer(home).start()
    return time.perf_counter() - start


def _kill(home: Path) -> None:
    from kg.store.embedded import EmbeddedServer

    server = EmbeddedServer(home)
    pid = server.pid()
    if pid:
        os.kill(pid, signal.SIGKILL)
    while server._held():  # the server (and a rewrite child it may have) let go of the lock
        time.sleep(0.02)


def _bytes(home: Path) -> int:
    from kg.store.embedded import EmbeddedServer

    return sum(EmbeddedServer(home).data_files().values())


def _articles(home: Path) -> int:
    """Articles in the graph (the restarted store must hold what was written)."""
    from kg.store.embedded import EmbeddedServer
    from kg.store.falkor import FalkorStore

    with FalkorStore(graph="kg", server=EmbeddedServer(home), start=False) as store:
        return int(store.read("MATCH (a:Article) RETURN count(a)").rows[0][0])


def measure(home: Path, articles: int, rounds: int = 3) -> dict[str, Any]:
    """Restart figures of the store in ``home`` (running or not); leaves it stopped."""
    from kg.store import maintenance
    from kg.store.embedded import EmbeddedServer

    server = EmbeddedServer(home)
    server.start()
    as_imported = _bytes(home)
    snap_file = Path(tempfile.mkdtemp(prefix="kgsnap-", dir="/tmp")) / "graph.rdb"
    snap_home = snap_file.parent / "h"
    try:
        maintenance.backup(server, snap_file)
        _kill(home)  # first: the log exactly as the import left it
        after_kill = [_timed_start(home)]
        stop_start = time.perf_counter()
        server.stop()
        stop_seconds = time.perf_counter() - stop_start
        compacted = _bytes(home)
        after_stop = []
        for _ in range(rounds):
            after_stop.append(_timed_start(home))
            found = _articles(home)
            server.stop()
        maintenance.restore(EmbeddedServer(snap_home), snap_file)
        EmbeddedServer(snap_home).stop()
        snapshot = []
        for _ in range(rounds):
            snapshot.append(_timed_start(snap_home))
            EmbeddedServer(snap_home).stop()
    finally:
        EmbeddedServer(snap_home).stop()
        shutil.rmtree(snap_file.parent, ignore_errors=True)
    out = {"articles": articles, "articles_after_restart": found, "after_kill_s": after_kill[0], "after_stop_s": statistics.median(after_stop),
           "snapshot_s": statistics.median(snapshot), "stop_s": stop_seconds,
           "bytes_as_imported": as_imported, "bytes_after_stop": compacted,
           "bytes_per_article": compacted / articles if articles else None,
           "bytes_per_article_as_imported": as_imported / articles if articles else None}
    worst = max(out["after_kill_s"], out["after_stop_s"])
    out["restart_vs_snapshot"] = worst / out["snapshot_s"] if out["snapshot_s"] else None
    return out


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    worst = max(figures["after_kill_s"], figures["after_stop_s"])
    return {"restart_s": {"value": worst, "target": f"<= {TARGET_SECONDS}", "met": worst <= TARGET_SECONDS},
            "restart_vs_snapshot": {"value": figures["restart_vs_snapshot"], "target": f"<= {TARGET_VS_SNAPSHOT}",
                                    "met": (figures["restart_vs_snapshot"] or 0) <= TARGET_VS_SNAPSHOT}}


def legacy_settings() -> None:
    """The persistence kg had before: queries logged verbatim, compaction only at Redis's 64 MB."""
    from kg.store import embedded

    new_config = embedded.EmbeddedServer._write_config

    def old_config(self: Any) -> None:
        new_config(self)
        text = self.config_file.read_text().replace(" EFFECTS_THRESHOLD 0", "")
        embedded._private_write(self.config_file, text.replace("auto-aof-rewrite-min-size 4mb",
                                                               "auto-aof-rewrite-min-size 64mb"))

    embedded.EmbeddedServer._write_config = old_config  # type: ignore[method-assign]
    embedded.EmbeddedServer.compact = lambda self, wait=True, only_if_grown=False: None  # type: ignore[method-assign]


def synthetic(size: int, legacy: bool, text_bytes: int = 0) -> dict[str, Any]:
    """Write ``size`` synthetic articles through the real store, then measure its restarts."""
    sys.path.insert(0, str(ROOT))
    from kg.schema import load_schema
    from kg.store.embedded import EmbeddedServer
    from kg.store.falkor import FalkorStore
    from tests.store.synth import batches

    home = Path(tempfile.mkdtemp(prefix="kgr-", dir="/tmp"))
    try:
        with FalkorStore(graph="kg", server=EmbeddedServer(home)) as store:
            store.apply_schema(load_schema())
            start = time.perf_counter()
            for batch in batches(size, text_bytes=text_bytes):
                store.write(batch)
            write_s = time.perf_counter() - start
        if legacy:  # kill, as a user whose server outlived the import would restart it
            as_imported = _bytes(home)
            _kill(home)
            return {"articles": size, "write_s": write_s, "articles_per_s": size / write_s,
                    "after_kill_s": _timed_start(home), "bytes_as_imported": as_imported}
        return {"write_s": write_s, "articles_per_s": size / write_s, **measure(home, size)}
    finally:
        EmbeddedServer(home).stop()
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="embedded store restart-to-ready on synthetic graphs")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--legacy", action="store_true", help="kg's persistence settings before compaction")
    parser.add_argument("--text-bytes", type=int, default=0,
                        help="pad each article's text to this size (real articles: 1-3 KB, stored in the graph)")
    args = parser.parse_args(argv)
    if args.legacy:
        legacy_settings()
    for size in (int(s) for s in args.sizes.split(",")):
        figures = synthetic(size, args.legacy, args.text_bytes)
        print(json.dumps({"legacy": args.legacy, "text_bytes": args.text_bytes, **figures}, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
