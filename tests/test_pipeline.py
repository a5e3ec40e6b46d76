"""The spine end to end: loaders -> Extractor -> GraphBatch -> embedded store, on real files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.pipeline import Importer
from kg.store.falkor import FalkorStore
from loaders import load

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "seed-article.txt"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _counts(store: FalkorStore) -> tuple[dict[str, int], dict[str, int]]:
    s = store.stats()
    return dict(s.nodes), dict(s.relationships)


def test_examples_import_twice_is_idempotent(store: FalkorStore, extractor: Extractor) -> None:
    first = Importer(store, extractor, batch_size=4).run(load([str(ROOT / "examples")]))
    assert first.new >= 8 and first.failed == 0, first.errors
    counts = _counts(store)
    props = store.read("MATCH (n:Entity) RETURN n.id, n.name, n.aliases ORDER BY n.id").rows
    second = Importer(store, extractor, batch_size=4).run(load([str(ROOT / "examples")]))
    assert second.new == 0 and second.skipped == first.new
    assert _counts(store) == counts
    assert store.read("MATCH (n:Entity) RETURN n.id, n.name, n.aliases ORDER BY n.id").rows == props
    # every article is whole: it has its mentions
    orphans = store.read("MATCH (a:Article) WHERE NOT (a)-[:MENTIONS]->() RETURN a.id").rows
    assert orphans == []


def test_failures_are_reported_and_the_rest_imported(store: FalkorStore, extractor: Extractor,
                                                      tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Talks in Vienna\n\nDiplomats from France met in Vienna on Monday.\n")
    (tmp_path / "bad.jsonl").write_text('{"id": "a1", "text": "Officials in Cairo met on Tuesday."}\n{oops\n')
    (tmp_path / "empty.txt").write_text("")
    report = Importer(store, extractor).run(load([str(tmp_path)]))
    assert report.new == 2 and report.failed == 2
    assert any("bad.jsonl:2" in e for e in report.errors)
    assert any("empty.txt" in e for e in report.errors)
    assert store.read("MATCH (a:Article) RETURN count(a)").rows == [[2]]


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the repository")
def test_seed_article_spine(store: FalkorStore, extractor: Extractor) -> None:
    report = Importer(store, extractor).run(load([str(SEED)]))
    assert report.new == 1, report.errors
    people = store.read("MATCH (p:Person) WHERE p.name CONTAINS 'Patrushev' RETURN p.name").rows
    assert people == [["Nikolai Patrushev"]]
    assert store.read("MATCH (o:Organization) WHERE o.name = 'SCO' OR 'SCO' IN o.aliases "
                      "RETURN count(o)").rows == [[1]]
    real = {"Astana": (51.1801, 71.446), "Dushanbe": (38.5358, 68.7791)}
    for name, (lat, lon) in real.items():
        rows = store.read("MATCH (p:Place) WHERE p.name = $name RETURN p.lat, p.lon, p.location",
                          {"name": name}).rows
        assert len(rows) == 1, (name, rows)
        plat, plon, loc = rows[0]
        assert _km(plat, plon, lat, lon) < 25
        assert loc == {"latitude": pytest.approx(plat), "longitude": pytest.approx(plon)}
