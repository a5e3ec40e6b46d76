"""One measurement per process: raw spaCy, one ``kg import``, or the saved queries.

Why a subprocess per measurement: peak RSS is only meaningful per process (``run.py`` reads it with
``os.wait4``), model loading and store start-up are part of what a user waits for, and a fresh
interpreter keeps one measurement from warming caches for the next.

The import is the real ``kg import`` command (``kg.cli.main``) in this process; the bench only
swaps in timing proxies around the store, the extractor and ``GraphBatch`` (never edits them), so
the share of time spent writing to the store can be read off.
Usage (by ``run.py``): ``python bench/worker.py raw|import|queries|push --result out.json ...``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

T0 = time.perf_counter()
TIMES: dict[str, float] = defaultdict(float)


def _timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    start = time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        TIMES[name] += time.perf_counter() - start


def load_nlp() -> Any:
    """The spaCy pipeline exactly as the extractor builds it (same components, same config)."""
    import importlib

    import kg.extract as extract

    for module in ("kg.extract.nlp", "kg.extract"):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        fn = getattr(mod, "load_nlp", None) or getattr(mod, "get_nlp", None)
        if callable(fn):
            return fn()
    extractor = extract.Extractor()
    for name in ("nlp", "_nlp"):
        nlp = getattr(extractor, name, None)
        if nlp is not None:
            return nlp() if callable(nlp) and not hasattr(nlp, "pipe") else nlp
    raise RuntimeError("cannot find the spaCy pipeline in kg.extract (load_nlp/get_nlp/Extractor.nlp)")


def _texts(corpus: Path) -> Iterator[str]:
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)["text"]


def run_raw(args: argparse.Namespace) -> dict[str, Any]:
    """``nlp.pipe`` over the corpus texts with kg's components, batch size and process count."""
    nlp = _timed("model_load", load_nlp)
    start = time.perf_counter()
    tokens = docs = 0
    for doc in nlp.pipe(_texts(args.corpus), batch_size=args.batch_size, n_process=args.n_process):
        tokens += len(doc)
        docs += 1
    pipe = time.perf_counter() - start
    return {"docs": docs, "tokens": tokens, "pipe_seconds": pipe, "model_load_seconds": TIMES["model_load"],
            "pipeline": list(nlp.pipe_names), "model": f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"}


class TimedStore:
    """Delegates to the real store; times ``write``, ``article_hashes`` and ``apply_schema``."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = getattr(inner, "name", "embedded")
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> TimedStore:
        _timed("store_open", self._inner.__enter__)
        return self

    def __exit__(self, *exc: object) -> Any:
        return _timed("store_close", self._inner.__exit__, *exc)

    def write(self, batch: Any) -> None:
        self.writes += 1
        _timed("store_write", self._inner.write, batch)

    def article_hashes(self, ids: list[str]) -> dict[str, str]:
        return _timed("hash_lookup", self._inner.article_hashes, ids)

    def apply_schema(self, schema: Any) -> list[str]:
        return _timed("apply_schema", self._inner.apply_schema, schema)


def _install_proxies() -> None:
    """Wrap get_store, Extractor and GraphBatch where ``kg import`` looks them up."""
    import kg.extract
    import kg.pipeline
    import kg.store

    real_get_store, real_extractor, real_batch = kg.store.get_store, kg.extract.Extractor, kg.pipeline.GraphBatch

    def get_store(*a: Any, **kw: Any) -> TimedStore:
        return TimedStore(_timed("store_open", real_get_store, *a, **kw))

    class TimedExtractor(real_extractor):  # type: ignore[misc, valid-type]
        def __init__(self, *a: Any, **kw: Any) -> None:
            _timed("extractor_init", super().__init__, *a, **kw)

        def extract_many(self, *a: Any, **kw: Any) -> Iterator[Any]:
            it = iter(super().extract_many(*a, **kw))
            while True:
                start = time.perf_counter()
                try:
                    ex = next(it)
                except StopIteration:
                    TIMES["extract_next"] += time.perf_counter() - start
                    return
                TIMES["extract_next"] += time.perf_counter() - start
                yield ex

    class TimedBatch(real_batch):  # type: ignore[misc, valid-type]
        def add(self, ex: Any) -> Any:
            return _timed("batch_build", super().add, ex)

    real_settle = kg.pipeline.Importer._settle

    def settle(self: Any) -> None:  # the import waiting for the writer thread (the critical path)
        _timed("write_wait", real_settle, self)

    kg.pipeline.Importer._settle = settle  # type: ignore[method-assign]
    kg.store.get_store = get_store
    kg.extract.Extractor = TimedExtractor
    kg.pipeline.GraphBatch = TimedBatch


def run_import(args: argparse.Namespace) -> dict[str, Any]:
    """``kg import CORPUS`` through the real CLI, with the timing proxies installed."""
    if args.legacy_persistence:  # the A/B of the store's persistence settings (bench/restart.py)
        from restart import legacy_settings

        legacy_settings()
    _install_proxies()
    # kg's own transaction size (kg.settings.WRITE_BATCH); its nlp.pipe batch is EXTRACT_CHUNK, the
    # batch size raw spaCy gets here
    out = _run_cli(["import", str(args.corpus), "--workers", str(args.n_process), "--quiet"])
    cli = out["cli_seconds"]
    out.update({f"{k}_seconds": v for k, v in TIMES.items()})
    # extract_next includes hash lookups (the skip check runs inside the article stream)
    out["extract_seconds"] = max(0.0, TIMES["extract_next"] - TIMES["hash_lookup"])
    # store_write and batch_build run in the writer thread, overlapped; write_wait is what the
    # import waited for them
    accounted = sum(TIMES[k] for k in ("store_open", "apply_schema", "extractor_init", "extract_next",
                                       "write_wait", "store_close"))
    out["other_seconds"] = max(0.0, cli - accounted)
    out["counts"] = _counts()
    return out


def run_extract(args: argparse.Namespace) -> dict[str, Any]:
    """``kg extract CORPUS --format jsonl`` to /dev/null: the whole extraction (loader, spaCy,
    rules, geocoding, JSON output) without a store, through the real CLI."""
    return _run_cli(["extract", str(args.corpus), "--format", "jsonl", "--workers", str(args.n_process),
                     "-o", os.devnull])


def _run_cli(argv: list[str]) -> dict[str, Any]:
    """One ``kg`` command in this process: exit code, seconds inside it, interpreter start-up before it."""
    from kg.cli import main

    start = time.perf_counter()
    exit_code = 0
    try:
        main.main(argv, prog_name="kg", standalone_mode=False)
    except SystemExit as exc:
        exit_code = int(exc.code or 0)
    return {"exit_code": exit_code, "cli_seconds": time.perf_counter() - start, "startup_seconds": start - T0}


def _counts() -> dict[str, Any]:
    """Articles, nodes and relationships in the store after the import (one cheap read)."""
    from kg.store import get_store

    with get_store() as store:
        stats = store.stats()
        return {"nodes": stats.node_total, "relationships": stats.relationship_total,
                "articles": stats.nodes.get("Article", 0)}


# Values that occur in the synthetic corpus, by parameter name: the headers' examples (Patrushev,
# Kyiv) may match nothing here, and a query that matches nothing says little about its latency.
CORPUS_PARAMS = {"speaker": "Petrov", "name": "Petrov", "source": "Petrov", "from": "Petrov",
                 "target": "Colombia", "to": "Baghdad", "place": "Baghdad", "km": 500}


def run_queries(args: argparse.Namespace) -> dict[str, Any]:
    """Every saved query, ``rounds`` times each with its example parameters: p50/p95 in ms."""
    from kg.queries import list_saved
    from kg.store import get_store

    results: dict[str, Any] = {}
    with get_store() as store:
        for query in list_saved():
            name = getattr(query, "name", str(query))
            try:
                text, example = query.text_for(store.name), query.example_params()
            except Exception as exc:  # a query without a text for this store: report, do not stop
                results[name] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            results[name] = _time_query(store, text, example, args.rounds)
            corpus = {k: CORPUS_PARAMS.get(k, v) for k, v in example.items()}
            if corpus != example:
                results[name]["corpus_params"] = _time_query(store, text, corpus, args.rounds)
    return {"queries": results}


def run_push(args: argparse.Namespace) -> dict[str, Any]:
    """``kg push`` (kg.push.push, the command's own code, ``kg push``'s batch size) from the imported
    embedded graph into a fresh second embedded graph and into the Neo4j of NEO4J_*: rows/s of each.
    The same rows, builder and batches go to both, so the ratio is the write path's alone."""
    from kg.push import push
    from kg.store.falkor import FalkorStore
    from kg.store.neo4j import Neo4jStore

    out: dict[str, Any] = {}
    with FalkorStore() as source:
        copy = FalkorStore(graph="bench_push_copy", server=source.server)
        try:
            out["embedded"] = push(source, copy, size=args.push_batch)
        finally:
            copy.drop()
            copy.close()
        with Neo4jStore() as target:
            target.write_query("MATCH (n) DETACH DELETE n")
            out["neo4j"] = push(source, target, size=args.push_batch)
            out["neo4j"]["server"] = target.capabilities.agent
    out["neo4j_vs_embedded"] = out["neo4j"]["rows_per_s"] / out["embedded"]["rows_per_s"]
    return {"push": out}


def _time_query(store: Any, text: str, params: dict[str, Any], rounds: int) -> dict[str, Any]:
    times: list[float] = []
    rows, error = None, None
    for _ in range(rounds):
        start = time.perf_counter()
        try:
            rows = len(store.read(text, params).rows)
        except Exception as exc:  # report the failure with the latency table, keep going
            error = f"{type(exc).__name__}: {exc}"
            break
        times.append((time.perf_counter() - start) * 1000)
    return _latency(times, rows, params, error)


def _latency(times: list[float], rows: int | None, params: dict[str, Any], error: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": len(times), "rows": rows, "params": params, "error": error,
                           "p50_ms": None, "p95_ms": None}
    if times:
        ordered = sorted(times)
        out["p50_ms"] = statistics.median(ordered)
        out["p95_ms"] = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one benchmark measurement (used by bench/run.py)")
    parser.add_argument("mode", choices=["raw", "import", "extract", "queries", "push"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--push-batch", type=int, default=2000, help="rows per push batch (kg push's default)")
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--profile", type=Path, help="write cProfile stats here and a top-30 text beside")
    parser.add_argument("--legacy-persistence", action="store_true",
                        help="import with the store's persistence settings before compaction (A/B)")
    args = parser.parse_args(argv)
    run = {"raw": run_raw, "import": run_import, "extract": run_extract, "queries": run_queries,
           "push": run_push}[args.mode]
    if args.profile:
        prof = cProfile.Profile()
        result = prof.runcall(run, args)
        prof.dump_stats(str(args.profile))
        with args.profile.with_suffix(".txt").open("w") as fh:
            for key in ("cumulative", "tottime"):
                pstats.Stats(prof, stream=fh).sort_stats(key).print_stats(30)
    else:
        result = run(args)
    args.result.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
