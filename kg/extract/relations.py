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

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

import numpy

from kg.extract import cues
from kg.extract.actors import Actor, agent_lexicon, find_actors
from kg.extract.coref import note_speakers, resolved
from kg.extract.event_lexicon import argument_words
from kg.extract.events import Recent, events_at, target, trigger_lexicon, verb_actor
from kg.extract.events import entity as _entity
from kg.extract.modality import WILFUL, headline_spans, is_question, modality
from kg.extract.nlp import candidates, text_of
from kg.extract.roles import title_roles
from kg.extract.speakers import EntityIndex
from kg.model import Article, Claim, Entity, Relation, Span
from kg.schema import Schema, load_schema

_ROLE_VERBS = cues.words("lead head chair run direct command govern")
_ROLE_NOUNS = cues.words("head leader chief chairman chair president minister secretary director "
                         "commander spokesman spokeswoman spokesperson ambassador envoy premier")
_PARTICIPATE = cues.words("attend participate join address host")
_SUBJ = ("nsubj", "nsubjpass")

Found = tuple[str, str, str, Any, dict[str, Any]]  # type, source, target, anchor token, extras


def find_relations(doc: Any, article: Article, entities: list[Entity], claims: list[Claim],
                   schema: Schema | None = None) -> list[Relation]:
    """Every typed relation found in ``doc`` (see ``find_events`` for the actors they use)."""
    return find_events(doc, article, entities, claims, schema)[0]


def find_events(doc: Any, article: Article, entities: list[Entity], claims: list[Claim],
                schema: Schema | None = None) -> tuple[list[Relation], list[Entity]]:
    """Every typed relation found in ``doc``, and the generic actors (kg.extract.actors) they name,
    as new entities of the article. Ids merge the same relation with the same status and mode.
    ``schema``: the caller's, so a corpus run does not look the schema file up for every article."""
    schema = schema or load_schema()
    lex = trigger_lexicon()
    things = agent_lexicon().non_actor_names
    text = text_of(doc)
    index = EntityIndex(entities)
    actors = find_actors(doc, index, text, article.id)
    actor_entities = [a.entity() for a in actors]
    index.refresh(entities + actor_entities, text)  # (role nouns read the words around a mention)
    speaking = _speaking_actors(claims, actors)  # before the events: their relations cite the speaker
    note_speakers(doc, [(c.content.start, c.content.end, c.speaker.entity) for c in claims
                        if c.content and c.speaker and c.speaker.entity])
    out: dict[str, Relation] = {}
    # only two kinds of token can start a relation: a trigger word (events), or the head word of a
    # mention (structural relations read off the phrase it heads); each kind is looked up once per doc
    triggers = set(candidates(doc, lex.lemmas))
    heads = _mention_heads(doc, index)
    starts = sorted(triggers | heads)
    headlines = headline_spans(text)
    if headlines:  # a headline's parse is a noun phrase: no relation starts there
        starts = [i for i in starts if not any(s <= doc[i].idx < e for s, e in headlines)]
    recent = Recent()  # the latest event actors, for "the strikes" in a later sentence
    for sent in doc.sents:
        recent.sent += 1
        here = starts[bisect_left(starts, sent.start): bisect_left(starts, sent.end)]
        if not here or is_question(sent):  # most sentences of an article start nothing
            continue
        found: list[Found] = []
        for i in here:
            tok = doc[i]
            if i in triggers:
                for ev in events_at(tok, index, lex, recent):
                    extras = {"place": ev.place, "date": ev.date, "alleged": ev.alleged}
                    found.extend((ev.type, s, d, tok, extras) for s in ev.sources for d in ev.targets)
            if i in heads:
                found.extend((*f, {}) for f in _structural(tok, index))
        for rtype, src, dst, anchor, extras in found:
            if src == dst or not schema.allows(rtype, index.label(src), index.label(dst)):
                continue
            if schema.relationships[rtype].domain and (_no_party(index, src, things) or _no_party(index, dst, things)):
                continue  # "sponsored the Clean Water Act": a law NER tagged as a name is no party
            rel = _relation(rtype, src, dst, anchor, extras, sent, claims, schema, index)
            if rel is not None:
                out.setdefault(_key(rel), rel)
    _title_roles(doc, text, entities, claims, schema, index, out)
    used = {r.source for r in out.values()} | {r.target for r in out.values()} | speaking
    _coreferent_mentions(doc, index, used, text)
    return list(out.values()), [a for a in actor_entities if a.id in used]


def _speaking_actors(claims: list[Claim], actors: list[Actor]) -> set[str]:
    """Generic actors that speak ("Protesters said ...", "Police in Chicago said"): a claim whose
    speaker phrase names no entity gets the actor at the phrase's head word. Returns their ids (they
    become the article's entities, like actors in relations)."""
    spans = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)
    found: set[str] = set()
    if not spans:
        return found
    for claim in claims:
        sp = claim.speaker
        if sp is None or sp.entity is not None or sp.head is None:
            continue  # ("Critics of the police said": the critics speak, not the police)
        inside = next((aid for s, e, aid in spans if s <= sp.head < e), None)
        if inside is not None:
            sp.entity, sp.entities = inside, [inside]
            found.add(inside)
    return found


def _title_roles(doc: Any, text: str, entities: list[Entity], claims: list[Claim], schema: Schema,
                 index: EntityIndex, out: dict[str, Relation]) -> None:
    """HOLDS_ROLE from titles ("NATO Secretary General Jens Stoltenberg", kg/extract/roles.py)."""
    for tr in title_roles(text, entities):
        body = index.by_id[tr.body].label if tr.body in index.by_id else "Country"  # a nationality word's state
        if not schema.allows("HOLDS_ROLE", index.label(tr.person), body):
            continue
        span = doc.char_span(tr.start, tr.end, alignment_mode="expand")
        if span is None:
            continue
        rel = _relation("HOLDS_ROLE", tr.person, tr.body, span[0], {}, span.sent, claims, schema, index)
        if rel is not None:
            rel.role = tr.role
            out.setdefault(rel.id, rel)


def to_states(relations: list[Relation], entities: list[Entity]) -> list[Relation]:
    """Once the places stage has named a nationality word's state (kg/extract/toponyms.py
    ``demonym_places``), what belongs to the nationality belongs to the state: "the Russian Foreign
    Ministry" is AFFILIATED_WITH Russia, not with the word "Russian". Relations whose ends are not
    among the article's entities are dropped (a state that was never named)."""
    by_id = {e.id: e for e in entities}
    out: dict[str, Relation] = {}

    def state_of(eid: str, people: bool = True) -> str | None:
        end = by_id.get(eid)
        state = end.properties.get("country") if end is not None and end.label == "Group" else None
        if not isinstance(state, str) or state not in by_id:
            return None
        if not people and end is not None:  # only a nationality word that modifies a noun is its state
            # ("the Russian strikes"; the places stage gave the state those spans as demonyms), not one
            # that names people ("crowds of Americans", "gunmen shot an American")
            modifiers = {m.start for m in by_id[state].mentions if m.kind == "demonym"}
            if any(m.start not in modifiers for m in end.mentions):
                return None
        return state

    for rel in relations:
        state = state_of(rel.target)
        if rel.type == "AFFILIATED_WITH" and state and state != rel.source:
            rel = replace(rel, target=state, id=Relation.make_id(rel.type, rel.source, state, rel.status, rel.mode))
        elif rel.event_type:  # "the Russian strikes", "Iranian-backed militias": a nationality word that
            # acts or is acted on is its state (an actor with a kind, "Russian troops", keeps its node)
            src, dst = (state_of(e, people=False) if e in by_id and "agent_type" not in by_id[e].properties
                        else None for e in (rel.source, rel.target))
            src, dst = src or rel.source, dst or rel.target
            if (src, dst) != (rel.source, rel.target) and src != dst:
                rel = replace(rel, source=src, target=dst,
                              id=Relation.make_id(rel.type, src, dst, rel.status, rel.mode))
        if rel.source in by_id and rel.target in by_id:
            out.setdefault(_key(rel), rel)
    return list(out.values())


def _key(rel: Relation) -> str:
    """One record per relation and sentence for events (two meetings of the same pair on different
    days keep both sentences and dates; the graph unions them on one edge, ``count`` = sentences),
    one per relation for what a phrase says of an entity ("the Russian embassy" in every paragraph)."""
    return f"{rel.id}@{rel.evidence[0]}" if rel.event_type else rel.id


def _no_party(index: EntityIndex, eid: str, things: frozenset[str]) -> bool:
    """An entity whose name ends with a word for a law, document or agreement ("the Patriot Act")."""
    ent = index.by_id[eid]
    if ent.label == "Person":
        return False  # "Nathan Law", "Bill Hale": a person's surname is no document
    words = ent.name.lower().split()
    return bool(words) and words[-1] in things


def _coreferent_mentions(doc: Any, index: EntityIndex, used: set[str], text: str) -> None:
    """A pronoun or description resolved to an entity that a relation names is a mention of it
    ("They killed 12 soldiers": "They" is the bombers). Places and countries keep only their
    toponyms as mentions (the map shows toponyms, not "it")."""
    for i, eid in resolved(doc).items():
        ent = index.by_id.get(eid)
        if ent is None or eid not in used or ent.label in ("Place", "Country"):
            continue
        tok = doc[i]
        span = Span(tok.idx, tok.idx + len(tok.text), text[tok.idx: tok.idx + len(tok.text)])
        if span not in ent.mentions:
            ent.add_mentions(span)


def _relation(rtype: str, src: str, dst: str, anchor: Any, extras: dict[str, Any], sent: Any,
              claims: list[Claim], schema: Schema, index: EntityIndex) -> Relation | None:
    """Status, attribution and mode of one found relation; None when the text says it did not happen."""
    claim = _innermost(claims, anchor)
    rt = schema.relationships[rtype]
    if claim is not None and claim.status == "negated" and rt.domain:
        cue = anchor.doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        if cue is None or cue.root.lemma_.lower() in cues.SPEECH_VERBS:
            return None  # "did not say that Russia attacked ...": nobody claims it happened
        claim = None  # "did not condemn Russia's strikes": the strikes are the writer's fact
    # a hedge ("allegedly", "reportedly") qualifies the sentence's events, not what its phrases say of
    # their parts ("an Armenian soldier allegedly killed by ..." is Armenian whatever happened to him)
    hedged = rt.domain and (_hedged(sent) or extras.get("alleged"))
    status = claim.status if claim else ("alleged" if hedged else "asserted")
    speaker = claim.speaker.entity if claim and claim.speaker else None
    mode = None
    if rt.domain and not extras.get("alleged"):
        # (an act read off a charge keeps its actor whatever became of the charge: "the jurors
        # declined to indict X for the shooting of Y" still says whom the shooting is laid on)
        mod = modality(anchor)
        if mod.denied_by is not None:  # "Russia denied attacking Ukraine": the denier says it did not
            denier = verb_actor(mod.denied_by, index)
            status, speaker = "denied", (denier[0] if denier else speaker)
        elif mod.negated:
            if claim is None or (mod.refused_by is not None and claim.cue.start <= mod.refused_by.idx < claim.cue.end):
                rejects = _rejection(rtype, src, dst, mod.refused_by, schema, index)
                if rejects is None:
                    return None  # the writer says it did not happen ("X refused to attack Y", "did not meet")
                rtype, rt, extras = rejects, schema.relationships[rejects], {}  # "X refused to meet Y"
                status = claim.status if claim else "asserted"
                mod = replace(mod, mode=None)
            else:
                status = "denied"
        mode = mod.mode
    rid = Relation.make_id(rtype, src, dst, status, mode)
    return Relation(id=rid, type=rtype, source=src, target=dst, evidence=(sent.start_char, sent.end_char),
                    status=status, claim=claim.id if claim else None, asserted_by=speaker,
                    event_type=rt.plover, mode=mode,
                    place=extras.get("place"), date=extras.get("date"))


def _rejection(rtype: str, src: str, dst: str, refused_by: Any, schema: Schema, index: EntityIndex) -> str | None:
    """The type a writer's "X refused to meet/negotiate with/support Y" becomes: X rejects Y (PLOVER
    REJECT); None for any other negated event ("X refused to attack Y", "was unable to meet Y")."""
    if refused_by is None or rtype not in argument_words("refusable_types") or refused_by.lemma_.lower() not in WILFUL:
        return None  # ("was unable to meet Y", "postponed talks with Y": no will against Y)
    rejects = next(iter(argument_words("refusal_type")), "")
    if rejects not in schema.relationships or not schema.allows(rejects, index.label(src), index.label(dst)):
        return None
    return rejects


def _mention_heads(doc: Any, index: EntityIndex) -> set[int]:
    """The tokens of each mention that reach outside it: its root (the word whose head lies outside;
    several when the mention is no constituent) and any word with a dependent outside ("the
    Committee of the Red Cross in Kampala": "in" may hang off "Cross"). Structural rules read a
    phrase off its head and its dependents, so the other words of a mention add nothing. Read from
    the Doc's arrays (no Span or Token objects per mention)."""
    from spacy.attrs import HEAD, IDX

    if not index.mentions or not len(doc):
        return set()
    arr = doc.to_array([IDX, HEAD]).astype("int64")  # HEAD: offset of the head from the token
    n = len(doc)
    ids = numpy.arange(n)
    head = arr[:, 1] + ids
    lo, hi = ids.copy(), ids.copy()  # the first and last child of each token (itself when none)
    numpy.minimum.at(lo, head, ids)
    numpy.maximum.at(hi, head, ids)
    starts, heads, first, last = arr[:, 0].tolist(), head.tolist(), lo.tolist(), hi.tolist()
    out: set[int] = set()
    for s, e, _eid in index.mentions:
        a, b = max(0, bisect_right(starts, s) - 1), bisect_left(starts, e)
        out.update(i for i in range(a, b) if not a <= heads[i] < b or first[i] < a or last[i] >= b)
    return out


# ---------- structural relations ----------

def _structural(tok: Any, index: EntityIndex) -> list[tuple[str, str, str, Any]]:
    out: list[tuple[str, str, str, Any]] = []
    here = index.best_within(tok.idx, tok.idx + len(tok.text), tok.idx)
    if here is None:
        return out
    label = index.label(here)
    kids = list(tok.children)  # one walk over the dependents serves every rule below
    rights = [c for c in kids if c.i > tok.i]
    # "X, who leads Y" / "X, head of Y" / "X, a member of Y"
    if label == "Person":
        for c in kids:
            if c.dep_ == "relcl" and c.lemma_.lower() in _ROLE_VERBS:
                for role in target(c, index, ()):
                    out.append(("HOLDS_ROLE", here, role, c))
    if tok.dep_ == "appos" or any(c.dep_ == "appos" for c in kids):
        for c in kids:
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
    for c in rights:
        if c.dep_ == "prep" and c.lower_ in ("in", "at"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            dst = index.best_within(obj.idx, obj.idx + len(obj.text), obj.idx) if obj is not None else None
            if dst and index.label(dst) in ("Place", "Country"):
                out.append(("TOOK_PLACE_IN" if label == "Event" else "LOCATED_IN", here, dst, c))
    # demonym or state inside an organisation's own mention: "the Ukrainian embassy"
    if label in ("Organization", "Group"):
        for c in kids:
            if c.i < tok.i and c.dep_ in ("amod", "compound", "poss", "nmod"):
                dst = index.best_within(c.idx, c.idx + len(c.text), c.idx)
                if dst and index.label(dst) == "Group":  # a demonym stands for its state when known
                    state = index.by_id[dst].properties.get("country")
                    dst = state if state in index.by_id else dst
                # one body beside another is no membership ("the WikiLeaks Sony dump") unless owned ("Google's YouTube")
                org_by_org = label == "Organization" and dst and index.label(dst) == "Organization" and c.dep_ != "poss"
                if dst and dst != here and index.label(dst) in ("Country", "Group", "Organization") and not org_by_org:
                    out.append(("AFFILIATED_WITH", here, dst, c))
    # "mercenaries from Sweden", "officials from Russia": the group acts for its origin state;
    # a generic actor also for an organisation ("instructors from NATO-aligned forces")
    if label in ("Group", "Person", "Organization"):
        generic = "agent_type" in index.by_id[here].properties
        for c in rights:
            if c.dep_ == "prep" and c.lower_ == "from":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                dst = None
                if obj is not None:
                    lo = obj.left_edge.idx if generic else obj.idx
                    dst = index.best_within(lo, obj.idx + len(obj.text), obj.idx)
                ok = ("Country", "Organization") if generic else ("Country",)
                if dst and index.label(dst) in ok:
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

def _innermost(claims: list[Claim], anchor: Any) -> Claim | None:
    """The narrowest claim around the trigger that vouches for it: not one of mere intention ("X
    planned to attack Y" inside "prosecutors said ...": the prosecutors say so; see cues.INTENT_VERBS)."""
    pos, doc = anchor.idx, anchor.doc
    inside = [c for c in claims if c.content and c.content.start <= pos < c.content.end
              and not _intent(doc, c)]
    return min(inside, key=lambda c: c.content.end - c.content.start) if inside else None  # type: ignore[union-attr]


def _intent(doc: Any, claim: Claim) -> bool:
    cue = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
    return cue is not None and cue.root.lemma_.lower() in cues.INTENT_VERBS


def _hedged(sent: Any) -> bool:
    low = text_of(sent.doc)[sent.start_char:sent.end_char].lower()
    return any(t.lower_ in cues.HEDGE_WORDS for t in sent) or any(p in low for p in cues.HEDGE_PHRASES)
