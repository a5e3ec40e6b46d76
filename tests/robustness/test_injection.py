"""Injection: no string from an article ever becomes part of a query.

Names, titles, texts and ids full of Cypher syntax are stored and returned literally, through the
library (model -> GraphBatch -> store.write) and through an imported JSON Lines file; ``kg query``
refuses writes without ``--write``; labels and types outside the schema are refused before any
Cypher is built.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KgError, SchemaError
from kg.graph import GraphBatch
from kg.ids import normalise
from kg.model import Article, Claim, Entity, Extraction, Span, Speaker, entity_id
from kg.schema import load_schema
from tests.robustness.helpers import LEDGER, Homes, article_text, kg, outcome, read, snapshot

EVIL = [
    "O'Brien \"the Hammer\"",
    "back`tick`) DETACH DELETE n //",
    "{name: 'x'}) RETURN 1 //",
    "// just a comment",
    "DETACH DELETE",
    "}) MATCH (n) DETACH DELETE n //",
    "'); MATCH (n) DETACH DELETE n; //",
    "\\\" \\' \\\\ $id ${x}",
    "Line one\nLine two\r\n\ttabbed",
    "Ünïcødé Владимир 北京 \u200b",
]


def evil_extraction(i: int, evil: str) -> Extraction:
    text = f"{evil} said the talks failed."
    art = Article(id=evil if i % 2 else f"inj-{i}", text=text, title=evil, url=f"https://x.example/{i}?q={evil}",
                  source=evil, origin=evil, published="2024-06-04")
    ent = Entity(id=entity_id("Person", evil), label="Person", name=evil, aliases=[evil],
                 mentions=[Span(0, len(evil), evil)])
    claim = Claim(id=f"claim-{i}", cue=Span(len(evil) + 1, len(evil) + 5, "said"), sentence=(0, len(text)),
                  speaker=Speaker(0, len(evil), evil, ent.id), content=Span(len(evil) + 6, len(text), text[len(evil) + 6:]),
                  about=[ent.id])
    return Extraction(article=art, entities=[ent], claims=[claim])


def test_library_write_stores_strings_literally(store: Any) -> None:
    schema = load_schema()
    sentinel = GraphBatch(schema)
    sentinel.add_node("Person", "person:sentinel", {"name": "Sentinel"})
    store.write(sentinel)
    batch = GraphBatch(schema)
    extractions = [evil_extraction(i, evil) for i, evil in enumerate(EVIL)]
    for ex in extractions:
        batch.add(ex)
    store.write(batch)

    for ex in extractions:
        evil, art = ex.article.title, ex.article
        rows = store.read("MATCH (a:Article {id: $id}) RETURN a.title, a.text, a.source, a.origin, a.url",
                          {"id": art.id}).rows
        assert rows == [[evil, art.text, evil, evil, art.url]]
        rows = store.read("MATCH (p:Person {id: $id}) RETURN p.name, p.aliases", {"id": ex.entities[0].id}).rows
        assert rows == [[evil, [evil]]]
        rows = store.read("MATCH (c:Claim {id: $id})-[:IN_ARTICLE]->(a:Article) RETURN c.speaker_text, a.id",
                          {"id": ex.claims[0].id}).rows
        assert rows == [[evil, art.id]]
    assert store.read("MATCH (p:Person {id: 'person:sentinel'}) RETURN p.name").rows == [["Sentinel"]]
    counts = store.read("MATCH (n) RETURN count(n)").rows[0][0]
    # sentinel + per string: Article, Person, Claim; Source nodes are keyed by normalised name
    assert counts == 1 + 3 * len(EVIL) + len({normalise(evil) for evil in EVIL})
    LEDGER.record("injection (library)", len(EVIL), len(EVIL))


def test_read_refuses_writes(store: Any) -> None:
    with pytest.raises(KgError):
        store.read("CREATE (n:Person {id: 'x'})")
    with pytest.raises(KgError):
        store.read("MATCH (n) DETACH DELETE n")
    assert store.read("MATCH (n:Person {id: 'x'}) RETURN count(n)").rows == [[0]]


def test_labels_and_types_outside_schema_are_refused(store: Any) -> None:
    schema = load_schema()
    for bad in ("X", "Person`) DETACH DELETE n //", "person", "Person:Admin", ""):
        with pytest.raises(SchemaError):
            schema.label(bad)
    with pytest.raises(SchemaError):
        schema.rel_type("KNOWS]->() DETACH DELETE n //")
    batch = GraphBatch(schema)
    with pytest.raises(SchemaError):
        batch.add_node("X", "x:1", {"name": "x"})
    assert batch.add_rel("KNOWS", ("Person", "a"), ("Person", "b")) is False
    art = Article(id="inj-label", text="Mallory said so.")
    bad_entity = Entity(id="e:1", label="Person`) DETACH DELETE n //", name="Mallory")
    with pytest.raises((SchemaError, KeyError)):
        GraphBatch(schema).add(Extraction(article=art, entities=[bad_entity]))
    store.write(batch)
    assert store.read("MATCH (n) RETURN count(n)").rows == [[0]]


@pytest.fixture(scope="module")
def jsonl_home(homes: Homes, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("injection")
    records = [{"id": "inj-plain", "title": "Plain", "text": article_text(140, "PLAIN")}]
    for i, evil in enumerate(EVIL):
        records.append({"id": f"inj-{i}", "title": evil, "source": evil,
                        "text": f"{evil} Anna Kowalski met Boris Novak in London. {evil}"})
    (folder / "evil.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    home = homes.new()
    proc = kg(home, "import", "-q", str(folder))
    return home, proc


def test_imported_jsonl_strings_are_literal(jsonl_home: tuple[Path, Any]) -> None:
    home, proc = jsonl_home
    assert proc.returncode == 0, outcome(proc)
    arts = snapshot(home).articles()
    assert len(arts) == len(EVIL) + 1
    assert "PLAIN" in arts["inj-plain"]["text"]
    for i, evil in enumerate(EVIL):
        assert arts[f"inj-{i}"]["title"] == evil
        assert arts[f"inj-{i}"]["source"] == evil
        assert arts[f"inj-{i}"]["text"].startswith(evil)
    people = {row[0] for row in read(home, "MATCH (p:Person) RETURN p.name")}
    assert {"Anna Kowalski", "Boris Novak"} <= people
    LEDGER.record("injection (JSON Lines)", len(EVIL) + 1, len(arts))


def test_kg_query_refuses_writes_without_flag(jsonl_home: tuple[Path, Any]) -> None:
    home, _ = jsonl_home
    before = snapshot(home).node_count
    for cypher in ("CREATE (n:X)", "MATCH (n) DETACH DELETE n", "MERGE (n:Person {id: 'evil'}) RETURN n"):
        proc = kg(home, "query", cypher)
        assert proc.returncode != 0, outcome(proc)
        message = (proc.stdout + proc.stderr).lower()
        assert "--write" in message or "read-only" in message, outcome(proc)
        assert "Traceback" not in proc.stderr
    assert read(home, "MATCH (n:X) RETURN count(n)") == [[0]]
    assert snapshot(home).node_count == before
