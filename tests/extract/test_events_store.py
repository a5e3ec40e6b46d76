"""Events reach the graph: event_type, mode, place and date stored on the relation (real spaCy,
real embedded store), generic actors as nodes with their agent_type and country."""

from __future__ import annotations

from kg.graph.batch import GraphBatch
from kg.schema import load_schema


def test_event_properties_and_actors_are_stored(extract, store) -> None:
    a = extract("Unknown gunmen attacked Afghan soldiers in Kandahar on Monday.", "s1")
    b = extract("Iran threatened to attack Israel.", "s2")
    store.write(GraphBatch(load_schema()).add(a).add(b))
    rows = store.read("MATCH (g:Group)-[r:ATTACKS]->(s:Group) "
                      "RETURN g.agent_type, s.agent_type, r.event_type, r.mode, r.place, r.date").rows
    kandahar = next(e.id for e in a.entities if e.name == "Kandahar")
    assert rows == [["rebels", "military", "ASSAULT", None, [kandahar], ["Monday"]]]
    threatened = store.read("MATCH (:Country)-[r:ATTACKS]->(:Country) RETURN r.mode, r.event_type").rows
    assert threatened == [["threatened", "ASSAULT"]]
    assert store.read("MATCH (:Country)-[r:THREATENS]->(:Country) RETURN r.event_type").rows == [["THREATEN"]]


def test_two_events_of_one_pair_keep_both_sentences_and_dates(extract, store) -> None:
    text = ("Putin met Erdogan in Sochi on Monday. The talks covered grain. "
            "Putin met Erdogan again in Ankara on Friday.")
    x = extract(text, "s3")
    meetings = [r for r in x.relations if r.type == "MEETS_WITH"]
    assert len(meetings) == 2 and len({r.id for r in meetings}) == 1  # one edge, two sentences
    store.write(GraphBatch(load_schema()).add(x))
    rows = store.read("MATCH (:Person)-[r:MEETS_WITH]->(:Person) RETURN r.count, r.date, size(r.place)").rows
    assert len(rows) == 1 and rows[0][0] == 2 and sorted(rows[0][1]) == ["Friday", "Monday"] and rows[0][2] == 2
