"""Whether a trigger word is used in the sense its class needs ("fired on the patrol" attacks,
"fired the minister" does not; "called on X to" requests, "called X" does not). Read by
kg.extract.events before any argument rule: a word in the wrong sense starts no event.

The senses are data (``schema/events.yaml`` ``senses``): per lemma and relation type, the
constructions (particles, prepositions, objects, the governing word, an infinitive or an "as"
complement) in which the word counts. A word without an entry counts wherever it occurs. Every
check reads the trigger's own children and head, so the cost is a few look-ups per trigger token."""

from __future__ import annotations

from typing import Any

from kg.extract.actors import agent_lexicon
from kg.extract.event_lexicon import Condition, TriggerClass, trigger_lexicon
from kg.extract.name_junk import titles

_TEMPORAL = frozenset({"DATE", "TIME"})  # "Comey was fired on Tuesday": a date is no target
_COLLECTIVE_ENTS = frozenset({"GPE", "ORG", "NORP"})


def sense_ok(tok: Any, cls: TriggerClass) -> bool:
    """True when ``tok`` may announce an event of ``cls``: it has no sense entry for the class, or
    one of the entry's constructions for its part of speech holds."""
    sense = trigger_lexicon().senses.get((tok.lemma_.lower(), cls.type))
    if sense is None:  # most triggers stop here
        return True
    conditions = sense.verb if tok.pos_ in ("VERB", "AUX") else sense.noun
    return any(_holds(tok, c) for c in conditions)


def _holds(tok: Any, c: Condition) -> bool:
    kids = list(tok.children)
    if c.particles and not any(k.dep_ in ("prt", "advmod") and k.lower_ in c.particles for k in kids):
        return False
    if c.not_adverbs and any(k.dep_ in ("advmod", "prt") and k.lower_ in c.not_adverbs for k in kids):
        return False
    if c.not_preps and any(k.dep_ == "prep" and k.lower_ in c.not_preps for k in kids):
        return False
    objs = [k for k in kids if k.dep_ == "dobj"]
    if c.objects is not None:
        withs = [g for k in kids if k.dep_ == "prep" and k.lower_ == "with" for g in k.children if g.dep_ == "pobj"]
        if any(o.lemma_.lower() not in c.objects for o in objs):
            return False  # "fired the minister at a meeting": a person fired is dismissed
        if c.needs_object and not any(o.lemma_.lower() in c.objects for o in objs + withs):
            return False
    if c.not_objects and any(o.lemma_.lower() in c.not_objects for o in objs):
        return False
    if c.not_parties and any(g.lemma_.lower() in c.not_parties for g in (
            *objs, *(g for k in kids if k.dep_ == "prep" for g in k.children if g.dep_ == "pobj"))):
        return False
    if c.preps and not _has_prep(tok, kids, objs, c.preps):
        return False
    if c.heads and _head(tok).lemma_.lower() not in c.heads and tok.head.lower_ not in c.heads:
        return False
    if c.not_heads and (_head(tok).lemma_.lower() in c.not_heads or tok.head.lemma_.lower() in c.not_heads):
        return False
    if c.to_clause and not any(k.dep_ in ("xcomp", "advcl", "ccomp") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in k.children) for k in kids):
        return False
    if c.complement and not _complement(kids, objs, c.not_roles):
        return False
    if c.agent_types and not _armed_agent(tok, c.agent_types):
        return False
    return not c.collective or _collective(tok, kids)


def _has_prep(tok: Any, kids: list[Any], objs: list[Any], preps: frozenset[str]) -> bool:
    """A listed preposition on the word or on its object ("fired missiles AT the town"); in a passive
    it is stranded ("the patrol was fired ON"): "was fired on Tuesday/at a meeting" is a dismissal."""
    passive = any(k.dep_ in ("auxpass", "nsubjpass") for k in kids)
    for p in (*kids, *(g for o in objs for g in o.children)):
        if p.dep_ not in ("prep", "prt") or p.lower_ not in preps:
            continue
        obj = next((g for g in p.children if g.dep_ == "pobj"), None)
        if obj is None or (not passive and obj.ent_type_ not in _TEMPORAL):
            return True
    return False


def _head(tok: Any) -> Any:
    """The word a noun depends on, through "of" and compounds: "opened fire", "the lifting of
    sanctions", "sanctions relief"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        return tok.head.head
    return tok.head


def _complement(kids: list[Any], objs: list[Any], not_roles: frozenset[str]) -> bool:
    """A predicate on the object: "dismissed X as naive", "branded X an outlaw nation" (a second
    object). Where ``not_roles`` is given, a title or role noun in it ("dismissed him as coach", "as
FBI director") makes it a firing."""
    preds = [g for k in kids if k.dep_ == "prep" and k.lower_ == "as" for g in k.children]
    preds += [k for k in kids if k.dep_ == "oprd"] + (objs[1:] if len(objs) >= 2 else [])
    if any(k.dep_ == "dative" for k in kids):  # "branded Russia a terrorist state" (parsed as a dative)
        preds += objs
    if not preds:
        return False
    roles = titles() | not_roles if not_roles else frozenset()
    return not any(w.lemma_.lower() in roles or w.lower_ in roles for p in preds for w in p.subtree)


def _armed_agent(tok: Any, kinds: frozenset[str]) -> bool:
    """"Came under fire from militants": the "from"/"by" agent (on the noun or on its verb) is an
    armed or policing body of the agents lexicon; "under fire from critics" is criticism."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    heads = agent_lexicon().heads
    for p in (*tok.children, *verb.children):
        if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by"):
            for g in p.children:
                if g.dep_ == "pobj" and heads.get(g.lemma_.lower(), ("", ""))[1] in kinds:
                    return True
    return False


def _collective(tok: Any, kids: list[Any]) -> bool:
    """Both parties are states, organisations or official/armed bodies: "the United States will work
    with Japan" cooperates, "she worked with a lawyer" is someone's job."""
    partner = [g for k in kids if k.dep_ == "prep" for g in k.children if g.dep_ == "pobj"]
    cur, subj = tok, None
    for _ in range(3):  # "agreed to work with X", "would work with X": the subject of the clause
        subj = next((k for k in cur.children if k.dep_ == "nsubj"), None)
        if subj is not None or cur.dep_ not in ("xcomp", "conj", "advcl"):
            break
        cur = cur.head
    return subj is not None and _collective_np(subj) and any(_collective_np(p) for p in partner)


def _collective_np(tok: Any) -> bool:
    """A state, organisation or official/armed body, or a phrase one qualifies ("Security Council
    members", "NATO allies")."""
    if tok.ent_type_ in _COLLECTIVE_ENTS or any(
            c.dep_ in ("compound", "amod", "poss") and c.ent_type_ in _COLLECTIVE_ENTS for c in tok.lefts):
        return True
    kind = agent_lexicon().heads.get(tok.lemma_.lower())
    return kind is not None and kind[1] not in agent_lexicon().people_types | {"group"}  # (a bare "group" is no body)
