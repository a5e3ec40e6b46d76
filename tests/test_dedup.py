"""Near-duplicate articles: one story from two outlets or under two ids is linked (SAME_STORY), given
one story id whatever the import order, and counted once in entity rankings. Real spaCy, real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.dedup import THRESHOLD, band_keys, signature, similarity
from kg.extract import Extractor
from kg.pipeline import Importer
from kg.schema import load_schema
from kg.store.falkor import FalkorStore
from loaders import load

# A wire story written for these tests, in paragraphs (P1..P6).
P = [
    "Harbour workers in Valletta walked off the job on Monday after talks with the Malta Ports Authority "
    "collapsed over a plan to automate two container terminals by the end of next year.",
    "Union leader Carmen Zammit told reporters outside the port that the plan would cost at least four "
    "hundred jobs and that members had not been consulted before the tender was published.",
    "The authority said in a statement that no worker would be dismissed and that staff would be retrained "
    "to operate the new cranes, which it said were needed to compete with ports in Sicily and Tunisia.",
    "Shipping lines were told to expect delays of up to three days, and several vessels waiting off the "
    "coast were diverted to the Sicilian port of Augusta on Monday evening, according to port agents.",
    "Economy minister Silvio Schembri said the government would meet both sides on Wednesday and urged the "
    "union to return to work while the talks continue, warning that a long strike would hurt exporters.",
    "The last strike at the port, in 2019, lasted eleven days and ended with a pay deal that the union "
    "says the authority has since failed to honour in full, a charge the authority denies.",
]
# A story on the same events, written separately: same names, different wording.
OTHER = (
    "Malta's government will hold talks on Wednesday with dockers who stopped work in Valletta, economy "
    "minister Silvio Schembri said. Carmen Zammit, who leads the dockers' union, said automation at the "
    "container terminals threatens hundreds of posts. Ships have been sent to Augusta in Sicily while the "
    "stoppage lasts. The Malta Ports Authority insists nobody will lose their job, and says new cranes are "
    "needed if Malta is to keep pace with rival ports across the Mediterranean, including those in Tunisia."
)


def _story(*parts: int, headline: str = "Valletta port strike") -> str:
    return headline + "\n\n" + "\n\n".join(P[i] for i in parts)


def test_copies_are_close_and_separate_stories_are_not():
    full = signature(_story(0, 1, 2, 3, 4, 5))
    trimmed = signature(_story(0, 1, 2, 3, 4, headline="Dock strike halts Malta's main port\nBy staff reporter"))
    other = signature(OTHER)
    assert full is not None and trimmed is not None and other is not None
    assert similarity(full, trimmed) >= THRESHOLD
    assert set(band_keys(full)) & set(band_keys(trimmed))  # found by an index seek, not a scan
    assert similarity(full, other) < 0.2
    assert signature("Too short to compare.") is None
    # stable across processes: the keys are stored and compared with later imports
    assert band_keys(full) == band_keys(signature(_story(0, 1, 2, 3, 4, 5)))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _write(folder: Path, name: str, records: list[dict[str, str]]) -> str:
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _stories(store: FalkorStore) -> dict[str, str]:
    return dict(store.read("MATCH (a:Article) RETURN a.id, a.story_id").rows)


def _count(store: FalkorStore, name: str) -> int:
    rows = store.read("MATCH (e:Entity) WHERE $n IN e.keys RETURN e.article_count ORDER BY e.article_count DESC",
                      {"n": name}).rows
    assert rows, name
    return rows[0][0]


def test_wire_copy_linked_and_counted_once_whatever_the_order(store, extractor, tmp_path):
    wire = {"id": "wire-200", "text": _story(0, 1, 2, 3, 4, 5), "source": "Agency"}
    copy = {"id": "paper-100", "source": "Paper", "text": _story(
        0, 1, 2, 3, 4, headline="Dock strike halts Malta's main port\nBy staff reporter")}
    other = {"id": "paper-050", "text": OTHER, "source": "Paper"}
    first = Importer(store, extractor).run(load([_write(tmp_path, "a.jsonl", [wire, other])]))
    assert first.failed == 0, first.errors
    assert _count(store, "carmen zammit") == 2  # two separate stories name her
    second = Importer(store, extractor).run(load([_write(tmp_path, "b.jsonl", [copy])]))
    assert second.failed == 0 and second.relationships["SAME_STORY"] == 1
    links = store.read("MATCH (a:Article)-[s:SAME_STORY]->(b:Article) RETURN a.id, b.id, s.similarity").rows
    assert [(a, b) for a, b, _ in links] == [("wire-200", "paper-100")] and links[0][2] >= THRESHOLD
    # the lowest id names the story, even though it came second: the stored copy was re-pointed
    assert _stories(store) == {"wire-200": "paper-100", "paper-100": "paper-100", "paper-050": "paper-050"}
    assert _count(store, "carmen zammit") == 2  # the wire story and its copy count once, plus OTHER
    assert _count(store, "augusta") == 2
    # the mentions are all still there: only the ranking counts stories
    assert store.read("MATCH (:Article)-[:MENTIONS]->(e:Entity) WHERE 'carmen zammit' IN e.keys "
                      "RETURN count(*)").rows[0][0] == 3

    # the other order, in one import (both in one batch): the same stories
    store.drop()
    store.apply_schema(load_schema())
    both = Importer(store, extractor).run(load([_write(tmp_path, "c.jsonl", [copy, other, wire])]))
    assert both.failed == 0 and both.relationships["SAME_STORY"] == 1
    assert _stories(store) == {"wire-200": "paper-100", "paper-100": "paper-100", "paper-050": "paper-050"}
    assert _count(store, "carmen zammit") == 2


def test_an_article_bridging_two_stories_merges_them(store, extractor, tmp_path):
    early = {"id": "s-2", "text": _story(0, 1, 2, 3)}
    late = {"id": "s-3", "text": _story(2, 3, 4, 5, headline="Port strike, day two")}
    Importer(store, extractor).run(load([_write(tmp_path, "a.jsonl", [early, late])]))
    assert _stories(store) == {"s-2": "s-2", "s-3": "s-3"}  # half their text in common: two stories
    assert _count(store, "augusta") == 2
    full = {"id": "s-1", "text": _story(0, 1, 2, 3, 4, 5)}
    report = Importer(store, extractor).run(load([_write(tmp_path, "b.jsonl", [full])]))
    assert report.relationships["SAME_STORY"] == 2
    assert _stories(store) == {"s-1": "s-1", "s-2": "s-1", "s-3": "s-1"}
    assert _count(store, "augusta") == 1
    # re-importing the same files changes nothing
    again = Importer(store, extractor).run(load([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]))
    assert again.new == 0 and _stories(store) == {"s-1": "s-1", "s-2": "s-1", "s-3": "s-1"}


def test_a_changed_article_leaves_the_story_it_held_together(store, extractor, tmp_path):
    """s-1 bridges s-2 and s-3 into one story; when s-1 comes back with another text, s-2 and s-3
    are two stories again (as the links that remain make them) and their entities are recounted."""
    early = {"id": "s-2", "text": _story(0, 1, 2, 3)}
    late = {"id": "s-3", "text": _story(2, 3, 4, 5, headline="Port strike, day two")}
    full = {"id": "s-1", "text": _story(0, 1, 2, 3, 4, 5)}
    Importer(store, extractor).run(load([_write(tmp_path, "a.jsonl", [early, late, full])]))
    assert _stories(store) == {"s-1": "s-1", "s-2": "s-1", "s-3": "s-1"}
    assert _count(store, "augusta") == 1
    changed = {"id": "s-1", "text": OTHER}
    report = Importer(store, extractor).run(load([_write(tmp_path, "b.jsonl", [changed])]))
    assert report.failed == 0, report.errors
    assert _stories(store) == {"s-1": "s-1", "s-2": "s-2", "s-3": "s-3"}
    assert store.read("MATCH (:Article)-[s:SAME_STORY]->(:Article) RETURN count(s)").rows[0][0] == 0
    assert _count(store, "augusta") == 3  # three stories name it again


def test_story_statements_pass_neo4j_linter():
    """The re-pointing and story-aware recount statements are valid Neo4j 5 Cypher too (shared builders)."""
    import shutil

    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are needed to run Neo4j's Cypher linter (tools/cypher-lint)")
    from kg.graph import GraphBatch
    from kg.model import Article, Extraction
    from kg.store.cypher import batch_segments, count_segments
    from tests.analyst.test_cypher_lint import _errors, lint
    from tests.analyst.test_cypher_lint import linter as linter_fixture

    batch = GraphBatch(load_schema())
    for art_id, text in (("b", _story(0, 1, 2, 3, 4, 5)), ("a", _story(0, 1, 2, 3, 4))):
        batch.add(Extraction(article=Article(art_id, text)))
    batch.add_rel("SAME_STORY", ("Article", "b"), ("Article", "a"), props={"similarity": 0.7})
    batch.story_renames["c"] = "a"
    batch.recount_stories.append("a")
    batch.add_node("Person", "person:x", {"name": "X"})
    segments = batch_segments(batch) + count_segments(batch, "neo4j")
    texts = " ".join(t for t, _ in segments)
    assert "SAME_STORY" in texts and "story_id: r.old" in texts and "$stories" in texts
    report = lint(linter_fixture.__wrapped__(), [{"name": f"s{i}", "text": t, "params": p}  # type: ignore[attr-defined]
                                                 for i, (t, p) in enumerate(segments)])
    assert _errors(report) == []
