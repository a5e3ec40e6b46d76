"""Optional online geocoding, only when ``KG_GEOCODER`` names a geopy service (e.g. ``nominatim``).

The default (``geonames``) never touches the network. An online service is used only for places
the offline gazetteer could not locate, behind geopy's RateLimiter (one request a second) and a
persistent JSON cache under ``KG_HOME/cache``, so a place is asked for at most once per machine.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg import settings
from kg.errors import ConfigError
from kg.model import Geo

OFFLINE = "geonames"


class OnlineGeocoder:
    """A geopy service + RateLimiter + a query -> result cache file."""

    def __init__(self, service: str, cache_path: Path) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

        if service not in SERVICE_TO_GEOCODER:
            valid = ", ".join([OFFLINE, *sorted(SERVICE_TO_GEOCODER)])
            raise ConfigError(f"unknown KG_GEOCODER {service!r}; valid: {valid}")
        geocoder = get_geocoder_for_service(service)(user_agent="kg-knowledge-graph")
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=1.0, max_retries=2,
                                    swallow_exceptions=True)
        self.path = cache_path
        try:
            self.cache: dict[str, Any] = json.loads(cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.cache = {}

    def lookup(self, query: str) -> Geo | None:
        if query not in self.cache:
            loc = self._geocode(query, exactly_one=True)
            self.cache[query] = [loc.latitude, loc.longitude, loc.address] if loc else None
            self._save()
        hit = self.cache[query]
        return Geo(None, hit[0], hit[1], None, None, 0.5, hit[2]) if hit else None

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.cache, fh, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            pass


@lru_cache(maxsize=4)
def _online(service: str) -> OnlineGeocoder:
    return OnlineGeocoder(service, settings.kg_home() / "cache" / f"geocode-{service}.json")


def online_lookup(query: str) -> Geo | None:
    """Locate ``query`` with the opted-in online service; None when offline (the default)."""
    service = settings.geocoder_name()
    if service == OFFLINE:
        return None
    return _online(service).lookup(query)


def check_online_service() -> None:
    """Raise ConfigError now if ``KG_GEOCODER`` names no geopy service (no network is used)."""
    service = settings.geocoder_name()
    if service != OFFLINE:
        _online(service)
