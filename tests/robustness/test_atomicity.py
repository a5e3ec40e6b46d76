"""Atomicity: an import killed with SIGKILL mid-run leaves only whole articles, and re-running it
yields exactly the graph of an uninterrupted import.

A batch is one transaction, so after any kill every Article in the store has all of its MENTIONS
(and claims); the re-run skips the stored articles by content hash and adds the rest.
"""

from __future__ import annotations

import contextlib
import signal
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KgError
from kg.graph import GraphBatch
from kg.model import Article, Entity, Extraction, Span
from kg.pipeline import Importer
from kg.schema import load_schema
from tests.robustness.helpers import (
    CORPUS_SIZE,
    LEDGER,
    Homes,
    Reference,
    Snapshot,
    handmade_extractions,
    kg,
    kg_popen,
    outcome,
    read,
    snapshot,
    wait_for,
)


def article_parts(snap: Snapshot) -> dict[str, set[tuple[str, str]]]:
    """Per article: the (type, other end) of its MENTIONS and of its claims' IN_ARTICLE edges."""
    parts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rtype, src, dst, _props in snap.rels:
        if rtype == "MENTIONS":
            parts[src].add((rtype, dst))
        elif rtype == "IN_ARTICLE":
            parts[dst].add((rtype, src))
    return parts


def assert_whole_articles(snap: Snapshot, ref: Snapshot) -> None:
    """Every stored Article has exactly the MENTIONS and claims it has in the reference graph."""
    mine, theirs = article_parts(snap), article_parts(ref)
    for aid in snap.articles():
        assert mine.get(aid, set()) == theirs.get(aid, set()), f"article {aid} is partly written"


def stored_articles(home: object) -> int:
    return read(home, "MATCH (a:Article) RETURN count(a)")[0][0]  # type: ignore[arg-type]


@pytest.mark.slow
def test_sigkill_mid_import_then_rerun_equals_uninterrupted(homes: Homes, reference: Reference) -> None:
    home = homes.new("kgr-kill-")
    kill_points = []
    for threshold in (4, 20):  # after the first batch landed, then again further on
        proc = kg_popen(home, "import", "--batch-size", "4", "-q", str(reference.corpus))
        landed = wait_for(lambda t=threshold: stored_articles(home) >= t, timeout=240, interval=0.01)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert landed, "the first batch never reached the store"
        at_kill = snapshot(home)
        kill_points.append(len(at_kill.articles()))
        assert_whole_articles(at_kill, reference.snap)
        assert not at_kill.duplicate_node_ids
    LEDGER.notes.append(f"SIGKILLs landed with {kill_points} of {CORPUS_SIZE} articles stored")
    assert kill_points[0] < CORPUS_SIZE, "the import finished before the kill; the test proved nothing"

    final = kg(home, "import", "--batch-size", "4", "-q", str(reference.corpus))
    assert final.returncode == 0, outcome(final)
    snap = snapshot(home)
    ref = reference.snap
    assert snap.node_count == ref.node_count
    assert len(snap.rels) == len(ref.rels)
    assert snap.label_counts() == ref.label_counts()
    assert snap.node_keys == ref.node_keys
    assert snap.rel_keys == ref.rel_keys
    assert snap.rel_multiplicity() == ref.rel_multiplicity()
    assert_whole_articles(snap, ref)
    survived = len(set(snap.articles()) & set(ref.articles()))
    LEDGER.record("atomicity (SIGKILL x2)", CORPUS_SIZE, survived)



def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
def test_killed_import_takes_its_extraction_workers_with_it(homes: Homes, reference: Reference) -> None:
    """SIGKILL on ``kg import --workers 2``: its worker processes end too, none keeps running."""
    home = homes.new("kgr-orphans-")
    proc = kg_popen(home, "import", "--workers", "2", "--batch-size", "4", "-q", str(reference.corpus))
    assert wait_for(lambda: stored_articles(home) >= 4, timeout=240, interval=0.05), "nothing was imported"
    workers = _children(proc.pid)
    assert workers, "the import runs no worker processes; the test proves nothing"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)  # would hang while a worker held the pipes

    def gone() -> bool:
        return not [w for w in workers if Path(f"/proc/{w}").exists()
                    and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]]
    assert wait_for(gone, timeout=10, interval=0.1), f"workers outlived the import: {workers}"


def test_every_article_has_its_mentions(reference: Reference) -> None:
    """Whole or nothing in the uninterrupted graph too: no Article without MENTIONS."""
    parts = article_parts(reference.snap)
    bare = [aid for aid in reference.snap.articles() if not any(t == "MENTIONS" for t, _ in parts.get(aid, ()))]
    assert not bare, f"articles stored without MENTIONS: {bare}"


class PrebuiltExtractor:
    """Hands back extractions built beforehand (the store and the Importer are the real ones)."""

    def __init__(self, extractions: list[Extraction]) -> None:
        self.by_id = {ex.article.id: ex for ex in extractions}

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32, n_process: int = 1) -> Iterator[Extraction]:
        for art in articles:
            yield self.by_id[art.id]


def poisoned(ex: Extraction) -> Extraction:
    """The same article with an Organization whose ``kind`` is a map: the store refuses the value at
    run time, inside the batch's one query, after the earlier parts of the batch were applied."""
    bad = Entity(id="organization:poison", label="Organization", name="Poison Corp", properties={"kind": {"a": 1}},
                 mentions=[Span(0, 1, ex.article.text[0])])
    return replace(ex, entities=[*ex.entities, bad])


def test_failed_batch_leaves_nothing(store: Any) -> None:
    extractions = handmade_extractions(3)
    batch = GraphBatch(load_schema())
    for ex in [*extractions[:2], poisoned(extractions[2])]:
        batch.add(ex)
    with pytest.raises(KgError):
        store.write(batch)
    assert store.read("MATCH (n) RETURN count(n)").rows == [[0]]


def test_importer_isolates_the_article_that_breaks_a_batch(store: Any) -> None:
    extractions = handmade_extractions(8)
    extractions[5] = poisoned(extractions[5])
    report = Importer(store, PrebuiltExtractor(extractions), batch_size=4).run([ex.article for ex in extractions])
    assert (report.new, report.failed) == (7, 1), report.errors
    assert len(report.errors) == 1 and "hand-5" in report.errors[0]
    stored = {row[0] for row in store.read("MATCH (a:Article) RETURN a.id").rows}
    assert stored == {f"hand-{i}" for i in range(8)} - {"hand-5"}
    mentions = store.read("MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id, count(e)").rows
    assert sorted(mentions) == sorted([aid, 3] for aid in stored)
    assert store.read("MATCH (o:Organization {id: 'organization:poison'}) RETURN count(o)").rows == [[0]]
    LEDGER.record("atomicity (poisoned batch)", 8, 7 + (report.failed == 1))
