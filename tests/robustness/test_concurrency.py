"""Concurrency: two ``kg import`` processes on one KG_HOME with overlapping inputs both finish, the
graph has no duplicate ids, and ``kg query`` answers while they run.

The two imports race for starting the server and MERGE the same articles; the result must be the
graph of one uninterrupted import of the union.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.schema import load_schema
from tests.robustness.helpers import (
    CORPUS_SIZE,
    LEDGER,
    Homes,
    Reference,
    kg,
    kg_popen,
    read,
    snapshot,
)


def split_corpus(corpus: Path, dest: Path) -> tuple[Path, Path]:
    files = sorted(corpus.glob("*.txt"))
    first, second = dest / "first", dest / "second"
    for folder, part in ((first, files[:28]), (second, files[12:])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    return first, second


@pytest.mark.slow
def test_two_imports_at_once(homes: Homes, reference: Reference, tmp_path: Path) -> None:
    first, second = split_corpus(reference.corpus, tmp_path)
    home = homes.new("kgr-conc-")
    procs = [kg_popen(home, "import", "--batch-size", "4", "-q", str(folder)) for folder in (first, second)]
    queries = []
    while any(p.poll() is None for p in procs):
        q = kg(home, "query", "MATCH (a:Article) RETURN count(a) AS articles", timeout=120)
        if any(p.poll() is None for p in procs):
            queries.append(q)
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, f"exit={p.returncode}\n{out}\n{err}"
    assert queries, "both imports ended before a query could run alongside them"
    for q in queries:
        assert q.returncode == 0 and "articles" in q.stdout, f"{q.returncode}\n{q.stdout}\n{q.stderr}"

    schema = load_schema()
    for label in schema.nodes:
        total, distinct = read(home, f"MATCH (n:{schema.label(label)}) RETURN count(n), count(DISTINCT n.id)")[0]
        assert total == distinct, f"{label}: {total - distinct} duplicate ids"
    snap = snapshot(home)
    assert max(snap.rel_multiplicity().values()) == 1, "duplicate relationships"
    assert snap.node_keys == reference.snap.node_keys
    assert snap.rel_keys == reference.snap.rel_keys
    LEDGER.record("concurrency (2 imports)", CORPUS_SIZE, len(set(snap.articles()) & set(reference.snap.articles())))
