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
    # the counts kept on entities are those of their edges
    drift = store.read("MATCH (e:Entity) WITH e, [(e)<-[m:MENTIONS]-() | m.count] AS ms, "
                       "[(e)-[:ASSERTS]->(c:Claim) | c.status] AS cs "
                       "WHERE e.article_count <> size(ms) "
                       "OR e.claim_count <> size(cs) OR e.alleged_count <> size([s IN cs WHERE s = 'alleged']) "
                       "RETURN e.name, e.article_count, e.claim_count").rows
    assert drift == []
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


def test_two_workers_extract_exactly_what_one_does(extractor: Extractor) -> None:
    """The process pool (whole extraction per worker) returns the same records, in input order."""
    articles = [a for a in load([str(ROOT / "examples")]) if hasattr(a, "text")]
    one = [ex.to_json() for ex in extractor.extract_many(articles, batch_size=3)]
    two = [ex.to_json() for ex in Extractor().extract_many(articles, batch_size=3, n_process=2)]
    assert len(two) == len(articles) >= 8
    assert two == one


def test_an_extraction_bug_fails_that_article_only(store: FalkorStore, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception inside the rules is reported for its article, which is not written; the rest is."""
    ex = Extractor()
    real = ex.from_doc

    def from_doc(doc: object, article: object) -> object:
        if "Kharkiv" in getattr(article, "text", ""):
            raise ValueError("rule bug")
        return real(doc, article)

    monkeypatch.setattr(ex, "from_doc", from_doc)
    (tmp_path / "a.txt").write_text("Talks in Vienna\n\nDiplomats from France met in Vienna on Monday.\n")
    (tmp_path / "b.txt").write_text("Shelling in Kharkiv\n\nOfficials in Kharkiv said shelling went on.\n")
    report = Importer(store, ex).run(load([str(tmp_path)]))
    assert report.new == 1 and report.failed == 1
    assert any("b.txt" in e and "ValueError: rule bug" in e for e in report.errors), report.errors
    assert store.read("MATCH (a:Article) RETURN a.title").rows == [["Talks in Vienna"]]
