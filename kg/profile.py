"""Entity profile: everything the graph knows about one entity, for ``kg entity NAME``.

Why a profile and not one big query: an analyst asks "who is this, where, who says what about
them, and where is it written" — several small read queries (valid on both stores) answer that
more legibly than one Cypher text, and each part stays sourced (article titles, speakers).
Lookup is forgiving: exact name, then a name, alias or whole words of one (the most mentioned
such entity), then substring, then fuzzy suggestions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kg.errors import QueryError
from kg.ids import normalise
from kg.store.base import Store

_ENTITY = "MATCH (e:Entity {id: $id})"


@dataclass
class EntityProfile:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    country_code: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    mentions: int = 0
    article_count: int = 0
    relations: list[dict[str, Any]] = field(default_factory=list)
    claims_by: list[dict[str, Any]] = field(default_factory=list)
    claims_about: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _label(labels: list[str]) -> str:
    own = [lb for lb in labels if lb != "Entity"]
    return own[0] if own else "Entity"


def find_entity(store: Store, name: str) -> dict[str, Any]:
    """The entity node best matching ``name``; QueryError with suggestions when nothing fits."""
    wanted = normalise(name)
    exact_norm = store.read("MATCH (e:Entity) WHERE e.norm = $norm RETURN e ORDER BY size(e.name), e.name LIMIT 1",
                            {"norm": wanted}).rows  # indexed: the common case needs no scan
    if exact_norm:
        return exact_norm[0][0]
    by_key = store.read("MATCH (e:Entity) WHERE $key IN e.keys RETURN e "
                        "ORDER BY coalesce(e.article_count, 0) DESC, size(e.name), e.name LIMIT 1",
                        {"key": " ".join(name.lower().split())}).rows  # a surname, a word of a name: indexed
    if by_key:
        return by_key[0][0]
    rows = store.read("MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.norm AS norm, "
                      "e.aliases AS aliases").records()
    exact, partial = [], []
    for r in rows:
        names = [r["name"] or "", *(r["aliases"] or [])]
        norms = {normalise(n) for n in names} | {r["norm"] or ""}
        if wanted in norms:
            exact.append(r)
        elif wanted and any(wanted in n for n in norms):
            partial.append(r)
    picked = exact or partial
    if picked:
        best = min(picked, key=lambda r: (len(r["name"] or ""), r["name"] or ""))
        return store.read(f"{_ENTITY} RETURN e", {"id": best["id"]}).rows[0][0]
    choices = sorted({n for r in rows for n in [r["name"], *(r["aliases"] or [])] if n})
    from kg.queries import suggest

    close = suggest(name, choices, limit=5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no entity named {name!r}{hint}")


def _names(store: Store, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    res = store.read("MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id, e.name", {"ids": sorted(ids)})
    return {row[0]: row[1] for row in res.rows}


def entity_profile(store: Store, name: str) -> EntityProfile:
    node = find_entity(store, name)
    eid = node["id"]
    params = {"id": eid}
    prof = EntityProfile(id=eid, label=_label(node.get("_labels", [])), name=node.get("name") or eid,
                         aliases=[a for a in node.get("aliases") or [] if a != node.get("name")],
                         country_code=node.get("country_code"), lat=node.get("lat"), lon=node.get("lon"),
                         geonames_id=node.get("geonames_id"), first_seen=node.get("first_seen"),
                         last_seen=node.get("last_seen"))
    country = store.read(f"{_ENTITY}-[:IN_COUNTRY|AFFILIATED_WITH]->(c:Country) RETURN c.name, c.country_code",
                         params).rows
    if country:
        prof.country = country[0][0] or country[0][1]
        prof.country_code = prof.country_code or country[0][1]
    prof.articles = store.read(
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity {id: $id}) RETURN a.id AS id, a.title AS title, "
        "a.published AS published, a.source AS source, a.url AS url, m.count AS mentions "
        "ORDER BY published DESC, title", params).records()
    prof.article_count = len(prof.articles)
    prof.mentions = sum(int(a["mentions"] or 0) for a in prof.articles)

    rels = store.read(
        f"{_ENTITY}-[r]->(o:Entity) WHERE type(r) <> 'CO_MENTIONED' RETURN 'out' AS direction, type(r) AS type, "
        "r.status AS status, o.name AS other, r.asserted_by AS asserted_by, size(coalesce(r.evidence, [])) AS sentences, "
        "r.articles AS articles", params).records()
    rels += store.read(
        "MATCH (o:Entity)-[r]->(e:Entity {id: $id}) WHERE type(r) <> 'CO_MENTIONED' RETURN 'in' AS direction, "
        "type(r) AS type, r.status AS status, o.name AS other, r.asserted_by AS asserted_by, "
        "size(coalesce(r.evidence, [])) AS sentences, r.articles AS articles", params).records()
    speakers = _names(store, {s for r in rels for s in (r["asserted_by"] or [])})
    for r in rels:
        r["asserted_by"] = [speakers.get(s, s) for s in (r["asserted_by"] or [])]
        r["articles"] = r["articles"] or []
    prof.relations = sorted(rels, key=lambda r: (r["type"], r["direction"], r["other"] or ""))

    prof.claims_by = store.read(
        f"{_ENTITY}-[:ASSERTS]->(c:Claim) OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article) "
        "RETURN c.cue AS cue, c.status AS status, c.text AS claim, a.title AS article, a.published AS published "
        "ORDER BY published, claim", params).records()
    prof.claims_about = store.read(
        "MATCH (c:Claim)-[:ABOUT]->(e:Entity {id: $id}) OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c) "
        "OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article) RETURN coalesce(s.name, c.speaker_text) AS speaker, "
        "c.cue AS cue, c.status AS status, c.text AS claim, a.title AS article, a.published AS published "
        "ORDER BY published, claim", params).records()
    return prof


def format_profile(prof: EntityProfile) -> str:
    """A plain-text profile for the terminal (the JSON form is ``to_json``)."""
    lines = [f"{prof.name}  [{prof.label}]  {prof.id}"]
    if prof.aliases:
        lines.append(f"  aliases: {', '.join(prof.aliases)}")
    if prof.country or prof.country_code:
        lines.append(f"  country: {prof.country or ''} ({prof.country_code or '?'})")
    if prof.lat is not None and prof.lon is not None:
        gid = f"  geonames:{prof.geonames_id}" if prof.geonames_id else ""
        lines.append(f"  coordinates: {prof.lat:.4f}, {prof.lon:.4f}{gid}")
    lines.append(f"  mentions: {prof.mentions} in {prof.article_count} article(s); "
                 f"seen {prof.first_seen or '?'} .. {prof.last_seen or '?'}")
    if prof.relations:
        lines.append("relations:")
        for r in prof.relations:
            arrow = f"-[{r['type']}]-> {r['other']}" if r["direction"] == "out" else f"<-[{r['type']}]- {r['other']}"
            who = f" by {', '.join(r['asserted_by'])}" if r["asserted_by"] else ""
            status = f" ({r['status']}{who}, {r['sentences']} sentence(s))" if r["status"] else ""
            lines.append(f"  {arrow}{status}")
    for title, claims, key in (("claims by", prof.claims_by, None), ("claims about", prof.claims_about, "speaker")):
        if claims:
            lines.append(f"{title} {prof.name}:")
            for c in claims:
                who = f"{c[key]} " if key and c.get(key) else ""
                lines.append(f"  [{c['status']}] {who}{c['cue']}: {c['claim']}  — {c['article']} ({c['published']})")
    if prof.articles:
        lines.append("articles:")
        for a in prof.articles:
            lines.append(f"  {a['published'] or '????'}  {a['title'] or a['id']}  ({a['source'] or '?'})")
    return "\n".join(lines)
