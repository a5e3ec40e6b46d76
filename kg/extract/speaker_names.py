"""Speakers NER missed: a proper name that says something is someone.

NER misses names it has not seen ("Beck Pimentel said", "Peabody said in a statement"). A speaker
phrase whose head is such a name stands for a new Person or Organization: a person when a title
stands before it ("Sen. Ruiz"), the sentence says a person ("Schiff, 56,", "X, who ...", "Trump and
Clinton") or it has a given-name shape (two or three capitalised words, none an organisation word,
the surname never written in lower case); otherwise an organisation (one word or an acronym:
"Peabody", "CNS"). The maker of a report or poll speaks for it ("a Pew survey found"). Only speakers
get this - a capitalised word anywhere else is too often a heading or a sentence opener - and never
in a title-case headline, for a lone generic body word ("The Party") or for a one-word name the
article also writes in lower case ("Polls": a common noun). A quotation signed "― Ana Ruiz" names a
person (:func:`signer`).

A coordinated speaker ("Trump and Clinton said", "France and Germany warned") asserts the claim
once for each conjunct: :func:`conjunct_heads` gives the head words after the first.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from kg.extract.coref import antecedent, person_antecedent
from kg.extract.cues import (
    DISCOURSE_NOUNS,
    GROUP_PRONOUNS,
    ISSUED_NOUNS,
    PERSON_PRONOUNS,
    RECORDING_NOUNS,
    RELATIONAL_NOUNS,
    ROLE_NOUNS,
    THIRD_PERSON,
    words,
)
from kg.extract.entities import ORG_WORDS, PERSON_ROLES, lexicon, titles
from kg.extract.nlp import text_of
from kg.extract.resolve import trade_short_form
from kg.extract.speakers import EntityIndex, end_of, resolve_speaker
from kg.ids import normalise, person_key
from kg.model import Entity, Span, entity_id

_NAME_WORD = re.compile(r"[A-Z][A-Za-z'\u2019.-]*\Z")
_NAMEY = ("NNP",)
# what a body puts out and is quoted by: its maker is the speaker ("a Pew survey found")
_WORKS = ISSUED_NOUNS | words("poll polls survey study analysis average tally review audit investigation "
                              "report ruling complaint lawsuit estimate forecast projection index")
_MONTHS = words("january february march april may june july august september october november december "
                    "monday tuesday wednesday thursday friday saturday sunday")


def name_tokens(head: Any) -> list[Any]:
    """The proper name at ``head``: the head and the capitalised words right before it that hang on
    it ("Beck Pimentel", "Douglas Holtz-Eakin", "Central Asian Business Forum"; titles left
    out), or [] when the head is no proper name."""
    if head.tag_ not in _NAMEY or not _NAME_WORD.match(head.text):
        return []
    doc = head.doc
    start = head.i
    while start > 0:
        tok = doc[start - 1]
        hyphen = tok.tag_ == "HYPH" and not tok.whitespace_ and start > 1 and not doc[start - 2].whitespace_
        joint = tok.lower_ in ("and", "&") and start > 1 and doc[start - 2].tag_ in _NAMEY
        word = tok.tag_ in _NAMEY and _NAME_WORD.match(tok.text) is not None \
            and tok.lower_.strip(".") not in titles()
        if not (hyphen or joint or word):
            break
        start -= 1
    # the name is the shortest-reaching run whose words all hang inside it
    while start < head.i and not all(start <= t.head.i <= head.i for t in doc[start:head.i]):
        start += 1
    while start < head.i and (doc[start].tag_ == "HYPH" or doc[start].lower_ in ("and", "&")):
        start += 1
    return list(doc[start:head.i + 1])


def _titled(first: Any) -> bool:
    """A title right before the name ("Mr. Kamin", "Sen. Ruiz", "Chief Justice Roberts")."""
    return first.i > 0 and first.doc[first.i - 1].lower_.strip(".") in titles()


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words of a body named only generically ("the Foreign Ministry"), computed once."""
    lex = lexicon()
    return lex["generic_body_heads"] | lex["generic_body_words"] | ORG_WORDS


def _junk(toks: list[Any], text_lower_words: AbstractSet[str]) -> bool:
    lex = lexicon()
    words_ = [t.lower_.strip(".") for t in toks]
    if any(w in titles() or w in lex["lone_roles"] or w in ROLE_NOUNS or w in _MONTHS
           or w in PERSON_PRONOUNS or w in GROUP_PRONOUNS or w in DISCOURSE_NOUNS for w in words_):
        return True
    if _headline(toks[0]):
        return True  # "White House Doctor Says ...": a title-case headline capitalises everything
    if all(w in _generic_words() for w in words_ if w):
        return True  # "The Party said", "the Foreign Ministry": a generic body is named by its state
    # one capitalised word the article also writes in lower case is a common noun ("Readers")
    return len(toks) == 1 and words_[0] in text_lower_words


def _headline(tok: Any) -> bool:
    """Is the token in a title-case line (a headline), where capitals say nothing about names?"""
    longer = [t for t in tok.sent if t.is_alpha and len(t.text) > 3]
    return len(longer) >= 3 and sum(t.text[:1].isupper() for t in longer) >= 0.8 * len(longer)


def label_for(toks: list[Any], lower: AbstractSet[str] = frozenset()) -> str:
    """Person or Organization for an untagged speaker name, from its shape and the words around it."""
    names = [t for t in toks if t.tag_ != "HYPH"]
    if any(t.lower_.strip(".") in ORG_WORDS for t in names):
        return "Organization"
    if _titled(toks[0]) or _person_cues(toks[-1]):
        return "Person"
    if 2 <= len(names) <= 3 and all(t.text[1:2].islower() or len(t.text.strip(".")) == 1 for t in names) \
            and names[-1].lower_ not in lower:  # a surname is not a word the article writes in lower case
        return "Person"  # "Beck Pimentel", "Lawrence B. Cummings": the shape of a given name and surname
    return "Organization"


def _person_cues(head: Any) -> bool:
    """What the sentence says of the name is said of a person: coordinated with a person ("Trump
    and Clinton"), an age ("Schiff, 56,"), "who ..." ("Schiff, who has served"), an apposition that
    is a role ("Kall, a co-editor of ...")."""
    if any(c.ent_type_ == "PERSON" for c in head.conjuncts):
        return True
    for child in head.rights:
        if child.dep_ == "appos" and (child.like_num or child.lemma_.lower() in ROLE_NOUNS
                                      or child.lemma_.lower() in titles()):
            return True
        if child.dep_ == "relcl" and any(t.lower_ in ("who", "whom", "whose") for t in child.subtree):
            return True
        if child.like_num and child.dep_ in ("amod", "npadvmod", "nummod", "appos"):
            return True
    return False


def speaker_entity(head: Any, entities: list[Entity], lower: AbstractSet[str]) -> Entity | None:
    """A new (or this article's earlier) entity for the untagged proper name at ``head``; None when
    the head is no proper name or looks like junk. The entity joins ``entities``."""
    toks = name_tokens(head)
    if not toks or _junk(toks, lower):
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = text_of(head.doc)[start:end]
    name = text.strip(".") if len(toks) > 1 else text
    if name.isupper() and len(toks) == 1 and label_for(toks, lower) == "Person":
        name = name.title()
    label = label_for(toks, lower)
    eid = entity_id(label, person_key(name) if label == "Person" else name)
    ent = next((e for e in entities if e.id == eid), None)
    if ent is None and label == "Person":
        ent = _surname_only(entities, name)
        if ent is not None and name not in ent.aliases:
            ent.aliases.append(name)  # "Ms. Ruiz ... Ana Ruiz endorses": one person, the full name an alias
    if ent is None:
        ent = Entity(eid, label, name)
        entities.append(ent)
    if not any(m.start == start for m in ent.mentions):
        ent.add_mentions(Span(start, end, text))
    return ent


def _surname_only(entities: list[Entity], name: str) -> Entity | None:
    """The article's one Person known so far by a surname alone ("Ms. Ruiz", named in full only
    later, where NER missed the full name): the full name joins it rather than making a second node."""
    words_ = name.split()
    if len(words_) < 2:
        return None
    found = [e for e in entities if e.label == "Person" and " " not in e.name
             and person_key(e.name) == person_key(words_[-1])]
    full = [e for e in entities if e.label == "Person" and " " in e.name
            and person_key(e.name.split()[-1]) == person_key(words_[-1])]
    return found[0] if len(found) == 1 and not full else None


def _issuer_name(head: Any) -> Any | None:
    """The proper name that made a report, poll or statement, written before it ("a Government
    Accountability Office report", "POLITICO's average"): the head word of that name, or None."""
    if head.tag_ not in ("NN", "NNS") or head.lemma_.lower() not in _WORKS:
        return None
    for child in head.lefts:
        if child.dep_ in ("compound", "poss", "nmod") and child.tag_ in _NAMEY and name_tokens(child):
            return child
    return None


def signer(index: EntityIndex, entities: list[Entity], start: int, name: str) -> str | None:
    """The Person who signed a quotation ("― Ana Ruiz Campos") when NER found no one there: a given
    name and a surname (two to four capitalised words) sign for a person; a lone word may be a
    body or a pen name and is left alone."""
    name = name.rstrip(".")
    parts = name.split()
    if not 2 <= len(parts) <= 4 or not all(p[1:2].islower() or len(p.strip(".")) == 1 for p in parts):
        return None
    eid = entity_id("Person", person_key(name))
    ent = next((e for e in entities if e.id == eid), None)
    if ent is None:
        ent = Entity(eid, "Person", name)
        entities.append(ent)
    ent.add_mentions(Span(start, start + len(name), name))
    index.refresh(entities)
    return eid


def conjunct_heads(head: Any) -> list[Any]:
    """The other heads of a coordinated speaker ("Trump and Clinton", "Mr. King and Mr. Schultz"):
    nouns joined to ``head`` by a conjunction, in reading order."""
    return [c for c in head.conjuncts if c.i > head.i and c.pos_ in ("PROPN", "NOUN", "PRON")]


def speaker_ids(index: EntityIndex, entities: list[Entity], head: Any, start: int, end: int,
                last_speaker: str | None, lower: AbstractSet[str]) -> list[str]:
    """Every entity the speaker phrase ``[start, end)`` with head ``head`` stands for: its head's,
    then each coordinated head's. Untagged proper names become entities (``entities`` and
    ``index`` grow)."""
    first = _resolve_one(index, entities, head, start, end, last_speaker, lower)
    out = [first] if first else []
    for conj in conjunct_heads(head):
        if not start <= conj.idx < end:
            continue
        eid = _resolve_one(index, entities, conj, conj.left_edge.idx, min(end, end_of(conj.right_edge)), None, lower)
        if eid and eid not in out:
            out.append(eid)
    return out


def _person_noun(head: Any) -> bool:
    """A common noun for a person by role or trade ("congressman", "spokeswoman", "senator")."""
    lemma = head.lemma_.lower()
    return (lemma in ROLE_NOUNS or lemma in PERSON_ROLES or lemma == "lady"
            or (lemma.endswith(("man", "woman", "person")) and lemma not in ("human",)))


def _identified(head: Any) -> bool:
    """Does the description single someone out ("the Oregon senator", "the Democratic
    nominee", "the former first lady")? A bare role ("the official", "the spokesman") may be anyone
    unnamed: it never borrows the article's salient person."""
    return head.lemma_.lower() == "lady" or any(
        c.dep_ in ("compound", "amod", "nmod") and (c.text[:1].isupper() or c.lower_ == "former")
        and c.i > head.left_edge.i for c in head.children)


def _body(ent: Entity) -> bool:
    """An organisation, a state, or a nationality word standing for its state ("the Russian envoy")."""
    return ent.label in ("Organization", "Country") or (ent.label == "Group" and "country" in ent.properties)


def _noun_gender(head: Any) -> str | None:
    lemma = head.lemma_.lower()
    if lemma.endswith("woman") or lemma in ("lady", "queen", "princess"):
        return "f"
    return "m" if lemma.endswith("man") or lemma in ("king", "prince") else None


def _body_short_form(entities: list[Entity], word: str) -> str | None:
    """The one company of the article named ``word`` and its trade ("Hallam" after "Hallam Coal"):
    a short form, as a bare surname is of a person."""
    key = normalise(word)
    found = [e.id for e in entities if e.label == "Organization" and trade_short_form(e.name) == key]
    return found[0] if len(found) == 1 else None


def _maker(head: Any) -> Any | None:
    """Who speaks through a recording or an address named as the speaker: the one recorded
    ("footage of Ana Ruiz asking ...": Ruiz, not the footage) or the one who gave it ("a speech
    Ruiz delivered ...", "the letter the minister wrote": the subject of its relative clause)."""
    lemma = head.lemma_.lower()
    if lemma in RECORDING_NOUNS:
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG")):
                    return obj
    if lemma in DISCOURSE_NOUNS or lemma in ISSUED_NOUNS:
        for clause in head.rights:
            if clause.dep_ != "relcl":
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("who", "which", "that") and subj.i > head.i:
                return subj
    return None


def _resolve_one(index: EntityIndex, entities: list[Entity], head: Any, start: int, end: int,
                 last_speaker: str | None, lower: AbstractSet[str]) -> str | None:
    at_head = index.best_within(head.idx, end_of(head), head.idx)
    if at_head:
        return at_head
    maker = _maker(head)
    if maker is not None:
        return _resolve_one(index, entities, maker, maker.left_edge.idx, end_of(maker), None, lower)
    issuer = _issuer_name(head)
    if issuer is not None:  # "a Brightwater report", "Gallup's poll": the body that made it speaks
        found = index.best_within(issuer.idx, end_of(issuer), issuer.idx)
        made = None if found else speaker_entity(issuer, entities, lower)
        if made is not None:
            index.refresh(entities)
        if found or made:
            return found or (made.id if made else None)
    toks = name_tokens(head)
    if toks:  # a proper name NER missed is the speaker, not a body named in its apposition
        named = (index.person_named(head.text) or _body_short_form(entities, head.text)) if len(toks) == 1 else None
        if named:
            return named
        new = speaker_entity(head, entities, lower)
        if new is not None:
            index.refresh(entities)
            return new.id
    if head.lower_ in THIRD_PERSON:  # one resolver for "he"/"she", shared with the events' ends
        return antecedent(head, index, note=False)
    if head.pos_ == "NOUN" and head.lemma_.lower() in RELATIONAL_NOUNS:
        return None  # "Supporters of Mayor Weiss said": people who back him, not him
    if (_person_noun(head) and head.tag_ == "NN" and index.text[start:start + 4].lower() == "the "
            and not index.has_person(start, end)):
        # "the Oregon senator", "the Ohio governor": a person the article named before (the
        # one it gave that role, else the salient one), never the place that describes them; a body
        # in the phrase still speaks when no holder is known ("the Labour candidate", "the Russian envoy")
        holder = index.role_holder(start, head.lower_)
        if holder:
            return holder
        if _identified(head) and not any(_body(index.by_id[m[2]]) for m in index.within(start, end)):
            return person_antecedent(head, index, _noun_gender(head))
        # "the official, who would not give her name": nobody named, and no body either
    return resolve_speaker(index, start, end, head.text, head.idx, last_speaker, head.doc)
