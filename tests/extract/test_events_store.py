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
