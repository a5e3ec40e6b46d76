"""Geocoding: the offline GeoNames gazetteer (default) and an opt-in online geopy service.

``GeoNamesGeocoder`` is a geopy Geocoder; ``GeoContext`` carries what an article says about where
it is, for disambiguation. Both are imported on first use: importing geopy costs ~0.1 s, and
every command imports this package (for the gazetteer and the reference data) while only the
geocoder interface needs geopy.
"""

from typing import Any

__all__ = ["GeoContext", "GeoNamesGeocoder"]


def __getattr__(name: str) -> Any:
    if name == "GeoContext":
        from kg.geo.disambiguate import GeoContext

        return GeoContext
    if name == "GeoNamesGeocoder":
        from kg.geo.geocoder import GeoNamesGeocoder

        return GeoNamesGeocoder
    raise AttributeError(f"module 'kg.geo' has no attribute {name!r}")
