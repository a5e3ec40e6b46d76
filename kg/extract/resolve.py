"""Within-article resolution: which Mentions name the same thing.

Each Mention gets a cluster key; mentions with the same (label, key) are one entity. Keys:
Person -> the full name a bare surname or "Mr X" points to (the nearest preceding full name
with that surname; different first names stay apart), or a bare given name that only one full
name in the article has; Organization -> the curated canonical
name, or the expansion an acronym stands for ("Shanghai Cooperation Organisation (SCO)", or
initials that match a longer ORG in the article); Country -> ISO code; Group -> the state for
demonyms; others -> the normalised name. Labels never merge across each other except that a
single word spaCy called a Group/ORG but that is a known person's surname becomes that Person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.entities import Mention
from kg.ids import normalise

TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "gen", "general", "col", "colonel", "lt", "maj", "major", "capt", "captain", "sgt", "president", "pres", "prime", "minister", "secretary", "sen", "senator", "rep", "gov", "governor", "mayor", "king", "queen", "prince", "princess", "pope", "ambassador", "chancellor", "judge", "justice", "rev", "father", "sheikh"])
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.\-]{1,9}$")
_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&", "to", "at"})


@dataclass
class Cluster:
    label: str
    key: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


def strip_title(text: str) -> str:
    """"Mr. Nikolai Patrushev" -> "Nikolai Patrushev"; titles only at the front."""
    words = text.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _MINOR).upper()


def _acronym_definitions(text: str, mentions: list[Mention]) -> dict[str, str]:
    """"Long Name (ACR)" in the text -> {normalised ACR: normalised long name}."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.label != "Organization" or " " not in m.text:
            continue
        tail = text[m.end: m.end + 14]
        found = re.match(r"\s*\(([A-Z][A-Za-z&.\-]{1,9})\)", tail)
        if found:
            out[normalise(found.group(1))] = normalise(m.org or m.text)
    return out


def acronym_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions for parenthesised acronyms right after an ORG that NER did not tag itself."""
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    for m in mentions:
        if m.label != "Organization" or " " not in m.text:
            continue
        found = re.match(r"\s*\(([A-Z][A-Za-z&.\-]{1,9})\)", text[m.end: m.end + 14])
        if found:
            start = m.end + found.start(1)
            end = m.end + found.end(1)
            if (start, end) not in taken:
                extra.append(Mention(start, end, found.group(1), "Organization", m.sent, org=m.org))
    return extra


def assign_keys(text: str, mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into clusters (in order of first mention)."""
    full_people: dict[str, list[tuple[int, str]]] = {}  # surname -> [(offset, full key)]
    given: dict[str, set[str]] = {}  # given name -> full keys
    for m in mentions:
        if m.label == "Person":
            name = strip_title(m.text)
            words = name.split()
            if len(words) >= 2:
                full_people.setdefault(normalise(words[-1]), []).append((m.start, normalise(name)))
                given.setdefault(normalise(words[0]), set()).add(normalise(name))
    for first, keys in list(given.items()):  # "Hillary" -> "Hillary Clinton", only when unambiguous
        if len(keys) == 1 and first not in full_people:
            full_people[first] = [(0, next(iter(keys)))]
    for m in mentions:  # a surname spaCy mislabelled (NORP "Patrushev") is the person
        if (m.label in ("Group", "Organization") and not m.org and not m.modifier
                and (m.demonym or not m.state) and " " not in m.text and normalise(m.text) in full_people):
            m.label = "Person"

    acronyms = _acronym_definitions(text, mentions)
    # "Center for Disease Control (CDC)": a curated acronym pulls its in-text expansion along
    for m in mentions:
        if m.label == "Organization" and m.org and normalise(m.text) in acronyms:
            acronyms[acronyms[normalise(m.text)]] = normalise(m.org)
    multiword_orgs: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "Organization" and not m.org and len(m.text.split()) >= 2:
            multiword_orgs.setdefault(initials(m.text), set()).add(normalise(m.text))

    clusters: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = _key(m, full_people, acronyms, multiword_orgs)
        clusters.setdefault((m.label, key), Cluster(m.label, key)).mentions.append(m)
    return list(clusters.values())


def _key(m: Mention, full_people: dict[str, list[tuple[int, str]]], acronyms: dict[str, str],
         multiword_orgs: dict[str, set[str]]) -> str:
    if m.label == "Person":
        name = strip_title(m.text)
        if " " not in name:
            candidates = full_people.get(normalise(name))
            if candidates:
                before = [c for c in candidates if c[0] <= m.start] or candidates
                return before[-1][1]
        return normalise(name)
    if m.label == "Organization":
        if m.org:
            return normalise(m.org)
        key = normalise(m.text)
        if key in acronyms:
            return acronyms[key]
        if " " not in m.text and _ACRONYM.match(m.text) and m.text.isupper():
            expansions = multiword_orgs.get(m.text.replace(".", ""), set())
            if len(expansions) == 1:
                return next(iter(expansions))
        return key
    if m.label == "Country" and m.state:
        return m.state
    if m.label == "Group" and m.demonym and m.state:
        return f"demonym:{m.state}"
    return normalise(m.text)


def best_name(cluster: Cluster) -> str:
    """The longest full form (titles stripped for people), ties broken by first occurrence."""
    forms = [strip_title(f) if cluster.label == "Person" else f for f in cluster.forms]
    return max(forms, key=len)
