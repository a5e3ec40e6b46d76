"""The benchmark runs end to end on a tiny corpus and records every figure the team reads.

No timing assertions: the machine is shared. The end-to-end tests are marked ``slow``: they start
four processes (raw spaCy, import, re-import, queries), about a minute on an idle machine. What is checked is that each measurement ran (real
spaCy, real ``kg import``, real embedded store, real saved queries) and produced sane counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import run  # noqa: E402

SIZE = 12


def test_corpus_is_deterministic_and_news_shaped(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    stats = corpus.write_corpus(30, a, seed=3)
    corpus.write_corpus(30, b, seed=3)
    corpus.write_corpus(30, c, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    records = [json.loads(line) for line in a.read_text().splitlines()]
    assert stats["articles"] == len(records) == 30
    assert len({r["url"] for r in records}) == 30
    for r in records:
        assert 150 <= len(r["text"].split()) <= 600
        assert r["title"] and r["published"] and r["source"]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    code = run.main(["--sizes", str(SIZE), "--workers", "1", "--query-rounds", "1", "--cold-rounds", "1",
                     "--results-dir", str(out / "results"), "--out", str(out / "latest.json")])
    assert code == 0
    written = json.loads((out / "latest.json").read_text())
    assert len(list((out / "results").glob("*.json"))) == 1
    return written


@pytest.mark.slow
def test_result_has_every_figure(result: dict) -> None:
    assert set(result) >= {"meta", "sizes", "queries", "rss", "targets"}
    data = result["sizes"][str(SIZE)]
    assert set(data) >= {"corpus", "raw", "raw_after", "kg", "reimport", "ratios", "store_peak_rss_mb"}
    assert data["raw_after"]["1"]["docs"] == SIZE  # raw spaCy again after the import (brackets it)
    raw, kg = data["raw"]["1"], data["kg"]["1"]
    assert raw["docs"] == SIZE and raw["tokens"] > SIZE * 150
    assert {"pipe_seconds", "e2e_tokens_per_s", "pipe_tokens_per_s", "max_rss_mb"} <= set(raw)
    assert {"wall_seconds", "cli_seconds", "store_write_seconds", "write_share", "e2e_tokens_per_s",
            "steady_tokens_per_s", "ratio_e2e", "ratio_steady", "max_rss_mb"} <= set(kg)
    assert set(data["ratios"]) == {"kg_vs_raw_e2e", "kg_vs_raw_steady", "first_vs_reimport_e2e",
                                   "first_vs_reimport_cli", "write_share", "write_wait_share",
                                   "extract_vs_raw_e2e", "kg_cpu_vs_raw_cpu", "store_cpu_share",
                                   "kg_vs_raw_e2e_raw_before", "raw_drift"}
    mean_raw_wall = (raw["wall_seconds"] + data["raw_after"]["1"]["wall_seconds"]) / 2
    assert data["ratios"]["kg_vs_raw_e2e"] == pytest.approx(mean_raw_wall / kg["wall_seconds"])
    assert data["extract"]["1"]["exit_code"] == 0 and data["extract"]["1"]["cpu_seconds"] > 0
    assert raw["cpu_seconds"] > 0 and kg["cpu_seconds"] > 0 and kg["store_cpu_seconds"] > 0
    assert all(v is not None and v > 0 for k, v in data["ratios"].items() if k != "write_wait_share")
    assert 0 < data["ratios"]["store_cpu_share"] < 1
    assert data["ratios"]["write_wait_share"] >= 0
    assert set(result["targets"]) == {"kg_vs_raw_throughput", "first_vs_reimport", "rss_growth", "cold_start"}
    cold = result["cold_start"]  # one-article kg extract vs raw spaCy load + parse, new processes
    assert cold["raw_s"] > 0 and cold["kg_workers_1_s"] > 0 and cold["first_run_empty_cache_s"] > 0
    assert cold["ratio"] == pytest.approx(cold["kg_workers_1_s"] / cold["raw_s"])
    assert result["targets"]["rss_growth"]["met"] is None  # one size: no growth to measure


@pytest.mark.slow
def test_import_and_reimport_did_real_work(result: dict) -> None:
    data = result["sizes"][str(SIZE)]
    kg, again = data["kg"]["1"], data["reimport"]
    assert kg["exit_code"] == 0 and kg["counts"]["articles"] == SIZE
    assert kg["counts"]["nodes"] > SIZE and kg["counts"]["relationships"] > SIZE
    assert kg["store_write_seconds"] > 0
    assert again["counts"] == kg["counts"]  # the unchanged corpus adds nothing
    assert again.get("store_write_seconds", 0.0) == 0.0


@pytest.mark.slow
def test_every_saved_query_was_timed(result: dict) -> None:
    from kg.queries import list_saved

    timed = result["queries"]["results"]
    assert set(timed) == {q.name for q in list_saved()}
    for name, q in timed.items():
        assert q["error"] is None, (name, q["error"])
        assert q["runs"] == 1 and q["p50_ms"] is not None


@pytest.mark.slow
def test_push_into_the_bolt_server_was_timed(result: dict) -> None:
    """``kg push`` of the imported graph into a second embedded graph and into the Bolt server: every
    row went to both (the throughput table compares them)."""
    push = result["push"]
    kg = result["sizes"][str(SIZE)]["kg"]["1"]["counts"]
    for target in ("embedded", "neo4j"):
        assert push[target]["nodes"] == kg["nodes"] and push[target]["relationships"] == kg["relationships"]
        assert push[target]["rows_per_s"] > 0
    assert push["neo4j"]["server"].startswith("Neo4j/5")
