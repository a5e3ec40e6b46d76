"""Time and source scoping: which articles an analyst is looking at, and what hangs off them.

Why one module: ``kg entity``, ``kg stats``, ``kg export`` (and ``kg viz``/``kg map``) must agree on
what "since March, Reuters only" keeps, or the numbers of one command will not match another's.
A :class:`Scope` is the three filters; it selects articles by their publication date and
publisher, and everything else follows from the articles:

- claims made in a kept article; the publishers of kept articles;
- entities a kept article mentions, or that make or are the subject of a kept claim;
- relationships that carry ``articles`` (domain and sourced relations, CO_MENTIONED) when one of
  their articles is kept, their ``articles``/``claims``/``evidence`` lists trimmed to the kept
  articles and ``count`` recomputed from the trimmed evidence; other relationships (MENTIONS,
  IN_COUNTRY ...) when both ends are kept.

Dates compare as ISO strings, by prefix: ``since=2026-03`` keeps articles published in March 2026
or later and ``until=2026-03`` keeps those published in March 2026 or earlier (``until`` is
inclusive to the precision given). An article with no publication date is unknown, so any date
filter leaves it out. Sources match the article's ``source`` case-insensitively.

The same rule is written in Cypher for the saved queries (``ARTICLE_PREDICATE``, see
kg/queries.py for the ``$since``/``$until``/``$publisher`` parameter convention: ``publisher``,
not ``source``, because relation queries already use ``$source`` for a relation's source entity).

API for other commands::

    scope = Scope.parse(since="2026-03-01", until=None, sources=("Reuters",))
    ids = scope.article_ids(store)          # None when unscoped, else the kept article ids
    kept = scope.selection(store)           # Selection: article/claim/entity/source ids
    for rec in scope.filter_records(dump(store), store): ...   # export records (kg.export.dump)
    scope.describe()                        # "published 2026-03-01 .. unknown, source Reuters"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.errors import ConfigError
from kg.schema import own_label
from kg.store.base import Stats, Store

UNKNOWN = "unknown"  # how every command prints a missing date

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")

# The article filter as Cypher, for queries with ``$since``, ``$until`` and ``$publisher`` (null = no filter).
ARTICLE_PREDICATE = ("($since IS NULL OR a.published >= $since) "
                     "AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until) "
                     "AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))")
_ARTICLE_LINKS = {"MENTIONS", "PUBLISHED_BY"}  # start is an article
_CLAIM_LINKS = {"IN_ARTICLE", "ABOUT"}  # start is a claim


def show_date(value: Any, day: bool = False) -> str:
    """A date for people: the stored ISO string (its day only with ``day``), or ``unknown`` (never
    "????" or "None")."""
    if value in (None, ""):
        return UNKNOWN
    text = str(value)
    return text[:10] if day and len(text) > 10 and text[4:5] == "-" else text


def check_date(value: str | None, what: str) -> str | None:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO timestamp; ConfigError otherwise."""
    if value is None or value == "":
        return None
    value = value.strip()
    day = value[:10] + "-01-01"[max(0, len(value[:10]) - 4):]  # "2026" -> "2026-01-01", "2026-03" -> "2026-03-01"
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        date.fromisoformat(day[:10])
    except ValueError:
        raise ConfigError(f"{what} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


@dataclass(frozen=True)
class Selection:
    """The ids a scope keeps (see the module docstring for the rule)."""

    articles: frozenset[str]
    claims: frozenset[str]
    entities: frozenset[str]
    sources: frozenset[str]

    def __contains__(self, node_id: str) -> bool:
        return (node_id in self.articles or node_id in self.claims or node_id in self.entities
                or node_id in self.sources)


@dataclass(frozen=True)
class Scope:
    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None,
              sources: Iterable[str] = ()) -> Scope:
        s, u = check_date(since, "--since"), check_date(until, "--until")
        if s and u and s[: len(u)] > u:
            raise ConfigError(f"--since {s} is after --until {u}")
        return cls(s, u, tuple(x.strip() for x in sources if x and x.strip()))

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.sources)

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"published {self.since or UNKNOWN} .. {self.until or UNKNOWN}")
        if self.sources:
            parts.append(f"source {', '.join(self.sources)}")
        return "; ".join(parts) or "all articles"

    def params(self) -> dict[str, Any]:
        """The saved-query parameters (one publisher: the first source; null when not given)."""
        return {"since": self.since, "until": self.until, "publisher": self.sources[0] if self.sources else None}

    def where(self, var: str = "a") -> tuple[str, dict[str, Any]]:
        """The parts of ``ARTICLE_PREDICATE`` in force, on the article variable ``var``, with their
        parameters (for queries kg builds itself: ``kg viz``, ``kg map``). ``until`` compares a
        prefix: FalkorDB's range index answers a string ``<`` on ``published`` with every article."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        if self.since:
            parts.append(f"{var}.published >= $scope_since")
            params["scope_since"] = self.since
        if self.until:
            parts.append(f"substring({var}.published, 0, size($scope_until)) <= $scope_until")
            params["scope_until"] = self.until
        if self.sources:
            parts.append(f"toLower({var}.source) IN $scope_sources")
            params["scope_sources"] = [x.lower() for x in self.sources]
        return " AND ".join(parts) or "true", params

    def keeps(self, published: str | None, source: str | None) -> bool:
        """The rule of ``ARTICLE_PREDICATE`` in Python."""
        if self.since and not (published and published >= self.since):
            return False
        if self.until and not (published and published[: len(self.until)] <= self.until):
            return False
        wanted = {s.lower() for s in self.sources}
        return not wanted or (source or "").strip().lower() in wanted

    def article_ids(self, store: Store) -> list[str] | None:
        """Ids of the articles in scope, or None when the scope keeps everything."""
        if not self.active:
            return None
        rows = store.read("MATCH (a:Article) RETURN a.id, a.published, a.source").rows
        return sorted(str(i) for i, published, source in rows if self.keeps(published, source))

    def selection(self, store: Store) -> Selection | None:
        ids = self.article_ids(store)
        if ids is None:
            return None
        p = {"ids": ids}
        claims = {r[0] for r in store.read("MATCH (c:Claim) WHERE c.article_id IN $ids RETURN c.id", p).rows}
        ents = {r[0] for r in store.read("MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.id IN $ids "
                                         "RETURN DISTINCT e.id", p).rows}
        ents |= {r[0] for r in store.read("MATCH (c:Claim)-[:ABOUT]->(e:Entity) WHERE c.article_id IN $ids "
                                          "RETURN DISTINCT e.id", p).rows}
        ents |= {r[0] for r in store.read("MATCH (e:Entity)-[:ASSERTS]->(c:Claim) WHERE c.article_id IN $ids "
                                          "RETURN DISTINCT e.id", p).rows}
        sources = {r[0] for r in store.read("MATCH (a:Article)-[:PUBLISHED_BY]->(s:Source) WHERE a.id IN $ids "
                                            "RETURN DISTINCT s.id", p).rows}
        return Selection(frozenset(ids), frozenset(claims), frozenset(ents), frozenset(sources))

    def filter_records(self, records: Iterable[dict[str, Any]], store: Store) -> Iterator[dict[str, Any]]:
        """The export records (``kg.export.dump`` shape) that the scope keeps, lists trimmed."""
        kept = self.selection(store)
        if kept is None:
            yield from records
            return
        for rec in records:
            if rec["type"] == "node":
                if rec["id"] in kept:
                    yield rec
                continue
            out = _scoped_rel(rec, kept)
            if out is not None:
                yield out

    def stats(self, store: Store) -> Stats:
        """Node and relationship counts of what the scope keeps (``kg stats --since ...``): the same
        rule as ``filter_records``, counted by index seeks from the kept ids instead of a full dump."""
        kept = self.selection(store)
        if kept is None:
            return store.stats()
        stats = Stats(nodes={"Article": len(kept.articles), "Claim": len(kept.claims), "Source": len(kept.sources)})
        ents = {"ids": sorted(kept.entities)}
        for labels, n in store.read("UNWIND $ids AS eid MATCH (e:Entity {id: eid}) RETURN labels(e), count(e)",
                                    ents).rows:
            label = own_label(labels)
            stats.nodes[label] = stats.nodes.get(label, 0) + n

        def add(rtype: str, n: int = 1) -> None:
            stats.relationships[rtype] = stats.relationships.get(rtype, 0) + n

        for query, ids in (("UNWIND $ids AS k MATCH (:Article {id: k})-[r]->() RETURN type(r), count(r)", kept.articles),
                           ("UNWIND $ids AS k MATCH (:Claim {id: k})-[r]->() RETURN type(r), count(r)", kept.claims),
                           ("UNWIND $ids AS k MATCH ()-[r:ASSERTS]->(:Claim {id: k}) RETURN type(r), count(r)",
                            kept.claims)):
            for rtype, n in store.read(query, {"ids": sorted(ids)}).rows:
                add(rtype, n)
        for rtype, end, articles in store.read("UNWIND $ids AS eid MATCH (:Entity {id: eid})-[r]->(y:Entity) "
                                               "RETURN type(r), y.id, r.articles", ents).rows:
            if end in kept.entities and (articles is None or any(a in kept.articles for a in articles)):
                add(rtype)
        stats.nodes = {k: v for k, v in stats.nodes.items() if v}
        return stats


def evidence_in(evidence: Iterable[Any], articles: frozenset[str]) -> list[Any]:
    """The evidence entries (``article_id:start:end``) that come from ``articles``."""
    return [e for e in evidence if str(e).rsplit(":", 2)[0] in articles]


def _scoped_rel(rec: dict[str, Any], kept: Selection) -> dict[str, Any] | None:
    start, end, rtype, props = rec["start"], rec["end"], rec["label"], rec["properties"]
    if rtype in _ARTICLE_LINKS:
        return rec if start in kept.articles else None
    if rtype in _CLAIM_LINKS:
        return rec if start in kept.claims else None
    if rtype == "ASSERTS":
        return rec if end in kept.claims else None
    if start not in kept or end not in kept:
        return None
    if props.get("articles") is None:
        return rec  # structure (IN_COUNTRY ...): kept with its two ends
    articles = [a for a in props["articles"] if a in kept.articles]
    if not articles:
        return None
    trimmed = dict(props, articles=articles)
    if props.get("claims") is not None:
        trimmed["claims"] = [c for c in props["claims"] if c in kept.claims]
    if props.get("evidence") is not None:
        trimmed["evidence"] = evidence_in(props["evidence"], kept.articles)
        if "count" in props:
            trimmed["count"] = len(trimmed["evidence"])
    return dict(rec, properties=trimmed)
