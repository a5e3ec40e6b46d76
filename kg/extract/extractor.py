"""The Extractor: Article -> Extraction (entities, geocoded places, claims, relations, co-mentions).

Heavy things load once per process (spaCy, the reference data, the gazetteer); per article the
work outside spaCy is dictionary look-ups, so throughput stays close to raw ``nlp.pipe``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import chain, combinations
from typing import Any

from kg.extract.claims import find_claims
from kg.extract.entities import MentionFinder
from kg.extract.language import not_english
from kg.extract.name_junk import lower_words
from kg.extract.name_sweep import surname_mentions, trim_name_openers
from kg.extract.nlp import load_nlp
from kg.extract.relations import find_events, to_states
from kg.extract.resolve import Cluster, acronym_mentions, assign_keys, best_name
from kg.extract.toponyms import after_place, coordinated, datelines, demonym_places, states_after_towns
from kg.extract.toponyms import repair as repair_toponyms
from kg.extract.workers import extract_in_pool
from kg.geo.disambiguate import Choice, GeoContext, choose
from kg.geo.gazetteer import Gazetteer, GeoRecord, gazetteer
from kg.geo.online import check_online_service, online_lookup
from kg.geo.reference import Reference, reference
from kg.geo.usstates import state_code
from kg.ids import normalise, person_key
from kg.model import Article, Claim, Entity, Extraction, Geo, Relation, Span, entity_id
from kg.schema import Schema, load_schema

MIN_CONFIDENCE = 0.5  # below this a Place keeps its label but gets no coordinates
_PLACE_FEATURES = ("PPLC", "ADM1", "RGN", "PCLI")


def _geo(rec: GeoRecord, confidence: float) -> Geo:
    return Geo(rec.geonames_id if rec.geonames_id > 0 else None, rec.lat, rec.lon, rec.country_code or None,
               rec.feature_code, round(confidence, 3), rec.name)


class PlaceNames:
    """Names an ORG span must not be: capitals, states, regions and big cities (any name form),
    minus the known organisations. Asked per ORG span rather than built as a set: the set meant a
    walk over the gazetteer's 200k names at every process start (~0.7 s of a cold ``kg extract``)
    for the few ORG spans an article has."""

    def __init__(self, gz: Gazetteer, ref: Reference) -> None:
        self.gz, self.ref = gz, ref

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or key in self.ref.org_by_name:
            return False
        return key in self.ref.capitals or any(
            r.feature_code in _PLACE_FEATURES or r.population >= 200_000 for r in self.gz.lookup_key(key)[0])


class Extractor:
    """Loads spaCy and the gazetteers once; ``extract``/``extract_many`` reuse them."""

    def __init__(self, nlp: Any = None, gz: Gazetteer | None = None, ref: Reference | None = None) -> None:
        self._nlp, self._gz, self._ref = nlp, gz, ref
        check_online_service()  # a mistyped KG_GEOCODER fails here, not mid-corpus

    # Heavy data loads on first use: a re-import of unchanged articles, or a run whose extraction
    # happens in worker processes, never loads spaCy or the gazetteer in this process.
    @cached_property
    def nlp(self) -> Any:
        return self._nlp if self._nlp is not None else load_nlp()

    @cached_property
    def ref(self) -> Reference:
        return self._ref or reference()

    @cached_property
    def gz(self) -> Gazetteer:
        return self._gz or gazetteer()

    @cached_property
    def schema(self) -> Schema:  # read once: relations are checked against it for every article
        return load_schema()

    @cached_property
    def country_records(self) -> dict[str, GeoRecord]:
        return {rec.country_code: rec for rec in self.gz.with_features("PCLI")}

    @cached_property
    def finder(self) -> MentionFinder:
        return MentionFinder(self.ref, PlaceNames(self.gz, self.ref))

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32,
                     n_process: int = 1) -> Iterator[Extraction]:
        """Stream Extractions in input order; the input is consumed lazily.

        ``n_process`` > 1 runs whole extractions in worker processes (``kg.extract.workers``), each
        with a default Extractor. An article whose extraction raises comes back with ``error`` set.
        """
        stream = iter(articles)
        first = next(stream, None)
        if first is None:  # nothing to extract (e.g. every article unchanged): spaCy is never loaded
            return
        if n_process > 1:
            second = next(stream, None)
            if second is not None:
                yield from extract_in_pool(chain([first, second], stream), batch_size, n_process)
                return
            # one article: starting worker processes (each loading spaCy) would cost more than it saves
        articles = chain([first], stream)

        def feed() -> Iterator[tuple[str, tuple[Article, str | None]]]:
            for article in articles:
                lang = (article.language or "").strip().lower()
                warning = (f"not English (language {article.language!r})" if lang and not lang.startswith("en")
                           else not_english(article.text))
                yield ("" if warning else article.text), (article, warning)

        for doc, (article, warning) in self.nlp.pipe(feed(), as_tuples=True, batch_size=batch_size):
            if warning:
                yield Extraction(article=article, warnings=[warning])
                continue
            try:
                yield self.from_doc(doc, article)
            except Exception as exc:  # noqa: BLE001 - one article's bug must not end a corpus run
                yield Extraction(article=article, error=f"extraction failed: {type(exc).__name__}: {exc}")

    def from_doc(self, doc: Any, article: Article) -> Extraction:
        """Everything after spaCy: mentions, resolution, geocoding, claims, relations, co-mentions."""
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
            doc.user_data.setdefault("kg_text", article.text)  # spaCy keeps the text: no need to rejoin it
        sents = [(s.start, s.start_char, s.end_char) for s in doc.sents]
        starts = [s[0] for s in sents]

        def sent_of(token: int) -> int:
            return bisect_right(starts, token) - 1

        mentions = self.finder.find(doc, starts, article.text)
        mentions = datelines(doc, mentions, self.gz, article.text, sent_of)
        states_after_towns(mentions, article.text)
        capitals = [self.ref.capitals.get(normalise(m.text), "") for m in mentions if m.label == "Place"]
        mentions = repair_toponyms(doc, mentions, self.gz, article.text, sent_of, capitals)
        mentions += acronym_mentions(article.text, mentions)
        lower = lower_words(article.text)
        trim_name_openers(mentions, lower)
        swept = surname_mentions(doc, article.text, mentions, lower, sent_of)
        # untagged later mentions of the article's people ("Quaid has been ..."); trimmed openers moved starts
        mentions = sorted(mentions + swept, key=lambda m: (m.start, -m.end))
        clusters = assign_keys(article.text, mentions)
        entities, sentence_ids = self._entities(clusters, article.text)
        warnings: list[str] = [] if entities else ["no entities found (nothing to link this article to)"]
        claims: list[Claim] = []
        relations: list[Relation] = []
        try:  # one article's failure in a later stage must not end a corpus run; it is reported
            claims = find_claims(doc, article, entities)
            relations, actors = find_events(doc, article, entities, claims, self.schema)
            entities = entities + actors  # generic actors ("Swedish mercenaries") that relations name
        except Exception as exc:  # noqa: BLE001
            warnings.append(f"claims/relations failed: {type(exc).__name__}: {exc}")
        entities = demonym_places(clusters, entities, article.text, self._country_geo)
        relations = to_states(relations, entities)
        comentions = []
        for n, ids in sorted(sentence_ids.items()):
            for a, b in combinations(sorted(ids), 2):
                comentions.append((a, b, sents[n][1], sents[n][2]))
        return Extraction(article, entities, claims, relations, comentions, warnings)

    def _locate(self, clusters: list[Cluster], text: str) -> dict[int, Choice | None]:
        """Choose a gazetteer record for every Place cluster, in context.

        Context = the countries the article names plus the countries of its confidently placed
        cities (two passes); a toponym followed by ", <state or country>" is looked for inside it.
        """
        named = {c.key for c in clusters if c.label == "Country"}
        named |= {c.key.split(":", 1)[1] for c in clusters if c.label == "Group" and c.key.startswith("demonym:")}
        places = [c for c in clusters if c.label == "Place"]
        ends = {m.end: c for c in places for m in c.mentions}
        listed = {m.end for c in clusters if c.label in ("Place", "Country") for m in c.mentions}
        states = self._us_states(places, text, listed)  # "Tenn." in "Paris, Tenn."
        first = {id(c): states.get(id(c)) or choose(self.gz, c.mentions[0].text, GeoContext(named))
                 for c in places}
        # countries the article is sure of: confident places, and states or capitals it names that
        # nothing else bears (a state of 0.7 is the state: "Alabama" is no town)
        sure = {ch.record.country_code for ch in first.values() if ch and (
            ch.confidence >= 0.8 or (ch.confidence >= 0.7 and ch.record.feature_code in ("ADM1", "PPLC")))}
        subdivisions: dict[int, Choice] = {}
        countries = [(m.start, m.end) for c in clusters if c.label == "Country" for m in c.mentions]
        for c in clusters:  # "Atlanta, Georgia": Georgia is the US state, not the country
            sub = self._subdivision_in(c, (named | sure) - {c.key}, text, ends) if c.label == "Country" else None
            # "the invasions of Georgia and Ukraine": a country listed with countries stays one
            if sub is not None and not any(coordinated(m, text, countries) for m in c.mentions):
                c.label, c.key = "Place", normalise(c.mentions[0].text)
                subdivisions[id(c)] = Choice(sub, 0.9, 2)
        confident = [ch.record for ch in first.values() if ch and ch.confidence >= 0.8]
        confident += [ch.record for ch in subdivisions.values()]
        ctx = GeoContext(named | {c.key for c in clusters if c.label == "Country"} | sure,
                         anchors=tuple(r for r in confident if r.feature_code in ("PPL", "PPLC")),
                         admin1=frozenset((r.country_code, r.admin1) for r in confident if r.admin1))
        starts = {m.start: c for c in clusters for m in c.mentions if c.label in ("Place", "Country")}
        choices: dict[int, Choice | None] = {**subdivisions, **states}
        for c in sorted(places, key=lambda c: self._container(c, text, starts) is not None):
            if id(c) in states:
                continue
            container = self._container(c, text, starts)
            within = None
            if container is not None:
                within = (self.country_records.get(container.key) if container.label == "Country"
                          else getattr(choices.get(id(container)), "record", None))
            choices[id(c)] = choose(self.gz, c.mentions[0].text, ctx, within)
        return choices

    def _us_states(self, places: list[Cluster], text: str, ends: set[int]) -> dict[int, Choice]:
        """Places that are US states: AP-style abbreviations anywhere ("Tenn."); postal codes and
        full names right after "<place>, " ("Springfield, IL", "Seattle, Washington", a list of
        states); full names called a state ("Washington state", "the state of New York")."""
        out: dict[int, Choice] = {}
        for c in places:
            for m in c.mentions:
                after_town = after_place(m.start, text, ends)
                rec = self.us_state_records.get(state_code(m.text, after_town) or "")
                said_state = text[m.end: m.end + 6] == " state" or text[max(0, m.start - 9): m.start] == "state of "
                if rec is None and (after_town or said_state):
                    # "Seattle, Washington", "Washington state", "the state of New York": the state
                    rec = next((r for r in self.gz.lookup(m.text)[0]
                            if r.feature_code == "ADM1" and r.country_code == "US"), None)
                if rec is not None:
                    out[id(c)] = Choice(rec, 0.95, 1)
                    break
        return out

    @cached_property
    def us_state_records(self) -> dict[str, GeoRecord]:
        return {rec.admin1: rec for rec in self.gz.with_features("ADM1") if rec.country_code == "US"}

    @staticmethod
    def _container(c: Cluster, text: str, starts: dict[int, Cluster]) -> Cluster | None:
        for m in c.mentions:
            if text[m.end: m.end + 2] == ", ":
                nxt = starts.get(m.end + 2)
                if nxt is not None and nxt is not c:
                    return nxt
        return None

    def _entities(self, clusters: list[Cluster], text: str) -> tuple[list[Entity], dict[int, set[str]]]:
        choices = self._locate(clusters, text)
        by_id: dict[str, Entity] = {}
        sentence_ids: dict[int, set[str]] = {}
        for c in clusters:
            geo = self._geo_for(c, choices.get(id(c)))
            label = c.label
            if label == "Place" and geo is not None and geo.feature_code == "PCLI":
                label = "Country"
            name = self._name(c, label, geo)
            # a person's id comes from the folded key, so "Sergey"/"Sergei" and "Vladimir V. Putin" meet
            eid = entity_id(label, person_key(name) if label == "Person" else name, geo)
            ent = by_id.get(eid)
            if ent is None:
                ent = by_id[eid] = Entity(eid, label, name, geo=geo)
                if label == "Group" and c.key.startswith("demonym:"):
                    code = c.key.split(":", 1)[1]
                    ent.properties["country_code"] = code
                    ent.properties["country"] = entity_id("Country", "", Geo(None, None, None, code))
            if any(m.state_sense for m in c.mentions):
                ent.properties["means_state"] = True
            ent.mentions.extend(Span(m.start, m.end, m.text) for m in c.mentions)
            for m in c.mentions:
                sentence_ids.setdefault(m.sent, set()).add(eid)
        for ent in by_id.values():
            ent.mentions.sort(key=lambda s: (s.start, s.end))
            seen = {normalise(ent.name)}
            for sp in ent.mentions:
                if normalise(sp.text) not in seen:
                    seen.add(normalise(sp.text))
                    ent.aliases.append(sp.text)
        return list(by_id.values()), sentence_ids

    def _subdivision_in(self, c: Cluster, codes: set[str], text: str,
                        ends: dict[int, Cluster]) -> GeoRecord | None:
        """Is the country's name also a state/region of another country the article is about, or
        does it follow a town of that state ("Atlanta, Georgia")?"""
        primary, _ = self.gz.lookup(c.mentions[0].text)
        subs = [r for r in primary if r.feature_code in ("ADM1", "RGN") and r.country_code != c.key]
        for r in subs:
            if r.country_code in codes:
                return r
        for m in c.mentions:
            before = ends.get(m.start - 2) if text[m.start - 2: m.start] == ", " else None
            if before is not None:
                towns = self.gz.lookup(before.mentions[0].text)[0]
                for r in subs:
                    if any(t.country_code == r.country_code and t.admin1 == r.admin1 != "" for t in towns):
                        return r
        return None

    def _country_geo(self, code: str) -> Geo:
        rec = self.country_records.get(code)
        if rec is not None:
            return _geo(rec, 1.0)
        state = self.ref.states.get(code)
        if state is not None and state.point is not None and not state.geonames_id:
            return Geo(None, state.point[0], state.point[1], code, "PCLH", 1.0, state.name)  # a former state
        return Geo(None, None, None, code, "PCLI", 1.0, state.name if state else code)

    def _geo_for(self, c: Cluster, choice: Any) -> Geo | None:
        if c.label == "Country":
            rec = self.country_records.get(c.key)
            return _geo(rec, 1.0) if rec else self._country_geo(c.key)
        if c.label != "Place":
            return None
        if choice is not None and choice.confidence >= MIN_CONFIDENCE:
            return _geo(choice.record, choice.confidence)
        return online_lookup(c.mentions[0].text)

    def _name(self, c: Cluster, label: str, geo: Geo | None) -> str:
        if label == "Country":
            state = self.ref.states.get(geo.country_code if geo and geo.country_code else c.key)
            if state:
                return state.name
        if label == "Organization":
            orgs = [m.org for m in c.mentions if m.org]
            if orgs:
                return orgs[0]
        if label == "Group" and c.key.startswith("demonym:"):
            state = self.ref.states.get(c.key.split(":", 1)[1])
            if state and state.demonyms:
                return state.demonyms[0]
        name = best_name(c)
        if label == "Organization" and "|" in c.key:  # a generic body, named with its state
            state = self.ref.states.get(c.key.rsplit("|", 1)[1])
            if state:
                return f"{name} ({state.name})"
        if label == "Place" and geo is not None and geo.name and name.isupper() and len(name) > 3:
            return geo.name  # a dateline's "KYIV": the gazetteer's spelling
        return name

