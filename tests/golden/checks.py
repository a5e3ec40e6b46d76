"""Matching rules for the golden test: each check returns None when met, else a message naming the miss.

Kept apart from ``tests/test_golden.py`` so the table of expectations and the pipeline fixtures
read on their own. Names are compared with ``kg.ids.normalise`` (case, accent and quote
insensitive) against an entity's name, aliases and mention texts, so "Wrobel" meets "Wróbel".
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from kg.ids import normalise
from kg.model import Article, Entity, Extraction

MAX_KM = 25.0  # how far a geocoded place may sit from the expected coordinates

# --- matching -----------------------------------------------------------------------------------

def words(text: str) -> str:
    return f" {normalise(text)} "


def same_or_within(a: str, b: str) -> bool:
    """Word-level containment either way ("Kairys" ~ "Vytautas Kairys", "according" ~ "according to")."""
    wa, wb = words(a), words(b)
    return wa.strip() != "" and wb.strip() != "" and (wa in wb or wb in wa)


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def entity_names(entity: Entity) -> set[str]:
    names = {entity.name, *entity.aliases, *(m.text for m in entity.mentions if m.text)}
    if entity.geo and entity.geo.name:
        names.add(entity.geo.name)
    return {normalise(n) for n in names if n}


def named(entity: Entity, names: Iterable[str]) -> bool:
    own = entity_names(entity)
    return any(normalise(n) in own for n in names)


def find(ext: Extraction, labels: Iterable[str], names: Iterable[str]) -> list[Entity]:
    labels, names = list(labels), list(names)
    return [e for e in ext.entities if e.label in labels and named(e, names)]


def show(entity: Entity) -> str:
    geo = entity.geo
    where = f" {geo.country_code} ({geo.lat}, {geo.lon})" if geo and geo.lat is not None else ""
    return f"{entity.label}:{entity.name!r}{where}"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


# --- checks: each returns None when met, else a message naming the miss --------------------------

Check = Callable[[Article, Extraction], str | None]


def check_entity(exp: dict[str, Any]) -> Check:
    labels, names = as_list(exp["label"]), [exp["name"], *as_list(exp.get("also"))]

    def run(_: Article, ext: Extraction) -> str | None:
        if find(ext, labels, names):
            return None
        near = [show(e) for e in ext.entities if named(e, names)]
        hint = f"; found with another label: {near}" if near else ""
        return f"no {'/'.join(labels)} entity named {names}{hint}"
    return run


def check_place(exp: dict[str, Any]) -> Check:
    def run(_: Article, ext: Extraction) -> str | None:
        found = find(ext, ["Place"], [exp["name"]])
        for e in found:
            g = e.geo
            if g and g.lat is not None and g.lon is not None and (g.country_code or "").upper() == exp[
                    "country_code"] and km(g.lat, g.lon, exp["lat"], exp["lon"]) <= MAX_KM:
                return None
        want = f"{exp['name']} in {exp['country_code']} near ({exp['lat']}, {exp['lon']})"
        if not found:
            other = [show(e) for e in ext.entities if named(e, [exp["name"]])]
            return f"no Place entity {want}" + (f"; found as {other}" if other else "")
        got = [f"{show(e)} {km(e.geo.lat, e.geo.lon, exp['lat'], exp['lon']):.0f} km away"
               if e.geo and e.geo.lat is not None else f"{show(e)} not geocoded" for e in found]
        return f"{want} wrongly resolved: {got}"
    return run


def check_country(code: str) -> Check:
    def run(_: Article, ext: Extraction) -> str | None:
        codes = {(e.geo.country_code or "").upper() for e in ext.entities if e.label == "Country" and e.geo}
        return None if code in codes else f"no Country entity {code}; countries found: {sorted(codes - {''})}"
    return run


def check_short_form(exp: dict[str, Any]) -> Check:
    """A surname or acronym used after the full form must land on the same entity, not a new one."""
    labels, full, short = as_list(exp["label"]), exp["name"], exp.get("short") or exp.get("acronym")

    def run(_: Article, ext: Extraction) -> str | None:
        whole = [e for e in find(ext, labels, [full]) if normalise(e.name) == normalise(full)
                 or normalise(full) in {normalise(a) for a in e.aliases}]
        if not whole:
            return f"no {labels} entity with the full name {full!r}"
        if any(normalise(short) in entity_names(e) for e in whole):
            return None
        split = [show(e) for e in find(ext, labels, [short])]
        return f"{short!r} not linked to {full!r}" + (f"; separate entity {split}" if split else "")
    return run


def check_metadata(field: str, want: str) -> Check:
    def run(article: Article, _: Extraction) -> str | None:
        got = getattr(article, field)
        if field == "published":
            ok = as_date(got) == date.fromisoformat(want)
        elif field in ("source",):
            ok = got is not None and normalise(got) == normalise(want)
        else:
            ok = got == want
        return None if ok else f"article.{field} is {got!r}, expected {want!r}"
    return run


def check_text(phrase: str, present: bool) -> Check:
    def run(article: Article, _: Extraction) -> str | None:
        if (phrase in article.text) == present:
            return None
        return f"text {'lacks' if present else 'still contains'} {phrase!r}"
    return run


def speaker_ok(claim: Any, ext: Extraction, names: list[str]) -> bool:
    if claim.speaker is None:
        return False
    if any(same_or_within(claim.speaker.text, n) for n in names):
        return True
    by_id = {e.id: e for e in ext.entities}
    entity = by_id.get(claim.speaker.entity or "")
    return entity is not None and named(entity, names)


def check_claim(exp: dict[str, Any]) -> Check:
    names = [exp["speaker"], *as_list(exp.get("also"))]

    def run(_: Article, ext: Extraction) -> str | None:
        cue_hits = [c for c in ext.claims if same_or_within(c.cue.text, exp["cue"])]
        both = [c for c in cue_hits if speaker_ok(c, ext, names)]
        if any(c.status == exp["status"] for c in both):
            return None
        if both:
            return f"claim {exp['speaker']!r}/{exp['cue']!r} has status {[c.status for c in both]}, " \
                   f"expected {exp['status']!r}"
        seen = [(c.speaker.text if c.speaker else None, c.cue.text, c.status) for c in cue_hits]
        return f"no claim by {names} with cue {exp['cue']!r}; claims with that cue: {seen}"
    return run


def relations(ext: Extraction, exp: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(relations of the type between the named entities, all relations of the type)."""
    by_id = {e.id: e for e in ext.entities}
    src = [exp["source"], *as_list(exp.get("also_source"))]
    dst = [exp["target"], *as_list(exp.get("also_target"))]

    def is_named(entity_id: str, names: list[str]) -> bool:
        entity = by_id.get(entity_id)
        return entity is not None and named(entity, names)

    typed = [r for r in ext.relations if r.type == exp["type"]]
    hits = [r for r in typed if is_named(r.source, src) and is_named(r.target, dst)
            or exp["type"] == "MEETS_WITH" and is_named(r.source, dst) and is_named(r.target, src)]
    return hits, typed


def describe(ext: Extraction, found: list[Any]) -> list[str]:
    names = {e.id: e.name for e in ext.entities}
    return [f"{names.get(r.source, r.source)}-{r.type}->{names.get(r.target, r.target)} [{r.status}]"
            for r in found]


def check_relation(exp: dict[str, Any]) -> Check:
    def run(_: Article, ext: Extraction) -> str | None:
        hits, typed = relations(ext, exp)
        if any(r.status == exp["status"] for r in hits):
            return None
        want = f"{exp['source']} -{exp['type']}-> {exp['target']} [{exp['status']}]"
        return f"no relation {want}; {exp['type']} relations found: {describe(ext, typed)}"
    return run
