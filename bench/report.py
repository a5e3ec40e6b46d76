"""Plain-text tables for a benchmark result (the JSON written by ``run.py`` is the record).

Kept apart from ``run.py`` so a saved result can be re-printed: ``python bench/report.py FILE.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _f(value: Any, fmt: str = ".2f") -> str:
    return "-" if value is None else format(value, fmt)


def _rows(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths, strict=True)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def throughput_rows(result: dict[str, Any]) -> list[list[str]]:
    rows = []
    for size, data in result["sizes"].items():
        for w, raw in data["raw"].items():
            kg, after = data["kg"][w], data.get("raw_after", {}).get(w, {})
            rows.append([size, w, _f(data["corpus"]["tokens"], ","),
                         _f(raw["e2e_tokens_per_s"], ",.0f"), _f(after.get("e2e_tokens_per_s"), ",.0f"),
                         _f(raw["pipe_tokens_per_s"], ",.0f"),
                         _f(kg["e2e_tokens_per_s"], ",.0f"), _f(kg["steady_tokens_per_s"], ",.0f"),
                         _f(kg["ratio_e2e"]), _f(kg["ratio_steady"]), f"{100 * kg['write_share']:.1f}%",
                         f"{100 * kg.get('write_wait_share', 0.0):.1f}%",
                         _f(raw["max_rss_mb"], ".0f"), _f(kg["max_rss_mb"], ".0f")])
    return rows


def cpu_rows(result: dict[str, Any]) -> list[list[str]]:
    """Where the CPU goes: on two saturated cores, throughput ~ raw CPU / (import + store CPU)."""
    rows = []
    for size, data in result["sizes"].items():
        for w, kg in data["kg"].items():
            ext = data.get("extract", {}).get(w, {})
            share = kg.get("store_cpu_share")
            rows.append([size, w, _f(ext.get("ratio_e2e")), _f(data["raw"][w].get("cpu_seconds"), ".1f"),
                         _f(ext.get("cpu_seconds"), ".1f"), _f(kg.get("cpu_seconds"), ".1f"),
                         _f(kg.get("store_cpu_seconds"), ".1f"), _f(kg.get("cpu_vs_raw")),
                         "-" if share is None else f"{100 * share:.1f}%"])
    return rows


def print_table(result: dict[str, Any], out: Any = None) -> None:
    out = out or sys.stdout
    meta = result["meta"]
    print(f"kg bench  git {meta.get('git')}  model {meta.get('model')}  batch {meta['batch_size']}  "
          f"load {meta.get('load_avg_start')} -> {meta.get('load_avg_end')}", file=out)
    print("kg/raw compares kg with the mean of the raw runs before and after it (machine drift cancels)", file=out)
    print(_rows(["articles", "n_proc", "tokens", "raw e2e t/s", "raw after t/s", "raw pipe t/s", "kg e2e t/s",
                 "kg steady t/s", "kg/raw e2e", "kg/raw steady", "write", "write wait", "raw RSS MB", "kg RSS MB"],
                throughput_rows(result)), file=out)
    print(file=out)
    print(_rows(["articles", "n_proc", "kg extract/raw e2e", "raw CPU s", "extract CPU s", "import CPU s",
                 "store CPU s", "kg+store CPU / raw CPU", "store share of CPU"], cpu_rows(result)), file=out)
    print(file=out)
    rows = []
    for size, data in result["sizes"].items():
        first, again = data["kg"][next(iter(data["kg"]))], data["reimport"]
        rows.append([size, _f(first["wall_seconds"], ".1f"), _f(again["wall_seconds"], ".1f"),
                     _f(again["cli_seconds"], ".2f"), _f(data["ratios"]["first_vs_reimport_e2e"], ".1f"),
                     _f(data["ratios"]["first_vs_reimport_cli"], ".1f")])
    print(_rows(["articles", "first import s", "re-import s", "re-import cli s", "first/re e2e",
                 "first/re cli"], rows), file=out)
    print(file=out)
    rows = []
    for size, data in result["sizes"].items():
        r = data.get("restart")
        if r:
            rows.append([size, _f(r["after_kill_s"]), _f(r["after_stop_s"]), _f(r["snapshot_s"]),
                         _f(r["restart_vs_snapshot"]), _f(r["stop_s"]), _f(r["bytes_per_article_as_imported"], ",.0f"),
                         _f(r["bytes_per_article"], ",.0f"),
                         _f(data.get("persistence_ab", {}).get("import_legacy_vs_current")),
                         _f(data.get("persistence_ab", {}).get("import_cpu_legacy_vs_current"))])
    if rows:
        print("embedded store restart-to-ready (s; median of 3 except after kill) and data files per article", file=out)
        print(_rows(["articles", "after kill", "after stop", "fresh snapshot", "worst/snapshot", "stop s",
                     "B/article imported", "B/article stopped", "import wall legacy/new",
                     "import CPU legacy/new"], rows), file=out)
        print(file=out)
    queries = result.get("queries", {})
    rows = []
    for name, q in sorted(queries.get("results", {}).items()):
        c = q.get("corpus_params") or {}
        rows.append([name, _f(q.get("p50_ms"), ".1f"), _f(q.get("p95_ms"), ".1f"), str(q.get("rows")),
                     _f(c.get("p50_ms"), ".1f"), _f(c.get("p95_ms"), ".1f"), str(c.get("rows", "-")),
                     (q.get("error") or c.get("error") or "")[:60]])
    print(f"saved queries on the {queries.get('size')}-article graph, {queries.get('rounds')} runs each "
          "(example params | corpus params)", file=out)
    print(_rows(["query", "p50 ms", "p95 ms", "rows", "p50 ms", "p95 ms", "rows", "error"], rows), file=out)
    print(file=out)
    push = result.get("push") or {}
    if push.get("neo4j"):
        rows = [[target, f"{p['nodes'] + p['relationships']:,}", str(p["batches"]), _f(p["seconds"], ".1f"),
                 _f(p["rows_per_s"], ",.0f")] for target, p in (("embedded", push["embedded"]),
                                                                ("neo4j (Bolt)", push["neo4j"]))]
        print(f"kg push of the largest graph (server: {push['neo4j'].get('server')}); neo4j/embedded "
              f"{_f(push.get('neo4j_vs_embedded'))}", file=out)
        print(_rows(["push into", "rows", "batches", "seconds", "rows/s"], rows), file=out)
        print(file=out)
    elif push.get("skipped"):
        print(f"kg push: skipped ({push['skipped']})", file=out)
    cold = result.get("cold_start")
    if cold:
        print(f"cold start, one article ({cold['article']}), median of {cold['rounds']} new processes: raw spaCy "
              f"load+parse {_f(cold['raw_s'])} s, kg extract --workers 1 {_f(cold['kg_workers_1_s'])} s "
              f"(x{_f(cold['ratio'])}), default workers {_f(cold['kg_default_s'])} s "
              f"(x{_f(cold['ratio_default_workers'])}); first run, empty cache {_f(cold['first_run_empty_cache_s'])} s",
              file=out)
        print(file=out)
    targets = {**result["targets"], **result.get("store_targets", {})}
    rows = [[name, _f(t["value"]), t["target"], {True: "met", False: "MISSED", None: "n/a"}[t["met"]]]
            for name, t in targets.items()]
    print(_rows(["target", "value", "wanted", ""], rows), file=out)


if __name__ == "__main__":
    print_table(json.loads(Path(sys.argv[1]).read_text()))
