"""kg performance benchmark: raw spaCy vs ``kg import``, re-import, peak memory, saved-query latency.

Why these numbers: extraction is spaCy-bound, so kg's own overhead is best seen as the ratio of its
import throughput to bare ``nlp.pipe`` with the same components, batch size and process count on
the same corpus, measured in the same run (the machine is shared, absolute numbers are noisy), with
raw spaCy run just before and just after the import and kg compared with their mean.
Re-importing an unchanged corpus must be nearly free (content-hash skips), and memory must not grow
with the corpus (everything streams). Each measurement runs in its own process (``bench/worker.py``)
so its peak RSS can be read with ``os.wait4``.

Worker counts: all of ``--workers`` run at the smallest size; larger sizes run the first one only
(10k articles take minutes per pass on two shared cores).
Usage: ``python bench/run.py --sizes 1000,10000 --out bench/results/latest.json`` (``--sizes 200`` quick).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from coldstart import TARGET as COLD_TARGET  # noqa: E402
from coldstart import measure as cold_start  # noqa: E402
from corpus import write_corpus  # noqa: E402
from report import print_table  # noqa: E402
from restart import measure as measure_restart  # noqa: E402
from restart import targets as restart_targets  # noqa: E402

from kg.settings import EXTRACT_CHUNK  # noqa: E402

WORKER = BENCH / "worker.py"
TARGETS = {"kg_vs_raw_throughput": (">=", 0.85), "first_vs_reimport": (">=", 50.0), "rss_growth": ("<=", 1.2),
           "cold_start": ("<=", COLD_TARGET)}


def log(msg: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def spawn(mode: str, work: Path, tag: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run one worker; its result JSON plus ``wall_seconds`` and ``max_rss_mb`` (self + waited children)."""
    result, logfile = work / f"{tag}.json", work / f"{tag}.log"
    cmd = [sys.executable, str(WORKER), mode, "--result", str(result), *args]
    start = time.perf_counter()
    with logfile.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=BENCH.parent)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not result.exists():
        tail = logfile.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"bench worker {tag} failed (exit {proc.returncode}):\n{tail}")
    data = json.loads(result.read_text())
    # CPU of the process and every child it waited for (extraction workers, spaCy's processes)
    data.update(wall_seconds=wall, max_rss_mb=usage.ru_maxrss / 1024, cpu_seconds=usage.ru_utime + usage.ru_stime)
    return data


def _env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0", KG_STORE="embedded")
    env.pop("KG_GRAPH", None)
    if home is not None:
        env["KG_HOME"] = str(home)
    return env


def _store_cpu(home: Path) -> float | None:
    """CPU seconds the embedded server of a bench KG_HOME has used so far (it is not our child)."""
    from kg.store.embedded import EmbeddedServer

    try:
        fields = Path(f"/proc/{EmbeddedServer(home).pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


def _peak_rss(home: Path) -> float | None:
    """Peak RSS in MB (VmHWM) of the embedded server of a bench KG_HOME, when readable."""
    from kg.store.embedded import EmbeddedServer

    try:
        for line in Path(f"/proc/{EmbeddedServer(home).pid()}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _stop_store(home: Path) -> float | None:
    """Stop the embedded server of a bench KG_HOME; returns its peak RSS in MB (VmHWM) when readable."""
    from kg.store.embedded import EmbeddedServer

    peak = _peak_rss(home)
    EmbeddedServer(home).stop()
    return peak


def _per_s(tokens: int, seconds: float) -> float | None:
    return tokens / seconds if seconds > 0 else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def bench_size(size: int, workers: list[int], args: argparse.Namespace, work: Path,
               last: bool) -> dict[str, Any]:
    corpus = work / f"corpus-{size}.jsonl"
    stats = write_corpus(size, corpus, seed=args.seed)
    log(f"size {size}: corpus {stats['words']} words, {stats['bytes'] / 1e6:.1f} MB")
    common = ["--corpus", str(corpus), "--batch-size", str(args.batch_size)]
    out: dict[str, Any] = {"corpus": stats, "raw": {}, "extract": {}, "kg": {}}
    for w in workers:
        log(f"size {size}: raw spaCy n_process={w}")
        out["raw"][str(w)] = spawn("raw", work, f"raw-{size}-{w}", _env(), *common, "--n-process", str(w))
    log(f"size {size}: kg extract --workers {workers[0]} (no store)")
    out["extract"][str(workers[0])] = spawn("extract", work, f"extract-{size}", _env(), *common,
                                           "--n-process", str(workers[0]))
    tokens = out["raw"][str(workers[0])]["tokens"]
    stats["tokens"] = tokens
    for w in workers:
        home = Path(tempfile.mkdtemp(prefix="kgb-", dir="/tmp"))
        try:
            prof = ["--profile", str(work / f"profile-{size}-{w}.prof")] if args.profile and w == workers[0] else []
            log(f"size {size}: kg import n_process={w} (fresh KG_HOME)")
            out["kg"][str(w)] = spawn("import", work, f"kg-{size}-{w}", _env(home), *common,
                                      "--n-process", str(w), *prof)
            out["kg"][str(w)]["store_cpu_seconds"] = _store_cpu(home)
            if w == workers[0]:
                # raw spaCy again right after: kg is compared with the mean of the runs either side of
                # it, so a machine that slows down or speeds up during the run does not skew the ratio
                log(f"size {size}: raw spaCy n_process={w} again (brackets the import)")
                out["raw_after"] = {str(w): spawn("raw", work, f"raw-after-{size}-{w}", _env(), *common,
                                                  "--n-process", str(w))}
                log(f"size {size}: kg re-import n_process={w} (unchanged corpus)")
                out["reimport"] = spawn("import", work, f"reimport-{size}-{w}", _env(home), *common,
                                        "--n-process", str(w))
                if last:
                    log(f"size {size}: saved queries x{args.query_rounds}")
                    out["queries"] = spawn("queries", work, f"queries-{size}", _env(home),
                                           "--rounds", str(args.query_rounds))["queries"]
                    if not args.no_push:
                        out["push"] = bench_push(size, work, home)
                log(f"size {size}: store restart-to-ready (after kill, after stop, fresh snapshot)")
                out["store_peak_rss_mb"] = {str(w): _peak_rss(home)}
                out["restart"] = measure_restart(home, int(out["kg"][str(w)]["counts"]["articles"]))
                if args.persistence_ab and size == min(args.sizes_list):
                    # the same import with the persistence settings kg had before compaction: the
                    # new settings must not cost more than 5% of import throughput
                    legacy_home = Path(tempfile.mkdtemp(prefix="kgb-", dir="/tmp"))
                    try:
                        log(f"size {size}: kg import with the legacy persistence settings (A/B)")
                        out["kg_legacy"] = spawn("import", work, f"kg-legacy-{size}", _env(legacy_home),
                                                 *common, "--n-process", str(w), "--legacy-persistence")
                        out["kg_legacy"]["store_cpu_seconds"] = _store_cpu(legacy_home)
                    finally:
                        _stop_store(legacy_home)
                        shutil.rmtree(legacy_home, ignore_errors=True)
        finally:
            peak = _stop_store(home)
            out.setdefault("store_peak_rss_mb", {}).setdefault(str(w), peak)
            shutil.rmtree(home, ignore_errors=True)
    _derive(out, tokens, workers)
    return out


def bench_push(size: int, work: Path, home: Path) -> dict[str, Any]:
    """``kg push`` rows/s into a Neo4j-compatible Bolt server (ArcadeDB, tests/bolt_server.py) next to
    the same push into a second embedded graph (the embedded store's write throughput)."""
    sys.path.insert(0, str(BENCH.parent))
    from tests.bolt_server import BoltServer, package_dir

    if package_dir() is None:
        return {"skipped": "arcadedb-embedded is not installed (pip install -e '.[dev]')"}
    server = BoltServer(Path(tempfile.mkdtemp(prefix="kgbolt-", dir="/tmp")), heap_mb=1024)
    try:
        server.start()
        log(f"size {size}: kg push, embedded -> embedded and embedded -> Bolt server")
        return spawn("push", work, f"push-{size}", {**_env(home), **server.env()})["push"]
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


def _steady(kg: dict[str, Any]) -> float:
    """Import seconds without fixed costs (store start, schema, extractor construction)."""
    fixed = sum(kg.get(f"{k}_seconds", 0.0) for k in ("store_open", "apply_schema", "extractor_init",
                                                       "store_close"))
    return kg["cli_seconds"] - fixed


def _derive(out: dict[str, Any], tokens: int, workers: list[int]) -> None:
    for w in map(str, workers):
        raw, kg = out["raw"][w], out["kg"][w]
        for r in (raw, out.get("raw_after", {}).get(w)):
            if r:
                r["e2e_tokens_per_s"] = _per_s(tokens, r["wall_seconds"])
                r["pipe_tokens_per_s"] = _per_s(tokens, r["pipe_seconds"])
        after = out.get("raw_after", {}).get(w)
        both = [raw, after] if after else [raw]  # the raw runs either side of the import
        mean = {k: sum(r[k] for r in both) / len(both) for k in ("wall_seconds", "pipe_seconds", "cpu_seconds")}
        kg["e2e_tokens_per_s"] = _per_s(tokens, kg["wall_seconds"])
        kg["steady_tokens_per_s"] = _per_s(tokens, _steady(kg))
        kg["write_share"] = kg.get("store_write_seconds", 0.0) / kg["cli_seconds"]
        kg["write_wait_share"] = kg.get("write_wait_seconds", 0.0) / kg["cli_seconds"]
        kg["ratio_e2e"] = _ratio(mean["wall_seconds"], kg["wall_seconds"])
        kg["ratio_e2e_raw_before"] = _ratio(raw["wall_seconds"], kg["wall_seconds"])
        kg["raw_drift"] = _ratio(after["wall_seconds"], raw["wall_seconds"]) if after else None
        kg["ratio_steady"] = _ratio(mean["pipe_seconds"], _steady(kg))
        # where the throughput goes on saturated cores: CPU seconds of the import (with its workers)
        # plus the store server's, per CPU second of raw spaCy
        kg["cpu_vs_raw"] = _ratio(kg["cpu_seconds"] + (kg.get("store_cpu_seconds") or 0.0), mean["cpu_seconds"])
        kg["store_cpu_share"] = _ratio(kg.get("store_cpu_seconds"), kg["cpu_seconds"] + (kg.get("store_cpu_seconds") or 0.0))
    for w, ext in out["extract"].items():
        ext["e2e_tokens_per_s"] = _per_s(tokens, ext["wall_seconds"])
        ext["ratio_e2e"] = _ratio(ext["e2e_tokens_per_s"], out["raw"][w]["e2e_tokens_per_s"])
        ext["cpu_vs_raw"] = _ratio(ext["cpu_seconds"], out["raw"][w]["cpu_seconds"])
    first, again = out["kg"][str(workers[0])], out["reimport"]
    out["ratios"] = {
        "kg_vs_raw_e2e": first["ratio_e2e"], "kg_vs_raw_steady": first["ratio_steady"],
        "first_vs_reimport_e2e": _ratio(first["wall_seconds"], again["wall_seconds"]),
        "first_vs_reimport_cli": _ratio(first["cli_seconds"], again["cli_seconds"]),
        "write_share": first["write_share"], "write_wait_share": first["write_wait_share"],
        "extract_vs_raw_e2e": out["extract"][str(workers[0])]["ratio_e2e"],
        "kg_cpu_vs_raw_cpu": first["cpu_vs_raw"], "store_cpu_share": first["store_cpu_share"],
        "kg_vs_raw_e2e_raw_before": first["ratio_e2e_raw_before"], "raw_drift": first["raw_drift"],
    }
    if "kg_legacy" in out:
        # legacy / current, >= 0.95 wanted. CPU seconds (import with its workers + store server) are the
        # work each import cost; on two saturated cores throughput follows them, and unlike wall time
        # they do not move with what else the shared machine runs meanwhile
        legacy = out["kg_legacy"]
        cpu = [r["cpu_seconds"] + (r.get("store_cpu_seconds") or 0.0) for r in (legacy, first)]
        out["persistence_ab"] = {"import_legacy_vs_current": _ratio(legacy["wall_seconds"], first["wall_seconds"]),
                                 "import_cpu_legacy_vs_current": _ratio(cpu[0], cpu[1]),
                                 "store_cpu_legacy": legacy.get("store_cpu_seconds"),
                                 "store_cpu_current": first.get("store_cpu_seconds")}


def _targets(result: dict[str, Any], sizes: list[int], primary: str) -> dict[str, Any]:
    big, small = result["sizes"][str(sizes[-1])], result["sizes"][str(sizes[0])]
    values = {
        "kg_vs_raw_throughput": big["ratios"]["kg_vs_raw_e2e"],
        "first_vs_reimport": big["ratios"]["first_vs_reimport_e2e"],
        "rss_growth": (_ratio(big["kg"][primary]["max_rss_mb"], small["kg"][primary]["max_rss_mb"])
                       if len(sizes) > 1 else None),
        "cold_start": (result.get("cold_start") or {}).get("ratio"),
    }
    out = {}
    for name, (op, target) in TARGETS.items():
        value = values[name]
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        out[name] = {"value": value, "target": f"{op} {target}", "met": met, "size": sizes[-1]}
    return out


def _store_targets(result: dict[str, Any], sizes: list[int]) -> dict[str, Any]:
    """The embedded store's restart targets (largest size) and the persistence A/B (smallest size)."""
    big, small = result["sizes"][str(sizes[-1])], result["sizes"][str(sizes[0])]
    out = {name: {**t, "size": sizes[-1]} for name, t in restart_targets(big["restart"]).items()} \
        if "restart" in big else {}
    ab = small.get("persistence_ab", {}).get("import_cpu_legacy_vs_current")
    out["import_cpu_legacy_vs_current"] = {"value": ab, "target": ">= 0.95",
                                           "met": None if ab is None else ab >= 0.95, "size": sizes[0]}
    return out


def _meta(args: argparse.Namespace, sizes: list[int], workers: list[int]) -> dict[str, Any]:
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                         cwd=BENCH.parent).stdout.strip()
    return {"started": datetime.now(UTC).isoformat(timespec="seconds"), "git": rev or None,
            "python": platform.python_version(), "cpus": os.cpu_count(), "load_avg_start": os.getloadavg(),
            "sizes": sizes, "workers": workers, "batch_size": args.batch_size, "seed": args.seed,
            "query_rounds": args.query_rounds}


def run(args: argparse.Namespace) -> dict[str, Any]:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    workers = list(dict.fromkeys(int(w) for w in args.workers.split(",") if w.strip()))
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    result: dict[str, Any] = {"meta": _meta(args, sizes, workers), "sizes": {}}
    try:
        if args.cold_rounds:
            log(f"cold start: one-article kg extract vs raw spaCy load + parse, {args.cold_rounds} rounds")
            result["cold_start"] = cold_start(rounds=args.cold_rounds)
        for i, size in enumerate(sizes):
            result["sizes"][str(size)] = bench_size(size, workers if i == 0 else workers[:1], args, work,
                                                    last=i == len(sizes) - 1)
            args.results_dir.mkdir(parents=True, exist_ok=True)  # a killed long run keeps what it measured
            (args.results_dir / "partial.json").write_text(json.dumps(result, indent=1, default=str))
        primary = str(workers[0])
        raw0 = result["sizes"][str(sizes[0])]["raw"][primary]
        result["meta"].update(load_avg_end=os.getloadavg(), model=raw0["model"], pipeline=raw0["pipeline"])
        result["queries"] = {"size": sizes[-1], "rounds": args.query_rounds,
                             "results": result["sizes"][str(sizes[-1])].pop("queries", {})}
        result["push"] = result["sizes"][str(sizes[-1])].pop("push", {})
        result["rss"] = {str(s): result["sizes"][str(s)]["kg"][primary]["max_rss_mb"] for s in sizes}
        result["targets"] = _targets(result, sizes, primary)
        result["store_targets"] = _store_targets(result, sizes)
        if args.profile:
            result["profile"] = [str(p.with_suffix(".txt")) for p in _keep_profiles(work, args.results_dir)]
    finally:
        if args.keep:
            log(f"kept work folder {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


def _keep_profiles(work: Path, results_dir: Path) -> list[Path]:
    results_dir.mkdir(parents=True, exist_ok=True)
    kept = []
    for prof in sorted(work.glob("profile-*.prof")):
        for path in (prof, prof.with_suffix(".txt")):
            shutil.copy(path, results_dir / path.name)
        kept.append(results_dir / prof.name)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kg performance benchmark")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles, comma-separated")
    parser.add_argument("--workers", default="2,1", help="n_process values; the first is used at every size")
    parser.add_argument("--batch-size", type=int, default=EXTRACT_CHUNK,
                        help="raw spaCy's nlp.pipe batch size (kg's own is kg.settings.EXTRACT_CHUNK)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--query-rounds", type=int, default=20)
    parser.add_argument("--cold-rounds", type=int, default=5, help="cold-start rounds (0 skips it)")
    parser.add_argument("--out", type=Path, help="also write the JSON here (e.g. bench/results/latest.json)")
    parser.add_argument("--results-dir", type=Path, default=BENCH / "results")
    parser.add_argument("--profile", action="store_true", help="cProfile the first kg import at each size")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (corpora, worker logs)")
    parser.add_argument("--no-persistence-ab", dest="persistence_ab", action="store_false",
                        help="skip the import with the legacy persistence settings at the smallest size")
    parser.add_argument("--no-push", action="store_true", help="skip kg push into the Bolt server")
    args = parser.parse_args(argv)
    args.sizes_list = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    result = run(args)
    text = json.dumps(result, indent=1, default=str)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    for path in filter(None, (args.results_dir / f"{stamp}.json", args.out)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        log(f"wrote {path}")
    (args.results_dir / "partial.json").unlink(missing_ok=True)  # the complete result replaces it
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
