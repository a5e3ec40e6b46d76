"""The records that flow through kg: Article -> Extraction (entities, claims, relations).

Plain dataclasses, one shape per stage (the neo4j-graphrag pattern). ``Extraction.to_json`` is
the stable ``kg extract --format jsonl`` contract; change it only additively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from kg.ids import content_hash, make_id, normalise

EntityLabel = Literal["Person", "Organization", "Place", "Country", "Group", "Event"]
ENTITY_LABELS: tuple[str, ...] = ("Person", "Organization", "Place", "Country", "Group", "Event")
# "negated": the writer says the attribution did not happen ("did not criticise", "declined to
# confirm"); a speaker's own denial is "denied"
Status = Literal["asserted", "alleged", "denied", "confirmed", "negated"]
STATUSES: tuple[str, ...] = ("asserted", "alleged", "denied", "confirmed", "negated")


@dataclass(frozen=True)
class Article:
    """One news article as a loader read it. ``text`` is kept exactly: offsets index into it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime string, as given
    source: str | None = None  # publisher name or domain
    origin: str | None = None  # where it came from: "path", "path:line", "path#entry"
    language: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @staticmethod
    def make_id(text: str, url: str | None = None, given: str | None = None) -> str:
        """A record's own id wins; else the URL; else the text, so the same article is one node."""
        if given not in (None, ""):
            return str(given)
        if url:
            return make_id("article", "url", url.strip())
        return make_id("article", "text", content_hash(text))

    def header(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published,
                "source": self.source}


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text."""

    start: int
    end: int
    text: str = ""
    kind: str = ""  # "demonym": a country named by its adjective ("Russian troops"), not literally

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.kind:
            out["kind"] = self.kind
        return out


@dataclass
class Geo:
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country_code: str | None = None
    feature_code: str | None = None
    confidence: float | None = None  # 0..1, how sure the disambiguation is
    name: str | None = None  # the gazetteer's name for the place

    def to_json(self) -> dict[str, Any]:
        return {"geonames_id": self.geonames_id, "lat": self.lat, "lon": self.lon,
                "country_code": self.country_code, "feature_code": self.feature_code,
                "confidence": self.confidence}


def entity_id(label: str, name: str, geo: Geo | None = None) -> str:
    """Deterministic entity id: GeoNames id for located places/countries, else label + normalised name."""
    if label == "Country" and geo and geo.country_code:
        return make_id("Country", geo.country_code.upper())
    if label == "Place" and geo and geo.geonames_id:
        return make_id("Place", "geonames", geo.geonames_id)
    if label == "Place" and geo and geo.feature_code == "PPL" and geo.lat is not None and geo.lon is not None:
        # a town placed at the state the text puts it in ("Holliday, Missouri"; kg.geo.disambiguate):
        # its state's point keeps it apart from a namesake town placed in another state
        return make_id("Place", normalise(name), geo.country_code or "", round(geo.lat, 3), round(geo.lon, 3))
    return make_id(label, normalise(name))


@dataclass
class Entity:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    geo: Geo | None = None
    properties: dict[str, Any] = field(default_factory=dict)  # schema-typed extras (e.g. role)

    def add_mentions(self, *spans: Span) -> None:
        """Add mentions found after the entity was made, keeping them in text order."""
        self.mentions.extend(spans)
        self.mentions.sort(key=lambda s: (s.start, s.end))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "aliases": list(self.aliases),
                "mentions": [m.to_json() for m in self.mentions],
                "geo": self.geo.to_json() if self.geo else None}


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    entity: str | None  # resolved entity id (the first one when several speak: "X and Y said")
    entities: list[str] = field(default_factory=list)  # every speaking entity, ``entity`` first
    head: int | None = None  # offset of the phrase's head word, when the parse gave one (not in JSON)

    def all_entities(self) -> list[str]:
        """Every entity that asserts the claim ("Trump and Clinton said": both)."""
        return self.entities or ([self.entity] if self.entity else [])

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "entity": self.entity,
                "entities": self.all_entities()}


@dataclass
class Claim:
    """Who asserted what, with which cue, how hedged, in which sentence."""

    id: str
    cue: Span
    sentence: tuple[int, int]
    status: str = "asserted"
    speaker: Speaker | None = None
    content: Span | None = None
    about: list[str] = field(default_factory=list)  # entity ids mentioned in the content

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "speaker": self.speaker.to_json() if self.speaker else None,
                "cue": self.cue.to_json(), "content": self.content.to_json() if self.content else None,
                "status": self.status, "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
                "about": list(self.about)}


@dataclass
class Relation:
    """A typed relation between two entities; ``status`` comes from the claim it sits in."""

    id: str
    type: str
    source: str
    target: str
    evidence: tuple[int, int]
    status: str = "asserted"
    claim: str | None = None
    asserted_by: str | None = None  # entity id of the claim's speaker
    event_type: str | None = None  # the type's PLOVER category (domain relations)
    mode: str | None = None  # None: it happened; future, possible, planned, threatened, requested, conditional
    place: str | None = None  # entity id of the Place/Country where the event happened, when stated
    date: str | None = None  # the date phrase the sentence gives, when stated ("on Monday")
    role: str | None = None  # HOLDS_ROLE: the title as written ("Foreign Minister")

    @staticmethod
    def make_id(type_: str, source: str, target: str, status: str, mode: str | None = None) -> str:
        """Same relation with the same status (and mode) from many articles is one edge (aggregated):
        a threatened attack is not merged with one that happened."""
        return make_id("rel", type_, source, target, status) if not mode else make_id(
            "rel", type_, source, target, status, mode)

    def to_json(self) -> dict[str, Any]:
        out = {"id": self.id, "type": self.type, "source": self.source, "target": self.target,
               "status": self.status, "claim": self.claim, "asserted_by": self.asserted_by,
               "evidence": {"start": self.evidence[0], "end": self.evidence[1]}}
        if self.event_type:  # additive: structural relations keep their old shape
            out.update(event_type=self.event_type, mode=self.mode, place=self.place, date=self.date)
        if self.role:
            out["role"] = self.role
        return out


@dataclass
class Extraction:
    """Everything found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # (entity id, entity id, sentence start, sentence end): pairs mentioned in the same sentence
    comentions: list[tuple[str, str, int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # extraction failed: nothing of this article may be written

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article.header(), "entities": [e.to_json() for e in self.entities],
                "claims": [c.to_json() for c in self.claims],
                "relations": [r.to_json() for r in self.relations]}
