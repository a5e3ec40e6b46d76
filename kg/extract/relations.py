"""Typed relations between entities, each sourced to a sentence and, when reported, to a Claim.

Two families of rules over the dependency parse:

* domain relations (``domain: true`` in schema/ontology.yaml): a trigger verb or noun from
  ``TRIGGERS`` ("recruit", "recruitment", "train", "attacks on" ...). The source is the actor of the
  verb (its subject, a passive agent, a possessor "X's attack", or the subject of the light verb a
  trigger noun hangs from: "X is engaged in recruitment", "X launched attacks", "X contributes to
  training Y"); the target is the trigger's object, a prepositional object ("for", "against" ...),
  or the object of a purpose clause ("recruitment to populate the legion");
* structural relations read off noun phrases: "X, who leads Y" / "X, head of Y" (HOLDS_ROLE), a
  demonym or state inside an organisation's name (AFFILIATED_WITH: "the Ukrainian embassy" ->
  Ukraine), "<org> in <place>" (LOCATED_IN) or "<event> in <place>" (TOOK_PLACE_IN), "X, a member
  of Y" (MEMBER_OF), "X attended/took part in <event>" (PARTICIPATED_IN).

A phrase stands for an entity when an entity mention covers its head, or a modifier of it, or the
object of its "from"/"of" ("instructors from NATO-aligned forces" -> NATO). Every endpoint pair is
vetted with ``Schema.allows``.

Status and attribution: a relation inside a claim's content (the innermost one) takes that claim's
status, id and speaker entity (``asserted_by``). Outside any claim it is the article's own
assertion, ``alleged`` only if the sentence carries a hedge ("reportedly"). Claims already carry
the accusation rule (claims module): a named party reporting an adversary's wrongdoing is an
allegation, so "the briefing asserted that the embassy recruits for the legion" yields an
``alleged`` RECRUITS_FOR asserted by the briefing's speaker.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from kg.extract import cues
from kg.extract.nlp import candidates, text_of
from kg.extract.speakers import EntityIndex
from kg.model import Article, Claim, Entity, Relation
from kg.schema import Schema, load_schema

# type -> (trigger verb lemmas, trigger noun lemmas, prepositions that introduce the target)
TRIGGERS: dict[str, tuple[frozenset[str], frozenset[str], tuple[str, ...]]] = {
    "RECRUITS_FOR": (cues.words("recruit enlist conscript"), cues.words("recruitment recruiting"),
                     ("for", "into", "to")),
    "TRAINS": (cues.words("train instruct drill"), cues.words("training"), ()),
    "SUPPORTS": (cues.words("support aid arm fund finance back assist help supply equip sponsor"),
                 cues.words("support aid assistance funding financing"), ("to", "for")),
    "ATTACKS": (cues.words("attack strike bomb shell invade raid"),
                cues.words("attack strike invasion assault bombing shelling raid"), ("on", "against")),
    "ACCUSES": (cues.words("accuse blame"), cues.words("accusation"), ("against",)),
    "MEETS_WITH": (cues.words("meet"), cues.words("meeting talks talk"), ("with",)),
    "SANCTIONS": (cues.words("sanction"), cues.words("sanctions sanction"), ("on", "against")),
    "THREATENS": (cues.words("threaten"), cues.words("threat"), ("to", "against")),
    "CONDEMNS": (cues.words("condemn denounce"), cues.words("condemnation"), ()),
}
_ROLE_VERBS = cues.words("lead head chair run direct command govern")
_ROLE_NOUNS = cues.words("head leader chief chairman chair president minister secretary director "
                         "commander spokesman spokeswoman spokesperson ambassador envoy premier")
_PARTICIPATE = cues.words("attend participate join address host")
_SUBJ = ("nsubj", "nsubjpass")


def find_relations(doc: Any, article: Article, entities: list[Entity], claims: list[Claim],
                   schema: Schema | None = None) -> list[Relation]:
    """Every typed relation found in ``doc``; ids merge the same relation with the same status.
    ``schema``: the caller's, so a corpus run does not look the schema file up for every article."""
    index = EntityIndex(entities)
    schema = schema or load_schema()
    out: dict[str, Relation] = {}
    # only two kinds of token can start a relation: a trigger word, or a word inside a mention
    starts = sorted(set(candidates(doc, _TRIGGER_LEMMAS)) | _mention_tokens(doc, entities))
    for sent in doc.sents:
        found: list[tuple[str, str, str, Any]] = []
        for i in starts[bisect_left(starts, sent.start): bisect_left(starts, sent.end)]:
            tok = doc[i]
            found.extend(_domain(tok, index))
            found.extend(_structural(tok, index))
        for rtype, src, dst, anchor in found:
            if src == dst or not schema.allows(rtype, index.label(src), index.label(dst)):
                continue
            claim = _innermost(claims, anchor.idx)
            status = claim.status if claim else ("alleged" if _hedged(sent) else "asserted")
            speaker = claim.speaker.entity if claim and claim.speaker else None
            rid = Relation.make_id(rtype, src, dst, status)
            out.setdefault(rid, Relation(id=rid, type=rtype, source=src, target=dst,
                                         evidence=(sent.start_char, sent.end_char), status=status,
                                         claim=claim.id if claim else None, asserted_by=speaker))
    return list(out.values())


def _mention_tokens(doc: Any, entities: list[Entity]) -> set[int]:
    out: set[int] = set()
    for ent in entities:
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


# ---------- domain relations ----------

_TRIGGER_LEMMAS = frozenset().union(*(verbs | nouns for verbs, nouns, _ in TRIGGERS.values()))


def _domain(tok: Any, index: EntityIndex) -> list[tuple[str, str, str, Any]]:
    lemma = tok.lemma_.lower()
    if lemma not in _TRIGGER_LEMMAS:  # most tokens: one set look-up
        return []
    out = []
    for rtype, (verbs, nouns, preps) in TRIGGERS.items():
        if tok.pos_ == "VERB" and lemma in verbs:
            src, dst = _verb_actor(tok, index), _target(tok, index, preps, objects=rtype != "RECRUITS_FOR")
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in nouns:
            src, dst = _noun_actor(tok, index), _noun_target(tok, index, preps, rtype)
        else:
            continue
        if src and dst:
            out.append((rtype, src, dst, tok))
    return out


def _verb_actor(verb: Any, index: EntityIndex) -> str | None:
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return _entity(obj, index)
            if c.dep_ == "nsubj":
                return _entity(cur.head if c.lower_ in ("who", "which", "that") else c, index)
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head != cur:
            cur = cur.head
            continue
        return None
    return None


def _noun_actor(noun: Any, index: EntityIndex) -> str | None:
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < noun.i and _entity(c, index)):
            found = _entity(c, index)
            if found:
                return found
    cur = noun
    if cur.dep_ == "compound":  # "training mercenaries": the phrase is governed by its head
        cur = cur.head
    if cur.dep_ == "pobj":
        cur = cur.head
    if cur.dep_ == "prep" or (noun.dep_ == "dobj" and cur == noun):
        verb = cur.head
        for c in verb.children:
            if c.dep_ in _SUBJ:
                return _entity(c, index)
        if verb.dep_ in ("xcomp", "conj", "pcomp", "advcl"):
            return _verb_actor(verb.head, index) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _target(head: Any, index: EntityIndex, preps: tuple[str, ...], objects: bool = True) -> str | None:
    for c in head.children:
        if objects and c.dep_ in ("dobj", "dative"):
            found = _entity(c, index)
            if found:
                return found
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            found = _pobj_entity(c, index)
            if found:
                return found
        if c.dep_ == "dobj":  # "recruiting fighters for the regiment": the prep hangs off the object
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps and _pobj_entity(p, index):
                    return _pobj_entity(p, index)
        if c.dep_ in ("advcl", "xcomp", "relcl", "acl") and any(a.lower_ == "to" for a in c.children):
            found = _target(c, index, preps + ("for",))  # purpose: "to populate the legion"
            if found:
                return found
    return None


def _pobj_entity(prep: Any, index: EntityIndex) -> str | None:
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return _entity(obj, index) if obj is not None else None


def _noun_target(noun: Any, index: EntityIndex, preps: tuple[str, ...], rtype: str) -> str | None:
    if noun.dep_ == "compound" and rtype != "RECRUITS_FOR":
        return _entity(noun.head, index)  # "training mercenaries"
    found = _target(noun, index, preps + ("of",), objects=False)
    if found:
        return found
    if noun.dep_ in ("pobj", "dobj"):
        # "engaged in recruitment to populate X", "imposed sanctions on X": the rest hangs off the verb
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        return _target(verb, index, preps, objects=False)
    return None


def _entity(tok: Any, index: EntityIndex) -> str | None:
    """The entity a noun phrase stands for: at its head, a left modifier, or its from/of object."""
    found = index.best_within(tok.idx, tok.idx + len(tok.text), tok.idx)
    if found:
        return found
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            found = index.best_within(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if found:
                return found
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _entity(obj, index)
    return None


# ---------- structural relations ----------

def _structural(tok: Any, index: EntityIndex) -> list[tuple[str, str, str, Any]]:
    out: list[tuple[str, str, str, Any]] = []
    here = index.best_within(tok.idx, tok.idx + len(tok.text), tok.idx)
    if here is None:
        return out
    label = index.label(here)
    # "X, who leads Y" / "X, head of Y" / "X, a member of Y"
    if label == "Person":
        for c in tok.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in _ROLE_VERBS:
                dst = _target(c, index, ())
                if dst:
                    out.append(("HOLDS_ROLE", here, dst, c))
    if tok.dep_ == "appos" or any(c.dep_ == "appos" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "appos":
                dst = _of_object(c, index)
                if dst:
                    kind = "MEMBER_OF" if c.lemma_.lower() == "member" else "HOLDS_ROLE"
                    if kind == "MEMBER_OF" or c.lemma_.lower() in _ROLE_NOUNS:
                        out.append((kind, here, dst, c))
    # "Hungary is a member of NATO" / "X is the head of Y"
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        for attr in (c for c in tok.head.children if c.dep_ == "attr"):
            dst = _of_object(attr, index)
            if dst and attr.lemma_.lower() == "member":
                out.append(("MEMBER_OF", here, dst, attr))
            elif dst and attr.lemma_.lower() in _ROLE_NOUNS:
                out.append(("HOLDS_ROLE", here, dst, attr))
    # "<org|event> in <place>": the prepositional object, or a place nested in the mention itself
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("in", "at"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            dst = index.best_within(obj.idx, obj.idx + len(obj.text), obj.idx) if obj is not None else None
            if dst and index.label(dst) in ("Place", "Country"):
                out.append(("TOOK_PLACE_IN" if label == "Event" else "LOCATED_IN", here, dst, c))
    # demonym or state inside an organisation's own mention: "the Ukrainian embassy"
    if label in ("Organization", "Group"):
        for c in tok.lefts:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                dst = index.best_within(c.idx, c.idx + len(c.text), c.idx)
                if dst and index.label(dst) == "Group":  # a demonym stands for its state when known
                    state = index.by_id[dst].properties.get("country")
                    dst = state if state in index.by_id else dst
                if dst and dst != here and index.label(dst) in ("Country", "Group", "Organization"):
                    out.append(("AFFILIATED_WITH", here, dst, c))
    # "mercenaries from Sweden", "officials from Russia": the group acts for its origin state
    if label in ("Group", "Person", "Organization"):
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "from":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                dst = index.best_within(obj.idx, obj.idx + len(obj.text), obj.idx) if obj is not None else None
                if dst and index.label(dst) == "Country":
                    out.append(("AFFILIATED_WITH", here, dst, c))
    # "X attended the summit"
    if label == "Event" and tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        if verb.lemma_.lower() in _PARTICIPATE or (verb.lemma_.lower() == "take" and tok.dep_ == "pobj"):
            src = next((_entity(c, index) for c in verb.children if c.dep_ == "nsubj"), None)
            if src:
                out.append(("PARTICIPATED_IN", src, here, verb))
    return out


def _of_object(tok: Any, index: EntityIndex) -> str | None:
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return index.best_within(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
    return None


# ---------- status ----------

def _innermost(claims: list[Claim], pos: int) -> Claim | None:
    inside = [c for c in claims if c.content and c.content.start <= pos < c.content.end]
    return min(inside, key=lambda c: c.content.end - c.content.start) if inside else None  # type: ignore[union-attr]


def _hedged(sent: Any) -> bool:
    low = text_of(sent.doc)[sent.start_char:sent.end_char].lower()
    return any(t.lower_ in cues.HEDGE_WORDS for t in sent) or any(p in low for p in cues.HEDGE_PHRASES)
