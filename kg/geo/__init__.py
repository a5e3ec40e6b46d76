"""Geocoding: the offline GeoNames gazetteer (default) and an opt-in online geopy service.

``GeoNamesGeocoder`` is a geopy Geocoder; ``GeoContext`` carries what an article says about where
it is, for disambiguation.
"""

from kg.geo.disambiguate import GeoContext
from kg.geo.geocoder import GeoNamesGeocoder

__all__ = ["GeoContext", "GeoNamesGeocoder"]
