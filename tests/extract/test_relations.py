"""Typed relations through the real Extractor: dependency rules, schema endpoints, status and
attribution inherited from the enclosing claim. Sentences are written for these tests, except the
seed acceptance test, which reads the shared seed article when it is present."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.model import Article, Extraction, Relation
from kg.schema import load_schema

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "seed-article.txt"


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor()


def extract(text: str) -> Extraction:
    return _extractor().extract(Article("r1", text))


def names(x: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in x.entities}


def find(x: Extraction, rtype: str, src: str, dst: str) -> Relation:
    n = names(x)
    for r in x.relations:
        if r.type == rtype and src in n[r.source] and dst in n[r.target]:
            return r
    raise AssertionError(f"no {rtype} {src} -> {dst} in {[(r.type, n[r.source], n[r.target]) for r in x.relations]}")


def test_recruits_for_inside_an_accusation_is_alleged_and_attributed() -> None:
    text = ("Sergei Shoigu said that the Polish embassy in Vilnius is recruiting fighters for the "
            "Kastus Kalinouski Regiment.")
    x = extract(text)
    r = find(x, "RECRUITS_FOR", "embassy", "Kalinouski")
    claim = next(c for c in x.claims if c.cue.text == "said")
    assert r.status == "alleged" and r.claim == claim.id
    assert r.asserted_by == next(e.id for e in x.entities if e.name == "Sergei Shoigu")
    assert r.evidence == (0, len(text))
    assert r.id == Relation.make_id("RECRUITS_FOR", r.source, r.target, "alleged")
    assert find(x, "LOCATED_IN", "embassy", "Vilnius").status == "alleged"


def test_trains_from_instructors_of_an_organisation() -> None:
    x = extract("The Kremlin claimed that instructors from NATO train Ukrainian troops near Lviv.")
    r = find(x, "TRAINS", "NATO instructors", "Ukrainian troops")
    assert r.status == "alleged" and r.event_type == "AID"
    assert r.asserted_by == next(e.id for e in x.entities if e.name == "Kremlin")
    find(x, "AFFILIATED_WITH", "NATO instructors", "North Atlantic Treaty Organization")


@pytest.mark.parametrize(("text", "rtype", "src", "dst"), [
    ("Jens Stoltenberg, who heads NATO, arrived in Kyiv on Tuesday.", "HOLDS_ROLE", "Stoltenberg",
     "North Atlantic Treaty Organization"),
    ("Antony Blinken met with Wang Yi in Beijing on Friday.", "MEETS_WITH", "Blinken", "Wang Yi"),
    ("The European Union imposed sanctions on Iran in March.", "SANCTIONS", "European Union", "Iran"),
    ("Hungary is a member of NATO.", "MEMBER_OF", "Hungary", "North Atlantic Treaty Organization"),
    ("Turkey condemned Israel over the raid.", "CONDEMNS", "Turkey", "Israel"),
])
def test_plain_relations_are_asserted(text: str, rtype: str, src: str, dst: str) -> None:
    r = find(extract(text), rtype, src, dst)
    assert r.status == "asserted" and r.asserted_by is None


def test_hedged_sentence_without_claim_is_alleged() -> None:
    x = extract("Iran reportedly imposed sanctions on Canada last year.")
    assert find(x, "SANCTIONS", "Iran", "Canada").status == "alleged"


def test_every_relation_respects_the_schema() -> None:
    schema = load_schema()
    text = ("Sergei Shoigu said that the Polish embassy in Vilnius is recruiting fighters for the "
            "Kastus Kalinouski Regiment. Jens Stoltenberg, who heads NATO, met with Wang Yi in Beijing.")
    x = extract(text)
    labels = {e.id: e.label for e in x.entities}
    assert x.relations
    for r in x.relations:
        assert schema.allows(r.type, labels[r.source], labels[r.target]), r


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_acceptance() -> None:
    """The product card's example, end to end on the unmodified extraction (nothing inserted)."""
    text = SEED.read_text(encoding="utf-8")
    x = extract(text)
    n = names(x)
    labels = {e.id: e.label for e in x.entities}
    patrushev = next(e.id for e in x.entities if "Patrushev" in e.name and e.label == "Person")

    recruit = [r for r in x.relations if r.type == "RECRUITS_FOR" and "embassy in Dushanbe" in n[r.source]
               and "international legion" in n[r.target]]
    assert recruit, [(r.type, n[r.source], n[r.target]) for r in x.relations]
    r = recruit[0]
    assert r.status == "alleged" and r.asserted_by == patrushev and r.event_type == "MOBILIZE"
    sentence = text[r.evidence[0]:r.evidence[1]]
    assert "embassy in Dushanbe" in sentence and "recruitment" in sentence
    assert labels[r.target] == "Organization"

    trains = [r for r in x.relations if r.type == "TRAINS" and n[r.source] == "NATO instructors"]
    assert {n[r.target] for r in trains} == {"mercenaries", "saboteurs"}
    assert all(r.status == "alleged" and r.asserted_by == patrushev for r in trains)

    swedish = next(e for e in x.entities if e.name == "Swedish mercenaries")
    assert swedish.label == "Group" and swedish.properties["agent_type"] == "mercenaries"
    sweden = next(e.id for e in x.entities if e.name == "Sweden")
    assert swedish.properties["country"] == sweden
    affiliated = find(x, "AFFILIATED_WITH", "Swedish mercenaries", "Sweden")
    assert affiliated.target == sweden and affiliated.asserted_by == patrushev

    # claims: "The briefing asserted ..." speaks for Patrushev; the Swedish claim is his allegation
    briefing = next(c for c in x.claims if c.cue.text == "asserted")
    assert briefing.speaker is not None and briefing.speaker.entity == patrushev
    about_sweden = [c for c in x.claims if sweden in c.about]
    assert about_sweden and all(c.status == "alleged" for c in about_sweden)
