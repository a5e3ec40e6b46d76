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
    text = format_profile(by_alias)
    assert "claims by Nikolai Patrushev" in text and "[alleged]" in text


def test_unknown_entity_suggests(sample_store):
    with pytest.raises(QueryError, match="did you mean.*Patrushev"):
        entity_profile(sample_store, "Patrushef")


def test_entity_command_json_and_table(sample_store):
    runner = CliRunner()
    out = runner.invoke(main, ["entity", "Zelenskyy", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["name"] == "Volodymyr Zelensky" and data["claims_by"][0]["status"] == "denied"
    table = runner.invoke(main, ["entity", "Bucha"])
    assert table.exit_code == 0 and "Bucha  [Place]" in table.output
    missing = runner.invoke(main, ["entity", "Nobody At All"])
    assert missing.exit_code != 0 and "no entity named" in missing.output
