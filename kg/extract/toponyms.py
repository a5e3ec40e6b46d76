"""Toponyms the statistical NER got wrong: relabelled, or found where it saw nothing.

``en_core_web_sm`` often calls a small town a PERSON ("the air base at Gao"), an ORG ("the region
around Tillabéri") or a NORP ("the town of Comrat"), or tags nothing at all. Two cues make a place
reading safe enough to override it, and both are required:

* the text says it is a place: a locative preposition right before the name ("at", "in", "near",
  "around" ...), or a place noun with "of" ("the town of", "the port of");
* the gazetteer knows the name (its own name, not an alternate) in a country the article is about
  (named countries, demonyms, and places NER already got right).

A span NER made of two places ("Kharkiv and Odesa" as one ORG) is split when both are known there.

A word that is part of a person's full name elsewhere in the article is never a place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import Any

from kg.extract.cues import SPEECH_VERBS
from kg.extract.entities import ORG_WORDS, Mention
from kg.extract.toponym_senses import embedded, given_names, not_pathogens
from kg.geo.gazetteer import Gazetteer
from kg.geo.usstates import state_code
from kg.ids import normalise
from kg.model import Entity, Geo, Span, entity_id

LOCATIVE = frozenset({"in", "at", "near", "around", "outside", "inside", "from", "to", "into", "towards",
                      "toward", "across", "via", "through", "between", "on"})
PLACE_NOUNS = frozenset({"town", "city", "village", "port", "region", "province", "district", "capital",
                         "oblast", "governorate", "municipality", "county", "island", "enclave", "suburb",
                         "settlement", "prefecture"})
_RELABEL = ("Person", "Organization", "Group")
_SETTLEMENT_FEATURES = ("PPL", "PPLC", "ADM1", "RGN")
# "the <adjective|demonym> town of <Name>": the name after a place noun and "of"
_PLACE_OF = re.compile(r"\b(?:" + "|".join(sorted(PLACE_NOUNS)) + r") of ((?:[A-Z][\w'\u2019-]+)(?: [A-Z][\w'\u2019-]+){0,2})")


def context_countries(mentions: Iterable[Mention], located: Iterable[str] = ()) -> set[str]:
    """ISO codes the article is about: named states, demonyms, and countries of places already found."""
    return {m.state for m in mentions if m.state} | {c for c in located if c}


def _cued(doc: Any, start_token: int) -> bool:
    """A locative preposition before the name (skipping "the"), or "<place noun> of" before it."""
    i = start_token - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0:
        return False
    if doc[i].lower_ in LOCATIVE:
        return True
    return doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in PLACE_NOUNS


def _known(gz: Gazetteer, name: str, countries: set[str]) -> bool:
    return any(r.country_code in countries and r.feature_code in _SETTLEMENT_FEATURES
               for r in gz.lookup(name)[0])


def _person_words(mentions: list[Mention]) -> set[str]:
    return {normalise(w) for m in mentions if m.label == "Person" and " " in m.text.strip() for w in m.text.split()}


def _split_coordinated(mentions: list[Mention], gz: Gazetteer, countries: set[str]) -> list[Mention]:
    """"Kharkiv and Odesa" read as one ORG: two places when each side is a known place there."""
    out = []
    for m in mentions:
        parts = m.text.split(" and ")
        if m.label in (*_RELABEL, "Place") and len(parts) == 2 and all(_known(gz, p, countries) for p in parts):
            second = m.start + len(parts[0]) + len(" and ")
            out.append(Mention(m.start, m.start + len(parts[0]), parts[0], "Place", m.sent))
            out.append(Mention(second, m.end, parts[1], "Place", m.sent))
        else:
            out.append(m)
    return out


# A wire-service dateline opening the article or a paragraph: "KYIV, Nov 29 (Reuters) -",
# "CHARLOTTE, N.C. (AP) —", "WASHINGTON —": the place the story was filed from, in capitals.
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'\u2019.-]+(?:[ \t][A-Z][A-Z'\u2019.-]+){0,3})(?=,|[ \t]+[-\u2013\u2014(])")


def datelines(doc: Any, mentions: list[Mention], gz: Gazetteer, text: str, sent_of: Any) -> list[Mention]:
    """A capitalised dateline the gazetteer knows as a town, state or country is a Place (NER often
    reads an all-capitals word as an organisation, or as nothing)."""
    added = []
    for found in _DATELINE.finditer(text):
        start, end = found.start(1), found.end(1)
        primary = gz.lookup(found.group(1))[0]
        if not any(r.feature_code in ("PPL", "PPLC", "ADM1", "PCLI") for r in primary):
            continue
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if overlapping:
            for m in overlapping:
                if (m.start, m.end) == (start, end) and m.label in _RELABEL and not m.org:
                    m.label = "Place"
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            added.append(Mention(start, end, found.group(1), "Place", sent_of(span.start)))
    return sorted(mentions + added, key=lambda m: (m.start, -m.end)) if added else mentions


def after_place(start: int, text: str, place_ends: set[int]) -> bool:
    """Does the span at ``start`` follow a place and a comma ("Springfield, IL", "Arizona, Georgia")?"""
    return text[start - 2: start] == ", " and start - 2 in place_ends


_COORDINATORS = (" and ", " or ", ", ", ", and ", " & ")


def coordinated(m: Mention, text: str, spans: list[tuple[int, int]]) -> bool:
    """Is the mention listed with one of ``spans`` ("Georgia and Ukraine", "Ukraine, Georgia")?"""
    starts = {s for s, _e in spans if s != m.start}
    ends = {e for _s, e in spans if e != m.end}
    return any((text.startswith(gap, m.end) and m.end + len(gap) in starts)
               or (text[max(0, m.start - len(gap)): m.start] == gap and m.start - len(gap) in ends)
               for gap in _COORDINATORS)


def states_after_towns(mentions: list[Mention], text: str) -> None:
    """"Springfield, IL": a US state abbreviation right after a place is a place, whatever NER said."""
    place_ends = {m.end for m in mentions if m.label == "Place"}
    for m in mentions:
        if m.label != "Place" and after_place(m.start, text, place_ends) and state_code(m.text, after_town=True):
            m.label = "Place"


def _famous(gz: Gazetteer, name: str, countries: set[str]) -> bool:
    """A city or division everybody means by this name: a capital, state or region, or a city of
    100,000+ people in a country the article is about (a million+ anywhere)."""
    for r in gz.lookup(name)[0]:
        if r.feature_code in ("PPLC", "ADM1", "RGN") or r.population >= 1_000_000:
            return True
        if r.population >= 100_000 and r.country_code in countries:
            return True
    return False


def _speaks(span: Any) -> bool:
    """Is the span the subject of a verb of saying ("Edmonton said" names a person)?"""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS


def repair(doc: Any, mentions: list[Mention], gz: Gazetteer, text: str,
           sent_of: Any, located: Iterable[str] = ()) -> list[Mention]:
    """Relabel misread toponyms as Place, add cued toponyms NER missed, and settle each name's sense
    in the article (disease, given name, place inside an organisation's name: ``toponym_senses``);
    returns the mentions sorted."""
    mentions = not_pathogens(mentions, text)
    given_names(doc, mentions, _cued)
    people = _person_words(mentions)
    return embedded(_repair(doc, mentions, gz, text, sent_of, located, people), text, people)


def _repair(doc: Any, mentions: list[Mention], gz: Gazetteer, text: str,
            sent_of: Any, located: Iterable[str], people: set[str]) -> list[Mention]:
    countries = context_countries(mentions, located) | _division_countries(gz, mentions)
    if not countries:
        return mentions
    for m in mentions:
        if m.label not in _RELABEL or m.org or m.state or m.demonym:
            continue
        if m.label == "Person" and (" " in m.text.strip() or normalise(m.text) in people):
            continue
        if m.text.lower() in ORG_WORDS:
            continue  # "in Congress", "at Parliament": the body, not a town of that name
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if _cued(doc, span.start) and _known(gz, m.text, countries):
            m.label = "Place"
        elif (m.label != "Organization" and len(span) == 1 and not _speaks(span)
              and _famous(gz, m.text, countries)):
            m.label = "Place"  # "Edmonton" read as a person, "Aleppo" as a nationality
    mentions = _split_coordinated(mentions, gz, countries)
    taken = [(m.start, m.end) for m in mentions]
    for found in _PLACE_OF.finditer(text):
        start, end = found.start(1), found.end(1)
        if any(s < end and start < e for s, e in taken) or normalise(found.group(1)) in people:
            continue
        if _known(gz, found.group(1), countries):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                mentions.append(Mention(start, end, found.group(1), "Place", sent_of(span.start)))
    mentions += _after_locatives(doc, mentions, gz, text, sent_of, countries, people)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return one_sense(doc, mentions, text, sent_of, people)


def _division_countries(gz: Gazetteer, mentions: list[Mention]) -> set[str]:
    """Countries of the states, provinces and regions the article names ("Queensland" -> AU): a
    name that is a division of one country only, and no capital or country itself."""
    out = set()
    for name in {m.text for m in mentions if m.label == "Place"}:
        primary = gz.lookup(name)[0]
        codes = {r.country_code for r in primary if r.feature_code in ("ADM1", "RGN")}
        if len(codes) == 1 and "" not in codes and not any(r.feature_code in ("PCLI", "PPLC") for r in primary):
            out |= codes
    return out


# a capitalised name right after a locative preposition ("killed in Aleppo", "flew into Calgary")
_LOCATIVE_NAME = re.compile(r"\b(?:in|at|near|outside|into|across|around|from|to) ((?:[A-Z][\w'\u2019-]+)(?: [A-Z][\w'\u2019-]+){0,2})")


def _after_locatives(doc: Any, mentions: list[Mention], gz: Gazetteer, text: str, sent_of: Any,
                     countries: set[str], people: set[str]) -> list[Mention]:
    """A name NER left untagged, right after a locative preposition, that is a capital, a state or
    region, or a big city (``_famous``) is a place; a name the article uses for anything else
    (an organisation, a person) is not."""
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [t[0] for t in taken]
    reach = list(accumulate((t[1] for t in taken), max))  # the furthest end of any span starting so far
    other = {m.text for m in mentions if m.label != "Place"}
    added = []
    for found in _LOCATIVE_NAME.finditer(text):
        start, words = found.start(1), found.group(1).split(" ")
        k = bisect_right(starts, start) - 1
        if k >= 0 and reach[k] > start:
            continue  # inside a mention already
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            end = start + len(name)
            if bisect_left(starts, end) > k + 1:
                break  # runs into a mention
            if name in other or normalise(name) in people or not _famous(gz, name, countries):
                continue
            span = doc.char_span(start, end)
            if span is not None:
                added.append(Mention(start, end, name, "Place", sent_of(span.start)))
            break
    return added


_NAME_PUNCT = frozenset("_'\u2019.-")


def one_sense(doc: Any, mentions: list[Mention], text: str, sent_of: Any, people: set[str]) -> list[Mention]:
    """One sense per article: a name the article uses as a place is a place wherever it stands
    alone, whether NER tagged it as something else (a lone person or nationality) or not at all.
    Longer names that contain it ("Winnipeg Free Press") keep their own reading."""
    places = {m.text for m in mentions if m.label == "Place" and m.text[:1].isupper() and not m.text.isupper()
              and normalise(m.text) not in people and len(m.text) > 2}
    if not places:
        return mentions
    for m in mentions:
        if m.text in places and m.label in ("Person", "Group") and not (m.org or m.state or m.demonym):
            m.label = "Place"
    covered = sorted((m.start, m.end) for m in mentions)
    starts = [c[0] for c in covered]
    added = []
    for start, end in _occurrences(text, places):
        k = bisect_right(starts, end) - 1
        if any(s < end and start < e for s, e in covered[max(0, k - 8): k + 1]):
            continue
        if _inside_name(text, start, end):
            continue
        span = doc.char_span(start, end)
        if span is not None:
            added.append(Mention(start, end, text[start:end], "Place", sent_of(span.start)))
    if added:
        mentions = sorted(mentions + added, key=lambda m: (m.start, -m.end))
    return mentions


def _name_char(c: str) -> bool:
    return c.isalnum() or c in _NAME_PUNCT


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Where the names stand as whole words, left to right, the longest at a position, none
    overlapping. ``str.find`` per name: compiling one alternation per article cost more than the
    rest of the toponym repairs together."""
    found = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            end = i + len(name)
            if (i == 0 or not _name_char(text[i - 1])) and (end == len(text) or not _name_char(text[end])):
                found.append((i, end))
            i = text.find(name, i + 1)
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _inside_name(text: str, start: int, end: int) -> bool:
    """Is the match part of a longer capitalised name ("Winnipeg Free Press", "Greater Edmonton")?
    A capitalised function word before it ("In Edmonton", "The Hague") does not make a longer name."""
    if text[end: end + 1] == " " and text[end + 1: end + 2].isupper():
        return True
    before = text[max(0, start - 40): start]
    if not before.endswith(" "):
        return False
    words = before.split()
    word = words[-1] if words else ""
    return word[:1].isupper() and word.lower().strip(".,") not in _OPENERS and not word.endswith((".", ",", ":"))


_OPENERS = frozenset({"in", "at", "the", "from", "to", "near", "and", "of", "on", "for", "by", "with", "a", "an",
                      "but", "as", "when", "while", "since", "across", "outside", "inside", "into", "around"})


def demonym_places(clusters: list[Any], entities: list[Entity], text: str,
                   country_geo: Callable[[str], Geo]) -> list[Entity]:
    """A demonym used as an adjective names its country: "Russian troops", "the Turkish government",
    "Syrian refugees" refer to Russia, Turkey, Syria (associative toponyms, Gritta et al. 2019, "A
    Pragmatic Guide to Geoparsing Evaluation"). Each such span becomes a mention of the Country,
    marked ``kind="demonym"``, beside the nationality Group that keeps it; the country is added if
    the article never names it. A demonym as a noun ("the Russians", "a Canadian") names people and
    stays only a Group. Runs after claims and relations, which keep reading the Group."""
    by_id = {e.id: e for e in entities}
    added: list[Entity] = []
    # "a dual Iranian and Canadian citizen": a demonym coordinated with a modifying one modifies too
    groups = [m for c in clusters if c.label == "Group" and c.key.startswith("demonym:") for m in c.mentions]
    ends = {m.end for m in groups if m.modifier}
    joined = {m.start for m in groups for gap in (" and ", " or ", ", ") if m.start - len(gap) in ends
              and text[m.start - len(gap): m.start] == gap}
    for c in clusters:
        if c.label != "Group" or not c.key.startswith("demonym:"):
            continue
        spans = [Span(m.start, m.end, m.text, "demonym") for m in c.mentions if m.modifier or m.start in joined]
        if not spans:
            continue
        geo = country_geo(c.key.split(":", 1)[1])
        eid = entity_id("Country", "", geo)
        ent = by_id.get(eid)
        if ent is None:
            ent = by_id[eid] = Entity(eid, "Country", geo.name or geo.country_code or "", geo=geo)
            added.append(ent)
        ent.add_mentions(*spans)
    return entities + added if added else entities
