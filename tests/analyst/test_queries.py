"""Every saved query runs on the embedded store over the sample graph and returns the known rows."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.queries import get_saved, list_saved

EXPECTED_NAMES = {
    "claims-by-speaker", "allegations-about", "contradictions", "near-place", "foreign-involvement",
    "recruitment-training-support-network", "co-mention-network", "entity-timeline", "relation-evidence",
    "most-mentioned-per-country", "shortest-connection", "articles-mentioning",
}


def run(store, query_name, **params):
    query = get_saved(query_name)
    return store.read(query.text_for(store.name), {**query.example_params(), **params}).records()


def test_catalogue_has_every_required_query_with_headers():
    queries = {q.name: q for q in list_saved()}
    assert set(queries) >= EXPECTED_NAMES
    assert len(queries) >= 12
    for q in queries.values():
        assert q.description, q.name
        assert set(q.texts) in ({"both"}, {"falkordb", "neo4j"}), q.name
    assert queries["near-place"].example_params() == {"place": "Kyiv", "km": 100}
    assert "point.distance(" in queries["near-place"].text_for("neo4j")
    assert "point.distance(" not in queries["near-place"].text_for("embedded")
    assert queries["claims-by-speaker"].text_for("neo4j") == queries["claims-by-speaker"].text_for("falkordb")


def test_falkordb_texts_avoid_unsupported_features():
    for q in list_saved():
        text = q.text_for("embedded")
        for banned in ("EXISTS {", "=~", "elementId(", "point.distance(", "apoc."):
            assert banned not in text, (q.name, banned)


def test_unknown_name_suggests_close_matches():
    with pytest.raises(QueryError, match="claims-by-speaker"):
        get_saved("claims-by-speakr")


def test_claims_by_speaker(sample_store):
    rows = run(sample_store, "claims-by-speaker", speaker="patrushev")
    assert {(r["speaker"], r["cue"], r["status"]) for r in rows} == {
        ("Nikolai Patrushev", "said", "asserted"), ("Nikolai Patrushev", "claimed", "alleged")}
    assert any("Swedish mercenaries" in r["about"] for r in rows)


def test_allegations_about(sample_store):
    rows = run(sample_store, "allegations-about", name="mercenaries")
    assert [(r["about"], r["alleged_by"], r["cue"]) for r in rows] == [
        ("Swedish mercenaries", "Nikolai Patrushev", "claimed")]


def test_contradictions(sample_store):
    rows = run(sample_store, "contradictions")
    assert len(rows) == 1
    row = rows[0]
    assert (row["source"], row["relation"], row["target"]) == ("Armed Forces of Ukraine", "TRAINS", "Swedish mercenaries")
    assert row["claimed_by"] == ["Nikolai Patrushev"] and row["denied_by"] == ["Volodymyr Zelensky"]
    assert row["claimed_in"] == ["a1"] and row["denied_in"] == ["a2"]


def test_near_place(sample_store):
    rows = run(sample_store, "near-place", place="kyiv", km=100)
    assert [(r["place"], r["km"]) for r in rows] == [("Bucha", 24)]
    assert run(sample_store, "near-place", place="kyiv", km=10) == []


def test_foreign_involvement(sample_store):
    rows = run(sample_store, "foreign-involvement")
    got = {(r["source"], r["source_country"], r["relation"], r["target"], r["target_country"]) for r in rows}
    assert got == {("Russia", "RU", "ATTACKS", "Kyiv", "UA"), ("Sweden", "SE", "SUPPORTS", "Ukraine", "UA")}


def test_recruitment_training_support_network(sample_store):
    rows = run(sample_store, "recruitment-training-support-network")
    got = {(r["source_name"], r["relation"], r["status"], r["target_name"]) for r in rows}
    assert got == {("Ukraine", "RECRUITS_FOR", "asserted", "Swedish mercenaries"),
                   ("Armed Forces of Ukraine", "TRAINS", "alleged", "Swedish mercenaries"),
                   ("Armed Forces of Ukraine", "TRAINS", "denied", "Swedish mercenaries"),
                   ("Sweden", "SUPPORTS", "asserted", "Ukraine")}
    assert all(r["count"] == 1 for r in rows)
    assert rows[0]["source"]["_labels"] and rows[0]["rel"]["_type"] == rows[0]["relation"]


def test_co_mention_network(sample_store):
    rows = run(sample_store, "co-mention-network", name="patrushev")
    assert {r["co_mentioned"] for r in rows} == {"Ukraine", "Swedish mercenaries"}


def test_entity_timeline(sample_store):
    rows = run(sample_store, "entity-timeline", name="Patrushev")
    assert [r["published"] for r in rows] == ["2023-06-20", "2023-07-01"]
    assert len(rows[0]["claims"]) == 2 and rows[1]["claims"] == []


def test_relation_evidence(sample_store):
    rows = run(sample_store, "relation-evidence", source="armed forces", target="mercenaries")
    assert {(r["status"], r["speaker"]) for r in rows} == {("alleged", "He"), ("denied", "Volodymyr Zelensky")}
    denied = next(r for r in rows if r["status"] == "denied")
    assert denied["sentence"] == "Volodymyr Zelensky denied that the Armed Forces of Ukraine train Swedish mercenaries."
    assert denied["publisher"] == "Kyiv Independent"


def test_most_mentioned_per_country(sample_store):
    rows = run(sample_store, "most-mentioned-per-country")
    by_country: dict[str, list[str]] = {}
    for r in rows:
        by_country.setdefault(r["country"], []).append(r["entity"])
    assert set(by_country) == {"RU", "SE", "UA"}
    assert set(by_country["UA"]) == {"Armed Forces of Ukraine", "Kyiv", "Ukraine"}
    assert all(len(v) <= 3 for v in by_country.values())


def test_shortest_connection(sample_store):
    rows = run(sample_store, "shortest-connection", **{"from": "sweden", "to": "mercenaries"})
    assert rows[0]["chain"] == ["Sweden", "Ukraine", "Swedish mercenaries"]
    assert rows[0]["relations"] == ["SUPPORTS", "RECRUITS_FOR"]
    # either direction: from the mercenaries back to Sweden finds the same chain
    back = run(sample_store, "shortest-connection", **{"from": "mercenaries", "to": "sweden"})
    assert back[0]["hops"] == 2


def test_articles_mentioning(sample_store):
    rows = run(sample_store, "articles-mentioning", name="moscow")
    assert [(r["entity"], r["article"]) for r in rows] == [("Moscow", "Strikes on Kyiv")]


def test_top_speakers_and_denials(sample_store):
    speakers = {r["speaker"]: (r["claims"], r["alleged"], r["denied"]) for r in run(sample_store, "top-speakers")}
    assert speakers == {"Nikolai Patrushev": (2, 1, 0), "Volodymyr Zelensky": (1, 0, 1)}
    denials = run(sample_store, "denials")
    assert [(r["relation"], r["denied_by"]) for r in denials] == [("TRAINS", ["Volodymyr Zelensky"])]


def test_queries_command_lists_and_prints():
    import json

    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    listed = runner.invoke(main, ["queries", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    by_name = {q["name"]: q for q in json.loads(listed.output)}
    assert by_name["near-place"]["dialects"] == ["falkordb", "neo4j"]
    assert by_name["relation-evidence"]["params"][0]["name"] == "source"
    shown = runner.invoke(main, ["queries", "near-place"], env={"KG_STORE": "neo4j"})
    assert shown.exit_code == 0 and "point.distance(" in shown.output
    wrong = runner.invoke(main, ["queries", "near-plaec"])
    assert wrong.exit_code != 0 and "near-place" in wrong.output
