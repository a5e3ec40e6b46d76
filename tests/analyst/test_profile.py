"""``kg entity``: the profile of an entity from the sample graph, and fuzzy lookup."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.profile import entity_profile, format_profile


def test_profile_of_an_organisation(sample_store):
    prof = entity_profile(sample_store, "armed forces of ukraine")
    assert (prof.label, prof.name, prof.country_code, prof.country) == (
        "Organization", "Armed Forces of Ukraine", "UA", "Ukraine")
    assert prof.mentions == 2 and prof.article_count == 2
    trains = {(r["status"], tuple(r["asserted_by"])) for r in prof.relations if r["type"] == "TRAINS"}
    assert trains == {("alleged", ("Nikolai Patrushev",)), ("denied", ("Volodymyr Zelensky",))}
    assert {c["status"] for c in prof.claims_about} == {"alleged", "denied"}
    assert [a["title"] for a in prof.articles] == ["Zelensky denies", "Patrushev on mercenaries"]


def test_profile_of_a_place_and_a_speaker(sample_store):
    kyiv = entity_profile(sample_store, "KYIV")
    assert kyiv.geonames_id == 703448 and kyiv.country_code == "UA"
    assert kyiv.lat == pytest.approx(50.4501, abs=1e-3)
    assert ("in", "ATTACKS", "Russia") in {(r["direction"], r["type"], r["other"]) for r in kyiv.relations}
    by_alias = entity_profile(sample_store, "Patrushev")
    assert by_alias.name == "Nikolai Patrushev" and by_alias.aliases == ["Patrushev"]
    assert len(by_alias.claims_by) == 2
    text = format_profile(by_alias, width=80)
    assert "claims by Nikolai Patrushev:" in text and "alleged" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_country_line_names_the_country(sample_store):
    text = format_profile(entity_profile(sample_store, "Ukraine"))
    assert "  country: Ukraine" in text.splitlines() and "(UA)" not in text
    bucha = format_profile(entity_profile(sample_store, "Bucha"))
    assert "  country: Ukraine" in bucha.splitlines()


def test_unknown_dates_read_unknown(sample_store):
    prof = entity_profile(sample_store, "Kyiv")
    prof.articles.append({"id": "x", "title": "undated", "published": None, "source": None, "url": None,
                          "mentions": 1})
    text = format_profile(prof)
    assert "unknown" in text and "????" not in text and "None" not in text


def test_two_entities_for_one_name_are_listed_not_picked(store):
    from kg.graph import GraphBatch
    from kg.model import Article, Entity, Extraction, Span, entity_id
    from kg.profile import AmbiguousEntity
    from kg.schema import load_schema

    text = "Sergei Lavrov met Andrei Lavrov in Geneva."
    people = [Entity(id=entity_id("Person", n), label="Person", name=n, mentions=[Span(text.index(n),
                     text.index(n) + len(n), n)]) for n in ("Sergei Lavrov", "Andrei Lavrov")]
    batch = GraphBatch(load_schema())
    batch.add(Extraction(article=Article(id="lv1", text=text, title="Two Lavrovs"), entities=people))
    store.write(batch)
    with pytest.raises(AmbiguousEntity) as err:
        entity_profile(store, "Lavrov")
    assert "Sergei Lavrov" in str(err.value) and "Andrei Lavrov" in str(err.value)
    assert entity_profile(store, "sergei lavrov").name == "Sergei Lavrov"
    assert entity_profile(store, people[1].id).name == "Andrei Lavrov"  # an id picks exactly one
    out = CliRunner().invoke(main, ["entity", "Lavrov"])
    assert out.exit_code == 1 and "2 entities match 'Lavrov'" in out.output
    assert isinstance(out.exception, SystemExit)


def test_unknown_entity_suggests(sample_store):
    with pytest.raises(QueryError, match="did you mean.*Patrushev"):
        entity_profile(sample_store, "Patrushef")


def test_entity_command_json_and_table(sample_store):
    runner = CliRunner()
    out = runner.invoke(main, ["entity", "Zelenskyy", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["name"] == "Volodymyr Zelensky" and data["claims_by"][0]["status"] == "denied"
    table = runner.invoke(main, ["entity", "Bucha", "--format", "table"])
    assert table.exit_code == 0 and "Bucha  [Place]" in table.output
    piped = runner.invoke(main, ["entity", "Bucha"])  # stdout is not a terminal: JSON, as gh and kubectl do
    assert piped.exit_code == 0 and json.loads(piped.output)["name"] == "Bucha"
    missing = runner.invoke(main, ["entity", "Nobody At All"])
    assert missing.exit_code != 0 and "no entity named" in missing.output


@pytest.mark.parametrize(("label", "name", "alias", "reason"), [
    ("Person", "Vladimir Putin", "Vladimir V. Putin", "middle initial"),
    ("Person", "Sergei Lavrov", "Sergey Lavrov", "spelling variant (transliteration)"),
    ("Person", "Bashar al-Assad", "Assad", "surname of the full name in the same article"),
    ("Person", "Maria Zakharova", "Spokeswoman Maria Zakharova", "title or role words dropped"),
    ("Country", "Russia", "Russian Federation", "another name of the state (reference list)"),
    ("Organization", "North Atlantic Treaty Organization", "NATO", "another name in the reference list"),
    ("Organization", "Committee to Protect Journalists", "CPJ", "acronym of the name"),
])
def test_each_alias_says_which_rule_joined_it(label, name, alias, reason):
    from kg.aliases import alias_reason

    assert alias_reason(label, name, alias) == reason


def test_entity_profile_explains_a_merge_from_a_real_import(store, tmp_path):
    from kg.extract import Extractor
    from kg.pipeline import Importer
    from loaders import load

    (tmp_path / "a.txt").write_text(
        "Talks in Geneva\n\nRussian President Vladimir V. Putin met envoys in Geneva on Monday. "
        "Putin said the talks were useful, and Vladimir Putin's aides agreed.\n", encoding="utf-8")
    done = Importer(store, Extractor(), batch_size=2).run(load([str(tmp_path / "a.txt")]))
    assert done.failed == 0, done.errors
    prof = entity_profile(store, "Putin")
    assert prof.label == "Person" and prof.aliases, prof
    assert set(prof.alias_reasons) == set(prof.aliases)
    assert "referred to as the same entity in one article" not in prof.alias_reasons.values()
    text = format_profile(prof, width=60)
    assert "aliases (why one node):" in text and max(len(line) for line in text.splitlines()) <= 60
    assert json.loads(json.dumps(prof.to_json()))["alias_reasons"] == prof.alias_reasons
