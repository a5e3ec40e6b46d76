"""GraphBatch: the nodes and relationships of one or more articles, keyed and ready to MERGE.

A batch is what a store writes in one transaction. Rows are grouped by node label and by
(relationship type, source label, target label) because labels and types cannot be parameters;
everything else is a parameter. Rows with the same id inside a batch are merged here, so the
store sees each key once.

Row shapes (the store's Cypher builder relies on them):

* node: ``{"id", "props": {scalar...}, "lists": {name: [str...]}, "seen": str | None}``
  ``props`` overwrite, ``lists`` are unioned with what is stored, ``seen`` widens first/last_seen.
* relationship: the same plus ``"src"`` and ``"dst"`` (node ids). Relationships whose schema
  properties include ``evidence`` get ``count = size(evidence)`` after the union. A type with no
  properties but its id (ABOUT, IN_ARTICLE, ...) has rows of just ``id``, ``src`` and ``dst``.
* Only the schema's properties and lists are kept (others are logged once and dropped).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kg.geo.reference import reference
from kg.ids import make_id, name_keys, normalise
from kg.model import Entity, Extraction
from kg.schema import Schema

RelKey = tuple[str, str, str]  # (type, source label, target label)
log = logging.getLogger(__name__)
_warned: set[tuple[str, str]] = set()


def _clean(props: dict[str, Any], allowed: dict[str, str], what: str) -> dict[str, Any]:
    """The row's properties: set values of the schema's properties only (``id`` is the row's key)."""
    out = {k: v for k, v in props.items() if k in allowed and k != "id" and v is not None and v != ""}
    if len(out) < len(props):
        for name in props:
            if name not in allowed and name != "id":
                _warn_once(what, name)
    return out


def _lists(lists: dict[str, list[str]] | None, allowed: dict[str, str], what: str) -> dict[str, list[str]]:
    if not lists:
        return {}
    if all(name in allowed for name in lists):
        return lists
    for name in lists:
        if name not in allowed:
            _warn_once(what, name)
    return {k: v for k, v in lists.items() if k in allowed}


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def publication_day(published: str | None) -> str | None:
    """The ISO day an article was published, or None: ``first_seen``/``last_seen`` say when the
    news named something, so an undated article (or one whose date is not ISO 8601) leaves them
    as they are rather than stamping the day of the import."""
    found = _DAY.match((published or "").strip())
    if found is None:
        return None
    try:
        return date(*map(int, found.groups())).isoformat()
    except ValueError:  # "2023-02-30"
        return None


def _warn_once(what: str, name: str) -> None:
    """A property the schema lacks is not written; say so once per process, not per row."""
    if (what, name) not in _warned:
        _warned.add((what, name))
        log.warning("%s: property %r is not in the schema; not written", what, name)


def _merge_row(rows: dict[str, dict[str, Any]], row: dict[str, Any]) -> None:
    old = rows.get(row["id"])
    if old is None:
        rows[row["id"]] = row
        return
    old["props"].update(row["props"])
    for name, values in row.get("lists", {}).items():
        have = old.setdefault("lists", {}).setdefault(name, [])
        have.extend(v for v in values if v not in have)
    seen = [s for s in (old.get("seen"), row.get("seen")) if s]
    old["seen"] = min(seen) if seen else None
    if seen:
        old["last"] = max(seen + [s for s in (old.get("last"), row.get("last")) if s])


def _countries(ex: Extraction) -> dict[str, str]:
    """Entity id -> the country it belongs to in this article: its own (places, countries,
    nationalities), else the Country it is AFFILIATED_WITH here ("the Ukrainian embassy")."""
    own: dict[str, str] = {}
    for ent in ex.entities:
        code = (ent.geo.country_code if ent.geo and ent.label in ("Place", "Country") else None) \
            or ent.properties.get("country_code")
        if code:
            own[ent.id] = str(code).upper()
    for rel in ex.relations:
        if rel.type == "AFFILIATED_WITH" and rel.target in own and rel.source not in own:
            target = next((e for e in ex.entities if e.id == rel.target), None)
            if target is not None and target.label == "Country":
                own[rel.source] = own[rel.target]
    return own


@dataclass
class GraphBatch:
    schema: Schema
    articles: list[dict[str, Any]] = field(default_factory=list)  # {"id", "content_hash"}
    nodes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    rels: dict[RelKey, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    warnings: list[str] = field(default_factory=list)
    # near-duplicates (kg.dedup): stored story ids to re-point (old -> new) and the stories whose
    # articles' entities must be recounted because their story changed
    story_renames: dict[str, str] = field(default_factory=dict)
    # stored articles whose story a re-imported, changed article held together: article -> its story
    # as the remaining SAME_STORY links make it (written before the renames)
    story_sets: dict[str, str] = field(default_factory=dict)
    recount_stories: list[str] = field(default_factory=list)
    _rel_props: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)  # type -> properties

    # ---- building -------------------------------------------------------------------------
    def add_node(self, label: str, id_: str, props: dict[str, Any], lists: dict[str, list[str]] | None = None,
                 seen: str | None = None) -> None:
        allowed = self.schema.nodes[self.schema.label(label)].properties
        _merge_row(self.nodes[label], {"id": id_, "props": _clean(props, allowed, label),
                                       "lists": _lists(lists, allowed, label), "seen": seen, "last": seen})

    def add_rel(self, type_: str, src: tuple[str, str], dst: tuple[str, str], props: dict[str, Any] | None = None,
                lists: dict[str, list[str]] | None = None, seen: str | None = None, id_: str | None = None) -> bool:
        """Add ``(src)-[type]->(dst)`` where src/dst are (label, id); False if the schema forbids it."""
        (src_label, src_id), (dst_label, dst_id) = src, dst
        if not self.schema.allows(type_, src_label, dst_label):
            msg = f"skipped {src_label}-[{type_}]->{dst_label}: not allowed by schema"
            if msg not in self.warnings:  # one line per kind, not per row
                self.warnings.append(msg)
            return False
        rid = id_ or make_id(type_, src_id, dst_id)
        allowed = self._rel_props.get(type_) or self._rel_props.setdefault(type_, self.schema.rel_properties(type_))
        rows = self.rels[(type_, src_label, dst_label)]
        if allowed.keys() == {"id"}:  # a bare link (ABOUT, IN_ARTICLE, ...): nothing but its id and ends
            if props or lists:  # none of it is written: report it
                _clean(props or {}, allowed, type_)
                _lists(lists, allowed, type_)
            rows.setdefault(rid, {"id": rid, "src": src_id, "dst": dst_id})
            return True
        _merge_row(rows, {"id": rid, "src": src_id, "dst": dst_id, "props": _clean(props or {}, allowed, type_),
                          "lists": _lists(lists, allowed, type_), "seen": seen, "last": seen})
        return True

    def add(self, ex: Extraction) -> GraphBatch:
        """Add one article's extraction. Returns self, so batches can be chained."""
        art = ex.article
        seen = publication_day(art.published)  # undated: first/last_seen stay as they are
        self.articles.append({"id": art.id, "content_hash": art.content_hash})
        self.add_node("Article", art.id, {
            "title": art.title, "url": art.url, "published": art.published, "source": art.source,
            "origin": art.origin, "language": art.language, "content_hash": art.content_hash,
            "text": art.text, "imported_at": datetime.now(UTC).isoformat(timespec="seconds")})
        if art.source:
            sid = make_id("Source", normalise(art.source))
            self.add_node("Source", sid, {"name": art.source})
            self.add_rel("PUBLISHED_BY", ("Article", art.id), ("Source", sid))

        labels: dict[str, str] = {}
        countries = _countries(ex)
        for ent in ex.entities:
            labels[ent.id] = ent.label
            self._add_entity(ent, seen, countries.get(ent.id))
            self.add_rel("MENTIONS", ("Article", art.id), (ent.label, ent.id),
                         props={"count": len(ent.mentions)},
                         lists={"spans": [f"{m.start}:{m.end}" for m in ent.mentions]})
            if ent.geo and ent.geo.country_code and ent.label == "Place":
                cc = ent.geo.country_code.upper()
                cid = make_id("Country", cc)
                state = reference().states.get(cc)
                country: dict[str, Any] = {"country_code": cc}
                if state:
                    country.update(name=state.name, norm=normalise(state.name))
                self.add_node("Country", cid, country, seen=None,
                              lists={"keys": name_keys(state.names)} if state else None)
                self.add_rel("IN_COUNTRY", ("Place", ent.id), ("Country", cid))

        for a, b, s_start, s_end in ex.comentions:
            if a not in labels or b not in labels or a == b:
                continue
            a, b = sorted((a, b))
            self.add_rel("CO_MENTIONED", (labels[a], a), (labels[b], b), seen=seen,
                         lists={"articles": [art.id], "evidence": [f"{art.id}:{s_start}:{s_end}"]})

        for claim in ex.claims:
            sent = art.text[claim.sentence[0]:claim.sentence[1]]
            self.add_node("Claim", claim.id, {
                "text": claim.content.text if claim.content else sent, "cue": claim.cue.text,
                "status": claim.status, "article_id": art.id, "sentence": sent,
                "sentence_start": claim.sentence[0], "sentence_end": claim.sentence[1],
                "cue_start": claim.cue.start, "cue_end": claim.cue.end,
                "content_start": claim.content.start if claim.content else None,
                "content_end": claim.content.end if claim.content else None,
                "speaker_text": claim.speaker.text if claim.speaker else None,
                "speaker_keys": name_keys([claim.speaker.text]) if claim.speaker else None,
                "published": art.published})
            self.add_rel("IN_ARTICLE", ("Claim", claim.id), ("Article", art.id))
            # "X and Y said": each asserts the claim; a negated one ("X did not criticise Y") nobody
            # asserts: it keeps its speaker_text and speaker_keys, and no speaker's counts grow
            for spk in claim.speaker.all_entities() if claim.speaker and claim.status != "negated" else []:
                if spk in labels:
                    self.add_rel("ASSERTS", (labels[spk], spk), ("Claim", claim.id))
            for eid in claim.about:
                if eid in labels:
                    self.add_rel("ABOUT", ("Claim", claim.id), (labels[eid], eid))

        for rel in ex.relations:
            if rel.source not in labels or rel.target not in labels:
                self.warnings.append(f"{art.id}: relation {rel.type} names an unknown entity")
                continue
            props: dict[str, Any] = {"status": rel.status}
            stated: dict[str, list[str]] = {}
            if rel.event_type:
                props["event_type"] = rel.event_type
            if rel.mode:
                props["mode"] = rel.mode
            if rel.role:
                props["role"] = rel.role
            if rel.place and rel.place in labels:
                stated["place"] = [rel.place]
            if rel.date:
                stated["date"] = [rel.date]
            if self.schema.relationships[rel.type].domain:
                source_country, target_country = countries.get(rel.source), countries.get(rel.target)
                if source_country and target_country and source_country != target_country:
                    props.update(cross_border=True, source_country=source_country, target_country=target_country)
            self.add_rel(rel.type, (labels[rel.source], rel.source), (labels[rel.target], rel.target),
                         id_=rel.id, props=props, seen=seen,
                         lists={"claims": [rel.claim] if rel.claim else [], "articles": [art.id],
                                "asserted_by": [rel.asserted_by] if rel.asserted_by else [],
                                "evidence": [f"{art.id}:{rel.evidence[0]}:{rel.evidence[1]}"], **stated})
        self.warnings.extend(f"{art.origin or art.id}: {w}" for w in ex.warnings)
        return self

    def _add_entity(self, ent: Entity, seen: str | None, country: str | None = None) -> None:
        geo = ent.geo
        props: dict[str, Any] = {"name": ent.name, "norm": normalise(ent.name), **ent.properties}
        if country and not props.get("country_code"):
            props["country_code"] = country  # an organisation or person acting for a state
        if geo:
            props.update({"geonames_id": geo.geonames_id, "lat": geo.lat, "lon": geo.lon,
                          "country_code": geo.country_code, "feature_code": geo.feature_code,
                          "geo_confidence": geo.confidence})
        allowed = self.schema.nodes[ent.label].properties
        props = {k: v for k, v in props.items() if k in allowed}
        names = sorted({ent.name, *ent.aliases})
        self.add_node(ent.label, ent.id, props, lists={"aliases": names, "keys": name_keys(names)}, seen=seen)

    # ---- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.articles)

    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    def rel_counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (type_, _s, _d), rows in self.rels.items():
            out[type_] += len(rows)
        return dict(out)
