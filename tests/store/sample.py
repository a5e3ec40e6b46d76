"""Hand-made Extractions for the store tests: small, with known counts, and hostile strings."""

from __future__ import annotations

from kg.graph import GraphBatch
from kg.model import Article, Claim, Entity, Extraction, Geo, Relation, Span, Speaker, entity_id
from kg.schema import load_schema

HOSTILE = ["O'Brien \"quoted\"", "`backtick` MATCH (n) DETACH DELETE n //", "{braces: 1} $param",
           "}) DETACH DELETE n WITH 1 AS x MATCH (m) RETURN m //", "back\\slash \\\" \n newline", "Київ 東京"]


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def extraction(article_id: str, text: str, published: str = "2023-06-20", alias: str | None = None,
               title: str | None = "Title") -> Extraction:
    """Kyiv says Russia attacks Ukraine: a Place with a point, two Countries, a Claim, a domain relation."""
    kyiv_geo = Geo(geonames_id=703448, lat=50.45, lon=30.52, country_code="UA", feature_code="PPLC", confidence=0.9)
    kyiv = Entity(id=entity_id("Place", "Kyiv", kyiv_geo), label="Place", name="Kyiv",
                  aliases=[alias] if alias else [], mentions=[_span(text, "Kyiv")], geo=kyiv_geo)
    russia = Entity(id=entity_id("Country", "Russia"), label="Country", name="Russia", mentions=[_span(text, "Russia")])
    person = Entity(id=entity_id("Person", "Ivan Petrov"), label="Person", name="Ivan Petrov",
                    mentions=[_span(text, "Ivan Petrov")])
    sentence = (0, text.index(".") + 1)
    claim = Claim(id=f"claim:{article_id}", cue=_span(text, "said"), sentence=sentence, status="alleged",
                  speaker=Speaker(*_pos(text, "Ivan Petrov"), "Ivan Petrov", person.id),
                  content=_span(text, "Russia attacks Kyiv"), about=[russia.id, kyiv.id])
    rel = Relation(id=Relation.make_id("ATTACKS", russia.id, kyiv.id, "alleged"), type="ATTACKS",
                   source=russia.id, target=kyiv.id, evidence=_pos(text, "Russia attacks Kyiv"), status="alleged",
                   claim=claim.id, asserted_by=person.id)
    article = Article(id=article_id, text=text, title=title, url=f"https://example.org/{article_id}",
                      published=published, source="Example News")
    return Extraction(article=article, entities=[kyiv, russia, person], claims=[claim], relations=[rel],
                      comentions=[(russia.id, kyiv.id, *sentence)])


def _pos(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


TEXT = "Ivan Petrov said Russia attacks Kyiv. More text follows."


def batch(*extractions: Extraction) -> GraphBatch:
    b = GraphBatch(load_schema())
    for ex in extractions:
        b.add(ex)
    return b


def many(n: int) -> GraphBatch:
    """``n`` articles' worth of rows (for throughput measurements)."""
    b = GraphBatch(load_schema())
    for i in range(n):
        text = f"Ivan Petrov said Russia attacks Kyiv. Article number {i} has its own words."
        b.add(extraction(f"bulk-{i}", text, published=f"2023-06-{1 + i % 28:02d}"))
    return b
