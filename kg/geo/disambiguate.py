"""Pick one gazetteer record for a toponym using the article's context, not population alone.

Score = feature prior (states, regions and capitals are what news names most) + a damped
population term + a bonus when the candidate lies in a country the article already names (or
in which its other, unambiguous places lie) - a penalty for matching only an alternate name.
Confidence is the margin of the best score over the runner-up, squashed to 0..1, scaled down
for alternate-name-only matches and for small places outside the article's countries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from kg.geo.gazetteer import Gazetteer, GeoRecord

# Curated regions (RGN: England, Ontario, the Middle East, the Atlantic ...) are by construction the
# famous sense of their name: a town that shares it must not win on population and context alone.
FEATURE_PRIOR = {"PCLI": 5.0, "CONT": 5.0, "ADM1": 4.0, "RGN": 6.5, "PPLC": 1.5, "PPL": 0.0, "ADM2": 1.0}
TOWN = 100_000  # below this a town never outranks a capital or world city of the same name on context alone
BIG_CITY = 1_000_000  # "New York": a city this big beats the state of the same name it lies in
CONTEXT_BONUS = 2.5
ALTERNATE_PENALTY = 2.0
NEAR_KM, NEAR_BONUS = 150.0, 1.5  # a town near places the article is sure of (spatial minimality)
_DIVISIONS = ("PCLI", "CONT", "ADM1", "RGN", "ADM2")
IN_CONTAINER = 0.6  # a town known only as "in <state or country>": right area, no point of its own
ADMIN1_BONUS = 1.5  # a town in the state/province the article is sure of ("Springfield" in an Illinois story)


@dataclass
class GeoContext:
    """What the article says about where it is: ISO codes of named countries and located places,
    and the points and first-level divisions of the places it is already sure of."""

    country_codes: set[str] = field(default_factory=set)
    anchors: tuple[GeoRecord, ...] = ()
    admin1: frozenset[tuple[str, str]] = frozenset()  # (country code, admin1 code)

    def with_codes(self, codes: Iterable[str]) -> GeoContext:
        return GeoContext(self.country_codes | {c for c in codes if c}, self.anchors, self.admin1)


def km(a: GeoRecord, b: GeoRecord) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Choice:
    record: GeoRecord
    confidence: float
    candidates: int


def score(rec: GeoRecord, alternate: bool, ctx: GeoContext) -> float:
    s = FEATURE_PRIOR.get(rec.feature_code, 0.0) + 0.5 * math.log10(rec.population + 1)
    if rec.country_code and rec.country_code in ctx.country_codes:
        s += CONTEXT_BONUS
    if rec.feature_code in ("PPL", "PPLC", "ADM2"):  # towns and counties: near what the article is sure of
        if rec.admin1 and (rec.country_code, rec.admin1) in ctx.admin1:
            s += ADMIN1_BONUS
        if any(a.geonames_id != rec.geonames_id and km(a, rec) <= NEAR_KM for a in ctx.anchors):
            s += NEAR_BONUS
    if alternate:
        s -= ALTERNATE_PENALTY
    return s


def ranked(gz: Gazetteer, query: str, ctx: GeoContext | None = None,
           within: GeoRecord | None = None) -> list[tuple[float, GeoRecord]]:
    """All candidates for ``query`` with their scores, best first.

    ``within`` is a container the text names right after the toponym ("Santa Ana, California"):
    candidates inside it are the only ones considered, when there are any.
    """
    ctx = ctx or GeoContext()
    primary, alt = lookup(gz, query)
    if within is not None:
        inside = [r for r in primary + alt if _inside(r, within)]
        if inside:
            primary, alt = [r for r in primary if r in inside], [r for r in alt if r in inside]
    if any(r.feature_code in ("PCLI", "ADM1", "RGN") for r in primary):
        # the name of a state or region: towns that share it do not get the local bonuses
        # ("California" in a story about Pennsylvania is the state, not California, Pa.)
        ctx = GeoContext(ctx.country_codes)
    scored = [(score(r, False, ctx), r) for r in primary] + [(score(r, True, ctx), r) for r in alt]
    scored.sort(key=lambda sr: (-sr[0], -sr[1].population, sr[1].geonames_id))
    if within is None:
        scored = _world_city_first(scored, ctx)
    return _city_over_state(scored)


_SAINT = re.compile(r"^(?:St\.?|Saint|Ste\.?|Sainte) ")


def lookup(gz: Gazetteer, query: str) -> tuple[list[GeoRecord], list[GeoRecord]]:
    """The gazetteer's look-up, with "St." and "Saint" as one word: GeoNames spells one city
    "Saint Petersburg" and another "St. Petersburg", and news writes either for both."""
    primary, alt = gz.lookup(query)
    found = _SAINT.match(query)
    if found is None:
        return primary, alt
    rest = query[found.end():]
    forms = ("St. ", "Saint ") if found.group(0).startswith(("St ", "St.", "Saint")) else ("Ste. ", "Sainte ")
    for form in forms:
        if form + rest != query:
            more, more_alt = gz.lookup(form + rest)
            primary = primary + [r for r in more if r not in primary]
            alt = alt + [r for r in more_alt if r not in alt]
    return primary, [r for r in alt if r not in primary]


def _world_city_first(scored: list[tuple[float, GeoRecord]], ctx: GeoContext) -> list[tuple[float, GeoRecord]]:
    """A bare capital or world city outranks a same-name town that only the article's context
    favours ("Brussels" in a Canada-EU story is Belgium's, not the Ontario village): the town needs
    the text to place it: ", Ont." (handled by ``within``), places the article is sure of nearby, or,
    for a US town, its state named or located (US local news names its state all along). The city
    takes the first place and score."""
    if len(scored) < 2:
        return scored
    top_score, top = scored[0]
    if top.feature_code not in ("PPL", "ADM2") or top.population >= TOWN:
        return scored
    if any(a.geonames_id != top.geonames_id and km(a, top) <= NEAR_KM for a in ctx.anchors):
        return scored
    if top.country_code == "US" and (top.country_code, top.admin1) in ctx.admin1:
        return scored
    city = next((r for _s, r in scored[1:] if r.feature_code == "PPLC" or r.population >= BIG_CITY), None)
    if city is None:
        return scored
    return [(top_score, city), *((sc, r) for sc, r in scored if r is not city)]


def _city_over_state(scored: list[tuple[float, GeoRecord]]) -> list[tuple[float, GeoRecord]]:
    """A bare name shared by a state and a city means the city when the city is a 1M+ city in that
    state ("New York"), the country's capital ("Washington"), or, outside the US, a town of the
    division that bears its name ("Gao" region, Mali: the town of Gao); the text can still say otherwise
    through ``within``. The city takes the first place and score, and the same-name state of its
    country drops out, so the margin is the one the winner had over everything else."""
    if not scored:
        return scored
    top_score, top = scored[0]
    if top.feature_code == "ADM1":
        # outside the US a division named after its chief town ("Gao", "Kano", "Lagos") means the town
        city = next((r for _s, r in scored if r.feature_code in ("PPL", "PPLC") and (
            ((r.population >= BIG_CITY or top.country_code != "US")
             and (r.country_code, r.admin1) == (top.country_code, top.admin1))
            or (r.feature_code == "PPLC" and r.country_code == top.country_code))), None)
    else:
        city = top if top.feature_code == "PPLC" else None
    if city is None:
        return scored
    rest = [(sc, r) for sc, r in scored
            if r is not city and not (r.feature_code == "ADM1" and r.country_code == city.country_code)]
    return [(top_score, city), *rest]


def _inside(rec: GeoRecord, container: GeoRecord) -> bool:
    if rec.geonames_id == container.geonames_id or not container.country_code:
        return False
    if container.feature_code == "PCLI":
        return rec.country_code == container.country_code
    if container.feature_code == "ADM1" and container.country_code == "US":
        return rec.country_code == "US" and rec.admin1 == container.admin1
    # other regions: our data has no admin1 mapping for them, so their country is the best we know
    return container.feature_code in ("ADM1", "RGN") and rec.country_code == container.country_code


def choose(gz: Gazetteer, query: str, ctx: GeoContext | None = None,
           within: GeoRecord | None = None) -> Choice | None:
    """The best record for ``query`` and how sure we are, or None when the gazetteer has no match.
    A town the text puts in a US state ("Holliday, Missouri") that the gazetteer does not know there
    (it holds towns of 1,000+) is placed at that state, not at a namesake elsewhere. Only a US state:
    a country is too large for its point to stand for a town, and a list of states or cities
    ("Wisconsin, Michigan", "Toronto, Vancouver") is no containment."""
    if within is not None and within.feature_code == "ADM1" and within.country_code == "US":
        candidates = list(chain(*lookup(gz, query)))
        if not any(r.feature_code in _DIVISIONS or _inside(r, within) for r in candidates):
            town = GeoRecord(0, query, within.lat, within.lon, "US", "PPL", 0, within.admin1)
            return Choice(town, IN_CONTAINER, len(candidates))
    scored = ranked(gz, query, ctx, within)
    if not scored:
        return None
    best_score, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 4.0
    confidence = 1.0 / (1.0 + math.exp(-(margin - 0.5)))
    primary_keys = {r.geonames_id for r in lookup(gz, query)[0]}
    if best.geonames_id not in primary_keys:
        confidence *= 0.6
    confidence *= plausibility(best, ctx or GeoContext())
    return Choice(best, round(confidence, 3), len(scored))


def plausibility(rec: GeoRecord, ctx: GeoContext) -> float:
    """How likely a lone candidate is what news means: a hamlet abroad is a weak guess, even if unique."""
    p = 0.35 + 0.1 * math.log10(rec.population + 1)
    if rec.feature_code in ("PCLI", "CONT", "ADM1", "RGN", "PPLC"):
        p += 0.5
    elif rec.feature_code == "ADM2":
        p += 0.3  # "<Name> County": a named division, not a hamlet
    if rec.country_code and rec.country_code in ctx.country_codes:
        p += 0.4
    elif ctx.country_codes and rec.feature_code not in ("CONT", "PCLI", "ADM1", "RGN"):
        p *= 0.6  # a town abroad: the article names other countries, not this one
    return min(1.0, p)
