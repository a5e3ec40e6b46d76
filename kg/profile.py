"""Entity profile: everything the graph knows about one entity, for ``kg entity NAME``.

Why a profile and not one big query: an analyst asks "who is this, where, who says what about
them, and where is it written" — several small read queries (valid on both stores) answer that
more legibly than one Cypher text, and each part stays sourced (article titles, speakers).
Lookup is forgiving but never guesses between entities: an id, an exact name, then a name,
alias or whole words of one, then a substring; when several entities fit equally (two Lavrovs)
it says so and lists them (AmbiguousEntity) rather than picking one; nothing fitting gives fuzzy
suggestions. A Scope (kg/scope.py) restricts the articles, and the claims and relations they carry.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.errors import QueryError
from kg.ids import normalise
from kg.schema import own_label
from kg.scope import Scope, show_date
from kg.store.base import Store

_ENTITY = "MATCH (e:Entity {id: $id})"
_LISTED = 10  # candidates named in an ambiguity error


class AmbiguousEntity(QueryError):
    """Several entities fit a name equally well; ``candidates`` are their nodes."""

    def __init__(self, name: str, candidates: list[dict[str, Any]]) -> None:
        self.candidates = candidates
        shown = "".join(f"\n  {c.get('name')}  [{_label(c.get('_labels', []))}, {c.get('article_count') or 0} "
                        f"article(s)]  {c.get('id')}" for c in candidates[:_LISTED])
        more = f"\n  ... and {len(candidates) - _LISTED} more" if len(candidates) > _LISTED else ""
        super().__init__(f"{len(candidates)} entities match {name!r}; give the full name or the id:{shown}{more}")


@dataclass
class EntityProfile:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_reasons: dict[str, str] = field(default_factory=dict)  # alias -> the rule that joined it (kg/aliases.py)
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
    return own_label(labels)


def _one(name: str, nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    if len(nodes) > 1:
        raise AmbiguousEntity(name, nodes)
    return nodes[0] if nodes else None


def find_entity(store: Store, name: str) -> dict[str, Any]:
    """The entity node matching ``name``; AmbiguousEntity when several fit, QueryError with
    suggestions when none does."""
    by_id = store.read(f"{_ENTITY} RETURN e", {"id": name.strip()}).rows
    if by_id:
        return by_id[0][0]
    wanted = normalise(name)
    order = "ORDER BY coalesce(e.article_count, 0) DESC, size(e.name), e.name LIMIT 50"
    found = _one(name, [r[0] for r in store.read(f"MATCH (e:Entity) WHERE e.norm = $norm RETURN e {order}",
                                                 {"norm": wanted}).rows])  # indexed: no scan
    if found:
        return found
    found = _one(name, [r[0] for r in store.read(f"MATCH (e:Entity) WHERE $key IN e.keys RETURN e {order}",
                                                 {"key": " ".join(name.lower().split())}).rows])
    if found:  # a surname, a word of a name: indexed
        return found
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
        nodes = [r[0] for r in store.read(f"MATCH (e:Entity) WHERE e.id IN $ids RETURN e {order}",
                                          {"ids": [r["id"] for r in picked]}).rows]
        return _one(name, nodes) or nodes[0]
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


def entity_profile(store: Store, name: str, scope: Scope | None = None) -> EntityProfile:
    """Everything about one entity; with a scope, only its articles and what they carry."""
    node = find_entity(store, name)
    eid = node["id"]
    params = {"id": eid}
    scoped = scope is not None and scope.active
    prof = EntityProfile(id=eid, label=_label(node.get("_labels", [])), name=node.get("name") or eid,
                         aliases=[a for a in node.get("aliases") or [] if a != node.get("name")],
                         country_code=node.get("country_code"), lat=node.get("lat"), lon=node.get("lon"),
                         geonames_id=node.get("geonames_id"), first_seen=node.get("first_seen"),
                         last_seen=node.get("last_seen"))
    country = store.read(f"{_ENTITY}-[:IN_COUNTRY|AFFILIATED_WITH]->(c:Country) RETURN c.name, c.country_code",
                         params).rows
    if country:
        prof.country = country[0][0]
        prof.country_code = prof.country_code or country[0][1]
    elif prof.label == "Country":
        prof.country = prof.name
    prof.articles = store.read(
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity {id: $id}) RETURN a.id AS id, a.title AS title, "
        "a.published AS published, a.source AS source, a.url AS url, m.count AS mentions "
        "ORDER BY published DESC, title", params).records()
    if prof.aliases:
        from kg.aliases import alias_reasons

        prof.alias_reasons = alias_reasons(prof.label, prof.name, prof.aliases)
    if scope is not None and scoped:  # the scope is applied here, on the entity's own rows (no id lists)
        prof.articles = [a for a in prof.articles if scope.keeps(a["published"], a["source"])]
    prof.article_count = len(prof.articles)
    prof.mentions = sum(int(a["mentions"] or 0) for a in prof.articles)
    if scoped:
        dates = sorted(a["published"] for a in prof.articles if a["published"])
        prof.first_seen, prof.last_seen = (dates[0], dates[-1]) if dates else (None, None)

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
    if scope is not None and scoped:  # relations with evidence from a kept article (structure stays)
        named = sorted({a for r in rels for a in r["articles"]})
        kept = {row[0] for row in store.read("UNWIND $ids AS aid MATCH (a:Article {id: aid}) "
                                             "RETURN a.id, a.published, a.source", {"ids": named}).rows
                if scope.keeps(row[1], row[2])}
        rels = [r for r in rels if not r["articles"] or any(a in kept for a in r["articles"])]
    prof.relations = sorted(rels, key=lambda r: (r["type"], r["direction"], r["other"] or ""))

    prof.claims_by = store.read(
        f"{_ENTITY}-[:ASSERTS]->(c:Claim) OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article) "
        "RETURN c.cue AS cue, c.status AS status, c.text AS claim, a.title AS article, a.published AS published, "
        "a.source AS source ORDER BY published, claim", params).records()
    prof.claims_about = store.read(
        "MATCH (c:Claim)-[:ABOUT]->(e:Entity {id: $id}) OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c) "
        "OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article) RETURN coalesce(s.name, c.speaker_text) AS speaker, "
        "c.cue AS cue, c.status AS status, c.text AS claim, a.title AS article, a.published AS published, "
        "a.source AS source ORDER BY published, claim", params).records()
    if scope is not None and scoped:
        prof.claims_by = [c for c in prof.claims_by if scope.keeps(c["published"], c["source"])]
        prof.claims_about = [c for c in prof.claims_about if scope.keeps(c["published"], c["source"])]
    return prof


def format_profile(prof: EntityProfile, width: int = 80, scope: Scope | None = None) -> str:
    """A plain-text profile for the terminal, its lists as tables ``width`` wide (JSON: ``to_json``)."""
    from kg.table import cut, render_table

    lines = [cut(f"{prof.name}  [{prof.label}]  {prof.id}", width)]
    if scope and scope.active:
        lines.append(f"  scope: {scope.describe()}")
    if prof.aliases:  # grouped by the rule that joined them, wrapped (never cut: the reason is the point)
        by_reason: dict[str, list[str]] = {}
        for alias in prof.aliases:
            by_reason.setdefault(prof.alias_reasons.get(alias, ""), []).append(alias)
        lines.append("  aliases (why one node):")
        for reason, names in by_reason.items():
            text = ", ".join(names) + (f" - {reason}" if reason else "")
            lines.extend(textwrap.wrap(text, max(width, 40), initial_indent="    ", subsequent_indent="      "))
    if prof.country:
        lines.append(f"  country: {prof.country}")
    if prof.lat is not None and prof.lon is not None:
        gid = f"  geonames:{prof.geonames_id}" if prof.geonames_id else ""
        lines.append(f"  coordinates: {prof.lat:.4f}, {prof.lon:.4f}{gid}")
    lines.append(f"  mentions: {prof.mentions} in {prof.article_count} article(s); "
                 f"seen {show_date(prof.first_seen, day=True)} .. {show_date(prof.last_seen, day=True)}")

    def section(title: str, columns: list[str], rows: list[list[Any]]) -> None:
        if rows:
            lines.extend(["", f"{title}:", *render_table(columns, rows, width)])

    section("relations", ["relation", "other", "status", "asserted by", "sentences"], [
        [f"-[{r['type']}]->" if r["direction"] == "out" else f"<-[{r['type']}]-", r["other"], r["status"],
         r["asserted_by"], r["sentences"] if r["status"] else None] for r in prof.relations])
    section(f"claims by {prof.name}", ["published", "status", "cue", "claim"],
            [[c["published"], c["status"], c["cue"], c["claim"]] for c in prof.claims_by])
    section(f"claims about {prof.name}", ["published", "status", "speaker", "cue", "claim"],
            [[c["published"], c["status"], c["speaker"], c["cue"], c["claim"]] for c in prof.claims_about])
    section("articles", ["published", "source", "title"],
            [[a["published"], a["source"], a["title"] or a["id"]] for a in prof.articles])
    return "\n".join(lines)
