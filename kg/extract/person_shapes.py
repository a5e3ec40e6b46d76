"""Whether a span NER tagged reads as a person's name: a one-word name that speaks or follows an
untagged given name ("Jordan said", "Grace Jordan"), a title before two or three capitalised words,
an ORG next to a person's role ("foreign policy chief Helena Marsh"), or an ORG that a relative
"who" describes. Used by kg.extract.entities."""

from __future__ import annotations

from typing import Any

from kg.extract.gender import given_name_gender
from kg.extract.name_junk import titles

ORG_WORDS = frozenset(["ministry", "department", "council", "agency", "office", "service", "services", "army", "navy", "force", "forces", "bank", "group", "company", "corporation", "corp", "inc", "ltd", "llc", "party", "union", "committee", "commission", "court", "university", "institute", "fund", "organisation", "organization", "association", "foundation", "network", "front", "movement", "brigade", "battalion", "guard", "police", "authority", "board", "trading", "logistics", "shipping", "airlines", "systems", "industries", "holdings", "international", "news", "times", "post", "press", "media", "tv", "radio", "embassy", "mission", "parliament", "assembly", "senate", "congress", "government", "administration", "center", "centre", "alliance", "coalition", "bureau", "directorate", "command"])
PERSON_ROLES = frozenset(["chief", "minister", "counterpart", "president", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "secretary", "leader", "commander", "general", "director", "head", "chairman", "chairwoman", "chair", "official", "officer", "analyst", "lawyer", "prosecutor", "judge", "governor", "mayor", "senator", "lawmaker", "deputy", "adviser", "advisor", "aide", "colonel", "captain", "sheikh", "king", "queen", "prince", "premier", "chancellor", "negotiator", "researcher", "professor", "expert", "journalist", "reporter", "activist", "founder", "owner", "executive", "ceo", "businessman", "businesswoman", "citizen", "national", "resident", "defendant", "suspect"])

_PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "new", "upper", "lower", "greater", "central",
                             "northern", "southern", "eastern", "western", "saint", "st", "st.", "san", "santa",
                             "port", "fort", "lake", "mount", "cape", "little", "old", "inner", "outer"})


_SAYING = frozenset({"say", "tell", "add", "argue", "insist", "claim", "deny", "warn", "explain", "write", "note"})


def named_person(span: Any) -> bool:
    """A one-word PERSON that speaks ("Jordan said") or follows a given name NER left untagged
    ("Grace Jordan"): a person named like a country, not the country."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _SAYING:
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return bool(prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.ent_type_
                and prev.lower_ not in _PLACE_PREFIXES)


def titled_name(span: Any) -> bool:
    """A title or role word followed by two or three capitalised words, none an organisation word."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 3 or words[0].lower_.strip(".") not in titles():
        return False
    rest = words[1:]
    return len(rest) <= 3 and all(t.text[:1].isupper() and t.is_alpha and t.lower_ not in ORG_WORDS
                                  and t.lower_ not in titles() for t in rest)


def reads_as_person(span: Any) -> bool:
    """An ORG that is a person's name: two or three capitalised words, none an organisation word,
    next to a person's role ("foreign policy chief Helena Marsh", "his counterpart, Nadia Belkacem")."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or any(not t.text[:1].isupper() or not t.is_alpha or t.lower_ in ORG_WORDS
                                       for t in words):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == ",":
        before = doc[span.start - 2] if span.start > 1 else None  # "his counterpart, Nadia Belkacem"
    if before is not None and before.lemma_.lower() in PERSON_ROLES:
        return True
    root = span.root
    return root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_ROLES


def named_as_who(span: Any) -> bool:
    """An ORG of two to four capitalised words, none an organisation word, that a relative "who"
    describes ("Aung San Suu Kyi, who met ..."): bodies take "which" or "that"."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or any(not t.text[:1].isupper() or not t.is_alpha or t.lower_ in ORG_WORDS
                                       or t.ent_type_ in ("GPE", "LOC") for t in words):
        return False  # ("Manchester United, who ...": a place in it names a club)
    if len(words) == 2 and given_name_gender(words[0].text) is None:
        return False  # two words read as a name only with a known given name ("Mercy Corps, who ...")
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"
