"""Event triggers and their arguments: who did what to whom, where and when.

A trigger is a verb or an event noun of ``schema/events.yaml``, each under one domain relation type
of ``schema/ontology.yaml`` (which names the type's PLOVER category: ``event_type``).

* verb: the source is its subject (or passive agent, or, for a clause hanging off a verb, that
  verb's subject: "X threatened to strike Y"; its object when it is a request: "urged X to ...");
  the target its direct object (``object: false`` types skip it: "recruit fighters FOR the
  legion"), the subject of a passive ("Y was attacked by X"), or a prepositional object ("against");
* noun: the actor is a possessor ("Russia's invasion"), a modifier ("Israeli strikes"), "by X", or
  the subject of a light verb it is the object of ("X launched attacks on Y"); any other governing
  verb ("endorsed the invasion") gives no actor; a definite one without an actor takes the actor of
  a recent event of its type ("X bombed Y. The strikes killed ...": ``Recent``);
* an act or instrument as a harm verb's subject lends its actor ("Russian strikes killed 20");
  coordinated parties of a mutual act face each other ("X and Y met", "clashes between X and Y").

Every end may be coordinated ("mercenaries and saboteurs"), a generic actor (kg.extract.actors),
or a pronoun / definite description resolved by kg.extract.coref. The phrase-to-entity rules
shared with the structural relations are in kg.extract.event_ends, the arguments of event nouns in
kg.extract.event_nouns, the lexicon in kg.extract.event_lexicon and the word senses it needs in
kg.extract.trigger_sense. ``place`` is a Place/Country given by "in/at/near" on the trigger; ``date``
a DATE phrase on it. A verb or noun of disapproval whose object is an act targets the act's author
("condemned this attack"); a refused meeting or support is a rejection (kg.extract.relations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.event_ends import (
    between,
    ends,
    entity,
    has_purpose,
    needs_party_missing,
    passive_agent,
    target,
    verb_actor,
)
from kg.extract.event_lexicon import Lexicon, TriggerClass, argument_words, trigger_lexicon
from kg.extract.event_nouns import (
    accused,
    giver,
    inflicter,
    noun_actor,
    noun_target,
    pair_before,
    receiver_verb,
    sufferer,
    sufferer_verb,
)
from kg.extract.event_setting import event_date as _date
from kg.extract.event_setting import event_place as _place
from kg.extract.speakers import EntityIndex
from kg.extract.trigger_sense import sense_ok

__all__ = ["Event", "Lexicon", "Recent", "TriggerClass", "ends", "entity", "events_at", "target", "trigger_lexicon",
           "verb_actor"]


@dataclass(frozen=True)
class Event:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    trigger: Any  # the spaCy token
    place: str | None = None
    date: str | None = None
    alleged: bool = False  # read off a charge or an arrest ("arrested X for the killing of Y")


_SYMMETRIC = frozenset({"MEETS_WITH"})  # its nouns take both parties as modifiers: "the US-China talks"
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_RECALL = 2  # sentences back a definite event noun may refer ("... struck Y. The strikes killed ...")


@dataclass
class Recent:
    """The actor of the latest event of each type in the article so far, for a definite event noun
    without an actor of its own that refers back to it: "Russian jets bombed Aleppo on Monday. The
    strikes killed 20 civilians" (the strikes are Russia's). ``sent`` is the current sentence number
    (the caller advances it); an event more than ``_RECALL`` sentences back is no antecedent."""
    sent: int = 0
    actors: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)

    def note(self, rtype: str, sources: list[str]) -> None:
        if sources:
            self.actors[rtype] = (self.sent, tuple(sources))

    def actor(self, rtype: str, noun: Any) -> list[str]:
        """The actor a definite, unpossessed event noun of ``rtype`` takes from a recent event."""
        got = self.actors.get(rtype)
        if got is None or self.sent - got[0] > _RECALL:  # most nouns stop here
            return []
        deps = {c.dep_: c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
        return list(got[1]) if deps.get("det") in _DEFINITE and "poss" not in deps else []


def events_at(tok: Any, index: EntityIndex, lex: Lexicon, recent: Recent | None = None) -> list[Event]:
    """The events triggered by ``tok`` (usually none: one set look-up for most tokens). ``recent``:
    the article's latest events, read by definite event nouns and noted by every event with an actor."""
    recent = recent if recent is not None else Recent()
    lemma = tok.lemma_.lower()
    if lemma not in lex.lemmas:  # every class below needs its verb or noun: most tokens stop here
        return []
    out = []
    arg = tok
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in argument_words("containers"):
        arg = tok.head  # "the bombing campaign against X": the campaign carries the arguments
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in argument_words("containers") \
            and tok.head.head.pos_ == "NOUN":
        arg = tok.head.head  # "a wave of bombings by X", "a series of raids on Y": likewise
    for cls in lex.classes_of[lemma]:
        if not sense_ok(tok, cls):
            continue
        alleged = False
        if tok.pos_ == "VERB" and lemma in cls.verbs and tok.dep_ == "amod" and tok.tag_ == "VBN":
            # "Kremlin-backed separatists", "Iranian-funded militias": the modifier's own left part acts
            doer = index.best_within(tok.left_edge.idx, tok.idx) if tok.left_edge.i < tok.i else None
            # ("the Kremlin-funded broadcaster RT": kg.extract.event_ends reads the name in apposition)
            src, dst = ([doer] if doer else []), [e for e in ends(tok.head, index) if e != doer]
        elif tok.pos_ == "VERB" and lemma in cls.verbs:
            charged = accused(tok, index, lex) if tok.dep_ == "pcomp" else []
            src, dst = charged or verb_actor(tok, index) or _act_subject(tok, index, lex, cls, recent), \
                _verb_target(tok, index, cls)
            alleged = bool(charged)  # "X was charged with killing Y": charged, not found
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in cls.nouns and not needs_party_missing(arg, lemma):
            if cls.type in lex.receiving_types and receiver_verb(arg, lex) is not None:
                src, dst = giver(arg, index, receiver_verb(arg, lex)), verb_actor(receiver_verb(arg, lex), index)
            elif cls.type in lex.suffering_types and sufferer_verb(arg, lex) is not None:
                src, dst = inflicter(arg, index), sufferer(sufferer_verb(arg, lex), index)
            else:
                src, dst = noun_actor(arg, index, lex), noun_target(arg, index, cls)
                if not src and cls.type not in _SYMMETRIC:
                    pair = between(arg, index)  # "fighting between troops and rebels": each fights
                    src, dst = (pair[:1], pair[1:]) if len(pair) >= 2 else (src, dst)  # the other
            alleged = bool(src) and src == accused(arg, index, lex)
        else:
            continue
        if not dst and src and cls.type in argument_words("author_types"):
            dst = _author(arg, index, lex, recent)  # "condemned this cowardly attack": its author
        if cls.type in argument_words("against_each_other_types") and (_figurative(arg) if tok.pos_ in ("NOUN", "PROPN") else any(
                c.dep_ == "dobj" and c.lemma_.lower() in lex.lemmas and _figurative(c) for c in tok.children)):
            continue  # "the trade war between X and Y", "fought a legal battle": no force
        if cls.type in _SYMMETRIC and tok.pos_ in ("NOUN", "PROPN"):
            if not dst:
                src, dst = pair_before(arg, index) or (src, dst)  # "the Putin-Erdogan meeting"
            elif not src and len(dst) >= 2:
                src, dst = dst[:1], dst[1:]  # "talks between Russia and Turkey"
        if not src and tok.pos_ in ("NOUN", "PROPN"):
            src = recent.actor(cls.type, arg)  # "... bombed Y. The strikes killed ...": the strikes are X's
        recent.note(cls.type, src)
        if not dst and len(src) >= 2 and lemma in argument_words("reciprocal") and not (
                cls.type in argument_words("against_each_other_types") and has_purpose(tok)):
            src, dst = src[:1], src[1:]  # "Putin and Erdogan met", "troops and rebels clashed"
        dst = [d for d in dst if d not in src]  # "Norway and Denmark support the government": the
        # government (resolved to the nearest state) is never one of the event's own actors
        if src and dst:
            rtype = cls.type
            if lemma in lex.verbal_words and _verbal(tok, src, dst, index, lex):
                rtype = lex.verbal_type or rtype  # "Albers attacked Keel in posts": words, not force
            out.append(Event(rtype, tuple(src), tuple(dst), tok, _place(tok, index), _date(tok), alleged))
    return out


def _author(head: Any, index: EntityIndex, lex: Lexicon, recent: Recent) -> list[str]:
    """Who did the act a verb or noun of disapproval is about: "condemned the attack by X",
    "denounced this cowardly attack" (after "X attacked ..."), "criticism of the strikes": the act's
    own actor, else the actor of a recent event of its type that a definite act noun refers to."""
    for c in head.children:
        act = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None) \
            if c.dep_ == "prep" and c.lower_ == "of" else None
        if act is None or act.lemma_.lower() not in lex.lemmas or act.pos_ != "NOUN":
            continue
        kind = next((k for k in lex.classes_of[act.lemma_.lower()] if act.lemma_.lower() in k.nouns), None)
        if kind is not None and kind.type not in argument_words("author_types"):
            return noun_actor(act, index, lex) or recent.actor(kind.type, act)
    return []


def _figurative(noun: Any) -> bool:
    """A fight in words or money: "a trade war", "a legal battle"."""
    return any(c.dep_ in ("compound", "amod") and c.lower_ in argument_words("figurative_modifiers")
               for c in noun.children)


def _act_subject(verb: Any, index: EntityIndex, lex: Lexicon, cls: TriggerClass, recent: Recent) -> list[str]:
    """The actor of a verb of harm whose subject is the act itself or its instrument: "Russian air
    strikes killed 20 civilians", "a bomb planted by the group wounded two", "the shelling killed
    five" (after "government troops shelled the town": the shelling is theirs). The act's own actor
    (possessor, modifier, "by"), else the actor of the recent event a definite act noun refers to."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    lemma = subj.lemma_.lower()
    if lemma not in argument_words("instruments") and not any(c.type == cls.type and lemma in c.nouns
                                                              for c in lex.classes_of.get(lemma, ())):
        return []
    return noun_actor(subj, index, lex) or recent.actor(cls.type, subj)


def _verbal(tok: Any, src: list[str], dst: list[str], index: EntityIndex, lex: Lexicon) -> bool:
    """An attack in words: between people ("Albers attacked Keel"), by a named person on anything
    but a place ("Clinton attacked her opponent", "attacked the party"), or with a reason given
    ("attacked X over his tax returns", "for his vote"). Force is used on places and by armed groups."""
    if any(c.dep_ == "advmod" and c.lower_ in argument_words("physical_manner") for c in tok.children):
        return False  # "sexually assaulted", "physically attacked": the body, not words
    if any(c.dep_ == "prep" and (c.lower_ in lex.verbal_preps or (c.lower_ in ("in", "during", "on") and any(
            g.dep_ == "pobj" and g.lemma_.lower() in lex.verbal_media for g in c.children))) for c in tok.children):
        return True
    if all(index.label(e) == "Person" for e in src):
        return not any(index.label(e) in ("Place", "Country") for e in dst)
    return False


def _verb_target(verb: Any, index: EntityIndex, cls: TriggerClass) -> list[str]:
    if verb.dep_ == "conj" and verb.head.dep_ == "acl" and verb.head.tag_ == "VBN" and verb.tag_ == "VBN" \
            and cls.objects and passive_agent(verb) is not None:
        verb = verb.head  # "a fighter captured and tortured by troops": both participles describe him
    # (an "acl" with a "by" agent is a participle even when the tagger calls it a past tense: "the
    # killer - shot dead by police - had ...")
    if verb.dep_ in ("acl", "relcl") and (verb.tag_ == "VBN" or verb.dep_ == "acl") and cls.objects \
            and passive_agent(verb) is not None \
            and not any(c.dep_ == "nsubjpass" for c in verb.children):
        found = ends(verb.head, index)  # "the killer, shot dead by police": the noun it describes
        if not found and verb.head.dep_ == "attr" and any(a.lower_ == "to" for a in verb.children):
            # "X is the third town to be shelled by Y": X (not "X is a network financed by Y")
            subj = next((c for c in verb.head.head.children if c.dep_ == "nsubj"), None)
            found = ends(subj, index) if subj is not None else []
        if found:
            return found
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    verb_subj = verb
    if not passive and verb.dep_ == "conj" and any(c.dep_ == "agent" for c in verb.children):
        passive = any(c.dep_ == "nsubjpass" for c in verb.head.children)  # "bribed or blackmailed by X"
        verb_subj = verb.head
    subj_dep = "nsubjpass"
    if not passive and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children) \
            and any(c.dep_ == "nsubj" for c in verb.head.children):
        passive, verb_subj, subj_dep = True, verb.head, "nsubj"  # "Russia attacked Y and was condemned by X"
    if not passive and cls.objects:
        reduced = _reduced_participle(verb_subj if verb_subj is not verb else verb)
        if reduced is not None:  # "a sailor wounded and captured by pirates (was freed)": the
            passive, verb_subj, subj_dep = True, reduced, "nsubj"  # parser's subject is the one harmed
    if passive:
        subj = next(c for c in verb_subj.children if c.dep_ == subj_dep)
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subj = verb.head  # "a student who was stabbed by ...": the noun the clause describes
        if cls.objects:
            found = ends(subj, index)
            if found:
                return found
    found = target(verb, index, cls.preps, objects=cls.objects and not passive, purpose=cls.purpose)
    if not found and verb.lemma_.lower() in argument_words("act_object_verbs"):
        act = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "threatened strikes on Y"
        lex = trigger_lexicon()
        if act is not None and act.lemma_.lower() in lex.lemmas:
            found = target(act, index, lex.classes_of[act.lemma_.lower()][0].preps, objects=False, purpose=False)
    if not found and cls.objects and not passive and not any(c.dep_ == "dobj" for c in verb.children):
        for c in verb.children:  # "bombarding and starving the villagers": the object is shared
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == verb.i + 2 and verb.doc[verb.i + 1].dep_ == "cc" \
                    and any(g.dep_ == "dobj" for g in c.children):  # only "X-ed and Y-ed Z", nothing between
                return target(c, index, (), purpose=False)
    if not found:
        found = _mandated(verb, index)
    return found


def _reduced_participle(verb: Any) -> Any:
    """A participle the parser read as an active main verb, its noun as subject: "A Chilean
    sailor wounded and captured by pirates has been freed" (no auxiliary, no object, a "by"
    agent on it or on its coordinated participle). Returns the verb that holds the subject."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    return verb if passive_agent(verb) is not None or any(
        c.dep_ == "conj" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children) for c in verb.children) \
        else None


def _mandated(verb: Any, index: EntityIndex) -> list[str]:
    """The subject of a mandative clause: "demanded that Pyongyang stop its tests", "asked that the
    government return him" (a bare verb after "that": what the subject must do is asked of it)."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.tag_ == "VB" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                and not any(a.dep_ == "aux" for a in c.children):
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            return ends(subj, index) if subj is not None else []
    return []

