"""Who is behind and who is hit by an event NOUN ("Russia's strikes on Kharkiv", "the attack by X",
"X launched attacks on Y", "suffered shelling by X", "won the backing of X", "arrested X for the
killing of Y"): the actor from a possessor, a modifier, "by", a light verb's subject or a charge; the
target from the noun's prepositions, an "aimed at" clause, the verb it is the instrument of ("hit X
with sanctions") or the one harmed in it. Used by kg.extract.events."""

from __future__ import annotations

from typing import Any

from kg.extract.event_ends import _pobj, ends, entity, target, verb_actor
from kg.extract.event_lexicon import Lexicon, TriggerClass, argument_words, trigger_lexicon
from kg.extract.speakers import EntityIndex


def receiver_verb(noun: Any, lex: Lexicon) -> Any:
    """The verb of receiving whose object ``noun`` is ("had the backing of X", "won X's support")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.receiving_verbs:
        return noun.head
    amount = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if amount is not None and amount.dep_ == "dobj" and amount.pos_ == "NUM" \
            and amount.head.lemma_.lower() in lex.receiving_verbs:
        return amount.head  # "received $2 billion in aid from X": the amount is what is received
    return None


def pair_before(noun: Any, index: EntityIndex) -> tuple[list[str], list[str]] | None:
    """The two parties named before a meeting noun ("the Putin-Erdogan meeting", "US-China talks"):
    two or more entities inside its pre-modifiers, with no possessor among them."""
    if noun.left_edge.i == noun.i or any(c.dep_ == "poss" for c in noun.children):
        return None
    ids = index.ids_within(noun.left_edge.idx, noun.idx)
    return ([ids[0]], ids[1:]) if len(ids) >= 2 else None


def sufferer_verb(noun: Any, lex: Lexicon) -> Any:
    """The verb of suffering whose object ``noun`` is ("suffered attacks", "came under shelling")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.suffering_verbs:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in lex.suffering_verbs:
        return noun.head.head
    return None


def sufferer(verb: Any, index: EntityIndex) -> list[str]:
    """The verb's own subject (never one found by climbing to a governing verb: "troops were sent to
    repel incursions by X" does not say who the incursions hit)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return ends(verb.head, index)  # "the town, which suffered shelling by X"
    return ends(subj, index)


def inflicter(noun: Any, index: EntityIndex) -> list[str]:
    """Who inflicts what one suffers: the possessor or a modifier ("suffered Russian strikes"), or the
    "by"/"from" object, on the noun or on the verb ("came under shelling from government troops")."""
    found_owner = owner(noun, index)
    if found_owner:
        return [found_owner]
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    for c in (*noun.children, *verb.children):
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            found = _pobj(c, index)
            if found:
                return found
    return []


def owner(noun: Any, index: EntityIndex) -> str | None:
    """The entity a noun's possessor or a modifier before it names ("Trump's backing", "the Russian
    strikes"): modifiers precede the noun, so they come before any prepositional phrase after it."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < noun.i):
            found = entity(c, index) if c.dep_ == "poss" else index.best_within(
                c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if found:
                return found
    return None


def giver(noun: Any, index: EntityIndex, verb: Any) -> list[str]:
    """Who gives the support one receives: the possessor ("won Trump's backing"), a modifier, or
    the "of"/"from" object ("had the backing of the union")."""
    found_owner = owner(noun, index)
    if found_owner:
        return [found_owner]
    for c in (*noun.children, *verb.children):  # "received aid from Iran": the prep may hang off the verb
        if c.dep_ == "prep" and (c.lower_ == "from" or (c.lower_ == "of" and c.head.i == noun.i)):
            givers = _pobj(c, index)
            if givers:
                return givers
    return []


def noun_actor(noun: Any, index: EntityIndex, lex: Lexicon) -> list[str]:
    pronoun = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pronoun is not None:  # "the Kremlin launched its strikes": the light verb's subject first
        return carrier_actor(noun, index, lex) or ends(pronoun, index)
    found_owner = owner(noun, index)  # "Russia's strikes", "the Russian strikes"
    if found_owner:
        return [found_owner]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            agents = _pobj(c, index)
            if agents:
                return agents
    return carrier_actor(noun, index, lex)


def accused(noun: Any, index: EntityIndex, lex: Lexicon) -> list[str]:
    """The one charged, arrested or convicted for an event is its actor: "police arrested X for the
    killing of Y", "X was charged with murder in the shooting of Y" (the justice verb's object, or
    its passive subject)."""
    cur = noun
    for _ in range(2):
        if cur.dep_ not in ("pobj", "pcomp") or cur.head.lower_ not in ("for", "in", "over", "with", "of"):
            return []  # "accused X of the bombing", "accused of killing Y" (a gerund: pcomp)
        head = cur.head.head
        if head.pos_ == "VERB" and head.lemma_.lower() in lex.accusing_verbs:
            if any(p.dep_ == "prep" and p.lower_ in ("for", "with", "of") and g.dep_ == "pobj" and g.i != cur.i
                   and g.lemma_.lower() not in lex.lemmas for p in head.children for g in p.children):
                return []  # "arrested X for complicity in the killing": the charge is another act
            for dep in ("nsubjpass", "dobj"):
                who = next((c for c in head.children if c.dep_ == dep), None)
                if who is not None:
                    return ends(who, index)
            return []
        if head.lemma_.lower() not in lex.lemmas:
            return []  # "charged with complicity in the killing": helping is not doing
        cur = head  # "charged with murder in the shooting": through a charge that names the act
    return []


_TIME_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "amid"})
# a noun in one of these is the setting of the verb it hangs from ("discussed the case with X at a
# meeting"): the verb's own objects are not the noun's
_SETTING_PREPS = _TIME_PREPS | {"at"}


def carrier_actor(noun: Any, index: EntityIndex, lex: Lexicon) -> list[str]:
    """The subject of the light verb that carries an event noun ("X launched attacks")."""
    charged = accused(noun, index, lex)
    if charged:
        return charged
    cur = noun
    if cur.dep_ == "compound":  # "training mercenaries": the phrase is governed by its head
        cur = cur.head
    if cur.dep_ in ("pobj", "pcomp"):
        cur = cur.head
    if with_act(noun, lex) is not None:  # "the US hit Russia with sanctions": who hits imposes them
        return verb_actor(with_act(noun, lex), index)
    if cur.dep_ == "prep" and cur.lower_ == "in" and cur.head.lemma_.lower() in argument_words("part_nouns"):
        holder = next((c for c in cur.head.children if c.dep_ == "poss"), None)
        if holder is not None:  # "Serbia's role in the shelling of Mostar": Serbia takes part
            return ends(holder, index)
        cur = cur.head  # "played a part in the raid": the verb above the part
        if cur.dep_ != "dobj":
            return []
        return verb_actor(cur.head, index) if cur.head.pos_ in ("VERB", "AUX") else []
    held = cur.dep_ == "prep" and cur.head.lemma_.lower() in argument_words("responsibility_nouns")
    if held:
        cur = cur.head  # "claimed responsibility for the bombing": the verb above the noun
    if cur.dep_ == "prep" or (cur.dep_ in ("dobj", "nsubjpass", "attr") and (cur == noun or held)):
        verb = cur.head
        if verb.lemma_.lower() not in lex.light_verbs or (cur.dep_ == "prep" and cur.lower_ in _TIME_PREPS):
            return []  # "after her meeting with X, the ministry announced ...": a time, not what it announced
        if cur.dep_ == "prep" and cur.lower_ in ("in", "during", "at", "after", "before") and any(
                c.dep_ == "dobj" and c.lemma_.lower() not in ("part", "role") for c in verb.children):
            return []  # "offered advice to X in the debates": the verb carries its object, the noun is a setting
        if verb.lemma_.lower() in argument_words("stative_verbs"):  # "the embassy is engaged in recruitment"
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.i != noun.i:
                return ends(subj, index)
        return verb_actor(verb, index) if verb.pos_ in ("VERB", "AUX") else []
    return []


def aimed_at(noun: Any, index: EntityIndex) -> list[str]:
    """The target a clause on the event noun names: "attacks aimed at civilians", "strikes targeting
    the rebels", "the raids, which appear to have been aimed at farmers"."""
    for c in noun.children:
        if c.dep_ not in ("acl", "relcl"):
            continue
        verb = next((g for g in c.children if g.dep_ == "xcomp"), c) if c.lemma_.lower() == "seem" else c
        if verb.lemma_.lower() in argument_words("aiming_verbs"):
            found = target(verb, index, ("at", "against"), objects=verb.tag_ == "VBG", purpose=False)
            if found:
                return found
    return []


def with_act(noun: Any, lex: Lexicon) -> Any:
    """The verb an event noun is the instrument of, when that verb has an object: "hit Russia with
    sanctions", "pounded the town with airstrikes" (the verb does to its object what the noun names;
    "met with rebels", "responded with strikes" have no object). Only acts one suffers (attacks,
    threats, sanctions, coercion): "threatened its neighbours with weapons" arms nobody."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "with" or noun.head.head.pos_ != "VERB":
        return None
    if not any(c.type in lex.suffering_types for c in lex.classes_of.get(noun.lemma_.lower(), ())):
        return None
    verb = noun.head.head
    return verb if any(c.dep_ == "dobj" for c in verb.children) else None


def harmed_in(noun: Any, cls: TriggerClass) -> Any:
    """"Three soldiers were killed in an attack by X", "two men died in the shelling": the one harmed
    in an event is its target (the passive subject of a verb of harm of the same class, or the subject
    of "die"); the caller reads the actor off the noun."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during") or noun.head.head.pos_ != "VERB":
        return None
    verb = noun.head.head
    lemma = verb.lemma_.lower()
    dep = "nsubj" if lemma in argument_words("die_verbs") else "nsubjpass" if lemma in cls.verbs else None
    return next((c for c in verb.children if c.dep_ == dep), None) if dep else None


def noun_target(noun: Any, index: EntityIndex, cls: TriggerClass) -> list[str]:
    if noun.dep_ == "compound" and cls.objects:
        return ends(noun.head, index)  # "training mercenaries"
    # "the killing of X": X is hit; with ``object: false`` the "of" object is what is moved or
    # recruited, not the target ("the deployment of troops to X", "the recruitment of fighters for X")
    found = target(noun, index, cls.preps + (("of",) if cls.objects else ()), objects=False, purpose=cls.purpose)
    if found:
        return found
    verb = with_act(noun, trigger_lexicon())
    if verb is not None:  # "pounded the town with airstrikes": the verb's object is hit
        return ends(next(c for c in verb.children if c.dep_ == "dobj"), index)
    aimed = aimed_at(noun, index)
    if aimed:
        return aimed
    harmed = harmed_in(noun, cls)
    if harmed is not None:
        found = ends(harmed, index)
        if found:
            return found
    if noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.lower_ not in _SETTING_PREPS):
        # "engaged in recruitment to populate X", "imposed sanctions on X": the rest hangs off the verb
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        return target(verb, index, cls.preps, objects=False, purpose=cls.purpose)
    return []
