"""Synthetic Extractions, built without spaCy, for durability tests and the restart bench.

Why: the store's start-up, compaction and recovery depend on the size and shape of the graph, not on
how the articles were read, so thousands of articles are made here in milliseconds and written
through the real ``FalkorStore``. The shape follows a news corpus: a few hubs (countries, capitals)
named in most articles, a long tail of people and organisations named in a few, one or two attributed
claims and a domain relation per article. Deterministic for a given ``n`` and ``seed``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kg.graph import GraphBatch
from kg.model import Article, Claim, Entity, Extraction, Geo, Relation, Span, Speaker, entity_id
from kg.schema import load_schema

_COUNTRIES = [("Russia", "RU"), ("Ukraine", "UA"), ("Mali", "ML"), ("France", "FR"), ("China", "CN"),
              ("Niger", "NE"), ("Poland", "PL"), ("Turkey", "TR")]
_PLACES = [("Kyiv", 703448, 50.45, 30.52, "UA"), ("Bamako", 2460596, 12.65, -8.0, "ML"),
           ("Warsaw", 756135, 52.23, 21.01, "PL"), ("Niamey", 2440485, 13.51, 2.11, "NE"),
           ("Ankara", 323786, 39.92, 32.85, "TR"), ("Lyon", 2996944, 45.75, 4.85, "FR")]
_FIRST = ["Ivan", "Amadou", "Marta", "Li", "Oksana", "Pierre", "Fatou", "Emre", "Anna", "Moussa"]
_LAST = ["Petrov", "Keita", "Nowak", "Wei", "Shevchenko", "Durand", "Diallo", "Yilmaz", "Kowalska", "Traore"]
_ORG = ["Northern Alliance", "Sahel Brigade", "Civic Front", "Blue Shield Group", "Harbour Union"]
_RELS = ["ATTACKS", "SUPPORTS", "SANCTIONS", "TRAINS", "RECRUITS_FOR"]
_STATUS = ["asserted", "alleged", "denied", "confirmed"]
_WORDS = [
    "the", "of", "and", "to", "in", "a", "said", "on", "for", "was", "with", "that", "by", "from",
    "officials", "border", "talks", "troops", "ministry", "according", "week", "forces", "president",
    "government", "report", "minister", "security", "statement", "rebels", "aid", "envoy", "sanctions",
    "region", "capital", "agreement", "spokesman", "attack", "village", "militia", "council", "election",
    "convoy", "refugees", "embassy", "negotiations", "ceasefire", "parliament", "opposition", "province",
    "army",
]


def _span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle), needle)


def article(i: int, rng: random.Random, text_bytes: int = 0) -> Extraction:
    """Article ``i``: a speaker, an organisation, a place, two countries, one claim, one relation;
    its text padded to ``text_bytes`` (real articles are 1-3 KB, and the Article node keeps its text)."""
    person_no = rng.randrange(max(10, i // 3 + 10))  # the tail of people grows with the corpus
    person_name = f"{_FIRST[person_no % 10]} {_LAST[(person_no // 10) % 10]} {person_no // 100 or ''}".strip()
    org_name = f"{_ORG[rng.randrange(len(_ORG))]} {rng.randrange(max(5, i // 20 + 5))}"
    place = _PLACES[rng.randrange(len(_PLACES))]
    (c1, cc1), (c2, cc2) = rng.sample(_COUNTRIES, 2)
    rel_type, status = rng.choice(_RELS), rng.choice(_STATUS)
    text = (f"{person_name} said {c1} {rel_type.lower().replace('_', ' ')} {c2} near {place[0]}. "
            f"The {org_name} was also named in report {i}, which quoted officials at length.")
    words: list[str] = []  # varied words, not one repeated phrase: a snapshot compresses repeats away
    while len(text) + sum(len(w) + 1 for w in words) < text_bytes:
        words.append(rng.choice(_WORDS) + str(rng.randrange(1000)) * (rng.random() < 0.1))
    text += " " + " ".join(words) if words else ""
    geo = Geo(geonames_id=place[1], lat=place[2], lon=place[3], country_code=place[4], feature_code="PPLC",
              confidence=0.9)
    ents = [
        Entity(id=entity_id("Person", person_name), label="Person", name=person_name,
               mentions=[_span(text, person_name)]),
        Entity(id=entity_id("Organization", org_name), label="Organization", name=org_name,
               mentions=[_span(text, org_name)]),
        Entity(id=entity_id("Place", place[0], geo), label="Place", name=place[0], mentions=[_span(text, place[0])],
               geo=geo),
        Entity(id=entity_id("Country", c1), label="Country", name=c1, mentions=[_span(text, c1)]),
        Entity(id=entity_id("Country", c2), label="Country", name=c2, mentions=[_span(text, c2, text.index(c1) + 1)]),
    ]
    person, _org, _place, src, dst = ents
    sentence = (0, text.index(".") + 1)
    content = Span(text.index(c1), text.index(place[0]) + len(place[0]), text[text.index(c1):text.index(place[0])
                                                                              + len(place[0])])
    claim = Claim(id=f"claim:syn-{i}", cue=_span(text, "said"), sentence=sentence, status=status,
                  speaker=Speaker(0, len(person_name), person_name, person.id), content=content,
                  about=[src.id, dst.id])
    rel = Relation(id=Relation.make_id(rel_type, src.id, dst.id, status), type=rel_type, source=src.id,
                   target=dst.id, evidence=(content.start, content.end), status=status, claim=claim.id,
                   asserted_by=person.id)
    art = Article(id=f"syn-{i}", text=text, title=f"Report {i}", url=f"https://example.org/syn/{i}",
                  published=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", source="Synthetic Wire")
    return Extraction(article=art, entities=ents, claims=[claim], relations=[rel],
                      comentions=[(src.id, dst.id, *sentence)])


def batches(n: int, size: int = 128, seed: int = 7, start: int = 0, text_bytes: int = 0) -> Iterator[GraphBatch]:
    """Articles ``start``..``start+n-1`` as GraphBatches of ``size`` articles (kg's own transaction size)."""
    rng = random.Random(seed * 1_000_003 + start)
    schema = load_schema()
    batch = GraphBatch(schema)
    for i in range(start, start + n):
        batch.add(article(i, rng, text_bytes))
        if (i - start + 1) % size == 0:
            yield batch
            batch = GraphBatch(schema)
    if len(batch):
        yield batch
