"""Generic and descriptive actors: "mercenaries", "Swedish mercenaries", "NATO instructors",
"security forces", "a Kurdish militia", "the international legion".

News names many parties by a common noun. Named-entity recognition leaves them out, so events
between them ("gunmen killed three civilians") had no ends. A head noun from the team's agents
lexicon (``schema/agents.yaml``) becomes a Group or Organization candidate with a normalised
``agent_type`` (military, police, rebels, government, civilians, ...) and, when a qualifier names
one, a ``country``: a demonym ("Swedish"), a country ("mercenaries from Sweden") or a parent
organisation ("NATO instructors") in the phrase.

The node id is the head lemma, the kind modifier and the qualifiers' entity ids (a demonym counts
as its state), so "Swedish mercenaries" and "mercenaries from Sweden" are one node while "Wagner
mercenaries" and "Swedish mercenaries" stay apart. A bare definite use ("the mercenaries") joins
the latest qualified actor of the same head in the article (coreference by head noun).

Candidates are only offered to the relation rules; an actor becomes an entity of the extraction
when some relation uses it (``Extraction.entities``), so vague nouns never clutter the graph alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg import settings, yamlfile
from kg.extract.nlp import candidates
from kg.extract.speakers import EntityIndex
from kg.geo.reference import reference
from kg.ids import make_id
from kg.model import Entity, Span

_QUAL_DEPS = ("amod", "compound", "nmod", "poss")
_QUANTITIES = frozenset({"score", "dozen", "hundred", "thousand", "million", "more", "several", "many"})
_DEFINITE = frozenset({"the", "these", "those", "this", "that"})


@dataclass(frozen=True)
class AgentLexicon:
    heads: dict[str, tuple[str, str]]  # lemma -> (label, agent_type)
    needs_qualifier: frozenset[str]
    kinds: dict[str, str]  # modifier -> agent_type
    numeral_verbs: frozenset[str] = frozenset()  # "killed 12": the number counts people
    non_actor_heads: frozenset[str] = frozenset()  # "the Minsk agreement", "the Syria policy": no party
    non_actor_names: frozenset[str] = frozenset()  # last words of names of laws ("the Clean Water Act")
    people_types: frozenset[str] = frozenset()  # agent types of ordinary people, not bodies

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(self.heads)


@lru_cache(maxsize=2)
def agent_lexicon(path: str | None = None) -> AgentLexicon:
    """The agents lexicon (``schema/agents.yaml``), read once per process."""
    src = path or str(settings.schema_dir() / "agents.yaml")
    with open(src, encoding="utf-8") as fh:
        data = yamlfile.loads(fh.read()) or {}
    heads = {str(k): (str(v[0]), str(v[1])) for k, v in (data.get("heads") or {}).items()}
    kinds = {str(k): str(v[0]) for k, v in (data.get("kind_modifiers") or {}).items()}
    return AgentLexicon(heads, frozenset(data.get("needs_qualifier") or ()), kinds,
                        frozenset(data.get("numeral_victim_verbs") or ()),
                        frozenset(data.get("non_actor_heads") or ()), frozenset(data.get("non_actor_names") or ()),
                        frozenset(data.get("people_types") or ()))


@dataclass
class Actor:
    id: str
    label: str
    name: str
    agent_type: str
    country: str | None = None  # entity id of the state the qualifiers name
    head: str = ""
    qualified: bool = False
    mentions: list[Span] = field(default_factory=list)

    def entity(self) -> Entity:
        props: dict[str, Any] = {"agent_type": self.agent_type}
        if self.country:
            props["country"] = self.country
        return Entity(self.id, self.label, self.name, mentions=sorted(self.mentions, key=lambda s: s.start),
                      properties=props)


def find_actors(doc: Any, index: EntityIndex, text: str, article_id: str = "",
                lex: AgentLexicon | None = None) -> list[Actor]:
    """Every generic actor phrase of ``doc`` not already covered by a named entity at its head.
    An actor without a qualifier ("the army", "protesters") is the article's own: its id carries
    ``article_id``, since "protesters" in two articles are rarely the same people."""
    lex = lex or agent_lexicon()
    by_id: dict[str, Actor] = {}
    latest: dict[str, Actor] = {}  # head lemma -> latest qualified actor (for "the mercenaries")
    for i in candidates(doc, lex.lemmas):
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = tok.lemma_.lower()
        named = index.best_within(tok.idx, tok.idx + len(tok.text), tok.idx)
        if named is not None and not _is_demonym(index, named):
            continue  # "the Security Council", "the Ukrainian embassy in Dushanbe": a named entity
        label, agent_type = lex.heads[lemma]
        quals, kind, words, start, end = _qualifiers(tok, index, lex)
        if kind and kind not in ("foreign", "unknown"):
            agent_type = kind
        qualified = bool(quals or words)
        if not qualified:
            det = next((c.lower_ for c in tok.children if c.dep_ == "det"), "")
            prior = latest.get(lemma)
            if det in _DEFINITE and prior is not None:
                prior.mentions.append(Span(tok.idx, tok.idx + len(tok.text), tok.text))
                continue
            if lemma in lex.needs_qualifier and not (kind and tok.i > 0 and doc[tok.i - 1].lower_ in lex.kinds):
                continue  # "the group", "the government": too vague alone (coreference reads them);
                # a kind word right before the head makes the party definite enough ("security
                # forces", "opposition forces"; not "special interest groups"), the article's own node
        country = next((c for c in (_country_of(index, q) for q in quals) if c), None)
        key = [lemma, kind or "", *sorted(_country_of(index, q) or q for q in quals), *sorted(words)]
        if not qualified:
            key.append(f"article:{article_id}")
        aid = make_id(label, "agent", *key)
        actor = by_id.get(aid)
        if actor is None:
            actor = by_id[aid] = Actor(aid, label, _name(tok, quals, index, text), agent_type, country, lemma,
                                       qualified)
        actor.mentions.append(Span(start, end, text[start:end]))
        if qualified:
            latest[lemma] = actor
    _numerals(doc, lex, by_id, article_id)
    return list(by_id.values())


def _numerals(doc: Any, lex: AgentLexicon, by_id: dict[str, Actor], article_id: str) -> None:
    """"They killed 12 and wounded 30 more": a bare number object of a verb of harm counts
    people; it joins the article's generic "people" actor."""
    for i in candidates(doc, lex.numeral_verbs):
        verb = doc[i]
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and (c.pos_ == "NUM" or c.lemma_.lower() in _QUANTITIES) \
                    and not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children):  # "dozens of X": X
                aid = make_id("Group", "agent", "people", "", f"article:{article_id}")
                actor = by_id.setdefault(aid, Actor(aid, "Group", "people", "civilians", head="people"))
                actor.mentions.append(Span(c.idx, c.idx + len(c.text), c.text))


def _name(tok: Any, quals: list[str], index: EntityIndex, text: str) -> str:
    """A readable name: the qualifiers as adjectives before the head, whatever their place in the
    text ("mercenaries from Sweden" -> "Swedish mercenaries", "instructors from NATO-aligned
    forces" -> "NATO instructors"), after the other modifiers ("foreign", "security", "Houthi")."""
    kinds = agent_lexicon().kinds
    words = [c.text for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and not _cut_off(c, tok)
             and not index.best_within(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), c.idx)
             and (c.lower_ in kinds or (c.text[:1].isupper() and c.i != c.sent.start))]  # what the id keeps
    named = [_qualifier_name(q, tok, index, text) for q in quals]
    if named:  # "foreign mercenaries from Sweden": the state says more than "foreign"
        words = [w for w in words if kinds.get(w.lower()) != "foreign"]
    head = tok.text.lower() if tok.pos_ == "NOUN" else tok.text  # "Mercenaries from Sweden ..."
    words = [w.lower() if i == 0 and not named and w.lower() in kinds else w
             for i, w in enumerate(words)]  # "Unknown gunmen ..." at a sentence start
    name = " ".join([*dict.fromkeys(named), *words, head])
    return name if name[:1].isupper() or not name else name[0].lower() + name[1:]


def _cut_off(mod: Any, head: Any) -> bool:
    """A "modifier" a bracket separates from its head ("(Jane Doe/Reuters) Gunmen attacked"): a
    caption or credit the parser ran into the phrase."""
    return any(t.text in ("(", ")", "/") for t in head.doc[mod.i + 1:head.i])


def _qualifier_name(eid: str, tok: Any, index: EntityIndex, text: str) -> str:
    ent = index.by_id[eid]
    code = ent.geo.country_code if ent.label == "Country" and ent.geo else ent.properties.get("country_code")
    if code:
        state = reference().states.get(str(code))
        if state is not None and state.demonyms:
            return str(state.demonyms[0])
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    spans = [text[s:e] for s, e, i in index.within(lo, hi) if i == eid]
    return spans[0] if spans else ent.name


def _is_demonym(index: EntityIndex, eid: str) -> bool:
    ent = index.by_id[eid]
    return ent.label == "Group" and "country" in ent.properties


def _country_of(index: EntityIndex, eid: str) -> str | None:
    ent = index.by_id.get(eid)
    if ent is None:
        return None
    if ent.label == "Country":
        return ent.id
    state = ent.properties.get("country")
    return str(state) if state else None


def _qualifiers(tok: Any, index: EntityIndex, lex: AgentLexicon
                ) -> tuple[list[str], str | None, list[str], int, int]:
    """(qualifier entity ids, kind modifier, other proper-noun descriptors, span start, span end)."""
    quals: list[str] = []
    words: list[str] = []
    kind: str | None = None
    start, end = tok.idx, tok.idx + len(tok.text)
    for c in tok.lefts:
        if c.dep_ not in _QUAL_DEPS or _cut_off(c, tok) or c.tag_ == "VBN":
            continue  # ("US-backed militias": a backer is a relation, not the militias' nationality)
        found = index.best_within(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), c.idx)
        low = c.lower_
        if found:
            quals.append(found)
        elif low in lex.kinds:
            kind = kind or lex.kinds[low]
        elif c.text[:1].isupper() and c.i != c.sent.start:
            words.append(low)  # "Islamist militants", "Houthi rebels": a named kind
        else:
            continue
        start = min(start, c.left_edge.idx)
    for c in tok.rights:  # "mercenaries from Sweden", "instructors from NATO-aligned forces"
        if c.dep_ == "prep" and c.lower_ == "from":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            found = index.best_within(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
            if found and index.label(found) in ("Country", "Organization", "Group"):
                quals.append(found)
                end = obj.right_edge.idx + len(obj.right_edge.text)
    return quals, kind, words, start, end
