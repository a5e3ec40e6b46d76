"""The entities at the ends of an event: the phrase a word heads (its entity, coordinated phrases,
a modifier's or possessor's entity, a pronoun's antecedent), a verb's actor (subject, passive agent,
the subject of the verb a clause hangs from, the object of a request) and the target among a head's
dependents (object, prepositional object, purpose clause). Used by kg.extract.events and by the
structural rules of kg.extract.relations."""

from __future__ import annotations

from typing import Any

from kg.extract.actors import agent_lexicon
from kg.extract.coref import antecedent
from kg.extract.entities import PERSON_ROLES
from kg.extract.event_lexicon import argument_words, trigger_lexicon
from kg.extract.speakers import EntityIndex


def ends(tok: Any, index: EntityIndex) -> list[str]:
    """The entities a phrase and the phrases coordinated with it stand for; a head that stands for
    its "of" object stands for each coordinated one ("the leaders of Niger and Burkina Faso")."""
    out: list[str] = []
    for t in (tok, *_conjuncts(tok)):
        found = entity(t, index)
        if found and found not in out:
            out.append(found)
    if len(out) == 1 and tok.pos_ == "NOUN" and tok.lemma_.lower() not in trigger_lexicon().lemmas:
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if obj is not None and entity(obj, index) == out[0]:
            for c in _conjuncts(obj):
                found = entity(c, index)
                if found and found not in out:
                    out.append(found)
    return out


def _conjuncts(tok: Any) -> list[Any]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(g for g in c.children if g.dep_ == "conj")
    return out


def entity(tok: Any, index: EntityIndex) -> str | None:
    """The entity a noun phrase stands for: at its head, a left modifier, its from/of object, or
    its antecedent when it is a pronoun or a definite description."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None  # "no militia has claimed ...": nobody
    found = index.best_within(tok.idx, tok.idx + len(tok.text), tok.idx)
    if found:
        return found
    if tok.lemma_.lower() in agent_lexicon().non_actor_heads:
        return None  # "the Minsk agreement" is no Minsk, "the Clean Water Act" no party
    for c in tok.rights:  # "the junta's chief, Min Aung Hlaing": the name in apposition, before any modifier
        if c.dep_ == "appos" and c.pos_ == "PROPN":  # (a common noun there is no name: "voters, especially women")
            found = index.best_within(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), c.idx)
            if found:
                return found
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            found = index.best_within(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if found and not (tok.tag_ == "NNS" and c.dep_ != "poss" and index.label(found) == "Place"):
                return found  # "two Vermont developers" are people from a place, not the place
        if c.dep_ == "poss" and c.pos_ == "PRON" and tok.lemma_.lower() in argument_words("forces"):
            found = antecedent(c, index)  # "his regime", "its troops": the possessor acts through them
            if found:
                return found
    if tok.tag_ == "NN" and tok.lemma_.lower() in PERSON_ROLES and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
            or (c.dep_ in ("amod", "compound") and c.text[:1].isupper())
            for c in tok.children):  # ("the president of France", "the Russian president": no title look-up)
        holder = index.titled(tok.left_edge.idx, tok.lower_)  # "the (suspended) president": the
        if holder:  # person the article gave that title ("President Mendes")
            return holder
    event_noun = tok.lemma_.lower() in trigger_lexicon().lemmas  # "the invasion of Iraq" is no Iraq
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("from", "of") and not event_noun:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and tok.pos_ in ("NOUN", "PROPN", "NUM"):  # "hundreds of Iraqis"
                found = entity(obj, index)
                if found:
                    return found
    return antecedent(tok, index)


def passive_agent(verb: Any) -> Any:
    """The "by" object of a passive participle, or of a participle coordinated with it: in "were
    beaten and robbed by police", "a fighter captured and tortured by troops" the parser hangs the
    agent on the last participle, but it did both."""
    obj = _own_agent(verb)
    if obj is not None or verb.tag_ != "VBN":  # most verbs stop here
        return obj
    if any(c.dep_ == "dobj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in verb.children):
        return None  # a perfect ("has attacked Y and been arrested by X") is no passive
    for c in verb.children:
        if c.dep_ == "conj" and c.tag_ == "VBN" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            obj = _own_agent(c)
            if obj is not None:
                return obj
    return None


def _own_agent(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


_CONTROLLED_PREPS = frozenset({"after", "before", "upon", "on", "since", "while", "by", "at"})
_OBJECT_CONTROLLED = frozenset({"on", "at"})  # with an object, its gerund is the object's ("praised X on ...")


def verb_actor(verb: Any, index: EntityIndex) -> list[str]:
    cur, via = verb, ""  # ``via``: the dependency the walk last climbed along
    for _ in range(4):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cur.children)
        obj = passive_agent(cur)
        if obj is not None:
            return ends(obj, index)
        if passive and cur.i == verb.i:
            return []  # "they were charged": no agent, no actor (never the governing verb's subject)
        subjects = [c for c in cur.children if c.dep_ == "nsubj"]
        if not subjects and via == "prep":  # "Russia's drills are aimed at intimidating its neighbours":
            # the passive verb's subject does the act (never through a purpose clause: "Taiwan was
            # encircled to pressure X" does not say Taiwan pressures)
            subjects = [c for c in cur.children if c.dep_ == "nsubjpass"]
        for c in subjects:  # the parser may hang two subjects on one verb ("The act, in which X
            # killed 49 people, ..."): the first that names a party is the actor
            if c.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                heads = ends(cur.head, index)  # "who" never stands for a place
                found = [h for h in heads if c.lower_ != "who" or index.label(h) not in ("Place", "Country")]
            else:
                found = ends(c, index)
            if found:
                return found
        if subjects:
            return []
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in argument_words("request_verbs"):
            obj = next((c for c in cur.head.children if c.dep_ in ("dobj", "dative", "nsubjpass")), None)
            return ends(obj, index) if obj is not None else []  # "urged Iran to strike": Iran acts
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "nsubjpass" for c in cur.children):
            found = ends(cur.head, index)  # "the militia that attacked the town"
            if found or not (cur.dep_ == "acl" and cur.head.dep_ in ("dobj", "attr")
                             and any(a.lower_ == "to" for a in cur.children)):
                return found
            holder = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if holder is not None:  # "praised Ames's decision to sanction Iran": Ames decides
                return ends(holder, index)
            if cur.head.dep_ == "dobj" and cur.head.head.lemma_.lower() not in argument_words("holding_verbs") | trigger_lexicon().light_verbs:
                return []  # "praised the decision to sanction Iran": the one who praises does not decide
            cur = cur.head.head  # "he has the right to attack Iran": the holder of the right acts
            continue
        if cur.dep_ == "pcomp" and cur.head.lower_ == "for" and cur.head.head.lemma_.lower() in argument_words("responsibility_nouns") | {"responsible"}:
            cur = cur.head.head.head  # "X were responsible for shooting down Y", "claimed responsibility
            continue  # for killing Y": the one answerable for the act is its actor
        if cur.dep_ == "pcomp" and cur.head.lower_ == "in" and cur.head.head.lemma_.lower() in argument_words("stative_verbs"):
            held = next((c for c in cur.head.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            return ends(held, index) if held is not None else []  # "X is engaged in torturing Y"
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head != cur:
            cur, via = cur.head, cur.dep_
            continue
        adjective = cur if cur.dep_ == "acomp" else cur.head if cur.dep_ == "prep" and cur.head.dep_ == "acomp" else None
        if adjective is not None and adjective.lemma_.lower() in argument_words("disposition_adjectives"):
            cur, via = cur.head, cur.dep_  # "Iran is ready to negotiate with X", "we remain committed to
            continue  # supporting X": the one who is ready acts (kg.extract.modality gives the mode)
        if cur.dep_ == "prep" and cur.lower_ in _CONTROLLED_PREPS and cur.head.pos_ in ("VERB", "AUX"):
            obj = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
            if obj is not None and cur.lower_ in _OBJECT_CONTROLLED:
                return ends(obj, index)  # "congratulated Putin on annexing Crimea": Putin annexed it
            cur, via = cur.head, cur.dep_  # "Scholz spoke after meeting with Xi", "by bombing the
            continue  # town": the subject of the verb the phrase modifies does it
        return []
    return []




def target(head: Any, index: EntityIndex, preps: tuple[str, ...], objects: bool = True,
           purpose: bool = True) -> list[str]:
    """The target among ``head``'s dependents: its object, a prepositional object, or (``purpose``)
    the object of a purpose clause ("recruitment to populate the legion")."""
    if objects:
        for c in head.children:
            if c.dep_ in ("dobj", "dative"):
                found = ends(c, index)
                if found:
                    return found
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            found = _pobj(c, index)
            if found:
                return found
        if c.dep_ == "dobj" and c.lemma_.lower() not in trigger_lexicon().lemmas:
            # "recruiting fighters for the regiment": the prep hangs off the object (not off an
            # event noun: "endorsed the invasion of Iraq" does not endorse Iraq)
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps:
                    found = _pobj(p, index)
                    if found:
                        return found
        if purpose and c.dep_ in ("advcl", "xcomp", "relcl", "acl") and any(a.lower_ == "to" for a in c.children):
            found = target(c, index, preps + ("for",))  # purpose: "to populate the legion"
            if found:
                return found
    return []


def _pobj(prep: Any, index: EntityIndex) -> list[str]:
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return ends(obj, index) if obj is not None else []


def needs_party_missing(noun: Any, lemma: str) -> bool:
    """A noun whose event sense needs its party or a plural ("charges against X", "filed charges"):
    singular and without "against"/"with" it means something else ("took charge of the army")."""
    return (lemma in argument_words("needs_party") and noun.tag_ == "NN"
            and not any(c.dep_ == "prep" and c.lower_ in ("against", "with") for c in noun.children))


def has_purpose(verb: Any) -> bool:
    """"Students and residents fought to save the park": a verb with a purpose of its own is done
    together, for something, not to each other."""
    return verb.pos_ == "VERB" and any(c.dep_ in ("xcomp", "advcl") and any(g.lower_ == "to" and g.dep_ == "aux"
                                                                            for g in c.children)
                                       for c in verb.children)


def between(noun: Any, index: EntityIndex) -> list[str]:
    """The parties of "<event noun> between X and Y" (a mutual act: clashes, a battle, a war)."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    return _pobj(prep, index) if prep is not None else []
