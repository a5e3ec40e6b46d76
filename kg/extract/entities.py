"""Mentions from a spaCy Doc: NER spans, repaired by rules and the reference data.

A Mention is one span with a kg label (Person, Organization, Place, Country, Group, Event).
Repairs: "the"/possessive trimmed; a state or capital is never an ORG; an ORG that is only a
headline fragment is dropped; known IGOs are ORGs; "<Ukrainian> embassy in <Dushanbe>" is one
Organization; "<NATO> summit"-style phrases are Events; a place name inside a pathogen's name
("West Nile virus") is not a Place; a demonym keeps its Group label but records its state and
whether it means the state ("Russian authorities").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from typing import Any

from kg.extract.name_junk import (  # noqa: F401  (lexicon, titles: re-exported for speaker_names, resolve)
    DETERMINERS,
    after_dash,
    common_noun_name,
    court_case,
    has_spaced_dash,
    is_headline,
    junk,
    lexicon,
    malformed,
    party_tag,
    titles,
)
from kg.extract.nlp import text_of
from kg.extract.person_shapes import (  # noqa: F401  (ORG_WORDS, PERSON_ROLES: re-exported)
    ORG_WORDS,
    PERSON_ROLES,
    named_as_who,
    named_person,
    reads_as_person,
    titled_name,
)
from kg.geo.reference import Reference
from kg.ids import normalise

SPACY_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
                "NORP": "Group", "EVENT": "Event"}
# nouns whose demonym modifier means the state ("Ukrainian embassy" -> Ukraine acts)
STATE_NOUNS = frozenset(["government", "authorities", "authority", "officials", "official", "ministry", "minister", "president", "army", "military", "forces", "troops", "embassy", "consulate", "diplomats", "diplomat", "parliament", "leadership", "navy", "regime", "state", "administration", "intelligence"])
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission"})
EVENT_HEADS = frozenset({"summit", "conference", "forum", "congress", "talks", "meeting", "gathering",
                         "olympics", "games", "election", "elections", "referendum", "war"})
PATHOGEN_HEADS = frozenset({"virus", "fever", "disease", "flu", "encephalitis", "strain", "hemorrhagic",
                            "haemorrhagic", "pox"})
_MISSION_RE = re.compile(r"\b(?:" + "|".join(sorted(MISSION_NOUNS)) + r")\b", re.IGNORECASE)
_EVENT_RE = re.compile(r"\b(?:" + "|".join(sorted(EVENT_HEADS)) + r")\b", re.IGNORECASE)
_EVENT_NAMERS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_EVENT_WORDS = frozenset({"annual", "security", "peace", "trade", "climate", "emergency", "leaders", "g20", "g7"})
_CONNECTORS = frozenset({"of", "the", "for", "and", "de", "on"})
_TRIM_END = {"'s", "\u2019s", "'", "\u2019", ".", ",", ";", ":", "-", "\u2014"}
_CONJ = frozenset({"and", "or", "&"})
_INDEFINITE = frozenset({"a", "an"})  # lower case, or opening a sentence: "A Tribe Called Quest" keeps its article
_NOT_NAME_POS = frozenset({"ADV", "ADP", "SCONJ", "CCONJ", "PRON", "AUX", "VERB", "INTJ"})
# words that mark a name as an organisation's, never a person's
# nouns for a person's role: "foreign policy chief Helena Marsh", "his counterpart, Nadia Belkacem"
# a state's body named after it ("U.S. Department of Justice", "Russian Defence Ministry"): one of
# these words in the capitalised run right after the state or demonym
STATE_BODIES = frozenset(["department", "ministry", "treasury", "army", "navy", "force", "forces", "guard", "bank", "service", "services", "agency", "office", "police", "parliament", "senate", "congress", "command", "directorate", "committee", "council"])
_RUN_CONNECTORS = frozenset({"of", "and", "for"})
# a person's title ends a body's name: "Russian Foreign Ministry | Spokeswoman Maria Zakharova"
TITLE_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "chief", "head",
                         "director", "chairman", "chairwoman", "president", "ambassador", "envoy", "official",
                         "adviser", "advisor", "deputy", "commander", "general", "mr", "mrs", "ms", "dr"})


@dataclass
class Mention:
    start: int  # character offsets into article.text
    end: int
    text: str
    label: str  # kg label
    sent: int  # index of the sentence in the doc
    state: str | None = None  # ISO code when the span names (or is a demonym of) a state
    org: str | None = None  # canonical IGO name when the span is a known organisation
    demonym: bool = False
    state_sense: bool = False  # a demonym that means the state ("Ukrainian embassy")
    modifier: bool = False  # a demonym used as an adjective ("Cuban cigars"), not as a noun


def _trim(span: Any) -> Any | None:
    """Drop a leading "the"/"this"/"a" and trailing possessive/punctuation tokens; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end:
        tok = doc[start]  # one Token object per step: each doc[i] builds a new one
        if not (tok.lower_ in DETERMINERS or tok.text in _INDEFINITE or tok.is_punct or tok.is_space
                or (end - start > 1 and tok.pos_ in _NOT_NAME_POS and tok.is_title)
                or (end - start > 1 and tok.lower_ in _INDEFINITE and tok.is_sent_start)):
            break
        start += 1  # "Later Sergei Lavrov": a sentence's opening adverb is not part of the name
    while end > start:
        tok = doc[end - 1]
        if not (tok.text in _TRIM_END or tok.is_space or tok.is_quote or tok.is_bracket or tok.lower_ in _CONJ):
            break
        end -= 1  # "Niger and" (NER ran on into the conjunction)
    if start == span.start and end == span.end:
        return span
    return doc[start:end] if end > start else None


class MentionFinder:
    """Turns a Doc into Mentions; holds the reference-derived lookups (built once)."""

    def __init__(self, ref: Reference, place_names: Container[str] = frozenset()) -> None:
        self.ref = ref
        self.place_names = place_names  # normalised names an ORG must not be (capitals, states)
        # short forms that name an organisation only before a noun ("IS fighters"), with their patterns
        self.modifier_aliases = [(re.compile(rf"\b{re.escape(a)}\b(?=['\u2019]|\s+[a-z])"), org)
                                 for org in ref.orgs for a in org.modifier_aliases]

    def find(self, doc: Any, sentence_starts: list[int] | None = None, text: str | None = None) -> list[Mention]:
        """Mentions in document order. ``sentence_starts`` (token index of each sentence's first
        token) and ``text`` (the article text) save walks over the Doc when the caller has them:
        ``doc.sents`` and ``doc.text`` are each rebuilt token by token on every access."""
        starts = sentence_starts if sentence_starts is not None else [s.start for s in doc.sents]
        text = text if text is not None else text_of(doc)

        def sent_of(i: int) -> int:
            return bisect_right(starts, i) - 1

        out: list[Mention] = []
        prev_ent = None
        for ent in doc.ents:
            spacy_label = ent.label_
            label = SPACY_LABELS.get(spacy_label)
            if label is None or "\n" in ent.text.strip():
                prev_ent = ent
                continue
            if (ent.label_ == "NORP" and prev_ent is not None and prev_ent.label_ == "PERSON"
                    and prev_ent.end == ent.start and len(prev_ent) == 1 and out
                    and out[-1].start == prev_ent.start_char):
                # "Mark" + "Cuban": a given name followed by a demonym-looking surname is one person
                out.pop()
                ent = doc[prev_ent.start:ent.end]
                spacy_label, label = "PERSON", "Person"
            prev_ent = ent
            span = _joined(ent) if spacy_label == "ORG" else ent
            if has_spaced_dash(text, span.start_char, span.end_char):
                span = after_dash(span)
            span = _trim(span)
            if span is None or malformed(text[span.start_char:span.end_char]) \
                    or party_tag(text, span.start_char, span.end_char):
                continue
            if (junk(span, label, text) or junk(ent, label, text)) and normalise(span.text) not in self.ref.org_by_name:
                continue
            m = self._classify(span, spacy_label, label, sent_of, text)
            if m is not None:
                out.append(m)
        missions = self._missions(doc, sent_of, text)
        if missions:  # the longer "<X> Embassy in <Y>" replaces NER's "<X> Embassy"
            replaced = {m.start for m in missions}
            out = [m for m in out if not (m.label == "Organization" and m.start in replaced)]
        out.extend(missions)
        bodies = self._state_bodies(doc, out, sent_of)
        if bodies:  # "U.S. Department of Justice" replaces NER's "Department of Justice"
            out = [m for m in out if not (m.label == "Organization"
                                          and any(b.start <= m.start and m.end <= b.end for b in bodies))]
            out.extend(bodies)
        out.extend(self._events(doc, sent_of, text))
        out.extend(self._modifier_aliases(doc, sent_of, text, out))
        credits = [(c.start(), c.end()) for c in _CREDIT.finditer(text)] if "/" in text else []
        if credits:  # "(Jane Doe/Reuters)": a photo credit names no party to the story
            out = [m for m in out if not any(s <= m.start and m.end <= e for s, e in credits)]
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _classify(self, span: Any, spacy_label: str, label: str, sent_of: Callable[[int], int],
                  text: str) -> Mention | None:
        key = normalise(span.text)
        m = Mention(span.start_char, span.end_char, span.text, label, sent_of(span.start))
        org = self.ref.org_by_name.get(key)
        if org is not None and spacy_label != "PERSON":
            m.label, m.org = "Organization", org.name
            return m
        code = self.ref.state_by_name.get(key)
        if code and spacy_label == "PERSON" and len(span) == 1 and named_person(span):
            code = None  # "Jordan said", "Grace Jordan": a person named like a country
        if code and (spacy_label != "PERSON" or len(span) == 1):
            m.label, m.state = "Country", code
            return m
        dem = self.ref.state_by_demonym.get(key)
        # "Ukrainian" is never a place; a one-word PERSON that is a demonym modifying a common noun
        # ("Nigerien officials") is the nationality, while "Cuban said" may be a surname
        as_modifier = (spacy_label == "PERSON" and len(span) == 1 and span.root.dep_ in ("amod", "compound")
                       and span.root.head.pos_ == "NOUN")
        if dem and (spacy_label in ("NORP", "GPE", "LOC", "ORG") or as_modifier):
            m.label, m.state, m.demonym = "Group", dem, True
            head = span.root.head
            m.modifier = span.root.dep_ in ("amod", "compound")
            m.state_sense = m.modifier and head.lower_ in STATE_NOUNS
            return m
        if spacy_label == "NORP":
            if span.text.isupper() and span.text.isalpha() and len(span.text) >= 2:
                m.label = "Organization"  # "NYPD", "FBI": an acronym is a body, not a people
            return m
        if spacy_label == "PERSON" and len(span) >= 2 and \
                span[-1].lower_.strip(".") in lexicon()["body_heads_not_surnames"] | lexicon()["trade_words"]:
            m.label = "Organization"  # "Dish Network", "Hoover Institution": a body's head noun ends it
            return None if is_headline(span, text) else m
        if spacy_label == "PERSON" and common_noun_name(text[span.start_char:span.end_char].split(), text):
            return None
        if spacy_label == "PERSON" and any(c.isdigit() for c in m.text) and m.text.isupper():
            m.label = "Organization"  # "MI6", "G7": capitals and a digit name a body, never a person
            return m
        if spacy_label == "EVENT" and len(span) >= 2 and span[-1].lower_ in ORG_WORDS:
            m.label = "Organization"  # "the Portland Evening News", "the Labour Party": a body's head noun ends it
            return m
        if label in ("Organization", "Person") and court_case(span.text):
            m.label = "Event"  # "Brown v. Board of Education": a case between parties, not a body
            return m
        if label == "Place" and _names_pathogen(span):
            return None
        if spacy_label == "ORG":
            if key in self.place_names:
                m.label = "Place"
            elif is_headline(span, text):
                return None
            elif reads_as_person(span) or titled_name(span) or named_as_who(span):
                m.label = "Person"
        return m

    def _modifier_aliases(self, doc: Any, sent_of: Callable[[int], int], text: str,
                          found: list[Mention]) -> list[Mention]:
        """"IS fighters", "IS' territory": a short form of an organisation that is a common word
        elsewhere names it only before a lower-case noun or as a possessor."""
        taken = {m.start for m in found}
        out = []
        for pattern, org in self.modifier_aliases:
            for hit in pattern.finditer(text):
                span = doc.char_span(hit.start(), hit.end())
                if span is None or hit.start() in taken:
                    continue
                nxt = doc[span.end] if span.end < len(doc) else None
                if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.tag_ == "POS" or nxt.text in ("'", "\u2019")):
                    m = Mention(span.start_char, span.end_char, span.text, "Organization", sent_of(span.start))
                    m.org = org.name
                    out.append(m)
        return out

    def _missions(self, doc: Any, sent_of: Callable[[int], int], text: str) -> list[Mention]:
        """"<demonym|state> embassy [in <place>]" -> one Organization (the diplomatic mission)."""
        out = []
        for tok in _tokens_matching(doc, text, _MISSION_RE):
            if tok.i == 0:
                continue
            prev = doc[tok.i - 1]
            if tok.ent_type_ == "ORG" and tok.ent_iob_ == "I":
                start = tok.i
                while doc[start].ent_iob_ == "I":
                    start -= 1
            elif prev.ent_type_ in ("NORP", "GPE"):
                start = prev.i
                while start > 0 and doc[start].ent_iob_ == "I":
                    start -= 1
            else:
                continue
            while start < tok.i and doc[start].lower_ == "the":
                start += 1
            end = tok.i + 1
            if end + 1 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].ent_type_ in ("GPE", "LOC"):
                end += 2
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
            span = doc[start:end]
            out.append(Mention(span.start_char, span.end_char, span.text, "Organization", sent_of(start)))
        return out

    def _state_bodies(self, doc: Any, mentions: list[Mention], sent_of: Callable[[int], int]) -> list[Mention]:
        """"<state|demonym> <Capitalised body>": "U.S. Department of Justice", "Russian Defence Ministry".
        The state keeps its own mention too (the body belongs to it)."""
        orgs = {(m.start, m.end) for m in mentions if m.label == "Organization"}
        out = []
        for m in mentions:
            if not (m.label == "Country" or m.demonym):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            end, body = span.end, False
            while end < len(doc) and doc[end].lower_.rstrip(".") not in TITLE_WORDS and (doc[end].text[:1].isupper() or
                                      (doc[end].lower_ in _RUN_CONNECTORS and end + 1 < len(doc)
                                       and doc[end + 1].text[:1].isupper())):
                body = body or doc[end].lower_ in STATE_BODIES
                end += 1
            if body and end - span.end <= 5:
                whole = doc[span.start:end]
                if (whole.start_char, whole.end_char) not in orgs:
                    out.append(Mention(whole.start_char, whole.end_char, whole.text, "Organization",
                                       sent_of(span.start)))
        return out

    def _events(self, doc: Any, sent_of: Callable[[int], int], text: str) -> list[Mention]:
        """"<NATO|G20|Munich Security> summit/conference" -> an Event (left modifiers must be named)."""
        out = []
        for tok in _tokens_matching(doc, text, _EVENT_RE):
            if tok.ent_type_ == "EVENT" or tok.pos_ != "NOUN":
                continue
            start = tok.i
            named = False
            while start > 0 and tok.i - start < 5:
                prev = doc[start - 1]
                if prev.ent_type_ in _EVENT_NAMERS or (prev.pos_ == "PROPN" and not prev.ent_type_):
                    named = True
                elif not (prev.like_num or prev.lower_ in _EVENT_WORDS or prev.ent_type_ == "ORDINAL"):
                    break
                start -= 1
            while start < tok.i and not (doc[start].ent_type_ in _EVENT_NAMERS or doc[start].pos_ == "PROPN"
                                         or doc[start].ent_type_ == "ORDINAL"):
                start += 1
            if named and start < tok.i:
                span = doc[start: tok.i + 1]
                out.append(Mention(span.start_char, span.end_char, span.text, "Event", sent_of(start)))
        return out


# a photo or video credit in parentheses: "(Jane Doe/Reuters)", "(AP Photo/John Smith)"
_CREDIT = re.compile(r"\((?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)+|AP Photo|[A-Z]\w+ Photo)/[^()\n]{2,60}\)")
# (a name of two or more words, or "AP Photo", before the slash: "(SDF/YPG)", "(Israel/Hamas)" are no credits)


def _names_pathogen(span: Any) -> bool:
    """"West Nile virus", "Marburg fever", "Reston ebolavirus": a place name inside a pathogen's name."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in PATHOGEN_HEADS or nxt.lower_.endswith("virus")):
        return True
    return span[-1].lower_.endswith("virus")


def _joined(ent: Any) -> Any:
    """"Security Council of the" + "Russian Federation" (split by the ruler) -> one ORG span."""
    doc = ent.doc
    if (ent[-1].lower_ == "and" and ent.end < len(doc)
            and doc[ent.end].ent_type_ in ("GPE", "LOC", "NORP", "PERSON")):
        return ent  # "Niger and" + "Burkina Faso": two parties, not one name
    if ent[-1].lower_ in _CONNECTORS and ent.end < len(doc) and doc[ent.end].ent_iob_ == "B":
        end = ent.end + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[ent.start:end]
    return ent


def _tokens_matching(doc: Any, text: str, pattern: re.Pattern[str]) -> Iterator[Any]:
    """Tokens whose text matches ``pattern`` (a regex over the text is far cheaper than a token walk)."""
    for found in pattern.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is not None and len(span) == 1:
            yield span[0]
