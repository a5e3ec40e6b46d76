"""--since/--until/--source: one rule (kg/scope.py) for entity, stats, export and the saved queries.

The sample graph has three articles: a1 2023-06-20 TASS, a2 2023-06-22 Kyiv Independent,
a3 2023-07-01 Reuters.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ConfigError
from kg.export import dump
from kg.profile import entity_profile
from kg.queries import SCOPE_PARAMS, get_saved, list_saved
from kg.scope import Scope

SCOPED_QUERIES = {"articles-mentioning", "claims-by-speaker", "entity-timeline", "top-speakers",
                  "most-mentioned-per-country", "co-mention-network"}


def run(store, query_name, **params):
    query = get_saved(query_name)
    values, _notes = query.bind(params)
    return store.read(query.text_for(store.name), values).records()


def test_scope_rule_by_date_prefix_and_source():
    june = Scope.parse(since="2023-06", until="2023-06")
    assert june.keeps("2023-06-30T23:00:00Z", None) and june.keeps("2023-06-01", "x")
    assert not june.keeps("2023-07-01", None) and not june.keeps("2023-05-31T10:00:00Z", None)
    assert not june.keeps(None, None)  # an undated article is unknown: any date filter drops it
    tass = Scope.parse(sources=["tass"])
    assert tass.keeps(None, "TASS") and not tass.keeps("2023-06-20", "Reuters")
    assert not Scope.parse().active and Scope.parse().describe() == "all articles"
    with pytest.raises(ConfigError, match="not a date"):
        Scope.parse(since="last week")
    with pytest.raises(ConfigError, match="after"):
        Scope.parse(since="2024-01-01", until="2023")


def test_listed_queries_declare_the_scope_params_as_optional():
    queries = {q.name: q for q in list_saved()}
    for name in SCOPED_QUERIES:
        q = queries[name]
        assert set(SCOPE_PARAMS) <= q.optional, name
        assert all(q.example_params()[p] is None for p in SCOPE_PARAMS), name


def test_every_scoped_query_honours_every_scope_param(sample_store):
    """A scope that keeps no article leaves no row, on every query declaring the convention."""
    declaring = [q for q in list_saved() if set(SCOPE_PARAMS) <= {p for p, _, _ in q.params}]
    assert {q.name for q in declaring} >= SCOPED_QUERIES
    for q in declaring:
        assert run(sample_store, q.name), f"{q.name} finds nothing unscoped"
        for params in ({"since": "2100"}, {"until": "1999"}, {"publisher": "no such outlet"}):
            assert run(sample_store, q.name, **params) == [], (q.name, params)


def test_saved_queries_scoped(sample_store):
    def titles(**params):
        return [r["article"] for r in run(sample_store, "articles-mentioning", **params) if r["entity"] == "Ukraine"]

    assert titles(name="ukraine", since="2023-06-21") == ["Zelensky denies"]
    assert titles(name="ukraine", publisher=" tass") == ["Patrushev on mercenaries"]
    assert len(titles(name="ukraine", until="2023-06")) == 2
    assert run(sample_store, "claims-by-speaker", speaker="patrushev", since="2023-06-21") == []
    assert len(run(sample_store, "claims-by-speaker", speaker="patrushev", until="2023-06-20")) == 2
    speakers = {r["speaker"]: (r["claims"], r["alleged"], r["denied"])
                for r in run(sample_store, "top-speakers", since="2023-06-21")}
    assert speakers == {"Volodymyr Zelensky": (1, 0, 1)}
    timeline = run(sample_store, "entity-timeline", name="Patrushev", since="2023-06-21")
    assert [r["published"] for r in timeline] == ["2023-07-01"]
    assert run(sample_store, "co-mention-network", name="patrushev", since="2023-06-21") == []
    co = run(sample_store, "co-mention-network", name="ukraine", publisher="Kyiv Independent")
    assert {(r["co_mentioned"], r["sentences"]) for r in co if r["entity_name"] == "Ukraine"} == {("Sweden", 1)}
    per_country = {(r["country"], r["entity"]): r["articles"]
                   for r in run(sample_store, "most-mentioned-per-country", since="2023-06-21")}
    assert per_country[("UA", "Kyiv")] == 2 and ("UA", "Bucha") not in per_country


def test_entity_profile_in_scope(sample_store):
    prof = entity_profile(sample_store, "armed forces of ukraine", Scope.parse(since="2023-06-21"))
    assert [a["title"] for a in prof.articles] == ["Zelensky denies"] and prof.article_count == 1
    assert {c["status"] for c in prof.claims_about} == {"denied"}
    assert {(r["type"], r["status"]) for r in prof.relations if r["type"] == "TRAINS"} == {("TRAINS", "denied")}
    assert prof.first_seen == prof.last_seen == "2023-06-22"


def test_export_records_in_scope(sample_store):
    scope = Scope.parse(since="2023-06-21", until="2023-06-30")
    records = list(scope.filter_records(dump(sample_store), sample_store))
    nodes = {r["id"]: r for r in records if r["type"] == "node"}
    rels = [r for r in records if r["type"] == "relationship"]
    assert {r["id"] for r in nodes.values() if "Article" in r["labels"]} == {"a2"}
    assert {r["properties"]["article_id"] for r in nodes.values() if "Claim" in r["labels"]} == {"a2"}
    names = {r["properties"].get("name") for r in nodes.values()}
    assert "Volodymyr Zelensky" in names and "Nikolai Patrushev" not in names and "Moscow" not in names
    trains = [r for r in rels if r["label"] == "TRAINS"]
    assert [r["properties"]["status"] for r in trains] == ["denied"]
    for r in rels:  # no relationship points outside the export, and lists only name kept articles
        assert r["start"] in nodes and r["end"] in nodes, r
        assert set(r["properties"].get("articles") or []) <= {"a2"}
        if "evidence" in r["properties"]:
            assert r["properties"]["count"] == len(r["properties"]["evidence"])


def test_scoped_stats_count_what_the_export_keeps(sample_store):
    for scope in (Scope.parse(since="2023-06-21", until="2023-06-30"), Scope.parse(sources=["tass", "Reuters"])):
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for rec in scope.filter_records(dump(sample_store), sample_store):
            if rec["type"] == "node":
                label = next(lb for lb in rec["labels"] if lb != "Entity")
                nodes[label] = nodes.get(label, 0) + 1
            else:
                rels[rec["label"]] = rels.get(rec["label"], 0) + 1
        stats = scope.stats(sample_store)
        assert (stats.nodes, stats.relationships) == (nodes, rels), scope


def test_commands_take_the_scope(sample_store, tmp_path):
    runner = CliRunner()
    stats = runner.invoke(main, ["stats", "--since", "2023-06-21", "--format", "json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["nodes"]["Article"] == 2
    assert json.loads(runner.invoke(main, ["stats", "--format", "json"]).output)["nodes"]["Article"] == 3
    out = tmp_path / "scoped.jsonl"
    done = runner.invoke(main, ["export", "--format", "jsonl", "-o", str(out), "--source", "Reuters"])
    assert done.exit_code == 0, done.output
    articles = [json.loads(line) for line in out.read_text().splitlines() if '"Article"' in line]
    assert [a["id"] for a in articles] == ["a3"]
    entity = runner.invoke(main, ["entity", "Kyiv", "--until", "2023-06-30", "--format", "table"])
    assert entity.exit_code == 0 and "scope: published unknown .. 2023-06-30" in entity.output
    assert "Strikes on Kyiv" not in entity.output and "Zelensky denies" in entity.output
    bad = runner.invoke(main, ["entity", "Kyiv", "--since", "yesterday"])
    assert bad.exit_code == 2 and "not a date" in bad.output
    query = runner.invoke(main, ["query", "--saved", "articles-mentioning", "--param", "name=kyiv",
                                 "--param", "since=2023-07", "--format", "json"])
    assert query.exit_code == 0 and [r["article"] for r in json.loads(query.output)] == ["Strikes on Kyiv"]
    graph = runner.invoke(main, ["viz", "--saved", "co-mention-network", "--param", "name=patrushev",
                                 "--param", "publisher=TASS", "-o", str(tmp_path / "g.html")])
    assert graph.exit_code == 0 and "relationships" in graph.output, graph.output
